import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent } from '../../src/events/domain-events.js';
import type { Reachable, TestApp } from './app.js';
import type { HttpResponse } from './http.js';
import { eventually } from './sockets.js';

/** A chat with an empty history, as the web app creates one before its first answer; throws unless 200. */
export async function emptyChat(app: Reachable, token: string, title = 'New Chat'): Promise<string> {
  const created = await app.http.post(
    '/api/v1/chats/new',
    { chat: { title, history: { messages: {}, currentId: null } } },
    { token },
  );
  if (created.status !== 200) throw new Error(`new chat failed: ${created.status} ${created.text}`);
  return created.body.id as string;
}

/**
 * POST /api/chat/completions in socket mode (chat_id + id + session_id): the answer comes at once
 * with a task id, the reply goes out as events. `body` adds to or replaces the defaults (model
 * `gpt-test`, one user message "Hi").
 */
export function startSocketCompletion(
  app: Reachable,
  token: string,
  chatId: string,
  messageId: string,
  body: Record<string, unknown> = {},
): Promise<HttpResponse> {
  return app.http.post(
    '/api/chat/completions',
    {
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
      chat_id: chatId,
      id: messageId,
      session_id: 's',
      ...body,
    },
    { token },
  );
}

/** One `events` message for a user's tabs, as the app emits it in-process (`data.data` read loosely). */
export interface ChatEvent {
  userId: string;
  chatId: string;
  messageId: string;
  data: { type: string; data: any };
}

/**
 * Records the chat events of an in-process app (what its socket gateway sends as `events`) until
 * `stop`. `seen` polls every 5 ms, so a test reacts to an event within a few ms of it.
 */
export function recordChatEvents(app: TestApp) {
  const events: ChatEvent[] = [];
  const emitter = app.nest.get(EventEmitter2);
  const listener = (event: ChatEvent) => events.push(event);
  emitter.on(DomainEvent.ChatCompletionEvent, listener);
  return {
    events,
    /** Whether an event matching `accept` has arrived, waiting up to `timeoutMs` for one. */
    seen: (accept: (event: ChatEvent) => boolean, timeoutMs = 3000) =>
      eventually(() => events.some(accept), timeoutMs, 5),
    stop: () => {
      emitter.off(DomainEvent.ChatCompletionEvent, listener);
    },
  };
}
