import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { startApp, type TestApp, withApp } from './support/app.js';
import { newUser, signup, type TestUser } from './support/factories.js';

const INVALID_CRED = 'The email or password provided is incorrect. Please check for typos and try logging in again.';

describe('auth: signup, signin, sessions', () => {
  let app: TestApp;
  let admin: TestUser;
  const signupAs = (name: string, email: string, password: string) =>
    app.http.post('/api/v1/auths/signup', { name, email, password });

  before(async () => {
    app = await startApp({ SIGNIN_RATE_LIMIT_PER_EMAIL: '5', SIGNIN_RATE_LIMIT_PER_IP: '1000' });
  });
  after(() => app.close());

  it('makes the first account admin, sets the token cookie and closes signup', async () => {
    const response = await signupAs('Admin', 'Admin@Example.com', 'first-password');
    assert.equal(response.status, 200);
    assert.equal(response.body.role, 'admin');
    assert.equal(response.body.email, 'admin@example.com', 'email is stored lower-cased');
    assert.equal(response.body.token_type, 'Bearer');
    assert.equal(typeof response.body.expires_at, 'number');
    assert.equal(response.body.permissions.chat.delete, true);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^token=[\w-]+\.[\w-]+\.[\w-]+;/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    admin = {
      id: response.body.id,
      email: 'admin@example.com',
      password: 'first-password',
      token: response.body.token,
      role: 'admin',
    };

    const closed = await signupAs('B', 'b@example.com', 'x');
    assert.equal(closed.status, 403);
    assert.match(closed.body.detail, /permission/);
  });

  it('gives later signups DEFAULT_USER_ROLE once an admin reopens signup, and rejects duplicates and bad emails', async () => {
    const config = (await app.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
    const saved = await app.http.post(
      '/api/v1/auths/admin/config',
      { ...config, ENABLE_SIGNUP: true },
      { token: admin.token },
    );
    assert.equal(saved.body.ENABLE_SIGNUP, true);

    const second = await signupAs('Two', 'two@example.com', 'pw2');
    assert.equal(second.status, 200);
    assert.equal(second.body.role, 'pending');

    const duplicate = await signupAs('Dup', 'TWO@example.com', 'pw');
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.detail, /already registered/);

    const badEmail = await signupAs('X', 'not-an-email', 'pw');
    assert.equal(badEmail.status, 400);
    assert.match(badEmail.body.detail, /email format/);

    const local = await signupAs('L', 'someone@localhost', 'pw');
    assert.equal(local.status, 200, '@localhost addresses are accepted');

    const longPassword = await signupAs('Long', 'long@example.com', 'x'.repeat(73));
    assert.equal(longPassword.status, 400);
    assert.match(longPassword.body.detail, /too long/);
  });

  it('signs in with the right password (any email case) and refuses a wrong one with 400', async () => {
    const ok = await app.http.post('/api/v1/auths/signin', { email: 'ADMIN@example.com', password: 'first-password' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.id, admin.id);
    assert.match(ok.headers.get('set-cookie') ?? '', /^token=/);

    const wrong = await app.http.post('/api/v1/auths/signin', { email: 'admin@example.com', password: 'nope' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.detail, INVALID_CRED);

    const unknown = await app.http.post('/api/v1/auths/signin', { email: 'ghost@example.com', password: 'nope' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.detail, INVALID_CRED);
  });

  it('lets a pending user sign in, get a session, but not use verified routes', async () => {
    const pending = await app.http.post('/api/v1/auths/signin', { email: 'two@example.com', password: 'pw2' });
    assert.equal(pending.status, 200);
    assert.equal(pending.body.role, 'pending');
    const session = await app.http.get('/api/v1/auths/', { token: pending.body.token });
    assert.equal(session.status, 200);
    const settings = await app.http.get('/api/v1/users/user/settings', { token: pending.body.token });
    assert.equal(settings.status, 401);
    assert.match(settings.body.detail, /permission/);
  });

  it('returns the session with profile fields, re-sets the cookie, and accepts the cookie alone', async () => {
    const session = await app.http.get('/api/v1/auths/', { token: admin.token });
    assert.equal(session.status, 200);
    assert.equal(session.body.token, admin.token);
    assert.equal(session.body.bio, null);
    assert.ok('date_of_birth' in session.body);
    assert.match(session.headers.get('set-cookie') ?? '', /^token=/);
    const byCookie = await app.http.get('/api/v1/auths/', { cookie: `token=${admin.token}` });
    assert.equal(byCookie.status, 200);
  });

  it('rejects missing, forged, alg:none, expired and unknown-user tokens with 401', async () => {
    assert.equal((await app.http.get('/api/v1/auths/')).status, 401);
    assert.equal((await app.http.get('/api/v1/auths/')).body.detail, 'Not authenticated');
    assert.equal((await app.http.get('/api/v1/auths/', { token: 'undefined' })).status, 401);

    const [header, payload] = admin.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    assert.equal((await app.http.get('/api/v1/auths/', { token: forged })).status, 401);

    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    assert.equal((await app.http.get('/api/v1/auths/', { token: `${noneHeader}.${payload}.` })).status, 401);

    const secret = new TextEncoder().encode(app.config.secretKey);
    const expired = await new SignJWT({ id: admin.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(secret);
    assert.equal((await app.http.get('/api/v1/auths/', { token: expired })).status, 401);

    const otherSecret = await new SignJWT({ id: admin.id })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('wrong'));
    assert.equal((await app.http.get('/api/v1/auths/', { token: otherSecret })).status, 401);

    const hs512 = await new SignJWT({ id: admin.id }).setProtectedHeader({ alg: 'HS512' }).sign(secret);
    assert.equal((await app.http.get('/api/v1/auths/', { token: hs512 })).status, 401, 'only HS256 is accepted');

    const ghost = await new SignJWT({ id: 'no-such-user' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const ghostResponse = await app.http.get('/api/v1/auths/', { token: ghost });
    assert.equal(ghostResponse.status, 401);
    assert.match(ghostResponse.body.detail, /session has expired or the token is invalid/);
  });

  it('signs out with GET: the token is revoked and cookies are cleared', async () => {
    const signin = await app.http.post('/api/v1/auths/signin', { email: admin.email, password: admin.password });
    const token = signin.body.token as string;
    assert.equal((await app.http.get('/api/v1/auths/', { token })).status, 200);
    const signout = await app.http.get('/api/v1/auths/signout', { token });
    assert.equal(signout.status, 200);
    assert.deepEqual(signout.body, { status: true });
    assert.match(signout.headers.get('set-cookie') ?? '', /token=;/);
    assert.equal((await app.http.get('/api/v1/auths/', { token })).status, 401);
    assert.equal((await app.http.get('/api/v1/auths/', { token: admin.token })).status, 200, 'other sessions live on');
    assert.equal((await app.http.get('/api/v1/auths/signout')).status, 200, 'signing out anonymously is harmless');
  });

  it('rate limits failed sign-ins per email with 429 and Retry-After', async () => {
    const email = 'target@example.com';
    await signupAs('Target', email, 'right');
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await app.http.post('/api/v1/auths/signin', { email, password: `wrong-${i}` })).status, 400);
    }
    const limited = await app.http.post('/api/v1/auths/signin', { email, password: 'right' });
    assert.equal(limited.status, 429);
    assert.match(limited.body.detail, /Too many sign-in attempts/);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const otherEmail = await app.http.post('/api/v1/auths/signin', { email: admin.email, password: admin.password });
    assert.equal(otherEmail.status, 200, 'other accounts are unaffected');
  });

  it('updates the profile and the password', async () => {
    const user = await newUser(app, admin, 'user');
    const profile = await app.http.post(
      '/api/v1/auths/update/profile',
      { name: 'New Name', profile_image_url: '/user.png', bio: 'hello', date_of_birth: '1990-01-02' },
      { token: user.token },
    );
    assert.equal(profile.status, 200);
    assert.equal(profile.body.name, 'New Name');
    const session = await app.http.get('/api/v1/auths/', { token: user.token });
    assert.equal(session.body.bio, 'hello');
    assert.equal(session.body.date_of_birth, '1990-01-02');

    const wrongCurrent = await app.http.post(
      '/api/v1/auths/update/password',
      { password: 'bad', new_password: 'n' },
      { token: user.token },
    );
    assert.equal(wrongCurrent.status, 400);
    assert.match(wrongCurrent.body.detail, /password provided is incorrect/);
    const changed = await app.http.post(
      '/api/v1/auths/update/password',
      { password: user.password, new_password: 'brand-new' },
      { token: user.token },
    );
    assert.equal(changed.status, 200);
    assert.equal(changed.body, true);
    assert.equal(
      (await app.http.post('/api/v1/auths/signin', { email: user.email, password: user.password })).status,
      400,
    );
    assert.equal(
      (await app.http.post('/api/v1/auths/signin', { email: user.email, password: 'brand-new' })).status,
      200,
    );
  });

  it('lets an admin add users (token without expiry) and shows admin details', async () => {
    const added = await app.http.post(
      '/api/v1/auths/add',
      { name: 'Added', email: 'added@example.com', password: 'pw', role: 'user' },
      { token: admin.token },
    );
    assert.equal(added.status, 200);
    assert.equal(added.body.role, 'user');
    assert.ok(added.body.token);
    assert.equal('expires_at' in added.body, false);
    assert.equal((await app.http.get('/api/v1/auths/', { token: added.body.token })).body.expires_at, null);

    const details = await app.http.get('/api/v1/auths/admin/details', { token: added.body.token });
    assert.deepEqual(details.body, { name: 'Admin', email: 'admin@example.com' });
  });

  it('persists admin config in the database across restarts, ignoring an invalid role and duration', async () => {
    const config = (await app.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
    const saved = await app.http.post(
      '/api/v1/auths/admin/config',
      {
        ...config,
        DEFAULT_USER_ROLE: 'superuser',
        JWT_EXPIRES_IN: 'forever',
        WEBUI_URL: 'https://chat.example.com',
        PENDING_USER_OVERLAY_TITLE: 'Wait',
      },
      { token: admin.token },
    );
    assert.equal(saved.status, 200);
    assert.equal(saved.body.DEFAULT_USER_ROLE, 'pending');
    assert.equal(saved.body.JWT_EXPIRES_IN, '4w');
    app = await app.restart();
    const reloaded = await app.http.get('/api/v1/auths/admin/config', { token: admin.token });
    assert.equal(reloaded.body.WEBUI_URL, 'https://chat.example.com');
    assert.equal(reloaded.body.PENDING_USER_OVERLAY_TITLE, 'Wait');
    assert.equal(reloaded.body.ENABLE_SIGNUP, true);
  });
});

describe('auth: JWT_EXPIRES_IN=-1 and ENABLE_PASSWORD_AUTH=false', () => {
  it('issues non-expiring tokens when JWT_EXPIRES_IN=-1', async () => {
    await withApp({ JWT_EXPIRES_IN: '-1' }, async (app) => {
      const admin = await signup(app);
      const session = await app.http.get('/api/v1/auths/', { token: admin.token });
      assert.equal(session.body.expires_at, null);
      assert.doesNotMatch(session.headers.get('set-cookie') ?? '', /Expires=/i);
    });
  });

  it('refuses password sign-in with 403 when password auth is off', async () => {
    await withApp({ ENABLE_PASSWORD_AUTH: 'false' }, async (app) => {
      const response = await app.http.post('/api/v1/auths/signin', { email: 'a@example.com', password: 'x' });
      assert.equal(response.status, 403);
      assert.match(response.body.detail, /restricted/);
    });
  });

  it('signs everyone in as the local admin when WEBUI_AUTH=false', async () => {
    await withApp({ WEBUI_AUTH: 'false' }, async (app) => {
      const first = await app.http.post('/api/v1/auths/signin', { email: '', password: '' });
      assert.equal(first.status, 200);
      assert.equal(first.body.email, 'admin@localhost');
      assert.equal(first.body.role, 'admin');
      const again = await app.http.post('/api/v1/auths/signin', { email: '', password: '' });
      assert.equal(again.body.id, first.body.id);
      const config = await app.http.get('/api/config');
      assert.equal(config.body.features.auth, false);
    });
  });
});

describe('auth: ENABLE_LOGIN_FORM=false', () => {
  it('refuses password sign-in with a 403 that says why, and /api/config shows the form off', async () => {
    await withApp({ ENABLE_LOGIN_FORM: 'false', ENABLE_INITIAL_ADMIN_SIGNUP: 'true' }, async (app) => {
      const config = await app.http.get('/api/config');
      assert.equal(config.body.features.enable_login_form, false);
      const admin = await signup(app, { name: 'Admin' });

      const signin = await app.http.post('/api/v1/auths/signin', { email: admin.email, password: admin.password });
      assert.equal(signin.status, 403);
      assert.match(signin.body.detail, /password is disabled.*ENABLE_LOGIN_FORM=false/);
      assert.equal(signin.headers.get('set-cookie'), null, 'no session cookie');

      const wrong = await app.http.post('/api/v1/auths/signin', { email: admin.email, password: 'wrong' });
      assert.equal(wrong.status, 403, 'no password is checked at all');
      assert.equal((await app.http.get('/api/v1/auths/', { token: admin.token })).status, 200, 'sessions live on');
      const closed = await app.http.post('/api/v1/auths/signup', { name: 'B', email: 'b@example.com', password: 'pw' });
      assert.equal(closed.status, 403, 'sign-up needs the form too');
    });
  });
});
