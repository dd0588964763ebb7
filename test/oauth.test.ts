import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import {
  browse,
  CookieJar,
  signInAtProvider,
  startOpenIdProvider,
  walkProvider,
  type TestAccount,
  type TestOpenIdProvider,
} from './support/oidc-provider.js';

/**
 * Single sign-on against a real OpenID provider (oidc-provider, certified) on a loopback port:
 * the whole authorization-code flow through the app's HTTP routes, as a browser walks it.
 */
describe('OpenID Connect sign-in (issue 15)', () => {
  let idp: TestOpenIdProvider;
  let app: TestApp;
  let admin: TestUser;
  const baseEnv = { ENABLE_OAUTH_SIGNUP: 'true', DEFAULT_USER_ROLE: 'user' };

  const useEnv = async (env: Record<string, string>) => {
    app = await app.restart({ ...idp.env, ...baseEnv, ...env });
    idp.allowApps([app.url]);
  };
  const account = (id: string, claims: Partial<TestAccount> = {}) => {
    idp.accounts.set(id, { email: `${id}@sso.example.com`, name: `${id} Example`, ...claims });
    return id;
  };
  /** Signs in at the provider as `id` and comes back to the app: where it lands and the session it got. */
  const ssoSignIn = async (id: string, jar = new CookieJar()) => {
    idp.loginAs = id;
    const { callbackUrl } = await signInAtProvider(jar, app.url, idp);
    const back = await browse(jar, callbackUrl);
    return { status: back.status, location: back.headers.get('location') ?? '', token: jar.get('token'), jar };
  };
  const assertRefused = (result: { status: number; location: string; token?: string }) => {
    assert.equal(result.status, 302);
    assert.match(result.location, new RegExp(`^${app.url}/auth\\?error=.+`));
    assert.equal(result.token, undefined, 'no session cookie');
  };
  const userByEmail = async (email: string) => {
    const list = await app.http.get(`/api/v1/users/?query=${encodeURIComponent(email)}`, { token: admin.token });
    return (list.body.users as any[]).find((user) => user.email === email);
  };
  const session = async (token: string) => (await app.http.get('/api/v1/auths/', { token })).body;

  before(async () => {
    idp = await startOpenIdProvider();
    app = await startApp({ ...idp.env, ...baseEnv });
    idp.allowApps([app.url]);
    admin = await signup(app, { name: 'Admin' });
  });
  after(async () => {
    await app?.close();
    await idp?.close();
  });

  it('lists the provider in /api/config and answers 404 for one that is not configured', async () => {
    const config = await app.http.get('/api/config');
    assert.deepEqual(config.body.oauth, { providers: { oidc: 'Test SSO' } });
    const unknown = await app.http.get('/oauth/google/login');
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.body.detail, 'string');
  });

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const jar = new CookieJar();
    const start = await browse(jar, `${app.url}/oauth/oidc/login`);
    assert.equal(start.status, 302);
    const authorize = new URL(start.headers.get('location') ?? '');
    assert.equal(authorize.origin, idp.issuer);
    const params = authorize.searchParams;
    assert.equal(params.get('client_id'), idp.clientId);
    assert.equal(params.get('redirect_uri'), `${app.url}/oauth/oidc/login/callback`);
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.match(params.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((params.get('state') ?? '').length >= 32);
    assert.ok(params.get('nonce'));
    assert.deepEqual(params.get('scope')?.split(' ').sort(), ['email', 'openid', 'profile']);
    assert.ok(jar.get('oauth_login'), 'the browser binding cookie');
  });

  it('creates the account on the first sign-in and finds the same one on the second', async () => {
    const id = account('alice', { picture: 'https://images.example.com/alice.png' });
    const first = await ssoSignIn(id);
    assert.equal(first.status, 302);
    assert.equal(first.location, `${app.url}/auth`);
    assert.ok(first.token);
    const me = await session(first.token);
    assert.equal(me.email, 'alice@sso.example.com');
    assert.equal(me.name, 'alice Example');
    assert.equal(me.role, 'user');
    assert.equal(me.profile_image_url, 'https://images.example.com/alice.png');
    const stored = await userByEmail('alice@sso.example.com');
    assert.equal(stored.oauth_sub, 'oidc@alice');

    const second = await ssoSignIn(id);
    assert.equal(second.location, `${app.url}/auth`);
    assert.equal((await session(second.token ?? '')).id, me.id);
    const count = await app.http.get('/api/v1/users/?query=alice%40sso', { token: admin.token });
    assert.equal(count.body.total, 1);
  });

  it('signs out at the provider: the sign-out answer carries its end-session URL with the ID token', async () => {
    const signedIn = await ssoSignIn(account('sam'));
    const out = await app.http.get('/api/v1/auths/signout', {
      token: signedIn.token,
      cookie: `oauth_id_token=${signedIn.jar.get('oauth_id_token')}`,
    });
    assert.equal(out.status, 200);
    const redirect = new URL(out.body.redirect_url);
    assert.equal(`${redirect.origin}${redirect.pathname}`, `${idp.issuer}/session/end`);
    assert.equal(redirect.searchParams.get('id_token_hint'), signedIn.jar.get('oauth_id_token'));
    assert.equal((await app.http.get('/api/v1/auths/signout')).body.redirect_url, undefined);
  });

  it('refuses an account whose email a password account holds unless merging by email is on', async () => {
    const added = await app.http.post(
      '/api/v1/auths/add',
      { name: 'Bob', email: 'bob@sso.example.com', password: 'bob-password-1', role: 'user' },
      { token: admin.token },
    );
    const holder = { id: added.body.id as string };
    const id = account('bob');
    const refused = await ssoSignIn(id);
    assertRefused(refused);
    assert.match(decodeURIComponent(refused.location), /already registered/);

    await useEnv({ OAUTH_MERGE_ACCOUNTS_BY_EMAIL: 'true' });
    const merged = await ssoSignIn(id);
    assert.equal(merged.location, `${app.url}/auth`);
    assert.equal((await session(merged.token ?? '')).id, holder.id);
    assert.equal((await userByEmail('bob@sso.example.com')).oauth_sub, 'oidc@bob');
    await useEnv({});
  });

  it('refuses new accounts when ENABLE_OAUTH_SIGNUP is off, and still signs in linked ones', async () => {
    const linked = account('linda');
    assert.ok((await ssoSignIn(linked)).token);
    await useEnv({ ENABLE_OAUTH_SIGNUP: 'false' });
    const refused = await ssoSignIn(account('carol'));
    assertRefused(refused);
    assert.match(decodeURIComponent(refused.location), /do not have permission/);
    assert.equal(await userByEmail('carol@sso.example.com'), undefined);
    assert.ok((await ssoSignIn(linked)).token);
    await useEnv({});
  });

  it('maps roles from the roles claim when role management is on', async () => {
    await useEnv({
      ENABLE_OAUTH_ROLE_MANAGEMENT: 'true',
      OAUTH_ALLOWED_ROLES: 'staff',
      OAUTH_ADMIN_ROLES: 'boss',
      DEFAULT_USER_ROLE: 'pending',
    });
    const boss = await ssoSignIn(account('dave', { roles: ['staff', 'boss'] }));
    assert.equal((await session(boss.token ?? '')).role, 'admin');
    const staff = await ssoSignIn(account('erin', { roles: ['staff'] }));
    assert.equal((await session(staff.token ?? '')).role, 'user');
    const nobody = await ssoSignIn(account('frank', { roles: ['visitor'] }));
    assert.equal((await session(nobody.token ?? '')).role, 'pending');
    // The claim decides at every sign-in: losing the admin role at the provider demotes.
    account('dave', { roles: ['staff'] });
    const demoted = await ssoSignIn('dave');
    assert.equal((await session(demoted.token ?? '')).role, 'user');
    await useEnv({});
  });

  it('syncs groups from the groups claim, creating missing ones only when group creation is on', async () => {
    await useEnv({ ENABLE_OAUTH_GROUP_MANAGEMENT: 'true', ENABLE_OAUTH_GROUP_CREATION: 'true' });
    const groupNames = async (email: string) => {
      const user = await userByEmail(email);
      const groups = await app.http.get(`/api/v1/users/${user.id}/groups`, { token: admin.token });
      return (groups.body as { name: string }[]).map((group) => group.name).sort();
    };
    const id = account('gina', { groups: ['engineering', 'operations'] });
    assert.ok((await ssoSignIn(id)).token);
    assert.deepEqual(await groupNames('gina@sso.example.com'), ['engineering', 'operations']);
    account('gina', { groups: ['engineering'] });
    await ssoSignIn(id);
    assert.deepEqual(await groupNames('gina@sso.example.com'), ['engineering']);

    await useEnv({ ENABLE_OAUTH_GROUP_MANAGEMENT: 'true', ENABLE_OAUTH_GROUP_CREATION: 'false' });
    account('gina', { groups: ['engineering', 'sales'] });
    await ssoSignIn(id);
    assert.deepEqual(await groupNames('gina@sso.example.com'), ['engineering']);
    const all = await app.http.get('/api/v1/groups/', { token: admin.token });
    assert.ok(!(all.body as { name: string }[]).some((group) => group.name === 'sales'));
    await useEnv({});
  });

  describe('refuses, with no session and no account,', () => {
    const refusedWith = async (name: string, tamper: TestOpenIdProvider['tamper']) => {
      idp.tamper = tamper;
      try {
        assertRefused(await ssoSignIn(account(name)));
      } finally {
        idp.tamper = undefined;
      }
      assert.equal(await userByEmail(`${name}@sso.example.com`), undefined);
    };

    it('an ID token for another audience', () =>
      refusedWith('aud-victim', { claims: (claims) => ({ ...claims, aud: 'another-client' }) }));

    it('an expired ID token', () =>
      refusedWith('exp-victim', {
        claims: (claims) => ({
          ...claims,
          iat: Math.floor(Date.now() / 1000) - 600,
          exp: Math.floor(Date.now() / 1000) - 300,
        }),
      }));

    it('an ID token from another issuer', () =>
      refusedWith('iss-victim', { claims: (claims) => ({ ...claims, iss: 'https://impostor.example.com' }) }));

    it('an ID token with a nonce the sign-in did not send', () =>
      refusedWith('nonce-victim', { claims: (claims) => ({ ...claims, nonce: 'not-the-one-we-sent' }) }));

    it('an ID token signed by a key the provider does not publish', () =>
      refusedWith('sig-victim', { signer: 'foreign' }));

    it('a replayed state (the same callback twice, from the same browser)', async () => {
      idp.loginAs = account('replay');
      const jar = new CookieJar();
      const { callbackUrl } = await signInAtProvider(jar, app.url, idp);
      const loginCookie = `oauth_login=${jar.get('oauth_login')}`;
      const first = await app.http.get(callbackUrl.slice(app.url.length), { cookie: loginCookie });
      assert.equal(first.headers.get('location'), `${app.url}/auth`);
      const replay = await app.http.get(callbackUrl.slice(app.url.length), { cookie: loginCookie });
      assert.match(replay.headers.get('location') ?? '', /\/auth\?error=/);
      assert.equal(
        replay.headers.getSetCookie().some((cookie) => cookie.startsWith('token=')),
        false,
      );
    });

    it('a forged state, and a state from another browser', async () => {
      idp.loginAs = account('forged');
      const jar = new CookieJar();
      const { callbackUrl } = await signInAtProvider(jar, app.url, idp);
      const forged = new URL(callbackUrl);
      forged.searchParams.set('state', 'forged-state-0123456789abcdefghijklmnopqrstuvwxyz');
      const withForged = await browse(jar, forged.toString());
      assert.match(withForged.headers.get('location') ?? '', /\/auth\?error=/);
      assert.equal(jar.get('token'), undefined);

      const otherBrowser = await browse(new CookieJar(), callbackUrl);
      assert.match(otherBrowser.headers.get('location') ?? '', /\/auth\?error=/);
      assert.equal(
        otherBrowser.headers.getSetCookie().some((cookie) => cookie.startsWith('token=')),
        false,
      );
      assert.equal(await userByEmail('forged@sso.example.com'), undefined);
    });

    it('a code issued for another PKCE challenge (an injected code: our verifier does not fit)', async () => {
      idp.loginAs = account('pkce-victim');
      const victim = new CookieJar();
      const victimLogin = await signInAtProvider(victim, app.url, idp);
      const attacker = await signInAtProvider(new CookieJar(), app.url, idp);
      const injected = new URL(victimLogin.callbackUrl);
      injected.searchParams.set('code', new URL(attacker.callbackUrl).searchParams.get('code') ?? '');
      const result = await browse(victim, injected.toString());
      assert.match(result.headers.get('location') ?? '', /\/auth\?error=/);
      assert.equal(victim.get('token'), undefined);
      assert.equal(await userByEmail('pkce-victim@sso.example.com'), undefined);
    });

    it('a code issued without our PKCE challenge (the provider saw no code_challenge)', async () => {
      idp.loginAs = account('no-pkce');
      idp.pkceRequired = false;
      try {
        const jar = new CookieJar();
        const start = await browse(jar, `${app.url}/oauth/oidc/login`);
        const authorize = new URL(start.headers.get('location') ?? '');
        authorize.searchParams.delete('code_challenge');
        authorize.searchParams.delete('code_challenge_method');
        const callbackUrl = await walkProvider(jar, idp, authorize.toString());
        assert.ok(new URL(callbackUrl).searchParams.get('code'), 'the provider issued a code');
        const result = await browse(jar, callbackUrl);
        assert.match(result.headers.get('location') ?? '', /\/auth\?error=/);
        assert.equal(jar.get('token'), undefined);
      } finally {
        idp.pkceRequired = true;
      }
      assert.equal(await userByEmail('no-pkce@sso.example.com'), undefined);
    });
  });
});
