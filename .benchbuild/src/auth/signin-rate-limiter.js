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
import { AppError, MESSAGES } from '../common/errors.js';
import { KeyValueStore } from '../kv/key-value.store.js';
/**
 * Counts failed sign-ins per email and per client IP in a fixed window (shared through Redis when
 * configured). Upstream has no limiter; without one a password can be guessed at bcrypt speed.
 */
let SigninRateLimiter = class SigninRateLimiter {
    constructor(config, store) {
        this.config = config;
        this.store = store;
    }
    keys(email, ip) {
        return [
            { key: `ratelimit:signin:email:${email.toLowerCase()}`, limit: this.config.auth.signinRateLimit.perEmail },
            { key: `ratelimit:signin:ip:${ip}`, limit: this.config.auth.signinRateLimit.perIp },
        ].filter((entry) => entry.limit > 0);
    }
    /** Throws 429 (with Retry-After) when either counter is used up. */
    async assertAllowed(email, ip) {
        for (const { key, limit } of this.keys(email, ip)) {
            const count = Number((await this.store.get(key)) ?? 0);
            if (count >= limit) {
                const retryAfter = Math.max(1, await this.store.ttl(key));
                throw new AppError('too_many_requests', MESSAGES.TOO_MANY_SIGNIN_ATTEMPTS, {
                    'Retry-After': String(retryAfter),
                });
            }
        }
    }
    async recordFailure(email, ip) {
        const window = this.config.auth.signinRateLimit.windowSeconds;
        await Promise.all(this.keys(email, ip).map(({ key }) => this.store.increment(key, window)));
    }
};
SigninRateLimiter = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object, KeyValueStore])
], SigninRateLimiter);
export { SigninRateLimiter };
//# sourceMappingURL=signin-rate-limiter.js.map