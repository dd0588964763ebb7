import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { type SearchableSpace, type VectorHit, VectorStore } from './vector-store.js';

/** How pgvector searches: see VectorsConfig. */
export interface PgvectorSearch {
  exactUpTo: number;
  efSearch: number;
}

/** Collections whose size is remembered at most (a search of one not remembered counts it again). */
const SIZES_KEPT = 10_000;

/**
 * pgvector ranks in PostgreSQL: every instance queries the same index. A space has one HNSW index for
 * all its collections, so a search of a small collection would walk the graph past the other
 * collections' vectors to find its `k`: up to `exactUpTo` vectors in the searched collections
 * (VECTOR_EXACT_SCAN_MAX) are ranked exactly instead, which at that size is as fast and misses nothing;
 * a larger search goes through the index (VECTOR_HNSW_EF_SEARCH). The sizes are counted once per
 * version of a collection (its token changes with every write to it), not on every query: counting
 * thousands of index entries would cost more than the search.
 */
export class PgvectorStore extends VectorStore {
  readonly kind = 'pgvector';
  /** By space and collection: the collection's token when counted, and its vectors (up to exactUpTo + 1). */
  private readonly sizes = new Map<string, { token: string; size: number }>();

  constructor(
    private readonly vectors: ChunkVectorsRepository,
    private readonly search: PgvectorSearch,
  ) {
    super();
  }

  async nearest(space: SearchableSpace, collections: string[], query: Float32Array, k: number): Promise<VectorHit[]> {
    const exact = (await this.size(space.id, collections)) <= this.search.exactUpTo;
    const rows = await this.vectors.nearestPg(space.id, space.dimensions, collections, query, k, {
      exact,
      efSearch: this.search.efSearch,
    });
    return rows.map((row) => ({ chunkId: row.chunkId, similarity: 1 - row.distance, chunk: row.chunk }));
  }

  prepare(space: SearchableSpace): Promise<void> {
    return this.vectors.ensureHnswIndex(space.id, space.dimensions);
  }

  forget(_spaceIds: number[], liveSpaceIds: number[]): Promise<void> {
    this.sizes.clear();
    return this.vectors.dropStaleHnswIndexes(liveSpaceIds);
  }

  /** How many vectors the collections hold in the space, counted up to exactUpTo + 1 each. */
  private async size(spaceId: number, collections: string[]): Promise<number> {
    const tokens = await this.vectors.tokens(collections);
    let total = 0;
    for (const collection of collections) {
      const token = tokens.get(collection);
      // No token: the collection has no chunks.
      if (token === undefined) continue;
      const key = `${spaceId}\0${collection}`;
      let known = this.sizes.get(key);
      if (known?.token !== token) {
        // Counted after the token was read: at least as new as it (a newer write only changes the token again).
        known = { token, size: await this.vectors.countUpTo(spaceId, collection, this.search.exactUpTo + 1) };
        if (this.sizes.size >= SIZES_KEPT) this.sizes.clear();
        this.sizes.set(key, known);
      }
      total += known.size;
      if (total > this.search.exactUpTo) break;
    }
    return total;
  }
}
