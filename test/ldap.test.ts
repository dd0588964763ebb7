import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import {
  LDAP_APP_DN,
  LDAP_APP_PASSWORD,
  LDAP_GROUPS,
  LDAP_PEOPLE,
  startLdapServer,
  type TestLdapServer,
} from './support/ldap-server.js';
import { freePort } from './support/processes.js';
import { eventually } from './support/sockets.js';

const FAILED = 'LDAP authentication failed.';
const DISABLED = 'LDAP authentication is not enabled';
const UNREACHABLE = 'LDAP authentication failed: the LDAP server could not be reached.';

const signin = (app: TestApp, user: string, password: string) =>
  app.http.post('/api/v1/auths/ldap', { user, password });

async function groupNamesOf(app: TestApp, admin: TestUser, userId: string): Promise<string[]> {
  const response = await app.http.get(`/api/v1/users/${userId}/groups`, { token: admin.token });
  assert.equal(response.status, 200, response.text);
  return (response.body as { name: string }[]).map((group) => group.name).sort();
}

async function createGroup(app: TestApp, admin: TestUser, name: string): Promise<string> {
  const response = await app.http.post('/api/v1/groups/create', { name, description: '' }, { token: admin.token });
  assert.equal(response.status, 200, response.text);
  return response.body.id as string;
}

describe('LDAP sign-in against a real OpenLDAP (settings from the environment)', () => {
  let ldap: TestLdapServer;
  let app: TestApp;
  let bob: TestUser;

  before(async () => {
    ldap = await startLdapServer();
    app = await startApp({
      ENABLE_LDAP: 'true',
      LDAP_SERVER_LABEL: 'Test directory',
      LDAP_SERVER_HOST: ldap.host,
      LDAP_SERVER_PORT: String(ldap.port),
      LDAP_USE_TLS: 'false',
      LDAP_APP_DN,
      LDAP_APP_PASSWORD,
      LDAP_SEARCH_BASE: LDAP_PEOPLE,
      DEFAULT_USER_ROLE: 'user',
      ENABLE_LDAP_GROUP_MANAGEMENT: 'true',
      ENABLE_LDAP_GROUP_CREATION: 'false',
    });
  });
  after(async () => {
    await app?.close();
    await ldap?.close();
  });

  it('creates the first directory user as admin, with a session like password sign-in', async () => {
    const first = await signin(app, 'bob', 'bob-pass');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.role, 'admin', 'the first account of all is the admin');
    assert.equal(first.body.email, 'bob@example.com');
    assert.equal(first.body.name, 'Bob Builder');
    assert.equal(first.body.token_type, 'Bearer');
    assert.equal(typeof first.body.expires_at, 'number');
    assert.equal(first.body.permissions.chat.delete, true);
    assert.match(first.headers.get('set-cookie') ?? '', /^token=[\w-]+\.[\w-]+\.[\w-]+;.*HttpOnly/i);
    bob = { id: first.body.id, email: 'bob@example.com', password: '', token: first.body.token, role: 'admin' };

    const session = await app.http.get('/api/v1/auths/', { token: bob.token });
    assert.equal(session.status, 200);
    assert.equal(session.body.id, bob.id);
  });

  it('finds the same account on the next sign-in, whatever the case of the user name', async () => {
    const again = await signin(app, 'BOB', 'bob-pass');
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.id, bob.id);
    assert.notEqual(again.body.token, bob.token);
    const all = await app.http.get('/api/v1/users/all', { token: bob.token });
    assert.equal(all.body.total, 1);
  });

  it('syncs a member to the existing groups named by memberOf, creating none when creation is off', async () => {
    const first = await signin(app, 'carol', 'carol-pass');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.role, 'user', 'later accounts get DEFAULT_USER_ROLE');
    const carolId = first.body.id as string;
    assert.deepEqual(await groupNamesOf(app, bob, carolId), [], 'chat and ops do not exist here yet');

    await createGroup(app, bob, 'chat');
    const legacy = await createGroup(app, bob, 'legacy');
    await app.http.post(`/api/v1/groups/id/${legacy}/users/add`, { user_ids: [carolId] }, { token: bob.token });
    assert.deepEqual(await groupNamesOf(app, bob, carolId), ['legacy']);

    const again = await signin(app, 'carol', 'carol-pass');
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(await groupNamesOf(app, bob, carolId), ['chat'], 'joins chat, leaves legacy, ops not created');
    const groups = await app.http.get('/api/v1/groups/', { token: bob.token });
    assert.deepEqual((groups.body as { name: string }[]).map((group) => group.name).sort(), ['chat', 'legacy']);

    // Dave's entry lists no group: the directory says he is in none, so the sync leaves him in none.
    const dave = await signin(app, 'dave', 'dave-pass');
    await app.http.post(`/api/v1/groups/id/${legacy}/users/add`, { user_ids: [dave.body.id] }, { token: bob.token });
    assert.equal((await signin(app, 'dave', 'dave-pass')).status, 200);
    assert.deepEqual(await groupNamesOf(app, bob, dave.body.id as string), []);
  });
});

