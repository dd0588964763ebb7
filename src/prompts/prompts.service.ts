import { Injectable } from '@nestjs/common';
import { badRequest, MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ResourceAccess } from '../permissions/resource-access.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { UsersService } from '../users/users.service.js';
import type { PromptFormDto, PromptUpdateDto } from './dto/prompts.dto.js';
import { PromptEntity } from './prompt.entity.js';
import { PromptsRepository } from './prompts.repository.js';

export const COMMAND_TAKEN = 'Uh-oh! This command is already registered. Please choose another command string.';

/** `/api/v1/prompts`: slash-command prompts with Open WebUI's resource ACL (common/access-control.ts). */
@Injectable()
export class PromptsService {
  constructor(
    private readonly rows: PromptsRepository,
    private readonly users: UsersService,
    private readonly permissions: PermissionsService,
    private readonly access: ResourceAccess,
  ) {}

  /** Prompts the caller may read (`read`) or edit (`write`); admins see all. */
  async list(user: CallerUser, permission: 'read' | 'write'): Promise<PromptEntity[]> {
    return this.access.filter(user, await this.rows.listAll(), permission);
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
      access_control: await this.access.allowed(user, 'prompts', input.access_control),
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
    if (!row || !(await this.access.may(user, row, 'read'))) throw unauthorized(MESSAGES.NOT_FOUND);
    return row;
  }

  async update(user: CallerUser, command: string, input: PromptUpdateDto): Promise<PromptEntity> {
    const row = await this.writable(user, command);
    const changes = {
      title: input.title,
      content: input.content,
      access_control: await this.access.changed(user, 'prompts', row, input.access_control),
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
    if (!(await this.access.may(user, row, 'write'))) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return row;
  }
}
