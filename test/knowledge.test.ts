import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_PROHIBITED, NOT_FOUND, UUID } from './support/chats.js';
import { createApiKey, enableApiKeys, newGroup, newUser, type TestUser } from './support/factories.js';
import { uploadFile } from './support/files.js';
import { appFixture } from './support/fixture.js';
import { eventually } from './support/sockets.js';
import {
  addFile,
  createKnowledge,
  FILE_ALREADY_ADDED,
  FILE_METADATA_KEYS,
  FILE_NOT_PROCESSED,
  KNOWLEDGE_KEYS,
  processedFile,
  queryDocuments,
} from './support/knowledge.js';

const FREEDONIA = 'The capital of Freedonia is Fredville.';
const SYLVANIA = 'Sylvania is known for its mountain cheese.';
const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('knowledge bases', () => {
  const fx = appFixture();

  /** A new user who may create knowledge bases (and, with `share`, share them with groups and everyone). */
  async function author(share = false): Promise<TestUser> {
    const who = await newUser(fx.app, fx.cast.admin);
    const sharing: Record<string, boolean> = share ? { knowledge: true, public_knowledge: true } : {};
    await newGroup(fx.app, fx.cast.admin, [who], { workspace: { knowledge: true }, sharing });
    return who;
  }
  const get = (who: TestUser, path: string) => fx.app.http.get(`/api/v1/knowledge${path}`, { token: who.token });
  const post = (who: TestUser, path: string, body?: unknown) =>
    fx.app.http.post(`/api/v1/knowledge${path}`, body, { token: who.token });

  it('needs workspace.knowledge to create one (admins need nothing); public and shared need the sharing permissions', async () => {
    const { app, cast } = fx;
    const denied = await app.http.post(
      '/api/v1/knowledge/create',
      { name: 'Mine', description: 'x', access_control: {} },
      { token: cast.user.token },
    );
    assert.equal(denied.status, 401);
    assert.equal(denied.body.detail, '401 Unauthorized');

    const owner = await author();
    const created = await createKnowledge(app, owner, 'Manuals', null);
    assert.deepEqual(Object.keys(created).sort(), KNOWLEDGE_KEYS);
    assert.match(created.id, UUID);
    assert.equal(created.user_id, owner.id);
    assert.deepEqual(created.data, { file_ids: [] });
    assert.deepEqual(created.files, []);
    assert.deepEqual(created.access_control, {}, 'public without sharing.public_knowledge is stored private');
    const group = await createKnowledge(app, owner, 'Team', { read: { group_ids: ['g1'], user_ids: [] } });
    assert.deepEqual(group.access_control, {}, 'grants without sharing.knowledge are stored private');

    const sharer = await author(true);
    assert.equal((await createKnowledge(app, sharer, 'Open', null)).access_control, null);
    const grant = { read: { group_ids: ['g1'], user_ids: [] }, write: { group_ids: [], user_ids: [owner.id] } };
    assert.deepEqual((await createKnowledge(app, sharer, 'Team', grant)).access_control, grant);
    assert.equal((await createKnowledge(app, cast.admin, 'House', null)).access_control, null);

    for (const body of [{ description: 'x' }, { name: '  ', description: 'x' }, { name: 'x', description: 5 }]) {
      const bad = await post(owner, '/create', body);
      assert.equal(bad.status, 422, JSON.stringify(body));
      assert.ok(Array.isArray(bad.body.detail));
    }
  });

  it('lists, reads, updates and deletes one; missing ids are 404', async () => {
    const owner = await author();
    const created = await createKnowledge(fx.app, owner, 'Recipes');

    const [listed] = (await get(owner, '/')).body.filter((item: { id: string }) => item.id === created.id);
    assert.deepEqual(Object.keys(listed).sort(), [...KNOWLEDGE_KEYS, 'user'].sort());
    assert.deepEqual(Object.keys(listed.user).sort(), ['email', 'id', 'name', 'profile_image_url', 'role']);
    assert.equal(listed.user.id, owner.id);
    assert.ok(ids((await get(owner, '/list')).body).includes(created.id));

    const got = await get(owner, `/${created.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created);

    const renamed = await post(owner, `/${created.id}/update`, { name: 'Family recipes', access_control: {} });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.name, 'Family recipes');
    assert.equal(renamed.body.description, created.description, 'what the edit leaves out stays');
    assert.deepEqual(renamed.body.files, []);
    assert.deepEqual((await get(owner, `/${created.id}`)).body, renamed.body);

    const deleted = await fx.app.http.delete(`/api/v1/knowledge/${created.id}/delete`, { token: owner.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, true);
    const gone = await get(owner, `/${created.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.detail, NOT_FOUND);
    assert.ok(!ids((await get(owner, '/')).body).includes(created.id));
    for (const path of ['/update', '/reset', '/file/add']) {
      const response = await post(owner, `/${created.id}${path}`, { name: 'x', description: 'x', file_id: 'x' });
      assert.equal(response.status, 404, path);
    }
  });

  it('adds processed files of the caller into its collection; refuses duplicates, unprocessed and others’ files', async () => {
    const { app, cast } = fx;
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Atlas');
    const fileId = await processedFile(app, owner, 'freedonia.txt', FREEDONIA);

    const added = await addFile(app, owner, kb.id, fileId);
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.body.data, { file_ids: [fileId] });
    assert.equal(added.body.files.length, 1);
    assert.deepEqual(Object.keys(added.body.files[0]).sort(), FILE_METADATA_KEYS);
    assert.equal(added.body.files[0].meta.name, 'freedonia.txt');
    assert.match(added.body.files[0].hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'capital'), [FREEDONIA]);

    const again = await addFile(app, owner, kb.id, fileId);
    assert.equal(again.status, 400);
    assert.equal(again.body.detail, FILE_ALREADY_ADDED);

    const raw = await uploadFile(app, {
      name: 'raw.txt',
      content: 'unprocessed',
      query: 'process=false',
      token: owner.token,
    });
    const unprocessed = await addFile(app, owner, kb.id, raw.body.id);
    assert.equal(unprocessed.status, 400);
    assert.equal(unprocessed.body.detail, FILE_NOT_PROCESSED);

    const theirs = await processedFile(app, cast.other, 'secret.txt', 'Bob’s secret.');
    for (const id of [theirs, 'no-such-file']) {
      const refused = await addFile(app, owner, kb.id, id);
      assert.equal(refused.status, 404, id);
      assert.equal(refused.body.detail, NOT_FOUND);
    }
    const malformed = await post(owner, `/${kb.id}/file/add`, { file: fileId });
    assert.equal(malformed.status, 422);
    assert.deepEqual((await get(owner, `/${kb.id}`)).body.data, { file_ids: [fileId] }, 'nothing else joined');
  });

  it('indexes an edited file again, removes files (deleting the caller’s own by default), adds in batches and resets', async () => {
    const { app, cast } = fx;
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Almanac');
    const first = await processedFile(app, owner, 'freedonia.txt', FREEDONIA);
    await addFile(app, owner, kb.id, first);

    await app.http.post(
      `/api/v1/files/${first}/data/content/update`,
      { content: 'The capital of Freedonia moved to Newtown.' },
      { token: owner.token },
    );
    const reindexed = await post(owner, `/${kb.id}/file/update`, { file_id: first });
    assert.equal(reindexed.status, 200, reindexed.text);
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'capital'), [
      'The capital of Freedonia moved to Newtown.',
    ]);
    const stranger = await processedFile(app, owner, 'elsewhere.txt', 'Not in the almanac.');
    assert.equal((await post(owner, `/${kb.id}/file/update`, { file_id: stranger })).status, 404);

    const kept = await post(owner, `/${kb.id}/file/remove?delete_file=false`, { file_id: first });
    assert.equal(kept.status, 200, kept.text);
    assert.deepEqual(kept.body.files, []);
    assert.deepEqual(kept.body.data.file_ids, []);
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'capital'), [], 'its chunks left the collection');
    assert.equal((await app.http.get(`/api/v1/files/${first}`, { token: owner.token })).status, 200);
    assert.equal((await post(owner, `/${kb.id}/file/remove`, { file_id: first })).status, 404, 'not in it any more');

    await addFile(app, owner, kb.id, first);
    const removed = await post(owner, `/${kb.id}/file/remove`, { file_id: first });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.files, []);
    assert.equal((await app.http.get(`/api/v1/files/${first}`, { token: owner.token })).status, 404, 'file deleted');

    const second = await processedFile(app, owner, 'sylvania.txt', SYLVANIA);
    const third = await processedFile(app, owner, 'freedonia.txt', FREEDONIA);
    const batch = await post(owner, `/${kb.id}/files/batch/add`, [{ file_id: second }, { file_id: third }]);
    assert.equal(batch.status, 200, batch.text);
    assert.deepEqual(batch.body.data.file_ids, [second, third]);
    assert.deepEqual(ids(batch.body.files), [second, third]);
    assert.equal(batch.body.warnings, undefined);
    const repeated = await post(owner, `/${kb.id}/files/batch/add`, [{ file_id: third }]);
    assert.deepEqual(repeated.body.data.file_ids, [second, third], 'files already in are skipped');

    const malformed = await post(owner, `/${kb.id}/files/batch/add`, [{ file_id: second }, { id: 1 }]);
    assert.equal(malformed.status, 422);
    assert.deepEqual(malformed.body.detail[0].loc, ['body', 1, 'file_id']);
    assert.equal((await post(owner, `/${kb.id}/files/batch/add`, { file_id: second })).status, 422);
    const theirs = await processedFile(app, cast.other, 'bob.txt', 'Bob’s notes.');
    const fresh = await processedFile(app, owner, 'more.txt', 'More notes.');
    const refused = await post(owner, `/${kb.id}/files/batch/add`, [{ file_id: fresh }, { file_id: theirs }]);
    assert.equal(refused.status, 404);
    assert.deepEqual((await get(owner, `/${kb.id}`)).body.data.file_ids, [second, third], 'all or nothing');

    const reset = await post(owner, `/${kb.id}/reset`);
    assert.equal(reset.status, 200);
    assert.deepEqual(reset.body.files, []);
    assert.deepEqual(reset.body.data.file_ids, []);
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'cheese capital'), []);
    assert.equal((await app.http.get(`/api/v1/files/${second}`, { token: owner.token })).status, 200, 'files stay');
  });

  it('shares through its ACL: private, group read, group write, public; readers read its files and query it', async () => {
    const { app, cast } = fx;
    const owner = await author(true);
    const [reader, writer, stranger] = [
      await newUser(app, cast.admin),
      await newUser(app, cast.admin),
      await newUser(app, cast.admin),
    ];
    const readers = await newGroup(app, cast.admin, [reader]);
    const writers = await newGroup(app, cast.admin, [writer], { workspace: { knowledge: true } });
    const kb = await createKnowledge(app, owner, 'Shared', {
      read: { group_ids: [readers], user_ids: [] },
      write: { group_ids: [writers], user_ids: [] },
    });
    const fileId = await processedFile(app, owner, 'freedonia.txt', FREEDONIA);
    await addFile(app, owner, kb.id, fileId);

    // Not shared with them: every route answers as if it did not exist.
    assert.equal((await get(stranger, `/${kb.id}`)).status, 404);
    assert.ok(!ids((await get(stranger, '/')).body).includes(kb.id));
    for (const path of ['/update', '/reset', '/file/add', '/file/remove', '/file/update']) {
      const response = await post(stranger, `/${kb.id}${path}`, { name: 'x', description: 'x', file_id: fileId });
      assert.equal(response.status, 404, path);
      assert.equal(response.body.detail, NOT_FOUND, path);
    }
    assert.equal((await app.http.delete(`/api/v1/knowledge/${kb.id}/delete`, { token: stranger.token })).status, 404);
    assert.equal((await app.http.get(`/api/v1/files/${fileId}`, { token: stranger.token })).status, 404);
    const strangerQuery = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: kb.id, query: 'capital' },
      { token: stranger.token },
    );
    assert.equal(strangerQuery.status, 404);

    // Read access: it, its files and its collection, but no changes.
    assert.equal((await get(reader, `/${kb.id}`)).status, 200);
    assert.ok(ids((await get(reader, '/')).body).includes(kb.id));
    assert.ok(!ids((await get(reader, '/list')).body).includes(kb.id), 'not in the writable list');
    for (const path of ['/update', '/reset', '/file/remove']) {
      const response = await post(reader, `/${kb.id}${path}`, { name: 'x', description: 'x', file_id: fileId });
      assert.equal(response.status, 403, path);
      assert.equal(response.body.detail, ACCESS_PROHIBITED, path);
    }
    assert.equal((await app.http.delete(`/api/v1/knowledge/${kb.id}/delete`, { token: reader.token })).status, 403);
    const file = await app.http.get(`/api/v1/files/${fileId}`, { token: reader.token });
    assert.equal(file.status, 200);
    assert.equal(file.body.data.content, FREEDONIA);
    assert.equal((await app.http.get(`/api/v1/files/${fileId}/content`, { token: reader.token })).text, FREEDONIA);
    assert.equal((await app.http.delete(`/api/v1/files/${fileId}`, { token: reader.token })).status, 404);
    assert.deepEqual(await queryDocuments(app, reader, kb.id, 'capital'), [FREEDONIA]);
    assert.ok(!ids((await app.http.get('/api/v1/files/', { token: reader.token })).body).includes(fileId));

    // Write access: edits, files of their own; the ACL stays the owner's.
    assert.ok(ids((await get(writer, '/list')).body).includes(kb.id));
    const edited = await post(writer, `/${kb.id}/update`, { name: 'Shared atlas', access_control: {} });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.name, 'Shared atlas');
    assert.deepEqual(edited.body.access_control, kb.access_control, 'a co-editor cannot change who sees it');
    const writersFile = await processedFile(app, writer, 'sylvania.txt', SYLVANIA);
    assert.equal((await addFile(app, writer, kb.id, writersFile)).status, 200);
    const removed = await post(writer, `/${kb.id}/file/remove`, { file_id: fileId });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.data.file_ids, [writersFile]);
    assert.equal(
      (await app.http.get(`/api/v1/files/${fileId}`, { token: owner.token })).status,
      200,
      'the owner’s file is not the co-editor’s to delete',
    );

    // Admins see everything; pending users nothing.
    assert.equal((await get(cast.admin, `/${kb.id}`)).status, 200);
    assert.ok(ids((await get(cast.admin, '/')).body).includes(kb.id));
    assert.equal((await get(cast.pending, '/')).status, 401);
    assert.equal((await get(cast.pending, `/${kb.id}`)).status, 401);

    // Public: every user reads, only the owner writes.
    const open = await createKnowledge(app, owner, 'Open', null);
    assert.equal((await get(stranger, `/${open.id}`)).status, 200);
    assert.ok(ids((await get(stranger, '/')).body).includes(open.id));
    assert.ok(!ids((await get(stranger, '/list')).body).includes(open.id));
    assert.equal((await post(stranger, `/${open.id}/update`, { name: 'Mine now' })).status, 403);
  });

  it('lets API keys in with the files scopes', async () => {
    const { app, cast } = fx;
    await enableApiKeys(app, cast.admin);
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Keyed');
    const body = { name: 'By key', description: 'x' };
    // A user has one key at a time: each new key replaces the last.
    const reader = await createApiKey(app, owner, ['files:read']);
    const listed = await app.http.get('/api/v1/knowledge/', { apiKey: reader });
    assert.equal(listed.status, 200, listed.text);
    assert.ok(ids(listed.body).includes(kb.id));
    assert.equal((await app.http.get(`/api/v1/knowledge/${kb.id}`, { apiKey: reader })).status, 200);
    assert.equal((await app.http.post('/api/v1/knowledge/create', body, { apiKey: reader })).status, 403);
    assert.equal((await app.http.post(`/api/v1/knowledge/${kb.id}/reset`, undefined, { apiKey: reader })).status, 403);

    const writer = await createApiKey(app, owner, ['files:read', 'files:write']);
    assert.equal((await app.http.post('/api/v1/knowledge/create', body, { apiKey: writer })).status, 200);
    assert.equal((await app.http.post(`/api/v1/knowledge/${kb.id}/reset`, undefined, { apiKey: writer })).status, 200);

    const unrelated = await createApiKey(app, owner, ['chats:read']);
    assert.equal((await app.http.get('/api/v1/knowledge/', { apiKey: unrelated })).status, 403);
    assert.equal((await app.http.get(`/api/v1/knowledge/${kb.id}`, { apiKey: unrelated })).status, 403);
  });

  it('checks every collection a query names: unknown names and prefix tricks are 404', async () => {
    const { app, cast } = fx;
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Guarded');
    await addFile(app, owner, kb.id, await processedFile(app, owner, 'freedonia.txt', FREEDONIA));
    const query = (names: string[]) =>
      app.http.post(
        '/api/v1/retrieval/query/collection',
        { collection_names: names, query: 'capital' },
        { token: owner.token },
      );
    const found = await query([kb.id]);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.documents, [[FREEDONIA]]);
    for (const name of [`file-${kb.id}`, kb.id.slice(0, -1), `${kb.id} `, `${kb.id}%`, '%', 'knowledge-bases', '']) {
      const refused = await query([kb.id, name]);
      assert.equal(refused.status, 404, JSON.stringify(name));
    }
    const asAdmin = await app.http.post(
      '/api/v1/retrieval/query/doc',
      { collection_name: kb.id, query: 'capital' },
      { token: cast.admin.token },
    );
    assert.deepEqual(asAdmin.body.documents, [[FREEDONIA]]);
  });

  it('prunes a deleted file from the knowledge bases that held it', async () => {
    const { app } = fx;
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Pruned');
    const gone = await processedFile(app, owner, 'gone.txt', SYLVANIA);
    const stays = await processedFile(app, owner, 'stays.txt', FREEDONIA);
    await post(owner, `/${kb.id}/files/batch/add`, [{ file_id: gone }, { file_id: stays }]);
    assert.equal((await app.http.delete(`/api/v1/files/${gone}`, { token: owner.token })).status, 200);
    const [listed] = (await get(owner, '/')).body.filter((item: { id: string }) => item.id === kb.id);
    assert.deepEqual(ids(listed.files), [stays]);
    assert.deepEqual(listed.data.file_ids, [stays]);
    assert.deepEqual((await get(owner, `/${kb.id}`)).body.data.file_ids, [stays]);
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'cheese capital'), [FREEDONIA]);
  });

  it('rebuilds every collection on reindex (admins only)', async () => {
    const { app, cast } = fx;
    const owner = await author();
    const kb = await createKnowledge(app, owner, 'Rebuilt');
    await addFile(app, owner, kb.id, await processedFile(app, owner, 'freedonia.txt', FREEDONIA));
    await app.http.post('/api/v1/retrieval/delete', { collection_name: kb.id }, { token: cast.admin.token });
    assert.deepEqual(await queryDocuments(app, owner, kb.id, 'capital'), []);
    assert.equal((await post(owner, '/reindex')).status, 401);
    const reindexed = await post(cast.admin, '/reindex');
    assert.equal(reindexed.status, 200);
    assert.equal(reindexed.body, true);
    const rebuilt = async () => (await queryDocuments(app, owner, kb.id, 'capital'))[0] === FREEDONIA;
    assert.ok(await eventually(rebuilt, 10_000), 'the queued job rebuilds it');
  });
});
