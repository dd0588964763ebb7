import { Injectable } from '@nestjs/common';
import type { RagSettings } from '../../config/app-config.js';
import { createEmbeddingClient, type EmbeddingClient } from '../embeddings/embedding-client.js';
import { type ChunkVector, ChunkVectorsRepository, type UnembeddedChunk } from './chunk-vectors.repository.js';
import type { EmbeddingSpace } from './embedding-spaces.repository.js';
import { EmbeddingSpacesService } from './embedding-spaces.service.js';
import { unitVectors } from './vector-matrix.js';

/** Texts per group: enough for the client's concurrent batches, few enough to hold (and write) at once. */
const MIN_GROUP = 64;
const MAX_GROUP = 2048;
/** Requests the embedding client keeps in flight (its own default too). */
const CONCURRENCY = 4;

/**
 * Turns chunks into stored vectors of one space: the configured engine embeds them a group at a time
 * (RAG_EMBEDDING_BATCH_SIZE texts per request, a few requests at once) and each group is written in
 * one transaction while the next group is already being embedded, so the provider never waits on the
 * database. Only one group's vectors are held at a time, whatever the size of the file.
 */
@Injectable()
export class ChunkEmbedder {
  constructor(
    private readonly vectors: ChunkVectorsRepository,
    private readonly spaces: EmbeddingSpacesService,
  ) {}

  client(rag: RagSettings): EmbeddingClient | null {
    return createEmbeddingClient(rag, { concurrency: CONCURRENCY });
  }

  /** How many texts one group holds with these settings. */
  groupSize(rag: RagSettings): number {
    return Math.min(MAX_GROUP, Math.max(MIN_GROUP, rag.RAG_EMBEDDING_BATCH_SIZE * CONCURRENCY));
  }

  /**
   * Embeds and stores `chunks` in groups; `onGroup` hears how many were stored so far. Rejects with the
   * provider's error (EmbeddingError) when a batch fails for good; groups stored before stay stored.
   */
  async embed(
    space: EmbeddingSpace,
    client: EmbeddingClient,
    chunks: UnembeddedChunk[],
    group: number,
    onGroup: (stored: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/require-await
    const groups = async function* () {
      for (let start = 0; start < chunks.length; start += group) yield chunks.slice(start, start + group);
    };
    await this.embedGroups(space, client, groups(), onGroup);
  }

  /**
   * As `embed`, for groups that are still being made (a file split and staged as it is read): the
   * next group is asked for while this one is embedded, so reading, writing and embedding overlap.
   */
  async embedGroups(
    space: EmbeddingSpace,
    client: EmbeddingClient,
    groups: AsyncIterable<UnembeddedChunk[]>,
    onGroup: (stored: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    const iterator = groups[Symbol.asyncIterator]();
    let writing: Promise<void> = Promise.resolve();
    let stored = 0;
    let next = iterator.next();
    let finished = false;
    try {
      for (let current = await next; !current.done; current = await next) {
        const slice = current.value;
        // Made float32 as soon as they come (not after the write before): the provider's number[][]
        // (twice the size, and one array per vector) dies young instead of waiting for the database.
        const embedding = client
          .embed(
            slice.map((chunk) => chunk.content),
            'document',
          )
          .then(unitVectors);
        next = iterator.next();
        // A failure of either is seen at its await below; neither may go unhandled meanwhile.
        next.catch(() => undefined);
        const embedded = await Promise.all([embedding, writing]).then(([vectors]) => vectors);
        writing = this.store(space, slice, embedded).then(() => onGroup((stored += slice.length)));
        writing.catch(() => undefined);
      }
      finished = true;
      await writing;
    } finally {
      // Stopped by a failure: the group being made and the write under way are awaited, so nothing
      // writes after this returns (the caller may be about to remove what was written).
      if (!finished) {
        await Promise.all([next.catch(() => undefined), writing.catch(() => undefined)]);
        await iterator.return?.();
      }
    }
  }

  /** Unit vectors of `texts`, the space's dimension settled by them (for a caller that stores them itself). */
  async vectorsOf(space: EmbeddingSpace, client: EmbeddingClient, texts: string[]): Promise<Float32Array[]> {
    const embedded = await client.embed(texts, 'document');
    if (embedded.length > 0) await this.spaces.settleDimensions(space, embedded[0].length);
    return unitVectors(embedded);
  }

  private async store(space: EmbeddingSpace, chunks: UnembeddedChunk[], units: Float32Array[]): Promise<void> {
    if (units.length === 0) return;
    const ready = await this.spaces.settleDimensions(space, units[0].length);
    const rows: ChunkVector[] = chunks.map((chunk, i) => ({
      chunkId: chunk.id,
      collection: chunk.collection,
      vector: units[i],
    }));
    await this.vectors.insert(ready.id, rows);
  }
}
