import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';

/** Redis is part of the test machine (CI starts it); this suite always runs against a real one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

describe('two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  before(async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      SIGNIN_RATE_LIMIT_PER_EMAIL: '4',
    };
    a = await startApp(env);
    b = await a.peer(env);
    admin = await signup(a, { name: 'Admin' });
  });
  after(async () => {
    await b.stop();
    await a.close();
  });

  it('revokes a token signed out on one instance on the other', async () => {
    const session = await b.http.post('/api/v1/auths/signin', { email: admin.email, password: admin.password });
    const token = session.body.token as string;
    assert.equal((await a.http.get('/api/v1/auths/', { token })).status, 200);
    await a.http.get('/api/v1/auths/signout', { token });
    assert.equal((await b.http.get('/api/v1/auths/', { token })).status, 401);
  });

  it('counts failed sign-ins across instances', async () => {
    const email = 'shared-limit@example.com';
    await a.http.post('/api/v1/auths/signin', { email, password: 'x1' });
    await b.http.post('/api/v1/auths/signin', { email, password: 'x2' });
    await a.http.post('/api/v1/auths/signin', { email, password: 'x3' });
    await b.http.post('/api/v1/auths/signin', { email, password: 'x4' });
    assert.equal((await a.http.post('/api/v1/auths/signin', { email, password: 'x5' })).status, 429);
    assert.equal((await b.http.post('/api/v1/auths/signin', { email, password: 'x6' })).status, 429);
  });

  it('applies settings saved on one instance on the other', async () => {
    const signupOpenOnB = async (expected: boolean) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        if ((await b.http.get('/api/config')).body.features.enable_signup === expected) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    };
    // The first signup (on A) closed signup: B learns it from the broadcast.
    assert.ok(await signupOpenOnB(false), 'B sees the signup closed by A');
    const config = (await a.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
    await a.http.post('/api/v1/auths/admin/config', { ...config, ENABLE_SIGNUP: true }, { token: admin.token });
    assert.ok(await signupOpenOnB(true), 'instance B sees ENABLE_SIGNUP=true within a second');
    const signup = await b.http.post('/api/v1/auths/signup', { name: 'N', email: 'n@example.com', password: 'pw' });
    assert.equal(signup.status, 200);
  });
});
