import { Module } from '@nestjs/common';
import { FoldersModule } from '../folders/folders.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { ChatAccess } from './chat-access.service.js';
import { ChatActionsService } from './chat-actions.service.js';
import { ChatsController } from './chats.controller.js';
import { ChatsRepository } from './chats.repository.js';
import { ChatsService } from './chats.service.js';
import { TagsRepository } from './tags.repository.js';
import { UserDataCleanup } from './user-data-cleanup.js';

@Module({
  imports: [FoldersModule, PermissionsModule],
  controllers: [ChatsController],
  providers: [ChatsRepository, TagsRepository, ChatAccess, ChatsService, ChatActionsService, UserDataCleanup],
  exports: [ChatsService, ChatAccess],
})
export class ChatsModule {}
