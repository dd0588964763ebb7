// Completions benchmark: concurrent streams from the mock provider, through webui-nest and directly
// to the mock in the same run. Reports added time-to-first-byte, throughput relative to direct, and
// bytes per chunk for short and long answers. Run after a build: `npm run bench:completions`
// (node dist/bench/completions/run.js).
//
// Two stream scenarios, because one cannot measure both targets:
// - paced: the mock waits BENCH_CHUNK_DELAY_MS between chunks (5 ms = 200 tokens/s, a fast provider)
//   and starts are spread over BENCH_RAMP_MS, so every stream still overlaps all the others. Added
//   TTFB is judged here. Started all at once, TTFB measures queueing behind 99 simultaneous requests
//   (the bare mock alone reaches ~30 ms p50 that way), not the latency the server adds to a stream.
// - flat-out: no delay, all streams at once; the rate is what the server can carry. Throughput is
//   judged here: paced throughput is set by the pacing and reads ~1.0 while the server keeps up.
// Each round also records CPU time of the server, of this process (mock + client) and of the rest
// of the machine, so a saturated side or a noisy neighbour shows in the report.
//
// Reference: a bare node:http proxy (node-proxy.ts: same batching and header timing, no framework)
// runs as a third target in the same rounds. The targets are judged on webui-nest alone; the
// reference says how much of a figure is this machine's price for any Node hop, and how much is ours.
//
// CPUs: this process (mock + client) is pinned to CPU 0 and the server to the others (taskset), so
// the throughput ratio measures the proxy, not two processes sharing a core; BENCH_PIN_CPUS=0 turns
// it off (on 2 CPUs unpinned flat-out reads ~0.87 where pinned reads ~0.95).
//
// Env: BENCH_STREAMS (concurrent streams, default 100), BENCH_CHUNKS (per stream, default 500),
// BENCH_ROUNDS (paced, per target, default 3), BENCH_FLAT_ROUNDS (flat-out, per target, default 10),
// BENCH_CHUNK_DELAY_MS (paced, default 5), BENCH_RAMP_MS (paced, default 1000),
// BENCH_SHORT_CHUNKS / BENCH_LONG_CHUNKS (bytes scenario, default 50 / 2000), BENCH_BYTES_STREAMS
// (default 10), BENCH_SERVER_ENTRY (default <out>/src/main.js), BENCH_RESULTS_DIR (default
// <repo>/bench/results), BENCH_REFERENCE (0: no node:http reference), BENCH_SCENARIOS (paced or
// flat-out: only that one, no verdicts; for profiling with BENCH_SERVER_NODE_ARGS="--cpu-prof ...").
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockProvider, startMockProvider } from '../../test/support/mock-provider.js';
import { stopServer, type ServerProcess } from '../../test/support/processes.js';
import { compare, compareBytes, judge, type Limits, printBytes, printStreams, printTargets } from './report.js';
import { measureBytes, measureStreams, MODEL, type Scenario, type StreamsResult, type TargetSet } from './scenarios.js';
import { createAgent } from './stream-client.js';
import {
  intEnv,
  launchServer,
  pinLoadGenerator,
  postForToken,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  SERVER_NODE_ARGS,
  writeResults,
} from '../common.js';

// Paths come from this file's location (<out>/bench/completions/run.js), not the cwd, so the bench
// works from dist/ or a scratch build dir; <out> sits directly in the repository root.

const STREAMS = intEnv('BENCH_STREAMS', 100, 1, 1000);
const CHUNKS = intEnv('BENCH_CHUNKS', 500, 1, 100_000);
const ROUNDS = intEnv('BENCH_ROUNDS', 3, 1, 50);
const CHUNK_DELAY_MS = intEnv('BENCH_CHUNK_DELAY_MS', 5, 0, 1000);
const RAMP_MS = intEnv('BENCH_RAMP_MS', 1000, 0, 60_000);
// Flat-out rounds last well under a second, so more of them are cheap and steady the ratio.
const FLAT_ROUNDS = intEnv('BENCH_FLAT_ROUNDS', 10, 1, 200);
const SHORT_CHUNKS = intEnv('BENCH_SHORT_CHUNKS', 50, 1, 100_000);
const LONG_CHUNKS = intEnv('BENCH_LONG_CHUNKS', 2000, 1, 100_000);
const BYTES_STREAMS = intEnv('BENCH_BYTES_STREAMS', 10, 1, 1000);
// 1 ms keeps 2,000 chunks near 2.5 s while every chunk still leaves as its own write.
const BYTES_CHUNK_DELAY_MS = 1;

