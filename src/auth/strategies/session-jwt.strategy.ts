import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as JwtStrategy, type SecretOrKeyProvider } from 'passport-jwt';
import type { AuthContext } from '../../access/auth-context.js';
import { MESSAGES, unauthorized } from '../../common/errors.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { type CredentialRequest, sessionTokenFrom } from '../presented-credential.js';
import { SESSION_TOKEN_ALGORITHM, type TokenClaims, TokenService } from '../token.service.js';
import { VerifiedTokens } from '../verified-tokens.js';

export const SESSION_JWT_STRATEGY = 'session-jwt';

/**
 * The session token (Bearer header or `token` cookie) through passport-jwt: signature with the one
 * algorithm, expiry and `nbf` by jsonwebtoken; then Open WebUI's claims, revocation and the user.
 * A token verified in the last minute skips jsonwebtoken (see VerifiedTokens); everything after the
 * signature check runs every time.
 */
@Injectable()
export class SessionJwtStrategy extends PassportStrategy(JwtStrategy, SESSION_JWT_STRATEGY) {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: sessionTokenFrom,
      secretOrKeyProvider: keyProvider(tokens),
      algorithms: [SESSION_TOKEN_ALGORITHM],
      passReqToCallback: true,
    });
  }

  override authenticate(req: CredentialRequest, options?: unknown): void {
    const token = sessionTokenFrom(req);
    const claims = token === null ? undefined : this.verified.recall(token);
    if (token === null || claims === undefined) {
      super.authenticate(req as Parameters<JwtStrategy['authenticate']>[0], options);
      return;
    }
    this.principal(token, claims).then(
      (context) => (context ? this.success(context) : this.fail(401)),
      (error: Error) => this.error(error),
    );
  }

  /** passport-jwt's verify callback: the token's signature, algorithm and expiry have just been checked. */
  async validate(req: CredentialRequest, payload: unknown): Promise<AuthContext<UserEntity> | false> {
    const token = sessionTokenFrom(req);
    const claims = openWebUiClaims(payload);
    if (!token || !claims) return false;
    this.verified.remember(token, claims);
    return this.principal(token, claims);
  }

  /** False (a refusal: 401 "Unauthorized") for a revoked token; a token of a deleted user is an error. */
  private async principal(token: string, claims: TokenClaims): Promise<AuthContext<UserEntity> | false> {
    if (await this.tokens.isRevoked(claims.jti)) return false;
    const user = await this.users.findByIdCached(claims.id);
    if (!user) throw unauthorized(MESSAGES.INVALID_TOKEN);
    return { user, token, expiresAt: claims.exp ?? null };
  }
}

/**
 * Hands jsonwebtoken the secret as a KeyObject, which it accepts (its own types say so); passport-jwt's
 * types predate that and only name strings and buffers.
 */
function keyProvider(tokens: TokenService): SecretOrKeyProvider {
  return (_req, _token, done) => done(null, tokens.key as unknown as Buffer);
}

/** {id: non-empty string, jti?: string, exp?: number} (jsonwebtoken has checked `exp` is a number). */
function openWebUiClaims(payload: unknown): TokenClaims | null {
  if (payload === null || typeof payload !== 'object') return null;
  const { id, jti, exp } = payload as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return null;
  if (jti !== undefined && typeof jti !== 'string') return null;
  if (exp !== undefined && typeof exp !== 'number') return null;
  return { id, jti, exp };
}
