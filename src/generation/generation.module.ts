import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { ModelsModule } from '../models/models.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { ChatGenerationJobs } from './chat-generation.jobs.js';
import { GenerationController } from './generation.controller.js';
import { GenerationService } from './generation.service.js';

@Module({
  imports: [ChatsModule, ModelsModule, ProvidersModule, UsersModule, JobsModule, SettingsModule],
  controllers: [GenerationController],
  providers: [GenerationService, ChatGenerationJobs],
  exports: [GenerationService],
})
export class GenerationModule {}
