// Many users at once (issue 14): BENCH_USERS users (default 200), each with a socket open, signing in, listing
// chats, creating one, streaming an answer from the mock provider, saving it and searching, for
// BENCH_ROUND_SECONDS (60) in BENCH_ROUNDS (3) rounds, then BENCH_SPIKE_STREAMS (500) streams started at once.
// On SQLite and on PostgreSQL + Redis (BENCH_TARGETS=sqlite,postgres). Judged: zero errors, zero dropped
// sockets, every acknowledged chat present afterwards, RSS after the last round within 10 % of after the first
// (both after a full GC, read over the inspector). p50/p95/p99 per request type are reported.
// Run after a build: `npm run bench:load`. Passwords are hashed at BENCH_BCRYPT_ROUNDS (10; the product's 12 is
// measured by bench:storm), so sign-ins take their share without swamping a 2-CPU machine.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { createTestDatabase } from '../../test/support/database.js';
import { HttpClient } from '../../test/support/http.js';
import { startMockProvider } from '../../test/support/mock-provider.js';
import { freePort, stopServer } from '../../test/support/processes.js';
import { publishModel } from '../../test/support/providers.js';
import { openSocket } from '../../test/support/sockets.js';
import { createAgent, runStream } from '../completions/stream-client.js';
import {
  intEnv,
  launchServer,
  percentile,
  pinLoadGenerator,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  writeResults,
} from '../common.js';
import { memoryAfterFullGc, type MemoryReading } from './gc-probe.js';
import { COMMON_WORD, completionBody, type LoadUser, MODEL, Recorder, runUser } from './user-session.js';

const USERS = intEnv('BENCH_USERS', 200, 1, 2000);
const ROUND_SECONDS = intEnv('BENCH_ROUND_SECONDS', 60, 1, 3600);
const ROUNDS = intEnv('BENCH_ROUNDS', 3, 1, 20);
const SPIKE_STREAMS = intEnv('BENCH_SPIKE_STREAMS', 500, 0, 5000);
const BCRYPT_ROUNDS = intEnv('BENCH_BCRYPT_ROUNDS', 10, 4, 15);
const TARGETS = (process.env.BENCH_TARGETS ?? 'sqlite,postgres').split(',').filter(Boolean);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

const scratch = scratchDir('load');
const answerWords = Array.from({ length: 20 }, (_, i) => (i === 7 ? `${COMMON_WORD} ` : `word${i} `));

