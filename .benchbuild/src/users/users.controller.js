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
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, Caller } from '../auth/auth.decorator.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { GroupsService } from '../groups/groups.service.js';
import { GroupModelDto } from '../groups/dto/groups.dto.js';
import { PermissionTreeDto } from '../permissions/dto/permissions.dto.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { AdminUpdateUserDto, UserListQueryDto, UserListResponseDto, UserModelDto, UserProfileDto, UserSearchQueryDto, UserSearchResponseDto, UserSummaryListDto, } from './dto/users.dto.js';
import { UsersService } from './users.service.js';
const JSON_OBJECT = { schema: { type: 'object', additionalProperties: true, example: { ui: { theme: 'dark' } } } };
/** Literal paths are declared before `/:user_id` so they win (contract README §1). */
let UsersController = class UsersController {
    constructor(users, groups, permissions) {
        this.users = users;
        this.groups = groups;
        this.permissions = permissions;
    }
    listUsers(query) {
        return this.users.list(query);
    }
    listAllUsers() {
        return this.users.all();
    }
    searchUsers(query) {
        return this.users.search(query.query);
    }
    getMyGroups(caller) {
        return this.groups.listForUser(caller.user.id);
    }
    getMyPermissions(caller) {
        return this.permissions.effective(caller.user.id);
    }
    getDefaultPermissions() {
        return this.permissions.defaults();
    }
    updateDefaultPermissions(body) {
        return this.permissions.updateDefaults(body);
    }
    getMySettings(caller) {
        return this.users.settings(caller.user.id);
    }
    updateMySettings(caller, body) {
        return this.users.updateSettings(caller.user, body);
    }
    getMyInfo(caller) {
        return this.users.info(caller.user.id);
    }
    updateMyInfo(caller, body) {
        return this.users.updateInfo(caller.user, body);
    }
    getUserProfile(userId) {
        return this.users.profile(userId);
    }
    async getUserProfileImage(userId, res) {
        const image = await this.users.profileImage(userId);
        if (image.redirect)
            return res.redirect(302, image.redirect);
        res
            .type(image.contentType ?? 'image/png')
            .set('Cache-Control', 'private, max-age=300')
            .send(image.image);
    }
    updateUser(caller, userId, body) {
        return this.users.adminUpdate(caller.user, userId, body);
    }
    deleteUser(caller, userId) {
        return this.users.delete(caller.user, userId);
    }
    getUserGroups(userId) {
        return this.groups.listForUser(userId);
    }
};
__decorate([
    Get(),
    Auth({ role: 'admin', scope: 'users:read' }),
    ApiOkResponse({ type: UserListResponseDto }),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UserListQueryDto]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "listUsers", null);
__decorate([
    Get('all'),
    Auth({ role: 'admin', scope: 'users:read' }),
    ApiOkResponse({ type: UserSummaryListDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "listAllUsers", null);
__decorate([
    Get('search'),
    Auth({ scope: 'users:read' }),
    ApiOkResponse({ type: UserSearchResponseDto }),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UserSearchQueryDto]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "searchUsers", null);
__decorate([
    Get('groups'),
    Auth({ scope: 'profile' }),
    ApiOkResponse({ type: [GroupModelDto] }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getMyGroups", null);
__decorate([
    Get('permissions'),
    Auth({ scope: 'profile' }),
    ApiOkResponse({ type: PermissionTreeDto }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getMyPermissions", null);
__decorate([
    Get('default/permissions'),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: PermissionTreeDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getDefaultPermissions", null);
__decorate([
    Post('default/permissions'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: PermissionTreeDto }),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [PermissionTreeDto]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "updateDefaultPermissions", null);
__decorate([
    Get('user/settings'),
    Auth({ scope: 'profile' }),
    ApiOkResponse({ ...JSON_OBJECT, description: 'The saved settings, or null' }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getMySettings", null);
__decorate([
    Post('user/settings/update'),
    HttpCode(200),
    Auth({ scope: 'profile' }),
    ApiBody(JSON_OBJECT),
    ApiOkResponse(JSON_OBJECT),
    __param(0, Caller()),
    __param(1, Body(JsonObjectPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "updateMySettings", null);
__decorate([
    Get('user/info'),
    Auth({ scope: 'profile' }),
    ApiOkResponse({ ...JSON_OBJECT, description: 'The saved info, or null' }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getMyInfo", null);
__decorate([
    Post('user/info/update'),
    HttpCode(200),
    Auth({ scope: 'profile' }),
    ApiBody(JSON_OBJECT),
    ApiOkResponse(JSON_OBJECT),
    __param(0, Caller()),
    __param(1, Body(JsonObjectPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "updateMyInfo", null);
__decorate([
    Get(':user_id'),
    Auth({ scope: 'users:read' }),
    ApiOkResponse({ type: UserProfileDto }),
    __param(0, Param('user_id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getUserProfile", null);
__decorate([
    Get(':user_id/profile/image'),
    Auth({ scope: 'users:read' }),
    ApiProduces('image/png', 'image/jpeg', 'image/webp'),
    ApiOkResponse({ description: 'The image bytes, or a redirect to its URL' }),
    __param(0, Param('user_id')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "getUserProfileImage", null);
__decorate([
    Post(':user_id/update'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: UserModelDto }),
    __param(0, Caller()),
    __param(1, Param('user_id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, AdminUpdateUserDto]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "updateUser", null);
__decorate([
    Delete(':user_id'),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: Boolean }),
    __param(0, Caller()),
    __param(1, Param('user_id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "deleteUser", null);
__decorate([
    Get(':user_id/groups'),
    Auth({ role: 'admin', scope: 'users:read' }),
    ApiOkResponse({ type: [GroupModelDto] }),
    __param(0, Param('user_id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], UsersController.prototype, "getUserGroups", null);
UsersController = __decorate([
    ApiTags('users'),
    Controller('api/v1/users'),
    __metadata("design:paramtypes", [UsersService,
        GroupsService,
        PermissionsService])
], UsersController);
export { UsersController };
//# sourceMappingURL=users.controller.js.map