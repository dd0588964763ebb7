import { Injectable } from '@nestjs/common';
import type { JsonWebKey } from 'node:crypto';

/** The keys of an OpenID configuration document this app uses. */
export interface OidcMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  id_token_signing_alg_values_supported?: string[];
}

export type Jwk = JsonWebKey & { kid?: string; alg?: string; use?: string };

const METADATA_TTL_MS = 60 * 60_000;
/** A key set is refetched at most this often when a token names a key it lacks (rotation). */
const JWKS_REFRESH_MIN_MS = 30_000;
const FETCH_TIMEOUT_MS = 10_000;

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/**
 * OpenID provider metadata and signing keys, fetched from the provider and kept a while: every
 * instance reads them itself (they are public), so nothing about them needs sharing.
 */
@Injectable()
export class OidcDiscoveryService {
  private readonly metadata = new Map<string, { value: Promise<OidcMetadata>; until: number }>();
  private readonly keySets = new Map<string, { keys: Promise<Jwk[]>; fetchedAt: number }>();

  metadataFor(discoveryUrl: string): Promise<OidcMetadata> {
    const cached = this.metadata.get(discoveryUrl);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = fetchJson(discoveryUrl).then((document) => {
      const metadata = document as Partial<OidcMetadata>;
      for (const key of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof metadata[key] !== 'string') throw new Error(`The OpenID configuration lacks ${key}`);
      }
      return metadata as OidcMetadata;
    });
    // A failed fetch is not kept: the next sign-in asks again.
    value.catch(() => this.metadata.delete(discoveryUrl));
    this.metadata.set(discoveryUrl, { value, until: Date.now() + METADATA_TTL_MS });
    return value;
  }

  /** The key a token names (by `kid`, else the only signing key); refetches the set once for an unknown one. */
  async signingKey(jwksUri: string, kid: string | undefined): Promise<Jwk | undefined> {
    const find = (keys: Jwk[]) => {
      const signing = keys.filter((key) => key.use === undefined || key.use === 'sig');
      return kid === undefined ? (signing.length === 1 ? signing[0] : undefined) : signing.find((k) => k.kid === kid);
    };
    const cached = this.keySets.get(jwksUri);
    if (cached) {
      const found = find(await cached.keys.catch(() => []));
      if (found || Date.now() - cached.fetchedAt < JWKS_REFRESH_MIN_MS) return found;
    }
    const keys = fetchJson(jwksUri).then((document) => {
      const list = (document as { keys?: unknown }).keys;
      if (!Array.isArray(list)) throw new Error('The JWKS document has no keys');
      return list as Jwk[];
    });
    this.keySets.set(jwksUri, { keys, fetchedAt: Date.now() });
    return find(await keys);
  }
}
