import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { rank } from './lexical-rank.js';
import { CONTEXT_MEMORIES, lastUserText, userContext } from './memory-context.js';
import { MemoriesRepository } from './memories.repository.js';
import { MemoryVectorIndexes } from './memory-vector-index.js';
import { MemoryEntity } from './memory.entity.js';

const MEMORY_NOT_FOUND = 'Memory not found';

/**
 * `/api/v1/memories`: every query is scoped to the caller, so another user's memory is simply not
 * there. Relevance is by vector similarity when an embedding engine is configured (each write keeps
 * the memory's vector in step through MemoryVectorIndexes), else lexical (lexical-rank.ts).
 */
@Injectable()
export class MemoriesService {
  constructor(
    private readonly rows: MemoriesRepository,
    private readonly vectors: MemoryVectorIndexes,
  ) {}

  list(userId: string): Promise<MemoryEntity[]> {
    return this.rows.listForUser(userId);
  }

  async add(userId: string, content: string): Promise<MemoryEntity> {
    const now = nowSeconds();
    const row = Object.assign(new MemoryEntity(), {
      id: randomUUID(),
      user_id: userId,
      content,
      updated_at: now,
      created_at: now,
    });
    await this.rows.insert(row);
    await this.vectors.put(userId, [row]);
    return row;
  }

  /** The `k` most relevant memories in upstream's vector-search shape. */
  async query(userId: string, content: string, k = 1) {
    const memories = await this.list(userId);
    if (memories.length === 0) throw notFound('No memories found for user');
    const hits = await this.ranked(userId, memories, content, k);
    return {
      ids: [hits.map(({ item }) => item.id)],
      documents: [hits.map(({ item }) => item.content)],
      metadatas: [hits.map(({ item }) => ({ created_at: item.created_at, updated_at: item.updated_at }))],
      distances: [hits.map(({ score }) => Math.round(score * 1e6) / 1e6)],
    };
  }

  async update(userId: string, id: string, content: string): Promise<MemoryEntity> {
    const row = await this.rows.findOwned(userId, id);
    if (!row) throw notFound(MEMORY_NOT_FOUND);
    const changes = { content, updated_at: nowSeconds() };
    await this.rows.update(userId, id, changes);
    const updated = { ...row, ...changes };
    await this.vectors.put(userId, [updated]);
    return updated;
  }

  /** false when there is no such memory of the caller's (upstream answers so, not with an error). */
  async delete(userId: string, id: string): Promise<boolean> {
    const deleted = await this.rows.delete(userId, id);
    if (deleted) await this.vectors.remove(userId, [id]);
    return deleted;
  }

  async deleteAll(userId: string): Promise<boolean> {
    await this.rows.deleteAllOfUser(userId);
    await this.vectors.remove(userId, null);
    return true;
  }

  /** `POST /reset`: every vector of the caller's memories made again (after a provider or model change). */
  async reindex(userId: string): Promise<boolean> {
    await this.vectors.remove(userId, null);
    await this.vectors.put(userId, await this.list(userId));
    return true;
  }

  /**
   * The "User Context" block for a completion: the memories closest to the last user message (the
   * newest when nothing matches); undefined when the user has none.
   */
  async contextFor(userId: string, messages: { role: string; content: unknown }[]): Promise<string | undefined> {
    const memories = await this.list(userId);
    if (memories.length === 0) return undefined;
    const hits = await this.ranked(userId, memories, lastUserText(messages), CONTEXT_MEMORIES);
    return userContext(hits.map(({ item }) => item));
  }

  /** The `k` best memories for the query: by their vectors when those can rank, else by their words. */
  private async ranked(userId: string, memories: MemoryEntity[], query: string, k: number) {
    const byVector = await this.vectors.rank(userId, memories, query, k);
    if (!byVector) return rank(query, memories, k);
    const byId = new Map(memories.map((memory) => [memory.id, memory]));
    return byVector.flatMap(({ id, score }) => {
      const item = byId.get(id);
      return item ? [{ item, score }] : [];
    });
  }

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.deleteAll(userId);
  }
}
