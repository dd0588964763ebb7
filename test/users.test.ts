import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { newUser, seedUsers } from './support/factories.js';

describe('users', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    app = await startApp();
    cast = await seedUsers(app);
  });
  after(() => app.close());

  it('lists users for admins: 30 a page, with total, search and ordering', async () => {
    for (let i = 0; i < 30; i += 1) await newUser(app, cast.admin, 'user', `Zed ${String(i).padStart(2, '0')}`);
    const first = await app.http.get('/api/v1/users/', { token: cast.admin.token });
    assert.equal(first.status, 200);
    assert.equal(first.body.users.length, 30);
    assert.equal(first.body.total, 34);
    const second = await app.http.get('/api/v1/users/?page=2', { token: cast.admin.token });
    assert.equal(second.body.users.length, 4);
    const ids = new Set([...first.body.users, ...second.body.users].map((user: { id: string }) => user.id));
    assert.equal(ids.size, 34, 'pages do not overlap');
    assert.deepEqual(first.body.users[0].group_ids, []);
    assert.ok('settings' in first.body.users[0] && 'api_key' in first.body.users[0]);

    const search = await app.http.get('/api/v1/users/?query=ALIC', { token: cast.admin.token });
    assert.equal(search.body.total, 1);
    assert.equal(search.body.users[0].name, 'Alice');

    const byName = await app.http.get('/api/v1/users/?order_by=name&direction=asc', { token: cast.admin.token });
    const names = byName.body.users.map((user: { name: string }) => user.name);
    assert.deepEqual(names, [...names].sort());

    const badOrder = await app.http.get('/api/v1/users/?order_by=password', { token: cast.admin.token });
    assert.equal(badOrder.status, 422);
    const badPage = await app.http.get('/api/v1/users/?page=abc', { token: cast.admin.token });
    assert.equal(badPage.status, 422);
  });

  it('lists all users, and lets verified users search names only', async () => {
    const all = await app.http.get('/api/v1/users/all', { token: cast.admin.token });
    assert.equal(all.body.total, all.body.users.length);
    assert.deepEqual(Object.keys(all.body.users[0]).sort(), ['email', 'id', 'name', 'role']);
    const search = await app.http.get('/api/v1/users/search?query=bob', { token: cast.user.token });
    assert.equal(search.status, 200);
    assert.deepEqual(search.body, { users: [{ id: cast.other.id, name: 'Bob' }], total: 1 });
  });

  it('shows a user card and avatar to verified users; 400 for unknown ids', async () => {
    const card = await app.http.get(`/api/v1/users/${cast.other.id}`, { token: cast.user.token });
    assert.deepEqual(card.body, { name: 'Bob', profile_image_url: '/user.png', active: false });
    const unknown = await app.http.get('/api/v1/users/nope', { token: cast.user.token });
    assert.equal(unknown.status, 400);

    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await app.http.post(
      '/api/v1/auths/update/profile',
      { name: 'Alice', profile_image_url: `data:image/png;base64,${pixel}` },
      { token: cast.user.token },
    );
    const image = await app.http.get(`/api/v1/users/${cast.user.id}/profile/image`, {
      cookie: `token=${cast.other.token}`,
    });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    const fallback = await app.http.get(`/api/v1/users/${cast.other.id}/profile/image`, { token: cast.user.token });
    assert.equal(fallback.status, 302);
  });

  it('stores settings with a top-level merge, and info', async () => {
    assert.equal((await app.http.get('/api/v1/users/user/settings', { token: cast.user.token })).text, 'null');
    await app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { theme: 'dark', toolServers: [{ url: 'x' }] }, extra: 1 },
      { token: cast.user.token },
    );
    const saved = await app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { lang: 'de' } },
      { token: cast.user.token },
    );
    assert.deepEqual(saved.body, { ui: { lang: 'de' }, extra: 1 });
    const first = await app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { toolServers: [{ url: 'x' }] } },
      { token: cast.user.token },
    );
    assert.deepEqual(first.body.ui, {}, 'tool servers need features.direct_tool_servers');
    const read = await app.http.get('/api/v1/users/user/settings', { token: cast.user.token });
    assert.deepEqual(read.body, { ui: {}, extra: 1 });
    const other = await app.http.get('/api/v1/users/user/settings', { token: cast.other.token });
    assert.equal(other.text, 'null', 'settings are per user');

    const notObject = await app.http.post('/api/v1/users/user/settings/update', [1, 2], { token: cast.user.token });
    assert.equal(notObject.status, 422);

    await app.http.post('/api/v1/users/user/info/update', { a: 1 }, { token: cast.user.token });
    const info = await app.http.post('/api/v1/users/user/info/update', { b: 2 }, { token: cast.user.token });
    assert.deepEqual(info.body, { a: 1, b: 2 });
    assert.deepEqual((await app.http.get('/api/v1/users/user/info', { token: cast.user.token })).body, { a: 1, b: 2 });
  });

  it('lets an admin update role, name, email and password', async () => {
    const target = await newUser(app, cast.admin, 'pending');
    const updated = await app.http.post(
      `/api/v1/users/${target.id}/update`,
      {
        role: 'user',
        name: 'Promoted',
        email: 'Promoted@Example.com',
        profile_image_url: '/user.png',
        password: 'new-pass',
      },
      { token: cast.admin.token },
    );
    assert.equal(updated.status, 200);
    assert.equal(updated.body.role, 'user');
    assert.equal(updated.body.email, 'promoted@example.com');
    const signin = await app.http.post('/api/v1/auths/signin', { email: 'promoted@example.com', password: 'new-pass' });
    assert.equal(signin.status, 200);
    assert.equal(signin.body.role, 'user');

    const taken = await app.http.post(
      `/api/v1/users/${target.id}/update`,
      { role: 'user', name: 'X', email: cast.other.email, profile_image_url: '/user.png' },
      { token: cast.admin.token },
    );
    assert.equal(taken.status, 400);
    const badRole = await app.http.post(
      `/api/v1/users/${target.id}/update`,
      { role: 'root', name: 'X', email: 'x@example.com', profile_image_url: '/user.png' },
      { token: cast.admin.token },
    );
    assert.equal(badRole.status, 422);
    const unknown = await app.http.post(
      '/api/v1/users/unknown-id/update',
      { role: 'user', name: 'X', email: 'x@example.com', profile_image_url: '/user.png' },
      { token: cast.admin.token },
    );
    assert.equal(unknown.status, 400);
  });

  it('protects the primary admin from other admins and from self-demotion', async () => {
    const secondAdmin = await newUser(app, cast.admin, 'admin');
    const body = { role: 'user', name: 'Admin', email: cast.admin.email, profile_image_url: '/user.png' };
    const byOther = await app.http.post(
      `/api/v1/users/${cast.admin.id}/update`,
      { ...body, role: 'admin' },
      { token: secondAdmin.token },
    );
    assert.equal(byOther.status, 403);
    const demoteSelf = await app.http.post(`/api/v1/users/${cast.admin.id}/update`, body, { token: cast.admin.token });
    assert.equal(demoteSelf.status, 403);
    const deleteByOther = await app.http.delete(`/api/v1/users/${cast.admin.id}`, { token: secondAdmin.token });
    assert.equal(deleteByOther.status, 403);
    const deleteSelf = await app.http.delete(`/api/v1/users/${secondAdmin.id}`, { token: secondAdmin.token });
    assert.equal(deleteSelf.status, 403);
    const renameSelf = await app.http.post(
      `/api/v1/users/${cast.admin.id}/update`,
      { ...body, role: 'admin', name: 'Root' },
      { token: cast.admin.token },
    );
    assert.equal(renameSelf.status, 200);
    assert.equal(renameSelf.body.name, 'Root');
  });

  it('deletes a user with their credential, memberships and keys', async () => {
    const doomed = await newUser(app, cast.admin, 'user');
    const group = await app.http.post(
      '/api/v1/groups/create',
      { name: 'G', description: '' },
      { token: cast.admin.token },
    );
    await app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [doomed.id] },
      { token: cast.admin.token },
    );
    const chat = await app.http.post('/api/v1/chats/new', { chat: { title: 'Doomed chat' } }, { token: doomed.token });
    await app.http.post(`/api/v1/chats/${chat.body.id}/share`, undefined, { token: doomed.token });
    await app.http.post('/api/v1/folders/', { name: 'Doomed folder' }, { token: doomed.token });
    const deleted = await app.http.delete(`/api/v1/users/${doomed.id}`, { token: cast.admin.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    assert.equal((await app.http.get('/api/v1/auths/', { token: doomed.token })).status, 401);
    assert.equal(
      (await app.http.post('/api/v1/auths/signin', { email: doomed.email, password: doomed.password })).status,
      400,
    );
    const members = await app.dataSource.query(
      'SELECT COUNT(*) AS n FROM group_member WHERE user_id = $1'.replace(
        '$1',
        app.config.database.type === 'postgres' ? '$1' : '?',
      ),
      [doomed.id],
    );
    assert.equal(Number(members[0].n), 0);
    assert.equal((await app.http.delete(`/api/v1/users/${doomed.id}`, { token: cast.admin.token })).status, 400);
    const everything = await app.http.get('/api/v1/chats/all/db', { token: cast.admin.token });
    assert.equal(
      everything.body.filter(
        (row: { user_id: string }) => row.user_id === doomed.id || row.user_id === `shared-${chat.body.id}`,
      ).length,
      0,
      'their chats and share snapshots are gone',
    );
    const folders: unknown[] = await app.dataSource.query(
      app.config.database.type === 'postgres'
        ? 'SELECT id FROM folder WHERE user_id = $1'
        : 'SELECT id FROM folder WHERE user_id = ?',
      [doomed.id],
    );
    assert.equal(folders.length, 0, 'their folders are gone');
  });

  it('keeps default permissions, and merges group permissions into a member’s', async () => {
    const defaults = await app.http.get('/api/v1/users/default/permissions', { token: cast.admin.token });
    assert.equal(defaults.body.features.api_keys, false);
    const saved = await app.http.post(
      '/api/v1/users/default/permissions',
      { workspace: { models: true }, sharing: {}, chat: { delete: false }, features: {} },
      { token: cast.admin.token },
    );
    assert.equal(saved.body.workspace.models, true);
    assert.equal(saved.body.chat.delete, false);
    assert.equal(saved.body.chat.edit, true, 'missing keys are filled from defaults');
    const incomplete = await app.http.post(
      '/api/v1/users/default/permissions',
      { workspace: {} },
      { token: cast.admin.token },
    );
    assert.equal(incomplete.status, 422);

    const group = await app.http.post(
      '/api/v1/groups/create',
      { name: 'Deleters', description: 'may delete', permissions: { chat: { delete: true } } },
      { token: cast.admin.token },
    );
    await app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [cast.user.id] },
      { token: cast.admin.token },
    );
    const mine = await app.http.get('/api/v1/users/permissions', { token: cast.user.token });
    assert.equal(mine.body.chat.delete, true);
    assert.equal(mine.body.workspace.models, true);
    const others = await app.http.get('/api/v1/users/permissions', { token: cast.other.token });
    assert.equal(others.body.chat.delete, false);
    const session = await app.http.get('/api/v1/auths/', { token: cast.user.token });
    assert.equal(session.body.permissions.chat.delete, true);
  });
});

