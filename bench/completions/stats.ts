// Turning stream samples into the numbers the report shows.
import { percentile } from '../common.js';
import type { StreamSample, TargetName } from './stream-client.js';

/** One set of concurrent streams against one target. */
export interface Round {
  target: TargetName;
  /** First request sent -> last stream ended, ms. */
  wallMs: number;
  /** CPU ms of the server child during the round; null when unknown (not Linux, or not tracked). */
  serverCpuMs: number | null;
  /** CPU ms of this process (mock and client together) during the round. */
  benchCpuMs: number;
  /** CPU ms the rest of the machine used during the round; null when unknown. */
  otherCpuMs: number | null;
  samples: StreamSample[];
}

export interface Summary {
  target: TargetName;
  streams: number;
  /** Streams that were not a complete 200 answer with the expected number of chunks. */
  failed: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  durationP50Ms: number;
  durationP99Ms: number;
  /** Content chunks per second of wall time, all streams together, summed over rounds. */
  chunksPerSec: number;
  /** Body megabytes (10^6) per second of wall time. */
  mbPerSec: number;
  /** CPU time / wall time, in % of one core: near 100 means that process was the bottleneck. */
  serverCpuPct: number | null;
  benchCpuPct: number;
  otherCpuPct: number | null;
  /** Server CPU per content chunk delivered, request handling included (µs). */
  serverCpuUsPerChunk: number | null;
  /** Median TTFB of each round, to show how much rounds differ. */
  roundTtfbP50Ms: number[];
  firstError?: string;
}

/** The mock ends every stream with one stop chunk and `data: [DONE]` after the content chunks. */
export const TRAILING_EVENTS = 2;

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);

export function isComplete(sample: StreamSample, chunks: number): boolean {
  return (
    sample.error === undefined &&
    sample.status === 200 &&
    sample.done &&
    sample.ttfbMs !== null &&
    sample.events === chunks + TRAILING_EVENTS
  );
}

/** Pools every round of one target; percentiles are over all streams of all rounds. */
export function summarize(target: TargetName, rounds: Round[], chunks: number): Summary {
  const samples = rounds.flatMap((r) => r.samples);
  const ok = samples.filter((s) => isComplete(s, chunks));
  const ttfbs = ascending(ok.map((s) => s.ttfbMs ?? Number.NaN));
  const durations = ascending(ok.map((s) => s.totalMs));
  const seconds = rounds.reduce((sum, r) => sum + r.wallMs, 0) / 1000;
  const bytes = ok.reduce((sum, s) => sum + s.bodyBytes, 0);
  const serverCpu = sumOrNull(rounds.map((r) => r.serverCpuMs));
  const otherCpu = sumOrNull(rounds.map((r) => r.otherCpuMs));
  const benchCpu = rounds.reduce((sum, r) => sum + r.benchCpuMs, 0);
  const bad = samples.find((s) => !isComplete(s, chunks));
  return {
    target,
    streams: samples.length,
    failed: samples.length - ok.length,
    ttfbP50Ms: percentile(ttfbs, 50),
    ttfbP99Ms: percentile(ttfbs, 99),
    durationP50Ms: percentile(durations, 50),
    durationP99Ms: percentile(durations, 99),
    chunksPerSec: (ok.length * chunks) / seconds,
    mbPerSec: bytes / 1e6 / seconds,
    serverCpuPct: serverCpu === null ? null : serverCpu / 10 / seconds,
    benchCpuPct: benchCpu / 10 / seconds,
    otherCpuPct: otherCpu === null ? null : otherCpu / 10 / seconds,
    serverCpuUsPerChunk: serverCpu === null || ok.length === 0 ? null : (serverCpu * 1000) / (ok.length * chunks),
    roundTtfbP50Ms: rounds.map((r) =>
      percentile(ascending(r.samples.filter((s) => isComplete(s, chunks)).map((s) => s.ttfbMs ?? Number.NaN)), 50),
    ),
    ...(bad && { firstError: bad.error ?? describeIncomplete(bad, chunks) }),
  };
}

function sumOrNull(values: (number | null)[]): number | null {
  return values.every((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;
}

function describeIncomplete(sample: StreamSample, chunks: number): string {
  return `status ${sample.status}, ${sample.events} events (expected ${chunks + TRAILING_EVENTS}), done=${sample.done}`;
}
