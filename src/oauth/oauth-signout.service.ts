import { Injectable, Logger } from '@nestjs/common';
import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { internal } from '../common/errors.js';
import { OidcDiscoveryService } from './oidc-discovery.service.js';

/** The cookie the callback leaves for sign-out's `id_token_hint` (HttpOnly). */
export const ID_TOKEN_COOKIE = 'oauth_id_token';

/** Ends the provider's session too: where to send the browser after GET /api/v1/auths/signout. */
@Injectable()
export class OAuthSignoutService {
  private readonly logger = new Logger(OAuthSignoutService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly discovery: OidcDiscoveryService,
  ) {}

  /**
   * `{end_session_endpoint}?id_token_hint=…[&post_logout_redirect_uri=WEBUI_AUTH_SIGNOUT_REDIRECT_URL]`
   * for a session that came from an OpenID provider publishing one (OPENID_END_SESSION_ENDPOINT or
   * its discovery document); undefined otherwise.
   */
  async endSessionUrl(req: Request): Promise<string | undefined> {
    const idToken = req.headers.cookie ? parseCookie(req.headers.cookie)[ID_TOKEN_COOKIE] : undefined;
    if (!idToken) return undefined;
    const audiences = audiencesOf(idToken);
    const provider = this.config.oauth.providers.find(
      (candidate) => candidate.protocol === 'oidc' && audiences.includes(candidate.clientId),
    );
    if (!provider?.discoveryUrl) return undefined;
    let endpoint = provider.id === 'oidc' ? this.config.oauth.endSessionEndpoint : undefined;
    if (!endpoint) {
      try {
        endpoint = (await this.discovery.metadataFor(provider.discoveryUrl)).end_session_endpoint;
      } catch (error) {
        this.logger.warn(`OpenID discovery failed at sign-out: ${(error as Error).message}`);
        throw internal('Failed to sign out from the OpenID provider.');
      }
    }
    if (!endpoint) return undefined;
    const url = new URL(endpoint);
    url.searchParams.set('id_token_hint', idToken);
    const after = this.config.auth.signoutRedirectUrl;
    if (after) url.searchParams.set('post_logout_redirect_uri', after);
    return url.toString();
  }
}

/** The token's audiences, read without verification: the cookie is ours (HttpOnly) and only picks the provider. */
function audiencesOf(idToken: string): string[] {
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      aud?: unknown;
    };
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return aud.filter((value): value is string => typeof value === 'string');
  } catch {
    return [];
  }
}
