import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { parseDuration } from '../config/env-parsers.js';
import { KeyValueStore } from '../kv/key-value.store.js';
import { signHs256, verifyHs256 } from './hs256-jwt.js';

export interface TokenClaims {
  id: string;
  jti?: string;
  exp?: number;
}

/** Verified signatures kept this long (never past the token's own expiry). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;

export interface IssuedToken {
  token: string;
  expiresAt: number | null;
}

/** HS256 session tokens with Open WebUI's claims ({id, exp, jti}); only HS256 is ever accepted. */
@Injectable()
export class TokenService {
  private readonly secret: KeyObject;
  /**
   * Tokens whose signature and claims were already checked: the HMAC and two base64/JSON decodes are
   * a fifth of a session request's CPU. Revocation is still checked on every use.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; until: number }>();

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly store: KeyValueStore,
  ) {
    this.secret = createSecretKey(Buffer.from(config.secretKey, 'utf8'));
  }

  /** `lifetime` is a JWT_EXPIRES_IN value ("4w", "-1"); null/-1 mean no expiry. */
  issue(userId: string, lifetime: string | null): IssuedToken {
    const seconds = lifetime === null ? null : parseDuration(lifetime);
    const expiresAt = seconds ? Math.floor(Date.now() / 1000 + seconds) : null;
    const claims: TokenClaims = { id: userId, jti: randomUUID() };
    if (expiresAt !== null) claims.exp = expiresAt;
    return { token: signHs256({ ...claims }, this.secret), expiresAt };
  }

  /** Returns the claims, or null when the token is malformed, forged, expired or revoked. */
  async verify(token: string): Promise<TokenClaims | null> {
    const claims = this.verifySignature(token);
    if (!claims) return null;
    if (claims.jti && (await this.store.get(revokedKey(claims.jti)))) return null;
    return claims;
  }

  private verifySignature(token: string): TokenClaims | null {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.claims;
    const payload = verifyHs256(token, this.secret, Math.floor(now / 1000));
    if (!payload || typeof payload.id !== 'string' || payload.id === '') return null;
    if (payload.jti !== undefined && typeof payload.jti !== 'string') return null;
    const claims = payload as unknown as TokenClaims;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) this.verified.clear();
    this.verified.set(token, {
      claims,
      until: Math.min(now + VERIFIED_TTL_MS, claims.exp ? claims.exp * 1000 : Infinity),
    });
    return claims;
  }

  /** Signs a token out for the rest of its life (until `exp`; a week for non-expiring ones). */
  async revoke(claims: TokenClaims): Promise<void> {
    if (!claims.jti) return;
    const ttl = claims.exp ? claims.exp - Math.floor(Date.now() / 1000) : 7 * 86400;
    if (ttl > 0) await this.store.set(revokedKey(claims.jti), '1', ttl);
  }
}

const revokedKey = (jti: string) => `auth:token:${jti}:revoked`;
