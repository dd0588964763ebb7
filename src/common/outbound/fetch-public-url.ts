import type { IncomingHttpHeaders } from 'node:http';
import { type OutboundRequest, sendRequest } from './http-exchange.js';
import { fetchableUrl, redirectedRequest, redirectTarget } from './fetchable-url.js';
import { OutboundRequestError, outboundErrors } from './outbound-error.js';
import { addressPolicy } from './public-address.js';
import { ACCEPTED_ENCODINGS, readBoundedBody } from './read-body.js';
import { type HostResolver, resolveAllowedHost, systemResolver } from './resolve-host.js';

export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchPublicUrlOptions {
  /** The most body bytes (after decoding) read; past it the request is aborted. */
  maxBytes: number;
  /** For the whole exchange: DNS, every redirect, and the body. */
  timeoutMs: number;
  /** Redirects followed, each hop checked like the first URL. */
  maxRedirects?: number;
  /** ENABLE_RAG_LOCAL_WEB_FETCH: lifts the address rule, and only it. */
  allowPrivate?: boolean;
  accept?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Resolves host names; DNS (getaddrinfo) by default. */
  lookup?: HostResolver;
  /** Addresses treated as public although they are not: for tests, whose servers listen on loopback. */
  trustedAddresses?: readonly string[];
}

/**
 * The address rule for user-given URLs as the configuration sets it (ENABLE_RAG_LOCAL_WEB_FETCH,
 * RAG_WEB_FETCH_ALLOWED_ADDRESSES): one rule for pages, webhooks and tool servers alike.
 */
export function configuredAddressRule(config: {
  ragLocalWebFetch: boolean;
  ragWebFetchAllowedAddresses: readonly string[];
}): Pick<FetchPublicUrlOptions, 'allowPrivate' | 'trustedAddresses'> {
  return { allowPrivate: config.ragLocalWebFetch, trustedAddresses: config.ragWebFetchAllowedAddresses };
}

export interface FetchedResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Fetches a user-given URL without letting it reach internal addresses: every hop's host is
 * resolved, refused if any of its addresses is not public, and connected to only at those addresses.
 * Failures are `OutboundRequestError`s (400s with a detail the user may read).
 */
export async function fetchPublicUrl(url: string | URL, options: FetchPublicUrlOptions): Promise<FetchedResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    return await untilAborted(followRedirects(fetchableUrl(url), options, deadline), deadline);
  } catch (error) {
    // Past the deadline, whatever broke broke because the request was torn down.
    if (deadline.aborted) throw outboundErrors.timeout(options.timeoutMs);
    throw error instanceof OutboundRequestError ? error : outboundErrors.unreachable(error);
  }
}

async function followRedirects(
  url: URL,
  options: FetchPublicUrlOptions,
  signal: AbortSignal,
): Promise<FetchedResponse> {
  const policy = addressPolicy(options.allowPrivate, options.trustedAddresses);
  const resolver = options.lookup ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let request = firstRequest(options);
  for (let redirects = 0; ; redirects++) {
    const addresses = await resolveAllowedHost(url, resolver, policy);
    const response = await sendRequest(url, addresses, request, signal);
    const next = redirectTarget(response, url);
    if (next === undefined) {
      const body = await readBoundedBody(response, options.maxBytes);
      const contentType = response.headers['content-type'] ?? '';
      return { url: url.href, status: response.statusCode ?? 0, contentType, headers: response.headers, body };
    }
    response.destroy();
    if (redirects >= maxRedirects) throw outboundErrors.tooManyRedirects(maxRedirects);
    request = redirectedRequest(request, response.statusCode ?? 0, url, next);
    url = next;
  }
}

function firstRequest(options: FetchPublicUrlOptions): OutboundRequest {
  const headers: Record<string, string> = { accept: options.accept ?? '*/*' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['accept-encoding'] = ACCEPTED_ENCODINGS;
  return { method: (options.method ?? 'GET').toUpperCase(), headers, body: options.body };
}

/** `work`, or the signal's reason once it aborts: DNS look-ups take no signal, so they are raced. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
