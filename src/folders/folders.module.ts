import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module.js';
import { FoldersController } from './folders.controller.js';
import { FoldersService } from './folders.service.js';

@Module({
  imports: [ChatsModule],
  controllers: [FoldersController],
  providers: [FoldersService],
})
export class FoldersModule {}
