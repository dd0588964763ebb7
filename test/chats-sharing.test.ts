import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ACCESS_PROHIBITED,
  CHAT_KEYS,
  ids,
  importChats,
  LIST_ITEM_KEYS,
  newChat,
  NOT_FOUND,
  series,
  setChatPermission,
  sorted,
  titles,
  UUID,
  chatsFixture,
} from './support/chats.js';

describe('chat sharing and admin access', () => {
  const fx = chatsFixture();
  const { fresh, get, post } = fx;

  it('shares a snapshot copy that any verified user can read, and refreshes it on re-share', async () => {
    const owner = await fresh();
    const [chat] = await importChats(fx.app, owner, [
      { chat: { title: 'Shared plan', models: ['m'] }, meta: { tags: ['plan'] }, created_at: 1_650_000_000 },
    ]);
    const shared = await post(`/${chat.id}/share`, undefined, owner);
    assert.equal(shared.status, 200);
    assert.deepEqual(Object.keys(shared.body).sort(), CHAT_KEYS);
    assert.match(shared.body.id, UUID);
    assert.notEqual(shared.body.id, chat.id);
    assert.equal(shared.body.user_id, `shared-${chat.id}`);
    assert.equal(shared.body.title, 'Shared plan');
    assert.deepEqual(shared.body.chat, chat.chat);
    assert.deepEqual(shared.body.meta, { tags: ['plan'] });
    assert.equal(shared.body.created_at, 1_650_000_000);
    const shareId: string = shared.body.id;
    assert.equal((await get(`/${chat.id}`, owner)).body.share_id, shareId);

    for (const reader of [fx.cast.other, owner, fx.cast.admin]) {
      const read = await get(`/share/${shareId}`, reader);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, shareId);
      assert.equal(read.body.user_id, `shared-${chat.id}`);
      assert.equal(read.body.title, 'Shared plan');
    }
    assert.equal((await get(`/share/${shareId}`, fx.cast.pending)).status, 401);
    const byOriginalId = await get(`/share/${chat.id}`, fx.cast.other);
    assert.equal(byOriginalId.status, 401, 'users resolve share ids only');
    assert.equal(byOriginalId.body.detail, NOT_FOUND);
    // The share page shows who shared it: the snapshot's owner id resolves to the chat owner's card.
    const card = await fx.app.http.get(`/api/v1/users/shared-${chat.id}`, { token: fx.cast.other.token });
    assert.equal(card.status, 200, card.text);
    const ownerCard = await fx.app.http.get(`/api/v1/users/${owner.id}`, { token: fx.cast.other.token });
    assert.deepEqual(card.body, ownerCard.body);
    const unsharedChat = await newChat(fx.app, await fresh(), 'Private');
    for (const id of [unsharedChat.id, randomUUID()]) {
      const hidden = await fx.app.http.get(`/api/v1/users/shared-${id}`, { token: fx.cast.other.token });
      assert.equal(hidden.status, 400, 'an unshared chat gives its owner away no more than a missing one');
    }

    const unknown = await get(`/share/${randomUUID()}`, fx.cast.other);
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.detail, NOT_FOUND);

    assert.deepEqual(ids((await get('/', owner)).body), [chat.id], 'the copy is in nobody’s list');
    assert.deepEqual((await get('/', fx.cast.other)).body, []);

    await post(`/${chat.id}`, { chat: { title: 'Shared plan v2' } }, owner);
    assert.equal((await get(`/share/${shareId}`, fx.cast.other)).body.title, 'Shared plan', 'a snapshot, not a view');
    const reshared = await post(`/${chat.id}/share`, undefined, owner);
    assert.equal(reshared.body.id, shareId, 're-sharing keeps the share id');
    assert.equal(reshared.body.title, 'Shared plan v2');
    const refreshed = await get(`/share/${shareId}`, fx.cast.other);
    assert.equal(refreshed.body.title, 'Shared plan v2');
    assert.equal(refreshed.body.chat.title, 'Shared plan v2');
  });

  it('unshares (true, then false when not shared) and drops the copy with the original', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Ephemeral');
    const notShared = await fx.app.http.delete(`/api/v1/chats/${chat.id}/share`, { token: owner.token });
    assert.equal(notShared.status, 200);
    assert.equal(notShared.body, false);

    const shareId = (await post(`/${chat.id}/share`, undefined, owner)).body.id;
    const unshared = await fx.app.http.delete(`/api/v1/chats/${chat.id}/share`, { token: owner.token });
    assert.equal(unshared.body, true);
    assert.equal((await get(`/share/${shareId}`, fx.cast.other)).status, 401);
    assert.equal((await get(`/${chat.id}`, owner)).body.share_id, null);
    assert.equal((await fx.app.http.delete(`/api/v1/chats/${chat.id}/share`, { token: owner.token })).body, false);

    const again = (await post(`/${chat.id}/share`, undefined, owner)).body.id;
    assert.equal((await get(`/share/${again}`, fx.cast.other)).status, 200);
    const allDb = async () => ids((await get('/all/db', fx.cast.admin)).body);
    assert.ok((await allDb()).includes(again), '/all/db includes shared copies');
    assert.equal((await fx.app.http.delete(`/api/v1/chats/${chat.id}`, { token: owner.token })).body, true);
    assert.equal((await get(`/share/${again}`, fx.cast.other)).status, 401);
    assert.ok(!(await allDb()).includes(again), 'deleting the original deletes the copy');

    const bulk = await newChat(fx.app, owner, 'Bulk shared');
    const bulkShare = (await post(`/${bulk.id}/share`, undefined, owner)).body.id;
    await fx.app.http.delete('/api/v1/chats/', { token: owner.token });
    assert.equal((await get(`/share/${bulkShare}`, fx.cast.other)).status, 401);
    assert.ok(!(await allDb()).includes(bulkShare), 'delete-all removes shared copies too');
  });

  it('clones a shared chat into the reader’s own chats', async () => {
    const owner = await fresh();
    const reader = await fresh();
    const chat = await newChat(fx.app, owner, 'Worth copying');
    const shareId = (await post(`/${chat.id}/share`, undefined, owner)).body.id;
    const cloned = await post(`/${shareId}/clone/shared`, undefined, reader);
    assert.equal(cloned.status, 200);
    assert.equal(cloned.body.user_id, reader.id);
    assert.equal(cloned.body.title, 'Clone of Worth copying');
    assert.ok(![chat.id, shareId].includes(cloned.body.id));
    assert.deepEqual(ids((await get('/', reader)).body), [cloned.body.id]);
    const missing = await post(`/${randomUUID()}/clone/shared`, undefined, reader);
    assert.equal(missing.status, 401);
    assert.equal((await post(`/${chat.id}/clone/shared`, undefined, reader)).status, 401, 'needs the share id');
  });

  it('needs chat.share to share for users, not for admins; others cannot share your chat', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Not for sharing');
    const foreign = await post(`/${chat.id}/share`, undefined, fx.cast.other);
    assert.equal(foreign.status, 401);
    assert.equal(foreign.body.detail, NOT_FOUND);
    const adminChat = await newChat(fx.app, fx.cast.admin, 'Admin shares');
    const restore = await setChatPermission(fx.app, fx.cast.admin, 'share', false);
    try {
      const refused = await post(`/${chat.id}/share`, undefined, owner);
      assert.equal(refused.status, 401);
      assert.equal(refused.body.detail, ACCESS_PROHIBITED);
      assert.equal((await get(`/${chat.id}`, owner)).body.share_id, null);
      const byAdmin = await post(`/${adminChat.id}/share`, undefined, fx.cast.admin);
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body.user_id, `shared-${adminChat.id}`);
    } finally {
      await restore();
    }
    assert.equal((await post(`/${chat.id}/share`, undefined, owner)).status, 200);
  });

  it('lists a user’s chats for admins (archived too), 60 a page, with query and ordering', async () => {
    const owner = await fresh();
    const created = await importChats(fx.app, owner, series(61, 'Audit'));
    await post(`/${created[0].id}/archive`, undefined, owner);
    const path = `/list/user/${owner.id}`;
    const first = await get(`${path}?page=1`, fx.cast.admin);
    assert.equal(first.status, 200);
    assert.equal(first.body.length, 60);
    assert.deepEqual(Object.keys(first.body[0]).sort(), LIST_ITEM_KEYS);
    const second = await get(`${path}?page=2`, fx.cast.admin);
    assert.equal(second.body.length, 1);
    assert.deepEqual(
      sorted([...ids(first.body), ...ids(second.body)]),
      sorted(ids(created)),
      'includes the archived chat',
    );
    const query = await get(`${path}?query=audit 00`, fx.cast.admin);
    assert.deepEqual(sorted(titles(query.body)), titles(created.slice(0, 10)));
    const asc = await get(`${path}?query=audit 00&order_by=title&direction=asc`, fx.cast.admin);
    assert.deepEqual(titles(asc.body), titles(created.slice(0, 10)));
    const desc = await get(`${path}?query=audit 00&order_by=title&direction=desc`, fx.cast.admin);
    assert.deepEqual(titles(desc.body), titles(created.slice(0, 10)).reverse());
    assert.equal((await get(`${path}?order_by=no_such_column`, fx.cast.admin)).status, 422);
    assert.equal((await get(path, owner)).status, 401);
    assert.equal((await get(path, fx.cast.pending)).status, 401);
  });

  it('exports the whole database for admins only', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'In the DB');
    const all = await get('/all/db', fx.cast.admin);
    assert.equal(all.status, 200);
    const found = all.body.find((row: any) => row.id === chat.id);
    assert.equal(found.user_id, owner.id);
    assert.deepEqual(Object.keys(found).sort(), CHAT_KEYS);
    const refused = await get('/all/db', owner);
    assert.equal(refused.status, 401);
  });
});

describe('chat admin access switched off', () => {
  const fx = chatsFixture({ ENABLE_ADMIN_CHAT_ACCESS: 'false', ENABLE_ADMIN_EXPORT: 'false' });

  it('refuses /list/user and /all/db to admins with 401, but share links still work for them', async () => {
    const chat = await newChat(fx.app, fx.cast.user, 'Off limits');
    const list = await fx.app.http.get(`/api/v1/chats/list/user/${fx.cast.user.id}`, { token: fx.cast.admin.token });
    assert.equal(list.status, 401);
    const db = await fx.app.http.get('/api/v1/chats/all/db', { token: fx.cast.admin.token });
    assert.equal(db.status, 401);
    const shared = await fx.app.http.post(`/api/v1/chats/${chat.id}/share`, undefined, { token: fx.cast.user.token });
    const read = await fx.app.http.get(`/api/v1/chats/share/${shared.body.id}`, { token: fx.cast.admin.token });
    assert.equal(read.status, 200);
    assert.equal(read.body.title, 'Off limits');
    const byChatId = await fx.app.http.get(`/api/v1/chats/share/${chat.id}`, { token: fx.cast.admin.token });
    assert.equal(byChatId.status, 401, 'without admin chat access, admins resolve share ids like users');
  });
});
