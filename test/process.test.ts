import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.js');

interface Server {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  startupMs: number;
}

/** Runs the built server as `npm start` does and waits until it logs the port it listens on. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', BCRYPT_ROUNDS: '12', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 15 s')), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.msg === 'listening') {
          clearTimeout(timer);
          resolve(parsed.port as number);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/health`);
  assert.equal(health.status, 200);
  return { child, url, lines, startupMs: performance.now() - started };
}

describe('the server process', () => {
  const databases: TestDatabase[] = [];
  after(async () => {
    for (const database of databases) await database.drop();
  });

  it('starts with no other service, logs JSON with request ids, and reports its start-up time', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const server = await startServer({ ...database.env, LOG_LEVEL: 'info' });
    try {
      console.log(
        `# start-up to first /health 200: ${server.startupMs.toFixed(0)} ms (${database.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`,
      );
      assert.ok(server.startupMs < 15_000);
      const response = await fetch(`${server.url}/api/version`, { headers: { 'x-request-id': 'req-abc' } });
      assert.equal(response.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const logged = server.lines.find((line) => line.msg === 'request' && line.reqId === 'req-abc');
      assert.ok(logged, 'a JSON request log line with the request id');
      assert.equal(logged.status, 200);
      assert.equal(logged.path, '/api/version');
      assert.equal(typeof logged.ms, 'number');
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const server = await startServer({ ...database.env, LOG_LEVEL: 'info' });
    const signup = await fetch(`${server.url}/api/v1/auths/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'A', email: 'a@example.com', password: 'pw' }),
    });
    assert.equal(signup.status, 200);
    // A sign-in spends ~200 ms in bcrypt (12 rounds): SIGTERM arrives while it is in flight.
    const inFlight = fetch(`${server.url}/api/v1/auths/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'pw' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { token?: string }).token);
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });

  it('refuses to start with bad configuration, naming each bad variable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: 'eighty',
        JWT_EXPIRES_IN: 'soon',
        DATA_DIR: '/tmp/webui-nest-bad-config',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 78);
    assert.match(stderr, /PORT/);
    assert.match(stderr, /JWT_EXPIRES_IN/);
  });

  it('exits 1 with one clear line when its port is taken', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH ?? '', ...database.env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 1);
      assert.equal(stderr, `webui-nest: cannot listen on 127.0.0.1:${port}: address already in use\n`);
    } finally {
      taken.close();
    }
  });
});
