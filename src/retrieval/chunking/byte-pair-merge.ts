import { MinHeap } from './min-heap.js';

/** The tokens of a piece's bytes: their ids, and the byte offset where each ends. */
export interface MergedTokens {
  ids: number[];
  byteEnds: number[];
}

const SHARED_BYTES = 4096;

/**
 * tiktoken's byte-pair merge: the adjacent pair whose bytes form the lowest-ranked token joins first (the
 * leftmost on a tie), until no pair is a token. A heap of candidate pairs keeps it O(n log n), where
 * js-tiktoken's scan is quadratic (100k Chinese characters without punctuation take ~30 s there); the
 * work arrays are reused, and pairs of single bytes, most of the lookups, come from a flat table.
 */
export class BytePairMerger {
  /** rank of the token made of bytes (a, b) at a × 256 + b; -1 when there is none. */
  private readonly bytePairs = new Int32Array(256 * 256).fill(-1);
  /** Reused for pieces up to SHARED_BYTES; a longer one gets its own, so a huge word leaves no huge arrays. */
  private readonly shared = workspace(SHARED_BYTES);

  /** `ranks`: token bytes (one char per byte, latin1) → rank, which is the token id. */
  constructor(private readonly ranks: Map<string, number>) {
    for (const [bytes, rank] of ranks) {
      if (bytes.length === 2) this.bytePairs[bytes.charCodeAt(0) * 256 + bytes.charCodeAt(1)] = rank;
    }
  }

  merge(bytes: string): MergedTokens {
    const n = bytes.length;
    const { next, prev, alive, heap } = n < SHARED_BYTES ? this.shared : workspace(n);
    const { ranks, bytePairs } = this;
    // Parts are linked boundaries: part b spans [b, next[b]).
    for (let b = 0; b <= n; b++) {
      next[b] = b + 1;
      prev[b] = b - 1;
      alive[b] = 1;
    }
    // Keys are rank × 2^32 + start: the lowest rank first, then the leftmost; the value is the pair's end.
    const offer = (start: number) => {
      const end = next[next[start]];
      const rank =
        end - start === 2
          ? bytePairs[bytes.charCodeAt(start) * 256 + bytes.charCodeAt(start + 1)]
          : (ranks.get(bytes.slice(start, end)) ?? -1);
      if (rank >= 0) heap.push(rank * 2 ** 32 + start, end);
    };
    for (let b = 0; b + 1 < n; b++) offer(b);
    while (heap.size > 0) {
      const key = heap.pop();
      const end = heap.poppedValue;
      const start = key >>> 0;
      const middle = next[start];
      // Stale entries (a side already merged elsewhere) no longer describe two neighbouring parts.
      if (!alive[start] || middle >= end || next[middle] !== end) continue;
      alive[middle] = 0;
      next[start] = end;
      prev[end] = start;
      if (start > 0) offer(prev[start]);
      if (end < n) offer(start);
    }
    const ids: number[] = [];
    const byteEnds: number[] = [];
    for (let b = 0; b < n; b = next[b]) {
      ids.push(ranks.get(bytes.slice(b, next[b]))!);
      byteEnds.push(next[b]);
    }
    return { ids, byteEnds };
  }
}

function workspace(bytes: number) {
  return {
    next: new Int32Array(bytes + 1),
    prev: new Int32Array(bytes + 1),
    alive: new Uint8Array(bytes + 1),
    heap: new MinHeap(),
  };
}
