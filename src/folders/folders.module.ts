import { Module } from '@nestjs/common';
import { FoldersController } from './folders.controller.js';
import { FoldersRepository } from './folders.repository.js';
import { FoldersService } from './folders.service.js';

/**
 * Chat folders. Below ChatsModule: chats read folders (search, folder views), and a folder delete
 * reaches the chats through the FoldersDeleting event, not an import.
 */
@Module({
  controllers: [FoldersController],
  providers: [FoldersRepository, FoldersService],
  exports: [FoldersService],
})
export class FoldersModule {}
