// The bench's embedding model: dense vectors of 384 dimensions, as sentence-embedding models give.
// The tests' mock (hashed bags of words) puts a text's ~40 words on ~40 of 384 axes, every other
// component zero: nothing like a real model's vectors, and nearest-neighbour search over them is far
// easier or harder than over real ones in ways that make a recall figure meaningless. Here each word
// has a fixed pseudo-random direction (Gaussian components, seeded by the word) and a text is the unit
// sum of its words' directions: every component is non-zero, texts that share words are near, and
// the words common to every text give all vectors a shared component, as real embeddings have.
import { randomStream } from './corpus.js';

export const BENCH_DIMENSIONS = 384;

const directions = new Map<string, Float32Array>();

/** The unit vector of `text`. */
export function benchEmbedding(text: string): number[] {
  const sum = new Float64Array(BENCH_DIMENSIONS);
  for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const direction = directionOf(word);
    for (let i = 0; i < BENCH_DIMENSIONS; i++) sum[i] += direction[i];
  }
  let norm = 0;
  for (let i = 0; i < BENCH_DIMENSIONS; i++) norm += sum[i] * sum[i];
  norm = Math.sqrt(norm);
  if (norm === 0) return Array.from(sum, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(sum, (x) => x / norm);
}

function directionOf(word: string): Float32Array {
  let direction = directions.get(word);
  if (!direction) {
    const random = randomStream(fnv1a(word));
    direction = new Float32Array(BENCH_DIMENSIONS);
    // Box–Muller: pairs of uniform draws make pairs of standard normal components.
    for (let i = 0; i < BENCH_DIMENSIONS; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - random()));
      const angle = 2 * Math.PI * random();
      direction[i] = radius * Math.cos(angle);
      if (i + 1 < BENCH_DIMENSIONS) direction[i + 1] = radius * Math.sin(angle);
    }
    directions.set(word, direction);
  }
  return direction;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
