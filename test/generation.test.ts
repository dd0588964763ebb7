import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JobQueue } from '../src/jobs/job-queue.js';
import { startApp, type TestApp, withApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { seedUsers } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';

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
