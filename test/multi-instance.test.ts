import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import { type Cluster, type Instance, startCluster } from './support/cluster.js';
import { emptyChat, startSocketCompletion } from './support/completions.js';
import { newUser, signup, type TestUser } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';
import { eventually, nextEvent, openSocket, record } from './support/sockets.js';

const PRESENCE_TTL_S = 2;
const isTitleRequest = (body: unknown) => (JSON.stringify(body) ?? '').includes('Write a concise title');

/**
 * Two server processes sharing PostgreSQL and Redis (issue 5): events, stops and jobs cross
 * instances, and one instance dying leaves the other serving with the dead one's entries expiring.
 */
describe('two instances as one service (separate processes, PostgreSQL + Redis)', () => {
  let providers: Providers;
  let cluster: Cluster;
  let a: Instance;
  let b: Instance;
  let admin: TestUser;
  let user: TestUser;
  const sockets: Socket[] = [];
  const socketOn = async (instance: Instance, token: string) => {
    const socket = await openSocket(instance.url, token);
    sockets.push(socket);
    return socket;
  };
  const isDone = (chatId: string) => (event: any) => event.chat_id === chatId && event.data.data?.done === true;

  before(async () => {
    providers = await startProviders();
    cluster = await startCluster(2, {
      ...providers.env,
      WEBSOCKET_PRESENCE_TTL: String(PRESENCE_TTL_S),
      TASKS_ENTRY_TTL_SECONDS: '3',
    });
    [a, b] = cluster.instances;
    admin = await signup(a, { name: 'Admin' });
    user = await newUser(b, admin, 'user', 'Alice');
    await publishModel(a, admin.token, 'gpt-test');
  });
  after(async () => {
    sockets.forEach((socket) => socket.close());
    await cluster?.close();
    await providers?.close();
  });

  it('delivers to a socket on A the events of a chat changed through B', async () => {
    const socket = await socketOn(a, user.token);
    const created = nextEvent(socket, 'chats:changed', (event) => event.action === 'created');
    const chatId = await emptyChat(b, user.token);
    assert.equal((await created).chat_id, chatId);

    providers.openai.script('gpt-test', { chunks: ['Across ', 'instances'] });
    const done = nextEvent(socket, 'events', isDone(chatId));
    const started = await startSocketCompletion(b, user.token, chatId, 'answer-b');
    assert.equal(started.body.status, true, started.text);
    assert.equal((await done).data.data.content, 'Across instances');
  });

  it('stops a completion streaming on A through a request to B within 500 ms', async () => {
    const socket = await socketOn(a, user.token);
    const chatId = await emptyChat(a, user.token);
    providers.openai.script('gpt-test', { chunks: Array.from({ length: 200 }, (_, i) => `w${i} `), chunkDelayMs: 20 });
    const streaming = nextEvent(
      socket,
      'events',
      (event) => event.chat_id === chatId && event.data.type === 'chat:completion',
    );
    const started = await startSocketCompletion(a, user.token, chatId, 'answer-a');
    const taskId = started.body.task_id as string;
    await streaming;
    assert.deepEqual((await b.http.get(`/api/tasks/chat/${chatId}`, { token: user.token })).body, {
      task_ids: [taskId],
    });

    const stopAt = Date.now();
    const stopped = await b.http.post(`/api/tasks/stop/${taskId}`, undefined, { token: user.token });
    assert.equal(stopped.body.status, true, stopped.text);
    assert.ok(await eventually(() => providers.openai.aborted.some((entry) => entry.at >= stopAt), 2000, 5));
    const abortedAfter = providers.openai.aborted.find((entry) => entry.at >= stopAt)!.at - stopAt;
    console.log(`# cross-instance stop: provider request aborted ${abortedAfter} ms after the stop request`);
    assert.ok(abortedAfter <= 500, `aborted ${abortedAfter} ms after the stop`);
  });

  it('runs a job queued on A exactly once across both instances', async () => {
    const socket = await socketOn(a, user.token);
    const chatId = await emptyChat(a, user.token);
    providers.openai.script('gpt-test', { chunks: ['{"title": "Once only"}'] });
    const titled = nextEvent(
      socket,
      'events',
      (event) => event.chat_id === chatId && event.data.type === 'chat:title',
      10_000,
    );
    const progress = record(socket, 'job:progress');
    const before = providers.openai.requests.filter((request) => isTitleRequest(request.body)).length;
    await startSocketCompletion(a, user.token, chatId, 'answer-job', { background_tasks: { title_generation: true } });
    assert.equal((await titled).data.data, 'Once only');
    // Time for a duplicate run on B to show up, had one been queued twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const titleRequests = providers.openai.requests.filter((request) => isTitleRequest(request.body)).length;
    assert.equal(titleRequests - before, 1);
    // Progress reached the user's socket on A from whichever instance ran the job.
    const states = progress.filter((event) => event.name === 'chat.generate-title').map((event) => event.state);
    assert.deepEqual(states, ['active', 'completed']);
  });

  it('keeps B serving when A dies mid-stream, A’s entries expire, and B finishes the orphaned answer', async () => {
    const userSocketOnA = await socketOn(a, user.token);
    // The user is also connected to B (another tab), where the orphaned answer's events must arrive;
    // the admin's only socket is on A, so the admin going offline shows A's pool expiring.
    const eventsOnB = record(await socketOn(b, user.token), 'events');
    await socketOn(a, admin.token);
    const usage = async () => (await b.http.get('/api/usage', { token: admin.token })).body;
    assert.ok(await eventually(async () => (await usage()).user_ids.includes(admin.id)));
    const chatId = await emptyChat(a, user.token);
    providers.openai.script('gpt-test', { chunks: Array.from({ length: 500 }, (_, i) => `w${i} `), chunkDelayMs: 20 });
    const streaming = nextEvent(userSocketOnA, 'events', (event) => event.chat_id === chatId);
    const started = await startSocketCompletion(a, user.token, chatId, 'answer-dies');
    await streaming;
    assert.deepEqual((await b.http.get('/api/tasks', { token: user.token })).body, { tasks: [started.body.task_id] });
    const storedAnswer = async () =>
      (await b.http.get(`/api/v1/chats/${chatId}`, { token: user.token })).body.chat.history.messages['answer-dies'];
    // The text so far is saved while it streams (about once a second), not only at the end.
    assert.ok(
      await eventually(async () => ((await storedAnswer())?.content ?? '').startsWith('w0 w1 '), 5000, 100),
      'the answer’s progress is saved while it streams',
    );

    await a.kill();
    assert.equal((await b.http.get('/health')).status, 200);
    assert.equal((await b.http.get('/api/v1/chats/', { token: user.token })).status, 200);
    assert.ok(
      await eventually(async () => !(await usage()).user_ids.includes(admin.id), (PRESENCE_TTL_S + 2) * 1000, 100),
      'the dead instance’s sockets stop counting',
    );
    assert.ok(
      await eventually(
        async () => (await b.http.get('/api/tasks', { token: user.token })).body.tasks.length === 0,
        6000,
        100,
      ),
      'the dead instance’s task disappears',
    );
    // B claimed the dead task: the message is finished with the saved text and an error, and the
    // user's tabs are told, so the web app stops waiting.
    assert.ok(await eventually(async () => (await storedAnswer()).done === true, 5000, 50), 'the answer is finished');
    const finished = await storedAnswer();
    assert.match(finished.error.content, /stopped/);
    assert.match(finished.content, /^w0 w1 (w\d+ )*$/);
    const forAnswer = (type: string) =>
      eventsOnB.filter((event) => event.message_id === 'answer-dies' && event.data.type === type);
    assert.ok(
      await eventually(() => Promise.resolve(forAnswer('chat:message:error').length === 1), 5000, 50),
      'the user’s tabs get chat:message:error',
    );
    const doneEvent = forAnswer('chat:completion').find((event) => event.data.data.done === true);
    assert.equal(doneEvent?.data.data.content, finished.content);
    providers.openai.script('gpt-test', { chunks: ['Still ', 'here'] });
    const socketOnB = await socketOn(b, user.token);
    const chatOnB = await emptyChat(b, user.token);
    const done = nextEvent(socketOnB, 'events', isDone(chatOnB));
    await startSocketCompletion(b, user.token, chatOnB, 'answer-b2');
    assert.equal((await done).data.data.content, 'Still here');
  });
});