// The bare node:http proxy beside webui-nest (BENCH_REFERENCE=0 leaves it out): what the hop itself
// costs on this machine, so a slow or noisy run can be told apart from overhead of webui-nest's own.
const WITH_REFERENCE = process.env.BENCH_REFERENCE !== '0';
const REFERENCE_ENTRY = fileURLToPath(new URL('./node-proxy.js', import.meta.url));

const PACED: Scenario = { label: 'paced', chunkDelayMs: CHUNK_DELAY_MS, rampMs: RAMP_MS, rounds: ROUNDS };
const FLAT_OUT: Scenario = { label: 'flat-out', chunkDelayMs: 0, rampMs: 0, rounds: FLAT_ROUNDS };
// BENCH_SCENARIOS=flat-out (or paced) runs one scenario, for profiling; the verdicts need both.
const SCENARIOS = [PACED, FLAT_OUT].filter((s) =>
  (process.env.BENCH_SCENARIOS ?? s.label).split(',').includes(s.label),
);

// The targets. Bytes per chunk may differ only by the fixed end of the stream (stop chunk,
// [DONE]) spread over fewer chunks: ~2% at 50 chunks. A server re-sending the answer so far each
// time would be off by 10x or more.
const LIMITS: Limits = { addedTtfbP50Ms: 5, throughputRatio: 0.9, bytesTolerance: 0.05 };

const ACCOUNT = { name: 'Bench Admin', email: 'bench@example.com', password: 'Bench-Passw0rd!' };

async function startNest(
  mock: MockProvider,
  apiKey: string,
  dataDir: string,
  prefix: string[],
): Promise<ServerProcess> {
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    BCRYPT_ROUNDS: '4',
    WEBUI_SECRET_KEY: 'bench',
    OPENAI_API_BASE_URLS: mock.openaiBaseUrl,
    OPENAI_API_KEYS: apiKey,
    ENABLE_OLLAMA_API: 'false',
    ENABLE_EVALUATION_ARENA_MODELS: 'false',
    // Should a slow run outlive it, one round pays a loopback model-list refresh, as live traffic would.
    MODELS_CACHE_TTL: '60',
  };
  // For profiling the server, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  return launchServer('webui-nest', SERVER_ENTRY, env, { prefix, nodeArgs: SERVER_NODE_ARGS });
}

/** The bare node:http proxy (node-proxy.ts), pinned like webui-nest, on the same mock. */
function startReference(mock: MockProvider, apiKey: string, prefix: string[]): Promise<ServerProcess> {
  const env = { UPSTREAM_URL: mock.openaiBaseUrl, UPSTREAM_KEY: apiKey };
  return launchServer('node-proxy', REFERENCE_ENTRY, env, { prefix });
}

// Fresh DATA_DIR per run, removed however the run ends (runMain).
const { dir: dataDir, remove } = scratchDir('completions');

