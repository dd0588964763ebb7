// Console tables with the targets.
import type { BytesRow, StreamsResult } from './scenarios.js';
import { percentile, ratioOf } from '../common.js';
import type { TargetName } from './stream-client.js';

export type Verdict = 'PASS' | 'MISS' | 'INVALID';

export interface Judged {
  name: string;
  value: number | null;
  /** Human-readable limit, e.g. "<= 5". */
  limit: string;
  verdict: Verdict;
}

const fmt = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
// null instead of Infinity/NaN when the baseline value is 0 (e.g. every direct stream failed).

function line(cells: string[], widths: number[]): void {
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i]))).join(' '));
}

/** A proxy (webui-nest, or the node:http reference) against direct for one scenario. */
export interface Comparison {
  scenario: string;
  target: TargetName;
  /** Difference of pooled percentiles: streams are not paired, so per-stream deltas do not exist. */
  addedTtfbP50Ms: number;
  addedTtfbP99Ms: number;
  /** Round i of the proxy minus round i of direct (p50s), to show one noisy round did not decide it. */
  addedTtfbP50PerRoundMs: number[];
  throughputRatio: number | null;
  /** Server CPU per chunk, request handling included (µs). */
  serverCpuUsPerChunk: number | null;
  /** Any failed stream makes the scenario's verdicts INVALID: a fast wrong answer proves nothing. */
  valid: boolean;
}

export function compare({ scenario, summaries }: StreamsResult, target: TargetName): Comparison {
  const { direct } = summaries;
  const proxy = summaries[target];
  if (!direct || !proxy) throw new Error(`no ${direct ? target : 'direct'} rounds in ${scenario.label}`);
  return {
    scenario: scenario.label,
    target,
    addedTtfbP50Ms: proxy.ttfbP50Ms - direct.ttfbP50Ms,
    addedTtfbP99Ms: proxy.ttfbP99Ms - direct.ttfbP99Ms,
    addedTtfbP50PerRoundMs: proxy.roundTtfbP50Ms.map((ms, i) => ms - (direct.roundTtfbP50Ms[i] ?? Number.NaN)),
    throughputRatio: ratioOf(proxy.chunksPerSec, direct.chunksPerSec),
    serverCpuUsPerChunk: proxy.serverCpuUsPerChunk,
    valid: direct.failed === 0 && proxy.failed === 0,
  };
}

export interface BytesVerdict {
  /** webui-nest body bytes per chunk, long answer / short answer. */
  bodyRatio: number | null;
  wireRatio: number | null;
  /** A passthrough must deliver exactly the provider's body bytes, at both lengths. */
  identicalToDirect: boolean;
  valid: boolean;
}

export function compareBytes(rows: BytesRow[], lengths: [number, number]): BytesVerdict {
  const find = (target: string, chunks: number) => rows.find((b) => b.target === target && b.chunks === chunks);
  const short = find('webui-nest', lengths[0]);
  const long = find('webui-nest', lengths[1]);
  return {
    bodyRatio: short && long ? ratioOf(long.bodyBytesPerChunk, short.bodyBytesPerChunk) : null,
    wireRatio: short && long ? ratioOf(long.wireBytesPerChunk, short.wireBytesPerChunk) : null,
    identicalToDirect: lengths.every(
      (chunks) => find('webui-nest', chunks)?.bodyBytesPerChunk === find('direct', chunks)?.bodyBytesPerChunk,
    ),
    valid: rows.every((b) => b.failed === 0),
  };
}

export interface Limits {
  addedTtfbP50Ms: number;
  throughputRatio: number;
  bytesTolerance: number;
}

/** Added TTFB is judged on the paced scenario, throughput on the flat-out one (see run.ts for why). */
export function judge(paced: Comparison, flat: Comparison, bytes: BytesVerdict, limits: Limits): Judged[] {
  const verdict = (valid: boolean, value: number | null, pass: (v: number) => boolean): Verdict =>
    !valid || value === null || !Number.isFinite(value) ? 'INVALID' : pass(value) ? 'PASS' : 'MISS';
  const tol = limits.bytesTolerance;
  return [
    {
      name: `added TTFB p50 ms (${paced.scenario})`,
      value: paced.addedTtfbP50Ms,
      limit: `<= ${limits.addedTtfbP50Ms}`,
      verdict: verdict(paced.valid, paced.addedTtfbP50Ms, (v) => v <= limits.addedTtfbP50Ms),
    },
    {
      name: `throughput x direct (${flat.scenario})`,
      value: flat.throughputRatio,
      limit: `>= ${limits.throughputRatio}`,
      verdict: verdict(flat.valid, flat.throughputRatio, (v) => v >= limits.throughputRatio),
    },
    {
      name: 'bytes/chunk long / short',
      value: bytes.bodyRatio,
      limit: `1 +- ${tol}`,
      verdict: verdict(bytes.valid && bytes.identicalToDirect, bytes.bodyRatio, (v) => Math.abs(v - 1) <= tol),
    },
  ];
}

