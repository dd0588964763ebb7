import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { type TestApp, withApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { startWithProviders } from './support/fixture.js';
import { createApiKey, enableApiKeys, seedUsers } from './support/factories.js';
import { contentOf, sseData, type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';

const user = (content: string) => [{ role: 'user', content }];

describe('chat completions', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  let close: () => Promise<void>;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders({ publish: ['gpt-test', 'llama3:8b'] }));
  });
  after(() => close());

  it('streams an OpenAI answer through as SSE, chunk by chunk', async () => {
    providers.openai.script('gpt-test', { chunks: ['Hel', 'lo ', 'world'] });
    const response = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi'), stream: true, params: { temperature: 0.3 } },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = sseData(response.text);
    assert.equal(contentOf(events), 'Hello world');
    assert.equal(events.at(-1), '[DONE]');
    const sent = providers.openai.requests.at(-1)!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer sk-upstream-test-key');
    assert.deepEqual((sent.body as any).messages, user('Hi'));
    assert.equal((sent.body as any).temperature, 0.3);
    assert.equal((sent.body as any).stream, true);
  });

  it('sends the headers before a slow first token and each token as it arrives, a burst intact', async () => {
    providers.openai.script('gpt-test', {
      chunks: ['one ', 'two ', 'three'],
      firstChunkDelayMs: 500,
      chunkDelayMs: 150,
    });
    const started = Date.now();
    const response = await fetch(`${app.url}/api/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cast.user.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: user('Hi'), stream: true }),
    });
    const headersAt = Date.now() - started;
    assert.ok(headersAt < 400, `headers after ${headersAt} ms, before the first token (sent at 500)`);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const firstAt = Date.now() - started;
    assert.ok(firstAt >= 490, `first token after ${firstAt} ms (sent at 500)`);
    // Streamed, not held back: the first read has the first token and not yet the last (sent 300 ms later).
    assert.match(first, /"content":"one "/);
    assert.doesNotMatch(first, /"content":"three"/);
    let rest = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      rest += new TextDecoder().decode(read.value);
    }
    assert.match(rest, /"content":"three"/);

    // Tokens sent back to back reach us in one socket read and leave as one write: same bytes, in order.
    const burst = Array.from({ length: 300 }, (_, i) => `t${i} `);
    providers.openai.script('gpt-test', { chunks: burst });
    const whole = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi'), stream: true },
      { token: cast.user.token },
    );
    const events = sseData(whole.text);
    assert.equal(contentOf(events), burst.join(''));
    assert.equal(events.at(-1), '[DONE]');
  });

  it('translates Ollama NDJSON into OpenAI chunks, streamed and whole', async () => {
    providers.ollama.script('llama3:8b', { chunks: ['Ol', 'la', 'ma'] });
    const streamed = await app.http.post(
      '/api/chat/completions',
      { model: 'llama3:8b', messages: user('Hi'), stream: true },
      { token: cast.user.token },
    );
    const events = sseData(streamed.text);
    assert.equal(contentOf(events), 'Ollama');
    assert.equal((events[0] as any).object, 'chat.completion.chunk');
    assert.equal((events.at(-2) as any).choices[0].finish_reason, 'stop');
    assert.equal(events.at(-1), '[DONE]');
    assert.equal(providers.ollama.requests.at(-1)!.path, '/api/chat');

    const whole = await app.http.post(
      '/api/chat/completions',
      { model: 'llama3:8b', messages: user('Hi'), stream: false },
      { token: cast.user.token },
    );
    assert.equal(whole.body.object, 'chat.completion');
    assert.equal(whole.body.choices[0].message.content, 'Ollama');
  });

  it('answers non-streaming requests with the provider’s JSON', async () => {
    providers.openai.script('gpt-test', { chunks: ['One ', 'piece'] });
    const response = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi'), stream: false },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.choices[0].message.content, 'One piece');
  });

  it('answers a whole chat.completion when stream is omitted, as OpenAI does', async () => {
    providers.openai.script('gpt-test', { chunks: ['Not ', 'streamed'] });
    const response = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi') },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(response.body.object, 'chat.completion');
    assert.equal(response.body.choices[0].message.content, 'Not streamed');
    assert.equal((providers.openai.requests.at(-1)!.body as any).stream, false);
  });

  it('applies a preset’s system prompt and routes to its base model', async () => {
    await app.http.post(
      '/api/v1/models/create',
      {
        id: 'terse',
        base_model_id: 'gpt-test',
        name: 'Terse',
        meta: {},
        params: { system: 'Be terse.', temperature: 0.1 },
        access_control: null,
      },
      { token: cast.admin.token },
    );
    providers.openai.script('gpt-test', { chunks: ['ok'] });
    const response = await app.http.post(
      '/api/chat/completions',
      { model: 'terse', messages: user('Hi'), stream: true },
      { token: cast.user.token },
    );
    assert.equal(contentOf(sseData(response.text)), 'ok');
    const sent = providers.openai.requests.at(-1)!.body as any;
    assert.equal(sent.model, 'gpt-test');
    assert.deepEqual(sent.messages[0], { role: 'system', content: 'Be terse.' });
    assert.equal(sent.temperature, 0.1);
  });

  it('adds the system prompt of the chat’s folder after the model’s', async () => {
    const folder = await app.http.post(
      '/api/v1/folders/',
      { name: 'Project', data: { system_prompt: 'Answer in French.' } },
      { token: cast.user.token },
    );
    const chat = await app.http.post(
      '/api/v1/chats/new',
      { chat: { title: 'In a project' }, folder_id: folder.body.id },
      { token: cast.user.token },
    );
    providers.openai.script('gpt-test', { chunks: ['Oui'] });
    await app.http.post(
      '/api/chat/completions',
      { model: 'terse', messages: user('Hi'), chat_id: chat.body.id },
      { token: cast.user.token },
    );
    const sent = providers.openai.requests.at(-1)!.body as any;
    assert.deepEqual(sent.messages[0], { role: 'system', content: 'Be terse.\n\nAnswer in French.' });
  });

  it('refuses unknown or hidden models and malformed bodies', async () => {
    const unknown = await app.http.post(
      '/api/chat/completions',
      { model: 'nope', messages: user('Hi') },
      { token: cast.user.token },
    );
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.detail, 'Model not found');
    await app.http.post(
      '/api/v1/models/create',
      { id: 'secret', base_model_id: 'gpt-test', name: 'Secret', meta: {}, params: {}, access_control: {} },
      { token: cast.admin.token },
    );
    const hidden = await app.http.post(
      '/api/chat/completions',
      { model: 'secret', messages: user('Hi') },
      { token: cast.user.token },
    );
    assert.equal(hidden.status, 400);
    const noMessages = await app.http.post('/api/chat/completions', { model: 'gpt-test' }, { token: cast.user.token });
    assert.equal(noMessages.status, 422);
    const foreignChat = await startSocketCompletion(app, cast.user.token, 'someone-elses', 'm');
    assert.equal(foreignChat.status, 400);
  });

  it('answers the arena model through a model it picks, announced first', async () => {
    // Tests run without the arena (it would join every model list); this instance has it.
    await withApp(
      () => app.peer({ ...providers.env, ENABLE_EVALUATION_ARENA_MODELS: 'true' }),
      async (arena) => {
        const listed = await arena.http.get('/api/models', { token: cast.admin.token });
        const candidates = (listed.body.data as { id: string; arena?: boolean }[]).filter((m) => !m.arena);
        const ids = new Set(candidates.map((m) => m.id));
        assert.ok(ids.size >= 2 && listed.body.data.some((m: { id: string }) => m.id === 'arena-model'));
        for (const id of ids) providers.openai.script(id, { chunks: ['Pick', 'ed'] });
        for (const id of ids) providers.ollama.script(id, { chunks: ['Pick', 'ed'] });
        const picks = new Set<string>();
        for (let i = 0; i < 12; i += 1) {
          const response = await arena.http.post(
            '/api/chat/completions',
            { model: 'arena-model', messages: user('Hi'), stream: true },
            { token: cast.admin.token },
          );
          assert.equal(response.status, 200);
          const events = sseData(response.text);
          const selected = (events[0] as { selected_model_id?: string }).selected_model_id ?? '';
          assert.ok(ids.has(selected), `first event: ${JSON.stringify(events[0])}`);
          assert.equal(contentOf(events.slice(1)), 'Picked');
          picks.add(selected);
        }
        // 12 fair draws from two or more models all landing on one: p <= 2 / 4096.
        assert.ok(picks.size >= 2);
        const whole = await arena.http.post(
          '/api/chat/completions',
          { model: 'arena-model', messages: user('Hi'), stream: false },
          { token: cast.admin.token },
        );
        assert.ok(ids.has(whole.body.selected_model_id), whole.text);
        // The arena is hidden from users until an admin grants it, as in Open WebUI.
        const hidden = await arena.http.post(
          '/api/chat/completions',
          { model: 'arena-model', messages: user('Hi') },
          { token: cast.user.token },
        );
        assert.equal(hidden.status, 400);
      },
    );
  });

  it('turns provider errors into {detail} with a fitting status', async () => {
    providers.openai.script('gpt-test', {
      chunks: [],
      failure: { kind: 'status', status: 400, body: { error: { message: 'context too long' } } },
    });
    const bad = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi') },
      { token: cast.user.token },
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.detail, 'context too long');
    providers.openai.script('gpt-test', { chunks: [], failure: { kind: 'status', status: 503 } });
    const down = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi') },
      { token: cast.user.token },
    );
    assert.equal(down.status, 502);
    assert.equal(typeof down.body.detail, 'string');
  });

  it('ends the stream with an error event when the provider dies mid-stream', async () => {
    providers.openai.script('gpt-test', {
      chunks: ['a', 'b', 'c', 'd'],
      chunkDelayMs: 5,
      failure: { kind: 'mid-stream', afterChunks: 2 },
    });
    const response = await app.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: user('Hi'), stream: true },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    const events = sseData(response.text);
    assert.equal(contentOf(events), 'ab');
    const error = events.find((event) => event !== '[DONE]' && event.error) as any;
    assert.match(error.error.message, /provider failed/);
    assert.equal(events.at(-1), '[DONE]');
  });

  it('aborts the provider request when the client disconnects', async () => {
    providers.openai.script('gpt-test', { chunks: Array.from({ length: 50 }, (_, i) => `${i} `), chunkDelayMs: 20 });
    const controller = new AbortController();
    const response = await fetch(`${app.url}/api/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cast.user.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: user('long please'), stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    const abortedAt = Date.now();
    controller.abort();
    let recorded;
    for (let i = 0; i < 50 && !recorded; i += 1) {
      recorded = providers.openai.aborted.find((entry) => entry.at >= abortedAt - 5);
      if (!recorded) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(recorded, 'the provider saw the request end');
    assert.ok(recorded.chunksSent < 50);
    assert.ok(recorded.at - abortedAt < 200, `upstream aborted ${recorded.at - abortedAt} ms after the client`);
  });

  it('echoes /api/chat/completed', async () => {
    const body = {
      model: 'gpt-test',
      messages: [{ id: 'a', role: 'assistant', content: 'x' }],
      chat_id: 'c',
      session_id: 's',
      id: 'a',
    };
    const response = await app.http.post('/api/chat/completed', body, { token: cast.user.token });
    assert.deepEqual(response.body, body);
  });

  describe('socket mode (chat_id + id + session_id)', () => {
    const newChat = () => emptyChat(app, cast.user.token, 'Socket chat');

    it('returns a task id at once, emits deltas then one final text, and stores the message', async () => {
      const chatId = await newChat();
      providers.openai.script('gpt-test', { chunks: ['Par', 'is ', 'is nice'], chunkDelayMs: 10 });
      const listener = recordChatEvents(app);
      const response = await startSocketCompletion(app, cast.user.token, chatId, 'assistant-1', {
        messages: user('Paris?'),
      });
      assert.equal(response.status, 200);
      assert.equal(response.body.status, true);
      assert.match(response.body.task_id, /^[0-9a-f-]{36}$/);
      assert.ok(await listener.seen((e) => e.data.data?.done === true));
      listener.stop();
      const completions = listener.events.filter((e) => e.data.type === 'chat:completion');
      assert.ok(
        completions.every((e) => e.userId === cast.user.id && e.chatId === chatId && e.messageId === 'assistant-1'),
      );
      const deltas = completions
        .filter((e) => e.data.data.choices)
        .map((e) => e.data.data.choices[0].delta.content ?? '');
      assert.equal(deltas.join(''), 'Paris is nice');
      assert.ok(
        completions.every((e) => !('content' in e.data.data) || e.data.data.done),
        'no event re-sends the text',
      );
      const final = completions.at(-1)!.data.data;
      assert.equal(final.content, 'Paris is nice');
      assert.equal(final.title, 'Socket chat');
      const stored = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
      const message = stored.body.chat.history.messages['assistant-1'];
      assert.equal(message.content, 'Paris is nice');
      assert.equal(message.model, 'gpt-test');
      assert.equal(message.done, true);
    });

    it('stops within 100 ms on request, keeping what was generated', async () => {
      const chatId = await newChat();
      providers.openai.script('gpt-test', {
        chunks: Array.from({ length: 100 }, (_, i) => `w${i} `),
        chunkDelayMs: 20,
      });
      const listener = recordChatEvents(app);
      const started = await startSocketCompletion(app, cast.user.token, chatId, 'assistant-2', {
        messages: user('go on'),
      });
      const taskId = started.body.task_id as string;
      assert.ok(
        await eventually(() => listener.events.filter((e) => e.data.type === 'chat:completion').length >= 3, 3000, 5),
      );
      assert.deepEqual((await app.http.get(`/api/tasks/chat/${chatId}`, { token: cast.user.token })).body, {
        task_ids: [taskId],
      });
      assert.deepEqual((await app.http.get(`/api/tasks/chat/${chatId}`, { token: cast.other.token })).body, {
        task_ids: [],
      });
      assert.deepEqual((await app.http.get('/api/tasks', { token: cast.other.token })).body, { tasks: [] });
      assert.ok((await app.http.get('/api/tasks', { token: cast.admin.token })).body.tasks.includes(taskId));
      const foreign = await app.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: cast.other.token });
      assert.equal(foreign.body.status, false, 'another user cannot stop it');

      const stopAt = Date.now();
      const stopped = await app.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: cast.user.token });
      assert.equal(stopped.body.status, true);
      assert.ok(await eventually(() => providers.openai.aborted.some((entry) => entry.at >= stopAt), 1000, 5));
      const aborted = providers.openai.aborted.find((entry) => entry.at >= stopAt)!;
      assert.ok(aborted.at - stopAt <= 100, `upstream aborted ${aborted.at - stopAt} ms after the stop`);
      assert.ok(await listener.seen((e) => e.data.type === 'chat:tasks:cancel'));
      listener.stop();
      const stored = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
      const content = stored.body.chat.history.messages['assistant-2'].content as string;
      assert.match(content, /^w0 w1 w2 /);
      assert.ok(content.length < 100 * 3);
      assert.deepEqual((await app.http.get(`/api/tasks/chat/${chatId}`, { token: cast.user.token })).body, {
        task_ids: [],
      });
      assert.equal(
        (await app.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: cast.user.token })).body.status,
        false,
      );
    });

    it('reports a provider failure to the tab and stores the error', async () => {
      const chatId = await newChat();
      providers.openai.script('gpt-test', { chunks: [], failure: { kind: 'status', status: 500 } });
      const listener = recordChatEvents(app);
      await startSocketCompletion(app, cast.user.token, chatId, 'assistant-3', { messages: user('x') });
      assert.ok(await listener.seen((e) => e.data.type === 'chat:tasks:cancel'));
      listener.stop();
      assert.ok(listener.events.some((e) => e.data.type === 'chat:message:error'));
      const stored = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
      assert.equal(typeof stored.body.chat.history.messages['assistant-3'].error.content, 'string');
    });
  });

  it('works with the official openai client and a scoped API key', async () => {
    await enableApiKeys(app, cast.admin);
    const key = await createApiKey(app, cast.user, ['models:read', 'completions']);
    const client = new OpenAI({ apiKey: key, baseURL: `${app.url}/api` });
    const models = await client.models.list();
    assert.ok(models.data.some((model) => model.id === 'gpt-test'));
    providers.openai.script('gpt-test', { chunks: ['From ', 'the ', 'SDK'] });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'From the SDK');
    providers.openai.script('gpt-test', { chunks: ['Whole ', 'answer'] });
    const whole = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    assert.equal(whole.object, 'chat.completion');
    assert.equal(whole.choices[0].message.content, 'Whole answer');
    const readOnly = await createApiKey(app, cast.user, ['models:read']);
    const denied = new OpenAI({ apiKey: readOnly, baseURL: `${app.url}/api`, maxRetries: 0 });
    await assert.rejects(
      denied.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }] }),
      (error: any) => error.status === 403,
    );
  });
});
