import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { CallerUser } from '../access/auth-context.js';
import { badRequest, errorText } from '../common/errors.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { JobQueue } from '../jobs/job-queue.js';
import { type JobContext, JobName, type ProcessFileJob } from '../jobs/job-types.js';
import { extractText } from './extraction/extract-text.js';
import { fileCollection, RetrievalService } from './retrieval.service.js';

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

  /** Extracts (unless given the text), indexes and saves; a failure is saved on the file and returned. */
  private async run(
    file: FileEntity,
    given: string | undefined,
    progress: (percent: number) => Promise<void>,
  ): Promise<{ content: string } | { error: string }> {
    try {
      const content = given ?? (await this.extract(file));
      await progress(50);
      const hash = sha256(content);
      await this.retrieval.indexFile(file, content, hash);
      await progress(90);
      await this.files.saveProcessing(file.id, {
        status: 'completed',
        content,
        hash,
        collection: fileCollection(file.id),
      });
      return { content };
    } catch (error) {
      this.logger.warn(`file ${file.id} could not be processed: ${errorText(error)}`);
      await this.files.saveProcessing(file.id, { status: 'failed', error: errorText(error) });
      return { error: errorText(error) };
    }
  }

  private async extract(file: FileEntity): Promise<string> {
    const copy = await this.files.localCopy(file);
    try {
      const { text } = await extractText(
        copy.path,
        { filename: file.filename, contentType: file.meta?.content_type ?? undefined },
        this.config.extraction,
      );
      return text;
    } finally {
      await copy.release();
    }
  }
}

/** Characters hashed per step: a long text is never converted to bytes whole (a 50 MB text cost 50 MB more). */
const HASH_STEP = 1 << 20;

/** SHA-256 of the text's UTF-8 bytes, a slice at a time (never between the halves of a surrogate pair). */
function sha256(text: string): string {
  const hash = createHash('sha256');
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + HASH_STEP);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    hash.update(text.slice(start, end));
    start = end;
  }
  return hash.digest('hex');
}
