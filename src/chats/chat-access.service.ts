import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, MESSAGES, unauthorized } from '../common/errors.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { CallerUser } from '../access/auth-context.js';
import type { ChatEntity } from './chat.entity.js';
import { ChatsRepository, type ChatSummary } from './chats.repository.js';

/** Object-level access to chats: "missing" and "not yours" answer alike (401 NOT_FOUND). */
@Injectable()
export class ChatAccessService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly chats: ChatsRepository,
    private readonly permissions: PermissionsService,
  ) {}

  async ownedSummary(user: CallerUser, id: string): Promise<ChatSummary> {
    const chat = await this.chats.findSummary(id);
    if (!chat || chat.user_id !== user.id) throw unauthorized(MESSAGES.NOT_FOUND);
    return chat;
  }

  async owned(user: CallerUser, id: string): Promise<ChatEntity> {
    const chat = await this.chats.findById(id);
    if (!chat || chat.user_id !== user.id) throw unauthorized(MESSAGES.NOT_FOUND);
    return chat;
  }

  /** The owner, or an admin when ENABLE_ADMIN_CHAT_ACCESS is on. */
  async ownedOrAdmin(user: CallerUser, id: string): Promise<ChatSummary> {
    const chat = await this.chats.findSummary(id);
    const allowed = chat && (chat.user_id === user.id || this.adminMayRead(user));
    if (!chat || !allowed) throw unauthorized(MESSAGES.NOT_FOUND);
    return chat;
  }

  /**
   * The saved chat a completion answers in: the caller's own; an admin may name any chat, even one
   * that is gone (null). Else 400 "404: …", as upstream's completion pre-flight answers.
   */
  async forCompletion(user: CallerUser, id: string): Promise<ChatSummary | null> {
    const chat = await this.chats.findSummary(id);
    if (user.role !== 'admin' && (!chat || chat.user_id !== user.id)) throw badRequest(`404: ${MESSAGES.DEFAULT}`);
    return chat;
  }

  /** Who owns a chat that is shared (a share page shows them); null for a missing or unshared chat. */
  async sharedChatOwner(chatId: string): Promise<string | null> {
    const chat = await this.chats.findSummary(chatId);
    return chat?.share_id ? chat.user_id : null;
  }

  adminMayRead(user: CallerUser): boolean {
    return user.role === 'admin' && this.config.features.enableAdminChatAccess;
  }

  adminMayExport(user: CallerUser): boolean {
    return user.role === 'admin' && this.config.features.enableAdminExport;
  }

  /** Non-admins need the `chat.<key>` permission (delete, share); 401 as upstream. */
  async assertChatPermission(user: Pick<CallerUser, 'id' | 'role'>, key: 'delete' | 'share'): Promise<void> {
    if (user.role === 'admin') return;
    if (!(await this.permissions.has(user.id, 'chat', key))) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
  }
}
