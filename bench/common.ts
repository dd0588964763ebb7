// Pieces every benchmark shares: where the built server and the results live, bounded integer
// settings from the environment, and a main runner that never leaves child processes behind.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  killAllNow,
  LOOPBACK,
  startServer,
  stopServer,
  waitForHealth,
  type ServerProcess,
} from '../test/support/processes.js';

// From this file's location (<out>/bench/common.js), not the cwd, so a bench runs from dist/ or a
// scratch build dir; <out> sits directly in the repository root.
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRY = resolve(process.env.BENCH_SERVER_ENTRY ?? join(outDir, 'src/main.js'));
/** Node flags for the server under test only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
export const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
export const RESULTS_DIR = resolve(process.env.BENCH_RESULTS_DIR ?? join(outDir, '..', 'bench/results'));

export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer in [${min}, ${max}] (got ${raw})`);
  }
  return value;
}

/**
 * Runs `main`. However the run ends (normally, by an error, or SIGINT/SIGTERM), the servers it
 * started are killed and `removeScratch` (a `scratchDir`'s `remove`) runs, so children and data dirs
 * never outlive it. After a normal run the kill is a no-op: `main` stopped its servers gracefully.
 */
export function runMain(main: () => Promise<void>, removeScratch: () => void = () => undefined): void {
  const cleanup = () => {
    killAllNow();
    removeScratch();
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

/** A minimal env for a server under test (no inherited DATABASE_URL, REDIS_URL etc.): SQLite, in-memory store. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'UV_THREADPOOL_SIZE'] as const;
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, ...extra };
}

/**
 * Starts a server under test on a free loopback port (PORT and HOST added to `childEnv(env)`) and
 * waits until its /health answers; stops it again if it never does. `prefix` and `nodeArgs` as for
 * `startServer`.
 */
export async function launchServer(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: { prefix?: string[]; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const childEnvironment = childEnv({ ...env, PORT: String(port), HOST: LOOPBACK });
  const server = startServer(name, entry, port, childEnvironment, options.prefix, options.nodeArgs);
  try {
    await waitForHealth(server);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

/** POSTs `body` as JSON and returns the answer's `token` (signup, sign-in); throws with the answer otherwise. */
export async function postForToken(url: string, body: unknown): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown }).token;
  } catch {
    // Not JSON: reported below with the raw body.
  }
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`POST ${url} -> ${res.status} ${text}`);
  return token;
}

/**
 * Splits the machine's CPUs between the load generator (this process) and the server under test:
 * this process keeps CPU 0, the server gets the rest. Without it, on a small machine the server and
 * the mock provider + client fight for the same cores, and a proxy's throughput ratio measures
 * that fight rather than the proxy. Returns the command prefix for the server, or [] when the
 * split is off (BENCH_PIN_CPUS=0), impossible (one CPU) or taskset is missing.
 */
export function pinLoadGenerator(): string[] {
  const count = cpus().length;
  if (process.env.BENCH_PIN_CPUS === '0' || count < 2) return [];
  try {
    execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return [];
  }
  return ['taskset', '-c', count === 2 ? '1' : `1-${count - 1}`];
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** a / b, or null instead of Infinity/NaN when the baseline is 0 (e.g. no successful requests). */
export const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : null);

/** Writes a run's figures to RESULTS_DIR/<bench>-<timestamp>.json and returns the path. */
export function writeResults(bench: string, content: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${bench}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

/** A fresh temporary directory (data dirs of the servers under test) and its removal. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `webui-nest-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
