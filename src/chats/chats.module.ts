import { Module } from '@nestjs/common';
import { FoldersRepository } from '../folders/folders.repository.js';
import { UsersModule } from '../users/users.module.js';
import { ChatAccess } from './chat-access.service.js';
import { ChatActionsService } from './chat-actions.service.js';
import { ChatsController } from './chats.controller.js';
import { ChatsRepository } from './chats.repository.js';
import { ChatsService } from './chats.service.js';
import { TagsRepository } from './tags.repository.js';
import { UserDataCleanup } from './user-data-cleanup.js';

@Module({
  imports: [UsersModule],
  controllers: [ChatsController],
  providers: [
    ChatsRepository,
    TagsRepository,
    FoldersRepository,
    ChatAccess,
    ChatsService,
    ChatActionsService,
    UserDataCleanup,
  ],
  exports: [ChatsRepository, TagsRepository, FoldersRepository, ChatAccess],
})
export class ChatsModule {}
