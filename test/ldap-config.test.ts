import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { seedUsers } from './support/factories.js';

const SERVER = {
  label: 'Company directory',
  host: 'ldap.example.com',
  port: 636,
  attribute_for_mail: 'mail',
  attribute_for_username: 'uid',
  app_dn: 'cn=webui,ou=services,dc=example,dc=com',
  app_dn_password: 'bind-secret',
  search_base: 'ou=people,dc=example,dc=com',
  search_filters: '(memberOf=cn=chat,ou=groups,dc=example,dc=com)',
  use_tls: true,
  certificate_path: '/etc/ssl/certs/ldap-ca.pem',
  validate_cert: true,
  ciphers: 'ALL',
};

describe('LDAP settings (Admin → Settings → General)', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;

  before(async () => {
    app = await startApp({ LDAP_SERVER_LABEL: 'From env', LDAP_SEARCH_BASE: 'dc=example,dc=com' });
    cast = await seedUsers(app);
  });
  after(() => app.close());

  it('turns LDAP sign-in on and off, for admins only', async () => {
    const path = '/api/v1/auths/admin/config/ldap';
    assert.deepEqual((await app.http.get(path, { token: cast.admin.token })).body, { ENABLE_LDAP: false });
    const on = await app.http.post(path, { enable_ldap: true }, { token: cast.admin.token });
    assert.deepEqual(on.body, { ENABLE_LDAP: true });
    assert.equal((await app.http.get('/api/config', { token: cast.user.token })).body.features.enable_ldap, true);
    assert.equal((await app.http.post(path, { enable_ldap: 'yes' }, { token: cast.admin.token })).status, 422);
    await app.http.post(path, { enable_ldap: false }, { token: cast.admin.token });
    for (const token of [cast.user.token, cast.pending.token, undefined]) {
      assert.equal((await app.http.get(path, { token })).status, 401);
      assert.equal((await app.http.post(path, { enable_ldap: true }, { token })).status, 401);
    }
  });

  it('stores the directory server, refusing a form with a required field empty', async () => {
    const path = '/api/v1/auths/admin/config/ldap/server';
    const seeded = (await app.http.get(path, { token: cast.admin.token })).body;
    assert.equal(seeded.label, 'From env');
    assert.equal(seeded.search_base, 'dc=example,dc=com');
    assert.equal(seeded.port, 389);
    assert.equal(seeded.attribute_for_username, 'uid');

    const saved = await app.http.post(path, SERVER, { token: cast.admin.token });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, SERVER);
    assert.deepEqual((await app.http.get(path, { token: cast.admin.token })).body, SERVER);

    const missing = await app.http.post(path, { ...SERVER, app_dn: ' ' }, { token: cast.admin.token });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.detail, 'Required field app_dn is empty');
    assert.equal((await app.http.post(path, { ...SERVER, port: 70_000 }, { token: cast.admin.token })).status, 422);
    assert.equal((await app.http.post(path, { label: 'x' }, { token: cast.admin.token })).status, 422);
    assert.deepEqual((await app.http.get(path, { token: cast.admin.token })).body, SERVER, 'refusals change nothing');

    for (const token of [cast.user.token, undefined]) {
      assert.equal((await app.http.get(path, { token })).status, 401);
      assert.equal((await app.http.post(path, SERVER, { token })).status, 401);
    }
  });
});
