import assert from 'node:assert/strict';
import type { Reachable } from './app.js';
import { emptyChat, startSocketCompletion } from './completions.js';
import type { MockProvider } from './mock-provider.js';
import { eventually, nextEvent, openSocket, record, sleep } from './sockets.js';

/** An `events` message of a completion, as a tab receives it. */
interface Envelope {
  chat_id: string;
  message_id: string;
  data: { type: string; data: { content?: string; done?: boolean; choices?: { delta?: { content?: string } }[] } };
}

const deltaOf = (event: Envelope) => event.data.data.choices?.[0]?.delta?.content ?? '';

/** What a tab shows from the events it got, as the web app builds it: deltas appended, `content` replacing. */
function shownText(events: Envelope[]): string {
  let text = '';
  for (const event of events) {
    if (event.data.type !== 'chat:completion') continue;
    if (typeof event.data.data.content === 'string') text = event.data.data.content;
    else text += deltaOf(event);
  }
  return text;
}

/**
 * A tab's socket drops while an answer streams and a new one connects (through `app`, which may be a proxy in
 * front of several instances): the new socket gets the text so far, so built as the web app builds it, its
 * text has no gap. `openai` serves `gpt-test` to the app, which `token`'s user may use.
 */
export async function assertReconnectCatchesUp(app: Reachable & { url: string }, openai: MockProvider, token: string) {
  const words = Array.from({ length: 60 }, (_, i) => `w${i} `);
  openai.script('gpt-test', { chunks: words, chunkDelayMs: 30 });
  const chatId = await emptyChat(app, token);
  const first = await openSocket(app.url, token);
  const seenFirst = record<Envelope>(first, 'events');
  await startSocketCompletion(app, token, chatId, 'answer');
  assert.ok(await eventually(() => Promise.resolve(seenFirst.filter(deltaOf).length >= 3), 10_000, 10));
  first.close(); // the connection drops; pieces sent now never reach this tab
  await sleep(300);

  let seenSecond: Envelope[] = [];
  const second = await openSocket(app.url, token, (socket) => {
    seenSecond = record<Envelope>(socket, 'events');
  });
  try {
    const done = nextEvent<Envelope>(
      second,
      'events',
      (event) => event.chat_id === chatId && event.data.data.done === true,
    );
    const final = (await done).data.data.content!;
    assert.equal(final, words.join(''));
    const catchUp = seenSecond.find((event) => typeof event.data.data.content === 'string' && !event.data.data.done);
    assert.ok(catchUp, 'the reconnected tab got the text so far');
    assert.ok(catchUp.data.data.content!.length > shownText(seenFirst).length, 'it holds what was missed');
    // Built as the web app does, the tab's text has no gap, before and after the final event.
    assert.equal(shownText(seenSecond.filter((event) => !event.data.data.done)), final);
  } finally {
    second.close();
  }
}
