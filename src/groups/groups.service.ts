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
   * Directory sign-in (upstream's sync_groups_by_group_names): the user ends up in exactly the groups
   * with these names, leaving the others. With `create`, a name no group has yet becomes a new group,
   * its creator the user (upstream's create_groups_by_group_names).
   */
  async syncMembershipsByName(userId: string, names: string[], options: { create: boolean }): Promise<void> {
    const unique = [...new Set(names)];
    const groups = await this.groups.findByNames(unique);
    if (options.create) {
      const known = new Set(groups.map((group) => group.name));
      for (const name of unique.filter((candidate) => !known.has(candidate))) {
        groups.push(
          await this.groups.create({
            user_id: userId,
            name,
            description: '',
            permissions: null,
            data: null,
            meta: null,
          }),
        );
      }
    }
    await this.groups.setUserMemberships(
      userId,
      groups.map((group) => group.id),
    );
  }

  /**
   * Single sign-on's group sync: the user joins the named groups (creating missing ones, owned by
   * `creatorId`, when `create`) and leaves the others. Groups named in `untouched` are left as they are;
   * an empty list changes nothing (Open WebUI's rule: a provider that sends no groups keeps them).
   */
  async syncMembershipByName(
    userId: string,
    names: string[],
    options: { create: boolean; creatorId: string; untouched: string[] },
  ): Promise<void> {
    const wanted = new Set(names.filter((name) => !options.untouched.includes(name)));
    if (names.length === 0) return;
    const all = await this.groups.listAll();
    if (options.create) {
      const known = new Set(all.map((group) => group.name));
      for (const name of wanted) {
        if (known.has(name)) continue;
        all.push(
          await this.groups.create({
            user_id: options.creatorId,
            name,
            description: `Group '${name}' created automatically via OAuth.`,
            permissions: null,
            data: null,
            meta: null,
          }),
        );
      }
    }
    const current = await this.groups.listForUser(userId);
    for (const group of current) {
      if (!wanted.has(group.name) && !options.untouched.includes(group.name)) {
        await this.groups.removeMembers(group.id, [userId]);
      }
    }
    const joined = new Set(current.map((group) => group.id));
    for (const group of all) {
      if (wanted.has(group.name) && !joined.has(group.id)) await this.groups.addMembers(group.id, [userId]);
    }
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
