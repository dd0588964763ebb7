import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * Compact HS256 JSON Web Tokens over node:crypto. Synchronous on purpose: an HMAC of a few hundred
 * bytes takes microseconds, while WebCrypto's asynchronous HMAC waits in libuv's thread pool behind
 * any bcrypt work (a sign-in storm held every new token's check for tens of seconds).
 */

const HEADER = encode({ alg: 'HS256', typ: 'JWT' });

export function signHs256(payload: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${HEADER}.${encode(payload)}`;
  return `${signingInput}.${mac(signingInput, key).toString('base64url')}`;
}

/**
 * The payload of a well-formed token signed with `key` whose header says HS256 and whose `exp` and
 * `nbf` (seconds, when present) hold at `nowSeconds`; null for anything else. Only HS256 is accepted,
 * whatever the header asks for ("none" and key-confusion tricks included).
 */
export function verifyHs256(token: string, key: KeyObject, nowSeconds: number): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const given = decodeBase64Url(signature);
  const expected = mac(`${header}.${payload}`, key);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = parseObject(header);
  // A critical extension we do not implement must be refused (RFC 7515 §4.1.11).
  if (head?.alg !== 'HS256' || head.crit !== undefined) return null;
  const claims = parseObject(payload);
  if (!claims) return null;
  if (!isOptionalNumber(claims.exp) || !isOptionalNumber(claims.nbf)) return null;
  if (claims.exp !== undefined && claims.exp <= nowSeconds) return null;
  if (claims.nbf !== undefined && claims.nbf > nowSeconds) return null;
  return claims;
}

function mac(signingInput: string, key: KeyObject): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Strict base64url (no padding, no other characters), so one token has one spelling. */
function decodeBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function parseObject(segment: string): Record<string, unknown> | null {
  const bytes = decodeBase64Url(segment);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function isOptionalNumber(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}
