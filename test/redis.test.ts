import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SOCKET_REDIS, type SocketRedis } from '../src/presence/socket-redis.js';
import { startApp, type TestApp } from './support/app.js';
import { chatJson } from './support/chats.js';
import { newUser, signup, type TestUser } from './support/factories.js';
import { nextEvent, openSocket, record, sleep } from './support/sockets.js';

/** Redis is part of the test machine (CI starts it); this suite always runs against a real one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

describe('two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  before(async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      SIGNIN_RATE_LIMIT_PER_EMAIL: '4',
    };
    a = await startApp(env);
    b = await a.peer(env);
    admin = await signup(a, { name: 'Admin' });
  });
  after(async () => {
    await b?.stop();
    await a?.close();
  });

  it('revokes a token signed out on one instance on the other', async () => {
    const session = await b.http.post('/api/v1/auths/signin', { email: admin.email, password: admin.password });
    const token = session.body.token as string;
    assert.equal((await a.http.get('/api/v1/auths/', { token })).status, 200);
    await a.http.get('/api/v1/auths/signout', { token });
    assert.equal((await b.http.get('/api/v1/auths/', { token })).status, 401);
  });

  it('counts failed sign-ins across instances', async () => {
    const email = 'shared-limit@example.com';
    await a.http.post('/api/v1/auths/signin', { email, password: 'x1' });
    await b.http.post('/api/v1/auths/signin', { email, password: 'x2' });
    await a.http.post('/api/v1/auths/signin', { email, password: 'x3' });
    await b.http.post('/api/v1/auths/signin', { email, password: 'x4' });
    assert.equal((await a.http.post('/api/v1/auths/signin', { email, password: 'x5' })).status, 429);
    assert.equal((await b.http.post('/api/v1/auths/signin', { email, password: 'x6' })).status, 429);
  });

  it('applies settings saved on one instance on the other', async () => {
    const signupOpenOnB = async (expected: boolean) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        if ((await b.http.get('/api/config')).body.features.enable_signup === expected) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    };
    // The first signup (on A) closed signup: B learns it from the broadcast.
    assert.ok(await signupOpenOnB(false), 'B sees the signup closed by A');
    const config = (await a.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
    await a.http.post('/api/v1/auths/admin/config', { ...config, ENABLE_SIGNUP: true }, { token: admin.token });
    assert.ok(await signupOpenOnB(true), 'instance B sees ENABLE_SIGNUP=true within a second');
    const signup = await b.http.post('/api/v1/auths/signup', { name: 'N', email: 'n@example.com', password: 'pw' });
    assert.equal(signup.status, 200);
  });

  it('applies group permission changes made on one instance on the other', async () => {
    const member = await newUser(a, admin, 'user');
    const before = await b.http.get('/api/v1/users/permissions', { token: member.token });
    assert.equal(before.body.workspace.models, false);
    const group = await a.http.post(
      '/api/v1/groups/create',
      { name: 'Builders', description: '', permissions: { workspace: { models: true } } },
      { token: admin.token },
    );
    await a.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [member.id] },
      { token: admin.token },
    );
    let granted = false;
    for (let attempt = 0; attempt < 50 && !granted; attempt += 1) {
      granted = (await b.http.get('/api/v1/users/permissions', { token: member.token })).body.workspace.models === true;
      if (!granted) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(granted, 'B drops its cached memberships when A changes a group');
  });

  it('applies a role change made on one instance on the other', async () => {
    const member = await newUser(a, admin, 'user');
    assert.equal((await b.http.get('/api/v1/users/user/settings', { token: member.token })).status, 200);
    const demoted = await a.http.post(
      `/api/v1/users/${member.id}/update`,
      { role: 'pending', name: 'M', email: member.email, profile_image_url: '/user.png' },
      { token: admin.token },
    );
    assert.equal(demoted.status, 200);
    let refused = false;
    for (let attempt = 0; attempt < 50 && !refused; attempt += 1) {
      refused = (await b.http.get('/api/v1/users/user/settings', { token: member.token })).status === 401;
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(refused, 'B drops its cached user when A changes the role');
  });

  it('keeps socket events inside their deployment when two share one Redis', async () => {
    // Same database (so the same user and rooms), another REDIS_KEY_PREFIX: another deployment.
    const other = await a.peer({ REDIS_URL, REDIS_KEY_PREFIX: `test-other-${randomBytes(6).toString('hex')}` });
    const socket = await openSocket(a.url, admin.token);
    try {
      const changes = record<{ chat_id: string }>(socket, 'chats:changed');
      const foreign = await other.http.post('/api/v1/chats/new', { chat: chatJson('Foreign') }, { token: admin.token });
      assert.equal(foreign.status, 200);
      // B (same deployment) publishes after the other one did: once its event is here, the foreign
      // one would have been too.
      const own = nextEvent(socket, 'chats:changed', (event) => event.action === 'created');
      const chat = await b.http.post('/api/v1/chats/new', { chat: chatJson('Own') }, { token: admin.token });
      assert.equal((await own).chat_id, chat.body.id);
      await sleep(200);
      assert.deepEqual(
        changes.map((event) => event.chat_id).filter((id) => id === foreign.body.id),
        [],
        'an event of another deployment reached this one',
      );
    } finally {
      socket.close();
      await other.stop();
    }
  });

  it("keeps B's socket events reaching A after A's adapter subscriber lost its connection while re-subscribing", async () => {
    const socket = await openSocket(a.url, admin.token);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { sub } = a.nest.get<SocketRedis | null>(SOCKET_REDIS)!.adapterClients;
      // The connection drops; on the reconnect it is closed before Redis answers the
      // re-subscription (nothing more is read from it), then it comes back.
      const lostAgain = new Promise<void>((resolve) =>
        sub.once('ready', () => {
          sub.once('end', () => resolve());
          sub.disconnect();
          sub.stream.destroy();
        }),
      );
      sub.disconnect(true);
      await lostAgain;
      await sub.connect();
      await sleep(100); // the re-subscription reaches Redis

      const created = nextEvent(socket, 'chats:changed', (event) => event.action === 'created');
      const chat = await b.http.post('/api/v1/chats/new', { chat: chatJson('Across') }, { token: admin.token });
      assert.equal(chat.status, 200);
      assert.equal((await created).chat_id, chat.body.id);
      assert.deepEqual(unhandled.map(String), [], 'a lost re-subscription is handled, not left to crash the process');
    } finally {
      process.off('unhandledRejection', onUnhandled);
      socket.close();
    }
  });
});
