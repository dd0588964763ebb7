import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ChatsService } from '../chats/chats.service.js';
import { errorText } from '../common/errors.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { ChatEvents } from '../events/chat-events.js';
import { PubSub } from '../kv/pub-sub.js';
import { BackgroundCompletions, type Target } from './background-completions.js';

/** A socket of this user joined somewhere: every instance streaming one of their answers resends it. */
const CATCH_UP_CHANNEL = 'completions:catch-up';

export const INTERRUPTED_ANSWER = 'The server generating this answer stopped, so the answer is incomplete.';

/**
 * What keeps an answer whole when sockets or instances come and go:
 * - a tab that (re)connects mid-answer gets the text so far (the web app replaces the message's
 *   text with a `content` event), so deltas sent while it was away leave no gap;
 * - an answer whose instance died (its task entry claimed as orphaned) is finished with the text
 *   saved so far and an error, and the user's tabs are told, so they stop waiting.
 */
@Injectable()
export class AnswerRecovery implements OnModuleInit {
  private readonly logger = new Logger(AnswerRecovery.name);

  constructor(
    private readonly completions: BackgroundCompletions,
    private readonly chats: ChatsService,
    private readonly chatEvents: ChatEvents,
    private readonly pubSub: PubSub,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(CATCH_UP_CHANNEL, (userId) => this.resend(userId));
  }

  @OnEvent(DomainEvent.UserSocketJoined)
  async socketJoined({ userId }: DomainEventPayloads[typeof DomainEvent.UserSocketJoined]): Promise<void> {
    try {
      await this.pubSub.publish(CATCH_UP_CHANNEL, userId);
    } catch (error) {
      this.logger.warn(`catch-up request failed: ${errorText(error)}`);
    }
  }

  @OnEvent(DomainEvent.TaskOrphaned)
  async finishOrphan({ ownerId, chatId, messageId }: DomainEventPayloads[typeof DomainEvent.TaskOrphaned]) {
    if (!chatId || !messageId) return;
    const target: Target = { userId: ownerId, chatId, messageId, persist: !chatId.startsWith('local:') };
    const error = { content: INTERRUPTED_ANSWER };
    try {
      let content = '';
      if (target.persist) {
        await this.completions.store(target, { done: true, error });
        const saved: unknown = (await this.chats.message(chatId, messageId))?.content;
        content = typeof saved === 'string' ? saved : '';
      }
      this.chatEvents.emit(target, 'chat:completion', {
        done: true,
        content,
        title: await this.completions.title(target),
      });
      this.chatEvents.emit(target, 'chat:message:error', { error });
    } catch (failure) {
      this.logger.warn(`finishing an orphaned answer failed: ${errorText(failure)}`);
    }
  }

  private resend(userId: string): void {
    for (const { target, text } of this.completions.inProgress(userId)) {
      if (text) this.chatEvents.emit(target, 'chat:completion', { content: text });
    }
  }
}
