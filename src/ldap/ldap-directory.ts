import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Injectable } from '@nestjs/common';
import type { Client, Entry, Filter } from 'ldapts';
import type { LdapServerSettings } from '../config/app-config.js';

type Ldapts = typeof import('ldapts');
let ldapts: Promise<Ldapts> | undefined;
/** The client library loads on the first directory sign-in, not at start-up (most servers never use it). */
const loadLdapts = (): Promise<Ldapts> => (ldapts ??= import('ldapts'));

/** A directory that does not answer must not hold a sign-in (or an event-loop slot) for long. */
const CONNECT_TIMEOUT_MS = 5_000;
const OPERATION_TIMEOUT_MS = 10_000;

/** Why a directory sign-in failed; the service turns each into the detail the caller sees. */
export type DirectoryFailure =
  | 'tls' // the CA file could not be read
  | 'unreachable' // no connection, or it broke
  | 'certificate' // LDAPS: the server's certificate was not trusted
  | 'app-bind' // the application DN or its password was refused
  | 'bad-config' // the search base or the admin's search filters were refused
  | 'not-found'
  | 'ambiguous' // more than one entry has that user name
  | 'no-email'
  | 'bad-password';

export class DirectorySignInError extends Error {
  constructor(
    readonly failure: DirectoryFailure,
    cause?: unknown,
  ) {
    super(`LDAP sign-in failed: ${failure}${cause instanceof Error ? ` (${cause.message})` : ''}`, { cause });
  }
}

/** The entry a user signed in as. */
export interface DirectoryUser {
  dn: string;
  email: string;
  /** `cn`, or the user name when the entry has none. */
  name: string;
  /** CNs of the groups the entry lists (empty unless a group attribute was asked for). */
  groupNames: string[];
}

/**
 * One sign-in against the directory, as Open WebUI does it: bind as the application DN, find the one
 * entry whose user-name attribute equals the given name (and that matches the admin's filters), then
 * bind as that entry with the given password. The name travels as an equality assertion's raw value,
 * so filter syntax in it (`*)(uid=*`) is only ever compared, never parsed.
 */
