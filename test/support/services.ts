import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';

/** How long a suite waits for a service it needs before failing with one clear line. */
const CONNECT_TIMEOUT_MS = 5_000;
const checked = new Map<string, Promise<void>>();

/** Once per process and URL: Redis answers PING, or the suite fails saying what to start. */
export function requireRedis(url: string): Promise<void> {
  return once(`redis ${url}`, async () => {
    const { hostname, port } = new URL(url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
      const fail = (reason: string) => {
        socket.destroy();
        reject(new Error(reason));
      };
      socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
      socket.once('error', (error) => fail(error.message));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.end();
        resolve(data.toString());
      });
    }).catch((error: Error) => {
      throw new Error(`This suite needs Redis at ${url} (start redis-server, or set TEST_REDIS_URL): ${error.message}`);
    });
    // A password-protected Redis answers NOAUTH: reachable, and the app's own error will say the rest.
    if (!reply.startsWith('+PONG') && !reply.includes('NOAUTH')) {
      throw new Error(`This suite needs Redis at ${url}: it answered ${JSON.stringify(reply.trim())}`);
    }
  });
}

/** Once per process and URL: PostgreSQL accepts a connection, or the suite fails saying what to start. */
export function requirePostgres(url: string): Promise<void> {
  return once(`postgres ${url}`, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    try {
      await client.connect();
    } catch (error) {
      const where = url.replace(/\/\/[^@/]*@/, '//');
      throw new Error(
        `This suite needs PostgreSQL at ${where} (start it, or set TEST_DATABASE_URL): ${(error as Error).message}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/** A program the suite runs (redis-server, chromium), found on PATH or at `path`. */
export function requireProgram(name: string, path?: string): void {
  const found = path
    ? existsSync(path)
    : (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${name}`));
  if (!found)
    throw new Error(`This suite needs ${name}${path ? ` at ${path}` : ' on PATH'} (apt-get install -y ${name})`);
}

function once(key: string, check: () => Promise<void>): Promise<void> {
  let pending = checked.get(key);
  if (!pending) {
    pending = check();
    checked.set(key, pending);
  }
  return pending;
}
