import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AuthenticatorService } from './authenticator.service.js';
import { RequestAuthenticator } from '../access/request-authenticator.js';
import { RequestAuthenticatorService } from './request-authenticator.service.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { OAuthSignoutModule } from '../oauth/oauth-signout.module.js';
import { SessionCookie } from './session-cookie.js';
import { SigninAdmission } from './signin-admission.js';
import { SigninRateLimiter } from './signin-rate-limiter.js';
import { SessionIssuer } from './session-issuer.service.js';
import { ApiKeyStrategy } from './strategies/api-key.strategy.js';
import { SessionJwtStrategy } from './strategies/session-jwt.strategy.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [SettingsModule, UsersModule, GroupsModule, PermissionsModule, CredentialsModule, OAuthSignoutModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    SessionCookie,
    SigninRateLimiter,
    SigninAdmission,
    SessionIssuer,
    SessionJwtStrategy,
    ApiKeyStrategy,
    AuthenticatorService,
    // What the global AccessGuard (registered in AppModule) asks to authenticate a request.
    { provide: RequestAuthenticator, useClass: RequestAuthenticatorService },
  ],
  exports: [
    AuthenticatorService,
    TokenService,
    RequestAuthenticator,
    SessionIssuer,
    SessionCookie,
    SigninRateLimiter,
    SigninAdmission,
  ],
})
export class AuthModule {}
