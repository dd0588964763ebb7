var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { nowSeconds } from '../common/time.js';
import { GroupMemberEntity } from '../groups/group-member.entity.js';
import { CredentialEntity } from './credential.entity.js';
import { UserEntity } from './user.entity.js';
export const USER_SORT_FIELDS = ['name', 'email', 'created_at', 'last_active_at', 'updated_at', 'role'];
/** Queries over `user` and `auth`; returns entities, no HTTP concerns. */
let UsersRepository = class UsersRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    get users() {
        return this.dataSource.getRepository(UserEntity);
    }
    findById(id) {
        return this.users.findOneBy({ id });
    }
    findByEmail(email) {
        return this.users.findOneBy({ email: email.toLowerCase() });
    }
    count() {
        return this.users.count();
    }
    /**
     * The primary admin: the earliest admin account. (created_at has one-second resolution, so
     * "first user" alone is ambiguous when accounts are created together; the first is always admin.)
     */
    findFirst() {
        return this.users.findOne({ where: { role: 'admin' }, order: { created_at: 'ASC', id: 'ASC' } });
    }
    findCredential(email) {
        return this.dataSource.getRepository(CredentialEntity).findOneBy({ email: email.toLowerCase(), active: true });
    }
    findCredentialById(id) {
        return this.dataSource.getRepository(CredentialEntity).findOneBy({ id });
    }
    /**
     * Inserts user and credential together. `decideRole` runs inside the transaction with the user
     * count, so two simultaneous first signups cannot both become admin on PostgreSQL (the table
     * lock) or SQLite (one writer at a time).
     */
    async create(input, decideRole) {
        return this.dataSource.transaction(async (manager) => {
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
    async update(id, changes) {
        await this.users.update({ id }, { ...changes, updated_at: nowSeconds() });
        return this.findById(id);
    }
    async updateEmail(manager, id, email) {
        await manager.getRepository(UserEntity).update({ id }, { email, updated_at: nowSeconds() });
        await manager.getRepository(CredentialEntity).update({ id }, { email });
    }
    async setPassword(id, passwordHash) {
        await this.dataSource.getRepository(CredentialEntity).update({ id }, { password: passwordHash });
    }
    /** Only writes when the stored value is older than `olderThan`, so busy users cost no writes. */
    async touchLastActive(id, now, olderThan) {
        await this.users
            .createQueryBuilder()
            .update()
            .set({ last_active_at: now })
            .where('id = :id AND last_active_at < :threshold', { id, threshold: now - olderThan })
            .execute();
    }
    /** The user and their credential; memberships and API keys go by foreign-key cascade. */
    async delete(id) {
        await this.dataSource.transaction(async (manager) => {
            await manager.getRepository(GroupMemberEntity).delete({ user_id: id });
            await manager.getRepository(CredentialEntity).delete({ id });
            await manager.getRepository(UserEntity).delete({ id });
        });
    }
    async list(options) {
        const builder = this.users.createQueryBuilder('u');
        if (options.query) {
            const pattern = `%${options.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
            builder.andWhere(new Brackets((where) => where
                .where("LOWER(u.name) LIKE :pattern ESCAPE '\\'", { pattern })
                .orWhere("LOWER(u.email) LIKE :pattern ESCAPE '\\'", { pattern })));
        }
        const total = await builder.getCount();
        if (options.groupId) {
            // Members of the group first, then by name (how the admin UI shows a group's members).
            builder
                .leftJoin(GroupMemberEntity, 'gm', 'gm.user_id = u.id AND gm.group_id = :groupId', { groupId: options.groupId })
                .addSelect('CASE WHEN gm.id IS NULL THEN 1 ELSE 0 END', 'member_rank')
                .orderBy('member_rank', 'ASC')
                .addOrderBy('u.name', 'ASC');
        }
        else if (options.orderBy) {
            builder.orderBy(`u.${options.orderBy}`, options.direction === 'asc' ? 'ASC' : 'DESC');
        }
        else {
            builder.orderBy('u.created_at', 'DESC');
        }
        builder.addOrderBy('u.id', 'ASC');
        const users = await builder.offset(options.offset).limit(options.limit).getMany();
        return { users, total };
    }
    listAll() {
        return this.users.find({ order: { created_at: 'DESC' } });
    }
    async search(query, limit) {
        const result = await this.list({ query, direction: 'asc', orderBy: 'name', offset: 0, limit });
        return { users: result.users.map(({ id, name }) => ({ id, name })), total: result.total };
    }
    transaction(work) {
        return this.dataSource.transaction(work);
    }
};
UsersRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], UsersRepository);
export { UsersRepository };
//# sourceMappingURL=users.repository.js.map