import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { LdapController } from './ldap.controller.js';
import { LdapDirectory } from './ldap-directory.js';
import { LdapSigninService } from './ldap-signin.service.js';

/** Sign-in against an LDAP directory (`POST /api/v1/auths/ldap`); its settings live in the settings domain. */
@Module({
  imports: [AuthModule, SettingsModule, UsersModule, GroupsModule, CredentialsModule],
  controllers: [LdapController],
  providers: [LdapSigninService, LdapDirectory],
})
export class LdapModule {}
