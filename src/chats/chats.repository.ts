import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { JsonObject } from '../database/columns.js';
import { Database, insertRows } from '../database/database.service.js';
import { ChatEntity } from './chat.entity.js';
import { applyPatches, type MessagePatch, searchDocuments, titleOf } from './chat-document.js';
import { ChatSearchIndex, PostgresChatSearchIndex, SqliteChatSearchIndex } from './search-index.js';
import { TagsRepository } from './tags.repository.js';

/** The columns of a list item: list queries never read chat bodies. */
export const TITLE_COLUMNS = ['c.id', 'c.title', 'c.updated_at', 'c.created_at'] as const;
export type ChatTitle = Pick<ChatEntity, 'id' | 'title' | 'updated_at' | 'created_at'>;
const SUMMARY_COLUMNS = [
  'c.id',
  'c.user_id',
  'c.title',
  'c.updated_at',
  'c.created_at',
  'c.share_id',
  'c.archived',
  'c.pinned',
  'c.meta',
  'c.folder_id',
] as const;
export type ChatSummary = Omit<ChatEntity, 'chat'>;

export const CHAT_SORT_FIELDS = ['updated_at', 'created_at', 'title'] as const;
export type ChatSortField = (typeof CHAT_SORT_FIELDS)[number];

/** Folds pending message patches into the document after this many, to keep reads cheap. */
const PATCH_FOLD_THRESHOLD = 200;

