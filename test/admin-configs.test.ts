import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Reachable, startApp, withApp } from './support/app.js';
import { seedUsers, signup } from './support/factories.js';
import { appFixture, startWithProviders } from './support/fixture.js';

/** GET /api/config as the web app calls it: signed in by the `token` cookie only. */
const clientConfig = async (app: Reachable, token?: string) =>
  (await app.http.get('/api/config', token ? { cookie: `token=${token}` } : {})).body;

const STARTERS = [
  { title: ['Plan a trip', 'to Lisbon in spring'], content: 'Plan a three-day trip to Lisbon in April.' },
  { title: ['Explain', 'a regular expression'], content: 'Explain ^\\d+x\\d+$ step by step.' },
];

/** The small forms of Admin → Settings (Connections, Models, Interface) and the config export/import. */
describe('admin settings forms', () => {
  const t = appFixture();
  const denied = () => [t.cast.user.token, t.cast.pending.token, undefined];

  it('saves the default prompt suggestions that /api/config hands to every user', async () => {
    const admin = t.cast.admin.token;
    const before = await clientConfig(t.app, t.cast.user.token);
    assert.equal(before.default_prompt_suggestions.length, 4, 'the built-in starters');
    assert.deepEqual(before.default_prompt_suggestions[2].title, ['Tell me a fun fact', 'about the Roman Empire']);

    const saved = await t.app.http.post('/api/v1/configs/suggestions', { suggestions: STARTERS }, { token: admin });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, STARTERS);
    const after = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(after.default_prompt_suggestions, STARTERS);

    for (const bad of [
      {},
      { suggestions: 'none' },
      { suggestions: [{ title: 'one line', content: 'x' }] },
      { suggestions: [{ title: ['a', 'b'] }] },
    ]) {
      const refused = await t.app.http.post('/api/v1/configs/suggestions', bad, { token: admin });
      assert.equal(refused.status, 422, JSON.stringify(bad));
    }
    for (const token of denied()) {
      const refused = await t.app.http.post('/api/v1/configs/suggestions', { suggestions: [] }, { token });
      assert.equal(refused.status, 401);
    }
    const kept = await clientConfig(t.app, admin);
    assert.deepEqual(kept.default_prompt_suggestions, STARTERS, 'refusals change nothing');
  });

  it('saves the Connections toggles, and /api/config follows', async () => {
    const path = '/api/v1/configs/connections';
    const admin = t.cast.admin.token;
    const on = await t.app.http.post(
      path,
      { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: true },
      { token: admin },
    );
    assert.equal(on.status, 200, on.text);
    assert.deepEqual(on.body, { ENABLE_DIRECT_CONNECTIONS: true, ENABLE_BASE_MODELS_CACHE: true });
    assert.deepEqual((await t.app.http.get(path, { token: admin })).body, on.body);
    const config = await clientConfig(t.app, t.cast.user.token);
    assert.equal(config.features.enable_direct_connections, true);

    assert.equal((await t.app.http.post(path, { ENABLE_DIRECT_CONNECTIONS: 'yes' }, { token: admin })).status, 422);
    for (const token of denied()) {
      assert.equal((await t.app.http.get(path, { token })).status, 401);
      assert.equal((await t.app.http.post(path, on.body, { token })).status, 401);
    }
    await t.app.http.post(
      path,
      { ENABLE_DIRECT_CONNECTIONS: false, ENABLE_BASE_MODELS_CACHE: false },
      { token: admin },
    );
  });

  it('exports every setting in Open WebUI’s layout, and imports a document back', async () => {
    const admin = t.cast.admin.token;
    const exported = await t.app.http.get('/api/v1/configs/export', { token: admin });
    assert.equal(exported.status, 200);
    const document = exported.body;
    assert.deepEqual(document.ui.prompt_suggestions, STARTERS);
    assert.equal(document.ui.enable_signup, false, 'closed after the first account');
    assert.equal(document.code_execution.engine, 'pyodide');
    assert.equal(document.audio.tts.split_on, 'punctuation');
    assert.equal(document.image_generation.size, '512x512');
    assert.deepEqual(document.tool_server.connections, []);
    assert.equal(document.auth.admin.primary_id, t.cast.admin.id);

    document.ui.enable_signup = true;
    document.ui.prompt_suggestions = [STARTERS[0]];
    document.ui.default_locale = 42; // the wrong type: ignored, as for any saved value
    document.auth.admin.primary_id = t.cast.user.id; // never taken from an import
    document.custom = { kept: true };
    delete document.code_execution; // left out: keeps its value
    const imported = await t.app.http.post('/api/v1/configs/import', { config: document }, { token: admin });
    assert.equal(imported.status, 200, imported.text);
    assert.equal(imported.body.ui.enable_signup, true);
    assert.equal(imported.body.auth.admin.primary_id, t.cast.admin.id);
    assert.deepEqual(imported.body.custom, { kept: true });
    assert.equal(imported.body.code_execution.engine, 'pyodide');

    const config = await clientConfig(t.app);
    assert.equal(config.features.enable_signup, true);
    assert.equal(config.default_locale, '');
    const userConfig = await clientConfig(t.app, t.cast.user.token);
    assert.deepEqual(userConfig.default_prompt_suggestions, [STARTERS[0]]);
    const general = (await t.app.http.get('/api/v1/auths/admin/config', { token: admin })).body;
    assert.equal(general.ENABLE_SIGNUP, true);

    for (const bad of [{}, { config: [1, 2] }, { config: 'x' }]) {
      assert.equal((await t.app.http.post('/api/v1/configs/import', bad, { token: admin })).status, 422);
    }
    for (const token of denied()) {
      assert.equal((await t.app.http.get('/api/v1/configs/export', { token })).status, 401);
      assert.equal((await t.app.http.post('/api/v1/configs/import', { config: {} }, { token })).status, 401);
    }
  });
});

