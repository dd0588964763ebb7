import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, withApp } from './support/app.js';
import { startWithProviders } from './support/fixture.js';
import { seedUsers } from './support/factories.js';
import { startMockProvider } from './support/mock-provider.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';

const ids = (response: { body: { data: { id: string }[] } }) => response.body.data.map((model) => model.id).sort();

describe('models', () => {
  let providers: Providers;
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  let close: () => Promise<void>;

  before(async () => {
    ({ providers, app, cast, close } = await startWithProviders());
  });
  after(() => close());

  it('merges every connection’s models for admins, with their connection details', async () => {
    const response = await app.http.get('/api/models', { token: cast.admin.token });
    assert.equal(response.status, 200);
    assert.deepEqual(ids(response), ['gpt-test', 'llama3:8b']);
    const gpt = response.body.data.find((model: { id: string }) => model.id === 'gpt-test');
    assert.equal(gpt.name, 'GPT Test');
    assert.equal(gpt.owned_by, 'openai');
    assert.equal(gpt.connection_type, 'external');
    assert.equal(gpt.urlIdx, 0);
    const llama = response.body.data.find((model: { id: string }) => model.id === 'llama3:8b');
    assert.equal(llama.owned_by, 'ollama');
    assert.equal(llama.connection_type, 'local');
    assert.deepEqual(ids(await app.http.get('/api/v1/models', { token: cast.admin.token })), ['gpt-test', 'llama3:8b']);
    const listed = providers.openai.requests.find((request) => request.path === '/v1/models');
    assert.equal(listed?.headers.authorization, 'Bearer sk-upstream-test-key', 'the connection key is sent');
  });

  it('shows users only models with a row granting them read', async () => {
    assert.deepEqual(ids(await app.http.get('/api/models', { token: cast.user.token })), []);
    await publishModel(app, cast.admin.token, 'gpt-test');
    await publishModel(app, cast.admin.token, 'llama3:8b', {});
    assert.deepEqual(ids(await app.http.get('/api/models', { token: cast.user.token })), ['gpt-test']);

    const group = await app.http.post(
      '/api/v1/groups/create',
      { name: 'Llamas', description: '' },
      { token: cast.admin.token },
    );
    await app.http.post(
      `/api/v1/groups/id/${group.body.id}/users/add`,
      { user_ids: [cast.user.id] },
      { token: cast.admin.token },
    );
    const row = (await app.http.get('/api/v1/models/model?id=llama3:8b', { token: cast.admin.token })).body;
    const updated = await app.http.post(
      '/api/v1/models/model/update',
      {
        ...row,
        access_control: { read: { group_ids: [group.body.id], user_ids: [] }, write: { group_ids: [], user_ids: [] } },
      },
      { token: cast.admin.token },
    );
    assert.equal(updated.status, 200);
    assert.deepEqual(ids(await app.http.get('/api/models', { token: cast.user.token })), ['gpt-test', 'llama3:8b']);
    assert.deepEqual(ids(await app.http.get('/api/models', { token: cast.other.token })), ['gpt-test']);
    assert.equal((await app.http.get('/api/v1/models/model?id=llama3:8b', { token: cast.other.token })).text, 'null');
    assert.equal((await app.http.get('/api/models', { token: cast.pending.token })).status, 401);
  });

  it('applies overrides (name, deactivation) and adds presets', async () => {
    const row = (await app.http.get('/api/v1/models/model?id=gpt-test', { token: cast.admin.token })).body;
    await app.http.post('/api/v1/models/model/update', { ...row, name: 'House GPT' }, { token: cast.admin.token });
    const preset = await app.http.post(
      '/api/v1/models/create',
      {
        id: 'helper',
        base_model_id: 'gpt-test',
        name: 'Helper',
        meta: { tags: [{ name: 'work' }] },
        params: { system: 'Be brief.' },
      },
      { token: cast.admin.token },
    );
    assert.equal(preset.status, 200);
    const list = (await app.http.get('/api/models', { token: cast.admin.token })).body.data;
    assert.equal(list.find((m: { id: string }) => m.id === 'gpt-test').name, 'House GPT');
    const helper = list.find((m: { id: string }) => m.id === 'helper');
    assert.equal(helper.preset, true);
    assert.deepEqual(helper.tags, [{ name: 'work' }]);
    assert.equal(helper.info.base_model_id, 'gpt-test');
    assert.deepEqual((await app.http.get('/api/v1/models/tags', { token: cast.admin.token })).body, ['work']);
    const page = (await app.http.get('/api/v1/models/list', { token: cast.admin.token })).body;
    assert.equal(page.total, 1);
    // The workspace card says "By {name}": the owner travels with the row.
    const owner = page.items[0].user;
    assert.deepEqual([owner.id, owner.email, owner.role], [cast.admin.id, cast.admin.email, 'admin']);
    assert.deepEqual(Object.keys(owner).sort(), ['email', 'id', 'name', 'profile_image_url', 'role']);

    await app.http.post('/api/v1/models/model/toggle?id=llama3:8b', undefined, { token: cast.admin.token });
    assert.ok(
      !ids(await app.http.get('/api/models', { token: cast.admin.token })).includes('llama3:8b'),
      'inactive hides',
    );
    await app.http.post('/api/v1/models/model/toggle?id=llama3:8b', undefined, { token: cast.admin.token });

    const taken = await app.http.post(
      '/api/v1/models/create',
      { id: 'helper', name: 'x', meta: {}, params: {} },
      { token: cast.admin.token },
    );
    assert.equal(taken.status, 401);
    const noPermission = await app.http.post(
      '/api/v1/models/create',
      { id: 'mine', name: 'x', meta: {}, params: {} },
      { token: cast.user.token },
    );
    assert.equal(noPermission.status, 401);
    const notTheirs = await app.http.post(
      '/api/v1/models/model/update',
      { ...row, name: 'Hacked' },
      { token: cast.user.token },
    );
    assert.equal(notTheirs.status, 400);
    assert.equal(
      (await app.http.post('/api/v1/models/model/delete', { id: 'helper' }, { token: cast.user.token })).status,
      401,
    );
    assert.equal((await app.http.get('/api/v1/models/model?id=nope', { token: cast.user.token })).status, 401);
  });

  it('serves the provider routes the SPA reads, filtered by access', async () => {
    const openai = await app.http.get('/openai/models', { token: cast.user.token });
    assert.deepEqual(
      openai.body.data.map((model: { id: string }) => model.id),
      ['gpt-test'],
    );
    assert.deepEqual((await app.http.get('/openai/models/0', { token: cast.admin.token })).body.data.length, 1);
    assert.equal((await app.http.get('/openai/models/x', { token: cast.admin.token })).status, 400);
    const tags = await app.http.get('/ollama/api/tags', { token: cast.admin.token });
    assert.equal(tags.body.models[0].model, 'llama3:8b');
    assert.deepEqual((await app.http.get('/ollama/api/version', { token: cast.user.token })).body, {
      version: '0.5.0',
    });
    const embedded = await app.http.post(
      '/api/embeddings',
      { model: 'gpt-test', input: ['a', 'b'] },
      { token: cast.user.token },
    );
    assert.equal(embedded.status, 200);
    assert.equal(embedded.body.data.length, 2);
    assert.equal(embedded.body.data[0].embedding.length, 8);
    const unknown = await app.http.post('/api/embeddings', { model: 'nope', input: 'a' }, { token: cast.user.token });
    assert.equal(unknown.status, 400);
  });

  it('verifies a connection for admins', async () => {
    const ok = await app.http.post(
      '/openai/verify',
      { url: providers.openai.openaiBaseUrl, key: 'sk-upstream-test-key' },
      { token: cast.admin.token },
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.body.data[0].id, 'gpt-test');
    const badKey = await app.http.post(
      '/openai/verify',
      { url: providers.openai.openaiBaseUrl, key: 'wrong' },
      { token: cast.admin.token },
    );
    assert.equal(badKey.status, 502);
    assert.match(badKey.body.detail, /401/);
    const ollama = await app.http.post(
      '/ollama/verify',
      { url: providers.ollama.ollamaBaseUrl },
      { token: cast.admin.token },
    );
    assert.deepEqual(ollama.body, { version: '0.5.0' });
    assert.equal((await app.http.post('/openai/verify', { url: 'nope' }, { token: cast.admin.token })).status, 422);
    assert.equal(
      (await app.http.post('/openai/verify', { url: providers.openai.openaiBaseUrl }, { token: cast.user.token }))
        .status,
      401,
    );
  });

  it('lets admins read and change the connections', async () => {
    const config = await app.http.get('/openai/config', { token: cast.admin.token });
    assert.deepEqual(config.body.OPENAI_API_BASE_URLS, [providers.openai.openaiBaseUrl]);
    assert.equal((await app.http.get('/openai/config', { token: cast.user.token })).status, 401);
    const bad = await app.http.post(
      '/openai/config/update',
      { ...config.body, OPENAI_API_BASE_URLS: ['not a url'] },
      { token: cast.admin.token },
    );
    assert.equal(bad.status, 422);
    const disabled = await app.http.post(
      '/openai/config/update',
      { ...config.body, ENABLE_OPENAI_API: false },
      { token: cast.admin.token },
    );
    assert.equal(disabled.body.ENABLE_OPENAI_API, false);
    assert.deepEqual(ids(await app.http.get('/api/models', { token: cast.admin.token })).includes('gpt-test'), false);
    await app.http.post(
      '/openai/config/update',
      { ...config.body, ENABLE_OPENAI_API: true },
      { token: cast.admin.token },
    );
    const ollama = await app.http.get('/ollama/config', { token: cast.admin.token });
    assert.deepEqual(ollama.body.OLLAMA_BASE_URLS, [providers.ollama.ollamaBaseUrl]);
    const saved = await app.http.post(
      '/ollama/config/update',
      { ...ollama.body, OLLAMA_API_CONFIGS: { '0': { prefix_id: 'lan' }, '5': {} } },
      { token: cast.admin.token },
    );
    assert.deepEqual(
      saved.body.OLLAMA_API_CONFIGS,
      { '0': { prefix_id: 'lan' } },
      'configs of missing indexes are dropped',
    );
    assert.ok(ids(await app.http.get('/api/models', { token: cast.admin.token })).includes('lan.llama3:8b'));
    assert.deepEqual((await app.http.get('/ollama/api/version/0', { token: cast.user.token })).body, {
      version: '0.5.0',
    });
    assert.equal((await app.http.get('/ollama/api/version/3', { token: cast.user.token })).status, 404);
    await app.http.post(
      '/ollama/config/update',
      { ...ollama.body, ENABLE_OLLAMA_API: false },
      { token: cast.admin.token },
    );
    // The model selector asks on every opening: with Ollama off the answer is a plain "no version".
    assert.deepEqual((await app.http.get('/ollama/api/version', { token: cast.user.token })).body, { version: false });
    await app.http.post(
      '/ollama/config/update',
      { ...ollama.body, OLLAMA_API_CONFIGS: {} },
      { token: cast.admin.token },
    );
  });
});

describe('a dead provider', () => {
  it('does not delay /api/models beyond AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST', async () => {
    const providers = await startProviders();
    const dead = await startMockProvider();
    dead.setModelListDelay('hang');
    const env = {
      ...providers.env,
      OPENAI_API_BASE_URLS: `${dead.openaiBaseUrl};${providers.openai.openaiBaseUrl}`,
      OPENAI_API_KEYS: `x;${providers.env.OPENAI_API_KEYS}`,
      AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST: '1',
    };
    try {
      await withApp(env, async (app) => {
        const admin = (await seedUsers(app)).admin;
        const started = performance.now();
        const response = await app.http.get('/api/models', { token: admin.token });
        const elapsed = performance.now() - started;
        assert.equal(response.status, 200);
        assert.deepEqual(ids(response), ['gpt-test', 'llama3:8b'], 'the live providers are listed');
        assert.ok(elapsed >= 900 && elapsed < 2500, `answered after ${elapsed.toFixed(0)} ms (timeout 1 s)`);
      });
    } finally {
      await dead.close();
      await providers.close();
    }
  });
});
