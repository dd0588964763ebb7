import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { PermissionsService } from './permissions.service.js';

/** Effective feature permissions: the admin's defaults merged with the user's groups. */
@Module({
  imports: [SettingsModule, GroupsModule],
  providers: [PermissionsService],
  exports: [PermissionsService],
})
export class PermissionsModule {}
