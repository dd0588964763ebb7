import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppError, errorText } from '../../common/errors.js';
import type { RagSettings } from '../../config/app-config.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobName } from '../../jobs/job-types.js';
import { SettingsService } from '../../settings/settings.service.js';
import { ChunkVectorsRepository } from './chunk-vectors.repository.js';
import { type EmbeddingSpace, EmbeddingSpacesRepository } from './embedding-spaces.repository.js';
import { type SearchableSpace, VectorStore } from './vector-store.js';

/** What a query does now: `full_text` while no engine is configured or its vectors are being built. */
export type SearchMode = 'full_text' | 'vector' | 'hybrid';

/** The embedding model of the settings, as a space is named. */
const modelOf = (rag: RagSettings) => ({ engine: rag.RAG_EMBEDDING_ENGINE, model: rag.RAG_EMBEDDING_MODEL });

/**
 * Which embedding space is in use. Vectors of two models are never mixed: a query uses the configured
 * model's space only once it is complete (`ready`); until then (the re-embed job is filling it)
 * queries run on full text. New chunks always get vectors of the configured model.
 */
@Injectable()
export class EmbeddingSpacesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmbeddingSpacesService.name);
  /** Spaces whose dimension this instance has seen settled (and, with pgvector, indexed). */
  private readonly settled = new Map<number, number>();
  /** Settlings in flight, by space and dimension. */
  private readonly settling = new Map<string, Promise<void>>();

  constructor(
    private readonly spaces: EmbeddingSpacesRepository,
    private readonly vectors: ChunkVectorsRepository,
    private readonly store: VectorStore,
    private readonly queue: JobQueue,
    private readonly settings: SettingsService,
  ) {}

  /**
   * A pending re-embed resumes; indexes that pgvector lacks (it was installed after vectors were
   * stored) are built in the background, queries ranking exactly meanwhile.
   */
  async onApplicationBootstrap(): Promise<void> {
    const spaces = await this.spaces.list();
    await this.store.forget(
      [],
      spaces.map((space) => space.id),
    );
    void (async () => {
      for (const space of spaces) if (isSearchable(space)) await this.store.prepare(space);
    })().catch((error: unknown) => this.logger.warn(`building the vector indexes failed: ${errorText(error)}`));
    await this.ensure(this.settings.get().rag);
  }

  /**
   * After the embedding settings changed (or at start): the configured model's space exists, and is
   * filled by a queued job when incomplete. Without an engine every space is marked incomplete, since
   * chunks indexed from now on get no vectors. `userId` hears the job's progress.
   */
  async ensure(rag: RagSettings, userId?: string): Promise<EmbeddingSpace | null> {
    const { engine, model } = modelOf(rag);
    if (!engine) {
      await this.spaces.markAllStale();
      return null;
    }
    const space = await this.spaces.findOrCreate(engine, model);
    if (space.state === 'building') {
      this.queue.add(JobName.ReembedChunks, { spaceId: space.id, ...(userId ? { userId } : {}) });
    } else {
      // Back to a model whose vectors are complete: spaces being built for another one are dropped.
      await this.dropSpaces(await this.spaces.deleteAllBut(space.id), [space.id]);
    }
    return space;
  }

  /** The space new chunks' vectors go to, or null without an engine. */
  async forWriting(rag: RagSettings): Promise<EmbeddingSpace | null> {
    const { engine, model } = modelOf(rag);
    if (!engine) return null;
    return (await this.spaces.find(engine, model)) ?? this.ensure(rag);
  }

  /** The space queries may use: the configured model's, once complete. */
  async searchable(rag: RagSettings): Promise<SearchableSpace | null> {
    const { engine, model } = modelOf(rag);
    if (!engine) return null;
    const space = await this.spaces.find(engine, model);
    return space?.state === 'ready' && isSearchable(space) ? space : null;
  }

  async searchMode(rag: RagSettings): Promise<SearchMode> {
    if ((await this.current(rag))?.state !== 'ready') return 'full_text';
    return rag.ENABLE_RAG_HYBRID_SEARCH ? 'hybrid' : 'vector';
  }

  /** The configured model's space. */
  async current(rag: RagSettings): Promise<EmbeddingSpace | null> {
    const { engine, model } = modelOf(rag);
    return engine ? this.spaces.find(engine, model) : null;
  }

  /** For the admin page: the configured model's space, and how many chunks have a vector in it. */
  async progress(rag: RagSettings) {
    const space = await this.current(rag);
    if (!space) return null;
    const { chunks, embedded } = await this.vectors.coverage(space.id);
    return { state: space.state, dimensions: space.dimensions, embedded_chunks: embedded, total_chunks: chunks };
  }

  get storeKind(): VectorStore['kind'] {
    return this.store.kind;
  }

  /**
   * Vectors of `dimensions` are about to be stored in the space: the first ones set its dimension
   * (and pgvector builds its index); vectors of another dimension mean the model changed under the
   * same name, and are refused.
   */
  async settleDimensions(space: EmbeddingSpace, dimensions: number): Promise<SearchableSpace> {
    if (this.settled.get(space.id) !== dimensions) {
      // One settling per space at a time: files processed together all store their first vectors at
      // once, and concurrent index builds for one space deadlock in PostgreSQL (each waits on the other).
      const key = `${space.id}:${dimensions}`;
      let settling = this.settling.get(key);
      if (!settling) {
        settling = this.settle(space, dimensions).finally(() => this.settling.delete(key));
        this.settling.set(key, settling);
      }
      await settling;
    }
    return { ...space, dimensions };
  }

  private async settle(space: EmbeddingSpace, dimensions: number): Promise<void> {
    const held = await this.spaces.settleDimensions(space.id, dimensions);
    if (held !== dimensions) {
      throw new AppError(
        'bad_gateway',
        `The embedding model ${space.model} now gives ${dimensions}-dimension vectors where its stored ones have ${held}: ` +
          'save the embedding settings with another model name to re-embed everything.',
      );
    }
    await this.store.prepare({ ...space, dimensions });
    this.settled.set(space.id, dimensions);
  }

  /** The space is complete: queries of its model use it from now on, and other spaces go. */
  async promote(space: EmbeddingSpace): Promise<void> {
    await this.dropSpaces(await this.spaces.promote(space.id), [space.id]);
    this.logger.log(`embedding space ${space.engine}/${space.model} is complete`);
  }

  private async dropSpaces(gone: EmbeddingSpace[], live: number[]): Promise<void> {
    if (gone.length === 0) return;
    for (const space of gone) this.settled.delete(space.id);
    await this.store.forget(
      gone.map((space) => space.id),
      live,
    );
    this.logger.log(`dropped the vectors of ${gone.map((space) => `${space.engine}/${space.model}`).join(', ')}`);
  }
}

function isSearchable(space: EmbeddingSpace): space is SearchableSpace {
  return space.dimensions !== null;
}
