import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { emptyChat, startSocketCompletion } from './support/completions.js';
import { signup, type TestUser } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';
import { eventually, nextEvent, openSocket, record, sleep } from './support/sockets.js';

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

describe('a tab that reconnects mid-answer catches up', () => {
  let providers: Providers;
  let app: TestApp;
  let admin: TestUser;

  before(async () => {
    providers = await startProviders();
    app = await startApp(providers.env);
    admin = await signup(app, { name: 'Admin' });
    await publishModel(app, admin.token, 'gpt-test');
  });
  after(async () => {
    await app?.close();
    await providers?.close();
  });

  it('sends the text so far to a socket that joins while the answer streams, so no piece is missing', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i} `);
    providers.openai.script('gpt-test', { chunks: words, chunkDelayMs: 30 });
    const chatId = await emptyChat(app, admin.token);
    const first = await openSocket(app.url, admin.token);
    const seenFirst = record<Envelope>(first, 'events');
    await startSocketCompletion(app, admin.token, chatId, 'answer');
    assert.ok(await eventually(() => Promise.resolve(seenFirst.filter(deltaOf).length >= 3), 10_000, 10));
    first.close(); // the connection drops; pieces sent now never reach this tab
    await sleep(300);

    let seenSecond: Envelope[] = [];
    const second = await openSocket(app.url, admin.token, (socket) => {
      seenSecond = record<Envelope>(socket, 'events');
    });
    try {
      const done = nextEvent<Envelope>(second, 'events', (event) => event.data.data.done === true);
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
  });
});
