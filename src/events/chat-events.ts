import { Injectable } from '@nestjs/common';
import { DomainEvent } from './domain-events.js';
import { EventBus } from './event-bus.js';

export interface ChatEventTarget {
  userId: string;
  chatId: string;
  messageId: string;
}

/** The `events` messages the server sends, by type, with the `data` the web app reads for each. */
export interface ChatEventData {
  'chat:completion': Record<string, unknown>;
  'chat:message:error': { error: { content: string } };
  'chat:tasks:cancel': Record<string, never>;
  'chat:title': string;
  'chat:tags': string[];
  'chat:message:follow_ups': { follow_ups: string[] };
  /** What the server is doing before the answer (web search): shown above it, kept in `statusHistory`. */
  status: Record<string, unknown>;
}

/**
 * Announces an `events` message (the socket event the web app listens to) for the user's tabs.
 * Services call this; the realtime gateway listens to the domain event and forwards it to the
 * user's room.
 */
@Injectable()
export class ChatEvents {
  constructor(private readonly events: EventBus) {}

  emit<T extends keyof ChatEventData>(target: ChatEventTarget, type: T, data: ChatEventData[T]): void {
    this.events.emit(DomainEvent.ChatCompletionEvent, {
      userId: target.userId,
      chatId: target.chatId,
      messageId: target.messageId,
      data: { type, data },
    });
  }
}
