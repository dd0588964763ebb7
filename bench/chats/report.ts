// Console tables and targets of the chats benchmark.
import type { AppendRow } from './append.js';
import type { Check } from './checks.js';
import { ratioOf } from '../common.js';
import type { LoadRow } from '../load.js';

export interface Target {
  name: string;
  /** What is compared, e.g. "list p50 ms". */
  metric: string;
  value: number | null;
  limit: number;
  /** Scenario whose correctness check must hold for a PASS to mean anything. */
  checkedBy?: string;
}

export type Verdict = 'PASS' | 'MISS' | 'INVALID';

export interface Judged extends Target {
  verdict: Verdict;
}

const fmt = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);

export function judge(targets: Target[], checks: Check[]): Judged[] {
  return targets.map((t) => {
    const valid = checks.filter((c) => c.scenario === t.checkedBy).every((c) => c.ok);
    const verdict: Verdict = !valid || t.value === null ? 'INVALID' : t.value <= t.limit ? 'PASS' : 'MISS';
    return { ...t, verdict };
  });
}

function line(cells: string[], widths: number[]): void {
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i]))).join(' '));
}

export function printReads(rows: LoadRow[], single: LoadRow[], checks: Check[]): void {
  const widths = [15, 9, 8, 8, 10, 10, 11, 9, 14];
  const c = rows[0]?.connections ?? 0;
  line(
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'p50 c=1', 'p99 c=1', 'p50/health', 'resp KB', 'non2xx/err/to'],
    widths,
  );
  const health = rows.find((r) => r.label === 'health');
  for (const r of rows) {
    const one = single.find((s) => s.label === r.label);
    const check = checks.find((k) => k.scenario === r.label);
    line(
      [
        r.label,
        fmt(r.reqPerSec, 0),
        fmt(r.p50Ms, 2),
        fmt(r.p99Ms, 2),
        one ? fmt(one.p50Ms, 2) : '-',
        one ? fmt(one.p99Ms, 2) : '-',
        health ? fmt(ratioOf(r.p50Ms, health.p50Ms), 1) : '-',
        check ? fmt(check.bytes / 1024, 1) : '-',
        `${r.non2xx + (one?.non2xx ?? 0)}/${r.errors + (one?.errors ?? 0)}/${r.timeouts + (one?.timeouts ?? 0)}`,
      ],
      widths,
    );
  }
  console.log(`(req/s, p50, p99 at ${c} connections; "c=1" is one connection, no queueing)`);
}

/**
 * Median append time minus median open time of the same chats, large over small: an estimate of the
 * write work alone, since the append route also answers with the whole chat. Null when not positive.
 */
export function netAppendRatio(appends: [AppendRow, AppendRow], opens: [AppendRow, AppendRow]): number | null {
  const small = appends[0].p50Ms - opens[0].p50Ms;
  const large = appends[1].p50Ms - opens[1].p50Ms;
  return small > 0 && large > 0 ? large / small : null;
}

export function printAppends(appends: [AppendRow, AppendRow], opens: [AppendRow, AppendRow]): void {
  const widths = [22, 9, 8, 8, 8, 9, 9];
  line(['request', 'samples', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'resp KB'], widths);
  const rows = [
    ...appends.map((r) => ({ label: `append to ${r.messages} msgs`, r })),
    ...opens.map((r) => ({ label: `open ${r.messages} msgs`, r })),
  ];
  for (const { label, r } of rows) {
    const cells = [fmt(r.meanMs, 2), fmt(r.p50Ms, 2), fmt(r.p90Ms, 2), fmt(r.p99Ms, 2), fmt(r.meanBytes / 1024, 1)];
    line([label, String(r.samples), ...cells], widths);
  }
  for (const [kind, [small, large]] of [
    ['append', appends],
    ['open', opens],
  ] as const) {
    const mean = fmt(ratioOf(large.meanMs, small.meanMs), 2);
    console.log(
      `${kind} ratio ${large.messages}/${small.messages}: mean ${mean}, p50 ${fmt(ratioOf(large.p50Ms, small.p50Ms), 2)}`,
    );
  }
  const net = netAppendRatio(appends, opens);
  console.log(
    `append minus open, ratio ${appends[1].messages}/${appends[0].messages} (p50, write work alone): ${fmt(net, 2)}`,
  );
  console.log('(sequential, one connection; "open" reads the same chats back: the response-size share of the ratio)');
}

export function printTargets(judged: Judged[], checks: Check[]): void {
  const widths = [22, 9, 9, 8];
  line(['target', 'measured', 'limit', 'result'], widths);
  for (const t of judged) line([t.metric, fmt(t.value, 2), `<= ${t.limit}`, t.verdict], widths);
  for (const c of checks.filter((k) => !k.ok))
    console.log(`WARNING: ${c.scenario} returned wrong results: ${c.detail}`);
}
