import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CallerUser } from '../access/auth-context.js';
import { badRequest, notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobName } from '../jobs/job-types.js';
import { FileStorage } from '../storage/file-storage.js';
import { UsersService } from '../users/users.service.js';
import type { FileData, FileEntity, FileStatus } from './file.entity.js';
import { FileReadGrants } from './file-read-grants.js';
import { FilesRepository, type FileMetadata } from './files.repository.js';
import { safeFileName } from './file-names.js';
import { ProcessingWatch } from './processing-watch.js';
import type { StoredUpload } from './upload-storage.engine.js';

/** How often a status wait looks at the row again if no announcement woke it first. */
const STATUS_POLL_MS = 1000;
/** A synchronous upload (`process_in_background=false`) waits at most this long for processing. */
const SYNC_PROCESS_WAIT_MS = 10 * 60_000;
/** A made file's shown name (a page's address) is cut here; longer URLs are not worth showing whole. */
const MAX_DISPLAY_NAME = 2048;

export interface FileDownload {
  stream: Readable;
  file: FileEntity;
}

/**
 * Uploaded files: their rows, their bytes (through FileStorage) and who may see them. Processing
 * (text extraction, indexing) is the `file.process` job, run by the retrieval domain on any
 * instance; this service only queues it and reads where it stands.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
    private readonly queue: JobQueue,
    private readonly events: EventBus,
    private readonly users: UsersService,
    private readonly processing: ProcessingWatch,
    private readonly readGrants: FileReadGrants,
  ) {}

  async upload(
    caller: CallerUser,
    upload: StoredUpload,
    clientMetadata: Record<string, unknown>,
    options: { process: boolean; background: boolean; displayName?: string },
  ): Promise<FileEntity> {
    const now = nowSeconds();
    const row: FileEntity = {
      id: upload.id,
      user_id: caller.id,
      hash: null,
      filename: upload.safeName,
      path: upload.path,
      data: options.process ? { status: 'pending' } : {},
      meta: {
        name: options.displayName ?? upload.safeName,
        content_type: upload.mimetype || null,
        size: upload.size,
        data: clientMetadata,
        sha256: upload.sha256,
      },
      access_control: null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.files.insert(row);
    } catch (error) {
      await this.storage.delete(upload.path);
      throw error;
    }
    if (!options.process) return row;
    this.queue.add(JobName.ProcessFile, { userId: caller.id, fileId: row.id });
    if (options.background) return row;
    await this.waitForProcessing(row.id, AbortSignal.timeout(SYNC_PROCESS_WAIT_MS));
    return (await this.files.findById(row.id)) ?? row;
  }

  /** A file made from text the server produced (a fetched web page), stored like an upload. */
  async createFromText(
    caller: CallerUser,
    name: string,
    text: string,
    meta: Record<string, unknown>,
  ): Promise<FileEntity> {
    const id = randomUUID();
    const safeName = safeFileName(name);
    const stored = await this.storage.put(`${id}_${safeName}`, Readable.from([Buffer.from(text)]));
    const upload = {
      id,
      safeName,
      path: stored.path,
      size: stored.size,
      sha256: stored.sha256,
      mimetype: 'text/plain',
    };
    // The name shown and cited is the whole given one (a page's address); the stored name stays safe.
    const displayName = name.slice(0, MAX_DISPLAY_NAME);
    return this.upload(caller, upload as StoredUpload, meta, { process: false, background: true, displayName });
  }

  /** Admins see every file, others their own; `content: false` leaves out the extracted text. */
  async list(caller: CallerUser, content: boolean): Promise<FileEntity[]> {
    const rows = await this.files.list(caller.role === 'admin' ? null : caller.id);
    return content ? this.withTexts(rows) : rows.map(withoutContent);
  }

  async search(caller: CallerUser, glob: string, content: boolean): Promise<FileEntity[]> {
    const rows = await this.files.searchByName(caller.role === 'admin' ? null : caller.id, glob);
    if (rows.length === 0) throw notFound('No files found matching the pattern.');
    return content ? this.withTexts(rows) : rows.map(withoutContent);
  }

  /**
   * The file when the caller may read it: theirs, an admin, or shared with them (a knowledge base
   * they may read holds it). "Missing" and "not yours" are the same 404.
   */
  async get(caller: CallerUser, id: string): Promise<FileEntity> {
    const row = await this.files.findById(id);
    if (!row || !(await this.mayRead(caller, row))) throw notFound();
    return this.withText(row);
  }

  /** As `get`, without the extracted text in `data` (its status and error stay): for access checks and status. */
  async getWithoutContent(caller: CallerUser, id: string): Promise<FileEntity> {
    const row = await this.files.findWithoutContent(id);
    if (!row || !(await this.mayRead(caller, row))) throw notFound();
    return row;
  }

  /** What a knowledge base shows of its files (no text), for the ids that exist, in their order. */
  async metadata(ids: string[]): Promise<FileMetadata[]> {
    const rows = new Map((await this.files.findMetadata(ids)).map((row) => [row.id, row]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  async open(caller: CallerUser, id: string): Promise<FileDownload> {
    const file = await this.get(caller, id);
    const stream = file.path ? await this.storage.open(file.path) : null;
    if (!stream) throw notFound();
    return { stream, file };
  }

  /** Upstream shows HTML inline only when an admin uploaded it; we also sandbox it (file-download.ts). */
  async openHtmlPreview(caller: CallerUser, id: string): Promise<FileDownload> {
    const download = await this.open(caller, id);
    const owner = await this.users.findById(download.file.user_id);
    if (owner?.role !== 'admin') {
      download.stream.destroy();
      throw notFound();
    }
    return download;
  }

  async content(caller: CallerUser, id: string): Promise<{ content: string }> {
    const file = await this.get(caller, id);
    return { content: file.data?.content ?? '' };
  }

  /** Replaces the extracted text and indexes the file again. */
  async updateContent(caller: CallerUser, id: string, content: string): Promise<{ content: string }> {
    const file = await this.writable(caller, id);
    const { text_path: stored, ...data } = file.data ?? {};
    await this.files.update(file.id, { data: { ...data, content, status: 'pending' }, updated_at: nowSeconds() });
    if (stored) await this.deleteText(stored);
    this.queue.add(JobName.ProcessFile, { userId: file.user_id, fileId: file.id, content });
    return { content };
  }

  async status(caller: CallerUser, id: string): Promise<FileData> {
    return statusOf(await this.getWithoutContent(caller, id));
  }

  /** The file's status until processing ends (or the caller leaves): what the web app waits on. */
  async *statusUpdates(caller: CallerUser, id: string, signal: AbortSignal): AsyncGenerator<FileData> {
    let file = await this.getWithoutContent(caller, id);
    for (;;) {
      const status = statusOf(file);
      yield status;
      if (status.status !== 'pending' || signal.aborted) return;
      await this.processing.wait(id, STATUS_POLL_MS, signal);
      if (signal.aborted) return;
      const next = await this.files.findWithoutContent(id);
      if (!next) return;
      file = next;
    }
  }

  async delete(caller: CallerUser, id: string): Promise<void> {
    const file = await this.writable(caller, id);
    await this.remove([file]);
  }

  /** Every file of every user, with their bytes and indexes (admins). */
  async deleteAll(): Promise<void> {
    const all = await this.files.list(null);
    await this.events.emitAsync(DomainEvent.FilesDeleted, { fileIds: all.map((file) => file.id) });
    await this.files.deleteAll();
    await this.storage.deleteAll();
  }

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.remove(await this.files.list(userId));
  }

  // --- for the retrieval domain's processing job ---

  /** The row as stored, without an access check (jobs run for the owner). */
  findForProcessing(id: string): Promise<FileEntity | null> {
    return this.files.findById(id);
  }

  /**
   * Saves where processing ended. The text comes as `content` (kept in the row) or, when long, as
   * `textPath` (stored by storeText); whichever was there before is replaced.
   */
  async saveProcessing(
    id: string,
    changes: {
      status: FileStatus;
      content?: string;
      textPath?: string;
      error?: string;
      hash?: string | null;
      collection?: string;
    },
  ): Promise<void> {
    const file = await this.files.findById(id);
    if (!file) {
      if (changes.textPath) await this.deleteText(changes.textPath); // deleted meanwhile
      return;
    }
    const data: FileData = { ...file.data, status: changes.status };
    const replaced = changes.content !== undefined || changes.textPath !== undefined ? data.text_path : undefined;
    if (changes.content !== undefined) {
      data.content = changes.content;
      delete data.text_path;
    }
    if (changes.textPath !== undefined) {
      data.text_path = changes.textPath;
      delete data.content;
    }
    if (changes.error !== undefined) data.error = changes.error;
    else delete data.error;
    const meta = file.meta && changes.collection ? { ...file.meta, collection_name: changes.collection } : file.meta;
    await this.files.update(id, {
      data,
      meta,
      ...(changes.hash !== undefined ? { hash: changes.hash } : {}),
      updated_at: nowSeconds(),
    });
    await this.processing.announce(id);
    if (replaced && replaced !== changes.textPath) await this.deleteText(replaced);
  }

  /** Stores a long extracted text (streamed); the returned path goes to saveProcessing or deleteText. */
  async storeText(fileId: string, body: Readable): Promise<string> {
    const stored = await this.storage.put(`${fileId}_text-${randomUUID()}.txt`, body, { contentType: 'text/plain' });
    return stored.path;
  }

  /** A stored text, decoded a piece at a time each time it is read. */
  textPieces(path: string): () => AsyncGenerator<string> {
    const storage = this.storage;
    return async function* () {
      const stream = await storage.open(path);
      if (!stream) throw new Error(`The stored text ${path} is missing`);
      const decoder = new TextDecoder('utf-8');
      for await (const bytes of stream as AsyncIterable<Buffer>) yield decoder.decode(bytes, { stream: true });
      yield decoder.decode();
    };
  }

  async deleteText(path: string): Promise<void> {
    await this.storage.delete(path).catch((error: Error) => {
      this.logger.warn(`Could not delete a stored text (${path}): ${error.message}`);
    });
  }

  /** The row with its stored text (if any) read into `data.content`, as the routes answer it. */
  async withText(file: FileEntity): Promise<FileEntity> {
    const { text_path: path, ...data } = file.data ?? {};
    if (!path) return file;
    let content = '';
    for await (const piece of this.textPieces(path)()) content += piece;
    return { ...file, data: { ...data, content } };
  }

  private withTexts(files: FileEntity[]): Promise<FileEntity[]> {
    return Promise.all(files.map((file) => this.withText(file)));
  }

  localCopy(file: FileEntity) {
    if (!file.path) throw badRequest('The file has no stored content');
    return this.storage.localCopy(file.path);
  }

  private async waitForProcessing(id: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const file = await this.files.findWithoutContent(id);
      if (!file || statusOf(file).status !== 'pending') return;
      await this.processing.wait(id, STATUS_POLL_MS, signal);
    }
  }

  /** The file when the caller may change it (owner or admin); otherwise the same 404 as a missing one. */
  async writable(caller: CallerUser, id: string): Promise<FileEntity> {
    const row = await this.files.findById(id);
    if (!row || (row.user_id !== caller.id && caller.role !== 'admin')) throw notFound();
    return row;
  }

  private async mayRead(caller: CallerUser, row: FileEntity): Promise<boolean> {
    if (row.user_id === caller.id || caller.role === 'admin') return true;
    return this.readGrants.grantsRead(caller, row.id);
  }

  private async remove(files: FileEntity[]): Promise<void> {
    if (files.length === 0) return;
    await this.events.emitAsync(DomainEvent.FilesDeleted, { fileIds: files.map((file) => file.id) });
    await this.files.delete(files.map((file) => file.id));
    for (const file of files) {
      if (file.data?.text_path) await this.deleteText(file.data.text_path);
      if (file.path) {
        await this.storage.delete(file.path).catch((error: Error) => {
          // The row is gone; an orphaned blob is logged for the operator rather than failing the delete.
          this.logger.warn(`Could not delete stored file ${file.id}: ${error.message}`);
        });
      }
    }
  }
}

function statusOf(file: FileEntity): FileData {
  const data = file.data ?? {};
  const status: FileStatus = data.status ?? 'completed';
  return status === 'failed' ? { status, error: data.error ?? 'Processing failed' } : { status };
}

function withoutContent(file: FileEntity): FileEntity {
  if (!file.data || (file.data.content === undefined && file.data.text_path === undefined)) return file;
  const { content: _content, text_path: _path, ...data } = file.data;
  return { ...file, data };
}
