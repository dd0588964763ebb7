import { Module } from '@nestjs/common';
import { ApiKeysRepository } from '../auth/api-keys.repository.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { PasswordService } from '../auth/password.service.js';
import { GroupsController } from '../groups/groups.controller.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { GroupsService } from '../groups/groups.service.js';
import { MembershipCache } from '../permissions/membership-cache.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { UserCache } from './user-cache.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Identity data: users, groups, permissions and the keys and passwords that belong to users. */
@Module({
  controllers: [UsersController, GroupsController],
  providers: [
    UsersRepository,
    UserCache,
    UsersService,
    GroupsRepository,
    GroupsService,
    PermissionsService,
    MembershipCache,
    PasswordService,
    ApiKeysRepository,
    ApiKeysService,
  ],
  exports: [UsersService, UsersRepository, GroupsRepository, PermissionsService, PasswordService, ApiKeysService],
})
export class UsersModule {}
