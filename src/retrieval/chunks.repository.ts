import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { asTransaction, DatabaseService } from '../database/database.service.js';
import { nowSeconds } from '../common/time.js';
import { dialectSql } from './dialect-sql.js';
import { textSearchTerms } from './search-terms.js';
import { ChunkVectorsRepository } from './vectors/chunk-vectors.repository.js';

export interface NewChunk {
  content: string;
  metadata: Record<string, unknown>;
}

/** Vectors to store with new chunks, one per chunk in order (unit length, of one space). */
export interface NewChunkVectors {
  spaceId: number;
  vectors: Float32Array[];
}

export interface StoredChunk {
  id: number;
  collection: string;
  fileId: string | null;
  content: string;
  metadata: Record<string, unknown>;
  /** Relevance in [0, 1), higher is better (full-text rank mapped by rank / (rank + 1)). */
  score: number;
}

/** A chunk of a collection, and whether it has a vector in a given space. */
export interface ChunkState {
  id: number;
  /** The chunk's `file_id`: the file, or in a memory collection the memory. */
  sourceId: string | null;
  content: string;
  embedded: boolean;
}

/** A chunk as written: its row id, and its place in the file. */
export interface WrittenChunk {
  id: number;
  position: number;
}

/** Rows per multi-row INSERT (six bind parameters each). */
const INSERT_ROWS = 200;
/** SQLite: files of more chunks are staged in transactions of this many rows (~30 ms each with FTS). */
const STAGED_ROWS = 500;
/** Ids per UPDATE or DELETE of staged rows (SQLite's default cap is 32,766 bind parameters). */
const ID_BATCH = 500;

/**
 * A staged chunk is hidden by a negative position (-1 - position): every reader asks for
 * `position >= 0`, and showing it is one UPDATE that no FTS trigger fires for (position is not indexed there).
 */
const hide = (position: number) => -1 - position;
const SHOWN = '-1 - position';

interface ChunkRow {
  id: number | string;
  collection_name: string;
  file_id: string | null;
  content: string;
  metadata: string;
  rank?: number | string;
}

/** A full-text query leaves out lexemes found in more than this share of the chunks (see commonLexemes). */
const COMMON_SHARE = 0.5;
/** Below this many chunks every word is kept: ranking every match is cheap there. */
const PRUNE_FROM_CHUNKS = 10_000;
/** How long the statistics read are used before they are read again. */
const COMMON_TTL_MS = 60_000;
/** SQLite: document frequencies remembered at most (words of recent queries). */
const TERM_CACHE = 10_000;
/** SQLite: the full-text ranking's candidates when they are taken from the whole index (well above top_k). */
const TEXT_CANDIDATES = 200;

/**
 * The `document_chunk` table and its full-text index: chunks of extracted text per collection
 * (`file-{id}`, a knowledge base's id, or `user-memory-{user id}`: one chunk per memory, its
 * `file_id` the memory's id). Raw SQL, one dialect per database, because the FTS machinery (FTS5 on
 * SQLite, a generated tsvector column on PostgreSQL) is outside what TypeORM describes.
 */
@Injectable()
export class ChunksRepository {
  private common?: { until: number; lexemes: Set<string> };
  /** SQLite: the chunk count, and per word whether it is in more than half the chunks, read recently. */
  private chunkCount?: { until: number; chunks: number };
  private readonly commonWords = new Map<string, { until: number; common: boolean }>();

  constructor(
    private readonly db: DatabaseService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vectors: ChunkVectorsRepository,
  ) {}

  private get pg(): boolean {
    return this.db.isPostgres;
  }

  /** `?` placeholders become `$n` on PostgreSQL. */
  private sql(text: string): string {
    return dialectSql(this.pg, text);
  }

