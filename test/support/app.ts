import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { type AppConfig } from '../../src/config/app-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/common/logger.js';
import { requireRedis } from './services.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { HttpClient } from './http.js';

export interface TestApp {
  url: string;
  config: AppConfig;
  http: HttpClient;
  nest: NestExpressApplication;
  dataSource: DataSource;
  /** Stops the server; the database is kept so `restart` can reopen it. */
  stop(): Promise<void>;
  /** A new process-equivalent on the same database and data dir (env changes allowed). */
  restart(env?: Record<string, string>): Promise<TestApp>;
  /** A second instance on the same database (and the same Redis prefix when `env` repeats it). */
  peer(env?: Record<string, string>): Promise<TestApp>;
  /** Stops and drops the database. */
  close(): Promise<void>;
}

/** Anything with an HTTP client: an in-process app or an instance of a cluster. */
export type Reachable = Pick<TestApp, 'http'>;

const BASE_ENV = {
  WEBUI_SECRET_KEY: 'test-secret-key-for-webui-nest',
  LOG_LEVEL: 'silent',
  // Fast hashes keep the suite quick; production default is 12.
  BCRYPT_ROUNDS: '4',
};

/** Starts the real app on a loopback port with its own fresh database. */
export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  return boot(database, env);
}

/**
 * TEST_VECTOR_DB is passed on as VECTOR_DB: `chroma` makes the PostgreSQL suite rank vectors in-process
 * on a server that has pgvector (CI runs the vector tests both ways).
 */
const vectorEnv = (): Record<string, string> =>
  process.env.TEST_VECTOR_DB ? { VECTOR_DB: process.env.TEST_VECTOR_DB } : {};

/** With TEST_REDIS_URL set, every app uses Redis, under a key prefix of its own. */
const redisEnv = (): Record<string, string> =>
  process.env.TEST_REDIS_URL
    ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}` }
    : {};

async function boot(database: TestDatabase, env: Record<string, string>): Promise<TestApp> {
  const merged: Record<string, string> = { ...BASE_ENV, ...redisEnv(), ...vectorEnv(), ...database.env, ...env };
  // Without this, an app retries an absent Redis until the test times out.
  if (merged.REDIS_URL) await requireRedis(merged.REDIS_URL);
  const config = loadConfig(merged);
  const nest = await createApp(config, createLogger(config.logLevel));
  await nest.listen(0, '127.0.0.1');
  const address = nest.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const app: TestApp = {
    url,
    config,
    nest,
    http: new HttpClient(url),
    dataSource: nest.get(DataSource),
    stop: () => nest.close(),
    restart: async (nextEnv = env) => {
      await nest.close();
      return boot(database, nextEnv);
    },
    peer: (peerEnv = env) => boot({ ...database, drop: () => Promise.resolve() }, peerEnv),
    close: async () => {
      await nest.close();
      await database.drop();
    },
  };
  return app;
}

/**
 * Starts an app (with `env`, or as `start` makes it, e.g. a peer), runs `use` on it, and closes it
 * (dropping its own database) however `use` ends.
 */
export async function withApp<T>(
  start: Record<string, string> | (() => Promise<TestApp>),
  use: (app: TestApp) => Promise<T>,
): Promise<T> {
  const app = await (typeof start === 'function' ? start() : startApp(start));
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}
