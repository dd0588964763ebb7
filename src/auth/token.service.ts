import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { parseDuration } from '../config/env-parsers.js';
import { KeyValueStore } from '../kv/key-value.store.js';

/** Open WebUI's session-token claims. */
export interface TokenClaims {
  id: string;
  jti?: string;
  exp?: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: number | null;
}

/** The one algorithm session tokens are signed and accepted with ("none" and key confusion excluded). */
export const SESSION_TOKEN_ALGORITHM = 'HS256';

/**
 * Session tokens: HS256 JWTs with Open WebUI's claims ({id, exp, jti}), issued here and checked by the
 * session strategy (passport-jwt); revocation is kept in the key-value store so every instance sees it.
 */
@Injectable()
export class TokenService {
  /**
   * A KeyObject, not the string: jsonwebtoken would otherwise try to parse the secret as a PEM key on
   * every call before treating it as a shared secret.
   */
  readonly key: KeyObject;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly store: KeyValueStore,
  ) {
    this.key = createSecretKey(Buffer.from(config.secretKey, 'utf8'));
  }

  /** `lifetime` is a JWT_EXPIRES_IN value ("4w", "-1"); null/-1 mean no expiry. */
  issue(userId: string, lifetime: string | null): IssuedToken {
    const seconds = lifetime === null ? null : parseDuration(lifetime);
    const expiresAt = seconds ? Math.floor(Date.now() / 1000 + seconds) : null;
    const claims: TokenClaims = { id: userId, jti: randomUUID() };
    if (expiresAt !== null) claims.exp = expiresAt;
    // No `iat`: the claims stay exactly Open WebUI's.
    const token = jwt.sign(claims, this.key, { algorithm: SESSION_TOKEN_ALGORITHM, noTimestamp: true });
    return { token, expiresAt };
  }

  async isRevoked(jti: string | undefined): Promise<boolean> {
    return jti !== undefined && (await this.store.get(revokedKey(jti))) !== null;
  }

  /**
   * Signs a token out for the rest of its life (until `exp`; a week for non-expiring ones). The token
   * must already have been verified (by the session strategy): its claims are only read here.
   */
  async revoke(verifiedToken: string): Promise<void> {
    const claims = jwt.decode(verifiedToken, { json: true }) as Partial<TokenClaims> | null;
    if (!claims || typeof claims.jti !== 'string') return;
    const ttl = typeof claims.exp === 'number' ? claims.exp - Math.floor(Date.now() / 1000) : 7 * 86400;
    if (ttl > 0) await this.store.set(revokedKey(claims.jti), '1', ttl);
  }
}

const revokedKey = (jti: string) => `auth:token:${jti}:revoked`;
