import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { ChatsRepository } from './chats.repository.js';

/** When a user is deleted, their chats (with share snapshots) go too; FoldersService removes their folders. */
@Injectable()
export class UserDataCleanup {
  constructor(private readonly chats: ChatsRepository) {}

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.chats.delete(await this.chats.idsOfUser(userId));
  }
}
