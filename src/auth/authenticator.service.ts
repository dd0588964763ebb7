import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { UsersService } from '../users/users.service.js';
import type { AuthContext } from '../access/auth-context.js';
import type { UserEntity } from '../users/user.entity.js';
import { API_KEY_PREFIX } from '../credentials/api-keys.service.js';
import { asBearer, type CredentialRequest, isApiKey, presentedCredential } from './presented-credential.js';
import { ApiKeyStrategy } from './strategies/api-key.strategy.js';
import { runStrategy } from './strategies/run-strategy.js';
import { SessionJwtStrategy } from './strategies/session-jwt.strategy.js';

/** last_active_at is written at most once a minute per user: reads stay reads. */
const ACTIVITY_GRANULARITY = 60;

/**
 * The one code path that turns a credential into a caller, through the Passport strategies: the session
 * JWT (Bearer header or `token` cookie) or an API key (Bearer `sk-…` or x-api-key). HTTP routes and the
 * socket handshake both use it.
 */
@Injectable()
export class AuthenticatorService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly sessionJwt: SessionJwtStrategy,
    private readonly apiKey: ApiKeyStrategy,
    private readonly users: UsersService,
  ) {}

  /**
   * The caller, or 401 with Open WebUI's texts (the web app shows them as they are). Only the first
   * credential presented counts (see presentedCredential), and it goes to the strategy of its kind, so a
   * bad explicit credential never falls back to a cookie.
   */
  async authenticate(req: CredentialRequest, trustedEmail?: string): Promise<AuthContext<UserEntity>> {
    const credential = presentedCredential(req);
    if (!credential) throw unauthorized(MESSAGES.NOT_AUTHENTICATED);
    const { principal: context } = await runStrategy<AuthContext<UserEntity>>(
      isApiKey(credential) ? this.apiKey : this.sessionJwt,
      req,
    );
    if (!context) throw unauthorized(MESSAGES.UNAUTHORIZED);
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

  /** Like authenticate, but an absent or bad credential means "anonymous" (GET /api/config, sign-out). */
  async tryAuthenticate(req: CredentialRequest): Promise<AuthContext<UserEntity> | null> {
    try {
      return await this.authenticate(req);
    } catch (error) {
      if (error instanceof Error && 'kind' in error && error.kind === 'unauthorized') return null;
      throw error;
    }
  }

  /**
   * The socket handshake and `user-join`: the token is presented to the same strategies as a Bearer
   * header, but only session tokens (JWTs) are accepted, as in Open WebUI. Null for anything else.
   */
  async authenticateSocket(token: unknown): Promise<AuthContext<UserEntity> | null> {
    if (typeof token !== 'string' || token === '' || token.startsWith(API_KEY_PREFIX)) return null;
    return this.tryAuthenticate(asBearer(token));
  }
}
