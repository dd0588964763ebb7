import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { AppError } from '../common/errors.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { StoredChunk } from './chunks.repository.js';
import { CollectionReaders } from './collection-readers.js';
import type { RagSource } from './rag-context.js';
import { fileCollection, RetrievalService } from './retrieval.service.js';

/** One item of a completion's `files` (a file or a knowledge base the user attached). */
export interface AttachedItem {
  type?: unknown;
  id?: unknown;
  [key: string]: unknown;
}

/**
 * The sources for a completion: the attached files' and knowledge bases' best chunks for the
 * queries (the user's question, or the task model's queries for it; each searched, the results
 * merged), or their whole text with RAG_FULL_CONTEXT / BYPASS_EMBEDDING_AND_RETRIEVAL.
 * An item the caller may not read is left out: an id sent by a client (or saved in a model's
 * `meta.knowledge` by its author) proves nothing.
 */
@Injectable()
export class RagSourcesService {
  private readonly logger = new Logger(RagSourcesService.name);

  constructor(
    private readonly retrieval: RetrievalService,
    private readonly files: FilesService,
    private readonly collections: CollectionReaders,
    private readonly settings: SettingsService,
  ) {}

  async sourcesFor(caller: CallerUser, items: AttachedItem[], queries: string[]): Promise<RagSource[]> {
    const sources: RagSource[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const fileId = attachedFileId(item);
      const collection = fileId === null ? attachedCollection(item) : null;
      const key = fileId !== null ? fileCollection(fileId) : collection;
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      const source =
        fileId !== null
          ? await this.fileSource(caller, item, fileId, queries)
          : await this.collectionSource(caller, item, key, queries);
      if (source) sources.push(source);
    }
    if (sources.length > 0) this.logger.debug(`${sources.length} source(s) for a completion`);
    return sources;
  }

  private async fileSource(caller: CallerUser, item: AttachedItem, fileId: string, queries: string[]) {
    const file = await this.readableFile(caller, fileId);
    if (!file) return null;
    const source = { ...item, type: 'file', id: file.id, name: nameOf(file) };
    if (this.settings.get().rag.BYPASS_EMBEDDING_AND_RETRIEVAL) return wholeText(source, [file]);
    return this.retrieved(source, [fileCollection(file.id)], queries);
  }

  /** A knowledge base: its chunks are searched together, the source is named after it. */
  private async collectionSource(caller: CallerUser, item: AttachedItem, name: string, queries: string[]) {
    const collection = await this.collections.readable(caller, name);
    if (!collection) return null;
    const source = { ...item, type: 'collection', id: collection.collection, name: collection.name };
    if (this.settings.get().rag.BYPASS_EMBEDDING_AND_RETRIEVAL) {
      const files = await Promise.all(collection.fileIds.map((id) => this.readableFile(caller, id)));
      return wholeText(
        source,
        files.filter((file) => file !== null),
      );
    }
    return this.retrieved(source, [collection.collection], queries);
  }

  private async retrieved(source: Record<string, unknown>, collections: string[], queries: string[]) {
    const rag = this.settings.get().rag;
    const hits = rag.RAG_FULL_CONTEXT
      ? await this.retrieval.fullContext(collections)
      : await this.searchEach(collections, queries, rag.TOP_K);
    if (hits.length === 0) return null;
    return {
      source,
      document: hits.map((hit) => hit.content),
      metadata: hits.map((hit) => hit.metadata),
      distances: hits.map((hit) => hit.score),
    };
  }

  /** Each query searched; a chunk found by several keeps its best score; the best `k` overall (as upstream merges). */
  private async searchEach(collections: string[], queries: string[], k: number): Promise<StoredChunk[]> {
    const best = new Map<number, StoredChunk>();
    for (const query of new Set(queries)) {
      for (const hit of await this.retrieval.search(collections, query, k)) {
        if ((best.get(hit.id)?.score ?? -Infinity) < hit.score) best.set(hit.id, hit);
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, k);
  }

  private readableFile(caller: CallerUser, id: string): Promise<FileEntity | null> {
    return this.files.get(caller, id).catch((error: unknown) => {
      if (error instanceof AppError && error.kind === 'not_found') return null;
      throw error;
    });
  }
}

const nameOf = (file: FileEntity) => file.meta?.name ?? file.filename;

/** The files' whole extracted text, one document each (no retrieval). */
function wholeText(source: Record<string, unknown>, files: FileEntity[]): RagSource | null {
  const withText = files.filter((file) => file.data?.content);
  if (withText.length === 0) return null;
  return {
    source,
    document: withText.map((file) => file.data?.content ?? ''),
    metadata: withText.map((file) => ({ file_id: file.id, name: nameOf(file), source: nameOf(file) })),
    distances: withText.map(() => 1),
  };
}

/** The file an item stands for: a `file` item's id, or a web page's `file-{id}` collection. */
function attachedFileId(item: AttachedItem): string | null {
  if (item.type === 'file' && typeof item.id === 'string') return item.id;
  const collection = item.collection_name;
  return typeof collection === 'string' && collection.startsWith('file-') ? collection.slice('file-'.length) : null;
}

/** The collection (knowledge base id) a `collection` item stands for, or an older item's `collection_name`. */
function attachedCollection(item: AttachedItem): string | null {
  if (item.type === 'collection' && typeof item.id === 'string') return item.id;
  return typeof item.collection_name === 'string' ? item.collection_name : null;
}
