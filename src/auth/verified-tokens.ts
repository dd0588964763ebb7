import type { TokenClaims } from './token.service.js';

/** Verified tokens kept this long (never past the token's own expiry). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;

/**
 * Session tokens whose signature and claims passport-jwt already checked, so a token seen again within a
 * minute skips jsonwebtoken (its decode, HMAC and claim checks are a large share of a session request's
 * CPU). Bounded: emptied when full. Revocation is not cached: it is checked on every use.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: TokenClaims; until: number }>();

  recall(token: string): TokenClaims | undefined {
    const known = this.entries.get(token);
    if (!known) return undefined;
    if (known.until > Date.now()) return known.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, claims: TokenClaims): void {
    if (this.entries.size >= VERIFIED_MAX_ENTRIES) this.entries.clear();
    const now = Date.now();
    this.entries.set(token, {
      claims,
      until: Math.min(now + VERIFIED_TTL_MS, claims.exp ? claims.exp * 1000 : Infinity),
    });
  }
}
