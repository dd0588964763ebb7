// Auth benchmark: webui-nest's sign-in and session routes against a bare node:http baseline doing
// the same core work. Run after a build: `npm run bench:auth` (node dist/bench/auth/run.js).
//
// Env: BENCH_DURATION (measured s per scenario and server, default 10), BENCH_ROUNDS (default 2),
// BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 20),
// BENCH_SERVER_ENTRY (default <out>/src/main.js), BENCH_RESULTS_DIR (default <repo>/bench/results).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  freePort,
  killAllNow,
  LOOPBACK,
  startServer,
  stopServer,
  waitForHealth,
  type ServerProcess,
} from '../../test/support/processes.js';
import { intEnv, RESULTS_DIR, runMain, SERVER_ENTRY } from '../common.js';

// The baseline server sits beside this file in the build output.
const here = dirname(fileURLToPath(import.meta.url));
const BASELINE_ENTRY = join(here, 'baseline-server.js');

// Rounds are fixed (not inherited) so runs compare; 10 keeps sign-in measurable in seconds.
const BCRYPT_ROUNDS = 10;
const ACCOUNT = { name: 'Bench Admin', email: 'bench@example.com', password: 'Bench-Passw0rd!' };

const DURATION = intEnv('BENCH_DURATION', 10, 1, 300);
const WARMUP = intEnv('BENCH_WARMUP', 2, 0, 60);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 20, 1, 256);
const ROUNDS = intEnv('BENCH_ROUNDS', 2, 1, 20);

type ServerName = 'webui-nest' | 'baseline';
/** `health` is the floor: the framework and middleware alone, no auth work. */
type ScenarioName = 'health' | 'signin' | 'session';
const SCENARIOS: readonly ScenarioName[] = ['health', 'signin', 'session'];

interface Row {
  scenario: ScenarioName;
  server: ServerName;
  /** Successful (2xx) responses per second, so error responses cannot inflate throughput. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function scenarios(token: string): Record<ScenarioName, Request> {
  return {
    health: { method: 'GET', path: '/health', headers: {} },
    signin: {
      method: 'POST',
      path: '/api/v1/auths/signin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ACCOUNT.email, password: ACCOUNT.password }),
    },
    session: { method: 'GET', path: '/api/v1/auths/', headers: { authorization: `Bearer ${token}` } },
  };
}

interface Target {
  name: ServerName;
  server: ServerProcess;
  requests: Record<ScenarioName, Request>;
}

interface LoadRun {
  result: autocannon.Result;
  /** 2xx latencies in ms. Kept here because autocannon's histogram rounds to whole ms, too coarse for session. */
  latencies: number[];
}

