import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startApp, type TestApp, withApp } from './support/app.js';
import { seedUsers, signup } from './support/factories.js';

describe('health, version, config, headers, docs', () => {
  let app: TestApp;

  before(async () => {
    app = await startApp({ CORS_ALLOW_ORIGIN: 'https://chat.example.com;https://other.example.com' });
  });
  after(() => app.close());

  it('answers the health probes', async () => {
    const withRedis = Boolean(process.env.TEST_REDIS_URL);
    assert.deepEqual(
      (await app.http.get('/health')).body,
      withRedis ? { status: true, redis: 'ok' } : { status: true },
    );
    assert.deepEqual((await app.http.get('/health/db')).body, { status: true });
    assert.deepEqual((await app.http.get('/health/redis')).body, { status: true, configured: withRedis });
  });

  it('serves /api/version publicly, ignoring the SPA’s "Bearer undefined"', async () => {
    const response = await app.http.get('/api/version', { headers: { authorization: 'Bearer undefined' } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { version: '0.6.40', deployment_id: '' });
  });

  it('serves CHANGELOG.md as the release notes the web app’s "What’s New" dialog reads', async () => {
    const response = await app.http.get('/api/changelog');
    assert.equal(response.status, 200);
    const current = response.body['0.6.40'];
    assert.match(current.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(current.added.length > 0);
    const [first] = current.added;
    assert.equal(first.title, 'Files');
    assert.match(first.content, /^uploads from the chat input/i);
    assert.match(first.raw, /^<li><strong>Files<\/strong>: .*<\/li>$/);
    assert.deepEqual(Object.keys(current).sort(), ['added', 'changed', 'date', 'fixed']);
  });

  it('serves the anonymous boot config with onboarding only before the first account', async () => {
    const before = await app.http.get('/api/config');
    assert.equal(before.status, 200);
    assert.equal(before.body.onboarding, true);
    assert.equal(before.body.name, 'Open WebUI');
    assert.equal(before.body.features.enable_signup, true);
    assert.equal(before.body.features.enable_websocket, true);
    assert.equal('default_models' in before.body, false);

    const { admin, user, pending } = await seedUsers(app);
    const anonymous = await app.http.get('/api/config', { cookie: 'token=garbage' });
    assert.equal(anonymous.status, 200, 'a bad cookie is anonymous, not 401');
    assert.equal('onboarding' in anonymous.body, false);
    assert.equal(anonymous.body.features.enable_signup, false, 'the first signup closed signup');

    const byBearerOnly = await app.http.get('/api/config', { token: user.token });
    assert.equal('user_count' in byBearerOnly.body, false, 'the config reads the cookie, not the header');

    const verified = await app.http.get('/api/config', { cookie: `token=${user.token}` });
    assert.equal(verified.body.user_count, 4);
    assert.equal(verified.body.default_models, null);
    assert.equal(verified.body.features.enable_notes, true);
    assert.equal(verified.body.permissions.chat.delete, true);
    assert.equal(verified.body.code.engine, 'pyodide');
    assert.ok(Array.isArray(verified.body.default_prompt_suggestions));

    const pendingConfig = await app.http.get('/api/config', { cookie: `token=${pending.token}` });
    assert.equal('user_count' in pendingConfig.body, false);
    assert.deepEqual(Object.keys(pendingConfig.body.ui).sort(), [
      'pending_user_overlay_content',
      'pending_user_overlay_title',
    ]);
    assert.equal(pendingConfig.body.features.enable_channels, false);

    const adminConfig = await app.http.get('/api/config', { cookie: `token=${admin.token}` });
    assert.equal(adminConfig.body.user_count, 4);
  });

  it('routes and answers JSON as Express does: any case, a trailing slash, HEAD', async () => {
    // The router's prefix test (AppExpressAdapter) must not change which route answers.
    for (const path of ['/HEALTH', '/Health/', '/health/DB', '/api/VERSION']) {
      assert.equal((await app.http.get(path)).status, 200, path);
    }
    assert.equal((await app.http.get('/healthz')).status, 404);
    const response = await app.http.get('/health');
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(JSON.stringify(response.body))));
    const head = await app.http.request('HEAD', '/health', undefined);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), response.headers.get('content-length'));
    assert.equal(head.text, '');
  });

  it('sends security headers and a request id on every answer', async () => {
    const response = await app.http.get('/health');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
    assert.equal(response.headers.get('x-powered-by'), null);
    assert.match(response.headers.get('x-request-id') ?? '', /^[\w-]{36}$/);
    const echoed = await app.http.get('/health', { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(echoed.headers.get('x-request-id'), 'trace-123');
  });

  it('sends the configured CSP and Permissions-Policy with the helmet baseline, on errors too', async () => {
    const strictEnv = {
      CONTENT_SECURITY_POLICY: "default-src 'self'; img-src 'self' data:",
      PERMISSIONS_POLICY: 'camera=()',
      HSTS: 'max-age=600',
    };
    await withApp(strictEnv, async (strict) => {
      const expected = {
        'content-security-policy': "default-src 'self';img-src 'self' data:",
        'permissions-policy': 'camera=()',
        'strict-transport-security': 'max-age=600',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-site',
        'origin-agent-cluster': '?1',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      };
      for (const path of ['/health', '/api/v1/nothing-here']) {
        const { headers } = await strict.http.get(path);
        const sent = Object.fromEntries(Object.keys(expected).map((name) => [name, headers.get(name)]));
        assert.deepEqual(sent, expected, path);
      }
    });
  });

  it('allows only the configured CORS origins, with credentials', async () => {
    const allowed = await app.http.request('OPTIONS', '/api/v1/auths/signin', undefined, {
      headers: { origin: 'https://chat.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://chat.example.com');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    const refused = await app.http.get('/api/version', { headers: { origin: 'https://evil.example.com' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.http.get('/api/v1/nothing-here');
    assert.equal(response.status, 404);
    assert.equal(typeof response.body.detail, 'string');
  });

  it('serves Swagger UI and a valid OpenAPI document with stable operation ids', async () => {
    const docs = await app.http.get('/docs');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /swagger/i);
    const spec = await app.http.get('/openapi.json');
    assert.equal(spec.status, 200);
    const document = structuredClone(spec.body);
    await SwaggerParser.validate(document);
    const operations = Object.values(
      spec.body.paths as Record<string, Record<string, { operationId: string; security?: unknown[] }>>,
    ).flatMap((path) => Object.values(path));
    const ids = operations.map((operation) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.ok(ids.includes('signin') && ids.includes('listUsers') && ids.includes('getAppConfig'));
    const signinOperation = spec.body.paths['/api/v1/auths/signin'].post;
    assert.deepEqual(signinOperation.security, [], 'public routes carry an empty security requirement');
    const listUsers = spec.body.paths['/api/v1/users'].get;
    assert.ok(listUsers.security.some((entry: Record<string, unknown>) => 'bearer' in entry));
    assert.ok(spec.body.components.securitySchemes.bearer && spec.body.components.securitySchemes['api-key']);
  });
});

describe('WEBUI_NAME and DEPLOYMENT_ID', () => {
  it('reports a custom name as "<name> (Open WebUI)" and the deployment id', async () => {
    await withApp({ WEBUI_NAME: 'Acme Chat', DEPLOYMENT_ID: 'blue' }, async (app) => {
      assert.equal((await app.http.get('/api/config')).body.name, 'Acme Chat (Open WebUI)');
      assert.equal((await app.http.get('/api/version')).body.deployment_id, 'blue');
      await signup(app);
    });
  });
});
