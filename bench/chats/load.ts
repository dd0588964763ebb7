// Read-path load with autocannon: fixed-duration runs per scenario, per-request latencies kept.
import autocannon from 'autocannon';
import { LOOPBACK } from '../../test/support/processes.js';

export interface Scenario {
  name: string;
  path: string;
  token?: string;
}

export interface LoadSettings {
  connections: number;
  /** Measured seconds per scenario, split over `rounds`. */
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  /**
   * Called after every run. autocannon stops at the deadline with requests still queued in the server;
   * a slow route (a 500 ms search times 10 connections) would otherwise eat the next scenario's time.
   */
  settle?: () => Promise<unknown>;
}

export interface LoadRow {
  scenario: string;
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

function load(baseUrl: string, scenario: Scenario, connections: number, seconds: number): Promise<LoadRun> {
  const url = new URL(scenario.path, baseUrl);
  if (url.hostname !== LOOPBACK) throw new Error(`refusing non-loopback target ${url.href}`);
  const headers: Record<string, string> = scenario.token ? { authorization: `Bearer ${scenario.token}` } : {};
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const options = { url: url.href, method: 'GET' as const, headers, connections, duration: seconds };
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
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Tally {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencies: number[];
}

/**
 * Runs every scenario. The measured time is cut into rounds that cycle through the scenarios, so
 * background load on a shared machine hits the /health baseline and the chat routes alike.
 */
export async function measure(baseUrl: string, scenarios: Scenario[], settings: LoadSettings): Promise<LoadRow[]> {
  const { connections, seconds, rounds, warmupSeconds, settle } = settings;
  // An unrecorded run first so JIT warm-up, lazy initialisation and the page cache do not count.
  if (warmupSeconds > 0) {
    for (const s of scenarios) {
      await load(baseUrl, s, connections, warmupSeconds);
      await settle?.();
    }
  }
  const tallies = scenarios.map((): Tally => ({ seconds: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, latencies: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, s] of scenarios.entries()) {
      const { result, latencies } = await load(baseUrl, s, connections, seconds / rounds);
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
  return scenarios.map(({ name }, i) => {
    const t = tallies[i];
    const sorted = t.latencies.sort((a, b) => a - b);
    return {
      scenario: name,
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
