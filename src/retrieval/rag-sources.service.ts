import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { AppError } from '../common/errors.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { SettingsService } from '../settings/settings.service.js';
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
 * user's question (or their whole text with RAG_FULL_CONTEXT / BYPASS_EMBEDDING_AND_RETRIEVAL).
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

  async sourcesFor(caller: CallerUser, items: AttachedItem[], query: string): Promise<RagSource[]> {
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
          ? await this.fileSource(caller, item, fileId, query)
          : await this.collectionSource(caller, item, key, query);
      if (source) sources.push(source);
    }
    if (sources.length > 0) this.logger.debug(`${sources.length} source(s) for a completion`);
    return sources;
  }

  private async fileSource(caller: CallerUser, item: AttachedItem, fileId: string, query: string) {
    const file = await this.readableFile(caller, fileId);
    if (!file) return null;
    const source = { ...item, type: 'file', id: file.id, name: nameOf(file) };
    if (this.settings.get().rag.BYPASS_EMBEDDING_AND_RETRIEVAL) return wholeText(source, [file]);
    return this.retrieved(source, [fileCollection(file.id)], query);
  }

  /** A knowledge base: its chunks are searched together, the source is named after it. */
  private async collectionSource(caller: CallerUser, item: AttachedItem, name: string, query: string) {
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
    return this.retrieved(source, [collection.collection], query);
  }

  private async retrieved(source: Record<string, unknown>, collections: string[], query: string) {
    const rag = this.settings.get().rag;
    const hits = rag.RAG_FULL_CONTEXT
      ? await this.retrieval.fullContext(collections)
      : await this.retrieval.search(collections, query, rag.TOP_K);
    if (hits.length === 0) return null;
    return {
      source,
      document: hits.map((hit) => hit.content),
      metadata: hits.map((hit) => hit.metadata),
      distances: hits.map((hit) => hit.score),
    };
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
