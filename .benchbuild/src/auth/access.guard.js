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
var AccessGuard_1;
import { Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectConfig } from '../config/config.module.js';
import { forbidden, MESSAGES, unauthorized } from '../common/errors.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { keyHasScope } from './api-scopes.js';
import { ACCESS_RULE } from './auth.decorator.js';
import { Authenticator } from './authenticator.service.js';
const ROLE_RANK = { pending: 0, user: 1, admin: 2 };
/**
 * The global guard. Every route must carry an access rule (`@Auth` or `@Public`); a route without
 * one is refused, so forgetting a decorator fails closed.
 */
let AccessGuard = AccessGuard_1 = class AccessGuard {
    constructor(reflector, authenticator, settings, permissions, config) {
        this.reflector = reflector;
        this.authenticator = authenticator;
        this.settings = settings;
        this.permissions = permissions;
        this.config = config;
        this.logger = new Logger(AccessGuard_1.name);
    }
    async canActivate(context) {
        if (context.getType() !== 'http')
            return true;
        const rule = this.reflector.getAllAndOverride(ACCESS_RULE, [
            context.getHandler(),
            context.getClass(),
        ]);
        if (!rule) {
            this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} has no access rule`);
            throw forbidden();
        }
        if (rule.kind === 'public')
            return true;
        const req = context.switchToHttp().getRequest();
        const trustedHeader = this.config.auth.trustedEmailHeader;
        const auth = await this.authenticator.authenticate(this.authenticator.credentialFrom(req), trustedHeader ? req.header(trustedHeader) : undefined);
        req.auth = auth;
        if (auth.apiKey)
            await this.checkApiKey(auth, auth.apiKey.scopes, rule, req.path);
        if (ROLE_RANK[auth.user.role] < ROLE_RANK[rule.role])
            throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
        return true;
    }
    /** Global switches, endpoint restrictions, then the route's scope (contract README §3). */
    async checkApiKey(auth, keyScopes, rule, path) {
        const settings = this.settings.get();
        if (!settings.enableApiKeys)
            throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
        if (auth.user.role !== 'admin' && !(await this.permissions.has(auth.user.id, 'features', 'api_keys'))) {
            throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
        }
        if (settings.apiKeyEndpointRestrictions) {
            const allowed = settings.apiKeysAllowedEndpoints
                .split(',')
                .map((entry) => entry.trim())
                .filter(Boolean);
            if (!allowed.some((entry) => path === entry || path.startsWith(`${entry}/`))) {
                throw forbidden(MESSAGES.API_KEY_ENDPOINT_NOT_ALLOWED);
            }
        }
        const needed = [rule.scope ?? '*', ...(rule.role === 'admin' ? ['admin'] : [])];
        const missing = needed.find((scope) => !keyHasScope(keyScopes, scope));
        if (missing)
            throw forbidden(`This API key lacks the "${missing}" scope.`);
    }
};
AccessGuard = AccessGuard_1 = __decorate([
    Injectable(),
    __param(4, InjectConfig()),
    __metadata("design:paramtypes", [Reflector,
        Authenticator,
        SettingsService,
        PermissionsService, Object])
], AccessGuard);
export { AccessGuard };
//# sourceMappingURL=access.guard.js.map