import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestApp } from './support/app.js';
import { ACCESS_PROHIBITED, NOT_FOUND } from './support/chats.js';
import { newUser, type TestUser } from './support/factories.js';
import { appFixture } from './support/fixture.js';

const COMMAND_TAKEN = 'Uh-oh! This command is already registered. Please choose another command string.';
const PROMPT_KEYS = ['access_control', 'command', 'content', 'timestamp', 'title', 'user_id'];
const commands = (list: { command: string }[]) => list.map((prompt) => prompt.command).sort();

const create = (app: TestApp, who: TestUser, command: string, access_control: unknown = {}) =>
  app.http.post(
    '/api/v1/prompts/create',
    { command, title: `Title of ${command}`, content: `Content of ${command}`, access_control },
    { token: who.token },
  );

/** A group with the given members that grants prompt creation and sharing. */
async function promptWriters(app: TestApp, admin: TestUser, members: TestUser[]) {
  const group = await app.http.post(
    '/api/v1/groups/create',
    {
      name: `Writers ${Math.random()}`,
      description: '',
      permissions: { workspace: { prompts: true }, sharing: { prompts: true } },
    },
    { token: admin.token },
  );
  await app.http.post(
    `/api/v1/groups/id/${group.body.id}/users/add`,
    { user_ids: members.map((member) => member.id) },
    { token: admin.token },
  );
  return group.body.id as string;
}

