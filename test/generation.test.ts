import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JobQueue } from '../src/jobs/job-queue.js';
import { startApp, type TestApp, withApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { seedUsers } from './support/factories.js';
import { contentOf, publishModel, sseData, startProviders, type Providers } from './support/providers.js';

const TASK_ANSWER = '{"title": "Trip ideas", "tags": ["Travel", "Europe"], "follow_ups": ["What about Rome?"]}';
const messages = [
  { role: 'user', content: 'Where should I travel in spring?' },
  { role: 'assistant', content: 'Lisbon is lovely in spring.' },
];

describe('generation tasks', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    providers = await startProviders();
    providers.openai.setModels([{ id: 'gpt-test' }, { id: 'gpt-task' }]);
    app = await startApp({ ...providers.env, TASK_MODEL_EXTERNAL: 'gpt-task' });
    cast = await seedUsers(app);
    await publishModel(app, cast.admin.token, 'gpt-test');
    await publishModel(app, cast.admin.token, 'gpt-task');
    providers.openai.script('gpt-task', { chunks: [`Sure! ${TASK_ANSWER}`] });
  });
  after(async () => {
    await app.close();
    await providers.close();
  });

  it('serves the task settings to users and lets admins change them', async () => {
    const config = await app.http.get('/api/v1/tasks/config', { token: cast.user.token });
    assert.equal(config.status, 200);
    assert.equal(config.body.TASK_MODEL_EXTERNAL, 'gpt-task');
    assert.equal(config.body.ENABLE_TITLE_GENERATION, true);
    assert.equal(
      (await app.http.post('/api/v1/tasks/config/update', config.body, { token: cast.user.token })).status,
      401,
    );
    const saved = await app.http.post(
      '/api/v1/tasks/config/update',
      { ...config.body, ENABLE_TAGS_GENERATION: false },
      { token: cast.admin.token },
    );
    assert.equal(saved.body.ENABLE_TAGS_GENERATION, false);
    const disabled = await app.http.post(
      '/api/v1/tasks/tags/completions',
      { model: 'gpt-test', messages },
      { token: cast.user.token },
    );
    assert.deepEqual(disabled.body, { detail: 'Tags generation is disabled' });
    await app.http.post('/api/v1/tasks/config/update', config.body, { token: cast.admin.token });
    const incomplete = await app.http.post(
      '/api/v1/tasks/config/update',
      { TASK_MODEL: '' },
      { token: cast.admin.token },
    );
    assert.equal(incomplete.status, 422);
  });

  it('asks the task model with the conversation and returns its completion', async () => {
    const response = await app.http.post(
      '/api/v1/tasks/title/completions',
      { model: 'gpt-test', messages },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    assert.match(response.body.choices[0].message.content, /Trip ideas/);
    const sent = providers.openai.requests.at(-1)!.body as any;
    assert.equal(sent.model, 'gpt-task', 'TASK_MODEL_EXTERNAL serves external chat models');
    assert.equal(sent.stream, false);
    assert.match(sent.messages[0].content, /USER: Where should I travel in spring\?/);
    assert.match(sent.messages[0].content, /ASSISTANT: Lisbon is lovely/);
    const unknown = await app.http.post(
      '/api/v1/tasks/title/completions',
      { model: 'nope', messages },
      { token: cast.user.token },
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.detail, 'Model not found');
    const badBody = await app.http.post(
      '/api/v1/tasks/title/completions',
      { model: 'gpt-test' },
      { token: cast.user.token },
    );
    assert.equal(badBody.status, 422);
  });

  it('writes autocompletions (when enabled, within the length limit), emojis and image prompts', async () => {
    const sentPrompt = () => (providers.openai.requests.at(-1)!.body as any).messages[0].content as string;
    const ask = (path: string, body: Record<string, unknown>, token = cast.user.token) =>
      app.http.post(`/api/v1/tasks/${path}`, body, { token });
    const typed = { model: 'gpt-test', prompt: 'Where should I', type: 'search query', messages };
    const off = await ask('auto/completions', typed);
    assert.equal(off.status, 400);
    assert.equal(off.body.detail, 'Autocompletion generation is disabled');
    const config = (await app.http.get('/api/v1/tasks/config', { token: cast.admin.token })).body;
    await app.http.post(
      '/api/v1/tasks/config/update',
      { ...config, ENABLE_AUTOCOMPLETE_GENERATION: true, AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: 20 },
      { token: cast.admin.token },
    );
    try {
      const completed = await ask('auto/completions', typed);
      assert.equal(completed.status, 200, completed.text);
      assert.match(sentPrompt(), /as a search query/);
      assert.match(sentPrompt(), /<text>Where should I<\/text>/);
      assert.match(sentPrompt(), /USER: Where should I travel in spring\?/);
      const tooLong = await ask('auto/completions', { ...typed, prompt: 'x'.repeat(21) });
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.body.detail, 'Input prompt exceeds maximum length of 20');
      // Text a user typed is never read as a placeholder.
      await ask('auto/completions', { ...typed, prompt: '{{MESSAGES}}' });
      assert.match(sentPrompt(), /<text>\{\{MESSAGES\}\}<\/text>/);
    } finally {
      await app.http.post('/api/v1/tasks/config/update', config, { token: cast.admin.token });
    }

    const emoji = await ask('emoji/completions', { model: 'gpt-test', prompt: 'That is wonderful news!' });
    assert.equal(emoji.status, 200);
    const emojiRequest = providers.openai.requests.at(-1)!.body as any;
    assert.equal(emojiRequest.model, 'gpt-task');
    assert.equal(emojiRequest.max_tokens, 4);
    assert.match(sentPrompt(), /That is wonderful news!/);

    const image = await ask('image_prompt/completions', { model: 'gpt-test', messages });
    assert.equal(image.status, 200);
    assert.match(sentPrompt(), /image generator/);
    assert.match(sentPrompt(), /ASSISTANT: Lisbon is lovely in spring\./);

    assert.equal((await ask('emoji/completions', { model: 'gpt-test' })).status, 422);
    assert.equal((await ask('emoji/completions', { model: 'gpt-test', prompt: 'Hi' }, cast.pending.token)).status, 401);
  });

  it('merges several answers into one, streamed or whole', async () => {
    const body = {
      model: 'gpt-test',
      prompt: 'Capital of France?',
      responses: ['Paris.', 'It is Paris, on the Seine.'],
    };
    const whole = await app.http.post('/api/v1/tasks/moa/completions', body, { token: cast.user.token });
    assert.equal(whole.status, 200, whole.text);
    assert.match(whole.body.choices[0].message.content, /Trip ideas/);
    const prompt = (providers.openai.requests.at(-1)!.body as any).messages[0].content as string;
    assert.match(prompt, /<question>Capital of France\?<\/question>/);
    assert.match(
      prompt,
      /<answer id="1">\nParis\.\n<\/answer>\n<answer id="2">\nIt is Paris, on the Seine\.\n<\/answer>/,
    );

    providers.openai.script('gpt-task', { chunks: ['Paris', ', on the Seine.'] });
    const streamed = await app.http.post(
      '/api/v1/tasks/moa/completions',
      { ...body, stream: true },
      { token: cast.user.token },
    );
    assert.equal(streamed.status, 200);
    assert.match(streamed.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.equal(contentOf(sseData(streamed.text)), 'Paris, on the Seine.');
    assert.equal((providers.openai.requests.at(-1)!.body as any).stream, true);
    providers.openai.script('gpt-task', { chunks: [`Sure! ${TASK_ANSWER}`] });

    const invalid = await app.http.post(
      '/api/v1/tasks/moa/completions',
      { ...body, responses: 'Paris' },
      { token: cast.user.token },
    );
    assert.equal(invalid.status, 422);
  });

  it('refuses query generation with 400 when it is switched off', async () => {
    const config = (await app.http.get('/api/v1/tasks/config', { token: cast.admin.token })).body;
    await app.http.post(
      '/api/v1/tasks/config/update',
      { ...config, ENABLE_SEARCH_QUERY_GENERATION: false },
      { token: cast.admin.token },
    );
    const off = await app.http.post(
      '/api/v1/tasks/queries/completions',
      { model: 'gpt-test', messages, type: 'web_search' },
      { token: cast.user.token },
    );
    assert.equal(off.status, 400);
    const retrieval = await app.http.post(
      '/api/v1/tasks/queries/completions',
      { model: 'gpt-test', messages, type: 'retrieval' },
      { token: cast.user.token },
    );
    assert.equal(retrieval.status, 200);
    await app.http.post('/api/v1/tasks/config/update', config, { token: cast.admin.token });
  });

  it('generates title, tags and follow-ups after a socket-mode answer, stores them and announces them', async () => {
    const chatId = await emptyChat(app, cast.user.token);
    providers.openai.script('gpt-test', { chunks: ['Lisbon ', 'is ', 'lovely.'] });
    const { events, seen, stop } = recordChatEvents(app);
    const started = await startSocketCompletion(app, cast.user.token, chatId, 'answer-1', {
      messages: [messages[0]],
      background_tasks: { title_generation: true, tags_generation: true, follow_up_generation: true },
    });
    assert.equal(started.body.status, true);
    await seen((e) => e.data.data?.done);
    await app.nest.get(JobQueue).drain();
    stop();

    const stored = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
    assert.equal(stored.body.title, 'Trip ideas');
    assert.equal(stored.body.chat.title, 'Trip ideas');
    assert.deepEqual(stored.body.chat.history.messages['answer-1'].followUps, ['What about Rome?']);
    assert.deepEqual(stored.body.meta.tags.sort(), ['europe', 'travel']);
    const tags = await app.http.get(`/api/v1/chats/${chatId}/tags`, { token: cast.user.token });
    assert.deepEqual(tags.body.map((tag: { name: string }) => tag.name).sort(), ['Europe', 'Travel']);
    const types = events.map((e) => e.data.type);
    assert.ok(types.includes('chat:title') && types.includes('chat:tags') && types.includes('chat:message:follow_ups'));
    assert.equal(events.find((e) => e.data.type === 'chat:title')!.data.data, 'Trip ideas');
  });
});

describe('generation tasks when the task model fails', () => {
  it('answers 504 when the task model does not answer in time, and 502 when it fails', async () => {
    const providers = await startProviders();
    try {
      providers.openai.setModels([{ id: 'gpt-test' }]);
      await withApp({ ...providers.env, AIOHTTP_CLIENT_TIMEOUT: '1' }, async (app) => {
        const cast = await seedUsers(app);
        await publishModel(app, cast.admin.token, 'gpt-test');
        const ask = () =>
          app.http.post('/api/v1/tasks/title/completions', { model: 'gpt-test', messages }, { token: cast.user.token });

        providers.openai.script('gpt-test', { chunks: [], failure: { kind: 'hang' } });
        const slow = await ask();
        assert.equal(slow.status, 504, slow.text);
        assert.equal(typeof slow.body.detail, 'string');

        providers.openai.script('gpt-test', { chunks: [], failure: { kind: 'status', status: 500 } });
        const failed = await ask();
        assert.equal(failed.status, 502, failed.text);
        assert.equal(typeof failed.body.detail, 'string');
      });
    } finally {
      await providers.close();
    }
  });
});
