import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { errorText } from '../common/errors.js';
import type { FileEntity } from '../files/file.entity.js';
import { FilesService } from '../files/files.service.js';
import { JobQueue } from '../jobs/job-queue.js';
import { type JobContext, JobName, type ProcessFileJob } from '../jobs/job-types.js';
import { extractText } from './extraction/extract-text.js';

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
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(JobName.ProcessFile, (job, context) => this.process(job, context));
  }

  private async process(job: ProcessFileJob, context: JobContext): Promise<void> {
    const file = await this.files.findForProcessing(job.fileId);
    if (!file) return; // deleted while queued
    try {
      const content = job.content ?? (await this.extract(file));
      await context.progress(60);
      await this.files.saveProcessing(file.id, {
        status: 'completed',
        content,
        hash: createHash('sha256').update(content).digest('hex'),
        collection: `file-${file.id}`,
      });
    } catch (error) {
      this.logger.warn(`file ${file.id} could not be processed: ${errorText(error)}`);
      await this.files.saveProcessing(file.id, { status: 'failed', error: errorText(error) });
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
