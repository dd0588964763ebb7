import { Injectable } from '@nestjs/common';
import { DomainEvent } from './domain-events.js';
import { EventBus } from './event-bus.js';

export interface ChatEventTarget {
  userId: string;
  chatId: string;
  messageId: string;
}

/**
 * Announces an `events` message (the socket event the web app listens to) for the user's tabs.
 * Services call this; the realtime gateway listens to the domain event and forwards it to the
 * user's room.
 */
@Injectable()
export class ChatEvents {
  constructor(private readonly events: EventBus) {}

  emit(target: ChatEventTarget, type: string, data: unknown): void {
    this.events.emit(DomainEvent.ChatCompletionEvent, {
      userId: target.userId,
      chatId: target.chatId,
      messageId: target.messageId,
      data: { type, data },
    });
  }
}
