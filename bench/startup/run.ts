// Start-up benchmark: time from spawning `node dist/src/main.js` on a fresh SQLite data dir to the
// first /health 200, and the resident memory once it sits idle, against the auth bench's bare
// node:http baseline started the same way. Run after a build: `npm run bench:startup`.
//
// Env: BENCH_RUNS (starts per server, default 5), BENCH_IDLE_MS (wait after the first 200 before
// reading RSS, default 4000), BENCH_SERVER_NODE_ARGS (node flags for webui-nest only), BENCH_SERVER_ENTRY,
// BENCH_RESULTS_DIR (as for the other benches).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, startServer, stopServer, type ServerProcess } from '../../test/support/processes.js';
import {
  childEnv,
  intEnv,
  percentile,
  ratioOf,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  SERVER_NODE_ARGS,
  writeResults,
} from '../common.js';

const BASELINE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', 'auth', 'baseline-server.js');
const RUNS = intEnv('BENCH_RUNS', 5, 1, 50);
const IDLE_MS = intEnv('BENCH_IDLE_MS', 4000, 0, 120_000);

interface Sample {
  startMs: number;
  idleRssMb: number;
}

function rssMb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** Polls /health every 5 ms (the shared helper's 100 ms would blur a 1 s start). */
async function firstHealthy(server: ServerProcess, started: number): Promise<number> {
  while (performance.now() - started < 30_000) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited\n${server.stderrTail()}`);
    try {
      if ((await fetch(`${server.baseUrl}/health`)).ok) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await sleep(5);
  }
  throw new Error(`${server.name} did not become healthy\n${server.stderrTail()}`);
}

async function sample(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const server = startServer(
    name,
    entry,
    port,
    childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
    [],
    nodeArgs,
  );
  try {
    const startMs = await firstHealthy(server, started);
    await sleep(IDLE_MS);
    return { startMs, idleRssMb: rssMb(server.child.pid ?? 0) };
  } finally {
    await stopServer(server);
  }
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const { dir, remove } = scratchDir('startup');

async function main(): Promise<void> {
  const secret = randomBytes(32).toString('hex');
  const samples: Record<'webui-nest' | 'baseline', Sample[]> = { 'webui-nest': [], baseline: [] };
  for (let run = 0; run < RUNS; run++) {
    samples['webui-nest'].push(
      await sample(
        'webui-nest',
        SERVER_ENTRY,
        { WEBUI_SECRET_KEY: secret, DATA_DIR: join(dir, `nest-${run}`) },
        SERVER_NODE_ARGS,
      ),
    );
    samples.baseline.push(
      await sample('baseline', BASELINE_ENTRY, {
        WEBUI_SECRET_KEY: secret,
        BCRYPT_ROUNDS: '4',
        DB_PATH: join(dir, `baseline-${run}.db`),
        SEED_EMAIL: 'bench@example.com',
        SEED_PASSWORD: 'Bench-Passw0rd!',
        SEED_NAME: 'Bench',
      }),
    );
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      { startMs: median(list.map((s) => s.startMs)), idleRssMb: median(list.map((s) => s.idleRssMb)) },
    ]),
  ) as Record<keyof typeof samples, Sample>;
  console.log(
    `\nstart-up benchmark — fresh SQLite data dir, median of ${RUNS} starts, RSS ${IDLE_MS} ms after the first 200\n`,
  );
  console.log('server          start ms   idle RSS MB   (each run: start ms / RSS MB)');
  for (const [name, list] of Object.entries(samples)) {
    const { startMs, idleRssMb } = summary[name as keyof typeof samples];
    const runs = list.map((s) => `${s.startMs.toFixed(0)}/${s.idleRssMb.toFixed(0)}`).join(' ');
    console.log(`${name.padEnd(14)} ${startMs.toFixed(0).padStart(9)} ${idleRssMb.toFixed(1).padStart(13)}   ${runs}`);
  }
  const ratios = {
    startMs: ratioOf(summary['webui-nest'].startMs, summary.baseline.startMs),
    idleRssMb: ratioOf(summary['webui-nest'].idleRssMb, summary.baseline.idleRssMb),
  };
  console.log(
    `\nratio webui-nest / baseline: start ${ratios.startMs?.toFixed(2)}×, idle RSS ${ratios.idleRssMb?.toFixed(2)}×`,
  );
  const file = writeResults('startup', {
    runs: RUNS,
    idleMs: IDLE_MS,
    node: process.version,
    samples,
    summary,
    ratios,
  });
  console.log(`\nwrote ${file}`);
}

runMain(main, remove);
