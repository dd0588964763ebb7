import type { Request } from 'express';
import { Strategy as GitHubStrategy, type StrategyOptionsWithRequest } from 'passport-github2';
import type { OAuthProviderConfig } from '../config/env-oauth.js';
import type { OAuthIdentity } from './oauth-identity.js';
import type { LoginStateStore } from './login-state.store.js';

type StateStored = (error: Error | null, handle?: string) => void;
type StateVerified = (error: Error | null, verifier?: string | false, info?: unknown) => void;

interface GitHubProfile {
  emails?: { value: string }[];
  _json?: Record<string, unknown>;
}

/**
 * GitHub has no OpenID Connect: OAuth 2.0 with PKCE through passport-github2, state in the shared
 * store, and the account read from GitHub's user API (the primary address when the email is private).
 */
export function githubLoginStrategy(provider: OAuthProviderConfig, logins: LoginStateStore): GitHubStrategy {
  const store = {
    store: (req: Request, verifier: string, _state: unknown, _meta: unknown, cb: StateStored) => {
      logins.save(req, { provider: provider.id, codeVerifier: verifier }).then((handle) => cb(null, handle), cb);
    },
    verify: (req: Request, handle: string, cb: StateVerified) => {
      logins.take(req, provider.id, handle).then((taken) => {
        if (!taken.ok) return cb(null, false, { message: taken.reason });
        if (!taken.login.codeVerifier) return cb(null, false, { message: 'The sign-in has no PKCE verifier.' });
        cb(null, taken.login.codeVerifier);
      }, cb);
    },
  };
  const options = {
    clientID: provider.clientId,
    clientSecret: provider.clientSecret,
    callbackURL: '',
    scope: provider.scopes,
    passReqToCallback: true,
    state: true,
    pkce: true,
    store,
  } as unknown as StrategyOptionsWithRequest;
  return new GitHubStrategy(
    options,
    (
      _req: Request,
      _accessToken: string,
      _refreshToken: string,
      profile: GitHubProfile,
      done: (error: Error | null, identity?: OAuthIdentity) => void,
    ) => {
      const user = profile._json ?? {};
      const claims: Record<string, unknown> = {
        ...user,
        // GitHub's numeric id is the subject (Open WebUI's `sub_claim` for GitHub).
        id: typeof user.id === 'number' || typeof user.id === 'string' ? String(user.id) : undefined,
        email: user.email ?? profile.emails?.[0]?.value,
        name: user.name ?? user.login,
        picture: user.avatar_url,
      };
      done(null, { provider, claims });
    },
  );
}
