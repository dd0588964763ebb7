import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { MemoriesModule } from '../memories/memories.module.js';
import { ModelsModule } from '../models/models.module.js';
import { taskRegistryProvider } from '../tasks/task-registry.provider.js';
import { TasksController } from '../tasks/tasks.controller.js';
import { TasksService } from '../tasks/tasks.service.js';
import { BackgroundCompletions } from './background-completions.js';
import { CompletionsController } from './completions.controller.js';
import { CompletionsService } from './completions.service.js';

@Module({
  imports: [ChatsModule, ModelsModule, MemoriesModule],
  controllers: [CompletionsController, TasksController],
  providers: [CompletionsService, BackgroundCompletions, taskRegistryProvider, TasksService],
})
export class CompletionsModule {}
