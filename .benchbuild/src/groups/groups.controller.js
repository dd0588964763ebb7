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
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Caller } from '../auth/auth.decorator.js';
import { GroupFormDto, GroupListQueryDto, GroupMembersDto, GroupResponseDto } from './dto/groups.dto.js';
import { GroupsService } from './groups.service.js';
let GroupsController = class GroupsController {
    constructor(groups) {
        this.groups = groups;
    }
    listGroups(caller, query) {
        return this.groups.list(caller.user, query.share === undefined ? undefined : query.share === 'true');
    }
    createGroup(caller, body) {
        return this.groups.create(caller.user, body);
    }
    getGroup(id) {
        return this.groups.get(id);
    }
    updateGroup(id, body) {
        return this.groups.update(id, body);
    }
    addGroupMembers(id, body) {
        return this.groups.addMembers(id, body.user_ids);
    }
    removeGroupMembers(id, body) {
        return this.groups.removeMembers(id, body.user_ids);
    }
    deleteGroup(id) {
        return this.groups.delete(id);
    }
};
__decorate([
    Get(),
    Auth({ scope: 'users:read' }),
    ApiOkResponse({ type: [GroupResponseDto] }),
    __param(0, Caller()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, GroupListQueryDto]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "listGroups", null);
__decorate([
    Post('create'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: GroupResponseDto }),
    __param(0, Caller()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, GroupFormDto]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "createGroup", null);
__decorate([
    Get('id/:id'),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: GroupResponseDto }),
    __param(0, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "getGroup", null);
__decorate([
    Post('id/:id/update'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: GroupResponseDto }),
    __param(0, Param('id')),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, GroupFormDto]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "updateGroup", null);
__decorate([
    Post('id/:id/users/add'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: GroupResponseDto }),
    __param(0, Param('id')),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, GroupMembersDto]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "addGroupMembers", null);
__decorate([
    Post('id/:id/users/remove'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: GroupResponseDto }),
    __param(0, Param('id')),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, GroupMembersDto]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "removeGroupMembers", null);
__decorate([
    Delete('id/:id/delete'),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: Boolean }),
    __param(0, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GroupsController.prototype, "deleteGroup", null);
GroupsController = __decorate([
    ApiTags('groups'),
    Controller('api/v1/groups'),
    __metadata("design:paramtypes", [GroupsService])
], GroupsController);
export { GroupsController };
//# sourceMappingURL=groups.controller.js.map