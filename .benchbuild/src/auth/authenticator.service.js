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
import { Injectable } from '@nestjs/common';
import { InjectConfig } from '../config/config.module.js';
import { MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { UsersRepository } from '../users/users.repository.js';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys.service.js';
import { TokenService } from './token.service.js';
/** last_active_at is written at most once a minute per user: reads stay reads. */
const ACTIVITY_GRANULARITY = 60;
/**
 * The one code path that turns a credential (Bearer header, x-api-key header or `token` cookie)
 * into a caller. HTTP routes and the socket handshake both use it.
 */
let Authenticator = class Authenticator {
    constructor(config, tokens, apiKeys, users) {
        this.config = config;
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.users = users;
    }
    /** Bearer header first, then x-api-key, then the cookie (contract README §3). */
    credentialFrom(req, source = 'any') {
        if (source !== 'cookie') {
            const header = req.headers.authorization;
            if (header) {
                const token = header.includes(' ') ? header.slice(header.lastIndexOf(' ') + 1) : header;
                if (token)
                    return { token, via: 'bearer' };
            }
            const apiKey = req.headers['x-api-key'];
            if (typeof apiKey === 'string' && apiKey)
                return { token: apiKey, via: 'x-api-key' };
        }
        if (source !== 'header') {
            const cookie = req.cookies?.token;
            if (cookie)
                return { token: cookie, via: 'cookie' };
        }
        return null;
    }
    /** Resolves a credential or throws 401 with the contract's texts. */
    async authenticate(credential, trustedEmail) {
        if (!credential)
            throw unauthorized(MESSAGES.NOT_AUTHENTICATED);
        const context = credential.token.startsWith(API_KEY_PREFIX)
            ? await this.fromApiKey(credential.token)
            : await this.fromJwt(credential.token);
        if (trustedEmail && this.config.auth.trustedEmailHeader && trustedEmail.toLowerCase() !== context.user.email) {
            throw unauthorized('User mismatch. Please sign in again.');
        }
        await this.users.touchLastActive(context.user.id, nowSeconds(), ACTIVITY_GRANULARITY);
        return context;
    }
    /** Like authenticate, but an absent or bad credential means "anonymous" (GET /api/config). */
    async tryAuthenticate(credential) {
        if (!credential)
            return null;
        try {
            return await this.authenticate(credential);
        }
        catch (error) {
            if (error instanceof Error && 'kind' in error && error.kind === 'unauthorized')
                return null;
            throw error;
        }
    }
    async fromJwt(token) {
        const claims = await this.tokens.verify(token);
        if (!claims)
            throw unauthorized(MESSAGES.UNAUTHORIZED);
        const user = await this.users.findById(claims.id);
        if (!user)
            throw unauthorized(MESSAGES.INVALID_TOKEN);
        return { user, token, expiresAt: claims.exp ?? null };
    }
    async fromApiKey(secret) {
        const key = await this.apiKeys.resolve(secret);
        const user = key ? await this.users.findById(key.user_id) : null;
        if (!key || !user)
            throw unauthorized(MESSAGES.INVALID_TOKEN);
        return { user, token: secret, expiresAt: null, apiKey: { id: key.id, scopes: key.scopes } };
    }
};
Authenticator = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object, TokenService,
        ApiKeysService,
        UsersRepository])
], Authenticator);
export { Authenticator };
//# sourceMappingURL=authenticator.service.js.map