interface TargetResult {
  target: string;
  requests: ReturnType<Recorder['summary']>;
  errors: number;
  errorSamples: string[];
  memoryAfterRound: MemoryReading[];
  rssGrowth: number;
  droppedSockets: number;
  acknowledgedChats: number;
  lostChats: number;
  spike: { streams: number; errors: number; ttfbP50Ms: number; ttfbP99Ms: number; totalP99Ms: number };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pooled<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function measure(target: string, serverPrefix: string[]): Promise<TargetResult> {
  const database = target === 'postgres' ? await createTestDatabase(PG_URL) : undefined;
  const openai = await startMockProvider();
  openai.setModels([{ id: MODEL, name: 'GPT Test' }]);
  openai.script(MODEL, { chunks: answerWords, chunkDelayMs: 10 });
  const inspectPort = await freePort();
  const server = await launchServer(
    `webui-nest (${target})`,
    SERVER_ENTRY,
    {
      DATA_DIR: `${scratch.dir}/${target}`,
      WEBUI_SECRET_KEY: 'bench-load-secret',
      LOG_LEVEL: 'warn',
      BCRYPT_ROUNDS: String(BCRYPT_ROUNDS),
      OPENAI_API_BASE_URLS: openai.openaiBaseUrl,
      OPENAI_API_KEYS: 'sk-bench',
      ENABLE_OLLAMA_API: 'false',
      ENABLE_EVALUATION_ARENA_MODELS: 'false',
      // Many users from one address: the per-address sign-in limit is not what this bench measures.
      SIGNIN_RATE_LIMIT_PER_IP: '100000',
      ...(database
        ? {
            DATABASE_URL: database.env.DATABASE_URL,
            REDIS_URL,
            REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
          }
        : {}),
    },
    { prefix: serverPrefix, nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] },
  );
  const sockets: Socket[] = [];
  try {
    const baseUrl = server.baseUrl;
    const http = new HttpClient(baseUrl);
    const signup = await http.post('/api/v1/auths/signup', {
      name: 'Admin',
      email: 'admin@bench.local',
      password: 'bench-admin',
    });
    const adminToken = signup.body.token as string;
    await publishModel({ http }, adminToken, MODEL);
    let droppedSockets = 0;
    const users: LoadUser[] = Array.from({ length: USERS }, (_, i) => ({
      email: `user${i}@bench.local`,
      password: `pw-${i}-bench`,
    }));
    await pooled(users, 8, async (user) => {
      const added = await http.post(
        '/api/v1/auths/add',
        { name: user.email, ...user, role: 'user' },
        { token: adminToken },
      );
      if (added.status !== 200) throw new Error(`add user: ${added.status} ${added.text}`);
    });

    // Every user keeps a tab open through all rounds, as the web app does.
    await pooled(users, 8, async (user) => {
      const session = await http.post('/api/v1/auths/signin', { email: user.email, password: user.password });
      const socket = await openSocket(baseUrl, session.body.token as string);
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') droppedSockets++;
      });
      sockets.push(socket);
    });

    const recorder = new Recorder();
    const agent = createAgent(Math.max(USERS, SPIKE_STREAMS));
    const stream = { name: 'webui-nest' as const, url: `${baseUrl}/api/chat/completions`, agent };
    const memoryAfterRound: MemoryReading[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const deadline = performance.now() + ROUND_SECONDS * 1000;
      await Promise.all(users.map((user) => runUser(baseUrl, user, stream, recorder, deadline)));
      memoryAfterRound.push(await memoryAfterFullGc(inspectPort, server.child.pid!));
      const counts = recorder
        .summary()
        .map(({ type, ok, errors }) => `${type} ${ok}/${errors}`)
        .join(', ');
      console.log(
        `[${target}] round ${round}: ${counts}; RSS ${memoryAfterRound.at(-1)!.rssMb.toFixed(1)} MB after GC`,
      );
    }

    const spikeSamples = await Promise.all(
      Array.from({ length: SPIKE_STREAMS }, (_, i) =>
        runStream({ ...stream, token: users[i % users.length].token! }, completionBody(`Spike ${i}`), 120_000),
      ),
    );
    const spikeErrors = spikeSamples.filter((sample) => sample.status !== 200 || !sample.done).length;
    const ttfb = spikeSamples.map((sample) => sample.ttfbMs ?? Infinity).sort((a, b) => a - b);
    const total = spikeSamples.map((sample) => sample.totalMs).sort((a, b) => a - b);

    let lostChats = 0;
    await pooled(recorder.acknowledged, 20, async (chat) => {
      const stored = await http.get(`/api/v1/chats/${chat.id}`, { token: chat.token });
      if (stored.body?.chat?.history?.messages?.[chat.answerId]?.content !== chat.answer) lostChats++;
    });
    const [first, last] = [memoryAfterRound[0], memoryAfterRound.at(-1)!];
    return {
      target,
      requests: recorder.summary(),
      errors: recorder.errorCount,
      errorSamples: recorder.samples,
      memoryAfterRound,
      rssGrowth: last.rssMb / first.rssMb - 1,
      droppedSockets,
      acknowledgedChats: recorder.acknowledged.length,
      lostChats,
      spike: {
        streams: SPIKE_STREAMS,
        errors: spikeErrors,
        ttfbP50Ms: Math.round(percentile(ttfb, 50)),
        ttfbP99Ms: Math.round(percentile(ttfb, 99)),
        totalP99Ms: Math.round(percentile(total, 99)),
      },
    };
  } finally {
    sockets.forEach((socket) => socket.close());
    await stopServer(server);
    await openai.close();
    await database?.drop();
  }
}

function report(result: TargetResult): boolean {
  console.log(
    `\n${result.target}: ${USERS} users, ${ROUNDS} rounds of ${ROUND_SECONDS} s, bcrypt cost ${BCRYPT_ROUNDS}`,
  );
  console.table(result.requests);
  const rss = result.memoryAfterRound.map((reading) => reading.rssMb.toFixed(1)).join(' → ');
  const checks: [string, boolean][] = [
    [
      `errors ${result.errors}${result.errorSamples.length ? ` (${result.errorSamples.join('; ')})` : ''}`,
      result.errors === 0,
    ],
    [`dropped sockets ${result.droppedSockets}`, result.droppedSockets === 0],
    [`chats lost ${result.lostChats} of ${result.acknowledgedChats} acknowledged`, result.lostChats === 0],
    [`RSS after GC by round ${rss} MB: ${(result.rssGrowth * 100).toFixed(1)} % (≤ 10 %)`, result.rssGrowth <= 0.1],
    [
      `spike: ${result.spike.streams} streams at once, ${result.spike.errors} errors, TTFB p50 ${result.spike.ttfbP50Ms} / p99 ${result.spike.ttfbP99Ms} ms, total p99 ${result.spike.totalP99Ms} ms`,
      result.spike.errors === 0,
    ],
  ];
  for (const [text, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  return checks.every(([, ok]) => ok);
}

runMain(async () => {
  const serverPrefix = pinLoadGenerator();
  const results: TargetResult[] = [];
  for (const target of TARGETS) {
    if (target !== 'sqlite' && target !== 'postgres') throw new Error(`unknown target ${target}`);
    results.push(await measure(target, serverPrefix));
  }
  const passed = results.map(report).every(Boolean);
  console.log(
    `\nresults: ${writeResults('load', { users: USERS, rounds: ROUNDS, roundSeconds: ROUND_SECONDS, results })}`,
  );
  if (!passed) process.exitCode = 1;
}, scratch.remove);
