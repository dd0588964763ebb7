import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { FoldersService } from '../folders/folders.service.js';
import { ChatsRepository } from './chats.repository.js';

/** When a user is deleted, their chats (with share snapshots) and folders go too. */
@Injectable()
export class UserDataCleanup {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly folders: FoldersService,
  ) {}

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.chats.delete(await this.chats.idsOfUser(userId));
    await this.folders.deleteAllOfUser(userId);
  }
}
