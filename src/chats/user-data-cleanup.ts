import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { FolderEntity } from '../folders/folder.entity.js';
import { ChatsRepository } from './chats.repository.js';

/** When a user is deleted, their chats (with share snapshots) and folders go too. */
@Injectable()
export class UserDataCleanup {
  constructor(private readonly chats: ChatsRepository) {}

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    const own = await this.chats
      .query()
      .select(['c.id', 'c.user_id'])
      .where('c.user_id = :userId', { userId })
      .getMany();
    await this.chats.delete(own);
    await this.chats.transaction((manager) => manager.getRepository(FolderEntity).delete({ user_id: userId }));
  }
}
