// Retrieval benchmark, against the built server with a modelled embedding provider on loopback
// (provider.ts). Run after a build: `npm run bench:retrieval`. Per target (SQLite; PostgreSQL with
// pgvector), it reports:
// - ingest: BENCH_DOCUMENTS text documents (~BENCH_DOCUMENT_CHARS each, 1,000 × 5,000 ≈ 5 MB) uploaded
//   and processed (extracted, chunked, embedded, stored), in documents per second, against the very
//   batches the server sent, replayed straight to the provider at the server's peak concurrency.
//   Target: ≥ 0.8 of the direct rate (the server keeps the provider busy).
// - memory: RSS growth of a fresh server while it ingests one BENCH_LARGE_FILE_MB (50) MB text file.
//   Target: ≤ 2 × the file.
// - queries: BENCH_CHUNKS (100,000) chunks of 384 dimensions seeded into one collection, then
//   POST /query/doc latency (k = 10), vector search and hybrid. Target: p50 ≤ 20 ms, p99 ≤ 60 ms.
//   recall@10 against the exact nearest chunks (pgvector's HNSW is approximate: target ≥ 0.95). Beside
//   the latencies, the CPU the server and its PostgreSQL backends spent per query, which a loaded
//   machine does not inflate as it does the latencies.
//
// The provider holds one of BENCH_PROVIDER_SLOTS (1) devices per request for BENCH_PROVIDER_REQUEST_MS
// (5) + texts × BENCH_PROVIDER_TEXT_MS (2): a MiniLM-size model (384 dimensions) served on CPU, about
// 500 chunks of 1,000 characters a second. The ratio depends on that model: against a provider that
// answers instantly no server reaches 0.8 (it does far more per document than the provider), so the
// report also gives the server's own ceiling (the same ingest against an instant provider). Queries
// and the large file run with no service time, so they measure the server alone.
//
// Env: BENCH_TARGETS (sqlite,pgvector), BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432/postgres),
// BENCH_BATCH_SIZE (RAG_EMBEDDING_BATCH_SIZE, 32), BENCH_UPLOAD_CONCURRENCY (8), BENCH_QUERIES (200),
// BENCH_RECALL_QUERIES (100), BENCH_SKIP (ingest, memory or queries: comma list left out),
// BENCH_SERVER_NODE_ARGS (node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
// BENCH_SERVER_ENTRY, BENCH_RESULTS_DIR, BENCH_PIN_CPUS (as for the other benches).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, stopServer, waitForHealth, freePort, type ServerProcess } from '../../test/support/processes.js';
import {
  childEnv,
  intEnv,
  pinLoadGenerator,
  postForToken,
  runMain,
  scratchDir,
  SERVER_ENTRY,
  SERVER_NODE_ARGS,
  writeResults,
} from '../common.js';
import { call, processed, upload, waitForSearchMode } from './http.js';
import { type IngestResult, measureIngest, measureLargeFile, type MemoryResult } from './ingest.js';
import { type BenchProvider, type ServiceTime, startBenchProvider } from './provider.js';
import { type LatencyResult, measureLatency, measureRecall, questions, type ServingProcesses } from './queries.js';
import { seedChunks, type Target, waitForHnswIndex } from './seed.js';

