import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { RagSettings } from '../../config/app-config.js';
import {
  type IndexedMemory,
  type MemoryVectorIndex,
  MemoryVectorIndexes,
  type RankedMemory,
} from '../../memories/memory-vector-index.js';
import { SettingsService } from '../../settings/settings.service.js';
import { type ChunkState, ChunksRepository, type NewChunkVectors } from '../chunks.repository.js';
import { EmbeddingError } from '../embeddings/embedding-error.js';
import { ChunkEmbedder } from './chunk-embedder.js';
import { ChunkSearchService } from './chunk-search.service.js';
import { EmbeddingSpacesService } from './embedding-spaces.service.js';
import type { SearchableSpace } from './vector-store.js';
import { VectorStore } from './vector-store.js';

/** A user's memories live in this collection, one chunk each, as Open WebUI names their vector collection. */
export const memoryCollection = (userId: string) => `user-memory-${userId}`;

/**
 * Memory vectors in the vector store, beside the documents' (registered in MemoryVectorIndexes). Each
 * memory is one chunk of its user's collection, its `file_id` the memory's id, with a vector of the
 * configured model when there is an engine (a chunk without one is embedded by the re-embed job like
 * any other). No collection reader claims `user-memory-*`, so the retrieval routes never serve it.
 *
 * Ranking never trusts the stored vectors blindly: it compares them with the memories as they are
 * (content, and that a vector exists in the searchable space), embeds any that is missing or stale,
 * drops chunks of memories that are gone, and only then asks the store.
 */
@Injectable()
export class MemoryVectors implements MemoryVectorIndex, OnModuleInit {
  constructor(
    private readonly indexes: MemoryVectorIndexes,
    private readonly chunks: ChunksRepository,
    private readonly spaces: EmbeddingSpacesService,
    private readonly embedder: ChunkEmbedder,
    private readonly searcher: ChunkSearchService,
    private readonly store: VectorStore,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.indexes.register(this);
  }

  async put(userId: string, memories: IndexedMemory[]): Promise<void> {
    if (memories.length === 0) return;
    const rag = this.settings.get().rag;
    const space = await this.spaces.forWriting(rag);
    const client = space && this.embedder.client(rag);
    // The text is written either way (so a later re-embed finds it); its vector when there is an engine.
    const vectors = space && client ? await this.embedder.vectorsOf(space, client, contents(memories)) : null;
    await this.write(userId, memories, vectors && space ? { spaceId: space.id, vectors } : undefined);
  }

  async remove(userId: string, ids: string[] | null): Promise<void> {
    const collection = memoryCollection(userId);
    if (ids === null) return this.chunks.deleteCollection(collection);
    for (const id of ids) await this.chunks.replaceFileChunks(collection, id, []);
  }

  async rank(userId: string, memories: IndexedMemory[], query: string, k: number): Promise<RankedMemory[] | null> {
    const rag = this.settings.get().rag;
    const space = await this.spaces.searchable(rag);
    if (!space || memories.length === 0) return null;
    const owners = await this.mend(userId, memories, space, rag);
    if (!owners) return null;
    const queryVector = await this.searcher.embedQuery(rag, query, space);
    if (!queryVector) return null;
    const hits = await this.store.nearest(space, [memoryCollection(userId)], queryVector, k);
    const seen = new Set<string>();
    return hits.flatMap(({ chunkId, similarity }) => {
      const id = owners.get(chunkId);
      // A chunk written by a concurrent request, or a second one of the same memory, is left out.
      if (id === undefined || seen.has(id)) return [];
      seen.add(id);
      return [{ id, score: Math.round(((1 + similarity) / 2) * 1e6) / 1e6 }];
    });
  }

  /**
   * Brings the collection in line with the memories: every memory has one chunk of its current text
   * with a vector in the space. Returns which memory each chunk stands for; null when a vector could
   * not be made (the provider fails).
   */
  private async mend(
    userId: string,
    memories: IndexedMemory[],
    space: SearchableSpace,
    rag: RagSettings,
  ): Promise<Map<number, string> | null> {
    const collection = memoryCollection(userId);
    const states = await this.chunks.states(collection, space.id);
    const current = new Map(memories.map((memory) => [memory.id, memory.content]));
    const owners = new Map<number, string>();
    for (const state of states.filter((chunk) => isCurrent(chunk, current))) owners.set(state.id, state.sourceId!);
    // A chunk that stands for no memory as it is: its memory is gone (the chunk goes), or it is
    // stale or a second copy left by concurrent writes (its memory is written again).
    const strays = new Set(states.filter((chunk) => !owners.has(chunk.id)).map((chunk) => chunk.sourceId ?? ''));
    for (const stray of [...strays].filter((id) => !current.has(id))) {
      await this.chunks.replaceFileChunks(collection, stray, []);
    }
    const covered = new Set(owners.values());
    const missing = memories.filter((memory) => !covered.has(memory.id) || strays.has(memory.id));
    if (missing.length === 0) return owners;
    const client = this.embedder.client(rag);
    if (!client) return null;
    let vectors: Float32Array[];
    try {
      vectors = await this.embedder.vectorsOf(space, client, contents(missing));
    } catch (error) {
      if (error instanceof EmbeddingError) return null;
      throw error;
    }
    const written = await this.write(userId, missing, { spaceId: space.id, vectors });
    written.forEach((chunkId, i) => owners.set(chunkId, missing[i].id));
    return owners;
  }

  /** One chunk per memory, replacing what it had; the new chunks' ids in the memories' order. */
  private async write(userId: string, memories: IndexedMemory[], vectors?: NewChunkVectors): Promise<number[]> {
    const ids: number[] = [];
    for (const [i, memory] of memories.entries()) {
      const chunk = { content: memory.content, metadata: { memory_id: memory.id } };
      const one = vectors && { spaceId: vectors.spaceId, vectors: [vectors.vectors[i]] };
      const [written] = await this.chunks.replaceFileChunks(memoryCollection(userId), memory.id, [chunk], one);
      ids.push(written.id);
    }
    return ids;
  }
}

const contents = (memories: IndexedMemory[]) => memories.map((memory) => memory.content);

/** A chunk that stands for a memory as it is now: its text, with a vector. */
function isCurrent(chunk: ChunkState, current: Map<string, string>): boolean {
  return chunk.embedded && chunk.sourceId !== null && current.get(chunk.sourceId) === chunk.content;
}
