import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  CHAT_KEYS,
  chatJson,
  ids,
  importChats,
  LIST_ITEM_KEYS,
  newChat,
  newFolder,
  NOT_FOUND,
  now,
  series,
  sorted,
  titles,
  UUID,
  chatsFixture,
} from './support/chats.js';
import { createApiKey, enableApiKeys, type TestUser } from './support/factories.js';

describe('chats', () => {
  const fx = chatsFixture();
  const { fresh, get, post } = fx;

  it('creates a chat and reads it back as the owner; list items carry only id, title and times', async () => {
    const owner = await fresh();
    const before = now();
    const json = chatJson('Trip to Rome');
    const created = await post('/new', { chat: json }, owner);
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body).sort(), CHAT_KEYS);
    assert.match(created.body.id, UUID);
    assert.equal(created.body.user_id, owner.id);
    assert.equal(created.body.title, 'Trip to Rome');
    assert.deepEqual(created.body.chat, json);
    assert.deepEqual(created.body.meta, {});
    assert.equal(created.body.pinned, false);
    assert.equal(created.body.archived, false);
    assert.equal(created.body.share_id, null);
    assert.equal(created.body.folder_id, null);
    assert.ok(created.body.created_at >= before && created.body.created_at <= now() + 1, 'epoch seconds');

    const read = await get(`/${created.body.id}`, owner);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);

    const untitled = await post('/new', { chat: { models: [] } }, owner);
    assert.equal(untitled.body.title, 'New Chat');

    for (const path of ['/?page=1', '/', '/list', '/list?page=1']) {
      const list = await get(path, owner);
      assert.equal(list.status, 200, path);
      assert.deepEqual(titles(list.body).sort(), ['New Chat', 'Trip to Rome'], path);
      for (const item of list.body) assert.deepEqual(Object.keys(item).sort(), LIST_ITEM_KEYS, path);
    }
    assert.deepEqual((await get('/', await fresh())).body, [], 'lists are per user');
  });

  it('rejects a body without chat with a 422 detail list, and strips null bytes', async () => {
    const owner = await fresh();
    const missing = await post('/new', {}, owner);
    assert.equal(missing.status, 422);
    assert.ok(Array.isArray(missing.body.detail) && missing.body.detail.length > 0, missing.text);
    const created = await post(
      '/new',
      { chat: { title: 'Nul\u0000led', messages: [{ role: 'user', content: 'a\u0000b' }] } },
      owner,
    );
    assert.equal(created.status, 200);
    assert.equal(created.body.title, 'Nulled');
    const read = await get(`/${created.body.id}`, owner);
    assert.equal(read.body.chat.title, 'Nulled');
    assert.equal(read.body.chat.messages[0].content, 'ab');
    const updated = await post(`/${created.body.id}`, { chat: { title: 'x\u0000y' } }, owner);
    assert.equal(updated.body.title, 'xy');
  });

  it('merges updates top-level, keeps the title column in step, bumps updated_at and ignores folder_id', async () => {
    const owner = await fresh();
    const [chat] = await importChats(fx.app, owner, [
      { chat: { ...chatJson('Original'), params: { temperature: 0.2 } }, created_at: 1000, updated_at: 1000 },
    ]);
    const folder = await newFolder(fx.app, owner, 'Somewhere');
    const history = { messages: { m1: { id: 'm1', role: 'user', content: 'replaced' } }, currentId: 'm1' };
    const saved = await post(`/${chat.id}`, { chat: { models: ['llama3'], history }, folder_id: folder.id }, owner);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.title, 'Original');
    assert.equal(saved.body.chat.title, 'Original');
    assert.deepEqual(saved.body.chat.models, ['llama3']);
    assert.deepEqual(saved.body.chat.params, { temperature: 0.2 }, 'untouched keys stay');
    assert.deepEqual(saved.body.chat.history, history, 'history is replaced, not deep-merged');
    assert.equal(saved.body.chat.messages.length, 2);
    assert.equal(saved.body.folder_id, null, 'folder_id in the body is ignored');
    assert.equal(saved.body.created_at, 1000);
    assert.ok(saved.body.updated_at >= now() - 5, `updated_at bumped: ${saved.body.updated_at}`);

    const renamed = await post(`/${chat.id}`, { chat: { title: 'Renamed' } }, owner);
    assert.equal(renamed.body.title, 'Renamed');
    assert.deepEqual(renamed.body.chat.models, ['llama3']);
    assert.equal((await get(`/${chat.id}`, owner)).body.title, 'Renamed');
    const blank = await post(`/${chat.id}`, { chat: { title: '' } }, owner);
    assert.equal(blank.body.title, 'New Chat');
    const noChat = await post(`/${chat.id}`, {}, owner);
    assert.equal(noChat.status, 422);
  });

  it('answers other users, admins and missing ids alike on owner routes: 401 not found, nothing changes', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Private');
    const routes: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['POST', '', { chat: { title: 'Hijacked' } }],
      ['GET', '/pinned', undefined],
      ['POST', '/pin', undefined],
      ['POST', '/clone', {}],
      ['POST', '/archive', undefined],
      ['POST', '/share', undefined],
      ['DELETE', '/share', undefined],
      ['POST', '/folder', { folder_id: null }],
      ['GET', '/tags', undefined],
      ['POST', '/tags', { name: 'stolen' }],
      ['DELETE', '/tags', { name: 'stolen' }],
      ['DELETE', '/tags/all', undefined],
      ['POST', '/messages/m1', { content: 'injected' }],
      ['POST', '/messages/m1/event', { type: 'status', data: {} }],
      ['DELETE', '', undefined],
    ];
    const cases: [TestUser, string, string][] = [
      [fx.cast.other, chat.id, 'other user'],
      [owner, randomUUID(), 'missing id'],
      [owner, 'not-a-uuid', 'malformed id'],
    ];
    for (const [who, id, label] of cases) {
      for (const [method, suffix, body] of routes) {
        const response = await fx.app.http.request(method, `/api/v1/chats/${id}${suffix}`, body, { token: who.token });
        assert.equal(response.status, 401, `${method} /${suffix} as ${label}: ${response.text}`);
        assert.equal(response.body.detail, NOT_FOUND, `${method} /${suffix} as ${label}`);
      }
    }
    for (const suffix of ['', '/pinned', '/tags']) {
      const asAdmin = await get(`/${chat.id}${suffix}`, fx.cast.admin);
      assert.equal(asAdmin.status, 401, `admins have no read access via GET /{id}${suffix}`);
      assert.equal(asAdmin.body.detail, NOT_FOUND);
    }
    const unchanged = await get(`/${chat.id}`, owner);
    assert.equal(unchanged.status, 200);
    assert.equal(unchanged.body.title, 'Private');
    assert.equal(unchanged.body.pinned, false);
    assert.equal(unchanged.body.archived, false);
    assert.equal(unchanged.body.share_id, null);
    assert.deepEqual(unchanged.body.meta.tags ?? [], []);
    assert.deepEqual(unchanged.body.chat, chat.chat);
    assert.deepEqual(ids((await get('/', owner)).body), [chat.id]);
    assert.deepEqual((await get('/all/tags', fx.cast.other)).body, []);
  });

  it('refuses pending users with 401 on chat routes', async () => {
    const chat = await newChat(fx.app, fx.cast.user, 'Mine');
    for (const [method, path, body] of [
      ['GET', '/api/v1/chats/?page=1', undefined],
      ['POST', '/api/v1/chats/new', { chat: chatJson() }],
      ['GET', `/api/v1/chats/${chat.id}`, undefined],
      ['GET', '/api/v1/chats/all', undefined],
      ['POST', '/api/v1/chats/import', { chats: [] }],
      ['GET', '/api/v1/chats/search?text=x', undefined],
    ] as const) {
      const response = await fx.app.http.request(method, path, body, { token: fx.cast.pending.token });
      assert.equal(response.status, 401, `${method} ${path}`);
    }
  });

  it('needs chats:read on API keys for reads and chats:write for writes (403 otherwise)', async () => {
    await enableApiKeys(fx.app, fx.cast.admin);
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Keyed');
    const readKey = await createApiKey(fx.app, owner, ['chats:read']);
    assert.deepEqual(ids((await fx.app.http.get('/api/v1/chats/', { token: readKey })).body), [chat.id]);
    assert.equal((await fx.app.http.get(`/api/v1/chats/${chat.id}`, { apiKey: readKey })).body.title, 'Keyed');
    assert.equal((await fx.app.http.post('/api/v1/chats/new', { chat: chatJson() }, { token: readKey })).status, 403);
    assert.equal((await fx.app.http.post(`/api/v1/chats/${chat.id}/pin`, undefined, { token: readKey })).status, 403);
    assert.equal((await fx.app.http.delete(`/api/v1/chats/${chat.id}`, { token: readKey })).status, 403);

    const writeKey = await createApiKey(fx.app, owner, ['chats:write']);
    const created = await fx.app.http.post('/api/v1/chats/new', { chat: chatJson('By key') }, { token: writeKey });
    assert.equal(created.status, 200);
    assert.equal(created.body.user_id, owner.id);
    assert.equal((await fx.app.http.get('/api/v1/chats/', { token: writeKey })).status, 403);

    const profileKey = await createApiKey(fx.app, owner, ['profile']);
    assert.equal((await fx.app.http.get('/api/v1/chats/', { token: profileKey })).status, 403);
    assert.equal((await fx.app.http.get(`/api/v1/chats/${chat.id}`, { token: profileKey })).status, 403);
    assert.equal(
      (await fx.app.http.post('/api/v1/chats/new', { chat: chatJson() }, { token: profileKey })).status,
      403,
    );
    assert.equal((await get('/', owner)).body.length, 2, 'refused writes left nothing behind');
  });

  it('toggles pinned: pinned chats leave the main list and appear in /pinned', async () => {
    const owner = await fresh();
    const [plain, chat] = await importChats(fx.app, owner, series(2, 'Pin'));
    const pinned = await post(`/${chat.id}/pin`, undefined, owner);
    assert.equal(pinned.status, 200);
    assert.equal(pinned.body.pinned, true);
    assert.ok(pinned.body.updated_at >= now() - 5, 'pin bumps updated_at');
    assert.equal((await get(`/${chat.id}/pinned`, owner)).body, true);
    assert.equal((await get(`/${plain.id}/pinned`, owner)).body, false);
    assert.deepEqual(ids((await get('/', owner)).body), [plain.id]);
    assert.deepEqual(ids((await get('/?page=1', owner)).body), [plain.id]);
    assert.deepEqual(ids((await get('/?include_pinned=true', owner)).body), [chat.id, plain.id]);
    const pinnedList = await get('/pinned', owner);
    assert.deepEqual(ids(pinnedList.body), [chat.id]);
    assert.deepEqual(Object.keys(pinnedList.body[0]).sort(), LIST_ITEM_KEYS);

    const unpinned = await post(`/${chat.id}/pin`, undefined, owner);
    assert.equal(unpinned.body.pinned, false);
    assert.deepEqual((await get('/pinned', owner)).body, []);
    assert.deepEqual(sorted(ids((await get('/', owner)).body)), sorted([plain.id, chat.id]));
  });

  it('toggles archived on one chat: clears its folder, hides it from lists, shows it in the archive', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Box');
    const chat = await newChat(fx.app, owner, 'Old news', { folder_id: folder.id });
    const keep = await newChat(fx.app, owner, 'Current');
    const archived = await post(`/${chat.id}/archive`, undefined, owner);
    assert.equal(archived.status, 200);
    assert.equal(archived.body.archived, true);
    assert.equal(archived.body.folder_id, null);
    assert.deepEqual(ids((await get('/?include_folders=true&include_pinned=true', owner)).body), [keep.id]);
    assert.deepEqual(ids((await get('/all/archived', owner)).body), [chat.id]);
    assert.equal((await get('/all/archived', owner)).body[0].archived, true);
    const archivedList = await get('/archived?page=1', owner);
    assert.deepEqual(ids(archivedList.body), [chat.id]);
    assert.deepEqual(Object.keys(archivedList.body[0]).sort(), LIST_ITEM_KEYS);
    assert.equal((await get(`/${chat.id}`, owner)).body.archived, true, 'archived chats are still readable');

    const restored = await post(`/${chat.id}/archive`, undefined, owner);
    assert.equal(restored.body.archived, false);
    assert.equal(restored.body.folder_id, null, 'un-archiving does not restore the folder');
    assert.deepEqual((await get('/all/archived', owner)).body, []);
    assert.deepEqual(sorted(ids((await get('/', owner)).body)), sorted([chat.id, keep.id]));
  });

  it('archives and unarchives all own chats, and only those', async () => {
    const owner = await fresh();
    const bystander = await fresh();
    const mine = await importChats(fx.app, owner, series(3, 'Mine'));
    const theirs = await newChat(fx.app, bystander, 'Theirs');
    const archived = await post('/archive/all', undefined, owner);
    assert.equal(archived.status, 200);
    assert.equal(archived.body, true);
    assert.deepEqual((await get('/', owner)).body, []);
    assert.deepEqual(sorted(ids((await get('/all/archived', owner)).body)), sorted(ids(mine)));
    assert.deepEqual(ids((await get('/', bystander)).body), [theirs.id]);
    const restored = await post('/unarchive/all', undefined, owner);
    assert.equal(restored.body, true);
    assert.deepEqual((await get('/all/archived', owner)).body, []);
    assert.deepEqual(sorted(ids((await get('/', owner)).body)), sorted(ids(mine)));
  });

  it('clones a chat: "Clone of …" or the given title, originalChatId and branch point, same meta/pinned/folder', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Clones');
    const [source] = await importChats(fx.app, owner, [
      { chat: chatJson('Recipe'), meta: { tags: ['food'] }, pinned: true, folder_id: folder.id, created_at: 5 },
    ]);
    const clone = await post(`/${source.id}/clone`, {}, owner);
    assert.equal(clone.status, 200);
    assert.match(clone.body.id, UUID);
    assert.notEqual(clone.body.id, source.id);
    assert.equal(clone.body.user_id, owner.id);
    assert.equal(clone.body.title, 'Clone of Recipe');
    assert.equal(clone.body.chat.title, 'Clone of Recipe');
    assert.equal(clone.body.chat.originalChatId, source.id);
    assert.equal(clone.body.chat.branchPointMessageId, source.chat.history.currentId);
    assert.deepEqual(clone.body.chat.history, source.chat.history);
    assert.deepEqual(clone.body.meta, { tags: ['food'] });
    assert.equal(clone.body.pinned, true);
    assert.equal(clone.body.folder_id, folder.id);
    assert.ok(clone.body.created_at >= now() - 5, 'timestamps are new');

    const named = await post(`/${source.id}/clone`, { title: 'My variant' }, owner);
    assert.equal(named.body.title, 'My variant');
    assert.equal(named.body.chat.title, 'My variant');
    assert.equal((await get(`/${source.id}`, owner)).body.title, 'Recipe', 'the source is untouched');
    assert.equal((await get(`/${named.body.id}`, owner)).status, 200);
  });

  it('pages the main list 60 at a time, newest first; no page returns everything', async () => {
    const owner = await fresh();
    const created = await importChats(fx.app, owner, series(61, 'Paged'));
    assert.equal(created.length, 61);
    const newestFirst = [...ids(created)].reverse();
    const first = await get('/?page=1', owner);
    assert.equal(first.status, 200);
    assert.deepEqual(ids(first.body), newestFirst.slice(0, 60));
    assert.deepEqual(ids((await get('/?page=2', owner)).body), newestFirst.slice(60));
    assert.deepEqual((await get('/?page=3', owner)).body, []);
    assert.deepEqual(ids((await get('/', owner)).body), newestFirst);
    assert.equal((await get('/list?page=2', owner)).body.length, 1);
    const bad = await get('/?page=abc', owner);
    assert.equal(bad.status, 422);
  });

  it('pages and filters the archived list; an unknown order_by column is a 422', async () => {
    const owner = await fresh();
    const created = await importChats(fx.app, owner, [
      ...series(60, 'Archived'),
      { chat: chatJson('Zebra notes'), updated_at: 1 },
      { chat: chatJson('apple notes'), updated_at: 2 },
    ]);
    await post('/archive/all', undefined, owner);
    assert.equal((await get('/archived?page=1', owner)).body.length, 60);
    assert.equal((await get('/archived?page=2', owner)).body.length, 2);
    assert.deepEqual((await get('/archived?page=3', owner)).body, []);
    const query = await get('/archived?query=NOTES', owner);
    assert.deepEqual(sorted(titles(query.body)), ['Zebra notes', 'apple notes']);
    const byTitle = await get('/archived?query=notes&order_by=title&direction=asc', owner);
    assert.deepEqual(titles(byTitle.body), [...titles(byTitle.body)].sort());
    const desc = await get('/archived?query=notes&order_by=title&direction=desc', owner);
    assert.deepEqual(titles(desc.body), [...titles(byTitle.body)].reverse());
    const bad = await get('/archived?order_by=no_such_column', owner);
    assert.equal(bad.status, 422);
    assert.equal(created.length, 62);
  });

  it('exports all own chats (archived too) and imports them back with new ids and kept timestamps', async () => {
    const owner = await fresh();
    const [kept, archived] = await importChats(fx.app, owner, [
      { chat: chatJson('Keep'), meta: { tags: ['x'] }, created_at: 1_600_000_000, updated_at: 1_600_000_100 },
      { chat: chatJson('Archive me'), created_at: 1_600_000_200, updated_at: 1_600_000_300 },
    ]);
    assert.equal(kept.user_id, owner.id);
    assert.equal(kept.created_at, 1_600_000_000);
    assert.equal(kept.updated_at, 1_600_000_100);
    assert.deepEqual(kept.meta, { tags: ['x'] });
    await post(`/${archived.id}/archive`, undefined, owner);
    const exported = await get('/all', owner);
    assert.equal(exported.status, 200);
    assert.deepEqual(sorted(ids(exported.body)), sorted([kept.id, archived.id]));
    for (const chat of exported.body) assert.deepEqual(Object.keys(chat).sort(), CHAT_KEYS);

    const target = await fresh();
    const items = exported.body.map((chat: any) => ({
      chat: chat.chat,
      meta: chat.meta,
      pinned: chat.pinned,
      folder_id: null,
      created_at: chat.created_at,
      updated_at: chat.updated_at,
    }));
    const imported = await importChats(fx.app, target, items);
    assert.equal(imported.length, 2);
    for (const chat of imported) {
      assert.match(chat.id, UUID);
      assert.ok(![kept.id, archived.id].includes(chat.id), 'new ids');
      assert.equal(chat.user_id, target.id);
    }
    const back = (await get('/all', target)).body;
    const byTitle = (title: string) => back.find((chat: any) => chat.title === title);
    assert.deepEqual(byTitle('Keep').chat, kept.chat);
    assert.equal(byTitle('Keep').created_at, 1_600_000_000);
    assert.equal(byTitle('Keep').updated_at, 1_600_000_100);
    assert.ok(byTitle('Archive me'));
    const plain = await importChats(fx.app, target, [{ chat: chatJson('No times') }]);
    assert.ok(plain[0].created_at >= now() - 5 && plain[0].updated_at >= now() - 5, 'defaults to now');
    assert.deepEqual(plain[0].meta, {});
    assert.equal(plain[0].pinned, false);
    assert.equal((await post('/import', {}, target)).status, 422);
  });

  it('deletes a chat: the owner, and admins for anyone; others get 401 and nothing is deleted', async () => {
    const owner = await fresh();
    const [first, second] = await importChats(fx.app, owner, series(2, 'Doomed'));
    const deleted = await fx.app.http.delete(`/api/v1/chats/${first.id}`, { token: owner.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    assert.equal((await get(`/${first.id}`, owner)).status, 401);
    assert.deepEqual(ids((await get('/', owner)).body), [second.id]);
    const foreign = await fx.app.http.delete(`/api/v1/chats/${second.id}`, { token: fx.cast.other.token });
    assert.equal(foreign.status, 401);
    assert.equal((await get(`/${second.id}`, owner)).status, 200);
    const byAdmin = await fx.app.http.delete(`/api/v1/chats/${second.id}`, { token: fx.cast.admin.token });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.body, true);
    assert.deepEqual((await get('/all', owner)).body, []);
  });

  it('deletes all own chats (archived too), leaving other users alone', async () => {
    const owner = await fresh();
    const bystander = await fresh();
    const mine = await importChats(fx.app, owner, series(3, 'Bulk'));
    await post(`/${mine[0].id}/archive`, undefined, owner);
    const theirs = await newChat(fx.app, bystander, 'Survivor');
    const deleted = await fx.app.http.delete('/api/v1/chats/', { token: owner.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    assert.deepEqual((await get('/all', owner)).body, []);
    assert.deepEqual(ids((await get('/all', bystander)).body), [theirs.id]);
  });
});
