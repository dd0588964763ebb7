var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { MESSAGES, unauthorized } from '../common/errors.js';
import { GroupsRepository } from './groups.repository.js';
let GroupsService = class GroupsService {
    constructor(groups) {
        this.groups = groups;
    }
    listForUser(userId) {
        return this.groups.listForUser(userId);
    }
    /** Admins see every group, others the groups they are in; `share` filters on data.config.share. */
    async list(caller, share) {
        let groups = caller.role === 'admin' ? await this.groups.listAll() : await this.groups.listForUser(caller.id);
        if (share !== undefined) {
            groups = groups.filter((group) => {
                const setting = group.data?.config?.share;
                return setting === undefined || setting === share;
            });
        }
        return this.withCounts(groups);
    }
    async create(caller, input) {
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
    async get(id) {
        return (await this.withCounts([await this.getOrThrow(id)]))[0];
    }
    /** Partial update: null or missing fields keep their value. */
    async update(id, input) {
        await this.getOrThrow(id);
        const changes = { name: input.name, description: input.description };
        if (input.permissions)
            changes.permissions = input.permissions;
        if (input.data)
            changes.data = input.data;
        await this.groups.update(id, changes);
        return this.get(id);
    }
    async addMembers(id, userIds) {
        await this.getOrThrow(id);
        await this.groups.addMembers(id, userIds);
        return this.get(id);
    }
    async removeMembers(id, userIds) {
        await this.getOrThrow(id);
        await this.groups.removeMembers(id, userIds);
        return this.get(id);
    }
    async delete(id) {
        await this.getOrThrow(id);
        await this.groups.delete(id);
        return true;
    }
    /** Unknown group: 401 NOT_FOUND, as upstream answers it. */
    async getOrThrow(id) {
        const group = await this.groups.findById(id);
        if (!group)
            throw unauthorized(MESSAGES.NOT_FOUND);
        return group;
    }
    async withCounts(groups) {
        const counts = await this.groups.memberCounts(groups.map((group) => group.id));
        return groups.map((group) => ({ ...group, member_count: counts.get(group.id) ?? 0 }));
    }
};
GroupsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [GroupsRepository])
], GroupsService);
export { GroupsService };
//# sourceMappingURL=groups.service.js.map