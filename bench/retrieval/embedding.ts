// The bench's embedding model: dense vectors of 384 dimensions that behave like a sentence-embedding
// model's. The tests' mock (hashed bags of words) puts a text's words on a few dozen of 384 axes, every
// other component zero; summing a random direction per word instead gives dense vectors, but ones with
// no structure (the corpus's words are drawn independently): a query's nearest chunks are then hardly
// nearer than any other (cosine 0.5 against 0.5 with raw counts, 0.3 against 0.05 weighted), which is
// the known worst case of every approximate index and nothing like real embeddings. Real models' vectors
// span far fewer directions than their dimension (an intrinsic dimension of a few dozen). So here:
// - each word has a direction made of LATENT shared directions (Gaussian weights seeded by the word)
//   plus a little noise of its own, so every component is non-zero;
// - a text is the unit sum of its distinct words' directions, each weighted by how rare the word is
//   (the log of its inverse frequency in the corpus), as models mostly ignore function words.
// Measured over 100,000 bench chunks: unrelated chunks have cosine ~0.04, a question's nearest chunk
// ~0.64 (a MiniLM model gives about 0.05 and 0.5–0.7), and pgvector's HNSW (m 16, ef_construction 64)
// finds 0.99 of the exact top 10 at ef_search 200, 0.94 at 100, as published figures on real
// embeddings have it; on the unstructured vectors it found 0.32.
import { randomStream, wordFor } from './corpus.js';

export const BENCH_DIMENSIONS = 384;
/** Shared directions words are made of, and the share of a word's own noise. */
const LATENT = 32;
const NOISE = 0.3;
/** The corpus's vocabulary (corpus.ts): its words by Zipf rank. */
const VOCABULARY = 20_000;

const directions = new Map<string, Float32Array>();
let ranks: Map<string, number> | undefined;
let basis: Float32Array[] | undefined;

/** The unit vector of `text`. */
export function benchEmbedding(text: string): number[] {
  const sum = new Float64Array(BENCH_DIMENSIONS);
  const words = new Set(Array.from(text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), ([word]) => word));
  for (const word of words) {
    const direction = directionOf(word);
    const weight = weightOf(word);
    for (let i = 0; i < BENCH_DIMENSIONS; i++) sum[i] += weight * direction[i];
  }
  let norm = 0;
  for (let i = 0; i < BENCH_DIMENSIONS; i++) norm += sum[i] * sum[i];
  norm = Math.sqrt(norm);
  if (norm === 0) return Array.from(sum, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(sum, (x) => x / norm);
}

/** How much a word says about a text: the log of its inverse frequency (Zipf: p = 1 / (rank × H), H ≈ ln V). */
function weightOf(word: string): number {
  ranks ??= new Map(Array.from({ length: VOCABULARY }, (_, i) => [wordFor(i), i + 1]));
  const rank = ranks.get(word) ?? VOCABULARY;
  return Math.log(rank * Math.log(VOCABULARY));
}

function directionOf(word: string): Float32Array {
  let direction = directions.get(word);
  if (!direction) {
    basis ??= Array.from({ length: LATENT }, (_, t) => gaussians(0x9e3779b9 + t, BENCH_DIMENSIONS));
    const seed = fnv1a(word);
    const mix = gaussians(seed, LATENT);
    direction = gaussians(seed ^ 0x5bd1e995, BENCH_DIMENSIONS);
    for (let i = 0; i < BENCH_DIMENSIONS; i++) direction[i] *= NOISE;
    for (let t = 0; t < LATENT; t++) {
      const row = basis[t];
      const weight = mix[t] / Math.sqrt(LATENT);
      for (let i = 0; i < BENCH_DIMENSIONS; i++) direction[i] += weight * row[i];
    }
    directions.set(word, direction);
  }
  return direction;
}

/** `count` standard normal draws, the same for the same seed. */
function gaussians(seed: number, count: number): Float32Array {
  const random = randomStream(seed);
  const out = new Float32Array(count);
  // Box–Muller: pairs of uniform draws make pairs of normal ones.
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
