import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_BODY_DEPTH } from '../src/common/body-depth.js';
import { startApp, type TestApp } from './support/app.js';
import { seedUsers } from './support/factories.js';
import { listRoutes } from './support/routes.js';

const GARBAGE_BODIES: unknown[] = [
  {},
  [],
  'text',
  42,
  null,
  { name: 1, email: [], password: {}, role: 'root', user_ids: 'x', ui: 'x', workspace: 5 },
  { name: 'a\u0000b', email: 'x\u0000@example.com', password: '\u0000', description: '\u0000' },
  { name: 'x'.repeat(20_000), email: 'y'.repeat(5_000), password: 'z'.repeat(5_000) },
];
const GARBAGE_IDS = ['%00', 'x'.repeat(2_000), "' OR 1=1 --", '..%2F..%2Fetc', '%E2%98%83', '-1'];

function assertClientError(response: { status: number; body: any; text: string }, label: string) {
  assert.ok(response.status < 500, `${label}: ${response.status} ${response.text.slice(0, 200)}`);
  if (response.status >= 400) {
    assert.ok(
      response.body && response.body.detail !== undefined,
      `${label}: no detail in ${response.text.slice(0, 200)}`,
    );
  }
}

describe('bad input never yields a 500', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    app = await startApp({ BODY_SIZE_LIMIT: '64kb' });
    cast = await seedUsers(app);
  });
  after(() => app.close());

  it('answers garbage bodies and ids on every route with 2xx or 4xx + detail', async () => {
    for (const route of listRoutes(app)) {
      const paths = route.path.includes(':')
        ? GARBAGE_IDS.map((id) => route.path.replace(/:(\w+)/g, id))
        : [route.path];
      for (const path of paths) {
        const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : GARBAGE_BODIES;
        for (const body of bodies) {
          const response = await app.http.request(route.method, path, undefined, {
            token: cast.admin.token,
            raw: body === undefined ? undefined : JSON.stringify(body),
          });
          assertClientError(response, `${route.method} ${path} ${JSON.stringify(body)?.slice(0, 60)}`);
        }
      }
    }
  });

  it('rejects malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await app.http.post('/api/v1/auths/signin', undefined, { raw: '{"email": "a@b.c", ' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.detail, 'Request body is not valid JSON.');
    const huge = await app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { blob: 'x'.repeat(100_000) } },
      { token: cast.user.token },
    );
    assert.equal(huge.status, 413);
    assert.equal(huge.body.detail, 'Request body is too large.');
  });

  it('reports missing and mistyped fields as 422 with FastAPI-style locations', async () => {
    const response = await app.http.post('/api/v1/auths/signup', { email: 5 });
    assert.equal(response.status, 422);
    const locations = response.body.detail.map((item: { loc: string[] }) => item.loc.join('.'));
    assert.ok(locations.includes('body.name'));
    assert.ok(locations.includes('body.email'));
    assert.ok(locations.includes('body.password'));
    const noBody = await app.http.post('/api/v1/auths/signin', undefined, {
      headers: { 'content-type': 'text/plain' },
      raw: 'hello',
    });
    assert.equal(noBody.status, 422);
  });

  it('strips null bytes before storing text', async () => {
    const response = await app.http.post(
      '/api/v1/auths/update/profile',
      { name: 'Ali\u0000ce', profile_image_url: '/user.png', bio: 'b\u0000io' },
      { token: cast.user.token },
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'Alice');
    const session = await app.http.get('/api/v1/auths/', { token: cast.user.token });
    assert.equal(session.body.bio, 'bio');
    const settings = await app.http.post(
      '/api/v1/users/user/settings/update',
      { ui: { 'k\u0000': 'v\u0000' } },
      { token: cast.user.token },
    );
    assert.deepEqual(settings.body.ui, { k: 'v' });
  });

  it('refuses settings nested deeper than 32 levels', async () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 40; i += 1) {
      deep.n = {};
      deep = deep.n as Record<string, unknown>;
    }
    const response = await app.http.post('/api/v1/users/user/settings/update', root, { token: cast.user.token });
    assert.equal(response.status, 422);
  });

  it('refuses any JSON body nested deeper than MAX_BODY_DEPTH with 400, and keeps serving', async () => {
    // 1,500 levels in 3 KB once overflowed the stack of the code that walks bodies (a 500).
    const nested = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
    const deepBodies: [string, string][] = [
      ['/api/v1/memories/add', `{"content":${'['.repeat(1_500)}${']'.repeat(1_500)}}`],
      ['/api/v1/chats/new', `{"chat":${nested(1_500)}}`],
    ];
    for (const [path, raw] of deepBodies) {
      const response = await app.http.post(path, undefined, { token: cast.user.token, raw });
      assert.equal(response.status, 400, `${path}: ${response.text.slice(0, 200)}`);
      assert.equal(response.body.detail, `Request body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).`);
    }
    // At the limit (the chat object one level below the body) the body is read as usual.
    const atLimit = await app.http.post('/api/v1/chats/new', undefined, {
      token: cast.user.token,
      raw: `{"chat":${nested(MAX_BODY_DEPTH - 1)}}`,
    });
    assert.equal(atLimit.status, 200, atLimit.text.slice(0, 200));
    const session = await app.http.get('/api/v1/auths/', { token: cast.user.token });
    assert.equal(session.status, 200);
  });

  it('keeps stored data intact after rejected writes', async () => {
    const before = await app.http.get('/api/v1/auths/', { token: cast.other.token });
    await app.http.post(
      '/api/v1/auths/update/profile',
      { name: 5, profile_image_url: null },
      { token: cast.other.token },
    );
    await app.http.post(`/api/v1/users/${cast.other.id}/update`, { role: 'root' }, { token: cast.admin.token });
    const after = await app.http.get('/api/v1/auths/', { token: cast.other.token });
    assert.equal(after.body.name, before.body.name);
    assert.equal(after.body.role, before.body.role);
    assert.equal(after.body.profile_image_url, before.body.profile_image_url);
  });

  it('treats junk credentials as 401, never 500', async () => {
    for (const header of [
      'Bearer',
      'Bearer ',
      'Basic abc',
      'Bearer a.b.c',
      'Bearer sk-',
      `Bearer ${'x'.repeat(10_000)}`,
    ]) {
      const response = await app.http.get('/api/v1/auths/', { headers: { authorization: header } });
      assert.equal(response.status, 401, header.slice(0, 30));
    }
    const cookie = await app.http.get('/api/v1/users/user/settings', { cookie: 'token=%E0%A4%A' });
    assert.equal(cookie.status, 401);
  });
});