const TARGETS = (process.env.BENCH_TARGETS ?? 'sqlite,pgvector').split(',').filter(Boolean);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const DOCUMENTS = intEnv('BENCH_DOCUMENTS', 1000, 1, 100_000);
const DOCUMENT_CHARS = intEnv('BENCH_DOCUMENT_CHARS', 5000, 100, 1_000_000);
const BATCH_SIZE = intEnv('BENCH_BATCH_SIZE', 32, 1, 2048);
const UPLOAD_CONCURRENCY = intEnv('BENCH_UPLOAD_CONCURRENCY', 8, 1, 256);
const LARGE_FILE_MB = intEnv('BENCH_LARGE_FILE_MB', 50, 1, 1000);
const CHUNKS = intEnv('BENCH_CHUNKS', 100_000, 1000, 10_000_000);
const QUERIES = intEnv('BENCH_QUERIES', 200, 10, 100_000);
const RECALL_QUERIES = intEnv('BENCH_RECALL_QUERIES', 100, 1, 10_000);
const INGEST_TIME: ServiceTime = {
  requestMs: intEnv('BENCH_PROVIDER_REQUEST_MS', 5, 0, 10_000),
  textMs: Number(process.env.BENCH_PROVIDER_TEXT_MS ?? 2),
  slots: intEnv('BENCH_PROVIDER_SLOTS', 1, 1, 64),
};
const INSTANT: ServiceTime = { requestMs: 0, textMs: 0, slots: 64 };

interface TargetResult {
  target: string;
  ingest?: IngestResult;
  /** Documents per second through the server against an instant provider. */
  ingestCeilingDocsPerSecond?: number;
  memory?: MemoryResult;
  queries?: {
    chunks: number;
    seedSeconds: number;
    startSeconds: number;
    firstQueryMs: number;
    vector: LatencyResult;
    hybrid: LatencyResult;
    recallAt10: number;
  };
}

const { dir, remove } = scratchDir('retrieval');
const secret = randomBytes(32).toString('hex');
const prefix = pinLoadGenerator();

/** A fresh database for a target: a SQLite file in its data dir, or a new PostgreSQL database. */
interface BenchDatabase {
  env: Record<string, string>;
  seedTarget: Target;
  drop(): Promise<void>;
}

