import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import { createApiKey, enableApiKeys, newUser } from './support/factories.js';
import { appFixture } from './support/fixture.js';
import { emitWithAck, eventually, nextEvent, openSocket, record, sleep } from './support/sockets.js';

describe('realtime gateway (Socket.IO at /ws/socket.io)', () => {
  const t = appFixture({ WEBSOCKET_PRESENCE_TTL: '2' });
  const sockets: Socket[] = [];
  const open = async (token?: string) => {
    const socket = await openSocket(t.app.url, token);
    sockets.push(socket);
    return socket;
  };
  after(() => sockets.forEach((socket) => socket.close()));

  const newChat = async (token: string) => {
    const created = await t.app.http.post('/api/v1/chats/new', { chat: { title: 'Live' } }, { token });
    assert.equal(created.status, 200);
    return created.body.id as string;
  };

  it('puts a socket with a session token in its user’s room: chat changes and message events arrive', async () => {
    const socket = await open(t.cast.user.token);
    const created = nextEvent(socket, 'chats:changed', (event) => event.action === 'created');
    const chatId = await newChat(t.cast.user.token);
    assert.deepEqual(await created, { chat_id: chatId, action: 'created' });

    const event = nextEvent(socket, 'events');
    const sent = await t.app.http.post(
      `/api/v1/chats/${chatId}/messages/m1/event`,
      { type: 'status', data: { description: 'Searching', done: false } },
      { token: t.cast.user.token },
    );
    assert.equal(sent.status, 200);
    assert.deepEqual(await event, {
      chat_id: chatId,
      message_id: 'm1',
      data: { type: 'status', data: { description: 'Searching', done: false } },
    });
  });

  it('never sends one user’s events to another user’s sockets', async () => {
    const mine = await open(t.cast.user.token);
    const theirs = await open(t.cast.other.token);
    const leaked = record(theirs, 'chats:changed');
    const arrived = nextEvent(mine, 'chats:changed');
    await newChat(t.cast.user.token);
    await arrived;
    await sleep(100);
    assert.deepEqual(leaked, []);
  });

  it('accepts anonymous sockets without a room, and registers them on user-join with a session token', async () => {
    const socket = await open();
    const seen = record(socket, 'chats:changed');
    await newChat(t.cast.user.token);
    await sleep(100);
    assert.deepEqual(seen, [], 'an anonymous socket gets no user events');

    assert.equal(await emitWithAck(socket, 'user-join', { auth: { token: 'not-a-jwt' } }), null);
    const ack = await emitWithAck(socket, 'user-join', { auth: { token: t.cast.user.token } });
    assert.deepEqual(ack, { id: t.cast.user.id, name: 'Alice' });
    const arrived = nextEvent(socket, 'chats:changed');
    await newChat(t.cast.user.token);
    await arrived;
  });

  it('registers on the web app’s user-join, which sends no acknowledgement callback, without an error', async () => {
    const socket = await open();
    // An error in a handler reaches the client as an `exception` event (and the server's error log).
    const exceptions = record(socket, 'exception');
    const joining = await newUser(t.app, t.cast.admin);
    socket.emit('user-join', { auth: { token: joining.token } });
    const active = async () =>
      (await t.app.http.get(`/api/v1/users/${joining.id}/active`, { token: t.cast.admin.token })).body.active === true;
    assert.ok(await eventually(active));
    const arrived = nextEvent(socket, 'chats:changed');
    await newChat(joining.token);
    await arrived;
    await sleep(100);
    assert.deepEqual(exceptions, []);
  });

  it('refuses API keys on the socket (session tokens only), like upstream', async () => {
    await enableApiKeys(t.app, t.cast.admin);
    const key = await createApiKey(t.app, t.cast.user);
    const socket = await open(key);
    const seen = record(socket, 'chats:changed');
    assert.equal(await emitWithAck(socket, 'user-join', { auth: { token: key } }), null);
    await newChat(t.cast.user.token);
    await sleep(100);
    assert.deepEqual(seen, []);
  });

  it('ignores malformed client payloads without dropping the socket', async () => {
    const socket = await open(t.cast.other.token);
    for (const payload of [null, 'x', 42, [], { auth: null }, { auth: { token: 7 } }]) {
      socket.emit('user-join', payload);
      socket.emit('usage', payload);
    }
    socket.emit('heartbeat');
    socket.emit('join-channels', {});
    const ack = await emitWithAck(socket, 'user-join', { auth: { token: t.cast.other.token } });
    assert.equal(ack.id, t.cast.other.id);
    assert.ok(socket.connected);
  });

  it('keeps the pools: active users and models in use, expiring 3 s after the last usage event', async () => {
    const token = t.cast.admin.token;
    const socket = await open(token);
    const usage = async () => (await t.app.http.get('/api/usage', { token: t.cast.user.token })).body;
    assert.ok((await usage()).user_ids.includes(t.cast.admin.id));
    assert.deepEqual((await t.app.http.get(`/api/v1/users/${t.cast.admin.id}/active`, { token })).body, {
      active: true,
    });
    assert.ok((await t.app.http.get('/api/v1/users/active', { token })).body.user_ids.includes(t.cast.admin.id));
    assert.equal((await t.app.http.get(`/api/v1/users/${t.cast.admin.id}`, { token })).body.active, true);

    socket.emit('usage', { action: 'chat', model: 'gpt-live', chat_id: 'c1' });
    assert.ok(await eventually(async () => (await usage()).model_ids.includes('gpt-live')));
    // No usage event for 3 s: the model is no longer in use.
    assert.ok(await eventually(async () => !(await usage()).model_ids.includes('gpt-live'), 5000, 250));

    const pendingSocket = await open(t.cast.pending.token);
    assert.ok(await eventually(async () => (await usage()).user_ids.includes(t.cast.pending.id)));
    pendingSocket.close();
    socket.close();
    assert.ok(await eventually(async () => !(await usage()).user_ids.includes(t.cast.admin.id)));
    assert.equal((await t.app.http.get(`/api/v1/users/${t.cast.admin.id}/active`, { token })).body.active, false);
  });

  it('answers a websocket-transport request without upgrade headers with 400 {detail}', async () => {
    const response = await fetch(`${t.app.url}/ws/socket.io/?EIO=4&transport=websocket`);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { detail: 'Invalid WebSocket upgrade request' });
  });
});