async function main(): Promise<void> {
  const apiKey = `sk-bench-${randomBytes(8).toString('hex')}`;
  const pin = pinLoadGenerator();
  const cpuNote = pin.length ? `mock + client on CPU 0, server on ${pin.at(-1)}` : 'not pinned';
  console.error(`${STREAMS} streams x ${CHUNKS} chunks, ${cpus().length} CPUs (${cpuNote}), node ${process.version}`);
  let server: ServerProcess | undefined;
  let reference: ServerProcess | undefined;
  let mock: MockProvider | undefined;
  // Separate pools so no target ever waits for another's sockets.
  const agents = [createAgent(STREAMS), createAgent(STREAMS), createAgent(STREAMS)];
  try {
    mock = await startMockProvider({ apiKey });
    mock.setModels([{ id: MODEL }]);
    server = await startNest(mock, apiKey, join(dataDir, 'nest'), pin);
    // The first account is admin, and admins see every provider model without access grants.
    const token = await postForToken(`${server.baseUrl}/api/v1/auths/signup`, ACCOUNT);
    const set: TargetSet = {
      targets: [
        { name: 'direct', url: `${mock.openaiBaseUrl}/chat/completions`, token: apiKey, agent: agents[0] },
        {
          name: 'webui-nest',
          url: `${server.baseUrl}/api/chat/completions`,
          token,
          agent: agents[1],
          pid: server.child.pid,
        },
      ],
    };
    if (WITH_REFERENCE) {
      reference = await startReference(mock, apiKey, pin);
      const url = `${reference.baseUrl}/api/chat/completions`;
      set.targets.push({ name: 'node-proxy', url, token: '', agent: agents[2], pid: reference.child.pid });
    }
    const compareAll = (result: StreamsResult) => set.targets.slice(1).map(({ name }) => compare(result, name));

    const options = { streams: STREAMS, chunks: CHUNKS };
    const results: StreamsResult[] = [];
    for (const scenario of SCENARIOS) {
      console.error(`  ${scenario.label}: warm-up + ${scenario.rounds} alternating rounds per target`);
      results.push(await measureStreams(mock, set, scenario, options));
    }
    if (results.length < 2) {
      for (const result of results) printStreams(result, compareAll(result), STREAMS, CHUNKS);
      return;
    }
    const lengths: [number, number] = [SHORT_CHUNKS, LONG_CHUNKS];
    console.error(`  bytes: ${BYTES_STREAMS} streams of ${SHORT_CHUNKS} and of ${LONG_CHUNKS} chunks per target`);
    const bytesOptions = { streams: BYTES_STREAMS, chunkDelayMs: BYTES_CHUNK_DELAY_MS };
    const bytes = await measureBytes(mock, set, lengths, bytesOptions);

    const comparisons = results.map(compareAll);
    for (const [i, result] of results.entries()) printStreams(result, comparisons[i], STREAMS, CHUNKS);
    const bytesVerdict = compareBytes(bytes, lengths);
    printBytes(bytes, bytesVerdict, BYTES_CHUNK_DELAY_MS);
    // The targets are webui-nest's (first after direct in each list); the reference only explains them.
    const judged = judge(comparisons[0][0], comparisons[1][0], bytesVerdict, LIMITS);
    printTargets(judged);
    const file = writeResults('completions', {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuPinning: cpuNote,
      cpuModel: cpus()[0]?.model,
      config: { ...options, short: SHORT_CHUNKS, long: LONG_CHUNKS, bytesOptions, scenarios: [PACED, FLAT_OUT] },
      limits: LIMITS,
      addedTtfbMethod: 'difference of pooled percentiles (proxy p - direct p over all streams of all rounds)',
      targets: judged,
      comparisons,
      summaries: results.map(({ scenario, summaries }) => ({ scenario: scenario.label, ...summaries })),
      bytes: { rows: bytes, ...bytesVerdict },
      rounds: results.flatMap(({ scenario, rounds }) =>
        rounds.map(({ samples, ...round }) => ({
          scenario: scenario.label,
          ...round,
          ttfbMs: samples.map((s) => s.ttfbMs),
          totalMs: samples.map((s) => s.totalMs),
        })),
      ),
    });
    console.log(`\nwrote ${file}`);
    if (judged.some((j) => j.verdict === 'INVALID')) process.exitCode = 1;
  } finally {
    if (server) await stopServer(server);
    if (reference) await stopServer(reference);
    for (const agent of agents) agent.destroy();
    await mock?.close();
  }
}

// Children must not outlive us, whatever ends the run.
runMain(main, remove);
