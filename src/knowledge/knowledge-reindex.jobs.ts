import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.js';
import { type JobContext, JobName, type ReindexKnowledgeJob } from '../jobs/job-types.js';
import { KnowledgeFilesService } from './knowledge-files.service.js';

/**
 * `POST /api/v1/knowledge/reindex` as a queue job (`knowledge.reindex`): the request answers at once,
 * and the admin who asked sees the job's progress (`job:progress` on their tabs) as files are indexed.
 */
@Injectable()
export class KnowledgeReindexJobs implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly knowledgeFiles: KnowledgeFilesService,
  ) {}

  onModuleInit(): void {
    this.queue.register(JobName.ReindexKnowledge, (job, context) => this.run(job, context));
  }

  /** Queues the job; true, as upstream answers once its (synchronous) reindex is done. */
  start(userId: string): boolean {
    this.queue.add(JobName.ReindexKnowledge, { userId });
    return true;
  }

  private async run(_job: ReindexKnowledgeJob, context: JobContext): Promise<void> {
    await this.knowledgeFiles.reindexAll((done, total) => context.progress((100 * done) / total));
  }
}
