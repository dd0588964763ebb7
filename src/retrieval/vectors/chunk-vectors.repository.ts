import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DatabaseService, managerOf, type Transaction } from '../../database/database.service.js';
import { dialectSql } from '../dialect-sql.js';

/** A chunk's vector, unit length, as stored. */
export interface ChunkVector {
  chunkId: number;
  collection: string;
  vector: Float32Array;
}

/** A chunk that has no vector in a space yet (re-embedding). */
export interface UnembeddedChunk {
  id: number;
  collection: string;
  content: string;
}

export interface VectorDistance {
  chunkId: number;
  /** Cosine distance, 0 (same direction) to 2 (opposite). */
  distance: number;
  /** The chunk itself, when it was read with the ranking (the HNSW search joins it). */
  chunk?: HitChunk;
}

/** A visible chunk's row as a vector search reads it along. */
export interface HitChunk {
  collection: string;
  fileId: string | null;
  content: string;
  metadata: Record<string, unknown>;
}

interface NearestRow {
  chunk_id: number | string;
  distance: number;
  collection_name?: string;
  file_id?: string | null;
  content?: string;
  metadata?: string;
}

/** Rows per INSERT: PostgreSQL caps bind parameters at 65,535 and each row takes four. */
const INSERT_ROWS = 500;
/**
 * The HNSW index holds `halfvec` (16-bit floats, up to 4,000 dimensions; beyond, scans are exact):
 * half the size of `vector`, so more of it stays in PostgreSQL's buffers. Measured on 100,000 vectors
 * of 384 dimensions: 112 MB against 195 MB, p50 10.5 against 13.5 ms, recall@10 0.983 against 0.990.
 */
const HNSW_MAX_DIMENSIONS = 4000;
/** Names end with the space's id. Indexes named by older versions (`vector`, no `half_`) are stale. */
const HNSW_INDEX_PREFIX = 'chunk_vector_hnsw_';
const hnswIndexName = (spaceId: number) => `${HNSW_INDEX_PREFIX}half_${spaceId}`;

/**
 * The `chunk_vector` and `collection_version` tables. Vectors are float32 little-endian blobs on
 * SQLite and `real[]` on PostgreSQL, where pgvector (when present) indexes `embedding::halfvec(n)` per
 * space. Every write to a collection's vectors or chunks changes the collection's token in the same
 * transaction, which is how in-memory copies notice they are stale.
 */
@Injectable()
export class ChunkVectorsRepository {
  private readonly logger = new Logger(ChunkVectorsRepository.name);
  private scratch?: Float4ArrayEncoder;