/** `comparisons`: webui-nest against direct first, then the reference proxy when it ran. */
export function printStreams(result: StreamsResult, comparisons: Comparison[], streams: number, chunks: number): void {
  const { label, chunkDelayMs, rampMs, rounds } = result.scenario;
  const pacing = chunkDelayMs > 0 ? `${chunkDelayMs} ms between chunks` : 'no delay between chunks';
  const starts = rampMs > 0 ? `starts spread over ${rampMs} ms` : 'all started at once';
  console.log(`\n${label}: ${streams} streams x ${chunks} chunks, ${pacing}, ${starts}, ${rounds} rounds per target\n`);
  const widths = [11, 9, 9, 8, 8, 10, 7, 8, 6, 6, 8];
  const head = [
    'target',
    'TTFB p50',
    'TTFB p99',
    'dur p50',
    'dur p99',
    'chunks/s',
    'MB/s',
    'srv CPU',
    'bench',
    'other',
  ];
  line([...head, 'failed'], widths);
  for (const s of Object.values(result.summaries)) {
    line(
      [
        s.target,
        fmt(s.ttfbP50Ms, 2),
        fmt(s.ttfbP99Ms, 2),
        fmt(s.durationP50Ms, 0),
        fmt(s.durationP99Ms, 0),
        fmt(s.chunksPerSec, 0),
        fmt(s.mbPerSec, 2),
        `${fmt(s.serverCpuPct, 0)}%`,
        `${fmt(s.benchCpuPct, 0)}%`,
        `${fmt(s.otherCpuPct, 0)}%`,
        `${s.failed}/${s.streams}`,
      ],
      widths,
    );
    if (s.firstError) console.log(`  WARNING ${s.target}: ${s.firstError}`);
  }
  if (rampMs > 0) {
    for (const target of Object.keys(result.summaries) as TargetName[]) {
      const deciles = ttfbByStartDecile(result, target).map((v) => fmt(v, 1));
      console.log(`${target} TTFB p50 by start decile (more streams open as it rises): ${deciles.join(' ')}`);
    }
  }
  for (const c of comparisons) {
    console.log(
      `${c.target}: added TTFB (difference of pooled percentiles) p50 ${fmt(c.addedTtfbP50Ms, 2)} ms, ` +
        `p99 ${fmt(c.addedTtfbP99Ms, 2)} ms (per-round p50: ${c.addedTtfbP50PerRoundMs.map((v) => fmt(v, 1)).join(', ')}); ` +
        `throughput / direct ${fmt(c.throughputRatio, 3)}; server CPU per chunk ${fmt(c.serverCpuUsPerChunk, 1)} µs ` +
        '(request handling included)',
    );
  }
  console.log(
    '(CPU in % of one core: srv = the proxy of that row, bench = mock + client, other = rest of the machine)',
  );
  if (rampMs === 0) {
    console.log(
      '(all started at once: TTFB here is mostly queueing behind the other requests, not per-stream latency)',
    );
  }
}

/**
 * Median TTFB of the streams started in each tenth of the ramp, all rounds pooled: shows how the
 * added latency grows with the number of streams already open. Samples are kept in start order.
 */
function ttfbByStartDecile({ rounds }: StreamsResult, target: TargetName): number[] {
  return Array.from({ length: 10 }, (_, decile) => {
    const ttfbs = rounds
      .filter((r) => r.target === target)
      .flatMap((r) => {
        const from = Math.floor((decile * r.samples.length) / 10);
        const to = Math.floor(((decile + 1) * r.samples.length) / 10);
        return r.samples.slice(from, to).flatMap((s) => (s.ttfbMs === null ? [] : [s.ttfbMs]));
      });
    ttfbs.sort((a, b) => a - b);
    return percentile(ttfbs, 50);
  });
}

export function printBytes(rows: BytesRow[], verdict: BytesVerdict, chunkDelayMs: number): void {
  console.log(`\nbytes per chunk by answer length (same chunk text width, ${chunkDelayMs} ms between chunks)\n`);
  const widths = [11, 8, 8, 12, 12, 8];
  line(['target', 'chunks', 'streams', 'body B/chk', 'wire B/chk', 'failed'], widths);
  for (const r of rows) {
    const cells = [r.target, String(r.chunks), String(r.streams)];
    line([...cells, fmt(r.bodyBytesPerChunk, 2), fmt(r.wireBytesPerChunk, 2), String(r.failed)], widths);
  }
  console.log(
    `webui-nest long / short: body ${fmt(verdict.bodyRatio, 3)}, wire ${fmt(verdict.wireRatio, 3)}; ` +
      `body bytes identical to direct: ${verdict.identicalToDirect ? 'yes' : 'NO'}`,
  );
}

export function printTargets(judged: Judged[]): void {
  console.log('');
  const widths = [36, 10, 10, 8];
  line(['target', 'measured', 'limit', 'verdict'], widths);
  for (const j of judged) line([j.name, fmt(j.value, j.name.includes('ms') ? 2 : 3), j.limit, j.verdict], widths);
}
