import { constants, createPublicKey, verify } from 'node:crypto';
import type { Jwk, OidcDiscoveryService, OidcMetadata } from './oidc-discovery.service.js';

/** Asymmetric algorithms accepted for ID tokens: `none` and client-secret HMACs never are. */
const ALGORITHMS: Record<string, { hash: string | null; pss?: boolean; p1363?: boolean }> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256', pss: true },
  PS384: { hash: 'sha384', pss: true },
  PS512: { hash: 'sha512', pss: true },
  ES256: { hash: 'sha256', p1363: true },
  ES384: { hash: 'sha384', p1363: true },
  ES512: { hash: 'sha512', p1363: true },
  EdDSA: { hash: null },
};

/** Clock difference tolerated between this server and the provider. */
const CLOCK_SKEW_SECONDS = 30;

export class IdTokenError extends Error {}

export interface IdTokenExpectations {
  metadata: OidcMetadata;
  clientId: string;
  nonce: string;
}

const decodeJson = (part: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new IdTokenError('Malformed ID token');
  return value as Record<string, unknown>;
};

function signatureValid(alg: string, jwk: Jwk, signed: string, signature: Buffer): boolean {
  const algorithm = ALGORITHMS[alg];
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(
    algorithm.hash,
    Buffer.from(signed),
    {
      key,
      ...(algorithm.pss
        ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
        : {}),
      ...(algorithm.p1363 ? { dsaEncoding: 'ieee-p1363' as const } : {}),
    },
    signature,
  );
}

/**
 * OpenID Connect Core 3.1.3.7: signature by one of the provider's published keys, issuer, audience
 * (and authorized party), expiry and nonce. Returns the claims; throws IdTokenError otherwise.
 */
export async function verifyIdToken(
  token: string,
  discovery: OidcDiscoveryService,
  expected: IdTokenExpectations,
): Promise<Record<string, unknown>> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new IdTokenError('Malformed ID token');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeJson(parts[0]);
    claims = decodeJson(parts[1]);
  } catch {
    throw new IdTokenError('Malformed ID token');
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const offered = expected.metadata.id_token_signing_alg_values_supported;
  if (!ALGORITHMS[alg] || (offered && !offered.includes(alg))) {
    throw new IdTokenError(`ID token signed with an unaccepted algorithm (${alg || 'none'})`);
  }
  const jwk = await discovery.signingKey(
    expected.metadata.jwks_uri,
    typeof header.kid === 'string' ? header.kid : undefined,
  );
  if (!jwk) throw new IdTokenError('ID token signed with a key the provider does not publish');
  let valid = false;
  try {
    valid = signatureValid(alg, jwk, `${parts[0]}.${parts[1]}`, Buffer.from(parts[2], 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) throw new IdTokenError('ID token signature is invalid');

  if (claims.iss !== expected.metadata.issuer) throw new IdTokenError('ID token not issued by the expected provider');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) throw new IdTokenError('ID token not intended for this client');
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== expected.clientId) {
    throw new IdTokenError('ID token issued to another authorized party');
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS <= now) {
    throw new IdTokenError('ID token has expired');
  }
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_SECONDS > now) {
    throw new IdTokenError('ID token issued in the future');
  }
  if (claims.nonce !== expected.nonce) throw new IdTokenError('ID token nonce does not match the sign-in');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdTokenError('ID token has no subject');
  return claims;
}