async function freshDatabase(target: string, name: string): Promise<BenchDatabase> {
  const dataDir = join(dir, name);
  if (target === 'sqlite') {
    return {
      env: { DATA_DIR: dataDir },
      seedTarget: { kind: 'sqlite', path: join(dataDir, 'webui.db') } as Target,
      drop: () => Promise.resolve(),
    };
  }
  const database = `bench_retrieval_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString(), VECTOR_DB: 'pgvector' },
    seedTarget: { kind: 'postgres', url: url.toString() } as Target,
    drop: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
}

async function start(env: Record<string, string>, provider: BenchProvider, healthMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  const server = startServer(
    'webui-nest',
    SERVER_ENTRY,
    port,
    childEnv({
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEBUI_SECRET_KEY: secret,
      LOG_LEVEL: 'warn',
      RAG_EMBEDDING_ENGINE: 'openai',
      RAG_EMBEDDING_MODEL: 'bench',
      RAG_OPENAI_API_BASE_URL: provider.openaiBaseUrl,
      RAG_EMBEDDING_BATCH_SIZE: String(BATCH_SIZE),
      EXTRACTION_MAX_TEXT_CHARS: String((LARGE_FILE_MB + 10) * 1_000_000),
      EXTRACTION_MAX_MB: String(LARGE_FILE_MB + 50),
    }),
    prefix,
    SERVER_NODE_ARGS,
  );
  try {
    await waitForHealth(server, healthMs);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

async function signIn(base: string, first: boolean): Promise<string> {
  const account = { name: 'Bench', email: 'bench@example.com', password: 'Bench-Passw0rd!' };
  return first
    ? postForToken(`${base}/api/v1/auths/signup`, account)
    : postForToken(`${base}/api/v1/auths/signin`, { email: account.email, password: account.password });
}

async function runTarget(target: string, provider: BenchProvider): Promise<TargetResult> {
  const result: TargetResult = { target };
  const database = await freshDatabase(target, target);
  try {
    provider.setServiceTime(INGEST_TIME);
    let server = await start(database.env, provider);
    let token = await signIn(server.baseUrl, true);
    await waitForSearchMode(server.baseUrl, 'vector');
    if (!SKIP.has('ingest')) {
      console.log(`[${target}] ingesting ${DOCUMENTS} documents…`);
      result.ingest = await measureIngest(server.baseUrl, token, provider, {
        documents: DOCUMENTS,
        documentChars: DOCUMENT_CHARS,
        uploadConcurrency: UPLOAD_CONCURRENCY,
      });
      // The same again with a provider that answers at once: how fast the server itself can go.
      provider.setServiceTime(INSTANT);
      const ceiling = await measureIngest(server.baseUrl, token, provider, {
        documents: DOCUMENTS,
        documentChars: DOCUMENT_CHARS,
        uploadConcurrency: UPLOAD_CONCURRENCY,
      });
      result.ingestCeilingDocsPerSecond = ceiling.serverDocsPerSecond;
    }
    await stopServer(server);

    provider.setServiceTime(INSTANT);
    server = await start(database.env, provider);
    token = await signIn(server.baseUrl, false);
    if (!SKIP.has('memory')) {
      console.log(`[${target}] ingesting one ${LARGE_FILE_MB} MB file…`);
      result.memory = await measureLargeFile(server.baseUrl, token, server.child.pid ?? 0, provider, LARGE_FILE_MB);
    }
    if (!SKIP.has('queries')) {
      const anchor = await upload(server.baseUrl, token, 'collection.txt', 'The seeded chunks join this file.');
      await processed(server.baseUrl, token, anchor);
      const collection = `file-${anchor}`;
      await stopServer(server);
      console.log(`[${target}] seeding ${CHUNKS} chunks…`);
      const seeded = await seedChunks(database.seedTarget, collection, CHUNKS, 250);
      const started = performance.now();
      server = await start(database.env, provider);
      // pgvector's index over the seeded vectors is built by the server in the background once it starts.
      if (database.seedTarget.kind === 'postgres') await waitForHnswIndex(database.seedTarget.url);
      const startSeconds = (performance.now() - started) / 1000;
      token = await signIn(server.baseUrl, false);
      const asked = questions(seeded, QUERIES);
      const first = performance.now();
      await call(server.baseUrl, token, 'POST', '/api/v1/retrieval/query/doc', {
        collection_name: collection,
        query: asked[0],
        k: 10,
      });
      const firstQueryMs = performance.now() - first;
      console.log(`[${target}] ${QUERIES} queries…`);
      const serverPid = server.child.pid ?? 0;
      const processes = () => servingProcesses(serverPid, database.seedTarget);
      const vector = await measureLatency(server.baseUrl, token, collection, asked, 20, processes);
      const recallAt10 = await measureRecall(server.baseUrl, token, collection, seeded, asked.slice(0, RECALL_QUERIES));
      await call(server.baseUrl, token, 'POST', '/api/v1/retrieval/config/update', { ENABLE_RAG_HYBRID_SEARCH: true });
      const hybrid = await measureLatency(server.baseUrl, token, collection, asked, 20, processes);
      result.queries = {
        chunks: CHUNKS,
        seedSeconds: seeded.seconds,
        startSeconds,
        firstQueryMs,
        vector,
        hybrid,
        recallAt10,
      };
    }
    await stopServer(server);
  } finally {
    await database.drop();
  }
  return result;
}

/** The server's process, and on PostgreSQL the backends connected to its database (its pool, warmed up by then). */
async function servingProcesses(serverPid: number, target: Target): Promise<ServingProcesses> {
  if (target.kind === 'sqlite') return { server: [serverPid], database: [] };
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return { server: [serverPid], database: rows.map((row) => row.pid) };
  } finally {
    await client.end();
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const cpuText = ({ cpuMsPerQuery: cpu }: LatencyResult) =>
  cpu === null ? '' : ` (CPU per query: server ${fixed(cpu.server)} ms, database ${fixed(cpu.database)} ms)`;

function report(results: TargetResult[]): string[] {
  const verdicts: string[] = [];
  const judge = (ok: boolean, text: string) => verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(
    `\nretrieval benchmark (load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(
        ' ',
      )}) — provider: ${INGEST_TIME.slots} device(s), ${INGEST_TIME.requestMs} ms/request + ${INGEST_TIME.textMs} ms/text; batch ${BATCH_SIZE}\n`,
  );
  for (const { target, ingest, ingestCeilingDocsPerSecond, memory, queries } of results) {
    if (ingest) {
      console.log(
        `${target}: ingest ${ingest.documents} docs (${fixed(ingest.textMb)} MB, ${ingest.chunks} chunks, ${ingest.requests} requests, ` +
          `peak ${ingest.peakInFlight} in flight): server ${fixed(ingest.serverDocsPerSecond)} docs/s (${fixed(ingest.serverSeconds, 2)} s), ` +
          `direct ${fixed(ingest.directDocsPerSecond)} docs/s (${fixed(ingest.directSeconds, 2)} s), ratio ${fixed(ingest.ratio, 2)}`,
      );
      console.log(`${target}: server ceiling (instant provider) ${fixed(ingestCeilingDocsPerSecond ?? 0)} docs/s`);
      judge(ingest.ratio >= 0.8, `${target} ingest ratio ${fixed(ingest.ratio, 2)} ≥ 0.8`);
    }
    if (memory) {
      console.log(
        `${target}: ${fixed(memory.fileMb)} MB file (${memory.chunks} chunks) in ${fixed(memory.seconds)} s, RSS ${fixed(memory.rssBeforeMb)} → ` +
          `${fixed(memory.rssPeakMb)} MB (+${fixed(memory.growthMb)} MB)`,
      );
      judge(
        memory.growthMb <= 2 * memory.fileMb,
        `${target} RSS growth ${fixed(memory.growthMb)} MB ≤ 2 × ${fixed(memory.fileMb)} MB`,
      );
    }
    if (queries) {
      const { vector, hybrid } = queries;
      console.log(
        `${target}: ${queries.chunks} chunks seeded in ${fixed(queries.seedSeconds)} s; server start (with pgvector: and its index build) ${fixed(queries.startSeconds)} s; ` +
          `first query ${fixed(queries.firstQueryMs)} ms`,
      );
      console.log(
        `${target}: vector p50 ${fixed(vector.p50Ms, 2)} ms, p99 ${fixed(vector.p99Ms, 2)} ms${cpuText(vector)}; ` +
          `hybrid p50 ${fixed(hybrid.p50Ms, 2)} ms, p99 ${fixed(hybrid.p99Ms, 2)} ms${cpuText(hybrid)}; recall@10 ${fixed(queries.recallAt10, 3)}`,
      );
      judge(
        vector.p50Ms <= 20 && vector.p99Ms <= 60,
        `${target} vector query p50 ${fixed(vector.p50Ms, 2)} ≤ 20 ms, p99 ${fixed(vector.p99Ms, 2)} ≤ 60 ms`,
      );
      judge(queries.recallAt10 >= 0.95, `${target} recall@10 ${fixed(queries.recallAt10, 3)} ≥ 0.95`);
    }
  }
  console.log(`\n${verdicts.join('\n')}`);
  return verdicts;
}

async function main(): Promise<void> {
  const provider = await startBenchProvider(INGEST_TIME);
  const results: TargetResult[] = [];
  try {
    for (const target of TARGETS) {
      if (target !== 'sqlite' && target !== 'pgvector') throw new Error(`unknown BENCH_TARGETS entry ${target}`);
      results.push(await runTarget(target, provider));
    }
  } finally {
    await provider.close();
  }
  const verdicts = report(results);
  const file = writeResults('retrieval', { provider: INGEST_TIME, batchSize: BATCH_SIZE, results, verdicts });
  console.log(`\nresults: ${file}`);
  if (verdicts.some((line) => line.startsWith('FAIL'))) process.exitCode = 1;
}

runMain(main, remove);
