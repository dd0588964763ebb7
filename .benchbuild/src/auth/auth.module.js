var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { Authenticator } from './authenticator.service.js';
import { SessionCookie } from './session-cookie.js';
import { SigninRateLimiter } from './signin-rate-limiter.js';
import { TokenService } from './token.service.js';
let AuthModule = class AuthModule {
};
AuthModule = __decorate([
    Module({
        imports: [UsersModule],
        controllers: [AuthController],
        providers: [
            AuthService,
            TokenService,
            SessionCookie,
            SigninRateLimiter,
            Authenticator,
            // Every route passes through the access guard; routes without a rule are refused.
            { provide: APP_GUARD, useClass: AccessGuard },
        ],
        exports: [Authenticator, TokenService],
    })
], AuthModule);
export { AuthModule };
//# sourceMappingURL=auth.module.js.map