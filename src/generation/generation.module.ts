import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { ModelsModule } from '../models/models.module.js';
import { UsersModule } from '../users/users.module.js';
import { ChatGenerationJobs } from './chat-generation.jobs.js';
import { GenerationController } from './generation.controller.js';
import { GenerationService } from './generation.service.js';

@Module({
  imports: [ChatsModule, ModelsModule, UsersModule],
  controllers: [GenerationController],
  providers: [GenerationService, ChatGenerationJobs],
})
export class GenerationModule {}
