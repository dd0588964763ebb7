import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { insertRows } from '../database/database.service.js';
import { ChatEntity } from './chat.entity.js';
import { tagIdOf } from './chat-document.js';
import { ChatTagEntity, TagEntity } from './tag.entity.js';

/**
 * Tag bookkeeping inside chat write transactions (ChatsRepository's): the `chat_tag` index and
 * `tag` rows, which exist exactly while a non-archived chat carries the tag.
 */
@Injectable()
export class TagsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listForUser(userId: string): Promise<TagEntity[]> {
    return this.dataSource.getRepository(TagEntity).find({ where: { user_id: userId }, order: { id: 'ASC' } });
  }

  async findForChat(userId: string, tagIds: string[]): Promise<TagEntity[]> {
    if (tagIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(TagEntity).findBy({ user_id: userId, id: In(tagIds) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return tagIds.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Replaces a chat's `chat_tag` index entries with `tagIds` (unique); returns the tag ids it had, so
   * the caller can sync the rows of both (ChatsRepository.setTags, which also writes `meta.tags`).
   */
  async replaceChatTags(
    manager: EntityManager,
    chat: Pick<ChatEntity, 'id' | 'user_id'>,
    tagIds: string[],
  ): Promise<string[]> {
    const previous = await manager.getRepository(ChatTagEntity).findBy({ chat_id: chat.id });
    await manager.getRepository(ChatTagEntity).delete({ chat_id: chat.id });
    const rows = tagIds.map((tag_id) =>
      Object.assign(new ChatTagEntity(), { chat_id: chat.id, tag_id, user_id: chat.user_id }),
    );
    await insertRows(manager, ChatTagEntity, rows);
    return previous.map((row) => row.tag_id);
  }

  /** Index entries for newly inserted chats (import, clone) and their tag rows. */
  async indexNewChats(manager: EntityManager, chats: ChatEntity[]): Promise<void> {
    // Share snapshots (user_id "shared-…") carry tags in meta only; they have no tag rows.
    const rows = chats
      .filter((chat) => !chat.user_id.startsWith('shared-'))
      .flatMap((chat) =>
        [...new Set(tagsOfMeta(chat))].map((tag_id) => ({ chat_id: chat.id, tag_id, user_id: chat.user_id })),
      );
    if (rows.length === 0) return;
    await insertRows(manager, ChatTagEntity, rows as ChatTagEntity[], 500);
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.tag_id]);
    for (const [userId, tagIds] of byUser) await this.sync(manager, userId, tagIds);
  }

  /** Removes chats from the index and drops tag rows no longer used. */
  async unindexChats(manager: EntityManager, chats: Pick<ChatEntity, 'id' | 'user_id'>[]): Promise<void> {
    if (chats.length === 0) return;
    const ids = chats.map((chat) => chat.id);
    const rows: ChatTagEntity[] = [];
    for (let start = 0; start < ids.length; start += 500) {
      const slice = ids.slice(start, start + 500);
      rows.push(...(await manager.getRepository(ChatTagEntity).findBy({ chat_id: In(slice) })));
      await manager.getRepository(ChatTagEntity).delete({ chat_id: In(slice) });
    }
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.tag_id]);
    for (const [userId, tagIds] of byUser) await this.sync(manager, userId, tagIds);
  }

  /** After archiving or un-archiving many chats: every tag of the user, re-synced. */
  async syncAll(manager: EntityManager, userId: string): Promise<void> {
    const rows = await manager
      .getRepository(ChatTagEntity)
      .find({ select: { tag_id: true }, where: { user_id: userId } });
    const existing = await manager.getRepository(TagEntity).find({ select: { id: true }, where: { user_id: userId } });
    await this.sync(manager, userId, [...rows.map((row) => row.tag_id), ...existing.map((tag) => tag.id)]);
  }

  /** Creates missing rows for tags in use by non-archived chats, deletes rows for the others. */
  async sync(manager: EntityManager, userId: string, tagIds: string[], names: Map<string, string> = new Map()) {
    const unique = [...new Set(tagIds)];
    if (unique.length === 0) return;
    const used: { tag_id: string }[] = await manager
      .getRepository(ChatTagEntity)
      .createQueryBuilder('ct')
      .select('DISTINCT ct.tag_id', 'tag_id')
      .innerJoin(ChatEntity, 'c', 'c.id = ct.chat_id')
      .where('ct.user_id = :userId', { userId })
      .andWhere('ct.tag_id IN (:...tagIds)', { tagIds: unique })
      .andWhere('c.archived = :archived', { archived: false })
      .getRawMany();
    const inUse = new Set(used.map((row) => row.tag_id));
    const tags = manager.getRepository(TagEntity);
    const existing = new Set((await tags.findBy({ user_id: userId, id: In(unique) })).map((tag) => tag.id));
    const missing = unique.filter((id) => inUse.has(id) && !existing.has(id));
    if (missing.length > 0) {
      const rows = missing.map((id) =>
        Object.assign(new TagEntity(), { id, user_id: userId, name: names.get(id) ?? id, meta: null }),
      );
      await insertRows(manager, TagEntity, rows);
    }
    const unused = unique.filter((id) => !inUse.has(id) && existing.has(id));
    if (unused.length > 0) await tags.delete({ user_id: userId, id: In(unused) });
  }
}

function tagsOfMeta(chat: ChatEntity): string[] {
  const tags: unknown = chat.meta?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string').map(tagIdOf) : [];
}
