import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, LOOPBACK } from './processes.js';
import { requireProgram } from './services.js';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

export const LDAP_BASE = 'dc=example,dc=com';
export const LDAP_PEOPLE = `ou=people,${LDAP_BASE}`;
export const LDAP_GROUPS = `ou=groups,${LDAP_BASE}`;
export const LDAP_APP_DN = `cn=webui,ou=services,${LDAP_BASE}`;
export const LDAP_APP_PASSWORD = 'bind-secret';

/** A directory user of the test directory; `groups` are CNs under ou=groups. */
export interface LdapPerson {
  uid: string;
  cn: string;
  mail?: string;
  password: string;
  groups?: string[];
}

/**
 * The people of the test directory. `star*` and `starling` prove the user name is escaped: read as
 * filter text, `(uid=star*)` would match both of them.
 */
export const LDAP_PEOPLE_LIST: readonly LdapPerson[] = [
  {
    uid: 'alice',
    cn: 'Alice Liddell',
    mail: 'Alice@Example.com',
    password: 'alice-pass',
    groups: ['chat', 'research'],
  },
  { uid: 'bob', cn: 'Bob Builder', mail: 'bob@example.com', password: 'bob-pass', groups: ['chat'] },
  { uid: 'carol', cn: 'Carol Danvers', mail: 'carol@example.com', password: 'carol-pass', groups: ['chat', 'ops'] },
  { uid: 'dave', cn: 'Dave Outsider', mail: 'dave@example.com', password: 'dave-pass' },
  { uid: 'nomail', cn: 'No Mail', password: 'nomail-pass', groups: ['chat'] },
  { uid: 'star*', cn: 'Star Literal', mail: 'star@example.com', password: 'star-pass', groups: ['chat'] },
  { uid: 'starling', cn: 'Starling Bird', mail: 'starling@example.com', password: 'starling-pass', groups: ['chat'] },
];

export interface TestLdapServer {
  host: string;
  /** Plain LDAP. */
  port: number;
  /** LDAPS, with a self-signed certificate for 127.0.0.1 (`caFile`). */
  tlsPort: number;
  caFile: string;
  close(): Promise<void>;
}

/**
 * A slapd of the test's own (Debian's OpenLDAP): a generated slapd.conf in a temporary folder, an
 * mdb database filled by slapadd before start (memberOf written directly, as the memberof overlay
 * keeps it on a live server), serving plain LDAP and LDAPS on free loopback ports. Fails, never skips,
 * when slapd is not installed.
 */
export async function startLdapServer(): Promise<TestLdapServer> {
  requireProgram('slapd', SLAPD);
  const dir = mkdtempSync(join(tmpdir(), 'webui-nest-slapd-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const caFile = selfSignedCertificate(dir);
  const configFile = join(dir, 'slapd.conf');
  writeFileSync(configFile, slapdConf(dir, dataDir));
  writeFileSync(join(dir, 'directory.ldif'), directoryLdif());
  const loaded = spawnSync(SLAPADD, ['-f', configFile, '-l', join(dir, 'directory.ldif')], { encoding: 'utf8' });
  if (loaded.status !== 0) throw new Error(`slapadd failed: ${loaded.stderr}`);

  const port = await freePort();
  const tlsPort = await freePort();
  const urls = `ldap://${LOOPBACK}:${port}/ ldaps://${LOOPBACK}:${tlsPort}/`;
  const child: ChildProcess = spawn(SLAPD, ['-f', configFile, '-h', urls, '-d', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, () => stderr);
    await waitForPort(tlsPort, child, () => stderr);
  } catch (error) {
    await close();
    throw error;
  }
  return { host: LOOPBACK, port, tlsPort, caFile, close };
}

/** cert.pem (also its own CA) and key.pem in `dir`, for 127.0.0.1 and localhost, valid for a day. */
function selfSignedCertificate(dir: string): string {
  const made = spawnSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make the test certificate: ${made.stderr}`);
  return join(dir, 'cert.pem');
}

function slapdConf(dir: string, dataDir: string): string {
  return [
    ...['core', 'cosine', 'inetorgperson'].map((schema) => `include ${SCHEMA_DIR}/${schema}.schema`),
    `modulepath ${MODULE_DIR}`,
    'moduleload back_mdb',
    'moduleload memberof',
    `pidfile ${join(dir, 'slapd.pid')}`,
    `TLSCertificateFile ${join(dir, 'cert.pem')}`,
    `TLSCertificateKeyFile ${join(dir, 'key.pem')}`,
    'database mdb',
    `suffix "${LDAP_BASE}"`,
    `rootdn "cn=admin,${LDAP_BASE}"`,
    `directory ${dataDir}`,
    'maxsize 10485760',
    'overlay memberof',
    // Passwords only to bind with; everything else readable by bound DNs (the app DN), nothing anonymously.
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n');
}

function directoryLdif(): string {
  const entry = (dn: string, lines: string[]) => [`dn: ${dn}`, ...lines, ''].join('\n');
  const groupDn = (cn: string) => `cn=${cn},${LDAP_GROUPS}`;
  const personDn = (uid: string) => `uid=${uid},${LDAP_PEOPLE}`;
  const groupNames = [...new Set(LDAP_PEOPLE_LIST.flatMap((person) => person.groups ?? []))];
  return [
    entry(LDAP_BASE, ['objectClass: dcObject', 'objectClass: organization', 'o: Example', 'dc: example']),
    ...['people', 'groups', 'services'].map((ou) =>
      entry(`ou=${ou},${LDAP_BASE}`, ['objectClass: organizationalUnit', `ou: ${ou}`]),
    ),
    entry(LDAP_APP_DN, [
      'objectClass: applicationProcess',
      'objectClass: simpleSecurityObject',
      'cn: webui',
      `userPassword: ${LDAP_APP_PASSWORD}`,
    ]),
    ...LDAP_PEOPLE_LIST.map((person) =>
      entry(personDn(person.uid), [
        'objectClass: inetOrgPerson',
        `uid: ${person.uid}`,
        `cn: ${person.cn}`,
        `sn: ${person.cn.split(' ').at(-1)}`,
        ...(person.mail ? [`mail: ${person.mail}`] : []),
        `userPassword: ${person.password}`,
        ...(person.groups ?? []).map((group) => `memberOf: ${groupDn(group)}`),
      ]),
    ),
    ...groupNames.map((group) =>
      entry(groupDn(group), [
        'objectClass: groupOfNames',
        `cn: ${group}`,
        ...LDAP_PEOPLE_LIST.filter((person) => person.groups?.includes(group)).map(
          (person) => `member: ${personDn(person.uid)}`,
        ),
      ]),
    ),
  ].join('\n');
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`slapd exited: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: LOOPBACK, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port}: ${stderr()}`);
    await sleep(50);
  }
}
