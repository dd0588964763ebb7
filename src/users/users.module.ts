import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { ChatsModule } from '../chats/chats.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UserCache } from './user-cache.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Accounts: users and their credentials, profiles and settings. */
@Module({
  imports: [SettingsModule, GroupsModule, PermissionsModule, CredentialsModule, PresenceModule, ChatsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UserCache, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
