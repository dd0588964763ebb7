import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DatabaseService, insertRows, managerOf, type Transaction } from '../database/database.service.js';
import { DataSource, In } from 'typeorm';
import { nowSeconds } from '../common/time.js';
import { UserEntity } from '../users/user.entity.js';
import { type Membership, MembershipCache } from './membership-cache.js';
import { GroupMemberEntity } from './group-member.entity.js';
import { GroupEntity } from './group.entity.js';

@Injectable()
export class GroupsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly memberships: MembershipCache,
  ) {}

  private get groups() {
    return this.dataSource.getRepository(GroupEntity);
  }

  private get members() {
    return this.dataSource.getRepository(GroupMemberEntity);
  }

  findById(id: string): Promise<GroupEntity | null> {
    return this.groups.findOneBy({ id });
  }

  findByNames(names: string[]): Promise<GroupEntity[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.groups.findBy({ name: In(names) });
  }

  listAll(): Promise<GroupEntity[]> {
    return this.groups.find({ order: { updated_at: 'DESC', id: 'ASC' } });
  }

  listForUser(userId: string): Promise<GroupEntity[]> {
    return this.groups
      .createQueryBuilder('g')
      .innerJoin(GroupMemberEntity, 'gm', 'gm.group_id = g.id')
      .where('gm.user_id = :userId', { userId })
      .orderBy('g.updated_at', 'DESC')
      .addOrderBy('g.id', 'ASC')
      .getMany();
  }

  /** The user's group ids and permission trees, cached (group writes clear the cache everywhere). */
  async membership(userId: string): Promise<Membership> {
    const cached = this.memberships.get(userId);
    if (cached) return cached;
    const groups = await this.listForUser(userId);
    const membership = { groupIds: groups.map((group) => group.id), trees: groups.map((group) => group.permissions) };
    this.memberships.set(userId, membership);
    return membership;
  }

  /** Member counts for many groups in one query. */
  async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.members
      .createQueryBuilder('gm')
      .select('gm.group_id', 'group_id')
      .addSelect('COUNT(*)', 'count')
      .where({ group_id: In(groupIds) })
      .groupBy('gm.group_id')
      .getRawMany<{ group_id: string; count: string | number }>();
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  /** Group ids of many users in one query. */
  async groupIdsByUser(userIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await this.members.find({
      select: { user_id: true, group_id: true },
      where: { user_id: In(userIds) },
    });
    for (const row of rows) result.get(row.user_id)?.push(row.group_id);
    return result;
  }

  async create(values: Omit<GroupEntity, 'id' | 'created_at' | 'updated_at'>): Promise<GroupEntity> {
    const now = nowSeconds();
    const group = this.groups.create({ ...values, id: randomUUID(), created_at: now, updated_at: now });
    await this.groups.insert(group);
    return group;
  }

  async update(id: string, changes: Partial<GroupEntity>): Promise<void> {
    await this.groups.update({ id }, { ...changes, updated_at: nowSeconds() });
    await this.memberships.invalidateAll();
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(GroupMemberEntity).delete({ group_id: id });
      await manager.getRepository(GroupEntity).delete({ id });
    });
    await this.memberships.invalidateAll();
  }

  /** Adds the users that exist and are not members yet; unknown ids are dropped. */
  async addMembers(groupId: string, userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    await this.db.transaction(async (manager) => {
      const existing = await manager
        .getRepository(UserEntity)
        .find({ select: { id: true }, where: { id: In(unique) } });
      const already = await manager
        .getRepository(GroupMemberEntity)
        .find({ select: { user_id: true }, where: { group_id: groupId, user_id: In(unique) } });
      const skip = new Set(already.map((member) => member.user_id));
      const now = nowSeconds();
      const rows = existing
        .filter((user) => !skip.has(user.id))
        .map((user) => ({ id: randomUUID(), group_id: groupId, user_id: user.id, created_at: now, updated_at: now }));
      await insertRows(manager, GroupMemberEntity, rows as GroupMemberEntity[]);
      await manager.getRepository(GroupEntity).update({ id: groupId }, { updated_at: now });
    });
    await this.memberships.invalidateAll();
  }

  /** Makes the user a member of exactly these groups: other memberships go, missing ones are added. */
  async setUserMemberships(userId: string, groupIds: string[]): Promise<void> {
    const wanted = new Set(groupIds);
    const changed = await this.db.transaction(async (manager) => {
      const members = manager.getRepository(GroupMemberEntity);
      const current = await members.find({ select: { id: true, group_id: true }, where: { user_id: userId } });
      const have = new Set(current.map((member) => member.group_id));
      const leaving = current.filter((member) => !wanted.has(member.group_id));
      const joining = [...wanted].filter((groupId) => !have.has(groupId));
      if (leaving.length > 0) await members.delete({ id: In(leaving.map((member) => member.id)) });
      const now = nowSeconds();
      const rows = joining.map((groupId) => ({
        id: randomUUID(),
        group_id: groupId,
        user_id: userId,
        created_at: now,
        updated_at: now,
      }));
      await insertRows(manager, GroupMemberEntity, rows as GroupMemberEntity[]);
      const touched = [...leaving.map((member) => member.group_id), ...joining];
      if (touched.length > 0) await manager.getRepository(GroupEntity).update({ id: In(touched) }, { updated_at: now });
      return touched.length > 0;
    });
    if (changed) await this.memberships.invalidateAll();
  }

  /** Inside the user's deletion (UsersRepository.delete): every membership of theirs. */
  async removeUserEverywhere(transaction: Transaction, userId: string): Promise<void> {
    await managerOf(transaction).getRepository(GroupMemberEntity).delete({ user_id: userId });
  }

  async removeMembers(groupId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.members.delete({ group_id: groupId, user_id: In([...new Set(userIds)]) });
    await this.groups.update({ id: groupId }, { updated_at: nowSeconds() });
    await this.memberships.invalidateAll();
  }
}
