import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CallerUser } from '../access/auth-context.js';
import { notFound } from '../common/errors.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { setImmediate } from 'node:timers/promises';
import { nowSeconds } from '../common/time.js';
import { splitText, splitTextPieces, type TextChunk, type TextPieces } from './chunking/split-text.js';
import { ChunksRepository, type NewChunk, type StoredChunk, type WrittenChunk } from './chunks.repository.js';
import type { UnembeddedChunk } from './vectors/chunk-vectors.repository.js';
import { CollectionReaders } from './collection-readers.js';
import { ChunkEmbedder } from './vectors/chunk-embedder.js';
import { ChunkSearchService, type SearchOptions } from './vectors/chunk-search.service.js';
import { EmbeddingSpacesService } from './vectors/embedding-spaces.service.js';

/** The query routes' answer, as Open WebUI's vector database returns it: one list per query. */
export interface QueryResult {
  distances: number[][];
  documents: string[][];
  metadatas: Record<string, unknown>[][];
}

/** Full-context mode returns whole documents; this bounds how many chunks that may be. */
const FULL_CONTEXT_MAX_CHUNKS = 10_000;

/** Chunks written per transaction when nothing is embedded (SQLite: ~30 ms each with FTS). */
const UNEMBEDDED_GROUP = 500;

export const fileCollection = (fileId: string) => `file-${fileId}`;

/**
 * Indexing and searching document chunks. Every search names its collections, and each is checked
 * against the caller first: a collection is readable only through the file (or knowledge base) it
 * belongs to, never by its name alone.
 */
@Injectable()
export class RetrievalService {
  constructor(
    private readonly chunks: ChunksRepository,
    private readonly files: FilesService,
    private readonly settings: SettingsService,
    private readonly collections: CollectionReaders,
    private readonly searcher: ChunkSearchService,
    private readonly embedder: ChunkEmbedder,
    private readonly spaces: EmbeddingSpacesService,
  ) {}

  /**
   * Splits a file's text and stores the chunks in its collection (replacing what was there), with their
   * vectors when an embedding engine is configured. A file of up to one embedding group is embedded
   * first and written with its vectors in one transaction; a larger one is written first and embedded
   * a group at a time (never all its vectors in memory), and its chunks are removed again if embedding
   * fails, so a file is never left half embedded.
   */
  async indexFile(
    file: FileEntity,
    content: string,
    hash: string,
    collection = fileCollection(file.id),
  ): Promise<number> {
    const rag = this.settings.get().rag;
    const pieces = await splitText(content, rag);
    const chunks = pieces.map(chunkOf(file, hash));
    const space = await this.spaces.forWriting(rag);
    const client = this.embedder.client(rag);
    if (!space || !client) {
      await this.chunks.replaceFileChunks(collection, file.id, chunks);
      return pieces.length;
    }
    const group = this.embedder.groupSize(rag);
    if (pieces.length <= group) {
      const vectors = await this.embedder.vectorsOf(
        space,
        client,
        pieces.map((piece) => piece.content),
      );
      await this.chunks.replaceFileChunks(collection, file.id, chunks, { spaceId: space.id, vectors });
      return pieces.length;
    }
    const written = await this.chunks.replaceFileChunks(collection, file.id, chunks);
    const unembedded = written.map(({ id, position }) => ({ id, collection, content: pieces[position].content }));
    try {
      await this.embedder.embed(space, client, unembedded, group);
    } catch (error) {
      await this.chunks.replaceFileChunks(collection, file.id, []);
      throw error;
    }
    return pieces.length;
  }