describe('groups', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    app = await startApp();
    cast = await seedUsers(app);
  });
  after(() => app.close());

  it('creates, reads, updates, manages members and deletes groups', async () => {
    const created = await app.http.post(
      '/api/v1/groups/create',
      { name: 'Team', description: 'The team', data: { config: { share: false } } },
      { token: cast.admin.token },
    );
    assert.equal(created.status, 200);
    assert.equal(created.body.member_count, 0);
    const id = created.body.id as string;

    const added = await app.http.post(
      `/api/v1/groups/id/${id}/users/add`,
      { user_ids: [cast.user.id, cast.other.id, cast.user.id, 'ghost'] },
      { token: cast.admin.token },
    );
    assert.equal(added.body.member_count, 2, 'duplicates and unknown ids are dropped');
    const again = await app.http.post(
      `/api/v1/groups/id/${id}/users/add`,
      { user_ids: [cast.user.id] },
      { token: cast.admin.token },
    );
    assert.equal(again.body.member_count, 2, 'adding is idempotent');

    const members = await app.http.get(`/api/v1/users/?order_by=group_id:${id}`, { token: cast.admin.token });
    assert.deepEqual(
      members.body.users.slice(0, 2).map((user: { name: string }) => user.name),
      ['Alice', 'Bob'],
    );
    assert.deepEqual(members.body.users[0].group_ids, [id]);

    const updated = await app.http.post(
      `/api/v1/groups/id/${id}/update`,
      { name: 'Team 2', description: 'x', permissions: null },
      { token: cast.admin.token },
    );
    assert.equal(updated.body.name, 'Team 2');
    assert.deepEqual(updated.body.data, { config: { share: false } }, 'null fields keep their value');

    const mine = await app.http.get('/api/v1/groups/', { token: cast.user.token });
    assert.deepEqual(
      mine.body.map((group: { id: string }) => group.id),
      [id],
    );
    assert.equal((await app.http.get('/api/v1/groups/', { token: cast.pending.token })).status, 401);
    assert.equal((await app.http.get('/api/v1/groups/?share=true', { token: cast.admin.token })).body.length, 0);
    assert.equal((await app.http.get('/api/v1/groups/?share=false', { token: cast.admin.token })).body.length, 1);
    assert.deepEqual(
      (await app.http.get('/api/v1/users/groups', { token: cast.other.token })).body.map((g: { id: string }) => g.id),
      [id],
    );
    assert.equal(
      (await app.http.get(`/api/v1/users/${cast.other.id}/groups`, { token: cast.admin.token })).body.length,
      1,
    );

    const removed = await app.http.post(
      `/api/v1/groups/id/${id}/users/remove`,
      { user_ids: [cast.other.id] },
      { token: cast.admin.token },
    );
    assert.equal(removed.body.member_count, 1);
    assert.equal((await app.http.delete(`/api/v1/groups/id/${id}/delete`, { token: cast.admin.token })).body, true);
    const gone = await app.http.get(`/api/v1/groups/id/${id}`, { token: cast.admin.token });
    assert.equal(gone.status, 401);
    assert.equal(gone.body.detail, "We could not find what you're looking for :/");
    assert.equal((await app.http.get('/api/v1/users/groups', { token: cast.other.token })).body.length, 0);
  });

  it('validates group input', async () => {
    const missing = await app.http.post('/api/v1/groups/create', { name: 'X' }, { token: cast.admin.token });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.detail[0].loc, ['body', 'description']);
    const badMembers = await app.http.post(
      '/api/v1/groups/id/x/users/add',
      { user_ids: 'all' },
      { token: cast.admin.token },
    );
    assert.equal(badMembers.status, 422);
  });
});
