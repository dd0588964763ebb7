import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCESS_PROHIBITED,
  chatJson,
  ids,
  importChats,
  newChat,
  newFolder,
  NOT_FOUND,
  series,
  setChatPermission,
  sorted,
  chatsFixture,
} from './support/chats.js';
import type { TestUser } from './support/factories.js';
import { nextEvent, openSocket, record } from './support/sockets.js';

describe('chat messages and permissions', () => {
  const fx = chatsFixture();
  const { fresh, get, post } = fx;

  it('upserts message content: merges into an existing message, creates a missing one, moves currentId', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Streaming');
    const assistantId: string = chat.chat.history.currentId;
    const userId: string = chat.chat.history.messages[assistantId].parentId;

    const merged = await post(`/${chat.id}/messages/${assistantId}`, { content: 'Edited answer' }, owner);
    assert.equal(merged.status, 200);
    assert.equal(merged.body.id, chat.id);
    const message = merged.body.chat.history.messages[assistantId];
    assert.equal(message.content, 'Edited answer');
    assert.equal(message.role, 'assistant', 'other fields of the message are kept');
    assert.equal(message.model, 'gpt-4o');
    assert.equal(message.parentId, userId);
    assert.equal(merged.body.chat.history.messages[userId].content, 'Hello there', 'other messages untouched');

    const created = await post(`/${chat.id}/messages/brand-new`, { content: 'Fresh' }, owner);
    assert.equal(created.status, 200);
    assert.equal(created.body.chat.history.messages['brand-new'].id, 'brand-new');
    assert.equal(created.body.chat.history.messages['brand-new'].content, 'Fresh');
    assert.equal(created.body.chat.history.currentId, 'brand-new');
    assert.equal(created.body.chat.title, 'Streaming');

    const read = await get(`/${chat.id}`, owner);
    assert.equal(read.body.chat.history.currentId, 'brand-new');
    assert.equal(read.body.chat.history.messages[assistantId].content, 'Edited answer');
    assert.equal(Object.keys(read.body.chat.history.messages).length, 3);

    const empty = await post(`/${chat.id}/messages/${assistantId}`, {}, owner);
    assert.equal(empty.status, 422);
    const wrongType = await post(`/${chat.id}/messages/${assistantId}`, { content: 42 }, owner);
    assert.equal(wrongType.status, 422);
  });

  it('tells the owner’s tabs about an upsert with a chat:message event, also when an admin writes', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Live edit');
    const socket = await openSocket(fx.app.url, owner.token);
    try {
      for (const [messageId, content, who] of [
        ['m-owner', 'By the owner', owner],
        ['m-admin', 'By an admin', fx.cast.admin],
      ] as const) {
        const event = nextEvent(socket, 'events', (envelope) => envelope.message_id === messageId);
        assert.equal((await post(`/${chat.id}/messages/${messageId}`, { content }, who)).status, 200);
        assert.deepEqual(await event, {
          chat_id: chat.id,
          message_id: messageId,
          data: { type: 'chat:message', data: { chat_id: chat.id, message_id: messageId, content } },
        });
      }
    } finally {
      socket.close();
    }
  });

  it('tells the owner’s tabs about a rename with chat:title, and only about a rename', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Old name');
    const currentId: string = chat.chat.history.currentId;
    const socket = await openSocket(fx.app.url, owner.token);
    try {
      const titles = record<{ data: { type: string } }>(socket, 'events');
      const renamed = nextEvent(socket, 'events', (envelope) => envelope.data.type === 'chat:title');
      assert.equal((await post(`/${chat.id}`, { chat: { title: 'New name' } }, owner)).status, 200);
      assert.deepEqual(await renamed, {
        chat_id: chat.id,
        message_id: currentId,
        data: { type: 'chat:title', data: 'New name' },
      });
      // A save that keeps the title, then a second rename: only the rename is announced.
      assert.equal((await post(`/${chat.id}`, { chat: { title: 'New name', tags: [] } }, owner)).status, 200);
      const again = nextEvent(socket, 'events', (envelope) => envelope.data.data === 'Third name');
      assert.equal((await post(`/${chat.id}`, { chat: { title: 'Third name' } }, owner)).status, 200);
      await again;
      assert.equal(titles.filter((envelope) => envelope.data.type === 'chat:title').length, 2);
    } finally {
      socket.close();
    }
  });

  it('applies message events to the stored message: status history, replace, append', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Events');
    const messageId: string = chat.chat.history.currentId;
    const event = (body: unknown, who: TestUser = owner) => post(`/${chat.id}/messages/${messageId}/event`, body, who);
    const status = { action: 'web_search', description: 'Searching', done: false };
    const first = await event({ type: 'status', data: status });
    assert.equal(first.status, 200);
    assert.equal(first.body, true);
    await event({ type: 'replace', data: { content: 'Replaced' } });
    await event({ type: 'message', data: { content: ' and appended' } }, fx.cast.admin);
    const message = (await get(`/${chat.id}`, owner)).body.chat.history.messages[messageId];
    assert.deepEqual(message.statusHistory, [status]);
    assert.equal(message.content, 'Replaced and appended');
    assert.equal(message.role, 'assistant');
    assert.equal((await event({ data: {} })).status, 422, 'type is required');
  });

  it('lets admins upsert into any chat, but not other users', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Watched');
    const foreign = await post(`/${chat.id}/messages/m-other`, { content: 'nope' }, fx.cast.other);
    assert.equal(foreign.status, 401);
    assert.equal(foreign.body.detail, NOT_FOUND);
    const byAdmin = await post(`/${chat.id}/messages/m-admin`, { content: 'from admin' }, fx.cast.admin);
    assert.equal(byAdmin.status, 200);
    const read = await get(`/${chat.id}`, owner);
    assert.equal(read.body.chat.history.messages['m-admin'].content, 'from admin');
    assert.equal(read.body.chat.history.messages['m-other'], undefined);
    assert.equal(read.body.user_id, owner.id);
  });

  it('keeps all 20 of 20 parallel upserts with different message ids', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Race');
    const messageIds = Array.from({ length: 20 }, (_, i) => `parallel-${i}`);
    const responses = await Promise.all(
      messageIds.map((id) => post(`/${chat.id}/messages/${id}`, { content: `content of ${id}` }, owner)),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      messageIds.map(() => 200),
    );
    const read = await get(`/${chat.id}`, owner);
    const messages = read.body.chat.history.messages;
    const missing = messageIds.filter((id) => messages[id]?.content !== `content of ${id}`);
    assert.deepEqual(missing, [], `lost updates: ${missing.length} of 20`);
    assert.equal(Object.keys(messages).length, 22, 'the two original messages survive as well');
    assert.ok(messageIds.includes(read.body.chat.history.currentId));

    // A whole-chat save from the SPA afterwards still wins: its history replaces the stored one.
    const history = { messages: { only: { id: 'only', role: 'user', content: 'reset' } }, currentId: 'only' };
    const saved = await post(`/${chat.id}`, { chat: { history } }, owner);
    assert.equal(saved.status, 200);
    assert.deepEqual((await get(`/${chat.id}`, owner)).body.chat.history, history);
    assert.equal((await get(`/${chat.id}`, owner)).body.title, 'Race');
  });

  it('keeps every message when upserts race whole-chat saves (renames)', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Saved while streaming');
    const messageIds = Array.from({ length: 15 }, (_, i) => `saved-${i}`);
    const results = await Promise.all([
      ...messageIds.map((id) => post(`/${chat.id}/messages/${id}`, { content: id }, owner)),
      ...Array.from({ length: 5 }, (_, i) => post(`/${chat.id}`, { chat: { title: `Renamed ${i}` } }, owner)),
    ]);
    assert.ok(results.every((response) => response.status === 200));
    const read = await get(`/${chat.id}`, owner);
    const lost = messageIds.filter((id) => read.body.chat.history.messages[id]?.content !== id);
    assert.deepEqual(lost, [], 'a save folds pending writes in and never drops one written meanwhile');
    assert.match(read.body.title, /^Renamed \d$/);
  });

  it('keeps every message when parallel upserts race a pin toggle', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Mixed');
    const messageIds = Array.from({ length: 10 }, (_, i) => `mixed-${i}`);
    const results = await Promise.all([
      ...messageIds.map((id) => post(`/${chat.id}/messages/${id}`, { content: id }, owner)),
      post(`/${chat.id}/pin`, undefined, owner),
    ]);
    assert.ok(results.every((response) => response.status === 200));
    const read = await get(`/${chat.id}`, owner);
    assert.deepEqual(
      messageIds.filter((id) => read.body.chat.history.messages[id]?.content !== id),
      [],
    );
    assert.equal(read.body.pinned, true, 'the pin toggle is not lost either');
  });

  it('needs chat.delete to delete one chat or all; admins are not bound by it', async () => {
    const owner = await fresh();
    const [chat, second] = await importChats(fx.app, owner, series(2, 'Guarded'));
    const adminChat = await newChat(fx.app, fx.cast.admin, 'Admin own');
    const restore = await setChatPermission(fx.app, fx.cast.admin, 'delete', false);
    try {
      const one = await fx.app.http.delete(`/api/v1/chats/${chat.id}`, { token: owner.token });
      assert.equal(one.status, 401);
      assert.equal(one.body.detail, ACCESS_PROHIBITED);
      const all = await fx.app.http.delete('/api/v1/chats/', { token: owner.token });
      assert.equal(all.status, 401);
      assert.equal(all.body.detail, ACCESS_PROHIBITED);
      assert.deepEqual(sorted(ids((await get('/', owner)).body)), sorted([chat.id, second.id]));
      const byAdmin = await fx.app.http.delete(`/api/v1/chats/${second.id}`, { token: fx.cast.admin.token });
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body, true);
      const adminOwn = await fx.app.http.delete(`/api/v1/chats/${adminChat.id}`, { token: fx.cast.admin.token });
      assert.equal(adminOwn.body, true);
    } finally {
      await restore();
    }
    assert.deepEqual(ids((await get('/', owner)).body), [chat.id]);
    assert.equal((await fx.app.http.delete(`/api/v1/chats/${chat.id}`, { token: owner.token })).body, true);
  });

  it('stores folder_id from /new without touching the main list, and lists it with include_folders', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Inbox');
    const inFolder = await newChat(fx.app, owner, 'Filed', { folder_id: folder.id });
    const loose = await newChat(fx.app, owner, 'Loose');
    assert.equal(inFolder.folder_id, folder.id);
    assert.deepEqual(ids((await get('/', owner)).body), [loose.id]);
    assert.deepEqual(sorted(ids((await get('/?include_folders=true', owner)).body)), sorted([inFolder.id, loose.id]));

    const pinned = await post(`/${loose.id}/pin`, undefined, owner);
    assert.equal(pinned.body.pinned, true);
    const moved = await post(`/${loose.id}/folder`, { folder_id: folder.id }, owner);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.folder_id, folder.id);
    assert.equal(moved.body.pinned, false, 'moving into a folder unpins');
    const out = await post(`/${loose.id}/folder`, { folder_id: null }, owner);
    assert.equal(out.body.folder_id, null);
    assert.deepEqual(ids((await get('/', owner)).body), [loose.id]);
    assert.equal((await post(`/${loose.id}/folder`, {}, owner)).status, 422);
  });

  it('imports many chats in one request, untitled ones as "New Chat"', async () => {
    const owner = await fresh();
    const created = await importChats(fx.app, owner, [
      ...series(5, 'Batch'),
      { chat: { ...chatJson(), title: undefined } },
    ]);
    assert.equal(created.length, 6);
    assert.equal(new Set(ids(created)).size, 6);
    assert.equal(created[5].title, 'New Chat');
    assert.deepEqual((await post('/import', { chats: [] }, owner)).body, []);
    assert.equal((await get('/', owner)).body.length, 6);
  });
});
