import { Injectable } from '@nestjs/common';
import { parse as parseCookie } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { UsersService } from '../users/users.service.js';
import type { AuthContext } from '../access/auth-context.js';
import type { UserEntity } from '../users/user.entity.js';
import { API_KEY_PREFIX, ApiKeysService } from '../credentials/api-keys.service.js';
import { TokenService } from './token.service.js';

/** last_active_at is written at most once a minute per user: reads stay reads. */
const ACTIVITY_GRANULARITY = 60;

export type CredentialSource = 'header' | 'cookie' | 'any';

export interface PresentedCredential {
  token: string;
  via: 'bearer' | 'x-api-key' | 'cookie';
}

/**
 * The one code path that turns a credential (Bearer header, x-api-key header or `token` cookie)
 * into a caller. HTTP routes and the socket handshake both use it.
 */
@Injectable()
export class AuthenticatorService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeysService,
    private readonly users: UsersService,
  ) {}

  /**
   * Bearer header first, then x-api-key, then the cookie: Open WebUI reads the header before the cookie,
   * so an explicit credential wins over a stale cookie.
   */
  credentialFrom(req: IncomingMessage, source: CredentialSource = 'any'): PresentedCredential | null {
    if (source !== 'cookie') {
      const header = req.headers.authorization;
      if (header) {
        const token = header.includes(' ') ? header.slice(header.lastIndexOf(' ') + 1) : header;
        if (token) return { token, via: 'bearer' };
      }
      const apiKey = req.headers['x-api-key'];
      if (typeof apiKey === 'string' && apiKey) return { token: apiKey, via: 'x-api-key' };
    }
    if (source !== 'header') {
      // Parsed here, only when needed, rather than by a middleware on every request.
      const header = req.headers.cookie;
      const cookie = header ? parseCookie(header).token : undefined;
      if (cookie) return { token: cookie, via: 'cookie' };
    }
    return null;
  }

  /** Resolves a credential or throws 401 with Open WebUI's texts, which the web app shows as they are. */
  async authenticate(credential: PresentedCredential | null, trustedEmail?: string): Promise<AuthContext<UserEntity>> {
    if (!credential) throw unauthorized(MESSAGES.NOT_AUTHENTICATED);
    const context = credential.token.startsWith(API_KEY_PREFIX)
      ? await this.fromApiKey(credential.token)
      : await this.fromJwt(credential.token);
    if (trustedEmail && this.config.auth.trustedEmailHeader && trustedEmail.toLowerCase() !== context.user.email) {
      throw unauthorized('User mismatch. Please sign in again.');
    }
    // Checked on the row already loaded: most requests then issue no write at all.
    const now = nowSeconds();
    if (context.user.last_active_at < now - ACTIVITY_GRANULARITY) {
      await this.users.touchLastActive(context.user.id, now, ACTIVITY_GRANULARITY);
    }
    return context;
  }

  /** Like authenticate, but an absent or bad credential means "anonymous" (GET /api/config). */
  async tryAuthenticate(credential: PresentedCredential | null): Promise<AuthContext<UserEntity> | null> {
    if (!credential) return null;
    try {
      return await this.authenticate(credential);
    } catch (error) {
      if (error instanceof Error && 'kind' in error && error.kind === 'unauthorized') return null;
      throw error;
    }
  }

  /**
   * The socket handshake and `user-join`: the same checks as a Bearer header, but only session
   * tokens (JWTs) are accepted, as in Open WebUI. Null for anything else.
   */
  async authenticateSocket(token: unknown): Promise<AuthContext<UserEntity> | null> {
    if (typeof token !== 'string' || token === '' || token.startsWith(API_KEY_PREFIX)) return null;
    return this.tryAuthenticate({ token, via: 'bearer' });
  }

  private async fromJwt(token: string): Promise<AuthContext<UserEntity>> {
    const claims = await this.tokens.verify(token);
    if (!claims) throw unauthorized(MESSAGES.UNAUTHORIZED);
    const user = await this.users.findByIdCached(claims.id);
    if (!user) throw unauthorized(MESSAGES.INVALID_TOKEN);
    return { user, token, expiresAt: claims.exp ?? null };
  }

  private async fromApiKey(secret: string): Promise<AuthContext<UserEntity>> {
    const key = await this.apiKeys.resolve(secret);
    const user = key ? await this.users.findByIdCached(key.user_id) : null;
    if (!key || !user) throw unauthorized(MESSAGES.INVALID_TOKEN);
    return { user, token: secret, expiresAt: null, apiKey: { id: key.id, scopes: key.scopes } };
  }
}
