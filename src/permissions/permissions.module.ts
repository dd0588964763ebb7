import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { PermissionsService } from './permissions.service.js';
import { ResourceAccess } from './resource-access.service.js';

/**
 * Effective feature permissions (the admin's defaults merged with the user's groups), and the
 * resource ACL checks built on them.
 */
@Module({
  imports: [SettingsModule, GroupsModule],
  providers: [PermissionsService, ResourceAccess],
  exports: [PermissionsService, ResourceAccess],
})
export class PermissionsModule {}
