import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { forbidden, MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import type { JsonObject } from '../database/columns.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import { FoldersService } from '../folders/folders.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { ChatAccessService } from './chat-access.service.js';
import { messageOf, tagIdOf, titleOf } from './chat-document.js';
import { ChatEntity } from './chat.entity.js';
import { ChatsRepository, type ChatSummary, type ChatTitle } from './chats.repository.js';
import type { ChatFormDto, ChatQueryDto, ImportedChatDto } from './dto/chats.dto.js';
import { parseSearch } from './search-query.js';
import { TagsRepository } from './tags.repository.js';

/** Creating, listing, searching and exporting chats. Per-chat actions are in ChatActionsService. */
@Injectable()
export class ChatsService {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly tags: TagsRepository,
    private readonly folders: FoldersService,
    private readonly access: ChatAccessService,
    private readonly events: EventBus,
  ) {}

  list(user: CallerUser, options: { page?: number; includePinned?: boolean; includeFolders?: boolean }) {
    return this.chats.listTitles(user.id, options);
  }

  pinned(user: CallerUser) {
    return this.chats.pinnedTitles(user.id);
  }

  archived(user: CallerUser, options: ChatQueryDto) {
    return this.chats.archivedTitles(user.id, options);
  }

  /** Admin view of one user's chats, archived included (ENABLE_ADMIN_CHAT_ACCESS). */
  listForUser(caller: CallerUser, userId: string, options: ChatQueryDto) {
    if (!this.access.adminMayRead(caller)) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return this.chats.titlesOfUser(userId, options);
  }

  async create(user: CallerUser, input: ChatFormDto) {
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
  async import(user: CallerUser, items: ImportedChatDto[]) {
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

  /** Open WebUI's search syntax: filters plus a title/message phrase matched through the full-text index. */
  async search(user: CallerUser, text: string | undefined, page = 1): Promise<ChatTitle[]> {
    const parsed = parseSearch(text ?? '');
    const folders = parsed.folder ? await this.folders.findByName(user.id, parsed.folder) : [];
    return this.chats.searchTitles(
      user.id,
      parsed,
      folders.map((folder) => folder.id),
      page,
    );
  }

  /** Chats in a folder and all its sub-folders (not pinned, not archived), with bodies. */
  async inFolder(user: CallerUser, folderId: string) {
    return this.chats.inFolders(user.id, await this.folders.subtreeIds(user.id, folderId));
  }

  inFolderPage(user: CallerUser, folderId: string, page = 1) {
    return this.chats.titlesInFolder(user.id, folderId, page);
  }

  /** Export: every own chat, archived included. */
  all(user: CallerUser) {
    return this.chats.allOfUser(user.id);
  }

  allArchived(user: CallerUser) {
    return this.chats.archivedOfUser(user.id);
  }

  /** Admin export of the whole table (ENABLE_ADMIN_EXPORT). */
  allInDatabase(caller: CallerUser) {
    if (!this.access.adminMayExport(caller)) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return this.chats.allInDatabase();
  }

  allTags(user: CallerUser) {
    return this.tags.listForUser(user.id);
  }

  byTag(user: CallerUser, name: string, skip = 0, limit = 50) {
    return this.chats.titlesByTag(user.id, tagIdOf(name), skip, limit);
  }

  async archiveAll(user: CallerUser, archived: boolean) {
    await this.chats.setArchivedForUser(user.id, archived);
    this.events.emit(DomainEvent.ChatUpdated, { userId: user.id, chatId: null });
    return true;
  }

  async deleteAll(user: CallerUser) {
    await this.access.assertChatPermission(user, 'delete');
    await this.chats.delete(await this.chats.idsOfUser(user.id));
    this.events.emit(DomainEvent.ChatDeleted, { userId: user.id, chatId: null });
    return true;
  }

  /** A folder subtree is being deleted: its chats go too (that needs `chat.delete`), or move to the root. */
  @OnEvent(DomainEvent.FoldersDeleting, { async: true, promisify: true, suppressErrors: false })
  async onFoldersDeleting({
    user,
    folderId,
    folderIds,
    deleteContents,
  }: DomainEventPayloads[typeof DomainEvent.FoldersDeleting]) {
    const chats = await this.chats.idsInFolders(user.id, folderIds);
    if (chats.some((chat) => chat.folder_id === folderId)) {
      try {
        await this.access.assertChatPermission(user, 'delete');
      } catch {
        throw forbidden(MESSAGES.ACCESS_PROHIBITED);
      }
    }
    if (deleteContents) await this.chats.delete(chats);
    else await this.chats.moveToRoot(chats.map((chat) => chat.id));
  }

  // For completions, tasks and generation jobs, which act on a chat they already checked.

  findSummary(id: string): Promise<ChatSummary | null> {
    return this.chats.findSummary(id);
  }

  /** One message of a chat as stored (upserts included); null when the chat or the message is gone. */
  async message(chatId: string, messageId: string): Promise<JsonObject | null> {
    const chat = await this.chats.findById(chatId);
    return chat && messageOf(chat.chat, messageId);
  }

  /** A server-side message upsert: one small row, never a rewrite of the chat. */
  upsertMessage(chat: Pick<ChatEntity, 'id' | 'user_id'>, messageId: string, data: JsonObject, now: number) {
    return this.chats.upsertMessage(chat, messageId, data, now);
  }

  /** A whole-document write; null when the chat is gone. */
  rewrite(id: string, change: (current: JsonObject) => JsonObject, now: number): Promise<ChatEntity | null> {
    return this.chats.rewrite(id, change, now);
  }

  /** Replaces the chat's tags (ids; `names`: display names for new tag rows). */
  setTags(chat: Pick<ChatEntity, 'id' | 'user_id' | 'meta'>, tagIds: string[], names?: Map<string, string>) {
    return this.chats.setTags(chat, tagIds, names);
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
}
