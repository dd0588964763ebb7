import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { BaseModelsService } from './base-models.service.js';
import { ConnectionsService } from './connections.service.js';

/** Provider connections (OpenAI-compatible and Ollama) and the models they offer. */
@Module({
  imports: [SettingsModule],
  providers: [ConnectionsService, BaseModelsService],
  exports: [ConnectionsService, BaseModelsService],
})
export class ProvidersModule {}
