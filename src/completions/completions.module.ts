import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { ModelsModule } from '../models/models.module.js';
import { TaskRegistry } from '../tasks/task-registry.js';
import { TasksController } from '../tasks/tasks.controller.js';
import { TasksService } from '../tasks/tasks.service.js';
import { BackgroundCompletions } from './background-completions.js';
import { CompletionsController } from './completions.controller.js';
import { CompletionsService } from './completions.service.js';

@Module({
  imports: [ChatsModule, ModelsModule],
  controllers: [CompletionsController, TasksController],
  providers: [CompletionsService, BackgroundCompletions, TaskRegistry, TasksService],
})
export class CompletionsModule {}
