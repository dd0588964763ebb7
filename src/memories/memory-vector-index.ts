import { Injectable, Logger } from '@nestjs/common';
import { errorText } from '../common/errors.js';

/** A memory as its index sees it. */
export interface IndexedMemory {
  id: string;
  content: string;
}

/** A memory's place in a ranking: `score` from 0 to 1, higher is closer. */
export interface RankedMemory {
  id: string;
  score: number;
}

/** Vectors for a user's memories (the retrieval domain keeps them beside the chunks' vectors). */
export interface MemoryVectorIndex {
  /** The memories were written: their vectors follow. A failure is thrown; `rank` mends what it left. */
  put(userId: string, memories: IndexedMemory[]): Promise<void>;
  /** The memories (null: all of the user's) are gone. */
  remove(userId: string, ids: string[] | null): Promise<void>;
  /**
   * The best `k` of `memories` (the user's, as they are now) for the query by vector similarity, best
   * first; memories whose vector is missing or stale get one first. Null when vectors cannot rank now
   * (no embedding engine, its vectors still being built, the provider failing): the caller ranks otherwise.
   */
  rank(userId: string, memories: IndexedMemory[], query: string, k: number): Promise<RankedMemory[] | null>;
}

/**
 * Where the vector index registers (on module init). Retrieval sits above memories and uses it, so
 * memories reach it through this slot instead of importing it; without one, ranking stays lexical.
 * Writes never fail a request: the memory row is what counts, and `rank` mends a vector left behind.
 */
@Injectable()
export class MemoryVectorIndexes {
  private readonly logger = new Logger(MemoryVectorIndexes.name);
  private index: MemoryVectorIndex | null = null;

  register(index: MemoryVectorIndex): void {
    if (this.index) throw new Error('Two memory vector indexes registered');
    this.index = index;
  }

  async put(userId: string, memories: IndexedMemory[]): Promise<void> {
    await this.index?.put(userId, memories).catch((error: unknown) => this.warn('storing', error));
  }

  async remove(userId: string, ids: string[] | null): Promise<void> {
    await this.index?.remove(userId, ids).catch((error: unknown) => this.warn('removing', error));
  }

  async rank(userId: string, memories: IndexedMemory[], query: string, k: number): Promise<RankedMemory[] | null> {
    return (await this.index?.rank(userId, memories, query, k)) ?? null;
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn(`${what} memory vectors failed (ranking will mend them): ${errorText(error)}`);
  }
}
