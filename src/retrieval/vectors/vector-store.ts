import type { HitChunk } from './chunk-vectors.repository.js';
import type { EmbeddingSpace } from './embedding-spaces.repository.js';

/** A chunk found by vector search: cosine similarity to the query, -1 to 1. */
export interface VectorHit {
  chunkId: number;
  similarity: number;
  /** The chunk itself, when the store read it with the ranking (pgvector's index search does). */
  chunk?: HitChunk;
}

/** A space whose vectors can be searched: its dimension is known. */
export type SearchableSpace = EmbeddingSpace & { dimensions: number };

/**
 * How chunk vectors are ranked. Both kinds read the same `chunk_vector` rows in the main database
 * (so every instance sees every write at once); they differ in where the ranking runs.
 */
export abstract class VectorStore {
  /** `pgvector`: PostgreSQL ranks (HNSW index per space); `in_process`: this process scans a copy it keeps fresh. */
  abstract readonly kind: 'pgvector' | 'in_process';

  /** The `k` chunks of the collections nearest to the (unit) query vector, nearest first. */
  abstract nearest(space: SearchableSpace, collections: string[], query: Float32Array, k: number): Promise<VectorHit[]>;

  /** A space now has vectors of a known dimension (pgvector builds its index). */
  abstract prepare(space: SearchableSpace): Promise<void>;

  /** Spaces were deleted: let go of what was kept for them. */
  abstract forget(spaceIds: number[], liveSpaceIds: number[]): Promise<void>;
}