  /**
   * Replaces the chunks a file has in a collection (their vectors go with them, and `vectors` come in
   * with the new ones) and returns the new rows' ids by position. Readers see the old chunks or all of
   * the new ones, never a mix. On SQLite a large file is written in batches that let other work run
   * between them (one transaction over a 50 MB file held the event loop for seconds): its rows are
   * staged hidden, then shown in one short transaction that also drops the old ones.
   */
  async replaceFileChunks(
    collection: string,
    fileId: string | null,
    chunks: NewChunk[],
    vectors?: NewChunkVectors,
  ): Promise<WrittenChunk[]> {
    const createdAt = nowSeconds();
    if (this.pg || vectors || chunks.length <= STAGED_ROWS) {
      return this.db.transaction(async (manager: EntityManager) => {
        await this.deleteVisible(manager, collection, fileId);
        const written = await this.insertChunks(manager, collection, fileId, chunks, 0, createdAt, false);
        if (vectors) {
          const rows = written.map(({ id, position }) => ({
            chunkId: id,
            collection,
            vector: vectors.vectors[position],
          }));
          await this.vectors.insert(vectors.spaceId, rows, asTransaction(manager));
        }
        await this.vectors.touch(asTransaction(manager), [collection]);
        return written.sort((a, b) => a.position - b.position);
      });
    }
    const written: WrittenChunk[] = [];
    try {
      for (let start = 0; start < chunks.length; start += STAGED_ROWS) {
        written.push(
          ...(await this.stage(collection, fileId, chunks.slice(start, start + STAGED_ROWS), start, createdAt)),
        );
        await setImmediate();
      }
      await this.showStaged(collection, fileId, written);
    } catch (error) {
      await this.dropStaged(written);
      throw error;
    }
    return written.sort((a, b) => a.position - b.position);
  }

  /**
   * Writes new chunks of a file hidden, in a transaction of their own, from `firstPosition` on: a file
   * too large for one transaction is written a batch at a time, then shown by `showStaged` (or removed
   * by `dropStaged`). Readers see none of them until then.
   */
  stage(
    collection: string,
    fileId: string | null,
    chunks: NewChunk[],
    firstPosition: number,
    createdAt = nowSeconds(),
  ): Promise<WrittenChunk[]> {
    return this.db.transaction((manager) =>
      this.insertChunks(manager, collection, fileId, chunks, firstPosition, createdAt, true),
    );
  }

