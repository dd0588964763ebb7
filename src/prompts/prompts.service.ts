import { Injectable } from '@nestjs/common';
import { grantableAccess, hasAccess, normalizeAccess } from '../common/access-control.js';
import { badRequest, MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { GroupsService } from '../groups/groups.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { UsersService } from '../users/users.service.js';
import type { PromptFormDto, PromptUpdateDto } from './dto/prompts.dto.js';
import { PromptEntity } from './prompt.entity.js';
import { PromptsRepository } from './prompts.repository.js';

export const COMMAND_TAKEN = 'Uh-oh! This command is already registered. Please choose another command string.';

/** Owner, or a grant; whoever may edit a prompt may also read it. */
function granted(row: PromptEntity, permission: 'read' | 'write', who: { id: string; groupIds: string[] }) {
  if (row.user_id === who.id || hasAccess(row.access_control, permission, who)) return true;
  return permission === 'read' && hasAccess(row.access_control, 'write', who);
}

/** `/api/v1/prompts`: slash-command prompts with Open WebUI's resource ACL (common/access-control.ts). */
@Injectable()
export class PromptsService {
  constructor(
    private readonly rows: PromptsRepository,
    private readonly users: UsersService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly groups: GroupsService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * Prompts the caller may read (`read`) or edit (`write`); admins see all. Filtered here, not in
   * SQL: the ACL is JSON whose querying differs per database, and prompt tables stay small.
   */
  async list(user: CallerUser, permission: 'read' | 'write'): Promise<PromptEntity[]> {
    const all = await this.rows.listAll();
    if (user.role === 'admin' && this.config.features.bypassAdminAccessControl) return all;
    const who = { id: user.id, groupIds: (await this.groups.membership(user.id)).groupIds };
    return all.filter((row) => granted(row, permission, who));
  }

  /** The writable list with each owner's public profile (upstream's PromptUserResponse). */
  async listWithOwners(user: CallerUser) {
    return this.users.withOwners(await this.list(user, 'write'));
  }

  async create(user: CallerUser, input: PromptFormDto): Promise<PromptEntity> {
    if (user.role !== 'admin' && !(await this.permissions.has(user.id, 'workspace', 'prompts'))) {
      throw unauthorized(MESSAGES.UNAUTHORIZED);
    }
    const command = `/${input.command.replace(/^\//, '')}`;
    if (await this.rows.exists(command)) throw badRequest(COMMAND_TAKEN);
    const row = Object.assign(new PromptEntity(), {
      command,
      user_id: user.id,
      title: input.title,
      content: input.content,
      timestamp: nowSeconds(),
      access_control: await this.allowedAccess(user, input.access_control),
    });
    try {
      await this.rows.insert(row);
    } catch (error) {
      // Two creates of one command raced past the check above: the primary key decides.
      if (await this.rows.exists(command)) throw badRequest(COMMAND_TAKEN);
      throw error;
    }
    return row;
  }

  /** A prompt the caller may read; a missing one and a hidden one answer alike. */
  async get(user: CallerUser, command: string): Promise<PromptEntity> {
    const row = await this.rows.findByCommand(`/${command}`);
    if (!row || !(await this.may(user, row, 'read'))) throw unauthorized(MESSAGES.NOT_FOUND);
    return row;
  }

  async update(user: CallerUser, command: string, input: PromptUpdateDto): Promise<PromptEntity> {
    const row = await this.writable(user, command);
    const changes = {
      title: input.title,
      content: input.content,
      access_control: await this.changedAccess(user, row, input.access_control),
      timestamp: nowSeconds(),
    };
    await this.rows.update(row.command, changes);
    return { ...row, ...changes };
  }

  async delete(user: CallerUser, command: string): Promise<boolean> {
    const row = await this.writable(user, command);
    await this.rows.delete(row.command);
    return true;
  }

  /** Owner, write grant or admin; readers without write learn it exists, others get NOT_FOUND. */
  private async writable(user: CallerUser, command: string): Promise<PromptEntity> {
    const row = await this.get(user, command);
    if (!(await this.may(user, row, 'write'))) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return row;
  }

  private async may(user: CallerUser, row: PromptEntity, permission: 'read' | 'write'): Promise<boolean> {
    if (user.role === 'admin' || row.user_id === user.id) return true;
    const { groupIds } = await this.groups.membership(user.id);
    return granted(row, permission, { id: user.id, groupIds });
  }

  /**
   * An edit that omits or resends the current ACL keeps it, so a co-editor without sharing rights
   * cannot make a shared prompt private by saving it.
   */
  private async changedAccess(user: CallerUser, row: PromptEntity, input: Record<string, unknown> | null | undefined) {
    if (input === undefined) return row.access_control;
    const same = JSON.stringify(normalizeAccess(input)) === JSON.stringify(normalizeAccess(row.access_control));
    if (same) return row.access_control;
    // Only the owner (or an admin) decides who else sees it; a co-editor's change of the ACL is
    // ignored rather than turned into "private", which would lock everyone else out.
    if (user.role !== 'admin' && row.user_id !== user.id) return row.access_control;
    return this.allowedAccess(user, input);
  }

  private async allowedAccess(user: CallerUser, input: Record<string, unknown> | null | undefined) {
    const access = normalizeAccess(input);
    if (user.role === 'admin') return access;
    const [share, sharePublic] = await Promise.all([
      this.permissions.has(user.id, 'sharing', 'prompts'),
      this.permissions.has(user.id, 'sharing', 'public_prompts'),
    ]);
    return grantableAccess(access, { share, sharePublic });
  }
}
