import { Injectable } from '@nestjs/common';
import type { Role } from '../config/app-config.js';
import { badRequest, forbidden, MESSAGES } from '../common/errors.js';
import { DomainEvent } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import { ChatAccessService } from '../chats/chat-access.service.js';
import { GroupsService } from '../groups/groups.service.js';
import { PresenceService } from '../presence/presence.service.js';
import { ApiKeysService } from '../credentials/api-keys.service.js';
import { PasswordService } from '../credentials/password.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { AdminUpdateUserDto, UserListQueryDto, UserModelDto, UserWithGroupsDto } from './dto/users.dto.js';
import type { CallerUser } from '../access/auth-context.js';
import type { UserEntity } from './user.entity.js';
import type { CredentialEntity } from './credential.entity.js';
import { type NewUser, type PublicProfile, type UserSortField, UsersRepository } from './users.repository.js';

export const USERS_PAGE_SIZE = 30;
const SHARED_OWNER_PREFIX = 'shared-';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly groups: GroupsService,
    private readonly apiKeys: ApiKeysService,
    private readonly passwords: PasswordService,
    private readonly permissions: PermissionsService,
    private readonly events: EventBus,
    private readonly presence: PresenceService,
    private readonly chatAccess: ChatAccessService,
  ) {}

  async list(query: UserListQueryDto): Promise<{ users: UserWithGroupsDto[]; total: number }> {
    const page = Math.max(1, query.page ?? 1);
    const groupId = query.order_by?.startsWith('group_id:') ? query.order_by.slice('group_id:'.length) : undefined;
    const { users, total } = await this.users.list({
      query: query.query,
      orderBy: groupId ? undefined : (query.order_by as UserSortField | undefined),
      groupId,
      direction: query.direction ?? 'desc',
      offset: (page - 1) * USERS_PAGE_SIZE,
      limit: USERS_PAGE_SIZE,
    });
    const groupIds = await this.groups.groupIdsByUser(users.map((user) => user.id));
    const models = await this.toModels(users);
    return { users: models.map((model) => ({ ...model, group_ids: groupIds.get(model.id) ?? [] })), total };
  }

  async all() {
    const users = await this.users.listAll();
    return { users: users.map(({ id, name, email, role }) => ({ id, name, email, role })), total: users.length };
  }

  /** Users with at least one connected socket, on any instance: who the web app shows as active. */
  async active() {
    return { user_ids: await this.presence.activeUserIds() };
  }

  async isActive(userId: string) {
    return { active: await this.presence.isActive(userId) };
  }

  search(query: string | undefined) {
    return this.users.search(query ?? '', USERS_PAGE_SIZE);
  }

  /** The public card of a user (name, avatar); 400 when unknown, as upstream. */
  /**
   * A user's public card. A share snapshot's owner is `shared-{chat id}`: the share page asks for
   * that, and gets the chat owner's card while the chat is shared (upstream answers even when not).
   */
  async profile(userId: string) {
    const sharedChatId = userId.startsWith(SHARED_OWNER_PREFIX) ? userId.slice(SHARED_OWNER_PREFIX.length) : null;
    const ownerId = sharedChatId === null ? userId : await this.chatAccess.sharedChatOwner(sharedChatId);
    if (ownerId === null) throw badRequest(MESSAGES.NOT_FOUND);
    const user = await this.getOrThrow(ownerId);
    return {
      name: user.name,
      profile_image_url: user.profile_image_url,
      active: await this.presence.isActive(user.id),
    };
  }

  async profileImage(userId: string): Promise<{ redirect?: string; image?: Buffer; contentType?: string }> {
    const { profile_image_url: url } = await this.getOrThrow(userId);
    if (/^https?:\/\//.test(url)) return { redirect: url };
    const dataUrl = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(url);
    if (dataUrl) return { image: Buffer.from(dataUrl[2], 'base64'), contentType: dataUrl[1] };
    return { redirect: '/static/user.png' };
  }

  async adminUpdate(caller: CallerUser, userId: string, input: AdminUpdateUserDto): Promise<UserModelDto> {
    const target = await this.getOrThrow(userId);
    await this.assertNotPrimaryAdminChange(caller, target, input.role);
    const email = input.email.trim().toLowerCase();
    if (email !== target.email && (await this.users.findByEmail(email))) throw badRequest(MESSAGES.EMAIL_TAKEN);
    if (input.password) this.passwords.assertAcceptable(input.password);
    const passwordHash = input.password ? await this.passwords.hash(input.password) : undefined;

    if (email !== target.email) await this.users.updateEmail(userId, email);
    if (passwordHash) await this.users.setPassword(userId, passwordHash);
    const updated = await this.users.update(userId, {
      role: input.role,
      name: input.name,
      profile_image_url: input.profile_image_url,
    });
    return (await this.toModels([updated ?? target]))[0];
  }

  /** Removes the user, their credential, memberships and keys; other domains clean up on UserDeleted. */
  async delete(caller: CallerUser, userId: string): Promise<boolean> {
    if (caller.id === userId) throw forbidden(MESSAGES.ACTION_PROHIBITED);
    const target = await this.getOrThrow(userId);
    await this.assertNotPrimaryAdminChange(caller, target, target.role, true);
    await this.users.delete(userId, (transaction) => this.groups.removeUserEverywhere(transaction, userId));
    // Awaited: other domains (chats, folders) remove the user's data before we answer.
    await this.events.emitAsync(DomainEvent.UserDeleted, { userId });
    return true;
  }

  /** Name, email, role and avatar of these users (unknown ids are left out). */
  publicProfiles(ids: string[]): Promise<PublicProfile[]> {
    return this.users.publicProfiles(ids);
  }

  /** Each row with its owner's public profile as `user` (null once the owner is gone), as upstream's lists. */
  async withOwners<T extends { user_id: string }>(rows: T[]): Promise<(T & { user: PublicProfile | null })[]> {
    const owners = await this.users.publicProfiles([...new Set(rows.map((row) => row.user_id))]);
    const byId = new Map(owners.map((owner) => [owner.id, owner]));
    return rows.map((row) => ({ ...row, user: byId.get(row.user_id) ?? null }));
  }

  // The account store as sign-in, sessions and others use it (they do not reach UsersRepository).

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findById(id);
  }

  /** For authenticating requests: served from a short-lived cache that every user write invalidates. */
  findByIdCached(id: string): Promise<UserEntity | null> {
    return this.users.findByIdCached(id);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findByEmail(email);
  }

  findByOauthSub(oauthSub: string): Promise<UserEntity | null> {
    return this.users.findByOauthSub(oauthSub);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  findPrimaryAdmin(): Promise<UserEntity | null> {
    return this.users.findPrimaryAdmin();
  }

  /** The active credential of this email. */
  findCredential(email: string): Promise<CredentialEntity | null> {
    return this.users.findCredential(email);
  }

  findCredentialById(id: string): Promise<CredentialEntity | null> {
    return this.users.findCredentialById(id);
  }

  /** User and credential together; `decideRole` gets the user count inside the transaction. */
  create(input: NewUser, decideRole?: (existingUsers: number) => Role): Promise<UserEntity> {
    return this.users.create(input, decideRole);
  }

  update(id: string, changes: Partial<UserEntity>): Promise<UserEntity | null> {
    return this.users.update(id, changes);
  }

  setPassword(id: string, passwordHash: string): Promise<void> {
    return this.users.setPassword(id, passwordHash);
  }

  /** Only writes when the stored value is older than `olderThan`, so busy users cost no writes. */
  touchLastActive(id: string, now: number, olderThan: number): Promise<void> {
    return this.users.touchLastActive(id, now, olderThan);
  }

  async settings(userId: string) {
    return (await this.getOrThrow(userId)).settings;
  }

  /**
   * Top-level shallow merge (so `ui` is replaced whole, as upstream). Users without
   * `features.direct_tool_servers` cannot store tool servers.
   */
  async updateSettings(user: UserEntity, input: Record<string, unknown>) {
    const settings: Record<string, unknown> = { ...(user.settings ?? {}), ...input };
    const ui = settings.ui;
    if (
      user.role !== 'admin' &&
      ui !== null &&
      typeof ui === 'object' &&
      'toolServers' in ui &&
      !(await this.permissions.has(user.id, 'features', 'direct_tool_servers'))
    ) {
      const { toolServers: _dropped, ...rest } = ui as Record<string, unknown>;
      settings.ui = rest;
    }
    await this.users.update(user.id, { settings });
    return settings;
  }

  async info(userId: string) {
    return (await this.getOrThrow(userId)).info;
  }

  async updateInfo(user: UserEntity, input: Record<string, unknown>) {
    const info = { ...(user.info ?? {}), ...input };
    await this.users.update(user.id, { info });
    return info;
  }

  private async getOrThrow(userId: string): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw badRequest(MESSAGES.NOT_FOUND);
    return user;
  }

  /**
   * The primary admin (first account) can be changed only by themselves and never demoted or
   * deleted. Upstream means this as 403 but answers 500; we answer the intended 403.
   */
  private async assertNotPrimaryAdminChange(caller: CallerUser, target: UserEntity, newRole: Role, deleting = false) {
    const primary = await this.users.findPrimaryAdmin();
    if (primary?.id !== target.id) return;
    if (deleting || caller.id !== target.id || newRole !== 'admin') throw forbidden(MESSAGES.ACTION_PROHIBITED);
  }

  private async toModels(users: UserEntity[]): Promise<UserModelDto[]> {
    const hints = await this.apiKeys.hintsByUser(users.map((user) => user.id));
    return users.map((user) => ({ ...user, api_key: hints.get(user.id) ?? null }));
  }
}
