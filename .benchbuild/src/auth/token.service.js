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
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { InjectConfig } from '../config/config.module.js';
import { parseDuration } from '../config/env-parsers.js';
import { KeyValueStore } from '../kv/key-value.store.js';
/** HS256 session tokens with Open WebUI's claims ({id, exp, jti}); only HS256 is ever accepted. */
let TokenService = class TokenService {
    constructor(config, store) {
        this.store = store;
        this.secret = new TextEncoder().encode(config.secretKey);
    }
    /** `lifetime` is a JWT_EXPIRES_IN value ("4w", "-1"); null/-1 mean no expiry. */
    async issue(userId, lifetime) {
        const seconds = lifetime === null ? null : parseDuration(lifetime);
        const expiresAt = seconds ? Math.floor(Date.now() / 1000 + seconds) : null;
        const jwt = new SignJWT({ id: userId }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setJti(randomUUID());
        if (expiresAt !== null)
            jwt.setExpirationTime(expiresAt);
        return { token: await jwt.sign(this.secret), expiresAt };
    }
    /** Returns the claims, or null when the token is malformed, forged, expired or revoked. */
    async verify(token) {
        let claims;
        try {
            const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
            claims = payload;
        }
        catch (error) {
            if (error instanceof joseErrors.JOSEError)
                return null;
            throw error;
        }
        if (typeof claims.id !== 'string' || claims.id === '')
            return null;
        if (claims.jti && (await this.store.get(revokedKey(claims.jti))))
            return null;
        return claims;
    }
    /** Signs a token out for the rest of its life (until `exp`; a week for non-expiring ones). */
    async revoke(claims) {
        if (!claims.jti)
            return;
        const ttl = claims.exp ? claims.exp - Math.floor(Date.now() / 1000) : 7 * 86400;
        if (ttl > 0)
            await this.store.set(revokedKey(claims.jti), '1', ttl);
    }
};
TokenService = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object, KeyValueStore])
], TokenService);
export { TokenService };
const revokedKey = (jti) => `auth:token:${jti}:revoked`;
//# sourceMappingURL=token.service.js.map