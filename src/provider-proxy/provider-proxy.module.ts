import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module.js';
import { ConnectionsController } from './connections.controller.js';
import { ProviderProxyController } from './provider-proxy.controller.js';
import { ProviderProxyService } from './provider-proxy.service.js';
import { ProvidersModule } from '../providers/providers.module.js';

/**
 * The provider routes (`/openai/*`, `/ollama/*`, connection settings): above ModelsModule, because
 * they list and resolve models with their access rules, while ModelsModule builds on ProvidersModule.
 */
@Module({
  imports: [ProvidersModule, ModelsModule],
  controllers: [ConnectionsController, ProviderProxyController],
  providers: [ProviderProxyService],
})
export class ProviderProxyModule {}
