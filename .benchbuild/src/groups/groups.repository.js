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
import { DataSource, In } from 'typeorm';
import { nowSeconds } from '../common/time.js';
import { UserEntity } from '../users/user.entity.js';
import { GroupMemberEntity } from './group-member.entity.js';
import { GroupEntity } from './group.entity.js';
let GroupsRepository = class GroupsRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    get groups() {
        return this.dataSource.getRepository(GroupEntity);
    }
    get members() {
        return this.dataSource.getRepository(GroupMemberEntity);
    }
    findById(id) {
        return this.groups.findOneBy({ id });
    }
    listAll() {
        return this.groups.find({ order: { updated_at: 'DESC', id: 'ASC' } });
    }
    listForUser(userId) {
        return this.groups
            .createQueryBuilder('g')
            .innerJoin(GroupMemberEntity, 'gm', 'gm.group_id = g.id')
            .where('gm.user_id = :userId', { userId })
            .orderBy('g.updated_at', 'DESC')
            .addOrderBy('g.id', 'ASC')
            .getMany();
    }
    /** Member counts for many groups in one query. */
    async memberCounts(groupIds) {
        if (groupIds.length === 0)
            return new Map();
        const rows = await this.members
            .createQueryBuilder('gm')
            .select('gm.group_id', 'group_id')
            .addSelect('COUNT(*)', 'count')
            .where({ group_id: In(groupIds) })
            .groupBy('gm.group_id')
            .getRawMany();
        return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
    }
    /** Group ids of many users in one query. */
    async groupIdsByUser(userIds) {
        const result = new Map(userIds.map((id) => [id, []]));
        if (userIds.length === 0)
            return result;
        const rows = await this.members.find({
            select: { user_id: true, group_id: true },
            where: { user_id: In(userIds) },
        });
        for (const row of rows)
            result.get(row.user_id)?.push(row.group_id);
        return result;
    }
    async create(values) {
        const now = nowSeconds();
        const group = this.groups.create({ ...values, id: randomUUID(), created_at: now, updated_at: now });
        await this.groups.insert(group);
        return group;
    }
    async update(id, changes) {
        await this.groups.update({ id }, { ...changes, updated_at: nowSeconds() });
    }
    async delete(id) {
        await this.dataSource.transaction(async (manager) => {
            await manager.getRepository(GroupMemberEntity).delete({ group_id: id });
            await manager.getRepository(GroupEntity).delete({ id });
        });
    }
    /** Adds the users that exist and are not members yet; unknown ids are dropped. */
    async addMembers(groupId, userIds) {
        const unique = [...new Set(userIds)];
        if (unique.length === 0)
            return;
        await this.dataSource.transaction(async (manager) => {
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
            if (rows.length > 0)
                await manager.getRepository(GroupMemberEntity).insert(rows);
            await manager.getRepository(GroupEntity).update({ id: groupId }, { updated_at: now });
        });
    }
    async removeMembers(groupId, userIds) {
        if (userIds.length === 0)
            return;
        await this.members.delete({ group_id: groupId, user_id: In([...new Set(userIds)]) });
        await this.groups.update({ id: groupId }, { updated_at: nowSeconds() });
    }
};
GroupsRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], GroupsRepository);
export { GroupsRepository };
//# sourceMappingURL=groups.repository.js.map