import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { taskRegistryProvider } from './task-registry.provider.js';
import { TaskRegistry } from './task-registry.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/** Running completions as tasks: listed per chat, stopped from any instance. */
@Module({
  imports: [ChatsModule],
  controllers: [TasksController],
  providers: [taskRegistryProvider, TasksService],
  exports: [TaskRegistry],
})
export class TasksModule {}