describe('prompts', () => {
  const fx = appFixture();

  it('lets admins create, read, update and delete; the slash is part of the command', async () => {
    const { app, cast } = fx;
    const created = await create(app, cast.admin, '/summary', null);
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), PROMPT_KEYS);
    assert.equal(created.body.command, '/summary');
    assert.equal(created.body.user_id, cast.admin.id);
    assert.equal(created.body.access_control, null);
    assert.ok(Math.abs(created.body.timestamp - Date.now() / 1000) < 60, 'epoch seconds');

    const noSlash = await create(app, cast.admin, 'brief', {});
    assert.equal(noSlash.body.command, '/brief', 'a missing slash is added');

    const got = await app.http.get('/api/v1/prompts/command/summary', { token: cast.admin.token });
    assert.deepEqual(got.body, created.body);

    const updated = await app.http.post(
      '/api/v1/prompts/command/summary/update',
      { command: '/renamed', title: 'Short summary', content: 'Summarize: ', access_control: null },
      { token: cast.admin.token },
    );
    assert.equal(updated.status, 200);
    assert.equal(updated.body.command, '/summary', 'the command is never renamed');
    assert.equal(updated.body.title, 'Short summary');
    assert.deepEqual((await app.http.get('/api/v1/prompts/command/summary', { token: cast.admin.token })).body, {
      ...updated.body,
    });

    const deleted = await app.http.delete('/api/v1/prompts/command/brief/delete', { token: cast.admin.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    const gone = await app.http.get('/api/v1/prompts/command/brief', { token: cast.admin.token });
    assert.equal(gone.status, 401);
    assert.equal(gone.body.detail, NOT_FOUND);
  });

  it('refuses duplicate commands and malformed forms with a 4xx and detail', async () => {
    const { app, cast } = fx;
    await create(app, cast.admin, '/dup');
    const again = await create(app, cast.admin, 'dup');
    assert.equal(again.status, 400);
    assert.equal(again.body.detail, COMMAND_TAKEN);
    for (const body of [
      {},
      { command: '/x', title: 'T' },
      { command: '/has space', title: 'T', content: 'C' },
      { command: '/a/b', title: 'T', content: 'C' },
      { command: 5, title: 'T', content: 'C' },
      { command: '/ok', title: 'T', content: 'C', access_control: 'public' },
    ]) {
      const response = await app.http.post('/api/v1/prompts/create', body, { token: cast.admin.token });
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.ok(response.body.detail);
    }
  });

  it('needs workspace.prompts for users (401 like upstream) and keeps their prompts private without sharing', async () => {
    const { app, cast } = fx;
    const refused = await create(app, cast.user, '/mine');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.detail, '401 Unauthorized');

    const writer = await newUser(app, cast.admin, 'user', 'Writer');
    const group = await app.http.post(
      '/api/v1/groups/create',
      { name: 'Creators', description: '', permissions: { workspace: { prompts: true } } },
      { token: cast.admin.token },
    );
    await app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [writer.id] },
      { token: cast.admin.token },
    );
    const asPublic = await create(app, writer, '/wanted-public', null);
    assert.equal(asPublic.status, 200);
    assert.deepEqual(asPublic.body.access_control, {}, 'public needs sharing.public_prompts');
    const shared = await create(app, writer, '/wanted-shared', {
      read: { group_ids: [], user_ids: [cast.user.id] },
      write: { group_ids: [], user_ids: [] },
    });
    assert.deepEqual(shared.body.access_control, {}, 'grants need sharing.prompts');
    const read = await app.http.get('/api/v1/prompts/command/wanted-shared', { token: cast.user.token });
    assert.equal(read.status, 401);
  });

  it('applies the ACL: public, private, user and group grants; not readable = missing', async () => {
    const { app, cast } = fx;
    const [owner, reader] = [await newUser(app, cast.admin), await newUser(app, cast.admin)];
    const groupId = await promptWriters(app, cast.admin, [owner, reader]);
    const grant = (read: object, write: object = {}) => ({
      read: { group_ids: [], user_ids: [], ...read },
      write: { group_ids: [], user_ids: [], ...write },
    });
    await create(app, cast.admin, '/acl-public', null);
    assert.equal((await create(app, owner, '/acl-private', {})).status, 200);
    await create(app, owner, '/acl-user', grant({ user_ids: [cast.user.id] }));
    await create(app, owner, '/acl-group', grant({ group_ids: [groupId] }));
    await create(app, owner, '/acl-group-write', grant({}, { group_ids: [groupId] }));
    await create(app, owner, '/acl-user-write', grant({}, { user_ids: [cast.other.id] }));
    const acl = (list: { command: string }[]) => commands(list).filter((command) => command.startsWith('/acl-'));

    const readable = async (who: TestUser) => acl((await app.http.get('/api/v1/prompts/', { token: who.token })).body);
    const writable = async (who: TestUser) =>
      acl((await app.http.get('/api/v1/prompts/list', { token: who.token })).body);
    assert.deepEqual(await readable(cast.user), ['/acl-public', '/acl-user']);
    assert.deepEqual(await writable(cast.user), []);
    assert.deepEqual(await readable(cast.other), ['/acl-public', '/acl-user-write']);
    assert.deepEqual(await writable(cast.other), ['/acl-user-write']);
    assert.deepEqual(await readable(reader), ['/acl-group', '/acl-group-write', '/acl-public']);
    assert.deepEqual(await writable(reader), ['/acl-group-write']);
    const all = ['/acl-group', '/acl-group-write', '/acl-private', '/acl-public', '/acl-user', '/acl-user-write'];
    assert.deepEqual(await readable(owner), all);
    assert.deepEqual(
      await writable(owner),
      all.filter((command) => command !== '/acl-public'),
    );
    assert.deepEqual(await readable(cast.admin), all);
    assert.deepEqual(await writable(cast.admin), all);

    const listed = (await app.http.get('/api/v1/prompts/list', { token: owner.token })).body;
    const item = listed.find((prompt: { command: string }) => prompt.command === '/acl-private');
    assert.deepEqual(Object.keys(item.user).sort(), ['email', 'id', 'name', 'profile_image_url', 'role']);
    assert.equal(item.user.id, owner.id);

    // Hidden and missing prompts answer alike, on read, update and delete.
    for (const command of ['acl-private', 'no-such-prompt']) {
      const get = await app.http.get(`/api/v1/prompts/command/${command}`, { token: cast.user.token });
      const update = await app.http.post(
        `/api/v1/prompts/command/${command}/update`,
        { title: 'x', content: 'x' },
        { token: cast.user.token },
      );
      const del = await app.http.delete(`/api/v1/prompts/command/${command}/delete`, { token: cast.user.token });
      for (const response of [get, update, del]) {
        assert.equal(response.status, 401, command);
        assert.equal(response.body.detail, NOT_FOUND);
      }
    }
    // Readers without write are refused changes.
    const readOnly = await app.http.post(
      '/api/v1/prompts/command/acl-user/update',
      { title: 'x', content: 'x' },
      { token: cast.user.token },
    );
    assert.equal(readOnly.status, 401);
    assert.equal(readOnly.body.detail, ACCESS_PROHIBITED);
    assert.equal(
      (await app.http.delete('/api/v1/prompts/command/acl-public/delete', { token: cast.user.token })).status,
      401,
    );

    // Write grants (user and group) allow edits; the owner keeps the prompt.
    const edited = await app.http.post(
      '/api/v1/prompts/command/acl-group-write/update',
      { title: 'Edited', content: 'By a group member', access_control: grant({}, { group_ids: [groupId] }) },
      { token: reader.token },
    );
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.user_id, owner.id);
    assert.equal(edited.body.title, 'Edited');
    // A co-editor without sharing rights keeps the ACL by resending (or omitting) it.
    const shared = (await app.http.get('/api/v1/prompts/command/acl-user-write', { token: cast.other.token })).body;
    for (const form of [shared, { title: 'Omitted', content: 'x' }]) {
      const saved = await app.http.post('/api/v1/prompts/command/acl-user-write/update', form, {
        token: cast.other.token,
      });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.access_control, shared.access_control);
    }
    // Nor can a co-editor change who else has access: a different ACL from them is ignored.
    const narrowed = await app.http.post(
      '/api/v1/prompts/command/acl-user-write/update',
      { ...shared, access_control: {} },
      { token: cast.other.token },
    );
    assert.equal(narrowed.status, 200);
    assert.deepEqual(narrowed.body.access_control, shared.access_control);
    const removed = await app.http.delete('/api/v1/prompts/command/acl-user-write/delete', { token: cast.other.token });
    assert.equal(removed.body, true);
    // Admins may edit and delete anyone's.
    const byAdmin = await app.http.delete('/api/v1/prompts/command/acl-private/delete', { token: cast.admin.token });
    assert.equal(byAdmin.body, true);
  });

  it('keeps prompts when their owner is deleted', async () => {
    const { app, cast } = fx;
    const doomed = await newUser(app, cast.admin);
    await promptWriters(app, cast.admin, [doomed]);
    assert.equal((await create(app, doomed, '/orphan')).status, 200);
    assert.equal((await app.http.delete(`/api/v1/users/${doomed.id}`, { token: cast.admin.token })).status, 200);
    const kept = await app.http.get('/api/v1/prompts/command/orphan', { token: cast.admin.token });
    assert.equal(kept.status, 200);
    const listed = (await app.http.get('/api/v1/prompts/list', { token: cast.admin.token })).body;
    assert.equal(listed.find((prompt: { command: string }) => prompt.command === '/orphan').user, null);
  });
});
