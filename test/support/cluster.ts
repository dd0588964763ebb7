import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireRedis } from './services.js';
import { createTestDatabase } from './database.js';
import { HttpClient } from './http.js';
import { freePort, LOOPBACK, startServer, stopServer, waitForHealth, type ServerProcess } from './processes.js';

/** Multi-instance suites always run on real PostgreSQL and Redis (CI starts both). */
export const CLUSTER_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const CLUSTER_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

const SERVER_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/main.js');

export interface Instance {
  name: string;
  url: string;
  port: number;
  http: HttpClient;
  server: ServerProcess;
  /** Kills the process at once (no graceful shutdown): an instance that dies. */
  kill(): Promise<void>;
}

export interface Cluster {
  instances: Instance[];
  /** Redis key prefix the instances share. */
  prefix: string;
  /**
   * One more instance on the same database and Redis (stopped by `close`): `env` overrides, e.g. another
   * REDIS_KEY_PREFIX for a second deployment sharing the Redis.
   */
  spawn(name: string, env?: Record<string, string>): Promise<Instance>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Environment of the i-th instance only (0-based), over the shared `env`. */
  perInstance?: (index: number) => Record<string, string>;
}

/**
 * Separate server processes (the built `dist/src/main.js`) sharing one fresh PostgreSQL database
 * and one Redis key prefix: what two replicas behind a load balancer are.
 */
export async function startCluster(
  count: number,
  env: Record<string, string> = {},
  { perInstance = () => ({}) }: ClusterOptions = {},
): Promise<Cluster> {
  await requireRedis(CLUSTER_REDIS_URL);
  const database = await createTestDatabase(CLUSTER_DATABASE_URL);
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  const dataDirs: string[] = [];
  const instances: Instance[] = [];
  const spawned: Instance[] = [];
  const close = async () => {
    await Promise.all([...instances, ...spawned].map((instance) => stopServer(instance.server)));
    await database.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  const start = async (name: string, own: Record<string, string>): Promise<Instance> => {
    const dataDir = mkdtempSync(join(tmpdir(), `webui-nest-cluster-${name}-`));
    dataDirs.push(dataDir);
    const port = await freePort();
    const server = startServer(`instance ${name}`, SERVER_ENTRY, port, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: LOOPBACK,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: database.env.DATABASE_URL,
      REDIS_URL: CLUSTER_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      WEBUI_SECRET_KEY: 'cluster-test-secret',
      LOG_LEVEL: 'warn',
      BCRYPT_ROUNDS: '4',
      ...env,
      ...own,
    });
    await waitForHealth(server);
    return {
      name,
      url: server.baseUrl,
      port,
      http: new HttpClient(server.baseUrl),
      server,
      kill: async () => {
        if (server.child.exitCode !== null || server.child.signalCode !== null) return;
        const exited = new Promise<void>((done) => server.child.once('exit', () => done()));
        server.child.kill('SIGKILL');
        await exited;
      },
    };
  };
  try {
    // One after the other: the first runs the migrations (the second would wait on the lock anyway).
    for (let i = 0; i < count; i += 1) instances.push(await start(String.fromCharCode(65 + i), perInstance(i)));
  } catch (error) {
    await close();
    throw error;
  }
  const spawn = async (name: string, own: Record<string, string> = {}) => {
    const instance = await start(name, own);
    spawned.push(instance);
    return instance;
  };
  return { instances, prefix, spawn, close };
}
