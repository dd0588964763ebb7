import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appFixture } from './support/fixture.js';
import { newUser } from './support/factories.js';

describe('users', () => {
  const fx = appFixture();

  it('lists users for admins: 30 a page, with total, search and ordering', async () => {
    for (let i = 0; i < 30; i += 1) await newUser(fx.app, fx.cast.admin, 'user', `Zed ${String(i).padStart(2, '0')}`);
    const first = await fx.app.http.get('/api/v1/users/', { token: fx.cast.admin.token });
    assert.equal(first.status, 200);
    assert.equal(first.body.users.length, 30);
    assert.equal(first.body.total, 34);
    const second = await fx.app.http.get('/api/v1/users/?page=2', { token: fx.cast.admin.token });
    assert.equal(second.body.users.length, 4);
    const ids = new Set([...first.body.users, ...second.body.users].map((user: { id: string }) => user.id));
    assert.equal(ids.size, 34, 'pages do not overlap');
    assert.deepEqual(first.body.users[0].group_ids, []);
    assert.ok('settings' in first.body.users[0] && 'api_key' in first.body.users[0]);

    const search = await fx.app.http.get('/api/v1/users/?query=ALIC', { token: fx.cast.admin.token });
    assert.equal(search.body.total, 1);
    assert.equal(search.body.users[0].name, 'Alice');

    const byName = await fx.app.http.get('/api/v1/users/?order_by=name&direction=asc', { token: fx.cast.admin.token });
    const names = byName.body.users.map((user: { name: string }) => user.name);
    assert.deepEqual(names, [...names].sort());

    const badOrder = await fx.app.http.get('/api/v1/users/?order_by=password', { token: fx.cast.admin.token });
    assert.equal(badOrder.status, 422);
    const badPage = await fx.app.http.get('/api/v1/users/?page=abc', { token: fx.cast.admin.token });
    assert.equal(badPage.status, 422);
  });

  it('lists all users, and lets verified users search names only', async () => {
    const all = await fx.app.http.get('/api/v1/users/all', { token: fx.cast.admin.token });
    assert.equal(all.body.total, all.body.users.length);
    assert.deepEqual(Object.keys(all.body.users[0]).sort(), ['email', 'id', 'name', 'role']);
    const search = await fx.app.http.get('/api/v1/users/search?query=bob', { token: fx.cast.user.token });
    assert.equal(search.status, 200);
    assert.deepEqual(search.body, { users: [{ id: fx.cast.other.id, name: 'Bob' }], total: 1 });
  });

  it('shows a user card and avatar to verified users; 400 for unknown ids', async () => {
    const card = await fx.app.http.get(`/api/v1/users/${fx.cast.other.id}`, { token: fx.cast.user.token });
    assert.deepEqual(card.body, { name: 'Bob', profile_image_url: '/user.png', active: false });
    const unknown = await fx.app.http.get('/api/v1/users/nope', { token: fx.cast.user.token });
    assert.equal(unknown.status, 400);

    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await fx.app.http.post(
      '/api/v1/auths/update/profile',
      { name: 'Alice', profile_image_url: `data:image/png;base64,${pixel}` },
      { token: fx.cast.user.token },
    );
    const image = await fx.app.http.get(`/api/v1/users/${fx.cast.user.id}/profile/image`, {
      cookie: `token=${fx.cast.other.token}`,
    });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    const fallback = await fx.app.http.get(`/api/v1/users/${fx.cast.other.id}/profile/image`, {
      token: fx.cast.user.token,
    });
    assert.equal(fallback.status, 302);
  });

  it('stores settings with a top-level merge, and info', async () => {
    assert.equal((await fx.app.http.get('/api/v1/users/user/settings', { token: fx.cast.user.token })).text, 'null');
    await fx.app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { theme: 'dark', toolServers: [{ url: 'x' }] }, extra: 1 },
      { token: fx.cast.user.token },
    );
    const saved = await fx.app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { lang: 'de' } },
      { token: fx.cast.user.token },
    );
    assert.deepEqual(saved.body, { ui: { lang: 'de' }, extra: 1 });
    const first = await fx.app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { toolServers: [{ url: 'x' }] } },
      { token: fx.cast.user.token },
    );
    assert.deepEqual(first.body.ui, {}, 'tool servers need features.direct_tool_servers');
    const read = await fx.app.http.get('/api/v1/users/user/settings', { token: fx.cast.user.token });
    assert.deepEqual(read.body, { ui: {}, extra: 1 });
    const other = await fx.app.http.get('/api/v1/users/user/settings', { token: fx.cast.other.token });
    assert.equal(other.text, 'null', 'settings are per user');

    const notObject = await fx.app.http.post('/api/v1/users/user/settings/update', [1, 2], {
      token: fx.cast.user.token,
    });
    assert.equal(notObject.status, 422);

    await fx.app.http.post('/api/v1/users/user/info/update', { a: 1 }, { token: fx.cast.user.token });
    const info = await fx.app.http.post('/api/v1/users/user/info/update', { b: 2 }, { token: fx.cast.user.token });
    assert.deepEqual(info.body, { a: 1, b: 2 });
    assert.deepEqual((await fx.app.http.get('/api/v1/users/user/info', { token: fx.cast.user.token })).body, {
      a: 1,
      b: 2,
    });
  });

  it('lets an admin update role, name, email and password', async () => {
    const target = await newUser(fx.app, fx.cast.admin, 'pending');
    const updated = await fx.app.http.post(
      `/api/v1/users/${target.id}/update`,
      {
        role: 'user',
        name: 'Promoted',
        email: 'Promoted@Example.com',
        profile_image_url: '/user.png',
        password: 'new-pass',
      },
      { token: fx.cast.admin.token },
    );
    assert.equal(updated.status, 200);
    assert.equal(updated.body.role, 'user');
    assert.equal(updated.body.email, 'promoted@example.com');
    const signin = await fx.app.http.post('/api/v1/auths/signin', {
      email: 'promoted@example.com',
      password: 'new-pass',
    });
    assert.equal(signin.status, 200);
    assert.equal(signin.body.role, 'user');

    const taken = await fx.app.http.post(
      `/api/v1/users/${target.id}/update`,
      { role: 'user', name: 'X', email: fx.cast.other.email, profile_image_url: '/user.png' },
      { token: fx.cast.admin.token },
    );
    assert.equal(taken.status, 400);
    const badRole = await fx.app.http.post(
      `/api/v1/users/${target.id}/update`,
      { role: 'root', name: 'X', email: 'x@example.com', profile_image_url: '/user.png' },
      { token: fx.cast.admin.token },
    );
    assert.equal(badRole.status, 422);
    const unknown = await fx.app.http.post(
      '/api/v1/users/unknown-id/update',
      { role: 'user', name: 'X', email: 'x@example.com', profile_image_url: '/user.png' },
      { token: fx.cast.admin.token },
    );
    assert.equal(unknown.status, 400);
  });

  it('protects the primary admin from other admins and from self-demotion', async () => {
    const secondAdmin = await newUser(fx.app, fx.cast.admin, 'admin');
    const body = { role: 'user', name: 'Admin', email: fx.cast.admin.email, profile_image_url: '/user.png' };
    const byOther = await fx.app.http.post(
      `/api/v1/users/${fx.cast.admin.id}/update`,
      { ...body, role: 'admin' },
      { token: secondAdmin.token },
    );
    assert.equal(byOther.status, 403);
    const demoteSelf = await fx.app.http.post(`/api/v1/users/${fx.cast.admin.id}/update`, body, {
      token: fx.cast.admin.token,
    });
    assert.equal(demoteSelf.status, 403);
    const deleteByOther = await fx.app.http.delete(`/api/v1/users/${fx.cast.admin.id}`, { token: secondAdmin.token });
    assert.equal(deleteByOther.status, 403);
    const deleteSelf = await fx.app.http.delete(`/api/v1/users/${secondAdmin.id}`, { token: secondAdmin.token });
    assert.equal(deleteSelf.status, 403);
    const renameSelf = await fx.app.http.post(
      `/api/v1/users/${fx.cast.admin.id}/update`,
      { ...body, role: 'admin', name: 'Root' },
      { token: fx.cast.admin.token },
    );
    assert.equal(renameSelf.status, 200);
    assert.equal(renameSelf.body.name, 'Root');
  });

  it('deletes a user with their credential, memberships and keys', async () => {
    const doomed = await newUser(fx.app, fx.cast.admin, 'user');
    const group = await fx.app.http.post(
      '/api/v1/groups/create',
      { name: 'G', description: '' },
      { token: fx.cast.admin.token },
    );
    await fx.app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [doomed.id] },
      { token: fx.cast.admin.token },
    );
    const chat = await fx.app.http.post(
      '/api/v1/chats/new',
      { chat: { title: 'Doomed chat' } },
      { token: doomed.token },
    );
    await fx.app.http.post(`/api/v1/chats/${chat.body.id}/share`, undefined, { token: doomed.token });
    await fx.app.http.post('/api/v1/folders/', { name: 'Doomed folder' }, { token: doomed.token });
    const deleted = await fx.app.http.delete(`/api/v1/users/${doomed.id}`, { token: fx.cast.admin.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    assert.equal((await fx.app.http.get('/api/v1/auths/', { token: doomed.token })).status, 401);
    assert.equal(
      (await fx.app.http.post('/api/v1/auths/signin', { email: doomed.email, password: doomed.password })).status,
      400,
    );
    const members = await fx.app.dataSource.query(
      'SELECT COUNT(*) AS n FROM group_member WHERE user_id = $1'.replace(
        '$1',
        fx.app.config.database.type === 'postgres' ? '$1' : '?',
      ),
      [doomed.id],
    );
    assert.equal(Number(members[0].n), 0);
    assert.equal((await fx.app.http.delete(`/api/v1/users/${doomed.id}`, { token: fx.cast.admin.token })).status, 400);
    const everything = await fx.app.http.get('/api/v1/chats/all/db', { token: fx.cast.admin.token });
    assert.equal(
      everything.body.filter(
        (row: { user_id: string }) => row.user_id === doomed.id || row.user_id === `shared-${chat.body.id}`,
      ).length,
      0,
      'their chats and share snapshots are gone',
    );
    const folders: unknown[] = await fx.app.dataSource.query(
      fx.app.config.database.type === 'postgres'
        ? 'SELECT id FROM folder WHERE user_id = $1'
        : 'SELECT id FROM folder WHERE user_id = ?',
      [doomed.id],
    );
    assert.equal(folders.length, 0, 'their folders are gone');
  });

  it('keeps default permissions, and merges group permissions into a member’s', async () => {
    const defaults = await fx.app.http.get('/api/v1/users/default/permissions', { token: fx.cast.admin.token });
    assert.equal(defaults.body.features.api_keys, false);
    const saved = await fx.app.http.post(
      '/api/v1/users/default/permissions',
      { workspace: { models: true }, sharing: {}, chat: { delete: false }, features: {} },
      { token: fx.cast.admin.token },
    );
    assert.equal(saved.body.workspace.models, true);
    assert.equal(saved.body.chat.delete, false);
    assert.equal(saved.body.chat.edit, true, 'missing keys are filled from defaults');
    const incomplete = await fx.app.http.post(
      '/api/v1/users/default/permissions',
      { workspace: {} },
      { token: fx.cast.admin.token },
    );
    assert.equal(incomplete.status, 422);

    const group = await fx.app.http.post(
      '/api/v1/groups/create',
      { name: 'Deleters', description: 'may delete', permissions: { chat: { delete: true } } },
      { token: fx.cast.admin.token },
    );
    await fx.app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [fx.cast.user.id] },
      { token: fx.cast.admin.token },
    );
    const mine = await fx.app.http.get('/api/v1/users/permissions', { token: fx.cast.user.token });
    assert.equal(mine.body.chat.delete, true);
    assert.equal(mine.body.workspace.models, true);
    const others = await fx.app.http.get('/api/v1/users/permissions', { token: fx.cast.other.token });
    assert.equal(others.body.chat.delete, false);
    const session = await fx.app.http.get('/api/v1/auths/', { token: fx.cast.user.token });
    assert.equal(session.body.permissions.chat.delete, true);
  });
});

