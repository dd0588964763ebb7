import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { Instance } from '../src/kv/instance.js';
import { startApp, type TestApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { seedUsers } from './support/factories.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { publishModel, sseData, contentOf, startProviders, type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';

/** Redis is part of the test machine (CI starts it); this suite always runs against a real one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const STOP_BOUND_MS = 500;

const waitFor = (check: () => boolean | Promise<boolean>, ms = 3000) => eventually(check, ms, 10);

describe('tasks and models shared by two instances through Redis', () => {
  let providers: Providers;
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  let env: Record<string, string>;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    providers = await startProviders();
    env = {
      ...providers.env,
      REDIS_URL,
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      // Long enough that only a broadcast can explain what B sees within a test.
      MODELS_CACHE_TTL: '300',
    };
    a = await startApp(env);
    b = await a.peer(env);
    redis = new Redis(REDIS_URL);
    cast = await seedUsers(a);
    await publishModel(a, cast.admin.token, 'gpt-test');
  });
  after(async () => {
    redis?.disconnect();
    await b?.stop();
    await a?.close();
    await providers?.close();
  });

  const newChat = (app: TestApp) => emptyChat(app, cast.user.token, 'Shared');

  /** A socket-mode completion streaming slowly on `app`, once its first chunks have arrived. */
  const startSlowTask = async (app: TestApp, messageId: string) => {
    const chatId = await newChat(app);
    providers.openai.script('gpt-test', { chunks: Array.from({ length: 200 }, (_, i) => `w${i} `), chunkDelayMs: 20 });
    const chatEvents = recordChatEvents(app);
    const started = await startSocketCompletion(app, cast.user.token, chatId, messageId, {
      messages: [{ role: 'user', content: 'go on' }],
    });
    assert.equal(started.body.status, true);
    assert.ok(await waitFor(() => chatEvents.events.filter((e) => e.data.type === 'chat:completion').length >= 3));
    const cancelled = () => waitFor(() => chatEvents.events.some((e) => e.data.type === 'chat:tasks:cancel'));
    return { chatId, taskId: started.body.task_id as string, cancelled, done: chatEvents.stop };
  };

  const chatTasks = async (app: TestApp, chatId: string, token = cast.user.token) =>
    (await app.http.get(`/api/tasks/chat/${chatId}`, { token })).body.task_ids as string[];

  /** Stops `taskId` through `app` and returns how long until the provider saw its stream aborted. */
  const stopLatency = async (app: TestApp, taskId: string) => {
    const stopAt = Date.now();
    const stopped = await app.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: cast.user.token });
    assert.equal(stopped.body.status, true);
    assert.ok(await waitFor(() => providers.openai.aborted.some((entry) => entry.at >= stopAt), 2000), 'aborted');
    return providers.openai.aborted.find((entry) => entry.at >= stopAt)!.at - stopAt;
  };

  it('shares the provider model list, and a connection change on A reaches B at once', async () => {
    const listRequests = () => providers.openai.requests.filter((r) => r.path === '/v1/models').length;
    const ids = async (app: TestApp) =>
      ((await app.http.get('/api/models', { token: cast.user.token })).body.data as { id: string }[]).map((m) => m.id);
    assert.ok((await ids(a)).includes('gpt-test'));
    const fetched = listRequests();
    assert.ok((await ids(b)).includes('gpt-test'));
    assert.equal(listRequests(), fetched, 'B reads the list A fetched');

    providers.openai.setModels([{ id: 'gpt-test' }, { id: 'gpt-new' }]);
    const config = (await a.http.get('/openai/config', { token: cast.admin.token })).body;
    const changed = await a.http.post(
      '/openai/config/update',
      { ...config, OPENAI_API_CONFIGS: { 0: { enable: true, tags: [{ name: 'fresh' }] } } },
      { token: cast.admin.token },
    );
    assert.equal(changed.status, 200);
    await publishModel(a, cast.admin.token, 'gpt-new');
    // The model list would be kept 300 s; B's model rows are kept 2 s (ModelsService).
    assert.ok(await waitFor(async () => (await ids(b)).includes('gpt-new'), 4000), 'B lists the new model');
  });

  it('lists a completion running on A from B, and B stops it within 500 ms', async (t) => {
    const task = await startSlowTask(a, 'assistant-1');
    assert.deepEqual(await chatTasks(b, task.chatId), [task.taskId]);
    assert.ok((await b.http.get('/api/tasks', { token: cast.user.token })).body.tasks.includes(task.taskId));
    assert.ok((await b.http.get('/api/tasks', { token: cast.admin.token })).body.tasks.includes(task.taskId));
    for (const app of [a, b]) {
      assert.deepEqual((await app.http.get('/api/tasks', { token: cast.other.token })).body, { tasks: [] });
      assert.deepEqual(await chatTasks(app, task.chatId, cast.other.token), []);
      const foreign = await app.http.post(`/api/tasks/stop/${task.taskId}`, undefined, { token: cast.other.token });
      assert.deepEqual(foreign.body, { status: false, message: `Task with ID ${task.taskId} not found.` });
    }

    const latency = await stopLatency(b, task.taskId);
    t.diagnostic(`stop sent to B aborted the provider stream on A after ${latency} ms`);
    assert.ok(latency <= STOP_BOUND_MS, `aborted ${latency} ms after the stop`);
    assert.ok(await task.cancelled());
    task.done();
    const stored = await b.http.get(`/api/v1/chats/${task.chatId}`, { token: cast.user.token });
    const content = stored.body.chat.history.messages['assistant-1'].content as string;
    assert.match(content, /^w0 w1 w2 /);
    assert.ok(content.length < 200 * 3, 'only what was generated before the stop');
    assert.ok(await waitFor(async () => (await chatTasks(b, task.chatId)).length === 0));
    assert.deepEqual(await chatTasks(a, task.chatId), []);
    const again = await b.http.post(`/api/tasks/stop/${task.taskId}`, undefined, { token: cast.user.token });
    assert.equal(again.body.status, false);
  });

  it('still stops across instances after the subscriber connections were killed', async (t) => {
    // Only this suite's instances: other suites may share the Redis server.
    const names = new Set([a, b].map((app) => `webui-nest:${app.nest.get(Instance).id}`));
    const subscribers = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = subscribers
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('=', 2))) as Record<string, string>)
      .filter((client) => names.has(client.name))
      .map((client) => client.id);
    assert.equal(ids.length, 2, 'one subscriber connection per instance');
    for (const id of ids) await redis.client('KILL', 'ID', id);
    const channel = `${env.REDIS_KEY_PREFIX}:tasks:commands`;
    const listeners = async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    assert.ok(await waitFor(async () => (await listeners()) === 2, 5000), 'both instances subscribe again');

    const task = await startSlowTask(a, 'assistant-2');
    const latency = await stopLatency(b, task.taskId);
    t.diagnostic(`after reconnecting: stopped in ${latency} ms`);
    assert.ok(latency <= STOP_BOUND_MS, `aborted ${latency} ms after the stop`);
    assert.ok(await task.cancelled());
    task.done();
  });

  it('still stops a task whose instance lost its Redis connections silently (no FIN, no RST)', async (t) => {
    const target = new URL(REDIS_URL);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    target.host = `127.0.0.1:${proxy.port}`;
    const d = await a.peer({
      ...env,
      REDIS_URL: target.toString(),
      REDIS_HEALTH_CHECK_INTERVAL: '1',
      TASKS_ENTRY_TTL_SECONDS: '3',
    });
    try {
      const chatId = await newChat(d);
      // Long enough (20 s) that only a stop can end it within the test.
      providers.openai.script('gpt-test', {
        chunks: Array.from({ length: 1000 }, (_, i) => `w${i} `),
        chunkDelayMs: 20,
      });
      const started = await startSocketCompletion(d, cast.user.token, chatId, 'assistant-4', {
        messages: [{ role: 'user', content: 'go' }],
      });
      const taskId = started.body.task_id as string;
      assert.ok(await waitFor(async () => (await chatTasks(b, chatId)).includes(taskId)));
      // Every connection of D now leads nowhere, and D cannot tell: its subscriber hears nothing.
      proxy.freeze();
      const stopAt = Date.now();
      const stopped = await b.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: cast.user.token });
      assert.equal(stopped.body.status, true);
      assert.ok(
        await waitFor(() => providers.openai.aborted.some((entry) => entry.at >= stopAt), 8000),
        'the health check reconnected D and the stop reached it',
      );
      const latency = providers.openai.aborted.find((entry) => entry.at >= stopAt)!.at - stopAt;
      t.diagnostic(`stop after a silent connection loss took ${latency} ms (health check every 1 s)`);
    } finally {
      // Closing the proxy first ends D's frozen connections, as the kernel eventually would.
      await proxy.close();
      await d.stop();
    }
  });

  it("drops a dead instance's tasks from listings by themselves while B keeps serving", async () => {
    const c = await a.peer({ ...env, TASKS_ENTRY_TTL_SECONDS: '1' });
    const task = await startSlowTask(c, 'assistant-3');
    assert.deepEqual(await chatTasks(b, task.chatId), [task.taskId]);
    // Like a crash as far as the registry knows: no more refreshes, nothing withdrawn.
    await c.stop();
    task.done();
    assert.ok(await waitFor(async () => (await chatTasks(b, task.chatId)).length === 0, 3000), 'expired');
    assert.equal(
      (await b.http.post(`/api/tasks/stop/${task.taskId}`, undefined, { token: cast.user.token })).body.status,
      false,
    );

    providers.openai.script('gpt-test', { chunks: ['still', ' here'] });
    const response = await b.http.post(
      '/api/chat/completions',
      { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { token: cast.user.token },
    );
    assert.equal(contentOf(sseData(response.text)), 'still here');
  });
});
