import { Readable } from 'node:stream';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { CallerUser } from '../access/auth-context.js';
import { withBoundedHeap } from '../common/bounded-heap.js';
import { badRequest, errorText } from '../common/errors.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { JobQueue } from '../jobs/job-queue.js';
import { type JobContext, JobName, type ProcessFileJob } from '../jobs/job-types.js';
import { extractTextPieces } from './extraction/extract-text.js';
import { type KeptText, keepText } from './kept-text.js';
import { fileCollection, RetrievalService } from './retrieval.service.js';

/**
 * Texts up to this many characters are kept in the file's row (and indexed from a string); longer ones are
 * stored beside the file and streamed, so a 50 MB text costs a few MB while it is processed, not ~8× its size.
 */
const INLINE_TEXT_CHARS = 1 << 20;

/**
 * The `file.process` job: the file's text (extracted, or the edit the job carries) is saved on the
 * row, which ends `completed` or `failed`; the web app follows that through the status route.
 */
@Injectable()
export class FileProcessingJobs implements OnModuleInit {
  private readonly logger = new Logger(FileProcessingJobs.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly files: FilesService,
    private readonly retrieval: RetrievalService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(JobName.ProcessFile, (job, context) => this.process(job, context));
  }

  /** `POST /retrieval/process/file`: the same work in the request, for a file the caller may change. */
  async processNow(caller: CallerUser, fileId: string, content?: string) {
    const file = await this.files.writable(caller, fileId);
    const outcome = await this.run(file, content, () => Promise.resolve());
    if ('error' in outcome) throw badRequest(outcome.error);
    return {
      status: true,
      collection_name: fileCollection(file.id),
      filename: file.filename,
      content: outcome.content,
    };
  }

  /** `process/files/batch`: each file processed in turn; one failure does not stop the others. */
  async processBatch(caller: CallerUser, fileIds: string[]) {
    const results: { file_id: string; status: string; error?: string }[] = [];
    for (const fileId of fileIds) {
      try {
        await this.processNow(caller, fileId);
        results.push({ file_id: fileId, status: 'completed' });
      } catch (error) {
        results.push({ file_id: fileId, status: 'failed', error: errorText(error) });
      }
    }
    return { results, errors: results.flatMap((result) => (result.error ? [result.error] : [])) };
  }

  private async process(job: ProcessFileJob, context: JobContext): Promise<void> {
    const file = await this.files.findForProcessing(job.fileId);
    if (file) await this.run(file, job.content, (percent) => context.progress(percent)); // else deleted while queued
  }

  /**
   * Extracts (unless given the text), indexes and saves; a failure is saved on the file and returned.
   * A long text is never whole in memory: it is stored as it is extracted, then read back and indexed
   * a group of chunks at a time.
   */
  private run(
    file: FileEntity,
    given: string | undefined,
    progress: (percent: number) => Promise<void>,
  ): Promise<{ content: string } | { error: string }> {
    // A file that may make a long text is processed with V8's heap held small (see bounded-heap.ts).
    const large = (given?.length ?? file.meta?.size ?? 0) > INLINE_TEXT_CHARS;
    return large ? withBoundedHeap(() => this.runWith(file, given, progress)) : this.runWith(file, given, progress);
  }

  private async runWith(
    file: FileEntity,
    given: string | undefined,
    progress: (percent: number) => Promise<void>,
  ): Promise<{ content: string } | { error: string }> {
    let kept: KeptText | undefined;
    try {
      kept = await this.keep(file, given);
      await progress(50);
      const collection = fileCollection(file.id);
      if ('text' in kept) await this.retrieval.indexFile(file, kept.text, kept.hash);
      else await this.retrieval.indexTextPieces(file, this.files.textPieces(kept.path), kept.hash);
      await progress(90);
      const text = 'text' in kept ? { content: kept.text } : { textPath: kept.path };
      await this.files.saveProcessing(file.id, { status: 'completed', ...text, hash: kept.hash, collection });
      return { content: 'text' in kept ? kept.text : await this.storedText(file) };
    } catch (error) {
      this.logger.warn(`file ${file.id} could not be processed: ${errorText(error)}`);
      if (kept && 'path' in kept) await this.files.deleteText(kept.path);
      await this.files.saveProcessing(file.id, { status: 'failed', error: errorText(error) });
      return { error: errorText(error) };
    }
  }

  /** The text, extracted from the file or given: held when short, else stored as it comes. */
  private async keep(file: FileEntity, given: string | undefined): Promise<KeptText> {
    const store = (body: Readable) => this.files.storeText(file.id, body);
    if (given !== undefined) return keepText(Readable.from([given]), INLINE_TEXT_CHARS, store);
    const copy = await this.files.localCopy(file);
    try {
      const description = { filename: file.filename, contentType: file.meta?.content_type ?? undefined };
      return await keepText(
        extractTextPieces(copy.path, description, this.config.extraction),
        INLINE_TEXT_CHARS,
        store,
      );
    } finally {
      await copy.release();
    }
  }

  /** The text just stored, for the one route that answers with it (`process/file`). */
  private async storedText(file: FileEntity): Promise<string> {
    const saved = await this.files.findForProcessing(file.id);
    return saved ? ((await this.files.withText(saved)).data?.content ?? '') : '';
  }
}