describe('LDAP sign-in with the admin settings (applied without restart)', () => {
  let ldap: TestLdapServer;
  let app: TestApp;
  let admin: TestUser;
  const serverPath = '/api/v1/auths/admin/config/ldap/server';
  let server: Record<string, unknown>;

  const saveServer = async (changes: Record<string, unknown>) => {
    const saved = await app.http.post(serverPath, { ...server, ...changes }, { token: admin.token });
    assert.equal(saved.status, 200, saved.text);
  };
  const userCount = async () => (await app.http.get('/api/v1/users/all', { token: admin.token })).body.total as number;

  before(async () => {
    ldap = await startLdapServer();
    app = await startApp({
      SIGNIN_RATE_LIMIT_PER_EMAIL: '3',
      ENABLE_LDAP_GROUP_MANAGEMENT: 'true',
      ENABLE_LDAP_GROUP_CREATION: 'true',
    });
    admin = await signup(app, { name: 'Admin' });
    server = {
      label: 'Test directory',
      host: ldap.host,
      port: ldap.port,
      attribute_for_mail: 'mail',
      attribute_for_username: 'uid',
      app_dn: LDAP_APP_DN,
      app_dn_password: LDAP_APP_PASSWORD,
      search_base: LDAP_PEOPLE,
      search_filters: '',
      use_tls: false,
      certificate_path: '',
      validate_cert: true,
      ciphers: 'ALL',
    };
  });
  after(async () => {
    await app?.close();
    await ldap?.close();
  });

  it('refuses while LDAP is off, and signs in once the admin saved the server and turned it on', async () => {
    const off = await signin(app, 'alice', 'alice-pass');
    assert.equal(off.status, 400);
    assert.equal(off.body.detail, DISABLED);

    await saveServer({});
    const enabled = await app.http.post(
      '/api/v1/auths/admin/config/ldap',
      { enable_ldap: true },
      { token: admin.token },
    );
    assert.deepEqual(enabled.body, { ENABLE_LDAP: true });

    const alice = await signin(app, 'alice', 'alice-pass');
    assert.equal(alice.status, 200, alice.text);
    assert.equal(alice.body.email, 'alice@example.com', 'mail is stored lower-cased');
    assert.equal(alice.body.name, 'Alice Liddell');
    assert.equal(alice.body.role, 'pending', 'DEFAULT_USER_ROLE');
    assert.deepEqual(await groupNamesOf(app, admin, alice.body.id), ['chat', 'research'], 'groups created and joined');
  });

  it('refuses a wrong password, an empty one, an unknown user and an entry without mail, creating nobody', async () => {
    const before = await userCount();
    for (const [user, password] of [
      ['alice', 'wrong-pass'],
      ['alice', ''],
      ['nobody', 'whatever'],
      ['nomail', 'nomail-pass'],
    ]) {
      const response = await signin(app, user, password);
      assert.equal(response.status, 400, `${user}: ${response.text}`);
      assert.equal(response.body.detail, FAILED);
      assert.equal(response.headers.get('set-cookie'), null);
    }
    assert.equal(await userCount(), before);
    assert.equal((await app.http.post('/api/v1/auths/ldap', { user: 'alice' })).status, 422);
  });

  it('compares the user name, never parses it: filter syntax in it matches nobody', async () => {
    const before = await userCount();
    for (const user of ['*', '*)(uid=*', 'alice)(|(uid=*', 'al*', 'star\\2a', '*)(objectClass=*))(|(uid=*']) {
      const response = await signin(app, user, 'alice-pass');
      assert.equal(response.status, 400, `${user}: ${response.text}`);
      assert.equal(response.body.detail, FAILED);
    }
    assert.equal(await userCount(), before);

    // Read as filter text, (uid=star*) would match starling too and the sign-in would be refused as ambiguous.
    const literal = await signin(app, 'star*', 'star-pass');
    assert.equal(literal.status, 200, literal.text);
    assert.equal(literal.body.email, 'star@example.com');
  });

  it('applies the search filters, bind account and address the admin saves to the next sign-in', async () => {
    assert.equal((await signin(app, 'dave', 'dave-pass')).status, 200);

    await saveServer({ search_filters: `(memberOf=cn=chat,${LDAP_GROUPS})` });
    const outsider = await signin(app, 'dave', 'dave-pass');
    assert.equal(outsider.status, 400);
    assert.equal(outsider.body.detail, FAILED);
    assert.equal((await signin(app, 'alice', 'alice-pass')).status, 200, 'members of chat still get in');

    await saveServer({ search_filters: 'objectClass=inetOrgPerson' });
    const broken = await signin(app, 'alice', 'alice-pass');
    assert.equal(broken.status, 400, 'a malformed filter is the admin’s mistake, not a crash');
    assert.equal(broken.body.detail, FAILED);

    await saveServer({ app_dn_password: 'not-the-bind-secret' });
    assert.equal((await signin(app, 'alice', 'alice-pass')).body.detail, FAILED);

    await saveServer({ port: await freePort() });
    const unreachable = await signin(app, 'alice', 'alice-pass');
    assert.equal(unreachable.status, 400);
    assert.equal(unreachable.body.detail, UNREACHABLE);

    await saveServer({});
    assert.equal((await signin(app, 'alice', 'alice-pass')).status, 200);

    await app.http.post('/api/v1/auths/admin/config/ldap', { enable_ldap: false }, { token: admin.token });
    assert.equal((await signin(app, 'alice', 'alice-pass')).body.detail, DISABLED);
    await app.http.post('/api/v1/auths/admin/config/ldap', { enable_ldap: true }, { token: admin.token });
  });

  it('limits failed sign-ins per user name', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      assert.equal((await signin(app, 'ghost', 'guess')).status, 400);
    }
    const limited = await signin(app, 'ghost', 'guess');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('is refused with 403 when password sign-in is disabled', async () => {
    const restarted = await app.restart({ ENABLE_PASSWORD_AUTH: 'false' });
    app = restarted;
    const refused = await signin(app, 'alice', 'alice-pass');
    assert.equal(refused.status, 403);
  });
});

