import { type ChildProcess, spawn } from 'node:child_process';
import { requireProgram } from './services.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, LOOPBACK } from './processes.js';

export interface PrivateRedis {
  url: string;
  /** Kills the server at once (SIGKILL), as a crash or a node loss would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A redis-server of the test's own (the machine's binary), so a test can kill and restart it
 * without disturbing anyone else's Redis. Append-only file with fsync on every write: like a
 * production Redis that holds queues, what was acknowledged survives the restart.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  requireProgram('redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'webui-nest-redis-'));
  let child: ChildProcess | undefined;
  const url = `redis://${LOOPBACK}:${port}`;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        LOOPBACK,
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
      ],
      { stdio: 'ignore' },
    );
    await waitForPing(url);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    kill,
    start,
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server at ${url} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}
