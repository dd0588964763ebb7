import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './resolve-host.js';

export interface OutboundRequest {
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one request (no redirects followed) and resolves with the response head; the body is left
 * unread. The connection goes only to `addresses`, which were vetted before: Node asks our lookup
 * instead of DNS. The URL's host name still gives the Host header, TLS SNI and the certificate check.
 */
export function sendRequest(
  url: URL,
  addresses: ResolvedAddress[],
  request: OutboundRequest,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(url, {
      method: request.method,
      headers: request.headers,
      lookup: pinnedLookup(addresses),
      // A fresh agent: a pooled keep-alive socket to an earlier answer for this host is never reused.
      agent: false,
      signal,
    });
    outgoing.once('response', resolve);
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * A `lookup` that answers with the vetted addresses and never asks DNS. Node asks for all of them
 * (`all: true`) when it races IPv4 and IPv6 (autoSelectFamily), otherwise for one.
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}