describe('LDAP sign-in over LDAPS (LDAP_USE_TLS)', () => {
  let ldap: TestLdapServer;
  let app: TestApp;
  const tlsEnv = (ldapServer: TestLdapServer, extra: Record<string, string>) => ({
    ENABLE_LDAP: 'true',
    LDAP_SERVER_HOST: ldapServer.host,
    LDAP_SERVER_PORT: String(ldapServer.tlsPort),
    LDAP_USE_TLS: 'true',
    LDAP_APP_DN,
    LDAP_APP_PASSWORD,
    LDAP_SEARCH_BASE: LDAP_PEOPLE,
    ...extra,
  });

  before(async () => {
    ldap = await startLdapServer();
    app = await startApp(tlsEnv(ldap, { LDAP_CA_CERT_FILE: ldap.caFile }));
  });
  after(async () => {
    await app?.close();
    await ldap?.close();
  });

  it('signs in when the certificate checks out against LDAP_CA_CERT_FILE', async () => {
    const response = await signin(app, 'alice', 'alice-pass');
    assert.equal(response.status, 200, response.text);
  });

  it('refuses an untrusted certificate unless LDAP_VALIDATE_CERT is off, and a CA file it cannot read', async () => {
    app = await app.restart(tlsEnv(ldap, {}));
    const untrusted = await signin(app, 'alice', 'alice-pass');
    assert.equal(untrusted.status, 400);
    assert.equal(untrusted.body.detail, "LDAP authentication failed: the LDAP server's certificate was not trusted.");

    app = await app.restart(tlsEnv(ldap, { LDAP_VALIDATE_CERT: 'false' }));
    assert.equal((await signin(app, 'alice', 'alice-pass')).status, 200);

    app = await app.restart(tlsEnv(ldap, { LDAP_CA_CERT_FILE: `${ldap.caFile}.missing` }));
    const missing = await signin(app, 'alice', 'alice-pass');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.detail, 'Failed to configure TLS for LDAP connection.');
  });
});

describe('LDAP settings saved on one instance sign users in on another (Redis)', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
  let ldap: TestLdapServer;
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  before(async () => {
    ldap = await startLdapServer();
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `test-ldap-${randomBytes(6).toString('hex')}` };
    a = await startApp(env);
    b = await a.peer(env);
    admin = await signup(a, { name: 'Admin' });
  });
  after(async () => {
    await b?.stop();
    await a?.close();
    await ldap?.close();
  });

  it('reads the settings each sign-in, as the other instance last saved them', async () => {
    const server = {
      label: 'Test directory',
      host: ldap.host,
      port: ldap.port,
      app_dn: LDAP_APP_DN,
      app_dn_password: LDAP_APP_PASSWORD,
      search_base: LDAP_PEOPLE,
      use_tls: false,
    };
    const serverPath = '/api/v1/auths/admin/config/ldap/server';
    const seenOnB = async (password: string) =>
      (await b.http.get(serverPath, { token: admin.token })).body.app_dn_password === password;

    assert.equal((await signin(b, 'alice', 'alice-pass')).body.detail, DISABLED);
    await a.http.post(serverPath, server, { token: admin.token });
    await a.http.post('/api/v1/auths/admin/config/ldap', { enable_ldap: true }, { token: admin.token });
    assert.ok(await eventually(() => seenOnB(LDAP_APP_PASSWORD)), 'b hears of the save');
    const alice = await signin(b, 'alice', 'alice-pass');
    assert.equal(alice.status, 200, alice.text);

    await a.http.post(serverPath, { ...server, app_dn_password: 'rotated-elsewhere' }, { token: admin.token });
    assert.ok(await eventually(() => seenOnB('rotated-elsewhere')));
    assert.equal((await signin(b, 'alice', 'alice-pass')).body.detail, FAILED);
  });
});
