import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { AppError } from '../common/errors.js';
import { FilesService } from '../files/files.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { RagSource } from './rag-context.js';
import { fileCollection, RetrievalService } from './retrieval.service.js';

/** One item of a completion's `files` (a file or a knowledge base the user attached). */
export interface AttachedItem {
  type?: unknown;
  id?: unknown;
  [key: string]: unknown;
}

/**
 * The sources for a completion: the attached files' best chunks for the user's question (or their
 * whole text with RAG_FULL_CONTEXT / BYPASS_EMBEDDING_AND_RETRIEVAL). An item the caller may not
 * read is left out: a file id sent by a client proves nothing.
 */
@Injectable()
export class RagSourcesService {
  private readonly logger = new Logger(RagSourcesService.name);

  constructor(
    private readonly retrieval: RetrievalService,
    private readonly files: FilesService,
    private readonly settings: SettingsService,
  ) {}

  async sourcesFor(caller: CallerUser, items: AttachedItem[], query: string): Promise<RagSource[]> {
    const rag = this.settings.get().rag;
    const sources: RagSource[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const fileId = attachedFileId(item);
      if (fileId === null || seen.has(fileId)) continue;
      seen.add(fileId);
      const file = await this.files.get(caller, fileId).catch((error: unknown) => {
        if (error instanceof AppError && error.kind === 'not_found') return null;
        throw error;
      });
      if (!file) continue;
      const name = file.meta?.name ?? file.filename;
      const source = { ...item, type: 'file', id: file.id, name };
      if (rag.BYPASS_EMBEDDING_AND_RETRIEVAL) {
        const text = file.data?.content ?? '';
        if (text)
          sources.push({
            source,
            document: [text],
            metadata: [{ file_id: file.id, name, source: name }],
            distances: [1],
          });
        continue;
      }
      const hits = rag.RAG_FULL_CONTEXT
        ? await this.retrieval.fullContext([fileCollection(file.id)])
        : await this.retrieval.search([fileCollection(file.id)], query, rag.TOP_K);
      if (hits.length === 0) continue;
      sources.push({
        source,
        document: hits.map((hit) => hit.content),
        metadata: hits.map((hit) => hit.metadata),
        distances: hits.map((hit) => hit.score),
      });
    }
    if (sources.length > 0) this.logger.debug(`${sources.length} source(s) for a completion`);
    return sources;
  }
}

/** The file an item stands for: a `file` item's id, or a web page's `file-{id}` collection. */
function attachedFileId(item: AttachedItem): string | null {
  if (item.type === 'file' && typeof item.id === 'string') return item.id;
  const collection = item.collection_name;
  return typeof collection === 'string' && collection.startsWith('file-') ? collection.slice('file-'.length) : null;
}
