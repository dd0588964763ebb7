import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { outboundErrors } from './outbound-error.js';
import { type AddressPolicy, isAllowedAddress } from './public-address.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (A and AAAA). Injectable so tests can play DNS. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * The addresses a request to `url` may connect to, each one vetted: the host is refused if ANY of
 * its addresses is not allowed, since the connection could go to any of them. The request then
 * connects only to these (see `pinnedLookup`), so a second DNS answer can never swap in another.
 */
export async function resolveAllowedHost(
  url: URL,
  resolver: HostResolver,
  policy: AddressPolicy,
): Promise<ResolvedAddress[]> {
  const addresses = await resolveHost(hostOf(url), resolver);
  if (!addresses.every(({ address }) => isAllowedAddress(address, policy))) throw outboundErrors.forbiddenAddress();
  return addresses;
}

/** The host as a name or a bare address: the URL parser has already normalized IPv4 spellings. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

async function resolveHost(host: string, resolver: HostResolver): Promise<ResolvedAddress[]> {
  const literal = isIP(host);
  if (literal !== 0) return [{ address: host, family: literal === 6 ? 6 : 4 }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(host);
  } catch (error) {
    throw outboundErrors.unresolvable(error);
  }
  if (addresses.length === 0 || addresses.some(({ address }) => isIP(address) === 0)) {
    throw outboundErrors.unresolvable();
  }
  return addresses;
}