@Injectable()
export class ChatsRepository {
  readonly search: ChatSearchIndex;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Database,
    private readonly tags: TagsRepository,
  ) {
    this.search = db.isPostgres ? new PostgresChatSearchIndex() : new SqliteChatSearchIndex();
  }

  /** A query over the chat table; callers choose columns (never `c.chat` for lists). */
  query(): SelectQueryBuilder<ChatEntity> {
    return this.dataSource.getRepository(ChatEntity).createQueryBuilder('c');
  }

  titles(builder: SelectQueryBuilder<ChatEntity>): Promise<ChatTitle[]> {
    return builder.select([...TITLE_COLUMNS]).getMany();
  }

  summaries(builder: SelectQueryBuilder<ChatEntity>): Promise<ChatSummary[]> {
    return builder.select([...SUMMARY_COLUMNS]).getMany();
  }

  /** Full chats (bodies included) with pending message patches applied. */
  async full(builder: SelectQueryBuilder<ChatEntity>): Promise<ChatEntity[]> {
    const chats = await builder.getMany();
    return this.withPatches(chats);
  }

  async findById(id: string): Promise<ChatEntity | null> {
    const chat = await this.dataSource.getRepository(ChatEntity).findOneBy({ id });
    return chat ? (await this.withPatches([chat]))[0] : null;
  }

  async findSummary(id: string): Promise<ChatSummary | null> {
    return this.query()
      .select([...SUMMARY_COLUMNS])
      .where('c.id = :id', { id })
      .getOne();
  }

  async insert(chats: ChatEntity[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      await insertRows(manager, ChatEntity, chats);
      for (const chat of chats) {
        await this.search.replace(manager, chat.id, chat.user_id, searchDocuments(chat.title, chat.chat));
      }
      await this.tags.indexNewChats(manager, chats);
    });
  }

  /**
   * A whole-document write (client save, rename, share refresh): the row is locked, pending patches
   * are folded in, `change` returns the new document, and title, search entries and patches follow.
   */
  async rewrite(id: string, change: (current: JsonObject) => JsonObject, now: number): Promise<ChatEntity | null> {
    return this.db.transaction(async (manager) => {
      const locked = await this.lockedWithPatches(manager, id);
      if (!locked) return null;
      const { chat, folded } = locked;
      chat.chat = change(chat.chat);
      chat.title = titleOf(chat.chat);
      chat.updated_at = now;
      await manager.getRepository(ChatEntity).update({ id }, { chat: chat.chat, title: chat.title, updated_at: now });
      // Only the patches folded in here: one written meanwhile (a newer updated_ms) must survive.
      for (const patch of folded) {
        await manager.query(
          this.sql('DELETE FROM chat_message_patch WHERE chat_id = ? AND message_id = ? AND updated_ms = ?'),
          [id, patch.message_id, patch.updated_ms],
        );
      }
      await this.search.replace(manager, id, chat.user_id, searchDocuments(chat.title, chat.chat));
      return chat;
    });
  }

  /**
   * Server-side message upsert: one patch row merged in SQL (atomic, so concurrent writers to
   * different messages never lose each other's), plus one search entry. Cost does not grow with
   * the chat's length.
   */
  async upsertMessage(chat: Pick<ChatEntity, 'id' | 'user_id'>, messageId: string, data: JsonObject, now: number) {
    const patches = await this.db.transaction(async (manager) => {
      const payload = JSON.stringify(data);
      const merge = this.db.isPostgres
        ? '(chat_message_patch.data::jsonb || EXCLUDED.data::jsonb)::text'
        : 'json_patch(chat_message_patch.data, excluded.data)';
      // The chat row first: writers then queue on it in one order (no deadlock with a concurrent
      // whole-document save, which locks the row before touching patches).
      await manager.getRepository(ChatEntity).update({ id: chat.id }, { updated_at: now });
      await manager.query(
        this.sql(
          `INSERT INTO chat_message_patch (chat_id, message_id, data, updated_ms) VALUES (?, ?, ?, ?)
           ON CONFLICT (chat_id, message_id) DO UPDATE SET data = ${merge}, updated_ms = EXCLUDED.updated_ms`,
        ),
        [chat.id, messageId, payload, Date.now()],
      );
      if (typeof data.content === 'string') {
        await this.search.upsert(manager, chat.id, chat.user_id, { messageId, content: data.content });
      }
      const [{ count }] = await manager.query<{ count: string | number }[]>(
        this.sql('SELECT COUNT(*) AS count FROM chat_message_patch WHERE chat_id = ?'),
        [chat.id],
      );
      return Number(count);
    });
    if (patches > PATCH_FOLD_THRESHOLD) await this.rewrite(chat.id, (current) => current, now);
  }

  async updateColumns(id: string, changes: Partial<Omit<ChatEntity, 'chat' | 'id'>>): Promise<void> {
    await this.db.transaction((manager) => manager.getRepository(ChatEntity).update({ id }, changes));
  }

  async updateColumnsWhere(userId: string, changes: Partial<ChatEntity>, archived?: boolean): Promise<void> {
    await this.db.transaction(async (manager) => {
      const where = archived === undefined ? { user_id: userId } : { user_id: userId, archived };
      await manager.getRepository(ChatEntity).update(where, changes);
    });
  }

  /** Deletes chats with their share copies, patches, search entries and unused tag rows. */
  async delete(chats: Pick<ChatEntity, 'id' | 'user_id'>[]): Promise<void> {
    if (chats.length === 0) return;
    await this.db.transaction(async (manager) => {
      const ids = chats.map((chat) => chat.id);
      for (let start = 0; start < ids.length; start += 500) {
        const slice = ids.slice(start, start + 500);
        const sharedOwners = slice.map((id) => `shared-${id}`);
        await manager.getRepository(ChatEntity).delete({ user_id: In(sharedOwners) });
        await manager.getRepository(ChatEntity).delete({ id: In(slice) });
        await manager.query(
          this.sql(`DELETE FROM chat_message_patch WHERE chat_id IN (${slice.map(() => '?').join(', ')})`),
          slice,
        );
      }
      await this.search.remove(manager, ids);
      await this.tags.unindexChats(manager, chats);
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async lockedWithPatches(
    manager: EntityManager,
    id: string,
  ): Promise<{ chat: ChatEntity; folded: MessagePatch[] } | null> {
    const builder = manager.getRepository(ChatEntity).createQueryBuilder('c').where('c.id = :id', { id });
    // SQLite has one writer at a time already; PostgreSQL needs the row lock.
    if (this.db.isPostgres) builder.setLock('pessimistic_write');
    const chat = await builder.getOne();
    if (!chat) return null;
    const folded = (await this.patchesFor(manager, [id])).get(id) ?? [];
    chat.chat = applyPatches(chat.chat, folded);
    return { chat, folded };
  }

  private async withPatches(chats: ChatEntity[]): Promise<ChatEntity[]> {
    if (chats.length === 0) return chats;
    const patches = await this.patchesFor(
      this.dataSource.manager,
      chats.map((chat) => chat.id),
    );
    for (const chat of chats) {
      const own = patches.get(chat.id);
      if (own) chat.chat = applyPatches(chat.chat, own);
    }
    return chats;
  }

  private async patchesFor(manager: EntityManager, chatIds: string[]): Promise<Map<string, MessagePatch[]>> {
    const result = new Map<string, MessagePatch[]>();
    for (let start = 0; start < chatIds.length; start += 500) {
      const slice = chatIds.slice(start, start + 500);
      const rows = await manager.query<
        { chat_id: string; message_id: string; data: string; updated_ms: string | number }[]
      >(
        this.sql(
          `SELECT chat_id, message_id, data, updated_ms FROM chat_message_patch WHERE chat_id IN (${slice.map(() => '?').join(', ')})`,
        ),
        slice,
      );
      for (const row of rows) {
        const patch = {
          message_id: row.message_id,
          data: JSON.parse(row.data) as JsonObject,
          updated_ms: Number(row.updated_ms),
        };
        result.set(row.chat_id, [...(result.get(row.chat_id) ?? []), patch]);
      }
    }
    return result;
  }

  /** Raw SQL is written with `?`; PostgreSQL wants $1, $2, … */
  private sql(text: string): string {
    if (!this.db.isPostgres) return text;
    let index = 0;
    return text.replace(/\?/g, () => `$${++index}`);
  }
}
