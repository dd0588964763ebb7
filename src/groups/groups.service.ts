import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/database.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { MESSAGES, unauthorized } from '../common/errors.js';
import type { GroupFormDto, GroupResponseDto } from './dto/groups.dto.js';
import type { Membership } from './membership-cache.js';
import type { GroupEntity } from './group.entity.js';
import { GroupsRepository } from './groups.repository.js';

@Injectable()
export class GroupsService {
  constructor(private readonly groups: GroupsRepository) {}

  listForUser(userId: string): Promise<GroupEntity[]> {
    return this.groups.listForUser(userId);
  }

  /** Admins see every group, others the groups they are in; `share` filters on data.config.share. */
  async list(caller: CallerUser, share?: boolean): Promise<GroupResponseDto[]> {
    let groups = caller.role === 'admin' ? await this.groups.listAll() : await this.groups.listForUser(caller.id);
    if (share !== undefined) {
      groups = groups.filter((group) => {
        const setting = (group.data?.config as { share?: unknown } | undefined)?.share;
        return setting === undefined || setting === share;
      });
    }
    return this.withCounts(groups);
  }

  async create(caller: CallerUser, input: GroupFormDto): Promise<GroupResponseDto> {
    const group = await this.groups.create({
      user_id: caller.id,
      name: input.name,
      description: input.description,
      permissions: input.permissions ?? null,
      data: input.data ?? null,
      meta: null,
    });
    return { ...group, member_count: 0 };
  }

  async get(id: string): Promise<GroupResponseDto> {
    return (await this.withCounts([await this.getOrThrow(id)]))[0];
  }

  /** Partial update: null or missing fields keep their value. */
  async update(id: string, input: GroupFormDto): Promise<GroupResponseDto> {
    await this.getOrThrow(id);
    const changes: Partial<GroupEntity> = { name: input.name, description: input.description };
    if (input.permissions) changes.permissions = input.permissions;
    if (input.data) changes.data = input.data;
    await this.groups.update(id, changes);
    return this.get(id);
  }

  async addMembers(id: string, userIds: string[]): Promise<GroupResponseDto> {
    await this.getOrThrow(id);
    await this.groups.addMembers(id, userIds);
    return this.get(id);
  }

  async removeMembers(id: string, userIds: string[]): Promise<GroupResponseDto> {
    await this.getOrThrow(id);
    await this.groups.removeMembers(id, userIds);
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    await this.getOrThrow(id);
    await this.groups.delete(id);
    return true;
  }

  /** The user's group ids and permission trees (cached): what access checks need. */
  membership(userId: string): Promise<Membership> {
    return this.groups.membership(userId);
  }

  /** Group ids of many users in one query. */
  groupIdsByUser(userIds: string[]): Promise<Map<string, string[]>> {
    return this.groups.groupIdsByUser(userIds);
  }

  /** Adds the user to the group when it exists (the default group at signup); false when it does not. */
  async addToGroupIfExists(groupId: string, userId: string): Promise<boolean> {
    if (!(await this.groups.findById(groupId))) return false;
    await this.groups.addMembers(groupId, [userId]);
    return true;
  }

  /**
   * Group sync of a directory or single sign-on (upstream's sync_groups_by_group_names): the user ends up
   * in exactly the groups with these names, leaving the others, in one transaction. With `create`, a name
   * no group has yet becomes a new group owned by `creatorId` (upstream's create_groups_by_group_names).
   * Groups named in `untouched` are neither joined nor left.
   */
  async syncMembershipsByName(
    userId: string,
    names: string[],
    options: { create: boolean; creatorId?: string; description?: string; untouched?: string[] },
  ): Promise<void> {
    const untouched = new Set(options.untouched);
    const wanted = [...new Set(names)].filter((name) => !untouched.has(name));
    const groups = await this.groups.findByNames(wanted);
    if (options.create) {
      const known = new Set(groups.map((group) => group.name));
      for (const name of wanted.filter((candidate) => !known.has(candidate))) {
        groups.push(
          await this.groups.create({
            user_id: options.creatorId ?? userId,
            name,
            description: options.description?.replace('{name}', name) ?? '',
            permissions: null,
            data: null,
            meta: null,
          }),
        );
      }
    }
    const kept =
      untouched.size === 0 ? [] : (await this.groups.listForUser(userId)).filter((g) => untouched.has(g.name));
    await this.groups.setUserMemberships(
      userId,
      [...groups, ...kept].map((group) => group.id),
    );
  }

  /** Inside a user's deletion transaction: every membership of theirs. */
  removeUserEverywhere(transaction: Transaction, userId: string): Promise<void> {
    return this.groups.removeUserEverywhere(transaction, userId);
  }

  /** Unknown group: 401 NOT_FOUND, as upstream answers it. */
  private async getOrThrow(id: string): Promise<GroupEntity> {
    const group = await this.groups.findById(id);
    if (!group) throw unauthorized(MESSAGES.NOT_FOUND);
    return group;
  }

  private async withCounts(groups: GroupEntity[]): Promise<GroupResponseDto[]> {
    const counts = await this.groups.memberCounts(groups.map((group) => group.id));
    return groups.map((group) => ({ ...group, member_count: counts.get(group.id) ?? 0 }));
  }
}