  constructor(
    private readonly db: DatabaseService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get pg(): boolean {
    return this.db.isPostgres;
  }

  private sql(text: string): string {
    return dialectSql(this.pg, text);
  }

  /**
   * Stores vectors of one space (a chunk that already has one keeps it: re-embedding may overlap
   * indexing), in a transaction of its own or the caller's.
   */
  async insert(spaceId: number, vectors: ChunkVector[], transaction?: Transaction): Promise<void> {
    if (vectors.length === 0) return;
    if (transaction) return this.insertWith(managerOf(transaction), spaceId, vectors);
    await this.db.transaction((manager) => this.insertWith(manager, spaceId, vectors));
  }

  private async insertWith(manager: EntityManager, spaceId: number, vectors: ChunkVector[]): Promise<void> {
    // PostgreSQL's arrays are encoded into a buffer taken for this call, then given back for the next:
    // the statement's parameters are held for as long as it runs (HNSW maintenance makes that long),
    // and a new buffer per statement held that long outlives young collections, so each would wait
    // for a full one (tens of MB at a time while a large file is stored).
    const scratch = this.pg ? this.takeScratch() : undefined;
    try {
      for (let start = 0; start < vectors.length; start += INSERT_ROWS) {
        const batch = vectors.slice(start, start + INSERT_ROWS);
        const embeddings = scratch ? scratch.encode(batch) : batch.map((row) => float32Blob(row.vector));
        const values: unknown[] = [];
        const rows = batch.map((row, i) => {
          values.push(row.chunkId, spaceId, row.collection, embeddings[i]);
          return this.pg ? '(?, ?, ?, ?::real[])' : '(?, ?, ?, ?)';
        });
        await manager.query(
          this.sql(
            `INSERT INTO chunk_vector (chunk_id, space_id, collection_name, embedding) VALUES ${rows.join(', ')}
             ON CONFLICT (chunk_id, space_id) DO NOTHING`,
          ),
          values,
        );
      }
      await this.touchWith(manager, [...new Set(vectors.map((row) => row.collection))]);
    } finally {
      if (scratch) this.scratch = scratch;
    }
  }

  /** The spare encoding buffer, or a new one when another insert has it. */
  private takeScratch(): Float4ArrayEncoder {
    const scratch = this.scratch ?? new Float4ArrayEncoder();
    this.scratch = undefined;
    return scratch;
  }

  /** Marks the collections changed, inside the caller's transaction (their chunks were written). */
  touch(transaction: Transaction, collections: string[]): Promise<void> {
    return this.touchWith(managerOf(transaction), collections);
  }

  /** Every collection changed (all chunks went): the tokens go, so no copy can match them again. */
  async forgetAll(transaction: Transaction): Promise<void> {
    await managerOf(transaction).query('DELETE FROM collection_version');
  }

  /** The current token of each collection that has one (a collection without one has no chunks). */
  async tokens(collections: string[]): Promise<Map<string, string>> {
    if (collections.length === 0) return new Map();
    const rows: { collection_name: string; token: string }[] = await this.dataSource.query(
      this.sql(
        `SELECT collection_name, token FROM collection_version WHERE collection_name IN (${marks(collections)})`,
      ),
      collections,
    );
    return new Map(rows.map((row) => [row.collection_name, row.token]));
  }

  /**
   * A collection's vectors in one space, in chunk order, a page at a time (so loading 100,000 vectors
   * never holds them twice). Read after the token, so what is read is at least as new as the token.
   */
  async eachPage(
    spaceId: number,
    collection: string,
    pageSize: number,
    onPage: (vectors: ChunkVector[]) => void,
  ): Promise<void> {
    const column = this.pg ? 'array_send(embedding) AS embedding' : 'embedding';
    for (let after = -1; ;) {
      const rows: { chunk_id: number | string; embedding: Buffer }[] = await this.dataSource.query(
        this.sql(
          `SELECT chunk_id, ${column} FROM chunk_vector WHERE space_id = ? AND collection_name = ? AND chunk_id > ?
           ORDER BY chunk_id LIMIT ?`,
        ),
        [spaceId, collection, after, pageSize],
      );
      if (rows.length === 0) return;
      onPage(rows.map((row) => ({ chunkId: Number(row.chunk_id), collection, vector: this.decode(row.embedding) })));
      after = Number(rows[rows.length - 1].chunk_id);
      if (rows.length < pageSize) return;
    }
  }

  /** Chunks with no vector in the space, after chunk `afterId` in id order (re-embedding walks them). */
  async unembedded(spaceId: number, afterId: number, limit: number): Promise<UnembeddedChunk[]> {
    const rows: { id: number | string; collection_name: string; content: string }[] = await this.dataSource.query(
      this.sql(
        `SELECT c.id, c.collection_name, c.content FROM document_chunk c
         WHERE c.id > ? AND c.position >= 0 AND NOT EXISTS (SELECT 1 FROM chunk_vector v WHERE v.chunk_id = c.id AND v.space_id = ?)
         ORDER BY c.id LIMIT ?`,
      ),
      [afterId, spaceId, limit],
    );
    return rows.map((row) => ({ id: Number(row.id), collection: row.collection_name, content: row.content }));
  }

  /** How many chunks exist, and how many of them have a vector in the space. */
  async coverage(spaceId: number): Promise<{ chunks: number; embedded: number }> {
    const [row]: { chunks: number | string; embedded: number | string }[] = await this.dataSource.query(
      this.sql(
        `SELECT (SELECT COUNT(*) FROM document_chunk WHERE position >= 0) AS chunks,
                (SELECT COUNT(*) FROM chunk_vector WHERE space_id = ?) AS embedded`,
      ),
      [spaceId],
    );
    return { chunks: Number(row.chunks), embedded: Number(row.embedded) };
  }

  // --- pgvector ---

  /** Creates the extension when the server has it and we may; false when that fails (not installed, no right). */
  async enablePgvector(): Promise<boolean> {
    try {
      await this.dataSource.query('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (error) {
      // Two instances creating it at once: one fails although the extension now exists.
      this.logger.debug(`CREATE EXTENSION vector: ${(error as Error).message}`);
    }
    const rows: unknown[] = await this.dataSource.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
    return rows.length > 0;
  }

  /**
   * The space's HNSW index (cosine) on `embedding::halfvec(n)`, partial to the space, unless a valid one
   * exists. Files processed at once all reach here for a new space: the build runs in a transaction
   * holding a transaction-level advisory lock, so one builds and the others wait, then find it built.
   * Not CONCURRENTLY: such a build waits for every transaction older than it, including a waiter's
   * statement blocked on the lock it holds, which PostgreSQL ends as a deadlock. A plain build only
   * holds off writes to `chunk_vector` (reads go on) while it runs: instant for a new space; over
   * 100,000 vectors (pgvector installed after they were stored) about a minute, once.
   */
  async ensureHnswIndex(spaceId: number, dimensions: number): Promise<void> {
    if (dimensions > HNSW_MAX_DIMENSIONS) return;
    const name = hnswIndexName(spaceId);
    if ((await this.indexValid(this.dataSource.manager, name)) === true) return;
    await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [HNSW_LOCK, spaceId]);
      const valid = await this.indexValid(manager, name);
      if (valid === true) return;
      // An interrupted CONCURRENTLY build (of an older version) leaves an invalid index behind.
      if (valid === false) await manager.query(`DROP INDEX IF EXISTS ${name}`);
      const started = Date.now();
      // pgvector builds far faster while the graph fits in maintenance_work_mem (64 MB by default: ~30,000
      // vectors of 384 dimensions); for this transaction only.
      await manager.query(`SET LOCAL maintenance_work_mem = '${HNSW_BUILD_MEMORY}'`);
      await manager.query(
        `CREATE INDEX IF NOT EXISTS ${name} ON chunk_vector
         USING hnsw ((embedding::halfvec(${dimensions})) halfvec_cosine_ops) WHERE space_id = ${spaceId}`,
      );
      this.logger.log(
        `HNSW index of embedding space ${spaceId} (${dimensions} dims) built in ${Date.now() - started} ms`,
      );
    });
  }

  /** Whether the index exists and is valid (null: it does not exist). */
  private async indexValid(manager: EntityManager, name: string): Promise<boolean | null> {
    const rows: { valid: boolean }[] = await manager.query(
      'SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1',
      [name],
    );
    return rows.length > 0 ? rows[0].valid : null;
  }

  /** Drops HNSW indexes whose space is gone (spaces are deleted with their vectors, not their index). */
  async dropStaleHnswIndexes(liveSpaceIds: number[]): Promise<void> {
    const rows: { indexname: string }[] = await this.dataSource.query(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'chunk_vector' AND indexname LIKE $1",
      [`${HNSW_INDEX_PREFIX}%`],
    );
    const live = new Set(liveSpaceIds.map(hnswIndexName));
    for (const { indexname } of rows) {
      if (!live.has(indexname)) await this.dataSource.query(`DROP INDEX IF EXISTS ${indexname}`);
    }
  }

  /**
   * The `k` nearest chunks by cosine distance, ranked by PostgreSQL: `exact`, every vector of the
   * collections is compared (a materialized scan through the collection index, which the planner cannot
   * turn into an index scan); otherwise the space's HNSW index answers, with pgvector's iterative scan
   * in strict order: the index holds every collection of the space, and the scan goes on walking the
   * graph, `efSearch` candidates at a time, until `k` rows of the searched collections are found.
   */
  async nearestPg(
    spaceId: number,
    dimensions: number,
    collections: string[],
    query: Float32Array,
    k: number,
    options: { exact: boolean; efSearch: number },
  ): Promise<VectorDistance[]> {
    if (collections.length === 0) return [];
    let rows: NearestRow[];
    if (options.exact || dimensions > HNSW_MAX_DIMENSIONS) {
      const cast = `::vector(${dimensions})`;
      rows = await this.dataSource.query(
        `WITH candidates AS MATERIALIZED (
           SELECT chunk_id, embedding FROM chunk_vector WHERE space_id = ${spaceId} AND collection_name IN (${marks(collections, 2)}))
         SELECT chunk_id, (embedding${cast} <=> $1${cast}) AS distance FROM candidates
         ORDER BY distance LIMIT ${k}`,
        [vectorLiteral(query), ...collections],
      );
    } else {
      rows = await this.nearestByIndex(spaceId, dimensions, collections, query, k, options.efSearch);
    }
    return rows.map((row) => ({
      chunkId: Number(row.chunk_id),
      distance: Number(row.distance),
      ...(row.content === undefined
        ? {}
        : {
            chunk: {
              collection: row.collection_name ?? '',
              fileId: row.file_id ?? null,
              content: row.content,
              metadata: JSON.parse(row.metadata ?? '{}') as Record<string, unknown>,
            },
          }),
    }));
  }

  /**
   * The HNSW search in one round trip: its settings (SET LOCAL) and the search go as one simple-protocol
   * message, which PostgreSQL runs as one implicit transaction, so the settings end with it. A
   * transaction of its own (BEGIN, the settings, the search, COMMIT) took four round trips, which cost
   * the server more CPU than the rest of the query. The simple protocol takes no parameters: the vector
   * (numbers only) and the collection names (escaped as literals) are written into the text. The `k`
   * chunks found are read in the same statement (a staged, hidden one is left out, as ChunksRepository
   * reads them), which saves the round trip of reading them after.
   */
  private async nearestByIndex(
    spaceId: number,
    dimensions: number,
    collections: string[],
    query: Float32Array,
    k: number,
    efSearch: number,
  ): Promise<NearestRow[]> {
    const cast = `::halfvec(${dimensions})`;
    const vector = `'${vectorLiteral(query)}'${cast}`;
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as SimpleQueryClient;
      const names = collections.map((name) => client.escapeLiteral(name)).join(', ');
      // The order must come from the index: sorting the collections' rows instead is the exact scan that
      // was ruled out (the planner, misjudging a filter's share of the space, would otherwise pick it).
      const results = await client.query(
        `SET LOCAL hnsw.ef_search = ${Math.min(HNSW_MAX_EF_SEARCH, Math.max(efSearch, k))};
         SET LOCAL hnsw.iterative_scan = strict_order;
         SET LOCAL enable_sort = off;
         SELECT top.chunk_id, top.distance, c.collection_name, c.file_id, c.content, c.metadata FROM (
           SELECT chunk_id, (embedding${cast} <=> ${vector}) AS distance FROM chunk_vector
           WHERE space_id = ${spaceId} AND collection_name IN (${names})
           ORDER BY embedding${cast} <=> ${vector} LIMIT ${k}) top
         JOIN document_chunk c ON c.id = top.chunk_id AND c.position >= 0`,
      );
      // The join keeps no order: nearest first again.
      const rows = (results as { rows: NearestRow[] }[])[3].rows;
      return rows.sort((a, b) => a.distance - b.distance);
    } finally {
      await runner.release();
    }
  }

  /** How many vectors a collection holds in the space, counted up to `limit` (a bounded index-only scan). */
  async countUpTo(spaceId: number, collection: string, limit: number): Promise<number> {
    const [row]: { n: number | string }[] = await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM (
         SELECT 1 FROM chunk_vector WHERE space_id = $1 AND collection_name = $2 LIMIT ${limit}) bounded`,
      [spaceId, collection],
    );
    return Number(row.n);
  }

  private async touchWith(manager: EntityManager, collections: string[]): Promise<void> {
    for (const collection of collections) {
      await manager.query(
        this.sql(
          `INSERT INTO collection_version (collection_name, token) VALUES (?, ?)
           ON CONFLICT (collection_name) DO UPDATE SET token = excluded.token`,
        ),
        [collection, randomUUID()],
      );
    }
  }

  /** A blob (SQLite: float32 little-endian) or PostgreSQL's binary array format (`array_send`). */
  private decode(bytes: Buffer): Float32Array {
    if (!this.pg) {
      const copy = new Float32Array(bytes.byteLength / 4);
      new Uint8Array(copy.buffer).set(bytes);
      return copy;
    }
    // Header: ndim, has-nulls flag, element type, then per dimension its length and lower bound;
    // then each element as a 4-byte length and a big-endian float4.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getInt32(12);
    const vector = new Float32Array(length);
    for (let i = 0, at = 20; i < length; i++, at += 8) vector[i] = view.getFloat32(at + 4);
    return vector;
  }
}

/** Memory for one HNSW build: room for ~250,000 vectors of 384 dimensions. */
const HNSW_BUILD_MEMORY = '512MB';

/** pgvector's upper bound for hnsw.ef_search. */
const HNSW_MAX_EF_SEARCH = 1000;

/** A fixed key for the advisory lock around HNSW index builds (the second key is the space). */
const HNSW_LOCK = 0x7665_6374;

/** `?, ?, ?` on SQLite; `$from, $from+1, …` when `from` is given (PostgreSQL statements written by hand). */
function marks(values: unknown[], from?: number): string {
  return values.map((_, i) => (from === undefined ? '?' : `$${from + i}`)).join(', ');
}

/** The little of node-postgres's client used for a multi-statement query (TypeORM keeps one result only). */
interface SimpleQueryClient {
  query(text: string): Promise<unknown>;
  escapeLiteral(value: string): string;
}

/** SQLite's blob of a vector: its float32 little-endian bytes (a view, not a copy). */
function float32Blob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** float4's type id, which PostgreSQL's binary array format names for its elements. */
const FLOAT4_OID = 700;

/** A buffer kept between inserts up to this size (a statement of 128 vectors of 1,024 dimensions). */
const SCRATCH_MAX_BYTES = 1 << 20;

/**
 * Vectors as `real[]` in PostgreSQL's binary array format (node-postgres sends a Buffer parameter as
 * binary): header (ndim 1, no nulls, element type, length, lower bound 1), then each element as a
 * 4-byte length and a big-endian float4. The same floats the text form `{x,y,…}` stores, without a
 * ~7 KB string per vector (and the number strings joined into it). The views returned are valid
 * until the next `encode`, which reuses the buffer.
 */
class Float4ArrayEncoder {
  private bytes = Buffer.alloc(0);

  encode(rows: ChunkVector[]): Buffer[] {
    const sizes = rows.map((row) => 20 + 8 * row.vector.length);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const bytes = total <= this.bytes.length ? this.bytes : Buffer.allocUnsafe(total);
    if (total <= SCRATCH_MAX_BYTES) this.bytes = bytes;
    let at = 0;
    return rows.map(({ vector }, i) => {
      const start = at;
      at = bytes.writeInt32BE(1, at);
      at = bytes.writeInt32BE(0, at);
      at = bytes.writeInt32BE(FLOAT4_OID, at);
      at = bytes.writeInt32BE(vector.length, at);
      at = bytes.writeInt32BE(1, at);
      for (let j = 0; j < vector.length; j++) {
        at = bytes.writeInt32BE(4, at);
        at = bytes.writeFloatBE(vector[j], at);
      }
      return bytes.subarray(start, start + sizes[i]);
    });
  }
}

/** pgvector's text form, `[x,y,…]`. */
function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector).join(',')}]`;
}
