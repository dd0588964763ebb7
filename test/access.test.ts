import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { createApiKey, enableApiKeys, seedUsers } from './support/factories.js';
import { concretePath, listRoutes } from './support/routes.js';

/**
 * The access matrix, derived from the app itself: every route has a rule, and every rule holds
 * through real HTTP for anonymous callers, pending users, users, and API keys without the scope.
 */
describe('access rules on every route', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let noScopeUserKey: string;
  let noScopeAdminKey: string;

  before(async () => {
    app = await startApp();
    cast = await seedUsers(app);
    await enableApiKeys(app, cast.admin);
    // A key with one unrelated scope: every route needing anything else must refuse it.
    noScopeUserKey = await createApiKey(app, cast.user, ['files:read']);
    noScopeAdminKey = await createApiKey(app, cast.admin, ['files:read']);
  });
  after(() => app.close());

  it('finds no route without an access rule', () => {
    const routes = listRoutes(app);
    assert.ok(routes.length >= 40, `expected the whole API, found ${routes.length} routes`);
    const missing = routes
      .filter((route) => !route.rule)
      .map((route) => `${route.method} ${route.path} (${route.handler})`);
    assert.deepEqual(missing, []);
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const route of listRoutes(app)) {
      if (route.rule?.kind !== 'authenticated') continue;
      const response = await app.http.request(route.method, concretePath(route.path), undefined, {});
      assert.equal(response.status, 401, `${route.method} ${route.path} without credentials`);
      assert.equal(response.body.detail, 'Not authenticated');
    }
  });

  it('refuses pending users on verified routes and users on admin routes with 401', async () => {
    for (const route of listRoutes(app)) {
      if (route.rule?.kind !== 'authenticated') continue;
      const path = concretePath(route.path);
      if (route.rule.role !== 'pending') {
        const response = await app.http.request(route.method, path, {}, { token: cast.pending.token });
        assert.equal(response.status, 401, `${route.method} ${route.path} as pending`);
        assert.match(response.body.detail, /permission/);
      }
      if (route.rule.role === 'admin') {
        const response = await app.http.request(route.method, path, {}, { token: cast.user.token });
        assert.equal(response.status, 401, `${route.method} ${route.path} as user`);
      }
    }
  });

  it('refuses API keys that lack the route’s scope with 403, as Bearer and as x-api-key', async () => {
    for (const route of listRoutes(app)) {
      if (route.rule?.kind !== 'authenticated' || route.rule.scope === 'files:read') continue;
      const path = concretePath(route.path);
      const key = route.rule.role === 'admin' ? noScopeAdminKey : noScopeUserKey;
      const asBearer = await app.http.request(route.method, path, {}, { token: key });
      assert.equal(asBearer.status, 403, `${route.method} ${route.path} with a files:read key (Bearer)`);
      const asHeader = await app.http.request(route.method, path, {}, { apiKey: key });
      assert.equal(asHeader.status, 403, `${route.method} ${route.path} with a files:read key (x-api-key)`);
    }
  });

  it('lets admins through every admin route (no 401/403)', async () => {
    for (const route of listRoutes(app)) {
      if (route.rule?.kind !== 'authenticated' || route.rule.role !== 'admin') continue;
      if (route.method === 'DELETE') continue; // destructive; covered in the users and groups tests
      const response = await app.http.request(route.method, concretePath(route.path), {}, { token: cast.admin.token });
      assert.ok(![403].includes(response.status), `${route.method} ${route.path} as admin: ${response.status}`);
      assert.ok(response.status < 500, `${route.method} ${route.path} as admin: ${response.status} ${response.text}`);
    }
  });
});
