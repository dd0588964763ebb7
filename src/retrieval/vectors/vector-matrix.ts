import { MinHeap } from '../chunking/min-heap.js';

/**
 * dot-product.wat, compiled (wabt's wat2wasm with SIMD). A test rebuilds it from the source and compares,
 * so the two cannot drift. WebAssembly SIMD scans 100,000 × 384 floats in ~6 ms on one core where the
 * best plain-JavaScript loop takes ~40 ms.
 */
const DOT_PRODUCT_WASM =
  'AGFzbQEAAAABCQFgBX9/f39/AAIPAQNlbnYGbWVtb3J5AgABAwIBAAcKAQZzY29yZXMAAAq0AgGxAgIFfwR7IARBAnQhCSACIANBAnRqIQgCQANAIAIgCE8NAf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACENIAAhByABIQYgACAJaiEFA0AgCiAH/QAEACAG/QAEAP3mAf3kASEKIAsgB/0ABBAgBv0ABBD95gH95AEhCyAMIAf9AAQgIAb9AAQg/eYB/eQBIQwgDSAH/QAEMCAG/QAEMP3mAf3kASENIAdBwABqIQcgBkHAAGohBiAHIAVJDQALIAogC/3kASAMIA395AH95AEhCiACIAr9HwAgCv0fAZIgCv0fAiAK/R8DkpI4AgAgBSEAIAJBBGohAgwACwsL';

/** The few pieces of the WebAssembly JS API used here (the project's TypeScript libs leave out the DOM's). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export const DOT_PRODUCT_WASM_BYTES = Buffer.from(DOT_PRODUCT_WASM, 'base64');
const dotProductModule = new wasm.Module(DOT_PRODUCT_WASM_BYTES);

type ScoresFunction = (matrix: number, query: number, out: number, rows: number, stride: number) => void;

const PAGE = 65_536;
const FLOAT = 4;
/** The kernel takes 16 floats per step: rows are zero-padded to a multiple of it. */
const LANES = 16;

/**
 * Unit vectors of one dimension in a WebAssembly memory of their own, scored against a query by dot
 * product (= cosine for unit vectors). Layout, in floats: the query (one padded row), the rows, then
 * one score per row. Rows are appended while loading and never change afterwards; a matrix that went
 * stale is replaced whole.
 */
export class VectorMatrix {
  readonly stride: number;
  private readonly memory: WasmMemory;
  private readonly kernel: ScoresFunction;
  private floats: Float32Array;
  private count = 0;

  constructor(
    readonly dimensions: number,
    expectedRows: number,
  ) {
    this.stride = Math.ceil(dimensions / LANES) * LANES;
    this.memory = new wasm.Memory({ initial: pagesFor(this.floatsFor(Math.max(expectedRows, 1))) });
    const instance = new wasm.Instance(dotProductModule, { env: { memory: this.memory } });
    this.kernel = instance.exports.scores as ScoresFunction;
    this.floats = new Float32Array(this.memory.buffer);
  }

  get rows(): number {
    return this.count;
  }

  /** Bytes held (the memory's whole size). */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  append(vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`a ${vector.length}-dimension vector in a ${this.dimensions}-dimension matrix`);
    }
    const needed = this.floatsFor(this.count + 1);
    if (needed > this.floats.length) {
      // Growing detaches the old view; doubling keeps appends amortised.
      this.memory.grow(pagesFor(Math.max(needed, this.floats.length * 2)) - this.memory.buffer.byteLength / PAGE);
      this.floats = new Float32Array(this.memory.buffer);
    }
    this.floats.set(vector, this.stride * (1 + this.count));
    this.count++;
  }

  /** Every row's dot product with `query` (same dimension); a view that the next call overwrites. */
  scores(query: Float32Array): Float32Array {
    const { stride, count } = this;
    this.floats.fill(0, 0, stride);
    this.floats.set(query.subarray(0, this.dimensions), 0);
    const out = stride * (1 + count);
    this.kernel(stride * FLOAT, 0, out * FLOAT, count, stride);
    return this.floats.subarray(out, out + count);
  }

  /** Floats for the query, `rows` rows and their scores. */
  private floatsFor(rows: number): number {
    return this.stride * (1 + rows) + rows;
  }
}

function pagesFor(floats: number): number {
  return Math.ceil((floats * FLOAT) / PAGE);
}

/** The positions of the `k` highest scores, best first (ties: lower position first). */
export function topPositions(scores: Float32Array, k: number): number[] {
  if (k <= 0) return [];
  const heap = new MinHeap();
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (heap.size < k) heap.push(score, i);
    else if (score > heap.peek()) {
      heap.pop();
      heap.push(score, i);
    }
  }
  const found: { position: number; score: number }[] = [];
  while (heap.size > 0) {
    const score = heap.pop();
    found.push({ position: heap.poppedValue, score });
  }
  return found.sort((a, b) => b.score - a.score || a.position - b.position).map((entry) => entry.position);
}

/** The vector scaled to length 1 as float32 (a zero vector stays zero: it matches nothing). */
export function unitVector(vector: ArrayLike<number>, unit = new Float32Array(vector.length)): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < vector.length; i++) unit[i] = vector[i] * scale;
  return unit;
}

/**
 * `unitVector` of each, as views of one buffer: a group of vectors costs one allocation outside the
 * JavaScript heap rather than one per vector (a 50 MB file has ~60,000), and dies with the group.
 */
export function unitVectors(vectors: ArrayLike<number>[]): Float32Array[] {
  const length = vectors.length > 0 ? vectors[0].length : 0;
  const floats = new Float32Array(vectors.length * length);
  return vectors.map((vector, i) => unitVector(vector, floats.subarray(i * length, (i + 1) * length)));
}
