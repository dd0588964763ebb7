// Load with autocannon, shared by the benchmarks: fixed-duration runs, per-request latencies kept,
// rounds that alternate between the runs so background load on a shared machine hits all alike.
import autocannon from 'autocannon';
import { LOOPBACK } from '../test/support/processes.js';
import { percentile } from './common.js';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One thing to measure: a request against a server, under a label that names its row. */
export interface LoadTarget {
  label: string;
  baseUrl: string;
  request: LoadRequest;
}

export interface LoadSettings {
  connections: number;
  /** Measured seconds per target, split over `rounds`. */
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  /**
   * Called after every run. autocannon stops at the deadline with requests still queued in the server;
   * a slow route (a 500 ms search times 10 connections) would otherwise eat the next target's time.
   */
  settle?: () => Promise<unknown>;
}

export interface LoadRow {
  label: string;
  connections: number;
  /** Successful (2xx) responses per second, so error responses cannot inflate throughput. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface LoadRun {
  result: autocannon.Result;
  /** 2xx latencies in ms. Kept here because autocannon's histogram rounds to whole ms, too coarse for /health. */
  latencies: number[];
}

function load({ baseUrl, request }: LoadTarget, connections: number, seconds: number): Promise<LoadRun> {
  const url = new URL(request.path, baseUrl);
  if (url.hostname !== LOOPBACK) throw new Error(`refusing non-loopback target ${url.href}`);
  const headers = { ...request.headers, ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) };
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const method = request.method ?? 'GET';
    const options = { url: url.href, method, headers, body: request.body, connections, duration: seconds };
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed'));
      else resolve({ result, latencies });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

interface Tally {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencies: number[];
}

/** Runs every target, in rounds that cycle through them; one row per target, in order. */
export async function measure(targets: LoadTarget[], settings: LoadSettings): Promise<LoadRow[]> {
  const { connections, seconds, rounds, warmupSeconds, settle } = settings;
  // An unrecorded run first so JIT warm-up, lazy initialisation and the page cache do not count.
  if (warmupSeconds > 0) {
    for (const target of targets) {
      await load(target, connections, warmupSeconds);
      await settle?.();
    }
  }
  const tallies = targets.map((): Tally => ({ seconds: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, latencies: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const { result, latencies } = await load(target, connections, seconds / rounds);
      await settle?.();
      const t = tallies[i];
      t.seconds += result.duration;
      t.ok += result['2xx'];
      t.non2xx += result.non2xx;
      t.errors += result.errors;
      t.timeouts += result.timeouts;
      for (const ms of latencies) t.latencies.push(ms);
    }
  }
  return targets.map(({ label }, i) => {
    const t = tallies[i];
    const sorted = t.latencies.sort((a, b) => a - b);
    return {
      label,
      connections,
      reqPerSec: t.ok / t.seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      ok: t.ok,
      non2xx: t.non2xx,
      errors: t.errors,
      timeouts: t.timeouts,
    };
  });
}
