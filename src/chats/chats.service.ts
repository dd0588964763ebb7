import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventBus } from '../events/event-bus.js';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { MESSAGES, unauthorized } from '../common/errors.js';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { nowSeconds } from '../common/time.js';
import type { JsonObject } from '../database/columns.js';
import { DomainEvent } from '../events/domain-events.js';
import { FoldersRepository } from '../folders/folders.repository.js';
import type { UserEntity } from '../users/user.entity.js';
import { ChatAccess } from './chat-access.service.js';
import { tagIdOf, titleOf } from './chat-document.js';
import { ChatEntity } from './chat.entity.js';
import { type ChatSortField, ChatsRepository, type ChatTitle } from './chats.repository.js';
import type { ChatFormDto, ChatQueryDto, ImportedChatDto } from './dto/chats.dto.js';
import { parseSearch } from './search-query.js';
import { TagsRepository } from './tags.repository.js';

export const CHATS_PAGE_SIZE = 60;
const FOLDER_PAGE_SIZE = 10;

/** Creating, listing, searching and exporting chats. Per-chat actions are in ChatActionsService. */
@Injectable()
export class ChatsService {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly tags: TagsRepository,
    private readonly folders: FoldersRepository,
    private readonly access: ChatAccess,
    private readonly events: EventBus,
  ) {}

  // `pinned` is compared with `=` (never NULL in rows we write) so the (user, archived, pinned,
  // updated_at) index serves the list in order and LIMIT stops the scan early.
  list(user: UserEntity, options: { page?: number; includePinned?: boolean; includeFolders?: boolean }) {
    const query = this.own(user.id).andWhere('c.archived = :archived', { archived: false });
    if (!options.includePinned) query.andWhere('c.pinned = :pinned', { pinned: false });
    if (!options.includeFolders) query.andWhere('c.folder_id IS NULL');
    return this.chats.titles(this.page(query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id'), options.page));
  }

  pinned(user: UserEntity) {
    const query = this.own(user.id)
      .andWhere('c.pinned = :pinned', { pinned: true })
      .andWhere('c.archived = :archived', { archived: false });
    return this.chats.titles(query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id'));
  }

  archived(user: UserEntity, options: ChatQueryDto) {
    const query = this.own(user.id).andWhere('c.archived = :archived', { archived: true });
    return this.chats.titles(this.page(this.filtered(query, options), options.page ?? 1));
  }

  /** Admin view of one user's chats, archived included (ENABLE_ADMIN_CHAT_ACCESS). */
  listForUser(caller: UserEntity, userId: string, options: ChatQueryDto) {
    if (!this.access.adminMayRead(caller)) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return this.chats.titles(this.page(this.filtered(this.own(userId), options), options.page ?? 1));
  }

  async create(user: UserEntity, input: ChatFormDto) {
    const now = nowSeconds();
    const chat = this.newChat(user.id, input.chat, {
      folder_id: input.folder_id ?? null,
      created_at: now,
      updated_at: now,
    });
    await this.chats.insert([chat]);
    this.events.emit(DomainEvent.ChatCreated, { userId: user.id, chatId: chat.id });
    return chat;
  }

  /** Bulk import with new ids; given timestamps are kept. Tag rows follow `meta.tags`. */
  async import(user: UserEntity, items: ImportedChatDto[]) {
    const now = nowSeconds();
    const chats = items.map((item) => {
      const meta: JsonObject = { ...(item.meta ?? {}) };
      if (Array.isArray(meta.tags)) meta.tags = [...new Set((meta.tags as unknown[]).map(String).map(tagIdOf))];
      return this.newChat(user.id, item.chat, {
        folder_id: item.folder_id ?? null,
        meta,
        pinned: item.pinned ?? false,
        created_at: item.created_at ?? now,
        updated_at: item.updated_at ?? item.created_at ?? now,
      });
    });
    await this.chats.insert(chats);
    this.events.emit(DomainEvent.ChatCreated, { userId: user.id, chatId: null });
    return chats;
  }

  /** Contract §4 search: filters plus a title/message phrase matched through the full-text index. */
  async search(user: UserEntity, text: string | undefined, page = 1): Promise<ChatTitle[]> {
    const parsed = parseSearch(text ?? '');
    const owner = parsed.phrase ? this.chats.search.ownerCondition('c', user.id) : undefined;
    const query = owner ? this.chats.query().where(owner.sql, owner.params) : this.own(user.id);
    query.andWhere('c.archived = :archived', { archived: parsed.archived ?? false });
    if (parsed.pinned !== undefined) {
      query.andWhere('c.pinned = :pinned', {
        pinned: parsed.pinned,
      });
    }
    if (parsed.shared !== undefined) query.andWhere(parsed.shared ? 'c.share_id IS NOT NULL' : 'c.share_id IS NULL');
    if (parsed.tagNone) {
      query.andWhere('NOT EXISTS (SELECT 1 FROM chat_tag ct WHERE ct.chat_id = c.id)');
    }
    parsed.tags.forEach((tag, index) => {
      query.andWhere(
        `EXISTS (SELECT 1 FROM chat_tag ct${index} WHERE ct${index}.chat_id = c.id AND ct${index}.tag_id = :tag${index})`,
        {
          [`tag${index}`]: tag,
        },
      );
    });
    if (parsed.folder) {
      const folders = await this.folders.findByName(user.id, parsed.folder);
      if (folders.length > 0) query.andWhere('c.folder_id IN (:...folderIds)', { folderIds: folders.map((f) => f.id) });
    }
    if (parsed.phrase) {
      const match = this.chats.search.matching('c', user.id, parsed.phrase);
      query.andWhere(match.sql, match.params);
    }
    return this.chats.titles(this.page(query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id'), page));
  }

  /** Chats in a folder and all its sub-folders (not pinned, not archived), with bodies. */
  async inFolder(user: UserEntity, folderId: string) {
    const ids = await this.folders.subtreeIds(user.id, folderId);
    const query = this.own(user.id)
      .andWhere('c.folder_id IN (:...ids)', { ids })
      .andWhere('c.archived = :archived', { archived: false })
      .andWhere('c.pinned = :pinned', { pinned: false });
    return this.chats.full(query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id'));
  }

  async inFolderPage(user: UserEntity, folderId: string, page = 1) {
    const query = this.own(user.id)
      .andWhere('c.folder_id = :folderId', { folderId })
      .andWhere('c.archived = :archived', { archived: false })
      .andWhere('c.pinned = :pinned', { pinned: false })
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id')
      .offset((Math.max(1, page) - 1) * FOLDER_PAGE_SIZE)
      .limit(FOLDER_PAGE_SIZE);
    const rows = await this.chats.titles(query);
    return rows.map(({ id, title, updated_at }) => ({ id, title, updated_at }));
  }

  /** Export: every own chat, archived included. */
  all(user: UserEntity) {
    return this.chats.full(this.own(user.id).orderBy('c.updated_at', 'DESC').addOrderBy('c.id'));
  }

  allArchived(user: UserEntity) {
    const query = this.own(user.id).andWhere('c.archived = :archived', { archived: true });
    return this.chats.full(query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id'));
  }

  /** Admin export of the whole table (ENABLE_ADMIN_EXPORT). */
  allInDatabase(caller: UserEntity) {
    if (!this.access.adminMayExport(caller)) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return this.chats.full(this.chats.query().orderBy('c.updated_at', 'DESC').addOrderBy('c.id'));
  }

  allTags(user: UserEntity) {
    return this.tags.listForUser(user.id);
  }

  async byTag(user: UserEntity, name: string, skip = 0, limit = 50) {
    const query = this.own(user.id)
      .andWhere('EXISTS (SELECT 1 FROM chat_tag ct WHERE ct.chat_id = c.id AND ct.tag_id = :tagId)', {
        tagId: tagIdOf(name),
      })
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id')
      .offset(skip)
      .limit(limit);
    return this.chats.titles(query);
  }

  async archiveAll(user: UserEntity, archived: boolean) {
    await this.chats.updateColumnsWhere(user.id, { archived }, !archived);
    await this.chats.transaction((manager) => this.tags.syncAll(manager, user.id));
    this.events.emit(DomainEvent.ChatUpdated, { userId: user.id, chatId: null });
    return true;
  }

  async deleteAll(user: UserEntity) {
    await this.access.assertChatPermission(user, 'delete');
    const own = await this.own(user.id).select(['c.id', 'c.user_id']).getMany();
    await this.chats.delete(own);
    this.events.emit(DomainEvent.ChatDeleted, { userId: user.id, chatId: null });
    return true;
  }

  private newChat(userId: string, document: JsonObject, fields: Partial<ChatEntity>): ChatEntity {
    return Object.assign(new ChatEntity(), {
      id: randomUUID(),
      user_id: userId,
      title: titleOf(document),
      chat: document,
      share_id: null,
      archived: false,
      pinned: false,
      meta: {},
      folder_id: null,
      ...fields,
    });
  }

  private own(userId: string): SelectQueryBuilder<ChatEntity> {
    return this.chats.query().where('c.user_id = :userId', { userId });
  }

  private page(query: SelectQueryBuilder<ChatEntity>, page: number | undefined) {
    if (page === undefined) return query;
    return query.offset((Math.max(1, page) - 1) * CHATS_PAGE_SIZE).limit(CHATS_PAGE_SIZE);
  }

  /** Title filter and a whitelisted sort (the DTO already refused other columns). */
  private filtered(query: SelectQueryBuilder<ChatEntity>, options: ChatQueryDto) {
    if (options.query) {
      const pattern = containsPattern(options.query.toLowerCase());
      query.andWhere(new Brackets((where) => where.where(`LOWER(c.title) LIKE :pattern ${LIKE_ESCAPE}`, { pattern })));
    }
    const field: ChatSortField = options.order_by ?? 'updated_at';
    return query.orderBy(`c.${field}`, options.direction === 'asc' ? 'ASC' : 'DESC').addOrderBy('c.id');
  }
}
