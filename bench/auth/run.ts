// Auth benchmark: webui-nest's sign-in and session routes against a bare node:http baseline doing
// the same core work. Run after a build: `npm run bench:auth` (node dist/bench/auth/run.js).
//
// Env: BENCH_DURATION (measured s per scenario and server, default 10), BENCH_ROUNDS (default 2),
// BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 20),
// BENCH_SERVER_ENTRY (default <out>/src/main.js), BENCH_RESULTS_DIR (default <repo>/bench/results),
// BENCH_SCENARIOS (comma-separated subset, e.g. `health,session`, default all), BENCH_SERVER_NODE_ARGS
// (node flags for webui-nest only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it).
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopServer, type ServerProcess } from '../../test/support/processes.js';
import {
  intEnv,
  launchServer,
  postForToken,
  ratioOf,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  SERVER_NODE_ARGS,
  writeResults,
} from '../common.js';
import { type LoadRequest, type LoadRow, measure } from '../load.js';

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
const ALL_SCENARIOS: readonly ScenarioName[] = ['health', 'signin', 'session'];
const SCENARIOS = chosenScenarios(process.env.BENCH_SCENARIOS);

function chosenScenarios(raw: string | undefined): readonly ScenarioName[] {
  if (!raw) return ALL_SCENARIOS;
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !ALL_SCENARIOS.includes(name as ScenarioName));
  if (unknown.length > 0)
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${ALL_SCENARIOS.join(', ')})`);
  return ALL_SCENARIOS.filter((name) => names.includes(name));
}

type Row = Omit<LoadRow, 'label' | 'connections'> & { scenario: ScenarioName; server: ServerName };

function scenarios(token: string): Record<ScenarioName, LoadRequest> {
  return {
    health: { method: 'GET', path: '/health', headers: {} },
    signin: {
      method: 'POST',
      path: '/api/v1/auths/signin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ACCOUNT.email, password: ACCOUNT.password }),
    },
    session: { method: 'GET', path: '/api/v1/auths/', token },
  };
}

interface Target {
  name: ServerName;
  server: ServerProcess;
  requests: Record<ScenarioName, LoadRequest>;
}

/**
 * Runs one scenario on every target. The measured time is cut into rounds that alternate between
 * servers, so background load on a shared machine hits both sides alike instead of skewing the ratio.
 */
async function measureScenario(scenario: ScenarioName, targets: Target[]): Promise<Row[]> {
  const runs = targets.map(({ name, server, requests }) => ({
    label: name,
    baseUrl: server.baseUrl,
    request: requests[scenario],
  }));
  const settings = { connections: CONNECTIONS, seconds: DURATION, rounds: ROUNDS, warmupSeconds: WARMUP };
  const rows = await measure(runs, settings);
  return rows.map(({ label, connections: _connections, ...row }) => ({
    ...row,
    scenario,
    server: label as ServerName,
  }));
}

async function launch(name: ServerName, entry: string, env: Record<string, string>): Promise<Target> {
  const server = await launchServer(name, entry, env, {
    nodeArgs: name === 'webui-nest' ? SERVER_NODE_ARGS : [],
  });
  // webui-nest starts empty: the first signup becomes admin. The baseline seeds the account itself.
  if (name === 'webui-nest') await postForToken(`${server.baseUrl}/api/v1/auths/signup`, ACCOUNT);
  // One real sign-in checks the credentials work and gives the token for the session scenario.
  const token = await postForToken(`${server.baseUrl}/api/v1/auths/signin`, ACCOUNT);
  return { name, server, requests: scenarios(token) };
}

const fmt = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
// null instead of Infinity/NaN when the baseline value is 0 (e.g. no successful requests).

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

// Fresh DATA_DIR per run, removed however the run ends (runMain).
const { dir: dataDir, remove } = scratchDir('auth');

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
      rows.push(...(await measureScenario(scenario, targets)));
    }
    console.log(
      `\nauth benchmark — bcrypt rounds ${BCRYPT_ROUNDS}, ${CONNECTIONS} connections, ${DURATION}s per scenario and server (${ROUNDS} rounds)\n`,
    );
    const ratios = printTable(rows);

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
      scenarios: SCENARIOS,
      baseline: 'node:http + better-sqlite3 (prepared statements, WAL) + bcrypt + node:crypto HS256',
    };
    const file = writeResults('auth', { ...meta, results: rows, ratios });
    console.log(`\nwrote ${file}`);
  } finally {
    await Promise.all(targets.map(({ server }) => stopServer(server)));
  }
}

// Children must not outlive us, whatever ends the run.
runMain(main, remove);
