import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { BaseModelsService } from './base-models.service.js';
import { ConnectionsService } from './connections.service.js';
import { ProviderClient } from './provider-client.js';

/** Provider connections (OpenAI-compatible and Ollama), the models they offer, and the one client that calls them. */
@Module({
  imports: [SettingsModule],
  providers: [ConnectionsService, BaseModelsService, ProviderClient],
  exports: [ConnectionsService, BaseModelsService, ProviderClient],
})
export class ProvidersModule {}
