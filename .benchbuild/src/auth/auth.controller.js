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
import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectConfig } from '../config/config.module.js';
import { AdminConfigService } from '../settings/admin-config.service.js';
import { Auth, Caller, Public } from './auth.decorator.js';
import { AuthService } from './auth.service.js';
import { ApiKeysService } from './api-keys.service.js';
import { Authenticator } from './authenticator.service.js';
import { AddUserDto, AdminConfigDto, AdminDetailsDto, ApiKeyCreatedDto, ApiKeyInfoDto, CreateApiKeyDto, SessionUserDto, SessionUserInfoDto, SigninDto, SigninResponseDto, SignoutResponseDto, SignupDto, UpdatePasswordDto, UpdateProfileDto, UserResponseDto, } from './dto/auth.dto.js';
import { SessionCookie } from './session-cookie.js';
let AuthController = class AuthController {
    constructor(auth, apiKeys, adminConfig, authenticator, cookies, config) {
        this.auth = auth;
        this.apiKeys = apiKeys;
        this.adminConfig = adminConfig;
        this.authenticator = authenticator;
        this.cookies = cookies;
        this.config = config;
    }
    async getSessionUser(caller, res) {
        return this.cookies.attach(res, await this.auth.session(caller));
    }
    async signin(body, req, res) {
        return this.cookies.attach(res, await this.auth.signin(body, req.ip ?? 'unknown', this.trustedHeaders(req)));
    }
    async signup(body, res) {
        return this.cookies.attach(res, await this.auth.signup(body));
    }
    async signout(req, res) {
        return this.cookies.clear(res, await this.auth.signout(this.authenticator.credentialFrom(req)?.token));
    }
    updateProfile(caller, body) {
        return this.auth.updateProfile(caller.user.id, body);
    }
    updatePassword(caller, body) {
        return this.auth.updatePassword(caller.user.id, body);
    }
    addUser(body) {
        return this.auth.addUser(body);
    }
    getAdminDetails() {
        return this.auth.adminDetails();
    }
    getAdminConfig() {
        return this.adminConfig.get();
    }
    updateAdminConfig(body) {
        return this.adminConfig.update(body);
    }
    createApiKey(caller, body) {
        return this.apiKeys.create(caller.user, body?.scopes);
    }
    getApiKey(caller) {
        return this.apiKeys.show(caller.user.id);
    }
    deleteApiKey(caller) {
        return this.apiKeys.delete(caller.user.id);
    }
    trustedHeaders(req) {
        const { trustedEmailHeader, trustedNameHeader } = this.config.auth;
        return {
            email: trustedEmailHeader ? req.header(trustedEmailHeader) : undefined,
            name: trustedNameHeader ? req.header(trustedNameHeader) : undefined,
        };
    }
};
__decorate([
    Get(),
    Auth({ role: 'pending', scope: 'profile' }),
    ApiOkResponse({ type: SessionUserInfoDto }),
    __param(0, Caller()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "getSessionUser", null);
__decorate([
    Post('signin'),
    HttpCode(200),
    Public(),
    ApiOkResponse({ type: SessionUserDto }),
    __param(0, Body()),
    __param(1, Req()),
    __param(2, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [SigninDto, Object, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "signin", null);
__decorate([
    Post('signup'),
    HttpCode(200),
    Public(),
    ApiOkResponse({ type: SessionUserDto }),
    __param(0, Body()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [SignupDto, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "signup", null);
__decorate([
    Get('signout'),
    Public(),
    ApiOkResponse({ type: SignoutResponseDto }),
    __param(0, Req()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "signout", null);
__decorate([
    Post('update/profile'),
    HttpCode(200),
    Auth({ scope: 'profile' }),
    ApiOkResponse({ type: UserResponseDto }),
    __param(0, Caller()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, UpdateProfileDto]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "updateProfile", null);
__decorate([
    Post('update/password'),
    HttpCode(200),
    Auth({ role: 'pending' }),
    ApiOkResponse({ type: Boolean }),
    __param(0, Caller()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, UpdatePasswordDto]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "updatePassword", null);
__decorate([
    Post('add'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: SigninResponseDto }),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AddUserDto]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "addUser", null);
__decorate([
    Get('admin/details'),
    Auth({ role: 'pending', scope: 'profile' }),
    ApiOkResponse({ type: AdminDetailsDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "getAdminDetails", null);
__decorate([
    Get('admin/config'),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: AdminConfigDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "getAdminConfig", null);
__decorate([
    Post('admin/config'),
    HttpCode(200),
    Auth({ role: 'admin' }),
    ApiOkResponse({ type: AdminConfigDto }),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AdminConfigDto]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "updateAdminConfig", null);
__decorate([
    Post('api_key'),
    HttpCode(200),
    Auth({ role: 'pending' }),
    ApiBody({ type: CreateApiKeyDto, required: false }),
    ApiOkResponse({ type: ApiKeyCreatedDto }),
    __param(0, Caller()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreateApiKeyDto]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "createApiKey", null);
__decorate([
    Get('api_key'),
    Auth({ role: 'pending' }),
    ApiOkResponse({ type: ApiKeyInfoDto }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "getApiKey", null);
__decorate([
    Delete('api_key'),
    Auth({ role: 'pending' }),
    ApiOkResponse({ type: Boolean }),
    __param(0, Caller()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "deleteApiKey", null);
AuthController = __decorate([
    ApiTags('auths'),
    Controller('api/v1/auths'),
    __param(5, InjectConfig()),
    __metadata("design:paramtypes", [AuthService,
        ApiKeysService,
        AdminConfigService,
        Authenticator,
        SessionCookie, Object])
], AuthController);
export { AuthController };
//# sourceMappingURL=auth.controller.js.map