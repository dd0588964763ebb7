import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ACCESS_PROHIBITED,
  CHAT_KEYS,
  chatInFolder,
  FOLDER_EXISTS,
  ids,
  importChats,
  newChat,
  newFolder,
  NOT_FOUND,
  now,
  sorted,
  titles,
  UUID,
  setChatPermission,
} from './support/chats.js';
import { createApiKey, enableApiKeys, newUser, type TestUser } from './support/factories.js';
import { appFixture } from './support/fixture.js';

const FOLDER_KEYS = [
  'created_at',
  'data',
  'id',
  'is_expanded',
  'items',
  'meta',
  'name',
  'parent_id',
  'updated_at',
  'user_id',
];
const FOLDER_ITEM_KEYS = ['created_at', 'id', 'is_expanded', 'meta', 'name', 'parent_id', 'updated_at'];

describe('folders', () => {
  const fx = appFixture();
  const fresh = () => newUser(fx.app, fx.cast.admin, 'user');
  const get = (path: string, who: TestUser) => fx.app.http.get(`/api/v1/folders${path}`, { token: who.token });
  const post = (path: string, body: unknown, who: TestUser) =>
    fx.app.http.post(`/api/v1/folders${path}`, body, { token: who.token });
  const remove = (id: string, who: TestUser, deleteContents: boolean) =>
    fx.app.http.delete(`/api/v1/folders/${id}?delete_contents=${deleteContents}`, { token: who.token });
  const chats = (path: string, who: TestUser) => fx.app.http.get(`/api/v1/chats${path}`, { token: who.token });

  it('creates folders at the root, refuses a duplicate root name in any case, and lists own folders', async () => {
    const owner = await fresh();
    const before = now();
    const parent = await newFolder(fx.app, owner, 'Parent');
    const created = await post('/', { name: 'Projects', parent_id: parent.id, meta: { icon: '📁' } }, owner);
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body).sort(), FOLDER_KEYS);
    assert.match(created.body.id, UUID);
    assert.equal(created.body.name, 'Projects');
    assert.equal(created.body.user_id, owner.id);
    assert.equal(created.body.parent_id, null, 'parent_id is ignored on create');
    assert.equal(created.body.is_expanded, false);
    assert.deepEqual(created.body.meta, { icon: '📁' });
    assert.ok(created.body.created_at >= before && created.body.created_at <= now() + 1, 'epoch seconds');

    for (const name of ['Projects', 'PROJECTS', 'projects']) {
      const duplicate = await post('/', { name }, owner);
      assert.equal(duplicate.status, 400, name);
      assert.equal(duplicate.body.detail, FOLDER_EXISTS);
    }
    assert.equal((await post('/', {}, owner)).status, 422);
    assert.equal((await post('/', { name: 'Projects' }, await fresh())).status, 200, 'names are per user');

    for (const path of ['/', '']) {
      const list = await get(path, owner);
      assert.equal(list.status, 200, path);
      assert.deepEqual(sorted(list.body.map((folder: any) => folder.name)), ['Parent', 'Projects']);
      for (const item of list.body) assert.deepEqual(Object.keys(item).sort(), FOLDER_ITEM_KEYS);
    }
    const read = await get(`/${created.body.id}`, owner);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);
  });

  it('answers other users and missing ids with 404 on every folder route, changing nothing', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Secret');
    const chat = await chatInFolder(fx.app, owner, 'Inside', folder.id);
    const routes: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['POST', '/update', { name: 'Taken' }],
      ['POST', '/update/parent', { parent_id: null }],
      ['POST', '/update/expanded', { is_expanded: true }],
      ['DELETE', '?delete_contents=true', undefined],
    ];
    for (const [who, id, label] of [
      [fx.cast.other, folder.id, 'other user'],
      [fx.cast.admin, folder.id, 'admin'],
      [owner, randomUUID(), 'missing id'],
    ] as const) {
      for (const [method, suffix, body] of routes) {
        const response = await fx.app.http.request(method, `/api/v1/folders/${id}${suffix}`, body, {
          token: who.token,
        });
        assert.equal(response.status, 404, `${method} ${suffix} as ${label}: ${response.text}`);
        assert.equal(response.body.detail, NOT_FOUND);
      }
    }
    const unchanged = await get(`/${folder.id}`, owner);
    assert.equal(unchanged.body.name, 'Secret');
    assert.equal(unchanged.body.is_expanded, false);
    assert.equal((await chats(`/${chat.id}`, owner)).body.folder_id, folder.id);
    assert.ok(!(await get('/', fx.cast.other)).body.some((item: any) => item.id === folder.id));
    const foreignChats = await chats(`/folder/${folder.id}`, fx.cast.other);
    assert.deepEqual(foreignChats.status === 200 ? foreignChats.body : [], [], 'no chats through a foreign folder');
  });

  it('refuses pending users with 401, and API keys without chats:read / chats:write with 403', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Keyed');
    assert.equal((await get('/', fx.cast.pending)).status, 401);
    assert.equal((await post('/', { name: 'Pending' }, fx.cast.pending)).status, 401);
    await enableApiKeys(fx.app, fx.cast.admin);
    const readKey = await createApiKey(fx.app, owner, ['chats:read']);
    const listed = await fx.app.http.get('/api/v1/folders/', { token: readKey });
    assert.deepEqual(ids(listed.body), [folder.id]);
    assert.equal((await fx.app.http.post('/api/v1/folders/', { name: 'Nope' }, { token: readKey })).status, 403);
    assert.equal((await fx.app.http.delete(`/api/v1/folders/${folder.id}`, { token: readKey })).status, 403);
    const writeKey = await createApiKey(fx.app, owner, ['chats:write']);
    const created = await fx.app.http.post('/api/v1/folders/', { name: 'By key' }, { token: writeKey });
    assert.equal(created.status, 200);
    assert.equal((await fx.app.http.get('/api/v1/folders/', { token: writeKey })).status, 403);
    const profileKey = await createApiKey(fx.app, owner, ['profile']);
    assert.equal((await fx.app.http.get(`/api/v1/folders/${folder.id}`, { token: profileKey })).status, 403);
    assert.equal((await get('/', owner)).body.length, 2);
  });

  it('renames with a sibling clash check and shallow-merges data and meta', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Draft');
    await newFolder(fx.app, owner, 'Final');
    const renamed = await post(`/${folder.id}/update`, { name: 'Work' }, owner);
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Work');
    const clash = await post(`/${folder.id}/update`, { name: 'final' }, owner);
    assert.equal(clash.status, 400);
    assert.equal(clash.body.detail, FOLDER_EXISTS);
    assert.equal((await get(`/${folder.id}`, owner)).body.name, 'Work');
    const recased = await post(`/${folder.id}/update`, { name: 'WORK' }, owner);
    assert.equal(recased.status, 200, 'a folder does not clash with itself');
    assert.equal(recased.body.name, 'WORK');

    await post(`/${folder.id}/update`, { data: { system_prompt: 'Be brief' }, meta: { icon: 'a' } }, owner);
    const merged = await post(
      `/${folder.id}/update`,
      { data: { model_ids: ['gpt-4o'] }, meta: { color: 'red' } },
      owner,
    );
    assert.equal(merged.status, 200);
    assert.deepEqual(merged.body.data, { system_prompt: 'Be brief', model_ids: ['gpt-4o'] });
    assert.deepEqual(merged.body.meta, { icon: 'a', color: 'red' });
    assert.equal(merged.body.name, 'WORK', 'name untouched when absent');
    const replaced = await post(`/${folder.id}/update`, { data: { system_prompt: 'Be thorough' } }, owner);
    assert.deepEqual(replaced.body.data, { system_prompt: 'Be thorough', model_ids: ['gpt-4o'] });
    assert.deepEqual((await get(`/${folder.id}`, owner)).body.data, replaced.body.data);
    assert.equal((await post(`/${folder.id}/update`, { name: 42 }, owner)).status, 422);
  });

  it('moves folders between parents with a name clash check, and toggles is_expanded', async () => {
    const owner = await fresh();
    const parent = await newFolder(fx.app, owner, 'Parent');
    const child = await newFolder(fx.app, owner, 'Notes', parent.id);
    assert.equal(child.parent_id, parent.id);
    assert.equal((await get(`/${child.id}`, owner)).body.parent_id, parent.id);
    const rootNotes = await post('/', { name: 'Notes' }, owner);
    assert.equal(rootNotes.status, 200, 'only root names clash on create');

    const toRoot = await post(`/${child.id}/update/parent`, { parent_id: null }, owner);
    assert.equal(toRoot.status, 400, 'a root folder named Notes already exists');
    assert.equal(toRoot.body.detail, FOLDER_EXISTS);
    assert.equal((await get(`/${child.id}`, owner)).body.parent_id, parent.id);
    const intoParent = await post(`/${rootNotes.body.id}/update/parent`, { parent_id: parent.id }, owner);
    assert.equal(intoParent.status, 400, 'Parent already holds a Notes');

    const other = await newFolder(fx.app, owner, 'Other');
    const moved = await post(`/${child.id}/update/parent`, { parent_id: other.id }, owner);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.parent_id, other.id);
    const list = (await get('/', owner)).body;
    assert.equal(list.find((item: any) => item.id === child.id).parent_id, other.id);

    const expanded = await post(`/${child.id}/update/expanded`, { is_expanded: true }, owner);
    assert.equal(expanded.status, 200);
    assert.equal(expanded.body.is_expanded, true);
    assert.equal((await get(`/${child.id}`, owner)).body.is_expanded, true);
    const collapsed = await post(`/${child.id}/update/expanded`, { is_expanded: false }, owner);
    assert.equal(collapsed.body.is_expanded, false);
    assert.equal((await post(`/${child.id}/update/expanded`, {}, owner)).status, 422);
  });

  it('lists a folder’s chats including descendant folders, without pinned or archived ones', async () => {
    const owner = await fresh();
    const top = await newFolder(fx.app, owner, 'Top');
    const middle = await newFolder(fx.app, owner, 'Middle', top.id);
    const bottom = await newFolder(fx.app, owner, 'Bottom', middle.id);
    const sibling = await newFolder(fx.app, owner, 'Sibling');
    const [a, b, c, d, e, f] = await importChats(fx.app, owner, [
      { chat: { title: 'In top' }, folder_id: top.id, updated_at: 100 },
      { chat: { title: 'In middle' }, folder_id: middle.id, updated_at: 300 },
      { chat: { title: 'In bottom' }, folder_id: bottom.id, updated_at: 200 },
      { chat: { title: 'In sibling' }, folder_id: sibling.id, updated_at: 400 },
      { chat: { title: 'Pinned in top' }, folder_id: top.id, pinned: true, updated_at: 500 },
      { chat: { title: 'Archived in top' }, folder_id: top.id, updated_at: 600 },
    ]);
    await fx.app.http.post(`/api/v1/chats/${f.id}/archive`, undefined, { token: owner.token });
    const tree = await chats(`/folder/${top.id}`, owner);
    assert.equal(tree.status, 200);
    assert.deepEqual(ids(tree.body), [b.id, c.id, a.id]);
    assert.deepEqual(Object.keys(tree.body[0]).sort(), CHAT_KEYS);
    assert.deepEqual(ids((await chats(`/folder/${middle.id}`, owner)).body), [b.id, c.id]);
    assert.deepEqual(ids((await chats(`/folder/${sibling.id}`, owner)).body), [d.id]);
    assert.deepEqual(ids((await chats('/pinned', owner)).body), [e.id], 'folder chats show in /pinned');
    assert.deepEqual((await chats('/', owner)).body, [], 'folder chats stay out of the main list');
    assert.deepEqual(
      sorted(ids((await chats('/?include_folders=true', owner)).body)),
      sorted([a.id, b.id, c.id, d.id]),
    );

    const direct = await chats(`/folder/${top.id}/list`, owner);
    assert.equal(direct.status, 200);
    assert.deepEqual(ids(direct.body), [a.id]);
    assert.deepEqual(Object.keys(direct.body[0]).sort(), ['id', 'title', 'updated_at']);
  });

  it('pages a folder’s chat list 10 at a time, newest first', async () => {
    const owner = await fresh();
    const folder = await newFolder(fx.app, owner, 'Busy');
    const created = await importChats(
      fx.app,
      owner,
      Array.from({ length: 11 }, (_, i) => ({
        chat: { title: `Item ${i}` },
        folder_id: folder.id,
        updated_at: 10 + i,
      })),
    );
    const newestFirst = [...ids(created)].reverse();
    const first = await chats(`/folder/${folder.id}/list?page=1`, owner);
    assert.deepEqual(ids(first.body), newestFirst.slice(0, 10));
    assert.deepEqual(ids((await chats(`/folder/${folder.id}/list?page=2`, owner)).body), newestFirst.slice(10));
    assert.deepEqual((await chats(`/folder/${folder.id}/list?page=3`, owner)).body, []);
    assert.deepEqual(ids((await chats(`/folder/${folder.id}/list`, owner)).body), newestFirst.slice(0, 10));
  });

  it('deletes a subtree with its chats (delete_contents=true)', async () => {
    const owner = await fresh();
    const top = await newFolder(fx.app, owner, 'Top');
    const child = await newFolder(fx.app, owner, 'Child', top.id);
    const keep = await newFolder(fx.app, owner, 'Keep');
    const inTop = await chatInFolder(fx.app, owner, 'Top chat', top.id);
    const inChild = await chatInFolder(fx.app, owner, 'Child chat', child.id);
    const inKeep = await chatInFolder(fx.app, owner, 'Kept chat', keep.id);
    const loose = await newChat(fx.app, owner, 'Loose');
    const deleted = await remove(top.id, owner, true);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    assert.deepEqual(ids((await get('/', owner)).body), [keep.id]);
    assert.equal((await get(`/${child.id}`, owner)).status, 404);
    assert.equal((await chats(`/${inTop.id}`, owner)).status, 401);
    assert.equal((await chats(`/${inChild.id}`, owner)).status, 401);
    assert.deepEqual(sorted(ids((await chats('/all', owner)).body)), sorted([inKeep.id, loose.id]));
  });

  it('deletes a subtree but keeps its chats at the root (delete_contents=false)', async () => {
    const owner = await fresh();
    const top = await newFolder(fx.app, owner, 'Top');
    const child = await newFolder(fx.app, owner, 'Child', top.id);
    const inTop = await chatInFolder(fx.app, owner, 'Top chat', top.id);
    const inChild = await chatInFolder(fx.app, owner, 'Child chat', child.id);
    const deleted = await remove(top.id, owner, false);
    assert.equal(deleted.body, true);
    assert.deepEqual((await get('/', owner)).body, []);
    for (const chat of [inTop, inChild]) {
      const read = await chats(`/${chat.id}`, owner);
      assert.equal(read.status, 200);
      assert.equal(read.body.folder_id, null);
    }
    assert.deepEqual(sorted(titles((await chats('/', owner)).body)), ['Child chat', 'Top chat']);
  });

  it('needs chat.delete to delete a folder that holds chats (403); empty folders go without it', async () => {
    const owner = await fresh();
    const full = await newFolder(fx.app, owner, 'Full');
    const empty = await newFolder(fx.app, owner, 'Empty');
    const chat = await chatInFolder(fx.app, owner, 'Held', full.id);
    const restore = await setChatPermission(fx.app, fx.cast.admin, 'delete', false);
    try {
      const refused = await remove(full.id, owner, true);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.detail, ACCESS_PROHIBITED);
      assert.equal((await chats(`/${chat.id}`, owner)).body.folder_id, full.id);
      assert.equal((await remove(empty.id, owner, true)).body, true);
    } finally {
      await restore();
    }
    assert.deepEqual(ids((await get('/', owner)).body), [full.id]);
    assert.equal((await remove(full.id, owner, true)).body, true);
    assert.deepEqual((await chats('/all', owner)).body, []);
  });
});
