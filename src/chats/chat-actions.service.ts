import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { badRequest, MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import type { JsonObject } from '../database/columns.js';
import { DomainEvent } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import type { CallerUser } from '../access/auth-context.js';
import { ChatAccessService } from './chat-access.service.js';
import { currentMessageIdOf, isObject, messageOf, tagIdOf, tagsOf } from './chat-document.js';
import { ChatEntity } from './chat.entity.js';
import { ChatsRepository } from './chats.repository.js';
import { messageChanges, needsStoredMessage } from './message-events.js';
import { TagsRepository } from './tags.repository.js';

const SHARED_PREFIX = 'shared-';

/** Everything done to one chat: save, messages, pin, archive, share, clone, folder, tags, delete. */
@Injectable()
export class ChatActionsService {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly tags: TagsRepository,
    private readonly access: ChatAccessService,
    private readonly events: EventBus,
  ) {}

  get(user: CallerUser, id: string) {
    return this.access.owned(user, id);
  }

  /**
   * Open WebUI's merge: top-level shallow merge into the stored document (so `history` is replaced whole);
   * the body's folder_id is ignored.
   */
  async update(user: CallerUser, id: string, document: JsonObject) {
    const before = await this.access.ownedSummary(user, id);
    const chat = await this.chats.rewrite(id, (current) => ({ ...current, ...document }), nowSeconds());
    if (!chat) throw unauthorized(MESSAGES.NOT_FOUND);
    this.changed(user.id, id);
    if (chat.title !== before.title) this.renamed(chat);
    return chat;
  }

  /**
   * Server-side message upsert (owner or admin): merges `content` into the message, makes it current.
   * The owner's open chat page replaces the message's text on `chat:message`, as upstream sends it.
   */
  async upsertMessage(user: CallerUser, id: string, messageId: string, content: string) {
    const chat = await this.access.ownedOrAdmin(user, id);
    await this.chats.upsertMessage(chat, messageId, { id: messageId, content }, nowSeconds());
    this.changed(chat.user_id, id);
    this.events.emit(DomainEvent.ChatMessageEvent, {
      userId: chat.user_id,
      chatId: id,
      messageId,
      type: 'chat:message',
      data: { chat_id: id, message_id: messageId, content },
    });
    return this.chats.findById(id);
  }

  /**
   * A message event from a client (tool or pipeline): its side effect is stored in the message and
   * the event is announced so the user's other tabs get it.
   */
  async messageEvent(user: CallerUser, id: string, messageId: string, type: string, data: JsonObject) {
    const chat = await this.access.ownedOrAdmin(user, id);
    // Only appends (status, deltas, sources, embeds) need the stored message; the rest write blind,
    // so replacing a message's content costs the same in a long chat as in a short one.
    const message = needsStoredMessage(type) ? await this.storedMessage(id, messageId) : {};
    const changes = messageChanges(message, type, data);
    if (changes) await this.chats.upsertMessage(chat, messageId, changes, nowSeconds());
    this.events.emit(DomainEvent.ChatMessageEvent, { userId: chat.user_id, chatId: id, messageId, type, data });
    return true;
  }

  private async storedMessage(chatId: string, messageId: string): Promise<JsonObject> {
    const full = await this.chats.findById(chatId);
    return (full && messageOf(full.chat, messageId)) ?? {};
  }

  async isPinned(user: CallerUser, id: string) {
    return (await this.access.ownedSummary(user, id)).pinned ?? false;
  }

  async togglePin(user: CallerUser, id: string) {
    const chat = await this.access.ownedSummary(user, id);
    await this.chats.updateColumns(id, { pinned: !chat.pinned, updated_at: nowSeconds() });
    return this.changedChat(user.id, id);
  }

  /** Toggles archived; archiving also takes the chat out of its folder; tag rows follow. */
  async toggleArchive(user: CallerUser, id: string) {
    const chat = await this.access.ownedSummary(user, id);
    await this.chats.toggleArchived(chat, nowSeconds());
    return this.changedChat(user.id, id);
  }

  async moveToFolder(user: CallerUser, id: string, folderId: string | null) {
    await this.access.ownedSummary(user, id);
    await this.chats.updateColumns(id, { folder_id: folderId, pinned: false, updated_at: nowSeconds() });
    return this.changedChat(user.id, id);
  }

  async clone(user: CallerUser, id: string, title?: string | null) {
    return this.cloneFrom(user, await this.access.owned(user, id), title);
  }

  /** Clone of a shared snapshot, by share id (admins with chat access: any chat id). */
  async cloneShared(user: CallerUser, shareId: string) {
    return this.cloneFrom(user, await this.shared(user, shareId));
  }

  /** The shared snapshot: any verified user with the link may read it. */
  async shared(user: CallerUser, shareId: string): Promise<ChatEntity> {
    const chat = await this.chats.findById(shareId);
    const readable = chat && (chat.user_id.startsWith(SHARED_PREFIX) || this.access.adminMayRead(user));
    if (!chat || !readable) throw unauthorized(MESSAGES.NOT_FOUND);
    return chat;
  }

  /** First share inserts a snapshot (its id is the share id); later shares refresh it. */
  async share(user: CallerUser, id: string) {
    await this.access.assertChatPermission(user, 'share');
    const chat = await this.access.owned(user, id);
    const snapshotOwner = `${SHARED_PREFIX}${id}`;
    if (chat.share_id && (await this.chats.findSummary(chat.share_id))) {
      const refreshed = await this.chats.rewrite(chat.share_id, () => chat.chat, nowSeconds());
      await this.chats.updateColumns(chat.share_id, {
        meta: chat.meta,
        pinned: chat.pinned,
        folder_id: chat.folder_id,
      });
      return { ...refreshed!, meta: chat.meta, pinned: chat.pinned, folder_id: chat.folder_id };
    }
    const snapshot = Object.assign(new ChatEntity(), {
      ...chat,
      id: randomUUID(),
      user_id: snapshotOwner,
      share_id: null,
      updated_at: nowSeconds(),
    });
    await this.chats.insert([snapshot]);
    await this.chats.updateColumns(id, { share_id: snapshot.id });
    this.changed(user.id, id);
    return snapshot;
  }

  async unshare(user: CallerUser, id: string) {
    const chat = await this.access.ownedSummary(user, id);
    if (!chat.share_id) return false;
    await this.chats.delete([{ id: chat.share_id, user_id: `${SHARED_PREFIX}${id}` }]);
    await this.chats.updateColumns(id, { share_id: null });
    this.changed(user.id, id);
    return true;
  }

  async chatTags(user: CallerUser, id: string) {
    const chat = await this.access.ownedSummary(user, id);
    return this.tags.findForChat(user.id, tagsOf(chat.meta));
  }

  async addTag(user: CallerUser, id: string, name: string) {
    const chat = await this.access.ownedSummary(user, id);
    const tagId = tagIdOf(name.trim());
    if (!tagId || tagId === 'none') throw badRequest("[ERROR: Tag name cannot be 'None']");
    const tagIds = [...tagsOf(chat.meta), tagId];
    await this.setTags(chat, tagIds, new Map([[tagId, name.trim()]]));
    return this.tags.findForChat(user.id, [...new Set(tagIds)]);
  }

  async removeTag(user: CallerUser, id: string, name: string) {
    const chat = await this.access.ownedSummary(user, id);
    const tagIds = tagsOf(chat.meta).filter((tag) => tag !== tagIdOf(name.trim()));
    await this.setTags(chat, tagIds);
    return this.tags.findForChat(user.id, tagIds);
  }

  async removeAllTags(user: CallerUser, id: string) {
    await this.setTags(await this.access.ownedSummary(user, id), []);
    return true;
  }

  /** Admins may delete any chat; others need `chat.delete` and only reach their own. */
  async delete(user: CallerUser, id: string) {
    await this.access.assertChatPermission(user, 'delete');
    const chat = user.role === 'admin' ? await this.chats.findSummary(id) : await this.access.ownedSummary(user, id);
    if (!chat) throw unauthorized(MESSAGES.NOT_FOUND);
    await this.chats.delete([chat]);
    this.events.emit(DomainEvent.ChatDeleted, { userId: chat.user_id, chatId: id });
    return true;
  }

  private async setTags(
    chat: Pick<ChatEntity, 'id' | 'user_id' | 'meta'>,
    tagIds: string[],
    names?: Map<string, string>,
  ) {
    await this.chats.setTags(chat, tagIds, names);
    this.changed(chat.user_id, chat.id);
  }

  private async cloneFrom(user: CallerUser, source: ChatEntity, title?: string | null) {
    const now = nowSeconds();
    const history = isObject(source.chat.history) ? source.chat.history : {};
    const document: JsonObject = {
      ...source.chat,
      originalChatId: source.id,
      branchPointMessageId: (history.currentId as unknown) ?? null,
      title: title || `Clone of ${source.title}`,
    };
    const clone = Object.assign(new ChatEntity(), {
      id: randomUUID(),
      user_id: user.id,
      title: document.title as string,
      chat: document,
      share_id: null,
      archived: false,
      pinned: source.user_id === user.id ? source.pinned : false,
      meta: source.user_id === user.id ? source.meta : {},
      folder_id: source.user_id === user.id ? source.folder_id : null,
      created_at: now,
      updated_at: now,
    });
    await this.chats.insert([clone]);
    this.events.emit(DomainEvent.ChatCreated, { userId: user.id, chatId: clone.id });
    return clone;
  }

  private async changedChat(userId: string, id: string) {
    this.changed(userId, id);
    return (await this.chats.findById(id))!;
  }

  /**
   * The web app's other tabs refresh their chat list on `chat:title`; a tab showing the chat takes
   * events only for a message of it, so the event names the current one.
   */
  private renamed(chat: ChatEntity) {
    this.events.emit(DomainEvent.ChatMessageEvent, {
      userId: chat.user_id,
      chatId: chat.id,
      messageId: currentMessageIdOf(chat.chat),
      type: 'chat:title',
      data: chat.title,
    });
  }

  private changed(userId: string, chatId: string) {
    this.events.emit(DomainEvent.ChatUpdated, { userId, chatId });
  }
}