function load(baseUrl: string, request: Request, seconds: number): Promise<LoadRun> {
  const url = new URL(request.path, baseUrl);
  if (url.hostname !== LOOPBACK) throw new Error(`refusing non-loopback target ${url.href}`);
  const { method, headers, body } = request;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const options = { url: url.href, method, headers, body, connections: CONNECTIONS, duration: seconds };
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
      else resolve({ result, latencies });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Totals for one server and scenario, summed over rounds. */
interface Tally {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencies: number[];
}

function toRow(scenario: ScenarioName, server: ServerName, t: Tally): Row {
  const sorted = t.latencies.sort((a, b) => a - b);
  return {
    scenario,
    server,
    reqPerSec: t.ok / t.seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    ok: t.ok,
    non2xx: t.non2xx,
    errors: t.errors,
    timeouts: t.timeouts,
  };
}

/**
 * Runs one scenario on every target. The measured time is cut into rounds that alternate between
 * servers, so background load on a shared machine hits both sides alike instead of skewing the ratio.
 */
async function measure(scenario: ScenarioName, targets: Target[]): Promise<Row[]> {
  // An unrecorded run first so JIT warm-up and lazy initialisation do not count.
  for (const { server, requests } of targets) if (WARMUP > 0) await load(server.baseUrl, requests[scenario], WARMUP);
  const tallies = targets.map((): Tally => ({ seconds: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, latencies: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { server, requests }] of targets.entries()) {
      const { result, latencies } = await load(server.baseUrl, requests[scenario], DURATION / ROUNDS);
      const t = tallies[i];
      t.seconds += result.duration;
      t.ok += result['2xx'];
      t.non2xx += result.non2xx;
      t.errors += result.errors;
      t.timeouts += result.timeouts;
      for (const ms of latencies) t.latencies.push(ms);
    }
  }
  return targets.map(({ name }, i) => toRow(scenario, name, tallies[i]));
}

async function postJson(url: string, body: unknown): Promise<{ token: string }> {
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
  return { token };
}

/** A minimal env (no inherited DATABASE_URL/REDIS_URL etc.) so every run is SQLite + in-memory store. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'UV_THREADPOOL_SIZE'] as const;
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, ...extra };
}

async function launch(name: ServerName, entry: string, env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const server = startServer(name, entry, port, childEnv({ ...env, PORT: String(port) }));
  await waitForHealth(server);
  // webui-nest starts empty: the first signup becomes admin. The baseline seeds the account itself.
  if (name === 'webui-nest') await postJson(`${server.baseUrl}/api/v1/auths/signup`, ACCOUNT);
  // One real sign-in checks the credentials work and gives the token for the session scenario.
  const { token } = await postJson(`${server.baseUrl}/api/v1/auths/signin`, ACCOUNT);
  return { name, server, requests: scenarios(token) };
}

const fmt = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
// null instead of Infinity/NaN when the baseline value is 0 (e.g. no successful requests).
const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : null);

function printTable(
  rows: Row[],
): { scenario: ScenarioName; reqPerSec: number | null; p50: number | null; p99: number | null }[] {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i < 2 ? c.padEnd(11) : c.padStart(10))).join(' '));
  line(['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'non2xx/err']);
  for (const r of rows) {
    line([r.scenario, r.server, fmt(r.reqPerSec), fmt(r.p50Ms), fmt(r.p99Ms), `${r.non2xx}/${r.errors}`]);
  }
  console.log('\nratio webui-nest / baseline (req/s < 1 and latency > 1 mean webui-nest is slower)');
  line(['scenario', '', 'req/s', 'p50', 'p99']);
  const ratios = SCENARIOS.map((scenario) => {
    const nest = rows.find((r) => r.scenario === scenario && r.server === 'webui-nest');
    const base = rows.find((r) => r.scenario === scenario && r.server === 'baseline');
    if (!nest || !base) throw new Error(`missing results for ${scenario}`);
    const ratio = {
      scenario,
      reqPerSec: ratioOf(nest.reqPerSec, base.reqPerSec),
      p50: ratioOf(nest.p50Ms, base.p50Ms),
      p99: ratioOf(nest.p99Ms, base.p99Ms),
    };
    line([scenario, '', fmt(ratio.reqPerSec, 2), fmt(ratio.p50, 2), fmt(ratio.p99, 2)]);
    return ratio;
  });
  if (rows.some((r) => r.non2xx > 0 || r.errors > 0)) console.log('\nWARNING: some requests failed; see non2xx/err.');
  return ratios;
}

// Fresh DATA_DIR (and baseline db) per run, removed however the run ends.
const dataDir = mkdtempSync(join(tmpdir(), 'webui-nest-bench-'));
function cleanup(): void {
  killAllNow(); // after a normal run a no-op: both servers were already stopped gracefully
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const targets: Target[] = [];
  const secret = randomBytes(32).toString('hex');
  const threadpool = process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
  console.error(
    `bcrypt rounds ${BCRYPT_ROUNDS}, ${CONNECTIONS} connections, ${DURATION}s per scenario and server, ` +
      `libuv threadpool ${threadpool}, ${cpus().length} CPUs, node ${process.version}`,
  );
  try {
    const common = { WEBUI_SECRET_KEY: secret, BCRYPT_ROUNDS: String(BCRYPT_ROUNDS) };
    targets.push(
      await launch('webui-nest', SERVER_ENTRY, {
        ...common,
        HOST: LOOPBACK,
        DATA_DIR: join(dataDir, 'nest'),
        LOG_LEVEL: 'silent',
      }),
      await launch('baseline', BASELINE_ENTRY, {
        ...common,
        DB_PATH: join(dataDir, 'baseline.db'),
        SEED_EMAIL: ACCOUNT.email,
        SEED_PASSWORD: ACCOUNT.password,
        SEED_NAME: ACCOUNT.name,
      }),
    );
    // Both servers stay up (the idle one costs nothing); only one is ever under load.
    const rows: Row[] = [];
    for (const scenario of SCENARIOS) {
      console.error(`  ${scenario}: ${WARMUP}s warm-up + ${DURATION}s in ${ROUNDS} alternating rounds, per server`);
      rows.push(...(await measure(scenario, targets)));
    }
    console.log(
      `\nauth benchmark — bcrypt rounds ${BCRYPT_ROUNDS}, ${CONNECTIONS} connections, ${DURATION}s per scenario and server (${ROUNDS} rounds)\n`,
    );
    const ratios = printTable(rows);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `auth-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const meta = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      uvThreadpoolSize: threadpool,
      bcryptRounds: BCRYPT_ROUNDS,
      durationSeconds: DURATION,
      rounds: ROUNDS,
      warmupSeconds: WARMUP,
      connections: CONNECTIONS,
      baseline: 'node:http + better-sqlite3 (prepared statements, WAL) + bcrypt + jose HS256',
    };
    writeFileSync(file, `${JSON.stringify({ ...meta, results: rows, ratios }, null, 2)}\n`);
    console.log(`\nwrote ${file}`);
  } finally {
    await Promise.all(targets.map(({ server }) => stopServer(server)));
    cleanup();
  }
}

// Children must not outlive us, whatever ends the run.
runMain(main, cleanup);
