import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import type { JsonObject } from '../database/columns.js';
import { DatabaseService, insertRows } from '../database/database.service.js';
import { ChatEntity } from './chat.entity.js';
import { applyPatches, type MessagePatch, searchDocuments, tagsOf, titleOf } from './chat-document.js';
import {
  ChatSearchRepository,
  PostgresChatSearchRepository,
  type SqlCondition,
  SqliteChatSearchRepository,
} from './chat-search.repository.js';
import type { ParsedSearch } from './search-query.js';
import { TagsRepository } from './tags.repository.js';

/** The columns of a list item: list queries never read chat bodies. */
const TITLE_COLUMNS = ['c.id', 'c.title', 'c.updated_at', 'c.created_at'] as const;
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

export const CHATS_PAGE_SIZE = 60;
const FOLDER_PAGE_SIZE = 10;

/** A title filter and a whitelisted sort (the DTO already refused other columns); page from 1. */
export interface ChatTitleFilter {
  query?: string;
  order_by?: ChatSortField;
  direction?: 'asc' | 'desc';
  page?: number;
}

/** Folds pending message patches into the document after this many, to keep reads cheap. */
const PATCH_FOLD_THRESHOLD = 200;

@Injectable()
export class ChatsRepository {
  private readonly search: ChatSearchRepository;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly tags: TagsRepository,
  ) {
    this.search = db.isPostgres ? new PostgresChatSearchRepository() : new SqliteChatSearchRepository();
  }

  // `pinned` is compared with `=` (never NULL in rows we write) so the (user, archived, pinned,
  // updated_at) index serves the list in order and LIMIT stops the scan early.
  /** The sidebar list: not archived, pinned and foldered ones only when asked; a page when given. */
  listTitles(userId: string, options: { page?: number; includePinned?: boolean; includeFolders?: boolean }) {
    const query = this.own(userId).andWhere('c.archived = :archived', { archived: false });
    if (!options.includePinned) query.andWhere('c.pinned = :pinned', { pinned: false });
    if (!options.includeFolders) query.andWhere('c.folder_id IS NULL');
    return this.titles(this.page(this.newestFirst(query), options.page));
  }

  pinnedTitles(userId: string): Promise<ChatTitle[]> {
    const query = this.own(userId)
      .andWhere('c.pinned = :pinned', { pinned: true })
      .andWhere('c.archived = :archived', { archived: false });
    return this.titles(this.newestFirst(query));
  }

  archivedTitles(userId: string, filter: ChatTitleFilter): Promise<ChatTitle[]> {
    const query = this.own(userId).andWhere('c.archived = :archived', { archived: true });
    return this.titles(this.page(this.filtered(query, filter), filter.page ?? 1));
  }

  /** All of a user's chats, archived included, filtered and sorted (the admin view). */
  titlesOfUser(userId: string, filter: ChatTitleFilter): Promise<ChatTitle[]> {
    return this.titles(this.page(this.filtered(this.own(userId), filter), filter.page ?? 1));
  }

  /**
   * Search: the parsed filters plus the phrase matched through the full-text index. `folderIds`:
   * the folders `folder:` named (no folder filter when none matched, as upstream).
   */
  searchTitles(userId: string, search: ParsedSearch, folderIds: string[], page: number): Promise<ChatTitle[]> {
    const archived = search.archived ?? false;
    const rows = (conditions: SqlCondition[]) => {
      const query = this.query().where('c.archived = :archived', { archived });
      for (const condition of conditions) query.andWhere(condition.sql, condition.params);
      if (search.pinned !== undefined) query.andWhere('c.pinned = :pinned', { pinned: search.pinned });
      if (search.shared !== undefined) query.andWhere(search.shared ? 'c.share_id IS NOT NULL' : 'c.share_id IS NULL');
      if (search.tagNone) query.andWhere('NOT EXISTS (SELECT 1 FROM chat_tag ct WHERE ct.chat_id = c.id)');
      search.tags.forEach((tag, index) => {
        query.andWhere(
          `EXISTS (SELECT 1 FROM chat_tag ct${index} WHERE ct${index}.chat_id = c.id AND ct${index}.tag_id = :tag${index})`,
          { [`tag${index}`]: tag },
        );
      });
      if (folderIds.length > 0) query.andWhere('c.folder_id IN (:...folderIds)', { folderIds });
      return this.titles(this.page(this.newestFirst(query), page));
    };
    if (!search.phrase) return rows([{ sql: 'c.user_id = :userId', params: { userId } }]);
    return this.search.findPage(this.dataSource.manager, userId, search.phrase, {
      wanted: Math.max(1, page) * CHATS_PAGE_SIZE,
      size: CHATS_PAGE_SIZE,
      rows,
      updatedAtOfNth: async (count) => {
        // The (user, archived, updated_at) index answers this without a sort.
        const nth = await this.own(userId)
          .andWhere('c.archived = :archived', { archived })
          .select('c.updated_at', 'updated_at')
          .orderBy('c.updated_at', 'DESC')
          .offset(count - 1)
          .limit(1)
          .getRawOne<{ updated_at: number | string }>();
        return nth === undefined ? undefined : Number(nth.updated_at);
      },
    });
  }

  /** Full chats in these folders that are neither pinned nor archived. */
  inFolders(userId: string, folderIds: string[]): Promise<ChatEntity[]> {
    const query = this.own(userId)
      .andWhere('c.folder_id IN (:...folderIds)', { folderIds })
      .andWhere('c.archived = :archived', { archived: false })
      .andWhere('c.pinned = :pinned', { pinned: false });
    return this.full(this.newestFirst(query));
  }

  /** One page (10) of a folder's own chats, neither pinned nor archived. */
  async titlesInFolder(userId: string, folderId: string, page: number): Promise<Omit<ChatTitle, 'created_at'>[]> {
    const query = this.own(userId)
      .andWhere('c.folder_id = :folderId', { folderId })
      .andWhere('c.archived = :archived', { archived: false })
      .andWhere('c.pinned = :pinned', { pinned: false });
    const rows = await this.titles(this.page(this.newestFirst(query), page, FOLDER_PAGE_SIZE));
    return rows.map(({ id, title, updated_at }) => ({ id, title, updated_at }));
  }

  /** Every chat of the user with bodies, archived included (export). */
  allOfUser(userId: string): Promise<ChatEntity[]> {
    return this.full(this.newestFirst(this.own(userId)));
  }

  archivedOfUser(userId: string): Promise<ChatEntity[]> {
    return this.full(this.newestFirst(this.own(userId).andWhere('c.archived = :archived', { archived: true })));
  }

  /** The whole table with bodies (admin export). */
  allInDatabase(): Promise<ChatEntity[]> {
    return this.full(this.newestFirst(this.query()));
  }

  titlesByTag(userId: string, tagId: string, skip: number, limit: number): Promise<ChatTitle[]> {
    const query = this.newestFirst(
      this.own(userId).andWhere('EXISTS (SELECT 1 FROM chat_tag ct WHERE ct.chat_id = c.id AND ct.tag_id = :tagId)', {
        tagId,
      }),
    )
      .offset(skip)
      .limit(limit);
    return this.titles(query);
  }

  /** Ids of every chat the user owns (to delete them all). */
  idsOfUser(userId: string): Promise<Pick<ChatEntity, 'id' | 'user_id'>[]> {
    return this.own(userId).select(['c.id', 'c.user_id']).getMany();
  }

  /** Ids and folders of the user's chats in these folders, pinned and archived included. */
  idsInFolders(userId: string, folderIds: string[]): Promise<Pick<ChatEntity, 'id' | 'user_id' | 'folder_id'>[]> {
    return this.own(userId)
      .select(['c.id', 'c.user_id', 'c.folder_id'])
      .andWhere('c.folder_id IN (:...folderIds)', { folderIds })
      .getMany();
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

  /** Archives or restores all of a user's chats; tag rows follow. */
  async setArchivedForUser(userId: string, archived: boolean): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ChatEntity).update({ user_id: userId, archived: !archived }, { archived });
      await this.tags.syncAll(manager, userId);
    });
  }

  /** Flips archived (which also takes the chat out of its folder); tag rows follow. */
  async toggleArchived(chat: Pick<ChatEntity, 'id' | 'user_id' | 'archived' | 'meta'>, now: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager
        .getRepository(ChatEntity)
        .update({ id: chat.id }, { archived: !chat.archived, folder_id: null, updated_at: now });
      await this.tags.sync(manager, chat.user_id, tagsOf(chat.meta));
    });
  }

  /**
   * Sets a chat's tags (ids; `names` gives display names for tag rows created here): `meta.tags`,
   * which the SPA reads, the `chat_tag` index and the tag rows, in one transaction. Updates `chat.meta`.
   */
  async setTags(
    chat: Pick<ChatEntity, 'id' | 'user_id' | 'meta'>,
    tagIds: string[],
    names?: Map<string, string>,
  ): Promise<void> {
    const unique = [...new Set(tagIds)];
    await this.db.transaction(async (manager) => {
      const previous = await this.tags.replaceChatTags(manager, chat, unique);
      chat.meta = { ...chat.meta, tags: unique };
      await manager.getRepository(ChatEntity).update({ id: chat.id }, { meta: chat.meta });
      await this.tags.sync(manager, chat.user_id, [...unique, ...previous], names);
    });
  }

  /** Moves chats to the root (their folder is being deleted). */
  async moveToRoot(chatIds: string[]): Promise<void> {
    if (chatIds.length === 0) return;
    await this.db.transaction((manager) =>
      manager.getRepository(ChatEntity).update({ id: In(chatIds) }, { folder_id: null }),
    );
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

  private query(): SelectQueryBuilder<ChatEntity> {
    return this.dataSource.getRepository(ChatEntity).createQueryBuilder('c');
  }

  private own(userId: string): SelectQueryBuilder<ChatEntity> {
    return this.query().where('c.user_id = :userId', { userId });
  }

  private newestFirst(query: SelectQueryBuilder<ChatEntity>): SelectQueryBuilder<ChatEntity> {
    return query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id');
  }

  private page(query: SelectQueryBuilder<ChatEntity>, page: number | undefined, size = CHATS_PAGE_SIZE) {
    if (page === undefined) return query;
    return query.offset((Math.max(1, page) - 1) * size).limit(size);
  }

  private filtered(query: SelectQueryBuilder<ChatEntity>, filter: ChatTitleFilter) {
    if (filter.query) {
      const pattern = containsPattern(filter.query.toLowerCase());
      query.andWhere(new Brackets((where) => where.where(`LOWER(c.title) LIKE :pattern ${LIKE_ESCAPE}`, { pattern })));
    }
    const field: ChatSortField = filter.order_by ?? 'updated_at';
    return query.orderBy(`c.${field}`, filter.direction === 'asc' ? 'ASC' : 'DESC').addOrderBy('c.id');
  }

  private titles(builder: SelectQueryBuilder<ChatEntity>): Promise<ChatTitle[]> {
    return builder.select([...TITLE_COLUMNS]).getMany();
  }

  /** Full chats (bodies included) with pending message patches applied. */
  private async full(builder: SelectQueryBuilder<ChatEntity>): Promise<ChatEntity[]> {
    const chats = await builder.getMany();
    return this.withPatches(chats);
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
