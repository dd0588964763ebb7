import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { AppError, badRequest, errorText, notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { type FileEntity, hasText } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { RetrievalService } from '../retrieval/retrieval.service.js';
import { fileIdsOf, type KnowledgeEntity } from './knowledge.entity.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService, type KnowledgeWithFiles } from './knowledge.service.js';

export const FILE_NOT_PROCESSED =
  'Extracted content is not available for this file. Please ensure that the file is processed before proceeding.';
export const FILE_ALREADY_ADDED = 'The file is already in this knowledge base.';

/**
 * The files of a knowledge base: each one added is indexed into the collection named after the
 * knowledge base (its own `file-{id}` collection stays as it is), so a search of the knowledge
 * base is one search. Only files the caller may change (theirs, or any for admins) can be added:
 * adding shares them with the knowledge base's readers.
 */
@Injectable()
export class KnowledgeFilesService {
  private readonly logger = new Logger(KnowledgeFilesService.name);

  constructor(
    private readonly rows: KnowledgeRepository,
    private readonly knowledge: KnowledgeService,
    private readonly files: FilesService,
    private readonly retrieval: RetrievalService,
  ) {}

  async add(user: CallerUser, id: string, fileId: string): Promise<KnowledgeWithFiles> {
    const row = await this.knowledge.writable(user, id);
    const file = await this.processedFile(user, fileId);
    if (fileIdsOf(row).includes(file.id)) throw badRequest(FILE_ALREADY_ADDED);
    await this.index(row.id, file);
    return this.listed(row, (ids) => (ids.includes(file.id) ? ids : [...ids, file.id]));
  }

  /**
   * Several files at once: every one is checked before any is indexed; those already in are
   * skipped, and one that fails to index is reported in `warnings` without stopping the others.
   */
  async addMany(user: CallerUser, id: string, fileIds: string[]) {
    const row = await this.knowledge.writable(user, id);
    const files: FileEntity[] = [];
    for (const fileId of new Set(fileIds)) files.push(await this.processedFile(user, fileId));
    const added: string[] = [];
    const errors: string[] = [];
    for (const file of files.filter((candidate) => !fileIdsOf(row).includes(candidate.id))) {
      try {
        await this.index(row.id, file);
        added.push(file.id);
      } catch (error) {
        errors.push(`${file.meta?.name ?? file.filename}: ${errorText(error)}`);
      }
    }
    const result = await this.listed(row, (ids) => [...ids, ...added.filter((fileId) => !ids.includes(fileId))]);
    return errors.length > 0 ? { ...result, warnings: { message: 'Some files failed to process', errors } } : result;
  }

  /** Indexes a file of the knowledge base again, from its current text (after an edit of it). */
  async update(user: CallerUser, id: string, fileId: string): Promise<KnowledgeWithFiles> {
    const row = await this.knowledge.writable(user, id);
    const file = fileIdsOf(row).includes(fileId) ? await this.files.findForProcessing(fileId) : null;
    if (!file) throw notFound();
    if (!hasText(file)) throw badRequest(FILE_NOT_PROCESSED);
    await this.index(row.id, file);
    return this.knowledge.oneWithFiles(row);
  }

  /**
   * Takes a file out (its chunks in the knowledge base go). With `deleteFile` the file itself is
   * deleted too when the caller may delete it; a co-editor's removal leaves the owner's file alone.
   */
  async remove(user: CallerUser, id: string, fileId: string, deleteFile: boolean): Promise<KnowledgeWithFiles> {
    const row = await this.knowledge.writable(user, id);
    if (!fileIdsOf(row).includes(fileId)) throw notFound();
    const result = await this.listed(row, (ids) => ids.filter((listed) => listed !== fileId));
    await this.retrieval.deleteFromCollection(row.id, fileId);
    if (deleteFile) await this.deleteIfAllowed(user, fileId);
    return result;
  }

  /** Empties it: no files, no chunks. */
  async reset(user: CallerUser, id: string): Promise<KnowledgeWithFiles> {
    const row = await this.knowledge.writable(user, id);
    await this.retrieval.deleteFromCollection(row.id, null);
    return this.listed(row, () => []);
  }

  /**
   * Every knowledge base's collection rebuilt from its files' text (the `knowledge.reindex` job, after a
   * chunking or embedding change). Each file's chunks are replaced in place, so searches keep answering
   * meanwhile; then chunks of files no longer listed go. A file that fails is logged and keeps its old
   * chunks. `progress` hears how many of all the files are done.
   */
  async reindexAll(progress: (done: number, total: number) => Promise<void>): Promise<void> {
    const rows = await this.rows.listAll();
    const total = rows.reduce((sum, row) => sum + fileIdsOf(row).length, 0);
    let done = 0;
    for (const row of rows) {
      const kept: string[] = [];
      for (const fileId of fileIdsOf(row)) {
        const file = await this.files.findForProcessing(fileId);
        if (file && hasText(file)) {
          kept.push(fileId);
          await this.index(row.id, file).catch((error: unknown) => {
            this.logger.warn(`file ${fileId} of knowledge base ${row.id} could not be indexed: ${errorText(error)}`);
          });
        } // else deleted, or never processed: its chunks go below
        await progress(++done, total);
      }
      await this.retrieval.keepOnlyFiles(row.id, kept);
    }
  }

  /** A file the caller may change whose text has been extracted; "missing" and "not yours" are one 404. */
  private async processedFile(user: CallerUser, fileId: string): Promise<FileEntity> {
    const file = await this.files.writable(user, fileId);
    const status = file.data?.status;
    if (status === 'pending' || status === 'failed' || !hasText(file)) {
      throw badRequest(FILE_NOT_PROCESSED);
    }
    return file;
  }

  /** Deletes the file when the caller may (theirs, or any for admins); someone else's file stays. */
  private async deleteIfAllowed(user: CallerUser, fileId: string): Promise<void> {
    await this.files.delete(user, fileId).catch((error: unknown) => {
      if (!(error instanceof AppError && error.kind === 'not_found')) throw error;
    });
  }

  private async index(collection: string, file: FileEntity): Promise<void> {
    const stored = file.data?.text_path;
    if (stored) {
      // A long text is streamed from where it is stored; its hash is the file's (set when it was stored).
      const hash = file.hash ?? '';
      await this.retrieval.indexTextPieces(file, this.files.textPieces(stored), hash, collection);
      return;
    }
    const content = file.data?.content ?? '';
    const hash = createHash('sha256').update(content).digest('hex');
    await this.retrieval.indexFile(file, content, hash, collection);
  }

  /** The file list changed atomically, then the knowledge base as the routes answer it. */
  private async listed(row: KnowledgeEntity, change: (ids: string[]) => string[]): Promise<KnowledgeWithFiles> {
    const changed = await this.rows.changeFileIds(row.id, change, nowSeconds());
    if (!changed) {
      // Deleted meanwhile: what this request indexed must not outlive it.
      await this.retrieval.deleteFromCollection(row.id, null);
      throw notFound();
    }
    return this.knowledge.oneWithFiles(changed);
  }
}