describe('model defaults and order (Admin → Settings → Models)', () => {
  it('saves defaults, pins and the order, and /api/models lists in that order', async () => {
    const { providers, app, cast, close } = await startWithProviders({ env: { ENABLE_OLLAMA_API: 'false' } });
    try {
      providers.openai.setModels([{ id: 'alpha' }, { id: 'beta' }, { id: 'gamma' }]);
      const admin = cast.admin.token;
      const ids = async () =>
        ((await app.http.get('/api/models', { token: admin })).body.data as { id: string }[]).map((model) => model.id);
      assert.deepEqual(await ids(), ['alpha', 'beta', 'gamma']);

      const form = { DEFAULT_MODELS: 'beta', DEFAULT_PINNED_MODELS: 'gamma', MODEL_ORDER_LIST: ['gamma', 'alpha'] };
      const saved = await app.http.post('/api/v1/configs/models', form, { token: admin });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body, form);
      assert.deepEqual((await app.http.get('/api/v1/configs/models', { token: admin })).body, form);
      assert.deepEqual(await ids(), ['gamma', 'alpha', 'beta']);
      const config = await clientConfig(app, cast.user.token);
      assert.equal(config.default_models, 'beta');
      assert.equal(config.default_pinned_models, 'gamma');

      // An older client's form without the pins or the order leaves them alone.
      const older = await app.http.post('/api/v1/configs/models', { DEFAULT_MODELS: null }, { token: admin });
      assert.deepEqual(older.body, { ...form, DEFAULT_MODELS: null });

      for (const bad of [
        { MODEL_ORDER_LIST: 'gamma' },
        { DEFAULT_MODELS: 3 },
        { DEFAULT_MODELS: 'a', MODEL_ORDER_LIST: [1] },
      ]) {
        assert.equal((await app.http.post('/api/v1/configs/models', bad, { token: admin })).status, 422);
      }
      for (const token of [cast.user.token, cast.pending.token, undefined]) {
        assert.equal((await app.http.post('/api/v1/configs/models', form, { token })).status, 401);
      }
    } finally {
      await close();
    }
  });
});

describe('prompt suggestions from the environment', () => {
  it('seeds them from DEFAULT_PROMPT_SUGGESTIONS, and a saved list wins after a restart', async () => {
    let app = await startApp({ DEFAULT_PROMPT_SUGGESTIONS: JSON.stringify(STARTERS) });
    try {
      const admin = await signup(app, { name: 'Admin' });
      const config = async () => await clientConfig(app, admin.token);
      assert.deepEqual((await config()).default_prompt_suggestions, STARTERS);
      await app.http.post('/api/v1/configs/suggestions', { suggestions: [STARTERS[1]] }, { token: admin.token });
      app = await app.restart();
      assert.deepEqual((await config()).default_prompt_suggestions, [STARTERS[1]]);
    } finally {
      await app.close();
    }
  });

  it('falls back to the built-in starters for an empty list', () =>
    withApp({ DEFAULT_PROMPT_SUGGESTIONS: '[]' }, async (app) => {
      const { admin } = await seedUsers(app);
      const config = await clientConfig(app, admin.token);
      assert.equal(config.default_prompt_suggestions.length, 4);
    }));
});
