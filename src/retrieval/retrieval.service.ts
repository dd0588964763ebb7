import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CallerUser } from '../access/auth-context.js';
import { notFound } from '../common/errors.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { splitText } from './chunking/split-text.js';
import { ChunksRepository, type StoredChunk } from './chunks.repository.js';
import { CollectionReaders } from './collection-readers.js';

/** The query routes' answer, as Open WebUI's vector database returns it: one list per query. */
export interface QueryResult {
  distances: number[][];
  documents: string[][];
  metadatas: Record<string, unknown>[][];
}

/** Full-context mode returns whole documents; this bounds how many chunks that may be. */
const FULL_CONTEXT_MAX_CHUNKS = 10_000;

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
  ) {}

  /** Splits a file's text and stores the chunks in its collection (replacing what was there). */
  async indexFile(
    file: FileEntity,
    content: string,
    hash: string,
    collection = fileCollection(file.id),
  ): Promise<number> {
    const pieces = await splitText(content, this.settings.get().rag);
    await this.chunks.replaceFileChunks(
      collection,
      file.id,
      pieces.map((piece) => ({
        content: piece.content,
        metadata: {
          file_id: file.id,
          name: file.meta?.name ?? file.filename,
          source: file.meta?.name ?? file.filename,
          hash,
          start_index: piece.start_index,
          created_by: file.user_id,
        },
      })),
    );
    return pieces.length;
  }

  /** The collections the caller may read among `names`; any other name is a 404 for the whole query. */
  async readableCollections(caller: CallerUser, names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    for (const name of unique) {
      // A file's collection through its file; any other through the domain that owns it (knowledge).
      if (name.startsWith('file-')) await this.files.get(caller, name.slice('file-'.length));
      else if (!(await this.collections.readable(caller, name))) throw notFound();
    }
    return unique;
  }

  /** The best chunks of readable collections for a query (full-text ranking), merged across them. */
  async search(collections: string[], query: string, k: number): Promise<StoredChunk[]> {
    const { RELEVANCE_THRESHOLD } = this.settings.get().rag;
    const hits = await this.chunks.searchText(collections, query, k);
    return hits.filter((hit) => hit.score >= RELEVANCE_THRESHOLD);
  }

  /** Every chunk of the collections in document order (RAG_FULL_CONTEXT). */
  fullContext(collections: string[]): Promise<StoredChunk[]> {
    return this.chunks.all(collections, FULL_CONTEXT_MAX_CHUNKS);
  }

  async query(caller: CallerUser, names: string[], query: string, k?: number): Promise<QueryResult> {
    const collections = await this.readableCollections(caller, names);
    const hits = await this.search(collections, query, k ?? this.settings.get().rag.TOP_K);
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

  resetIndex(): Promise<void> {
    return this.chunks.deleteAll();
  }

  @OnEvent(DomainEvent.FilesDeleted, { async: true, promisify: true, suppressErrors: false })
  async onFilesDeleted({ fileIds }: DomainEventPayloads[typeof DomainEvent.FilesDeleted]): Promise<void> {
    await this.chunks.deleteFiles(fileIds);
  }
}
