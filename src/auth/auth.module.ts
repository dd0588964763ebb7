import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GroupsModule } from '../groups/groups.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from '../access/access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AuthenticatorService } from './authenticator.service.js';
import { RequestAuthenticator } from '../access/request-authenticator.js';
import { RequestAuthenticatorService } from './request-authenticator.service.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { SessionCookie } from './session-cookie.js';
import { SigninRateLimiter } from './signin-rate-limiter.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [SettingsModule, UsersModule, GroupsModule, PermissionsModule, CredentialsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    SessionCookie,
    SigninRateLimiter,
    AuthenticatorService,
    { provide: RequestAuthenticator, useClass: RequestAuthenticatorService },
    // Every route passes through the access guard; routes without a rule are refused.
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthenticatorService, TokenService],
})
export class AuthModule {}
