import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Cluster, startCluster } from './support/cluster.js';
import {
  browse,
  CookieJar,
  signInAtProvider,
  startOpenIdProvider,
  type TestOpenIdProvider,
} from './support/oidc-provider.js';

/** The address both instances answer behind a load balancer: the provider sends the browser back there. */
const PUBLIC_BASE = 'http://webui.lb.test';

describe('OpenID Connect sign-in across instances (separate processes, PostgreSQL + Redis)', () => {
  let idp: TestOpenIdProvider;
  let cluster: Cluster;

  before(async () => {
    idp = await startOpenIdProvider();
    cluster = await startCluster(2, {
      ...idp.env,
      ENABLE_OAUTH_SIGNUP: 'true',
      OPENID_REDIRECT_URI: `${PUBLIC_BASE}/oauth/oidc/login/callback`,
    });
    idp.allowApps([PUBLIC_BASE]);
  });
  after(async () => {
    await cluster?.close();
    await idp?.close();
  });

  it('finishes on instance B a sign-in started on instance A', async () => {
    const [a, b] = cluster.instances;
    idp.accounts.set('roaming', { email: 'roaming@sso.example.com', name: 'Roaming User' });
    idp.loginAs = 'roaming';
    const jar = new CookieJar();
    const { callbackUrl } = await signInAtProvider(jar, a.url, idp);
    assert.ok(callbackUrl.startsWith(`${PUBLIC_BASE}/oauth/oidc/login/callback?`));
    // The load balancer sends the way back to the other instance.
    const back = await browse(jar, b.url + callbackUrl.slice(PUBLIC_BASE.length));
    assert.equal(back.status, 302);
    assert.equal(back.headers.get('location'), `${b.url}/auth`);
    const token = jar.get('token');
    assert.ok(token, 'a session from instance B');
    const me = await a.http.get('/api/v1/auths/', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, 'roaming@sso.example.com');
  });
});
