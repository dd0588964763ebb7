import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appFixture } from './support/fixture.js';
import { createApiKey, enableApiKeys } from './support/factories.js';

describe('API keys', () => {
  const fx = appFixture();

  it('refuses creation while ENABLE_API_KEYS is off, even for admins', async () => {
    const response = await fx.app.http.post('/api/v1/auths/api_key', undefined, { token: fx.cast.admin.token });
    assert.equal(response.status, 403);
    assert.equal(response.body.detail, 'API key creation is not allowed in the environment.');
  });

  it('needs features.api_keys for creation with no admin bypass', async () => {
    const config = (await fx.app.http.get('/api/v1/auths/admin/config', { token: fx.cast.admin.token })).body;
    await fx.app.http.post(
      '/api/v1/auths/admin/config',
      { ...config, ENABLE_API_KEYS: true },
      { token: fx.cast.admin.token },
    );
    const asAdmin = await fx.app.http.post('/api/v1/auths/api_key', undefined, { token: fx.cast.admin.token });
    assert.equal(asAdmin.status, 403);
    await enableApiKeys(fx.app, fx.cast.admin);
    const created = await fx.app.http.post('/api/v1/auths/api_key', undefined, { token: fx.cast.user.token });
    assert.equal(created.status, 200);
    assert.match(created.body.api_key, /^sk-[0-9a-f]{32}$/);
    assert.deepEqual(created.body.scopes, ['*']);
  });

  it('stores only a hash: the secret appears nowhere in the database', async () => {
    const key = await createApiKey(fx.app, fx.cast.other);
    for (const table of ['user', 'auth', 'api_key', 'config']) {
      const rows: unknown[] = await fx.app.dataSource.query(`SELECT * FROM "${table}"`);
      assert.equal(JSON.stringify(rows).includes(key), false, `key found in ${table}`);
      assert.equal(JSON.stringify(rows).includes(key.slice(3)), false, `key body found in ${table}`);
    }
  });

  it('shows a masked key with its scopes, replaces on re-create, and deletes', async () => {
    const key = await createApiKey(fx.app, fx.cast.user, ['chats:read', 'profile']);
    const shown = await fx.app.http.get('/api/v1/auths/api_key', { token: fx.cast.user.token });
    assert.equal(shown.status, 200);
    assert.equal(shown.body.api_key, `${key.slice(0, 7)}…${key.slice(-4)}`);
    assert.deepEqual(shown.body.scopes, ['chats:read', 'profile']);

    const replacement = await createApiKey(fx.app, fx.cast.user, ['profile']);
    assert.equal((await fx.app.http.get('/api/v1/auths/', { token: key })).status, 401, 'the old key is gone');
    assert.equal((await fx.app.http.get('/api/v1/auths/', { token: replacement })).status, 200);

    assert.equal((await fx.app.http.delete('/api/v1/auths/api_key', { token: fx.cast.user.token })).body, true);
    assert.equal((await fx.app.http.get('/api/v1/auths/', { token: replacement })).status, 401);
    const none = await fx.app.http.get('/api/v1/auths/api_key', { token: fx.cast.user.token });
    assert.equal(none.status, 404);
  });

  it('authenticates as Bearer or x-api-key, echoing the key with no expiry and no cookie', async () => {
    const key = await createApiKey(fx.app, fx.cast.user);
    for (const options of [{ token: key }, { apiKey: key }]) {
      const session = await fx.app.http.get('/api/v1/auths/', options);
      assert.equal(session.status, 200);
      assert.equal(session.body.id, fx.cast.user.id);
      assert.equal(session.body.token, key);
      assert.equal(session.body.expires_at, null);
      assert.equal(session.headers.get('set-cookie'), null);
    }
    assert.equal(
      (await fx.app.http.get('/api/v1/auths/', { token: 'sk-00000000000000000000000000000000' })).status,
      401,
    );
  });

  it('refuses scopes beyond the owner’s role and enforces scopes per route', async () => {
    const refused = await fx.app.http.post(
      '/api/v1/auths/api_key',
      { scopes: ['admin'] },
      { token: fx.cast.user.token },
    );
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /admin/);
    const unknown = await fx.app.http.post(
      '/api/v1/auths/api_key',
      { scopes: ['everything'] },
      { token: fx.cast.user.token },
    );
    assert.equal(unknown.status, 400);

    const profileOnly = await createApiKey(fx.app, fx.cast.user, ['profile']);
    assert.equal((await fx.app.http.get('/api/v1/users/user/settings', { token: profileOnly })).status, 200);
    const search = await fx.app.http.get('/api/v1/users/search', { token: profileOnly });
    assert.equal(search.status, 403);
    assert.match(search.body.detail, /users:read/);

    const adminKey = await createApiKey(fx.app, fx.cast.admin, ['admin', 'users:read']);
    assert.equal((await fx.app.http.get('/api/v1/users/', { apiKey: adminKey })).status, 200);
    const adminNoAdminScope = await createApiKey(fx.app, fx.cast.admin, ['users:read']);
    assert.equal((await fx.app.http.get('/api/v1/users/', { apiKey: adminNoAdminScope })).status, 403);
  });

  it('applies endpoint restrictions to keys (admins too) but not to JWTs', async () => {
    const key = await createApiKey(fx.app, fx.cast.admin);
    const config = (await fx.app.http.get('/api/v1/auths/admin/config', { token: fx.cast.admin.token })).body;
    await fx.app.http.post(
      '/api/v1/auths/admin/config',
      {
        ...config,
        ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: true,
        API_KEYS_ALLOWED_ENDPOINTS: '/api/v1/users/all, /api/v1/group, /api/v1/auths/admin/config',
      },
      { token: fx.cast.admin.token },
    );
    try {
      assert.equal((await fx.app.http.get('/api/v1/users/all', { token: key })).status, 200);
      // '/api/v1/group' must not open '/api/v1/groups/': an entry matches whole path segments.
      const blocked = await fx.app.http.get('/api/v1/auths/', { apiKey: key });
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.detail, 'API key not allowed to access this endpoint.');
      assert.equal(
        (await fx.app.http.get('/api/v1/groups/', { token: key })).status,
        403,
        'prefix needs a slash boundary',
      );
      assert.equal((await fx.app.http.get('/api/v1/auths/', { token: fx.cast.admin.token })).status, 200);
    } finally {
      await fx.app.http.post(
        '/api/v1/auths/admin/config',
        { ...config, ENABLE_API_KEYS: true },
        { token: fx.cast.admin.token },
      );
    }
  });

  it('stops every key when ENABLE_API_KEYS is turned off, and a user’s key when the permission goes', async () => {
    const userKey = await createApiKey(fx.app, fx.cast.user);
    const defaults = (await fx.app.http.get('/api/v1/users/default/permissions', { token: fx.cast.admin.token })).body;
    await fx.app.http.post(
      '/api/v1/users/default/permissions',
      { ...defaults, features: { ...defaults.features, api_keys: false } },
      { token: fx.cast.admin.token },
    );
    const noPermission = await fx.app.http.get('/api/v1/auths/', { token: userKey });
    assert.equal(noPermission.status, 403);
    assert.equal(noPermission.body.detail, 'Use of API key is not enabled in the environment.');
    await fx.app.http.post('/api/v1/users/default/permissions', defaults, { token: fx.cast.admin.token });

    const config = (await fx.app.http.get('/api/v1/auths/admin/config', { token: fx.cast.admin.token })).body;
    await fx.app.http.post(
      '/api/v1/auths/admin/config',
      { ...config, ENABLE_API_KEYS: false },
      { token: fx.cast.admin.token },
    );
    const disabled = await fx.app.http.get('/api/v1/auths/', { token: userKey });
    assert.equal(disabled.status, 403);
  });
});
