// Puts N chunks with their vectors straight into the database of a stopped server, in the collection of
// a file uploaded through the API (so the bench user may query it): loading 100,000 chunks through
// the routes would measure ingest again, not queries.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { BENCH_DIMENSIONS, benchEmbedding } from './embedding.js';
import { Corpus } from './corpus.js';

export interface Seeded {
  /** Chunk texts by their index; the vectors are the provider's (embedding.ts), unit length, row after row. */
  texts: string[];
  vectors: Float32Array;
  dimensions: number;
  seconds: number;
}

/** The little of better-sqlite3 used here (the project has no type package for it). */
interface SqliteStatement {
  run(...params: unknown[]): { lastInsertRowid: number | bigint };
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[]>(work: (...args: A) => void): (...args: A) => void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteDatabase;

export type Target = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const BATCH = 1000;

export async function seedChunks(
  target: Target,
  collection: string,
  count: number,
  chunkChars: number,
): Promise<Seeded> {
  const started = performance.now();
  const corpus = new Corpus(23);
  const texts = Array.from({ length: count }, () => corpus.text(chunkChars).slice(0, chunkChars * 2));
  const dimensions = BENCH_DIMENSIONS;
  const vectors = new Float32Array(count * dimensions);
  texts.forEach((text, i) => vectors.set(benchEmbedding(text), i * dimensions));
  const row = (i: number) => vectors.subarray(i * dimensions, (i + 1) * dimensions);
  const metadata = (i: number) => JSON.stringify({ name: 'seeded', source: 'seeded', start_index: i });
  const now = Math.floor(Date.now() / 1000);
  if (target.kind === 'sqlite') {
    const db = new Database(target.path);
    const [{ id: spaceId }] = db.prepare('SELECT id FROM embedding_space').all() as { id: number }[];
    const insertChunk = db.prepare(
      'INSERT INTO document_chunk (collection_name, file_id, position, content, metadata, created_at) VALUES (?, NULL, ?, ?, ?, ?)',
    );
    const insertVector = db.prepare(
      'INSERT INTO chunk_vector (chunk_id, space_id, collection_name, embedding) VALUES (?, ?, ?, ?)',
    );
    const load = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const { lastInsertRowid } = insertChunk.run(collection, i, texts[i], metadata(i), now);
        const vector = row(i);
        insertVector.run(
          lastInsertRowid,
          spaceId,
          collection,
          Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
        );
      }
    });
    for (let from = 0; from < count; from += BATCH) load(from, Math.min(count, from + BATCH));
    db.prepare('UPDATE collection_version SET token = ? WHERE collection_name = ?').run(randomUUID(), collection);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number }>('SELECT id FROM embedding_space');
      const spaceId = rows[0].id;
      // Built again by the server when it starts: one bulk build is far quicker than 100,000 inserts into HNSW.
      const { rows: indexes } = await client.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'chunk_vector' AND indexname LIKE 'chunk_vector_hnsw_%'",
      );
      for (const { indexname } of indexes) await client.query(`DROP INDEX ${indexname}`);
      for (let from = 0; from < count; from += BATCH) {
        const to = Math.min(count, from + BATCH);
        const params: unknown[] = [];
        const values: string[] = [];
        for (let i = from; i < to; i++) {
          const at = params.length;
          params.push(collection, i, texts[i], metadata(i), now);
          values.push(`($${at + 1}, NULL, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`);
        }
        await client.query('BEGIN');
        const inserted = await client.query<{ id: string; position: number }>(
          `INSERT INTO document_chunk (collection_name, file_id, position, content, metadata, created_at)
           VALUES ${values.join(', ')} RETURNING id, position`,
          params,
        );
        const vectorParams: unknown[] = [];
        const vectorValues = inserted.rows.map((chunk, n) => {
          vectorParams.push(chunk.id, spaceId, collection, `{${Array.from(row(chunk.position)).join(',')}}`);
          return `($${4 * n + 1}, $${4 * n + 2}, $${4 * n + 3}, $${4 * n + 4}::real[])`;
        });
        await client.query(
          `INSERT INTO chunk_vector (chunk_id, space_id, collection_name, embedding) VALUES ${vectorValues.join(', ')}`,
          vectorParams,
        );
        await client.query('COMMIT');
      }
      await client.query('UPDATE collection_version SET token = $1 WHERE collection_name = $2', [
        randomUUID(),
        collection,
      ]);
      await client.query('VACUUM ANALYZE chunk_vector');
      await client.query('VACUUM ANALYZE document_chunk');
    } finally {
      await client.end();
    }
  }
  return { texts, vectors, dimensions, seconds: (performance.now() - started) / 1000 };
}

/** The exact top `k` rows by dot product with the unit query (the recall reference). */
export function exactTop(seeded: Seeded, query: Float32Array, k: number): number[] {
  const { vectors, dimensions } = seeded;
  const rows = vectors.length / dimensions;
  const best: { row: number; score: number }[] = [];
  for (let r = 0; r < rows; r++) {
    let score = 0;
    for (let j = 0, at = r * dimensions; j < dimensions; j++, at++) score += vectors[at] * query[j];
    if (best.length < k || score > best[best.length - 1].score) {
      best.push({ row: r, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  }
  return best.map((entry) => entry.row);
}

/** Waits until the server has built a valid HNSW index on the seeded vectors (it does so in the background). */
export async function waitForHnswIndex(url: string, timeoutMs = 1_800_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ valid: boolean }>(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relname LIKE 'chunk_vector_hnsw_%'`,
      );
      if (rows.some((row) => row.valid)) return;
      if (Date.now() > deadline) throw new Error('no HNSW index after the wait');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await client.end();
  }
}
