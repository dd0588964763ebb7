import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  chatJson,
  ids,
  importChats,
  LIST_ITEM_KEYS,
  newChat,
  newFolder,
  series,
  sorted,
  titles,
  chatsFixture,
} from './support/chats.js';
import type { TestUser } from './support/factories.js';

describe('chat tags and search', () => {
  const fx = chatsFixture();
  const { fresh, get, post } = fx;
  const untag = (id: string, name: string, who: TestUser) =>
    fx.app.http.request('DELETE', `/api/v1/chats/${id}/tags`, { name }, { token: who.token });
  const tagIds = async (who: TestUser) => sorted(ids((await get('/all/tags', who)).body));

  it('adds tags with normalised ids and set semantics; "none" is refused; tag rows are per user', async () => {
    const owner = await fresh();
    const chat = await newChat(fx.app, owner, 'Tagged');
    const added = await post(`/${chat.id}/tags`, { name: 'Work Stuff' }, owner);
    assert.equal(added.status, 200);
    assert.deepEqual(added.body, [{ id: 'work_stuff', name: 'Work Stuff', user_id: owner.id, meta: null }]);
    const again = await post(`/${chat.id}/tags`, { name: 'work stuff' }, owner);
    assert.deepEqual(ids(again.body), ['work_stuff']);
    assert.equal(again.body[0].name, 'Work Stuff', 'the name stays as first typed');
    await post(`/${chat.id}/tags`, { name: 'Urgent' }, owner);
    const read = await get(`/${chat.id}`, owner);
    assert.deepEqual(sorted(read.body.meta.tags), ['urgent', 'work_stuff']);
    assert.deepEqual(sorted(ids((await get(`/${chat.id}/tags`, owner)).body)), ['urgent', 'work_stuff']);
    assert.deepEqual(await tagIds(owner), ['urgent', 'work_stuff']);
    const listed = (await get('/all/tags', owner)).body.find((tag: any) => tag.id === 'urgent');
    assert.deepEqual(listed, { id: 'urgent', name: 'Urgent', user_id: owner.id, meta: null });

    for (const name of ['None', 'none', 'NONE']) {
      const refused = await post(`/${chat.id}/tags`, { name }, owner);
      assert.equal(refused.status, 400, name);
      assert.match(refused.body.detail, /None/);
    }
    assert.equal((await post(`/${chat.id}/tags`, {}, owner)).status, 422);
    assert.deepEqual(sorted((await get(`/${chat.id}`, owner)).body.meta.tags), ['urgent', 'work_stuff']);

    const neighbour = await fresh();
    const theirs = await newChat(fx.app, neighbour, 'Theirs');
    const their = await post(`/${theirs.id}/tags`, { name: 'WORK STUFF' }, neighbour);
    assert.deepEqual(their.body, [{ id: 'work_stuff', name: 'WORK STUFF', user_id: neighbour.id, meta: null }]);
    assert.deepEqual(await tagIds(neighbour), ['work_stuff']);
    assert.deepEqual(await tagIds(owner), ['urgent', 'work_stuff']);
    assert.equal((await get('/all/tags', owner)).body.find((tag: any) => tag.id === 'work_stuff').name, 'Work Stuff');
  });

  it('keeps tag rows exact through untagging, archiving, clearing and deleting', async () => {
    const owner = await fresh();
    const [a, b, c] = await importChats(fx.app, owner, series(3, 'Life'));
    await post(`/${a.id}/tags`, { name: 'shared' }, owner);
    await post(`/${a.id}/tags`, { name: 'solo' }, owner);
    await post(`/${b.id}/tags`, { name: 'Shared' }, owner);
    assert.deepEqual(await tagIds(owner), ['shared', 'solo']);

    const removed = await untag(a.id, 'Solo', owner);
    assert.equal(removed.status, 200);
    assert.deepEqual(ids(removed.body), ['shared']);
    assert.deepEqual(await tagIds(owner), ['shared'], 'unused tag row deleted');
    await untag(a.id, 'shared', owner);
    assert.deepEqual((await get(`/${a.id}`, owner)).body.meta.tags, []);
    assert.deepEqual(await tagIds(owner), ['shared'], 'still used by b');
    assert.equal(
      (await fx.app.http.request('DELETE', `/api/v1/chats/${b.id}/tags`, {}, { token: owner.token })).status,
      422,
    );

    await post(`/${b.id}/archive`, undefined, owner);
    assert.deepEqual(await tagIds(owner), [], 'archived chats do not keep tag rows');
    assert.deepEqual((await get(`/${b.id}`, owner)).body.meta.tags, ['shared'], 'the chat keeps its tags');
    await post(`/${b.id}/archive`, undefined, owner);
    assert.deepEqual(await tagIds(owner), ['shared'], 'un-archiving restores the row');

    await post('/archive/all', undefined, owner);
    assert.deepEqual(await tagIds(owner), []);
    await post('/unarchive/all', undefined, owner);
    assert.deepEqual(await tagIds(owner), ['shared']);

    const cleared = await fx.app.http.delete(`/api/v1/chats/${b.id}/tags/all`, { token: owner.token });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body, true);
    assert.deepEqual((await get(`/${b.id}`, owner)).body.meta.tags, []);
    assert.deepEqual(await tagIds(owner), []);

    await post(`/${c.id}/tags`, { name: 'doomed' }, owner);
    await post(`/${b.id}/tags`, { name: 'kept' }, owner);
    await fx.app.http.delete(`/api/v1/chats/${c.id}`, { token: owner.token });
    assert.deepEqual(await tagIds(owner), ['kept'], 'deleting the only carrier deletes the row');
    await fx.app.http.delete('/api/v1/chats/', { token: owner.token });
    assert.deepEqual(await tagIds(owner), [], 'no chats, no tag rows');

    const [imported] = await importChats(fx.app, owner, [{ chat: chatJson('Imported'), meta: { tags: ['carried'] } }]);
    assert.deepEqual(imported.meta.tags, ['carried']);
    assert.deepEqual(await tagIds(owner), ['carried'], 'an imported tagged chat carries a tag row');
  });

  it('finds chats by tag with POST /tags, archived included, applying skip and limit', async () => {
    const owner = await fresh();
    const created = await importChats(fx.app, owner, series(4, 'Tagme'));
    for (const chat of created.slice(0, 3)) await post(`/${chat.id}/tags`, { name: 'Batch Job' }, owner);
    await post(`/${created[0].id}/archive`, undefined, owner);
    const all = await post('/tags', { name: 'batch job' }, owner);
    assert.equal(all.status, 200);
    assert.deepEqual(sorted(ids(all.body)), sorted(ids(created.slice(0, 3))));
    for (const item of all.body) assert.deepEqual(Object.keys(item).sort(), LIST_ITEM_KEYS);
    assert.equal((await post('/tags', { name: 'Batch Job', skip: 1, limit: 1 }, owner)).body.length, 1);
    assert.equal((await post('/tags', { name: 'Batch Job', skip: 0, limit: 2 }, owner)).body.length, 2);
    assert.equal((await post('/tags', { name: 'Batch Job', skip: 2 }, owner)).body.length, 1);
    const pages = [
      ...(await post('/tags', { name: 'batch_job', skip: 0, limit: 2 }, owner)).body,
      ...(await post('/tags', { name: 'batch_job', skip: 2, limit: 2 }, owner)).body,
    ];
    assert.deepEqual(sorted(ids(pages)), sorted(ids(created.slice(0, 3))), 'pages do not overlap');
    assert.deepEqual((await post('/tags', { name: 'nothing here' }, owner)).body, []);
    assert.deepEqual((await post('/tags', { name: 'batch job' }, fx.cast.other)).body, [], 'own chats only');
    assert.equal((await post('/tags', {}, owner)).status, 422);
  });

  describe('search', () => {
    let owner: TestUser;
    const search = async (text: string, page?: number) => {
      const query = `?text=${encodeURIComponent(text)}${page ? `&page=${page}` : ''}`;
      const response = await get(`/search${query}`, owner);
      assert.equal(response.status, 200, `${text}: ${response.text}`);
      return response.body as { id: string; title: string }[];
    };

    before(async () => {
      owner = await fresh();
      const folder = await newFolder(fx.app, owner, 'My Project');
      const chats = await importChats(fx.app, owner, [
        { chat: chatJson('Apple pie recipe'), meta: { tags: ['food'] }, updated_at: 100 },
        { chat: chatJson('Banana bread', 'Does it need APPLE sauce?'), updated_at: 200 },
        { chat: chatJson('Car repair'), meta: { tags: ['work', 'urgent'] }, pinned: true, updated_at: 300 },
        { chat: chatJson('Tax return'), updated_at: 400 },
        { chat: chatJson('Project kickoff'), folder_id: folder.id, updated_at: 500 },
        { chat: chatJson('Shared apple notes'), updated_at: 600 },
      ]);
      await post(`/${chats[3].id}/archive`, undefined, owner);
      await post(`/${chats[5].id}/share`, undefined, owner);
      await newChat(fx.app, fx.cast.other, 'Apple of another user');
    });

    it('matches words against titles and message content, case-insensitively, newest first', async () => {
      const apple = await search('apple');
      assert.deepEqual(titles(apple), ['Shared apple notes', 'Banana bread', 'Apple pie recipe']);
      for (const item of apple) assert.deepEqual(Object.keys(item).sort(), LIST_ITEM_KEYS);
      assert.deepEqual(titles(await search('APPLE')), titles(apple));
      assert.deepEqual(titles(await search('sauce')), ['Banana bread']);
      assert.deepEqual(titles(await search('pie recipe')), ['Apple pie recipe'], 'words re-joined as a phrase');
      assert.deepEqual(await search('recipe pie'), []);
      assert.deepEqual(await search('tax'), [], 'archived chats are excluded by default');
      assert.deepEqual(await search('zzz-no-such-thing'), []);
      const missing = await get('/search', owner);
      assert.equal(missing.status, 422);
    });

    it('filters by tag:, pinned:, archived:, shared: and folder:', async () => {
      assert.deepEqual(titles(await search('tag:food')), ['Apple pie recipe']);
      assert.deepEqual(titles(await search('tag:work tag:urgent')), ['Car repair']);
      assert.deepEqual(await search('tag:work tag:food'), []);
      assert.deepEqual(titles(await search('tag:none')), ['Shared apple notes', 'Project kickoff', 'Banana bread']);
      assert.deepEqual(titles(await search('apple tag:food')), ['Apple pie recipe']);
      assert.deepEqual(titles(await search('pinned:true')), ['Car repair']);
      assert.ok(!titles(await search('pinned:false')).includes('Car repair'));
      assert.ok(titles(await search('pinned:false')).includes('Banana bread'));
      assert.deepEqual(titles(await search('archived:true')), ['Tax return']);
      assert.deepEqual(titles(await search('tax archived:true')), ['Tax return']);
      assert.deepEqual(titles(await search('shared:true')), ['Shared apple notes']);
      assert.deepEqual(titles(await search('apple shared:false')), ['Banana bread', 'Apple pie recipe']);
      assert.deepEqual(titles(await search('folder:my_project')), ['Project kickoff']);
      assert.deepEqual(titles(await search('folder:My_Project')), ['Project kickoff']);
      const unknownFolder = titles(await search('folder:nowhere'));
      assert.ok(unknownFolder.includes('Banana bread') && unknownFolder.includes('Project kickoff'), 'filter ignored');
      assert.deepEqual(await tagIds(owner), ['food', 'urgent', 'work'], 'imported tags have rows; search changes none');
      const empty = titles(await search(''));
      assert.ok(empty.includes('Banana bread') && !empty.includes('Tax return'), 'empty text lists non-archived');
    });

    it('pages search results 60 at a time', async () => {
      const needles = await importChats(fx.app, owner, series(61, 'Needle'));
      const newestFirst = [...ids(needles)].reverse();
      const first = await search('needle', 1);
      assert.deepEqual(ids(first), newestFirst.slice(0, 60));
      assert.deepEqual(ids(await search('needle', 2)), newestFirst.slice(60));
      assert.deepEqual(await search('needle', 3), []);
      assert.deepEqual(ids(await search('needle')), newestFirst.slice(0, 60), 'page defaults to 1');
    });
  });
});
