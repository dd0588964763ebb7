import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { type SearchableSpace, type VectorHit, VectorStore } from './vector-store.js';

/** How pgvector searches: see VectorsConfig. */
export interface PgvectorSearch {
  exactUpTo: number;
  efSearch: number;
}

/**
 * pgvector ranks in PostgreSQL: every instance queries the same index, nothing is kept here. Up to
 * `exactUpTo` candidate vectors (the searched collections' in the space, VECTOR_EXACT_SCAN_MAX) are
 * ranked exactly; a larger search goes through the space's HNSW index (VECTOR_HNSW_EF_SEARCH).
 */
export class PgvectorStore extends VectorStore {
  readonly kind = 'pgvector';

  constructor(
    private readonly vectors: ChunkVectorsRepository,
    private readonly search: PgvectorSearch,
  ) {
    super();
  }

  async nearest(space: SearchableSpace, collections: string[], query: Float32Array, k: number): Promise<VectorHit[]> {
    const rows = await this.vectors.nearestPg(space.id, space.dimensions, collections, query, k, this.search);
    return rows.map((row) => ({ chunkId: row.chunkId, similarity: 1 - row.distance }));
  }

  prepare(space: SearchableSpace): Promise<void> {
    return this.vectors.ensureHnswIndex(space.id, space.dimensions);
  }

  forget(_spaceIds: number[], liveSpaceIds: number[]): Promise<void> {
    return this.vectors.dropStaleHnswIndexes(liveSpaceIds);
  }
}
