// Query latency over a seeded collection, and recall@10 of what the server returns against the exact
// nearest chunks (1.0 for the exact in-process scan; pgvector's HNSW is approximate).
import { cpuTicks } from '../chats/idle.js';
import { percentile } from '../common.js';
import { benchEmbedding } from './embedding.js';
import { Corpus } from './corpus.js';
import { call } from './http.js';
import { exactTop, type Seeded } from './seed.js';

export interface LatencyResult {
  queries: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /**
   * CPU time the server and its database backends spent per query (clock ticks of /proc, so whatever
   * else loads the machine): the latency an idle machine would see is about their sum, plus waits.
   */
  cpuMsPerQuery: { server: number; database: number } | null;
}

export function questions(seeded: Seeded, count: number): string[] {
  const corpus = new Corpus(99);
  return Array.from({ length: count }, () => corpus.questionAbout(corpus.pick(seeded.texts), 5));
}

/** POST /query/doc for each question in turn (after `warmup` unmeasured ones); client-side latency. */
export async function measureLatency(
  base: string,
  token: string,
  collection: string,
  asked: string[],
  warmup: number,
  /** The server's process and the database backends serving it. */
  processes: () => Promise<ServingProcesses>,
): Promise<LatencyResult> {
  const times: number[] = [];
  let before: { pids: ServingProcesses; server: number | null; database: number | null } | undefined;
  for (let i = 0; i < asked.length + warmup; i++) {
    if (i === warmup) {
      const pids = await processes();
      before = { pids, server: totalTicks(pids.server), database: totalTicks(pids.database) };
    }
    const question = asked[i % asked.length];
    const started = performance.now();
    await call(base, token, 'POST', '/api/v1/retrieval/query/doc', {
      collection_name: collection,
      query: question,
      k: 10,
    });
    if (i >= warmup) times.push(performance.now() - started);
  }
  const spent = (pids: number[] | undefined, from: number | null | undefined) => {
    const to = pids ? totalTicks(pids) : null;
    return to === null || from === null || from === undefined ? null : ((to - from) * TICK_MS) / times.length;
  };
  const server = spent(before?.pids.server, before?.server);
  const database = spent(before?.pids.database, before?.database);
  times.sort((a, b) => a - b);
  return {
    cpuMsPerQuery: server === null || database === null ? null : { server, database },
    queries: times.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    meanMs: times.reduce((sum, t) => sum + t, 0) / times.length,
  };
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICK_MS = 10;

/** The server's process; on PostgreSQL, the backends connected to its database. */
export interface ServingProcesses {
  server: number[];
  database: number[];
}

function totalTicks(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const ticks = cpuTicks(pid);
    if (ticks === null) return null;
    total += ticks;
  }
  return total;
}

/** Mean share of the exact top 10 that the server's top 10 holds. */
export async function measureRecall(
  base: string,
  token: string,
  collection: string,
  seeded: Seeded,
  asked: string[],
): Promise<number> {
  const rowOf = new Map(seeded.texts.map((text, row) => [text, row]));
  let total = 0;
  for (const question of asked) {
    const answer = (await call(base, token, 'POST', '/api/v1/retrieval/query/doc', {
      collection_name: collection,
      query: question,
      k: 10,
    })) as { documents: string[][] };
    const got = new Set(answer.documents[0].map((text) => rowOf.get(text)));
    const exact = exactTop(seeded, Float32Array.from(benchEmbedding(question)), 10);
    total += exact.filter((row) => got.has(row)).length / exact.length;
  }
  return total / asked.length;
}
