import type { IncomingMessage } from 'node:http';
import type { OutboundRequest } from './http-exchange.js';
import { outboundErrors } from './outbound-error.js';

/**
 * A URL a request may be sent to: parsed by the WHATWG parser (which turns `2130706433`,
 * `0x7f000001`, `0177.0.0.1` and `127.1` into `127.0.0.1`, so addresses are judged in one spelling),
 * http or https only, and without credentials, which would otherwise be sent as Basic auth.
 */
export function fetchableUrl(url: string | URL, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch (error) {
    throw outboundErrors.invalidUrl(error);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw outboundErrors.forbiddenScheme();
  if (parsed.username !== '' || parsed.password !== '') throw outboundErrors.credentialsInUrl();
  return parsed;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where a redirect response points, checked like the first URL; undefined when it is no redirect. */
export function redirectTarget(response: IncomingMessage, from: URL): URL | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) return undefined;
  return fetchableUrl(location, from);
}

/** Headers that carry the caller's credentials: they go to the origin they were meant for only. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

/**
 * The request for the next hop, as fetch does it: 303 (and 301/302 after a POST) turns into a GET
 * without a body, 307 and 308 repeat the request; credentials are dropped when the origin changes.
 */
export function redirectedRequest(request: OutboundRequest, status: number, from: URL, to: URL): OutboundRequest {
  const becomesGet =
    (status === 303 && request.method !== 'HEAD') || ((status === 301 || status === 302) && request.method === 'POST');
  const dropped = [...(becomesGet ? BODY_HEADERS : []), ...(from.origin === to.origin ? [] : CREDENTIAL_HEADERS)];
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !dropped.includes(name)));
  return becomesGet ? { method: 'GET', headers } : { ...request, headers };
}
