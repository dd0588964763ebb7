// Sign-in storm: BENCH_STORM_SIZE (default 500) sign-ins sent at once to the built server at bcrypt
// cost 12, from a worker thread (storm-sender.ts), while session requests with tokens the server has
// never seen are sent from this thread: five 20 ms apart once the storm's first request is on the wire
// (the server is reading the burst), then every BENCH_PROBE_INTERVAL_MS (default 500). Reports the first
// answer against one bcrypt check timed here, from the start of sending and from its own request's
// arrival, how well answers keep arrival order, latency by position, the probes' latency, the server's
// RSS and event-loop CPU, and this process's CPU (the storm's clients share the cores).
// `npm run bench:storm` (node dist/bench/auth/storm.js).
//
// Env: BENCH_STORM_SIZE, BENCH_STORM_STAGGER_MS (between two sends, default 0: back to back, one
// connection each), BENCH_PROBE_INTERVAL_MS, BENCH_ROUNDS_STORM (bcrypt cost, default 12),
// BENCH_SERVER_ENTRY, BENCH_RESULTS_DIR, BENCH_SERVER_NODE_ARGS (node flags for the server, e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof": `monotonicMs` gives the storm's window on the profile's clock); the server's
// UV_THREADPOOL_SIZE and BCRYPT_CONCURRENCY pass through.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcrypt';
import { stopServer, type ServerProcess } from '../../test/support/processes.js';
import { processCpuMs } from '../completions/cpu.js';
import {
  intEnv,
  launchServer,
  percentile,
  postForToken,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  SERVER_NODE_ARGS,
  writeResults,
} from '../common.js';
import { nowMs, send, type Answer } from './one-request.js';
import type { SenderMessage, StormOrder } from './storm-sender.js';

const STORM = intEnv('BENCH_STORM_SIZE', 500, 1, 10_000);
const STAGGER_MS = intEnv('BENCH_STORM_STAGGER_MS', 0, 0, 1000);
const PROBE_INTERVAL_MS = intEnv('BENCH_PROBE_INTERVAL_MS', 500, 50, 60_000);
const ROUNDS = intEnv('BENCH_ROUNDS_STORM', 12, 4, 15);
/** Accounts the storm cycles through; each also gives one token no request has carried yet. */
const ACCOUNTS = 40;
/** CLOCK_MONOTONIC in ms, the clock of a V8 CPU profile's timestamps (µs there) on Linux. */
const nowToMonotonic = Number(process.hrtime.bigint() / 1000n) / 1000 - nowMs();
/** Probes sent 20 ms apart once the storm's first request is on the wire: the server is reading the burst. */
const EARLY_PROBES = 5;
const ADMIN = { name: 'Storm Admin', email: 'storm-admin@example.com', password: 'Storm-Passw0rd!' };

/** One bcrypt check at the storm's cost, timed in this process (median of three). */
async function oneCheckMs(): Promise<number> {
  const hash = await bcrypt.hash('a password', ROUNDS);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    await bcrypt.compare('a password', hash);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1];
}

/** The server's resident memory now (VmRSS) or at its peak so far (VmHWM), in MB; null off Linux. */
function rssMb(server: ServerProcess, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) of the server's main thread, the one running the event loop; null off Linux. */
const mainThreadCpuMs = (server: ServerProcess) => processCpuMs(server.child.pid, { mainThread: true });

