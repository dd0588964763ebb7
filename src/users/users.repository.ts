import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { asTransaction, DatabaseService, type Transaction } from '../database/database.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import type { Role } from '../config/app-config.js';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { nowSeconds } from '../common/time.js';
import { GroupMemberEntity } from '../groups/group-member.entity.js';
import { CredentialEntity } from './credential.entity.js';
import { SettingsService } from '../settings/settings.service.js';
import { UserCache } from './user-cache.js';
import { UserEntity } from './user.entity.js';

export interface NewUser {
  id?: string;
  name: string;
  email: string;
  passwordHash: string;
  role: Role;
  profileImageUrl: string;
  oauthSub?: string | null;
}

export type PublicProfile = Pick<UserEntity, 'id' | 'name' | 'email' | 'role' | 'profile_image_url'>;

export const USER_SORT_FIELDS = ['name', 'email', 'created_at', 'last_active_at', 'updated_at', 'role'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export interface UserListQuery {
  query?: string;
  orderBy?: UserSortField;
  groupId?: string;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Queries over `user` and `auth`; returns entities, no HTTP concerns. */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly cache: UserCache,
    private readonly settings: SettingsService,
  ) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** For authenticating requests: served from a short-lived cache that every write here invalidates. */
  async findByIdCached(id: string): Promise<UserEntity | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const user = await this.findById(id);
    if (user) this.cache.set(user);
    return user;
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  /** The account linked to a provider's subject (`{provider}@{sub}`, as Open WebUI stores it). */
  findByOauthSub(oauthSub: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ oauth_sub: oauthSub });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /**
   * The primary admin: the account recorded at the first signup or, for a database that predates
   * the record (e.g. copied from Open WebUI), the earliest admin.
   */
  async findPrimaryAdmin(): Promise<UserEntity | null> {
    const recorded = this.settings.get().primaryAdminId;
    const user = recorded ? await this.findById(recorded) : null;
    return user ?? this.users.findOne({ where: { role: 'admin' }, order: { created_at: 'ASC', id: 'ASC' } });
  }

  /**
   * Every sign-in attempt reads this before it queues for bcrypt, storms included: one indexed
   * query in SQL rather than the query builder, which cost about ten times the query itself.
   */
  async findCredential(email: string): Promise<CredentialEntity | null> {
    const placeholder = this.db.isPostgres ? '$1' : '?';
    const rows: Pick<CredentialEntity, 'id' | 'email' | 'password'>[] = await this.dataSource.query(
      `SELECT id, email, password FROM auth WHERE email = ${placeholder} AND active = TRUE LIMIT 1`,
      [email.toLowerCase()],
    );
    const row = rows[0];
    return row ? Object.assign(new CredentialEntity(), { ...row, active: true }) : null;
  }

  findCredentialById(id: string): Promise<CredentialEntity | null> {
    return this.dataSource.getRepository(CredentialEntity).findOneBy({ id });
  }

  /**
   * Inserts user and credential together. `decideRole` runs inside the transaction with the user
   * count, so two simultaneous first signups cannot both become admin on PostgreSQL (the table
   * lock) or SQLite (one writer at a time).
   */
  async create(input: NewUser, decideRole?: (existingUsers: number) => Role): Promise<UserEntity> {
    return this.db.transaction(async (manager) => {
      if (decideRole && manager.connection.options.type === 'postgres') {
        await manager.query('LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE');
      }
      const role = decideRole ? decideRole(await manager.getRepository(UserEntity).count()) : input.role;
      const now = nowSeconds();
      const user = manager.getRepository(UserEntity).create({
        id: input.id ?? randomUUID(),
        name: input.name,
        email: input.email.toLowerCase(),
        username: null,
        role,
        profile_image_url: input.profileImageUrl,
        bio: null,
        gender: null,
        date_of_birth: null,
        info: null,
        settings: null,
        api_key: null,
        oauth_sub: input.oauthSub ?? null,
        last_active_at: now,
        updated_at: now,
        created_at: now,
      });
      await manager.getRepository(UserEntity).insert(user);
      await manager
        .getRepository(CredentialEntity)
        .insert({ id: user.id, email: user.email, password: input.passwordHash, active: true });
      return user;
    });
  }

  async update(id: string, changes: Partial<UserEntity>): Promise<UserEntity | null> {
    await this.users.update({ id }, { ...changes, updated_at: nowSeconds() });
    await this.cache.invalidate(id);
    return this.findById(id);
  }

  /** The user's email and their credential's, together. */
  async updateEmail(id: string, email: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id }, { email, updated_at: nowSeconds() });
      await manager.getRepository(CredentialEntity).update({ id }, { email });
      await this.cache.invalidate(id);
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.getRepository(CredentialEntity).update({ id }, { password: passwordHash });
  }

  /** Only writes when the stored value is older than `olderThan`, so busy users cost no writes. */
  async touchLastActive(id: string, now: number, olderThan: number): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ last_active_at: now })
      .where('id = :id AND last_active_at < :threshold', { id, threshold: now - olderThan })
      .execute();
    // Only this instance's copy: other instances' stale last_active_at costs at most one more write.
    const cached = this.cache.get(id);
    if (cached) cached.last_active_at = now;
  }

  /**
   * The user and their credential, after `alongside` (the other tables' rows that go with the user,
   * such as group memberships) in the same transaction; API keys go by foreign-key cascade.
   */
  async delete(id: string, alongside: (transaction: Transaction) => Promise<void>): Promise<void> {
    await this.db.transaction(async (manager) => {
      await alongside(asTransaction(manager));
      await manager.getRepository(CredentialEntity).delete({ id });
      await manager.getRepository(UserEntity).delete({ id });
    });
    await this.cache.invalidate(id);
  }

  async list(options: UserListQuery): Promise<{ users: UserEntity[]; total: number }> {
    const builder = this.users.createQueryBuilder('u');
    if (options.query) {
      const pattern = containsPattern(options.query.toLowerCase());
      builder.andWhere(
        new Brackets((where) =>
          where
            .where(`LOWER(u.name) LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
            .orWhere(`LOWER(u.email) LIKE :pattern ${LIKE_ESCAPE}`, { pattern }),
        ),
      );
    }
    const total = await builder.getCount();
    if (options.groupId) {
      // Members of the group first, then by name (how the admin UI shows a group's members).
      builder
        .leftJoin(GroupMemberEntity, 'gm', 'gm.user_id = u.id AND gm.group_id = :groupId', { groupId: options.groupId })
        .addSelect('CASE WHEN gm.id IS NULL THEN 1 ELSE 0 END', 'member_rank')
        .orderBy('member_rank', 'ASC')
        .addOrderBy('u.name', 'ASC');
    } else if (options.orderBy) {
      builder.orderBy(`u.${options.orderBy}`, options.direction === 'asc' ? 'ASC' : 'DESC');
    } else {
      builder.orderBy('u.created_at', 'DESC');
    }
    builder.addOrderBy('u.id', 'ASC');
    const users = await builder.offset(options.offset).limit(options.limit).getMany();
    return { users, total };
  }

  /** What others may see of these users (a prompt's owner, say), in one query. */
  async publicProfiles(ids: string[]): Promise<PublicProfile[]> {
    if (ids.length === 0) return [];
    return this.users.find({
      select: { id: true, name: true, email: true, role: true, profile_image_url: true },
      where: { id: In(ids) },
    });
  }

  listAll(): Promise<UserEntity[]> {
    return this.users.find({ order: { created_at: 'DESC' } });
  }

  async search(query: string, limit: number): Promise<{ users: Pick<UserEntity, 'id' | 'name'>[]; total: number }> {
    const result = await this.list({ query, direction: 'asc', orderBy: 'name', offset: 0, limit });
    return { users: result.users.map(({ id, name }) => ({ id, name })), total: result.total };
  }
}
