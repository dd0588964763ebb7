// Baseline for the auth benchmark: bare node:http doing only the core work of webui-nest's sign-in
// and session routes (bcrypt, HS256 tokens through the minimal node:crypto signer beside it, better-sqlite3 lookups), so the difference measured is
// the framework and feature overhead (Nest, Express, validation, guards, permissions, cookies).
//
// Env: PORT, DB_PATH, BCRYPT_ROUNDS, WEBUI_SECRET_KEY, SEED_EMAIL, SEED_PASSWORD, SEED_NAME.
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import bcrypt from 'bcrypt';
import type { UserResponseDto } from '../../src/auth/dto/auth.dto.js';
import { signHs256, verifyHs256 } from './hs256-jwt.js';
import { publicUser } from '../../src/auth/public-user.js';

// better-sqlite3 ships no types and the project has no @types package for it; this is the part we use.
interface Statement {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): unknown;
}
interface Database {
  pragma(sql: string): unknown;
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
}
const require = createRequire(import.meta.url);
const openDatabase = require('better-sqlite3') as new (path: string) => Database;

/** The user columns read here are the fields of a public user. */
type UserRow = UserResponseDto;

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const port = Number(env('PORT'));
const rounds = Number(env('BCRYPT_ROUNDS'));
const secret = createSecretKey(Buffer.from(env('WEBUI_SECRET_KEY'), 'utf8'));
const TOKEN_LIFETIME_SECONDS = 28 * 86400; // webui-nest's default JWT_EXPIRES_IN=4w
const MAX_BODY_BYTES = 1 << 20;

// Same table shapes (the columns read here) and pragmas as webui-nest's SQLite setup.
const db = new openDatabase(env('DB_PATH'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS user (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, email VARCHAR NOT NULL,
  role VARCHAR NOT NULL, profile_image_url TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS auth (id VARCHAR PRIMARY KEY, email VARCHAR NOT NULL, password TEXT NOT NULL,
  active BOOLEAN NOT NULL)`);
const findCredential = db.prepare('SELECT id, password FROM auth WHERE email = ? AND active = 1');
const findUser = db.prepare('SELECT id, email, name, role, profile_image_url FROM user WHERE id = ?');

// bcrypt reads at most 72 bytes; webui-nest truncates the same way before hashing/comparing.
const truncate = (password: string) => Buffer.from(password, 'utf8').subarray(0, 72);

function seed(): void {
  const id = randomUUID();
  const email = env('SEED_EMAIL').toLowerCase();
  db.prepare('INSERT INTO user (id, name, email, role, profile_image_url) VALUES (?, ?, ?, ?, ?)').run(
    id,
    env('SEED_NAME'),
    email,
    'admin',
    '/user.png',
  );
  const hash = bcrypt.hashSync(truncate(env('SEED_PASSWORD')), rounds);
  db.prepare('INSERT INTO auth (id, email, password, active) VALUES (?, ?, ?, 1)').run(id, email, hash);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function signin(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const { email, password } = (body ?? {}) as { email?: unknown; password?: unknown };
  if (typeof email !== 'string' || typeof password !== 'string') return send(res, 422, { detail: 'invalid body' });
  const credential = findCredential.get(email.trim().toLowerCase()) as { id: string; password: string } | undefined;
  const valid = credential ? await bcrypt.compare(truncate(password), credential.password) : false;
  const user = valid && credential ? (findUser.get(credential.id) as UserRow | undefined) : undefined;
  if (!user) return send(res, 400, { detail: 'The email or password provided is incorrect.' });
  const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS;
  const token = signHs256({ id: user.id, jti: randomUUID(), exp: expiresAt }, secret);
  send(res, 200, { token, token_type: 'Bearer', expires_at: expiresAt, ...publicUser(user) });
}

function session(req: IncomingMessage, res: ServerResponse): void {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!match) return send(res, 401, { detail: 'Not authenticated' });
  const claims = verifyHs256(match[1], secret, Math.floor(Date.now() / 1000));
  if (!claims) return send(res, 401, { detail: 'Invalid token' });
  const user = typeof claims.id === 'string' ? (findUser.get(claims.id) as UserRow | undefined) : undefined;
  if (!user) return send(res, 401, { detail: 'Invalid token' });
  send(res, 200, { token: match[1], token_type: 'Bearer', expires_at: claims.exp ?? null, ...publicUser(user) });
}

seed();
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  let handled: Promise<void> | void;
  if (req.method === 'GET' && path === '/health') handled = send(res, 200, { status: true });
  else if (req.method === 'POST' && path === '/api/v1/auths/signin') handled = signin(req, res);
  else if (req.method === 'GET' && (path === '/api/v1/auths/' || path === '/api/v1/auths')) handled = session(req, res);
  else handled = send(res, 404, { detail: 'Not Found' });
  Promise.resolve(handled).catch((error: unknown) => {
    if (!res.headersSent) send(res, error instanceof SyntaxError ? 400 : 500, { detail: String(error) });
    else res.destroy();
  });
});
// Same keep-alive setting as webui-nest's main.ts.
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
