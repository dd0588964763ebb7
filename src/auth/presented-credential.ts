import { parse as parseCookie } from 'cookie';
import type { IncomingHttpHeaders } from 'node:http';
import { API_KEY_PREFIX } from '../credentials/api-keys.service.js';

/**
 * What the credential strategies read: an HTTP request, or a narrower view of one (the cookie alone for
 * GET /api/config, the socket handshake's token presented as a Bearer header).
 */
export interface CredentialRequest {
  headers: IncomingHttpHeaders;
}

export interface PresentedCredential {
  token: string;
  via: 'bearer' | 'x-api-key' | 'cookie';
}

/**
 * Bearer header first, then x-api-key, then the `token` cookie: Open WebUI reads the header before the
 * cookie, so an explicit credential wins over a stale cookie. Only the first one present counts.
 */
export function presentedCredential(req: CredentialRequest): PresentedCredential | null {
  const header = req.headers.authorization;
  if (header) {
    const token = header.includes(' ') ? header.slice(header.lastIndexOf(' ') + 1) : header;
    if (token) return { token, via: 'bearer' };
  }
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { token: apiKey, via: 'x-api-key' };
  // Parsed here, only when needed, rather than by a middleware on every request.
  const cookies = req.headers.cookie;
  const cookie = cookies ? parseCookie(cookies).token : undefined;
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** An `sk-…` secret, wherever it came from, or anything in the x-api-key header, is an API key. */
export function isApiKey(credential: PresentedCredential): boolean {
  return credential.via === 'x-api-key' || credential.token.startsWith(API_KEY_PREFIX);
}

/** The session token (a JWT) the request presents, for passport-jwt's `jwtFromRequest`. */
export function sessionTokenFrom(req: CredentialRequest): string | null {
  const credential = presentedCredential(req);
  return credential && !isApiKey(credential) ? credential.token : null;
}

/** The API key the request presents, for the API-key strategy. */
export function apiKeyFrom(req: CredentialRequest): string | null {
  const credential = presentedCredential(req);
  return credential && isApiKey(credential) ? credential.token : null;
}

/** Only the `token` cookie of a request (GET /api/config: the web app sends no Authorization header there). */
export function cookieOnly(req: CredentialRequest): CredentialRequest {
  return { headers: { cookie: req.headers.cookie } };
}

/** A token given outside the headers (the socket handshake, `user-join`) presented as a Bearer header. */
export function asBearer(token: string): CredentialRequest {
  return { headers: { authorization: `Bearer ${token}` } };
}
