import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type IPAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** NAT64's well-known prefix (RFC 6052): behind DNS64, a public IPv4 site resolves into it. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
/** IANA's global unicast block: every other IPv6 block is special-purpose or unassigned. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** Which addresses a request may reach: the public internet, plus what the caller lets through. */
export interface AddressPolicy {
  /** ENABLE_RAG_LOCAL_WEB_FETCH: every address may be reached. */
  allowPrivate: boolean;
  /** Addresses (normalized, see `normalizeAddress`) treated as public, e.g. a test server's. */
  trustedAddresses: ReadonlySet<string>;
}

export function addressPolicy(allowPrivate = false, trustedAddresses: readonly string[] = []): AddressPolicy {
  const trusted = trustedAddresses.map((address) => normalizeAddress(address) ?? address);
  return { allowPrivate, trustedAddresses: new Set(trusted) };
}

export function isAllowedAddress(address: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivate) return true;
  const parsed = parseAddress(address);
  return parsed !== undefined && (policy.trustedAddresses.has(parsed.toNormalizedString()) || isPublic(parsed));
}

/**
 * Whether an address is globally routable unicast. Everything with a special purpose is not:
 * loopback, unspecified, private, link-local (cloud metadata's 169.254.169.254), CGNAT (Alibaba's
 * metadata 100.100.100.200), unique-local (AWS's fd00:ec2::254), multicast, broadcast, reserved and
 * documentation ranges, IPv6 outside 2000::/3 (IPv4-compatible `::a.b.c.d` among them), and IPv6
 * tunnelling forms (6to4, Teredo) whose far end cannot be judged.
 * IPv4-mapped and NAT64 addresses are judged by the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address);
  return parsed !== undefined && isPublic(parsed);
}

function isPublic(address: IPAddress): boolean {
  if (address instanceof ipaddr.IPv4) return address.range() === 'unicast';
  if (address.isIPv4MappedAddress() || address.match(NAT64_WELL_KNOWN)) return isPublic(embeddedIPv4(address));
  return address.match(GLOBAL_UNICAST) && address.range() === 'unicast';
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
const embeddedIPv4 = (address: ipaddr.IPv6) => new ipaddr.IPv4(address.toByteArray().slice(12));

/** One spelling per address (`::ffff:7f00:1` and `::ffff:127.0.0.1` alike), or undefined for a non-address. */
export function normalizeAddress(address: string): string | undefined {
  return parseAddress(address)?.toNormalizedString();
}

/** Strict parsing: only the dotted-quad IPv4 form (what DNS and the URL parser produce) and IPv6. */
function parseAddress(address: string): IPAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  const hex = hexIPv6(address);
  return hex === undefined ? undefined : ipaddr.IPv6.parse(hex);
}

/**
 * An IPv6 address in hex groups only, as the URL parser writes it. ipaddr.js would read
 * `::a.b.c.d` as `::ffff:a.b.c.d` (IPv4-mapped), which is not where the kernel connects.
 */
function hexIPv6(address: string): string | undefined {
  const asHost = `http://[${address}]/`;
  if (isIP(address) !== 6 || !URL.canParse(asHost)) return undefined;
  return new URL(asHost).hostname.slice(1, -1);
}
