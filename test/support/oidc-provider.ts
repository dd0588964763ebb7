import { generateKeyPairSync, type JsonWebKey, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  name?: string;
  picture?: string;
  roles?: string[];
  groups?: string[];
}

/** Rewrites the ID token of the next token responses (claims changed, re-signed by `signer`). */
export interface IdTokenTamper {
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  /** `provider`: with the provider's own key (the signature is valid); `foreign`: a key it never published. */
  signer?: 'provider' | 'foreign';
}

export interface TestOpenIdProvider {
  issuer: string;
  /** OPENID_PROVIDER_URL */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The app env for this provider. */
  env: Record<string, string>;
  /** Registers the apps' callback URLs (known once the apps listen); needed before the first sign-in. */
  allowApps(appBases: string[]): void;
  accounts: Map<string, TestAccount>;
  /** The account the provider's login page signs in as (it asks nobody: the test decides). */
  loginAs: string;
  /** Whether the provider insists on PKCE (true); off, it issues codes bound to no challenge too. */
  pkceRequired: boolean;
  tamper?: IdTokenTamper;
  close(): Promise<void>;
}

const CLIENT_ID = 'webui-nest-test';
const CLIENT_SECRET = 'webui-nest-test-secret-0123456789abcdef';

function rsaJwk(kid: string): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

function resign(idToken: string, tamper: IdTokenTamper, providerKey: JsonWebKey, foreignKey: JsonWebKey): string {
  const [header, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const changed = tamper.claims ? tamper.claims(claims) : claims;
  const signed = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;
  const key = tamper.signer === 'foreign' ? foreignKey : providerKey;
  const signature = sign('sha256', Buffer.from(signed), { key, format: 'jwk' });
  return `${signed}.${signature.toString('base64url')}`;
}

/** Lets the token endpoint's JSON answer be rewritten before it leaves (Koa ends it with one `end`). */
function rewriteJsonAnswer(res: ServerResponse, rewrite: (body: Record<string, unknown>) => Record<string, unknown>) {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    if (chunk === undefined || res.statusCode !== 200) return end(chunk);
    const body = rewrite(JSON.parse(Buffer.from(chunk as string).toString('utf8')) as Record<string, unknown>);
    const text = JSON.stringify(body);
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text);
  }) as ServerResponse['end'];
}

/**
 * A real, certified OpenID provider (oidc-provider) on a loopback port, with one confidential
 * client for the app, PKCE required, and a login page that signs in as `loginAs` without a form.
 */
export async function startOpenIdProvider(): Promise<TestOpenIdProvider> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const providerKey = rsaJwk('provider-key');
  const foreignKey = rsaJwk('provider-key');
  const accounts = new Map<string, TestAccount>();

  const build = (appBases: string[]) =>
    new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          token_endpoint_auth_method: 'client_secret_post',
          redirect_uris: appBases.flatMap((base) => [
            `${base}/oauth/oidc/login/callback`,
            `${base}/oauth/oidc/callback`,
          ]),
          post_logout_redirect_uris: appBases.map((base) => `${base}/auth`),
        },
      ],
      jwks: { keys: [providerKey] },
      cookies: { keys: ['test-cookie-key'] },
      ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
      pkce: { required: () => idp.pkceRequired },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture', 'roles', 'groups'] },
      findAccount: (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        if (!account) return undefined;
        return { accountId: id, claims: () => ({ sub: id, email_verified: true, ...account }) };
      },
    });
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;

  const idp: TestOpenIdProvider = {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    env: {
      OAUTH_CLIENT_ID: CLIENT_ID,
      OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      OPENID_PROVIDER_URL: `${issuer}/.well-known/openid-configuration`,
      OAUTH_PROVIDER_NAME: 'Test SSO',
    },
    accounts,
    loginAs: '',
    pkceRequired: true,
    allowApps: (appBases) => {
      provider = build(appBases);
      handle = provider.callback();
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };

  async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: idp.loginAs, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: idp.loginAs }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!provider || !handle) {
      res.statusCode = 503;
      res.end('allowApps() first');
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
      return;
    }
    const tamper = idp.tamper;
    if (tamper && req.method === 'POST' && req.url?.startsWith('/token')) {
      rewriteJsonAnswer(res, (body) =>
        typeof body.id_token === 'string'
          ? { ...body, id_token: resign(body.id_token, tamper, providerKey, foreignKey) }
          : body,
      );
    }
    handle(req, res);
  });
  return idp;
}

/** A tiny cookie jar for one browser: name → value, whatever the path. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val = ''] = attribute.trim().split('=');
        return (
          (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now()) ||
          (key.toLowerCase() === 'max-age' && Number(val) <= 0)
        );
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser makes it, redirects not followed; the jar keeps what it sets. */
export async function browse(jar: CookieJar, url: string): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

/** Walks the provider's pages from `authorizeUrl` until it redirects elsewhere: that redirect (the callback). */
export async function walkProvider(jar: CookieJar, idp: TestOpenIdProvider, authorizeUrl: string): Promise<string> {
  let location = authorizeUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (!location.startsWith(idp.issuer)) return location;
    const response = await browse(jar, location);
    const next = response.headers.get('location');
    if (!next) throw new Error(`The provider stopped at ${location} (${response.status}): ${await response.text()}`);
    location = new URL(next, location).toString();
  }
  throw new Error('The provider redirected too many times');
}

/**
 * Starts a sign-in on `appBase` and walks the provider's pages until it redirects back: returns the
 * callback URL (with `code` and `state`) without visiting it, so tests choose where and how.
 */
export async function signInAtProvider(
  jar: CookieJar,
  appBase: string,
  idp: TestOpenIdProvider,
): Promise<{ callbackUrl: string; authorizeUrl: string }> {
  const start = await browse(jar, `${appBase}/oauth/oidc/login`);
  if (start.status !== 302) throw new Error(`login answered ${start.status}: ${await start.text()}`);
  const authorizeUrl = start.headers.get('location') ?? '';
  return { callbackUrl: await walkProvider(jar, idp, authorizeUrl), authorizeUrl };
}
