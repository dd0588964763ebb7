import { Module } from '@nestjs/common';
import { FoldersModule } from '../folders/folders.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { ChatAccessService } from './chat-access.service.js';
import { ChatActionsService } from './chat-actions.service.js';
import { ChatsController } from './chats.controller.js';
import { ChatsRepository } from './chats.repository.js';
import { ChatsService } from './chats.service.js';
import { TagsRepository } from './tags.repository.js';
import { UserDataCleanup } from './user-data-cleanup.js';

@Module({
  imports: [FoldersModule, PermissionsModule],
  controllers: [ChatsController],
  providers: [ChatsRepository, TagsRepository, ChatAccessService, ChatsService, ChatActionsService, UserDataCleanup],
  exports: [ChatsService, ChatAccessService],
})
export class ChatsModule {}