async function seedAccounts(baseUrl: string): Promise<{ emails: string[]; unseen: string[] }> {
  const adminToken = await postForToken(`${baseUrl}/api/v1/auths/signup`, ADMIN);
  const added = await Promise.all(
    Array.from({ length: ACCOUNTS }, async (_, index) => {
      const account = { name: `Storm ${index}`, email: `storm${index}@example.com`, password: `storm-pw-${index}` };
      const answer = await send(
        baseUrl,
        'POST',
        '/api/v1/auths/add',
        { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        JSON.stringify({ ...account, role: 'user' }),
      );
      if (answer.status !== 200) throw new Error(`add user: ${answer.status} ${answer.body}`);
      return { email: account.email, token: (JSON.parse(answer.body) as { token: string }).token };
    }),
  );
  return { emails: added.map((a) => a.email), unseen: added.map((a) => a.token) };
}

/** Session requests, each with a token never presented before, until `stop` resolves. */
async function probe(baseUrl: string, unseen: string[], stop: { done: boolean }): Promise<Answer[]> {
  const probes: Promise<Answer>[] = [];
  while (!stop.done) {
    const token = unseen.shift();
    if (token) probes.push(send(baseUrl, 'GET', '/api/v1/auths/', { authorization: `Bearer ${token}` }));
    await sleep(probes.length < EARLY_PROBES ? 20 : PROBE_INTERVAL_MS);
  }
  return Promise.all(probes);
}

async function storm(server: ServerProcess, emails: string[], unseen: string[]) {
  const baseUrl = server.baseUrl;
  const order: StormOrder = {
    baseUrl,
    signins: Array.from({ length: STORM }, (_, index) => ({
      email: emails[index % emails.length],
      password: `storm-pw-${index % emails.length}`,
    })),
    staggerMs: STAGGER_MS,
  };
  const cpuAtStart = mainThreadCpuMs(server);
  // The whole bench process, the sending thread included.
  const clientCpuAtStart = process.cpuUsage();
  let cpuAtFirstAnswer: number | null = null;
  let clientCpuToFirstAnswer = 0;
  let started = Number.NaN;
  const stop = { done: false };
  let probes: Promise<Answer[]> = Promise.resolve([]);
  const sender = new Worker(new URL('./storm-sender.js', import.meta.url), { workerData: order });
  // In sending order, whatever the order of answers.
  const answers = new Array<Answer>(STORM);
  await new Promise<void>((resolve, reject) => {
    sender.on('message', (message: SenderMessage) => {
      if (message.kind === 'sending') started = message.at;
      else if (message.kind === 'first-written') probes = probe(baseUrl, unseen, stop);
      else if (message.kind === 'answered') {
        if (cpuAtFirstAnswer === null) {
          cpuAtFirstAnswer = mainThreadCpuMs(server);
          const { user, system } = process.cpuUsage(clientCpuAtStart);
          clientCpuToFirstAnswer = (user + system) / 1000;
        }
        const { index, answer } = message;
        answers[index] = answer;
        // Tokens issued during the storm and never used: more unseen tokens for the probes.
        if (answer.status === 200) unseen.push((JSON.parse(answer.body) as { token: string }).token);
      } else resolve();
    });
    sender.on('error', reject);
    sender.on('exit', (code) => reject(new Error(`storm sender exited (${code}) before its answers`)));
  });
  const cpuAtEnd = mainThreadCpuMs(server);
  stop.done = true;
  const cpu =
    cpuAtStart === null || cpuAtFirstAnswer === null || cpuAtEnd === null
      ? null
      : {
          toFirstAnswer: cpuAtFirstAnswer - cpuAtStart,
          /** This process's CPU over the same time: sending the storm competes for the same cores. */
          benchClientToFirstAnswer: clientCpuToFirstAnswer,
          total: cpuAtEnd - cpuAtStart,
          perSignin: (cpuAtEnd - cpuAtStart) / STORM,
        };
  return { answers, probes: await probes, started, cpu };
}

/** The server's default, as load-config computes it, unless BCRYPT_CONCURRENCY is passed through. */
const CONCURRENCY = Number(
  process.env.BCRYPT_CONCURRENCY ??
    Math.max(1, Math.min(Number(process.env.UV_THREADPOOL_SIZE ?? 4) - 1, availableParallelism())),
);

function orderFigures(answers: Answer[]) {
  const byCompletion = answers.map((_, index) => index).sort((a, b) => answers[a].doneAt - answers[b].doneAt);
  const rank = new Array<number>(answers.length);
  byCompletion.forEach((index, position) => (rank[index] = position));
  const pairsInOrder = answers.slice(1).filter((_, index) => rank[index] < rank[index + 1]).length;
  const displacement = rank.map((position, index) => Math.abs(position - index));
  return {
    /** Of consecutive sends i, i+1: the fraction where i was answered first. */
    consecutivePairsInOrder: pairsInOrder / Math.max(1, answers.length - 1),
    /** Answered fewer than CONCURRENCY places from where it was sent: what a FIFO with that many slots allows. */
    withinConcurrency: displacement.filter((d) => d < CONCURRENCY).length / answers.length,
    maxDisplacement: Math.max(...displacement),
    meanDisplacement: displacement.reduce((sum, d) => sum + d, 0) / displacement.length,
  };
}

function probeFigures(probes: Answer[]) {
  const latencies = probes.map((a) => a.doneAt - a.sentAt).sort((a, b) => a - b);
  return {
    count: probes.length,
    over100Ms: latencies.filter((ms) => ms > 100).length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? null,
  };
}

/** Latency (send to answer) by arrival position, in ten slices. */
function latencyByPosition(answers: Answer[]) {
  const slice = Math.ceil(answers.length / 10);
  const rows = [];
  for (let from = 0; from < answers.length; from += slice) {
    const part = answers.slice(from, from + slice).map((a) => a.doneAt - a.sentAt);
    const sorted = part.sort((a, b) => a - b);
    rows.push({
      positions: `${from + 1}-${from + part.length}`,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    });
  }
  return rows;
}

const { dir: dataDir, remove } = scratchDir('storm');

async function main(): Promise<void> {
  let server: ServerProcess | undefined;
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  try {
    const bcryptMs = await oneCheckMs();
    const env: Record<string, string> = {
      WEBUI_SECRET_KEY: randomBytes(32).toString('hex'),
      BCRYPT_ROUNDS: String(ROUNDS),
      DATA_DIR: join(dataDir, 'nest'),
      LOG_LEVEL: 'silent',
      SIGNIN_RATE_LIMIT_PER_IP: '0',
      SIGNIN_RATE_LIMIT_PER_EMAIL: '0',
      ...(process.env.BCRYPT_CONCURRENCY ? { BCRYPT_CONCURRENCY: process.env.BCRYPT_CONCURRENCY } : {}),
    };
    server = await launchServer('webui-nest', SERVER_ENTRY, env, { nodeArgs: SERVER_NODE_ARGS });
    const { emails, unseen } = await seedAccounts(server.baseUrl);
    const rssBefore = rssMb(server);
    const loadBefore = load();
    console.error(
      `storm of ${STORM} sign-ins at cost ${ROUNDS}; one check here ${bcryptMs.toFixed(0)} ms; load ${loadBefore}`,
    );
    const { answers, probes, started, cpu } = await storm(server, emails, unseen);
    const rssAfter = rssMb(server);
    const peakRss = rssMb(server, 'VmHWM');

    const latencies = answers.map((a) => a.doneAt - a.sentAt).sort((a, b) => a - b);
    const first = answers.reduce((soonest, answer) => (answer.doneAt < soonest.doneAt ? answer : soonest));
    const firstDoneAt = first.doneAt;
    // Probes sent before the first sign-in answer wait behind the server reading the storm's requests.
    const whileReading = probes.filter((p) => p.sentAt < firstDoneAt);
    const queued = probes.filter((p) => p.sentAt >= firstDoneAt);
    const firstAnswerMs = firstDoneAt - started;
    const firstWrittenMs = Math.min(...answers.map((a) => a.writtenAt)) - started;
    const lastAnswerMs = Math.max(...answers.map((a) => a.doneAt)) - started;
    // One check's time as the storm saw it: CONCURRENCY ran at once between the first and last answer.
    const checkMsInStorm = (lastAnswerMs - firstAnswerMs) / ((STORM - 1) / CONCURRENCY);
    const statuses: Record<string, number> = {};
    for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadavgBefore: loadBefore,
      loadavgAfter: load(),
      uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
      bcryptConcurrency: CONCURRENCY,
      bcryptRounds: ROUNDS,
      storm: STORM,
      staggerMs: STAGGER_MS,
      statuses,
      oneBcryptCheckMs: bcryptMs,
      firstAnswerMs,
      firstAnswerInBcryptChecks: firstAnswerMs / bcryptMs,
      /** When the first sign-in was on the wire, from the start of sending. */
      firstWrittenMs,
      /** The first answer from its own request's arrival (last byte written on loopback). */
      firstAnswerFromArrivalMs: first.doneAt - first.writtenAt,
      firstAnswerFromArrivalInBcryptChecks: (first.doneAt - first.writtenAt) / bcryptMs,
      checkMsInStorm,
      firstAnswerInStormChecks: firstAnswerMs / checkMsInStorm,
      lastAnswerMs,
      signinsPerSecond: STORM / (lastAnswerMs / 1000),
      signinP50Ms: percentile(latencies, 50),
      signinP99Ms: percentile(latencies, 99),
      order: orderFigures(answers),
      byPosition: latencyByPosition(answers),
      unseenTokenProbes: {
        statuses: [...new Set(probes.map((p) => p.status))],
        whileReadingStorm: probeFigures(whileReading),
        whileStormQueued: probeFigures(queued),
      },
      /**
       * CPU of the server's event-loop thread (ms) from the first send: to the first answer (on a loaded
       * machine mostly reading the storm's requests), and to the last (also every answer, the probes and
       * the server's timers over the whole storm).
       */
      serverMainThreadCpuMs: cpu,
      serverRssMb: { before: rssBefore, after: rssAfter, peak: peakRss },
      monotonicMs: {
        started: started + nowToMonotonic,
        firstAnswer: firstDoneAt + nowToMonotonic,
        lastAnswer: started + lastAnswerMs + nowToMonotonic,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`\nwrote ${writeResults('auth-storm', result)}`);
  } finally {
    if (server) await stopServer(server);
  }
}

runMain(main, remove);
