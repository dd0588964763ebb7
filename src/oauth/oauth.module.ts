import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { LoginStateStore } from './login-state.store.js';
import { OAuthAccountsService } from './oauth-accounts.service.js';
import { OAuthController } from './oauth.controller.js';
import { OAuthLoginService } from './oauth-login.service.js';
import { OAuthSignoutModule } from './oauth-signout.module.js';

/** Single sign-on: OpenID Connect and GitHub OAuth through Passport strategies (see oauth-login.service.ts). */
@Module({
  imports: [AuthModule, OAuthSignoutModule, UsersModule, GroupsModule, SettingsModule, CredentialsModule],
  controllers: [OAuthController],
  providers: [OAuthLoginService, OAuthAccountsService, LoginStateStore],
})
export class OAuthModule {}
