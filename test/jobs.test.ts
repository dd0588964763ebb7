import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent, type DomainEventPayloads } from '../src/events/domain-events.js';
import { JobQueue } from '../src/jobs/job-queue.js';
import { JobName } from '../src/jobs/job-types.js';
import { requireRedis } from './support/services.js';
import { startApp, type TestApp } from './support/app.js';
import { emptyChat, recordChatEvents, startSocketCompletion } from './support/completions.js';
import { seedUsers } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

type Progress = DomainEventPayloads[typeof DomainEvent.JobProgress];

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const TASK_ANSWER = '{"title": "Trip ideas"}';
const TASK_ENV = { TASK_MODEL_EXTERNAL: 'gpt-task' };
const redisEnv = () => ({ REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}` });

async function setUp(env: Record<string, string>) {
  const providers = await startProviders();
  providers.openai.setModels([{ id: 'gpt-test' }, { id: 'gpt-task' }]);
  providers.openai.script('gpt-task', { chunks: [TASK_ANSWER] });
  const app = await startApp({ ...providers.env, ...TASK_ENV, ...env }).catch(async (error: unknown) => {
    await providers.close(); // else its servers keep the test process alive
    throw error;
  });
  const cast = await seedUsers(app);
  await publishModel(app, cast.admin.token, 'gpt-test');
  await publishModel(app, cast.admin.token, 'gpt-task');
  return { providers, app, cast };
}

/** A socket-mode answer asking for a title; resolves once the answer is done and the job queued. */
async function answerWithTitleJob(app: TestApp, token: string, question: string): Promise<string> {
  const chatId = await emptyChat(app, token);
  const answer = recordChatEvents(app);
  const started = await startSocketCompletion(app, token, chatId, `answer-${chatId}`, {
    messages: [{ role: 'user', content: question }],
    background_tasks: { title_generation: true },
  });
  assert.equal(started.body.status, true);
  const done = await answer.seen((event) => event.chatId === chatId && Boolean(event.data.data?.done), 30_000);
  answer.stop();
  if (!done) throw new Error(`the answer in chat ${chatId} did not finish`);
  return chatId;
}

/** Title prompts the task model received for `question`. */
const titleRequests = (providers: Providers, question: string) =>
  providers.openai.requests.filter((request) => {
    const body = request.body as { model?: string; messages?: { content: string }[] } | undefined;
    return body?.model === 'gpt-task' && body.messages?.[0]?.content.includes(`USER: ${question}`);
  });

function recordProgress(app: TestApp) {
  const events: Progress[] = [];
  app.nest.get(EventEmitter2).on(DomainEvent.JobProgress, (event: Progress) => events.push(event));
  return events;
}

describe('background jobs', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => ({ providers, app, cast } = await setUp({})));
  after(async () => {
    await app?.close();
    await providers?.close();
  });

  it(
    'keeps a job that failed all its attempts for admins, and runs it again on request',
    { timeout: 30_000 },
    async () => {
      const progress = recordProgress(app);
      providers.openai.script('gpt-task', { chunks: [], failure: { kind: 'status', status: 500 } });
      const chatId = await answerWithTitleJob(app, cast.user.token, 'Doomed question');
      await app.nest.get(JobQueue).drain();
      assert.equal(titleRequests(providers, 'Doomed question').length, 2, 'tried twice (JOB_OPTIONS)');

      const failed = await app.http.get('/api/v1/jobs/failed', { token: cast.admin.token });
      assert.equal(failed.status, 200);
      const job = failed.body.find((item: { data: { chat_id?: string } }) => item.data.chat_id === chatId);
      assert.ok(job, 'the failed title job is listed');
      assert.equal(job.name, JobName.GenerateTitle);
      assert.equal(job.attempts_made, 2);
      assert.ok(job.failed_reason.length > 0);
      assert.ok(job.timestamp > 0 && job.finished_on >= job.timestamp);
      assert.deepEqual(job.data, { chat_id: chatId, user_id: cast.user.id }, 'ids only, never the conversation');
      assert.doesNotMatch(failed.text, /Doomed question/);
      const counts = await app.http.get('/api/v1/jobs/counts', { token: cast.admin.token });
      assert.deepEqual(Object.keys(counts.body).sort(), ['active', 'completed', 'delayed', 'failed', 'waiting']);
      assert.ok(counts.body.failed >= 1);
      assert.equal(counts.body.active + counts.body.waiting + counts.body.delayed, 0);

      const ofJob = () => progress.filter((event) => event.jobId === job.id).map((event) => event.state);
      assert.deepEqual(ofJob(), ['active', 'active', 'failed'], 'each attempt starts; only the last one fails');
      assert.ok(progress.filter((event) => event.jobId === job.id).every((event) => event.userId === cast.user.id));

      providers.openai.script('gpt-task', { chunks: [TASK_ANSWER] });
      const retried = await app.http.post(`/api/v1/jobs/failed/${job.id}/retry`, undefined, {
        token: cast.admin.token,
      });
      assert.deepEqual(retried.body, { id: job.id, status: true });
      await app.nest.get(JobQueue).drain();
      const chat = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
      assert.equal(chat.body.title, 'Trip ideas');
      assert.deepEqual(ofJob().slice(-2), ['active', 'completed']);
      const remaining = await app.http.get('/api/v1/jobs/failed', { token: cast.admin.token });
      assert.ok(!remaining.body.some((item: { id: string }) => item.id === job.id), 'no longer failed');
      const again = await app.http.post(`/api/v1/jobs/failed/${job.id}/retry`, undefined, { token: cast.admin.token });
      assert.equal(again.status, 404);
      assert.equal(typeof again.body.detail, 'string');
    },
  );

  it('shows failed jobs and counts to admins only, and 404s an unknown job', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/jobs/failed'],
      ['GET', '/api/v1/jobs/counts'],
      ['POST', '/api/v1/jobs/failed/1/retry'],
    ]) {
      assert.equal((await app.http.request(method, path, undefined, { token: cast.user.token })).status, 401, path);
    }
    const unknown = await app.http.post('/api/v1/jobs/failed/no-such-job/retry', undefined, {
      token: cast.admin.token,
    });
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.body.detail, 'string');
    const badLimit = await app.http.get('/api/v1/jobs/failed?limit=0', { token: cast.admin.token });
    assert.equal(badLimit.status, 422);
  });
});

describe('jobs on two instances sharing Redis', () => {
  let providers: Providers;
  let a: TestApp;
  let b: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    const env = redisEnv();
    ({ providers, app: a, cast } = await setUp(env));
    b = await a.peer({ ...providers.env, ...TASK_ENV, ...env });
  });
  after(async () => {
    await b?.stop();
    await a?.close();
    await providers?.close();
  });

  it('runs each job queued on A exactly once across both instances', { timeout: 30_000 }, async () => {
    const progressOnA = recordProgress(a);
    const progressOnB = recordProgress(b);
    const questions = Array.from({ length: 8 }, (_, index) => `Shared question ${index}`);
    const chatIds = await Promise.all(questions.map((question) => answerWithTitleJob(a, cast.user.token, question)));
    await a.nest.get(JobQueue).drain();
    for (const question of questions) assert.equal(titleRequests(providers, question).length, 1, question);
    const completed = [...progressOnA, ...progressOnB].filter((event) => event.state === 'completed');
    assert.equal(completed.length, questions.length);
    assert.equal(new Set(completed.map((event) => event.jobId)).size, questions.length);
    for (const chatId of chatIds) {
      assert.equal((await b.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token })).body.title, 'Trip ideas');
    }
    const counts = await b.http.get('/api/v1/jobs/counts', { token: cast.admin.token });
    assert.equal(counts.body.completed, questions.length, 'B sees the jobs queued on A');
  });
});

describe('a job queued while Redis is away', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let proxy: TcpProxy;

  before(async () => {
    await requireRedis(REDIS_URL);
    const redis = new URL(REDIS_URL);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    redis.host = `127.0.0.1:${proxy.port}`;
    ({ providers, app, cast } = await setUp({ ...redisEnv(), REDIS_URL: redis.toString() }));
  });
  after(async () => {
    proxy?.restore();
    await app?.close();
    await providers?.close();
    await proxy?.close();
  });

  it('is queued and run once Redis is back, and the app keeps running meanwhile', { timeout: 30_000 }, async () => {
    const chatId = await emptyChat(app, cast.user.token);
    const question = 'Asked while offline';
    proxy.cut();
    await sleep(200);
    const job = { userId: cast.user.id, chatId, messageId: 'm1', model: 'gpt-test' };
    app.nest.get(JobQueue).add(JobName.GenerateTitle, { ...job, messages: [{ role: 'user', content: question }] });
    await sleep(1000);
    assert.equal(titleRequests(providers, question).length, 0, 'nothing runs while Redis is away');
    proxy.restore();
    await app.nest.get(JobQueue).drain(20_000);
    assert.equal(titleRequests(providers, question).length, 1);
    const chat = await app.http.get(`/api/v1/chats/${chatId}`, { token: cast.user.token });
    assert.equal(chat.body.title, 'Trip ideas');
  });
});
