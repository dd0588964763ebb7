import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp, withApp } from './support/app.js';

const TRUSTED = {
  WEBUI_AUTH_TRUSTED_EMAIL_HEADER: 'X-Forwarded-Email',
  WEBUI_AUTH_TRUSTED_NAME_HEADER: 'X-Forwarded-Name',
};
/** The web app's automatic sign-in in this mode: empty credentials, the proxy's headers. */
const EMPTY = { email: '', password: '' };

function signinAs(app: TestApp, email: string, name?: string, body: Record<string, string> = EMPTY) {
  const headers: Record<string, string> = { 'x-forwarded-email': email };
  if (name !== undefined) headers['x-forwarded-name'] = name;
  return app.http.post('/api/v1/auths/signin', body, { headers });
}

describe('trusted headers (WEBUI_AUTH_TRUSTED_EMAIL_HEADER / _NAME_HEADER)', () => {
  let app: TestApp;
  let adminToken: string;

  before(async () => {
    app = await startApp(TRUSTED);
  });
  after(() => app.close());

  it('tells the web app to sign in by header, and refuses a sign-in without the header with 400', async () => {
    const config = await app.http.get('/api/config');
    assert.equal(config.body.features.auth_trusted_header, true);
    const missing = await app.http.post('/api/v1/auths/signin', EMPTY);
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /has not provided a trusted header/);
  });

  it('creates the first user named by the header as admin, with the decoded name and a session cookie', async () => {
    const first = await signinAs(app, 'Proxy@Example.com', 'Pro%20Xy');
    assert.equal(first.status, 200);
    assert.equal(first.body.email, 'proxy@example.com');
    assert.equal(first.body.name, 'Pro Xy');
    assert.equal(first.body.role, 'admin');
    const cookie = /^token=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(cookie, 'the token cookie is set');
    const session = await app.http.get('/api/v1/auths/', { cookie: `token=${cookie}` });
    assert.equal(session.status, 200);
    assert.equal(session.body.id, first.body.id);
    adminToken = first.body.token as string;

    const again = await signinAs(app, 'proxy@example.com', undefined, { email: 'other@example.com', password: 'x' });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id, 'the header names the user; the body is ignored');
  });

  it('creates later users only while sign-up is open, with DEFAULT_USER_ROLE', async () => {
    const closed = await signinAs(app, 'second@example.com', 'Second');
    assert.equal(closed.status, 403, 'the first account closed sign-up, as with passwords');

    const config = (await app.http.get('/api/v1/auths/admin/config', { token: adminToken })).body;
    await app.http.post('/api/v1/auths/admin/config', { ...config, ENABLE_SIGNUP: true }, { token: adminToken });
    const second = await signinAs(app, 'second@example.com', 'Second');
    assert.equal(second.status, 200);
    assert.equal(second.body.role, 'pending');

    const malformed = await signinAs(app, 'third@example.com', 'Bad%E0%A4%A');
    assert.equal(malformed.status, 200, 'a malformed escape in the name is kept as it is');
    assert.equal(malformed.body.name, 'Bad%E0%A4%A');
    const unnamed = await signinAs(app, 'fourth@example.com');
    assert.equal(unnamed.body.name, 'fourth@example.com', 'without a name header the name is the email');
  });

  it('refuses a session whose header names someone else, and password changes', async () => {
    const mismatch = await app.http.get('/api/v1/auths/', {
      token: adminToken,
      headers: { 'x-forwarded-email': 'else@example.com' },
    });
    assert.equal(mismatch.status, 401);
    assert.match(mismatch.body.detail, /User mismatch/);
    const matching = await app.http.get('/api/v1/auths/', {
      token: adminToken,
      headers: { 'x-forwarded-email': 'PROXY@example.com' },
    });
    assert.equal(matching.status, 200);

    const password = await app.http.post(
      '/api/v1/auths/update/password',
      { password: 'x', new_password: 'y' },
      { token: adminToken },
    );
    assert.equal(password.status, 400);
    assert.match(password.body.detail, /restricted/);
  });
});

describe('trusted headers with the login form off', () => {
  it('still signs in by header when ENABLE_LOGIN_FORM=false (the header is not a password sign-in)', async () => {
    await withApp({ ...TRUSTED, ENABLE_LOGIN_FORM: 'false', ENABLE_INITIAL_ADMIN_SIGNUP: 'true' }, async (app) => {
      const first = await signinAs(app, 'boss@example.com', 'Boss');
      assert.equal(first.status, 200);
      assert.equal(first.body.role, 'admin');
      const again = await signinAs(app, 'boss@example.com');
      assert.equal(again.status, 200);
      assert.equal(again.body.id, first.body.id);
    });
  });
});
