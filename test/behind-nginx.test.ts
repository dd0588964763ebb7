import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import { assertReconnectCatchesUp } from './support/catch-up.js';
import { type Cluster, type Instance, startCluster } from './support/cluster.js';
import { emptyChat, startSocketCompletion } from './support/completions.js';
import { newUser, signup, type TestUser } from './support/factories.js';
import { startMockProvider, type MockProvider } from './support/mock-provider.js';
import { startNginx, type Proxy } from './support/nginx.js';
import { publishModel } from './support/providers.js';
import { eventually, nextEvent, openSocket, record } from './support/sockets.js';

const REGISTRY_TTL_S = 3;
const SIGNIN_LIMIT_PER_IP = 4;
/** Each instance calls the provider with its own key, so the mock tells which one runs a generation. */
const INSTANCE_KEYS = ['sk-instance-a', 'sk-instance-b'];

/**
 * The deployment of docker/compose.yaml run on this machine: Debian's nginx with the shipped docker/nginx.conf
 * (rendered for local ports by scripts/nginx-local.ts) in front of two instances on one PostgreSQL and Redis.
 * Everything a user does goes through the proxy.
 */
describe('two instances behind nginx (the shipped docker/nginx.conf)', () => {
  let openai: MockProvider;
  let cluster: Cluster;
  let proxy: Proxy;
  let admin: TestUser;
  let user: TestUser;
  const sockets: Socket[] = [];
  const tab = async (url: string, token: string) => {
    const socket = await openSocket(url, token);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    openai = await startMockProvider({ apiKey: INSTANCE_KEYS });
    openai.setModels([{ id: 'gpt-test', name: 'GPT Test' }]);
    cluster = await startCluster(
      2,
      {
        OPENAI_API_BASE_URLS: openai.openaiBaseUrl,
        ENABLE_OLLAMA_API: 'false',
        ENABLE_EVALUATION_ARENA_MODELS: 'false',
        MODELS_CACHE_TTL: '0',
        TASKS_ENTRY_TTL_SECONDS: String(REGISTRY_TTL_S),
        SIGNIN_RATE_LIMIT_PER_IP: String(SIGNIN_LIMIT_PER_IP),
      },
      { perInstance: (index) => ({ OPENAI_API_KEYS: INSTANCE_KEYS[index] }) },
    );
    proxy = await startNginx(cluster.instances.map((instance) => instance.port));
    admin = await signup(proxy, { name: 'Admin' });
    user = await newUser(proxy, admin, 'user', 'Alice');
    await publishModel(proxy, admin.token, 'gpt-test');
  });
  after(async () => {
    sockets.forEach((socket) => socket.close());
    await proxy?.close();
    await cluster?.close();
    await openai?.close();
  });

  it('lets a tab that reconnects through the proxy mid-answer catch up', () =>
    assertReconnectCatchesUp(proxy, openai, user.token));

  it('keeps socket events inside their deployment when another deployment shares the Redis', async () => {
    // Same database (so the same user and rooms), another REDIS_KEY_PREFIX: another deployment.
    const other = await cluster.spawn('other', { REDIS_KEY_PREFIX: `test-other-${randomBytes(6).toString('hex')}` });
    const changes = record<{ chat_id: string }>(await tab(proxy.url, user.token), 'chats:changed');
    const foreign = await emptyChat(other, user.token, 'Foreign');
    // This deployment's own change goes out after the foreign one: once it is here, the foreign one would be too.
    const ownId = await emptyChat(proxy, user.token, 'Own');
    assert.ok(await eventually(() => changes.some((event) => event.chat_id === ownId), 5000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(
      changes.some((event) => event.chat_id === foreign),
      false,
      'an event of another deployment reached this one',
    );
  });

  it('ignores a client-sent X-Forwarded-For: nginx overwrites it, so forged addresses are still limited', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < SIGNIN_LIMIT_PER_IP + 2; attempt++) {
      const response = await proxy.http.post(
        '/api/v1/auths/signin',
        { email: `guess-${attempt}@example.com`, password: 'wrong' },
        { headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}` } },
      );
      statuses.push(response.status);
    }
    // Alternating between the instances, the limit still counts them all: one client, one shared count.
    assert.deepEqual(statuses, [...Array(SIGNIN_LIMIT_PER_IP).fill(400), 429, 429]);
  });

  it('finishes the answer of an instance killed mid-generation, within the registry’s expiry', async () => {
    const tabs = await Promise.all(cluster.instances.map((instance) => tab(instance.url, user.token)));
    const eventsOf = tabs.map((socket) => record(socket, 'events'));
    const chatId = await emptyChat(proxy, user.token);
    openai.script('gpt-test', { chunks: Array.from({ length: 500 }, (_, i) => `w${i} `), chunkDelayMs: 20 });
    const streaming = nextEvent(tabs[0], 'events', (event) => event.chat_id === chatId);
    assert.equal((await startSocketCompletion(proxy, user.token, chatId, 'answer-dies')).status, 200);
    await streaming;
    const request = openai.requests.filter((sent) => sent.path.endsWith('/chat/completions')).at(-1)!;
    const victimIndex = INSTANCE_KEYS.findIndex((key) => request.headers.authorization === `Bearer ${key}`);
    const victim: Instance = cluster.instances[victimIndex];
    const stored = async () =>
      (await proxy.http.get(`/api/v1/chats/${chatId}`, { token: user.token })).body.chat.history.messages[
        'answer-dies'
      ];
    assert.ok(await eventually(async () => ((await stored())?.content ?? '').startsWith('w0 w1 '), 5000, 100));

    const killedAt = Date.now();
    await victim.kill();
    // The proxy keeps serving from the survivor.
    for (let i = 0; i < 4; i++) {
      assert.equal((await proxy.http.get('/api/v1/chats/', { token: user.token })).status, 200);
    }
    assert.ok(await eventually(async () => (await stored()).done === true, (REGISTRY_TTL_S + 5) * 1000, 50));
    const finishedAfterMs = Date.now() - killedAt;
    console.log(`# behind nginx: the killed instance's answer was finished ${finishedAfterMs} ms after the kill`);
    const finished = await stored();
    assert.match(finished.error.content, /stopped/);
    assert.match(finished.content, /^w0 w1 (w\d+ )*$/);
    // The tab on the survivor is told, so the web app stops waiting.
    const survivorEvents = eventsOf[1 - victimIndex] as { message_id: string; data: { type: string } }[];
    assert.ok(
      await eventually(
        () =>
          survivorEvents.some(
            (event) => event.message_id === 'answer-dies' && event.data.type === 'chat:message:error',
          ),
        3000,
      ),
      'the survivor’s tab got chat:message:error',
    );
  });
});