@Injectable()
export class LdapDirectory {
  async authenticate(
    server: LdapServerSettings,
    username: string,
    password: string,
    groupAttribute: string | null,
  ): Promise<DirectoryUser> {
    // An empty password would be an unauthenticated bind, which directories answer with success.
    if (password === '') throw new DirectorySignInError('bad-password');
    const lib = await loadLdapts();
    const client = new lib.Client({
      url: directoryUrl(server),
      connectTimeout: CONNECT_TIMEOUT_MS,
      timeout: OPERATION_TIMEOUT_MS,
      tlsOptions: server.use_tls ? await tlsOptions(server) : undefined,
    });
    try {
      await bindApplication(lib, client, server);
      const entry = await findUser(lib, client, server, username, groupAttribute);
      const email = values(entry, server.attribute_for_mail)[0]?.toLowerCase();
      if (!email) throw new DirectorySignInError('no-email');
      try {
        await client.bind(entry.dn, password);
      } catch (error) {
        throw new DirectorySignInError(
          error instanceof lib.ResultCodeError ? 'bad-password' : connectionFailure(error),
          error,
        );
      }
      return {
        dn: entry.dn,
        email,
        name: values(entry, 'cn')[0] ?? username,
        groupNames: groupAttribute ? values(entry, groupAttribute).flatMap((dn) => groupName(dn) ?? []) : [],
      };
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

function directoryUrl(server: LdapServerSettings): string {
  const host = isIP(server.host) === 6 ? `[${server.host}]` : server.host;
  const port = server.port ?? (server.use_tls ? 636 : 389);
  return `${server.use_tls ? 'ldaps' : 'ldap'}://${host}:${port}`;
}

/** LDAP_USE_TLS means LDAPS (TLS from the first byte), as upstream's `use_ssl`. */
async function tlsOptions(server: LdapServerSettings): Promise<ConnectionOptions> {
  let ca: Buffer | undefined;
  try {
    ca = server.ca_cert_file ? await readFile(server.ca_cert_file) : undefined;
  } catch (error) {
    throw new DirectorySignInError('tls', error);
  }
  return {
    ca,
    rejectUnauthorized: server.validate_cert,
    // "ALL" (upstream's default) asks for no restriction: Node's own list, which leaves out broken ciphers.
    ciphers: server.ciphers && server.ciphers !== 'ALL' ? server.ciphers : undefined,
    servername: isIP(server.host) ? undefined : server.host,
  };
}

async function bindApplication(lib: Ldapts, client: Client, server: LdapServerSettings): Promise<void> {
  // Upstream binds anonymously when no application DN is set.
  if (!server.app_dn) return;
  try {
    await client.bind(server.app_dn, server.app_password);
  } catch (error) {
    throw new DirectorySignInError(error instanceof lib.ResultCodeError ? 'app-bind' : connectionFailure(error), error);
  }
}

async function findUser(
  lib: Ldapts,
  client: Client,
  server: LdapServerSettings,
  username: string,
  groupAttribute: string | null,
): Promise<Entry> {
  const attributes = [server.attribute_for_username, server.attribute_for_mail, 'cn'];
  if (groupAttribute) attributes.push(groupAttribute);
  let entries: Entry[];
  try {
    const { searchEntries } = await client.search(server.users_dn, {
      scope: 'sub',
      filter: userFilter(lib, server, username.toLowerCase()),
      attributes,
      sizeLimit: 2,
    });
    entries = searchEntries;
  } catch (error) {
    if (error instanceof lib.SizeLimitExceededError) throw new DirectorySignInError('ambiguous', error);
    if (error instanceof DirectorySignInError) throw error;
    throw new DirectorySignInError(
      error instanceof lib.ResultCodeError ? 'bad-config' : connectionFailure(error),
      error,
    );
  }
  if (entries.length === 0) throw new DirectorySignInError('not-found');
  // Signing in as whichever of two entries came first would be a guess.
  if (entries.length > 1) throw new DirectorySignInError('ambiguous');
  const entry = entries[0];
  // Upstream's last check: the entry's user name is the one asked for (a directory may match loosely).
  if (!values(entry, server.attribute_for_username).some((name) => name.toLowerCase() === username.toLowerCase())) {
    throw new DirectorySignInError('not-found');
  }
  return entry;
}

/** Node's codes for a certificate it would not trust (self-signed, unknown issuer, expired, wrong name). */
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function connectionFailure(error: unknown): DirectoryFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CERTIFICATE_CODES.test(code) ? 'certificate' : 'unreachable';
}

/** `(&(<user-name attribute>=<name>)<admin's filters>)`, the name never parsed as filter text. */
function userFilter(lib: Ldapts, server: LdapServerSettings, username: string): Filter {
  const byName = new lib.EqualityFilter({ attribute: server.attribute_for_username, value: username });
  const extra = server.search_filter.trim();
  if (!extra) return byName;
  let adminFilters: Filter;
  try {
    adminFilters = lib.FilterParser.parseString(`(&${extra})`);
  } catch (error) {
    throw new DirectorySignInError('bad-config', error);
  }
  return new lib.AndFilter({ filters: [byName, adminFilters] });
}

/** An attribute's values as text; attribute names compare without case, as LDAP compares them. */
function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined || key === 'dn' ? undefined : entry[key];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item)).filter((item) => item !== '');
}

/** The CN of a group DN (`cn=chat,ou=groups,…` → `chat`), as upstream names synced groups. */
function groupName(dn: string): string | undefined {
  for (const rdn of dn.split(/(?<!\\),/)) {
    const match = /^\s*cn\s*=\s*(.*?)\s*$/i.exec(rdn);
    if (match) return unescapeDnValue(match[1]) || undefined;
  }
  return undefined;
}

/** RFC 4514 escapes: `\,` stands for `,`, and `\c3\a9` for the UTF-8 bytes of `é`. */
function unescapeDnValue(value: string): string {
  return value.replace(/((?:\\[0-9a-f]{2})+)|\\(.)/gi, (_, hex?: string, char?: string) =>
    hex ? Buffer.from(hex.replace(/\\/g, ''), 'hex').toString('utf8') : (char ?? ''),
  );
}
