import { Module } from '@nestjs/common';
import { BaseModelsService } from '../providers/base-models.service.js';
import { ConnectionsController } from '../providers/connections.controller.js';
import { ConnectionsService } from '../providers/connections.service.js';
import { ProviderProxyController } from '../providers/provider-proxy.controller.js';
import { ProviderProxyService } from '../providers/provider-proxy.service.js';
import { UsersModule } from '../users/users.module.js';
import { CustomModelsService } from './custom-models.service.js';
import { CustomModelsController, ModelsController } from './models.controller.js';
import { ModelsRepository } from './models.repository.js';
import { ModelsService } from './models.service.js';

/** Provider connections, the models they offer, and the custom model rows layered on them. */
@Module({
  imports: [UsersModule],
  controllers: [ModelsController, CustomModelsController, ConnectionsController, ProviderProxyController],
  providers: [
    ModelsRepository,
    ConnectionsService,
    BaseModelsService,
    ModelsService,
    CustomModelsService,
    ProviderProxyService,
  ],
  exports: [ConnectionsService, ModelsService],
})
export class ModelsModule {}