describe('groups', () => {
  const fx = appFixture();

  it('creates, reads, updates, manages members and deletes groups', async () => {
    const created = await fx.app.http.post(
      '/api/v1/groups/create',
      { name: 'Team', description: 'The team', data: { config: { share: false } } },
      { token: fx.cast.admin.token },
    );
    assert.equal(created.status, 200);
    assert.equal(created.body.member_count, 0);
    const id = created.body.id as string;

    const added = await fx.app.http.post(
      `/api/v1/groups/id/${id}/users/add`,
      { user_ids: [fx.cast.user.id, fx.cast.other.id, fx.cast.user.id, 'ghost'] },
      { token: fx.cast.admin.token },
    );
    assert.equal(added.body.member_count, 2, 'duplicates and unknown ids are dropped');
    const again = await fx.app.http.post(
      `/api/v1/groups/id/${id}/users/add`,
      { user_ids: [fx.cast.user.id] },
      { token: fx.cast.admin.token },
    );
    assert.equal(again.body.member_count, 2, 'adding is idempotent');

    const members = await fx.app.http.get(`/api/v1/users/?order_by=group_id:${id}`, { token: fx.cast.admin.token });
    assert.deepEqual(
      members.body.users.slice(0, 2).map((user: { name: string }) => user.name),
      ['Alice', 'Bob'],
    );
    assert.deepEqual(members.body.users[0].group_ids, [id]);

    const updated = await fx.app.http.post(
      `/api/v1/groups/id/${id}/update`,
      { name: 'Team 2', description: 'x', permissions: null },
      { token: fx.cast.admin.token },
    );
    assert.equal(updated.body.name, 'Team 2');
    assert.deepEqual(updated.body.data, { config: { share: false } }, 'null fields keep their value');

    const mine = await fx.app.http.get('/api/v1/groups/', { token: fx.cast.user.token });
    assert.deepEqual(
      mine.body.map((group: { id: string }) => group.id),
      [id],
    );
    assert.equal((await fx.app.http.get('/api/v1/groups/', { token: fx.cast.pending.token })).status, 401);
    assert.equal((await fx.app.http.get('/api/v1/groups/?share=true', { token: fx.cast.admin.token })).body.length, 0);
    assert.equal((await fx.app.http.get('/api/v1/groups/?share=false', { token: fx.cast.admin.token })).body.length, 1);
    assert.deepEqual(
      (await fx.app.http.get('/api/v1/users/groups', { token: fx.cast.other.token })).body.map(
        (g: { id: string }) => g.id,
      ),
      [id],
    );
    assert.equal(
      (await fx.app.http.get(`/api/v1/users/${fx.cast.other.id}/groups`, { token: fx.cast.admin.token })).body.length,
      1,
    );

    const removed = await fx.app.http.post(
      `/api/v1/groups/id/${id}/users/remove`,
      { user_ids: [fx.cast.other.id] },
      { token: fx.cast.admin.token },
    );
    assert.equal(removed.body.member_count, 1);
    assert.equal(
      (await fx.app.http.delete(`/api/v1/groups/id/${id}/delete`, { token: fx.cast.admin.token })).body,
      true,
    );
    const gone = await fx.app.http.get(`/api/v1/groups/id/${id}`, { token: fx.cast.admin.token });
    assert.equal(gone.status, 401);
    assert.equal(gone.body.detail, "We could not find what you're looking for :/");
    assert.equal((await fx.app.http.get('/api/v1/users/groups', { token: fx.cast.other.token })).body.length, 0);
  });

  it('validates group input', async () => {
    const missing = await fx.app.http.post('/api/v1/groups/create', { name: 'X' }, { token: fx.cast.admin.token });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.detail[0].loc, ['body', 'description']);
    const badMembers = await fx.app.http.post(
      '/api/v1/groups/id/x/users/add',
      { user_ids: 'all' },
      { token: fx.cast.admin.token },
    );
    assert.equal(badMembers.status, 422);
  });
});
