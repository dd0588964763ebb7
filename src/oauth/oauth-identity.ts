import type { OAuthProviderConfig } from '../config/env-oauth.js';

/** What a provider vouched for, once its tokens were checked: the claims the account is matched on. */
export interface OAuthIdentity {
  provider: OAuthProviderConfig;
  /** ID token claims (verified) merged with the userinfo answer; GitHub: its user API's answer. */
  claims: Record<string, unknown>;
  /** Kept in the HttpOnly `oauth_id_token` cookie for the provider's sign-out (`id_token_hint`). */
  idToken?: string;
}

/** A refused sign-in: the reason is logged, `detail` is what the sign-in page shows. */
export class OAuthLoginError extends Error {
  constructor(
    readonly detail: string,
    reason: string = detail,
  ) {
    super(reason);
  }
}