  /** Staged chunks shown in place of the file's visible ones, in one short transaction. */
  async showStaged(collection: string, fileId: string | null, written: WrittenChunk[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.deleteVisible(manager, collection, fileId);
      await this.eachIdBatch(written, (marks, ids) =>
        manager.query(this.sql(`UPDATE document_chunk SET position = ${SHOWN} WHERE id IN (${marks})`), ids),
      );
      await this.vectors.touch(asTransaction(manager), [collection]);
    });
  }

  /** Staged chunks (and any vectors stored for them) removed: indexing failed. Best effort. */
  async dropStaged(written: WrittenChunk[]): Promise<void> {
    // Staged rows are invisible, but they should not stay behind.
    await this.db
      .transaction((manager) =>
        this.eachIdBatch(written, (marks, ids) =>
          manager.query(this.sql(`DELETE FROM document_chunk WHERE id IN (${marks})`), ids),
        ),
      )
      .catch(() => undefined);
  }

  /** The chunks readers see of the file in the collection (every one of the collection when `fileId` is null). */
  private async deleteVisible(manager: EntityManager, collection: string, fileId: string | null): Promise<void> {
    if (fileId === null) {
      await manager.query(this.sql('DELETE FROM document_chunk WHERE collection_name = ? AND position >= 0'), [
        collection,
      ]);
    } else {
      await manager.query(
        this.sql('DELETE FROM document_chunk WHERE collection_name = ? AND file_id = ? AND position >= 0'),
        [collection, fileId],
      );
    }
  }

  /** Multi-row inserts (one statement per chunk is the slow part of ingesting); `hidden` stages the rows. */
  private async insertChunks(
    manager: EntityManager,
    collection: string,
    fileId: string | null,
    chunks: NewChunk[],
    firstPosition: number,
    createdAt: number,
    hidden: boolean,
  ): Promise<WrittenChunk[]> {
    const written: WrittenChunk[] = [];
    for (let start = 0; start < chunks.length; start += INSERT_ROWS) {
      const values: unknown[] = [];
      const rows = chunks.slice(start, start + INSERT_ROWS).map((chunk, offset) => {
        const position = firstPosition + start + offset;
        values.push(collection, fileId, hidden ? hide(position) : position, chunk.content);
        values.push(JSON.stringify(chunk.metadata), createdAt);
        return '(?, ?, ?, ?, ?, ?)';
      });
      // The order RETURNING lists rows in is not promised, hence the position beside each id.
      const returned: { id: number | string; position: number }[] = await manager.query(
        this.sql(
          `INSERT INTO document_chunk (collection_name, file_id, position, content, metadata, created_at) VALUES ${rows.join(', ')}
           RETURNING id, position`,
        ),
        values,
      );
      for (const row of returned) {
        const position = Number(row.position);
        written.push({ id: Number(row.id), position: hidden ? hide(position) : position });
      }
    }
    return written;
  }

  /** Runs `work` over the chunks' ids a statement's worth at a time (`?` marks, for this.sql). */
  private async eachIdBatch(chunks: WrittenChunk[], work: (marks: string, ids: number[]) => Promise<unknown>) {
    for (let start = 0; start < chunks.length; start += ID_BATCH) {
      const ids = chunks.slice(start, start + ID_BATCH).map((chunk) => chunk.id);
      await work(ids.map(() => '?').join(', '), ids);
    }
  }

  async deleteCollection(collection: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(this.sql('DELETE FROM document_chunk WHERE collection_name = ?'), [collection]);
      await this.vectors.touch(asTransaction(manager), [collection]);
    });
  }

  /** The collection's chunks of any file but these (a knowledge base's files changed while it was re-indexed). */
  async deleteCollectionExcept(collection: string, keepFileIds: string[]): Promise<void> {
    if (keepFileIds.length === 0) return this.deleteCollection(collection);
    await this.db.transaction(async (manager) => {
      await manager.query(
        this.sql(
          `DELETE FROM document_chunk WHERE collection_name = ?
           AND (file_id IS NULL OR file_id NOT IN (${keepFileIds.map(() => '?').join(', ')}))`,
        ),
        [collection, ...keepFileIds],
      );
      await this.vectors.touch(asTransaction(manager), [collection]);
    });
  }

  /** A file's chunks in every collection (the file is gone). */
  async deleteFiles(fileIds: string[]): Promise<void> {
    if (fileIds.length === 0) return;
    await this.db.transaction(async (manager) => {
      const touched = new Set<string>();
      for (const fileId of fileIds) {
        const rows: { collection_name: string }[] = await manager.query(
          this.sql('SELECT DISTINCT collection_name FROM document_chunk WHERE file_id = ?'),
          [fileId],
        );
        for (const row of rows) touched.add(row.collection_name);
        await manager.query(this.sql('DELETE FROM document_chunk WHERE file_id = ?'), [fileId]);
      }
      await this.vectors.touch(asTransaction(manager), [...touched]);
    });
  }

  async deleteAll(): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query('DELETE FROM document_chunk');
      await this.vectors.forgetAll(asTransaction(manager));
    });
  }

  /** The chunks with these ids (any order; ids that are gone are left out). */
  async byIds(ids: number[]): Promise<StoredChunk[]> {
    if (ids.length === 0) return [];
    const rows: ChunkRow[] = await this.dataSource.query(
      this.sql(
        `SELECT id, collection_name, file_id, content, metadata FROM document_chunk
         WHERE id IN (${ids.map(() => '?').join(', ')}) AND position >= 0`,
      ),
      ids,
    );
    return rows.map((row) => toChunk(row, 0));
  }

  /** Every chunk of a (small) collection and whether it has a vector in the space (memories check theirs). */
  async states(collection: string, spaceId: number): Promise<ChunkState[]> {
    const rows: { id: number | string; file_id: string | null; content: string; embedded: number | boolean }[] =
      await this.dataSource.query(
        this.sql(
          `SELECT c.id, c.file_id, c.content,
             EXISTS (SELECT 1 FROM chunk_vector v WHERE v.chunk_id = c.id AND v.space_id = ?) AS embedded
           FROM document_chunk c WHERE c.collection_name = ? AND c.position >= 0`,
        ),
        [spaceId, collection],
      );
    return rows.map((row) => ({
      id: Number(row.id),
      sourceId: row.file_id,
      content: row.content,
      embedded: Boolean(row.embedded),
    }));
  }

  /** Every chunk of the collections, in document order (full-context mode). */
  async all(collections: string[], limit: number): Promise<StoredChunk[]> {
    if (collections.length === 0) return [];
    const rows: ChunkRow[] = await this.dataSource.query(
      this.sql(
        `SELECT id, collection_name, file_id, content, metadata FROM document_chunk
         WHERE collection_name IN (${collections.map(() => '?').join(', ')}) AND position >= 0
         ORDER BY collection_name, file_id, position LIMIT ?`,
      ),
      [...collections, limit],
    );
    return rows.map((row) => toChunk(row, 1));
  }

  /**
   * Lexemes in more than half the chunks (PostgreSQL's statistics of the tsvector column), once the
   * table is large: a query leaves them out when it has rarer words. Ranking has to read every row
   * that matches, and a word in most chunks matches most of the table (hundreds of milliseconds over
   * 100,000 chunks) while saying nothing about which chunk is relevant: Okapi BM25, which Open WebUI
   * ranks by, gives a word in over half the documents no weight of its own either.
   */
  private async commonLexemes(): Promise<Set<string>> {
    if (this.common && this.common.until > Date.now()) return this.common.lexemes;
    const [row]: { chunks: number; lexemes: string[] | null; shares: number[] | null }[] = await this.dataSource.query(
      `SELECT c.reltuples AS chunks, s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS shares
       FROM pg_class c LEFT JOIN pg_stats s
         ON s.schemaname = current_schema() AND s.tablename = 'document_chunk' AND s.attname = 'search_vector'
       WHERE c.oid = 'document_chunk'::regclass`,
    );
    const lexemes = new Set<string>();
    const shares = row?.shares ?? [];
    if (row && row.chunks >= PRUNE_FROM_CHUNKS) {
      (row.lexemes ?? []).forEach((lexeme, i) => {
        if (shares[i] > COMMON_SHARE) lexemes.add(lexeme);
      });
    }
    this.common = { until: Date.now() + COMMON_TTL_MS, lexemes };
    return lexemes;
  }

  /**
   * SQLite's counterpart of commonLexemes: which of the words are in more than half the chunks, counted
   * in the FTS index (stopping at half) and remembered for a while, since counting a common word reads
   * its whole posting list. A heuristic: other instances' writes show here within the TTL.
   */
  private async commonTerms(terms: string[]): Promise<Set<string>> {
    const now = Date.now();
    if (!this.chunkCount || this.chunkCount.until <= now) {
      const [row]: { chunks: number }[] = await this.dataSource.query('SELECT count(*) AS chunks FROM document_chunk');
      this.chunkCount = { until: now + COMMON_TTL_MS, chunks: Number(row?.chunks ?? 0) };
    }
    const { chunks } = this.chunkCount;
    const common = new Set<string>();
    if (chunks < PRUNE_FROM_CHUNKS) return common;
    const half = Math.floor(chunks * COMMON_SHARE);
    for (const term of terms) {
      let known = this.commonWords.get(term);
      if (!known || known.until <= now) {
        const [row]: { docs: number }[] = await this.dataSource.query(
          `SELECT count(*) AS docs FROM (SELECT 1 FROM document_chunk_fts WHERE document_chunk_fts MATCH ? LIMIT ?)`,
          [`content : "${term}"`, half + 1],
        );
        known = { until: now + COMMON_TTL_MS, common: Number(row?.docs ?? 0) > half };
        this.commonWords.delete(term);
        if (this.commonWords.size >= TERM_CACHE) {
          this.commonWords.delete(this.commonWords.keys().next().value as string);
        }
        this.commonWords.set(term, known);
      }
      if (known.common) common.add(term);
    }
    return common;
  }

  /** The best `k` chunks of the collections for the query's words, by BM25 (SQLite) or ts_rank (PostgreSQL). */
  async searchText(collections: string[], query: string, k: number): Promise<StoredChunk[]> {
    const terms = textSearchTerms(query);
    if (collections.length === 0 || terms.length === 0) return [];
    const marks = collections.map(() => '?').join(', ');
    if (this.pg) {
      const common = await this.commonLexemes();
      const rare = terms.filter((term) => !common.has(term));
      // The stored tsvector (GIN-indexed) is matched and ranked without parsing content again; only the
      // top k rows are then read whole.
      const rows: ChunkRow[] = await this.dataSource.query(
        this.sql(
          `SELECT c.id, c.collection_name, c.file_id, c.content, c.metadata, top.rank FROM (
             SELECT id, ts_rank(search_vector, q, 1) * 10 AS rank FROM document_chunk, to_tsquery('simple', ?) q
             WHERE collection_name IN (${marks}) AND search_vector @@ q
             ORDER BY rank DESC LIMIT ?) top
           JOIN document_chunk c ON c.id = top.id
           ORDER BY top.rank DESC`,
        ),
        [(rare.length > 0 ? rare : terms).join(' | '), ...collections, k],
      );
      return rows.map((row) => toChunk(row, Number(row.rank)));
    }
    const common = await this.commonTerms(terms);
    const rare = terms.filter((term) => !common.has(term));
    const match = `content : (${(rare.length > 0 ? rare : terms).map((term) => `"${term}"`).join(' OR ')})`;
    // The best rows of the whole index first, ranked by bm25 alone (a narrow sort, no join per match):
    // the collections' rows among them are their best rows. Scores do not depend on the collections
    // (bm25 counts documents over the whole index either way).
    const candidates = Math.max(TEXT_CANDIDATES, k);
    const top: { id: number; rank: number }[] = await this.dataSource.query(
      `SELECT rowid AS id, -bm25(document_chunk_fts, 0.0, 1.0) AS rank FROM document_chunk_fts
       WHERE document_chunk_fts MATCH ? ORDER BY rank DESC LIMIT ?`,
      [match, candidates],
    );
    const wanted = new Set(collections);
    const found = await this.byIds(top.map((row) => row.id));
    const byId = new Map(found.filter((chunk) => wanted.has(chunk.collection)).map((chunk) => [chunk.id, chunk]));
    const best = top.flatMap((row) => {
      const chunk = byId.get(row.id);
      return chunk ? [{ ...chunk, score: toScore(row.rank) }] : [];
    });
    if (best.length >= k || top.length < candidates) return best.slice(0, k);
    // Other collections fill the index's best rows: rank the matches of these collections only. The
    // names are compared on the row (a phrase filter inside MATCH read the collection's whole posting
    // list); `+` keeps SQLite from driving the join by the (collection_name, position) index, which
    // re-ran the MATCH per row.
    const rows: ChunkRow[] = await this.dataSource.query(
      `SELECT c.id, c.collection_name, c.file_id, c.content, c.metadata, -bm25(document_chunk_fts, 0.0, 1.0) AS rank
       FROM document_chunk_fts JOIN document_chunk c ON c.id = document_chunk_fts.rowid
       WHERE document_chunk_fts MATCH ? AND +c.collection_name IN (${marks}) AND +c.position >= 0
       ORDER BY rank DESC LIMIT ?`,
      [match, ...collections, k],
    );
    return rows.map((row) => toChunk(row, Number(row.rank)));
  }
}

/** A full-text rank (higher is better) as a relevance in [0, 1). */
function toScore(rank: number): number {
  return rank > 0 ? rank / (rank + 1) : 0;
}

function toChunk(row: ChunkRow, rank: number): StoredChunk {
  const score = toScore(rank);
  return {
    id: Number(row.id),
    collection: row.collection_name,
    fileId: row.file_id,
    content: row.content,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    score,
  };
}
