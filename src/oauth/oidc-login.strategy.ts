import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import OpenIDConnectStrategy from 'passport-openidconnect';
import type { OAuthProviderConfig } from '../config/env-oauth.js';
import { IdTokenError, verifyIdToken } from './id-token-verifier.js';
import type { OAuthIdentity } from './oauth-identity.js';
import { type LoginStateStore, takenLoginOf } from './login-state.store.js';
import type { OidcDiscoveryService, OidcMetadata } from './oidc-discovery.service.js';

type StateVerified = (error: Error | null, ctx?: false | { nonce?: string; maxAge?: number }, info?: unknown) => void;
type Done = (error: Error | null, identity?: OAuthIdentity | false, info?: { message: string }) => void;
type TokenCallback = (error: unknown, accessToken?: string, refreshToken?: string, params?: unknown) => void;
type GetCallback = (error: unknown, body?: string | Buffer, response?: unknown) => void;

interface OAuth2Client {
  getOAuthAccessToken(code: string, params: Record<string, string>, callback: TokenCallback): void;
  get(url: string, accessToken: string, callback: GetCallback): void;
}

interface LoginOptions {
  callbackURL: string;
  state?: { codeVerifier: string };
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * passport-openidconnect's authorization-code flow, with what it leaves out: PKCE (S256), the ID
 * token's signature checked against the provider's published keys (and issuer, audience, expiry and
 * nonce again, on the verified claims), and state kept in the shared store instead of a session.
 */
export class OidcLoginStrategy extends OpenIDConnectStrategy {
  constructor(
    provider: OAuthProviderConfig,
    metadata: OidcMetadata,
    logins: LoginStateStore,
    discovery: OidcDiscoveryService,
  ) {
    super(
      {
        issuer: metadata.issuer,
        authorizationURL: metadata.authorization_endpoint,
        tokenURL: metadata.token_endpoint,
        userInfoURL: metadata.userinfo_endpoint ?? '',
        clientID: provider.clientId,
        clientSecret: provider.clientSecret,
        callbackURL: '',
        scope: provider.scopes.filter((scope) => scope !== 'openid'),
        passReqToCallback: true,
        skipUserProfile: !metadata.userinfo_endpoint,
        store: {
          store: (
            req: Request,
            ctx: { nonce?: string; maxAge?: number },
            appState: unknown,
            _meta: unknown,
            cb: (error: Error | null, handle?: string) => void,
          ) => {
            const { codeVerifier } = (appState ?? {}) as { codeVerifier?: string };
            logins
              .save(req, { provider: provider.id, nonce: ctx.nonce, codeVerifier, maxAge: ctx.maxAge })
              .then((handle) => cb(null, handle), cb);
          },
          verify: (req: Request, handle: string, cb: StateVerified) => {
            logins.take(req, provider.id, handle).then((taken) => {
              if (!taken.ok) return cb(null, false, { message: taken.reason });
              if (!taken.login.codeVerifier || !taken.login.nonce) {
                return cb(null, false, { message: 'The sign-in has no PKCE verifier or nonce.' });
              }
              cb(null, { nonce: taken.login.nonce, maxAge: taken.login.maxAge });
            }, cb);
          },
        },
      },
      // passport-openidconnect picks the arguments by this function's arity (10: userinfo apart).
      ((
        req: Request,
        _issuer: string,
        userinfo: { _json?: Record<string, unknown> } | undefined,
        _idProfile: unknown,
        _context: unknown,
        idToken: string,
        _accessToken: string,
        _refreshToken: string,
        _params: unknown,
        done: Done,
      ) => {
        const nonce = takenLoginOf(req)?.nonce ?? '';
        verifyIdToken(idToken, discovery, { metadata, clientId: provider.clientId, nonce }).then(
          (claims) => {
            const info = userinfo?._json ?? {};
            if (info.sub !== undefined && info.sub !== claims.sub) {
              return done(null, false, { message: 'The userinfo answer is about another subject.' });
            }
            done(null, { provider, claims: { ...info, ...claims }, idToken });
          },
          (error: unknown) =>
            error instanceof IdTokenError ? done(null, false, { message: error.message }) : done(error as Error),
        );
      }) as unknown as OpenIDConnectStrategy.VerifyFunction,
    );
  }

  override authenticate(req: Request, options: LoginOptions): void {
    const self = this as unknown as { _oauth2: OAuth2Client };
    const client = self._oauth2;
    // `this` is passport's per-request copy: the wrapped client below is this request's alone.
    self._oauth2 = Object.assign(Object.create(client) as OAuth2Client, {
      getOAuthAccessToken: (code: string, params: Record<string, string>, callback: TokenCallback) =>
        client.getOAuthAccessToken(code, { ...params, code_verifier: takenLoginOf(req)?.codeVerifier ?? '' }, callback),
      // The library reports a userinfo answer that is not JSON by throwing outside any handler.
      get: (url: string, accessToken: string, callback: GetCallback) =>
        client.get(url, accessToken, (error, body, response) => {
          if (!error) {
            try {
              JSON.parse(String(body));
            } catch {
              return callback({ statusCode: 502, data: 'The userinfo answer is not JSON' });
            }
          }
          callback(error, body, response);
        }),
    });
    const starting = !(req.query && req.query.code);
    const state = starting ? { codeVerifier: base64url(randomBytes(32)) } : undefined;
    super.authenticate(req, { ...options, state });
  }

  override authorizationParams(options: LoginOptions): object {
    const verifier = options.state?.codeVerifier ?? '';
    return {
      nonce: base64url(randomBytes(24)),
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    };
  }
}
