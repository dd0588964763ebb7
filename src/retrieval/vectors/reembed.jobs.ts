import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../jobs/job-queue.js';
import { type JobContext, JobName, type ReembedChunksJob } from '../../jobs/job-types.js';
import { SettingsService } from '../../settings/settings.service.js';
import { ChunkEmbedder } from './chunk-embedder.js';
import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { type EmbeddingSpace, EmbeddingSpacesRepository } from './embedding-spaces.repository.js';
import { EmbeddingSpacesService } from './embedding-spaces.service.js';

/** How long a worker holds a space before another may take over (renewed after every group). */
const CLAIM_SECONDS = 120;

/**
 * The `retrieval.reembed` job: every chunk without a vector in the space gets one, in chunk-id order,
 * a group at a time; then the space becomes the one queries use and the previous model's vectors go.
 * It can stop anywhere (failure, restart, another instance) and the next run goes on from what is
 * stored. A space whose model is no longer the configured one is left alone.
 */
@Injectable()
export class ReembedJobs implements OnModuleInit {
  private readonly logger = new Logger(ReembedJobs.name);
  private readonly holder = randomUUID();

  constructor(
    private readonly queue: JobQueue,
    private readonly spaces: EmbeddingSpacesRepository,
    private readonly spacesService: EmbeddingSpacesService,
    private readonly vectors: ChunkVectorsRepository,
    private readonly embedder: ChunkEmbedder,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.queue.register(JobName.ReembedChunks, (job, context) => this.run(job, context));
  }

  private async run({ spaceId }: ReembedChunksJob, context: JobContext): Promise<void> {
    if (!(await this.spaces.claim(spaceId, CLAIM_SECONDS, this.holder))) {
      this.logger.debug(`embedding space ${spaceId} is being filled elsewhere`);
      return;
    }
    try {
      await this.fill(spaceId, context);
    } finally {
      await this.spaces.release(spaceId, this.holder);
    }
  }

  private async fill(spaceId: number, context: JobContext): Promise<void> {
    let { chunks: total, embedded } = await this.vectors.coverage(spaceId);
    for (let after = 0; ;) {
      const space = await this.stillWanted(spaceId);
      if (!space) return;
      const rag = this.settings.get().rag;
      const client = this.embedder.client(rag);
      if (!client) return;
      const group = this.embedder.groupSize(rag);
      // A few groups per page: the embedder overlaps their requests with the writes.
      const page = await this.vectors.unembedded(spaceId, after, group * 4);
      if (page.length === 0) {
        // Chunks written behind the walk (lower ids than where it is) are caught by a last look.
        if (after > 0) {
          after = 0;
          continue;
        }
        await this.spacesService.promote(space);
        await context.progress(100);
        return;
      }
      await this.embedder.embed(space, client, page, group, async (stored) => {
        await this.spaces.claim(spaceId, CLAIM_SECONDS, this.holder);
        const done = Math.min(total, embedded + stored);
        await context.progress(total > 0 ? (99 * done) / total : 99);
      });
      embedded += page.length;
      total = Math.max(total, embedded);
      after = page[page.length - 1].id;
    }
  }

  /** The space, while it is still the configured model's and still incomplete. */
  private async stillWanted(spaceId: number): Promise<EmbeddingSpace | null> {
    const space = await this.spaces.get(spaceId);
    const rag = this.settings.get().rag;
    if (!space || space.state === 'ready') return null;
    if (space.engine !== rag.RAG_EMBEDDING_ENGINE || space.model !== rag.RAG_EMBEDDING_MODEL) return null;
    return space;
  }
}
