import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { CustomModelsService } from './custom-models.service.js';
import { CustomModelsController, ModelsController } from './models.controller.js';
import { ModelsRepository } from './models.repository.js';
import { ModelsService } from './models.service.js';

/** The models users see: provider models, with the custom rows (presets, overrides) layered on them. */
@Module({
  imports: [ProvidersModule, GroupsModule, PermissionsModule, UsersModule, SettingsModule],
  controllers: [ModelsController, CustomModelsController],
  providers: [ModelsRepository, ModelsService, CustomModelsService],
  exports: [ModelsService],
})
export class ModelsModule {}
