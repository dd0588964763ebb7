import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appFixture } from './support/fixture.js';

/** What the web app calls on start and in a normal session, each answered in a shape the app accepts. */
describe('the web app’s start-up and session calls', () => {
  const t = appFixture();

  const EMPTY_LISTS = [
    '/api/v1/tools/',
    '/api/v1/tools/list',
    '/api/v1/functions/',
    '/api/v1/knowledge/',
    '/api/v1/knowledge/list',
    '/api/v1/channels/',
    '/api/v1/notes/',
    '/api/v1/notes/list?page=1',
    '/api/v1/evaluations/feedbacks/user',
    '/api/v1/prompts/',
    '/api/v1/prompts/list',
    '/api/v1/memories/',
    '/api/v1/folders/',
    '/api/v1/chats/all/tags',
    '/api/v1/chats/pinned',
    '/api/v1/chats/?page=1',
    '/api/v1/configs/banners',
  ];

  it('answers every list a user’s session loads with a valid empty result', async () => {
    for (const path of EMPTY_LISTS) {
      const response = await t.app.http.get(path, { token: t.cast.user.token });
      assert.equal(response.status, 200, `${path}: ${response.status} ${response.text}`);
      assert.deepEqual(response.body, [], path);
    }
    const settings = await t.app.http.get('/api/v1/users/user/settings', { token: t.cast.user.token });
    assert.equal(settings.status, 200);
    assert.deepEqual((await t.app.http.get('/api/models', { token: t.cast.user.token })).body, { data: [] });
    assert.deepEqual((await t.app.http.get('/api/usage', { token: t.cast.user.token })).body.model_ids, []);
  });

  it('answers the admin pages’ reads', async () => {
    const token = t.cast.admin.token;
    assert.deepEqual((await t.app.http.get('/api/v1/functions/list', { token })).body, []);
    assert.deepEqual((await t.app.http.get('/api/v1/pipelines/', { token })).body, { data: [] });
    assert.deepEqual((await t.app.http.get('/api/v1/evaluations/config', { token })).body, {
      ENABLE_EVALUATION_ARENA_MODELS: true,
      EVALUATION_ARENA_MODELS: [],
    });
    assert.deepEqual((await t.app.http.get('/api/v1/configs/connections', { token })).body, {
      ENABLE_DIRECT_CONNECTIONS: false,
      ENABLE_BASE_MODELS_CACHE: false,
    });
    assert.deepEqual((await t.app.http.get('/api/v1/configs/models', { token })).body, {
      DEFAULT_MODELS: null,
      DEFAULT_PINNED_MODELS: null,
      MODEL_ORDER_LIST: [],
    });
    const updates = await t.app.http.get('/api/version/updates', { token });
    assert.deepEqual(updates.body, { current: t.app.config.version, latest: t.app.config.version });
    assert.ok((await t.app.http.get('/api/changelog')).body[t.app.config.version], 'release notes of this version');
  });

  it('refuses the not-yet-built domains’ writes with a clear 400', async () => {
    const writes: [string, string][] = [
      ['/api/v1/tools/create', t.cast.user.token],
      ['/api/v1/notes/create', t.cast.user.token],
      ['/api/v1/functions/create', t.cast.admin.token],
      ['/api/v1/channels/create', t.cast.admin.token],
    ];
    for (const [path, token] of writes) {
      const response = await t.app.http.post(path, { name: 'x' }, { token });
      assert.equal(response.status, 400, path);
      assert.match(response.body.detail, /not available on this server yet/, path);
    }
  });

  it('keeps banners that an admin sets, for every user', async () => {
    const banner = {
      id: 'b1',
      type: 'info',
      title: 'Hi',
      content: 'Maintenance at 22:00',
      dismissible: true,
      timestamp: 1,
    };
    const saved = await t.app.http.post(
      '/api/v1/configs/banners',
      { banners: [banner] },
      { token: t.cast.admin.token },
    );
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual((await t.app.http.get('/api/v1/configs/banners', { token: t.cast.user.token })).body, [banner]);
    const bad = await t.app.http.post(
      '/api/v1/configs/banners',
      { banners: [{ id: 1 }] },
      { token: t.cast.admin.token },
    );
    assert.equal(bad.status, 422);
    assert.equal(
      (await t.app.http.post('/api/v1/configs/banners', { banners: [] }, { token: t.cast.user.token })).status,
      401,
    );
    assert.deepEqual((await t.app.http.get('/api/v1/configs/banners', { token: t.cast.user.token })).body, [banner]);
    await t.app.http.post('/api/v1/configs/banners', { banners: [] }, { token: t.cast.admin.token });
  });
});
