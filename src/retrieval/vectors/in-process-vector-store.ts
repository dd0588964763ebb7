import { Logger } from '@nestjs/common';
import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { topPositions, VectorMatrix } from './vector-matrix.js';
import { type SearchableSpace, type VectorHit, VectorStore } from './vector-store.js';

/** One collection's vectors of one space, as of `token`. */
interface Copy {
  token: string;
  chunkIds: Float64Array;
  matrix: VectorMatrix;
  lastUsed: number;
}

const PAGE_ROWS = 2000;

/**
 * SQLite, and PostgreSQL without pgvector: exact cosine ranking in this process over copies of the
 * collections' vectors, kept in WebAssembly memory. Every search first reads the collections' tokens
 * (one indexed query); a copy whose token changed (any instance wrote to the collection) is read
 * again before it is used, so a copy never answers stale. Copies are dropped least recently used
 * first beyond the memory budget (VECTOR_CACHE_MB).
 */
export class InProcessVectorStore extends VectorStore {
  readonly kind = 'in_process';
  private readonly logger = new Logger(InProcessVectorStore.name);
  private readonly copies = new Map<string, Copy>();
  /** Loads in flight, so concurrent searches of a collection read it once. */
  private readonly loading = new Map<string, { token: string; copy: Promise<Copy> }>();

  constructor(
    private readonly vectors: ChunkVectorsRepository,
    private readonly budgetBytes: number,
  ) {
    super();
  }

  async nearest(space: SearchableSpace, collections: string[], query: Float32Array, k: number): Promise<VectorHit[]> {
    const tokens = await this.vectors.tokens(collections);
    const hits: VectorHit[] = [];
    for (const collection of collections) {
      const key = `${space.id}:${collection}`;
      const token = tokens.get(collection);
      if (token === undefined) {
        this.copies.delete(key); // no chunks at all
        continue;
      }
      const copy = await this.current(space, collection, key, token);
      if (copy.chunkIds.length === 0) continue;
      const scores = copy.matrix.scores(query);
      for (const position of topPositions(scores, k)) {
        hits.push({ chunkId: copy.chunkIds[position], similarity: scores[position] });
      }
    }
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  forget(spaceIds: number[]): Promise<void> {
    const gone = new Set(spaceIds);
    for (const key of this.copies.keys()) if (gone.has(Number(key.split(':')[0]))) this.copies.delete(key);
    return Promise.resolve();
  }

  /** Bytes the copies hold (the bench reports it). */
  get heldBytes(): number {
    let total = 0;
    for (const copy of this.copies.values()) total += copy.matrix.bytes + copy.chunkIds.byteLength;
    return total;
  }

  private current(space: SearchableSpace, collection: string, key: string, token: string): Promise<Copy> {
    const held = this.copies.get(key);
    if (held?.token === token) {
      held.lastUsed = performance.now();
      return Promise.resolve(held);
    }
    const pending = this.loading.get(key);
    if (pending?.token === token) return pending.copy;
    const copy = this.load(space, collection, token).then((loaded) => {
      this.copies.set(key, loaded);
      this.evictBeyondBudget(key);
      return loaded;
    });
    const entry = { token, copy };
    this.loading.set(key, entry);
    const done = () => {
      if (this.loading.get(key) === entry) this.loading.delete(key);
    };
    copy.then(done, done);
    return copy;
  }

  /** Reads the collection's vectors (after its token was read: what is read is at least that new). */
  private async load(space: SearchableSpace, collection: string, token: string): Promise<Copy> {
    const started = performance.now();
    const matrix = new VectorMatrix(space.dimensions, PAGE_ROWS);
    const chunkIds: number[] = [];
    await this.vectors.eachPage(space.id, collection, PAGE_ROWS, (page) => {
      for (const row of page) {
        matrix.append(row.vector);
        chunkIds.push(row.chunkId);
      }
    });
    const ms = performance.now() - started;
    if (ms > 100) this.logger.log(`read ${chunkIds.length} vectors of ${collection} in ${ms.toFixed(0)} ms`);
    return { token, chunkIds: Float64Array.from(chunkIds), matrix, lastUsed: performance.now() };
  }

  private evictBeyondBudget(keep: string): void {
    let held = this.heldBytes;
    const byAge = [...this.copies.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key, copy] of byAge) {
      if (held <= this.budgetBytes) return;
      if (key === keep) continue;
      this.copies.delete(key);
      held -= copy.matrix.bytes + copy.chunkIds.byteLength;
    }
  }
}