  /**
   * As `indexFile`, for a text too long to hold, read through `text` (twice: see splitTextPieces). Its
   * chunks are written hidden a group at a time and embedded as they come (the next group is split and
   * written while one is embedded), then shown in place of the file's old chunks in one transaction. If
   * anything fails the new chunks go and the old ones stay. Only a group of chunks is held at a time.
   */
  async indexTextPieces(
    file: FileEntity,
    text: TextPieces,
    hash: string,
    collection = fileCollection(file.id),
  ): Promise<number> {
    const rag = this.settings.get().rag;
    const space = await this.spaces.forWriting(rag);
    const client = this.embedder.client(rag);
    const group = space && client ? this.embedder.groupSize(rag) : UNEMBEDDED_GROUP;
    const toChunk = chunkOf(file, hash);
    const written: WrittenChunk[] = [];
    const createdAt = nowSeconds();
    const chunks = this.chunks;
    async function* staged(): AsyncGenerator<UnembeddedChunk[]> {
      for await (const pieces of splitTextPieces(text, rag, group)) {
        const first = written.length;
        const rows = await chunks.stage(collection, file.id, pieces.map(toChunk), first, createdAt);
        written.push(...rows);
        yield rows.map(({ id, position }) => ({ id, collection, content: pieces[position - first].content }));
      }
    }
    try {
      if (space && client) await this.embedder.embedGroups(space, client, staged());
      else for await (const _rows of staged()) await setImmediate(); // other work runs between groups
      await this.chunks.showStaged(collection, file.id, written);
    } catch (error) {
      await this.chunks.dropStaged(written);
      throw error;
    }
    return written.length;
  }

  /** The collections the caller may read among `names`; any other name is a 404 for the whole query. */
  async readableCollections(caller: CallerUser, names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    for (const name of unique) {
      // A file's collection through its file; any other through the domain that owns it (knowledge).
      if (name.startsWith('file-')) await this.files.getWithoutContent(caller, name.slice('file-'.length));
      else if (!(await this.collections.readable(caller, name))) throw notFound();
    }
    return unique;
  }

  /**
   * The best chunks of readable collections for a query, merged across them: full text, vector or hybrid
   * as the settings and the stored vectors allow (see ChunkSearchService).
   */
  search(collections: string[], query: string, k: number, options?: SearchOptions): Promise<StoredChunk[]> {
    return this.searcher.search(collections, query, k, options);
  }

  /** Every chunk of the collections in document order (RAG_FULL_CONTEXT). */
  fullContext(collections: string[]): Promise<StoredChunk[]> {
    return this.chunks.all(collections, FULL_CONTEXT_MAX_CHUNKS);
  }

  async query(
    caller: CallerUser,
    names: string[],
    query: string,
    k?: number,
    options?: SearchOptions,
  ): Promise<QueryResult> {
    const collections = await this.readableCollections(caller, names);
    const hits = await this.search(collections, query, k ?? this.settings.get().rag.TOP_K, options);
    return {
      distances: [hits.map((hit) => hit.score)],
      documents: [hits.map((hit) => hit.content)],
      metadatas: [hits.map((hit) => hit.metadata)],
    };
  }

  async deleteFromCollection(collection: string, fileId: string | null): Promise<void> {
    if (fileId === null) await this.chunks.deleteCollection(collection);
    else await this.chunks.replaceFileChunks(collection, fileId, []);
  }

  /** Drops the collection's chunks of every file but these. */
  keepOnlyFiles(collection: string, fileIds: string[]): Promise<void> {
    return this.chunks.deleteCollectionExcept(collection, fileIds);
  }

  resetIndex(): Promise<void> {
    return this.chunks.deleteAll();
  }

  @OnEvent(DomainEvent.FilesDeleted, { async: true, promisify: true, suppressErrors: false })
  async onFilesDeleted({ fileIds }: DomainEventPayloads[typeof DomainEvent.FilesDeleted]): Promise<void> {
    await this.chunks.deleteFiles(fileIds);
  }
}

/** A piece of a file as a chunk row: Open WebUI's metadata (`hash` is the whole text's). */
function chunkOf(file: FileEntity, hash: string): (piece: TextChunk) => NewChunk {
  const name = file.meta?.name ?? file.filename;
  return (piece) => ({
    content: piece.content,
    metadata: {
      file_id: file.id,
      name,
      source: name,
      hash,
      start_index: piece.start_index,
      created_by: file.user_id,
    },
  });
}
