// The measurements: concurrent streams (TTFB, throughput) and bytes per chunk by answer length.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockProvider } from '../../test/support/mock-provider.js';
import { startCpuSpan } from './cpu.js';
import { isComplete, type Round, summarize, type Summary } from './stats.js';
import { runStream, type StreamSample, type StreamTarget, type TargetName } from './stream-client.js';

export const MODEL = 'bench-model';

const REQUEST_BODY = JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });

/** A stream that sends nothing for this long has stalled; the bench reports it instead of waiting. */
const IDLE_TIMEOUT_MS = 30_000;

/**
 * Token-sized chunk texts of one fixed width, so every SSE event has the same size whatever the
 * answer's length and any growth in bytes per chunk comes from the server, not the script.
 */
export function answer(chunks: number): string[] {
  return Array.from({ length: chunks }, (_, i) => ` w${String(i % 10_000).padStart(4, '0')}`);
}

/** How streams are paced and started. */
export interface Scenario {
  label: string;
  /** Mock delay between chunks; 0 sends as fast as the sockets take it. */
  chunkDelayMs: number;
  /** Stream starts are spread evenly over this window; 0 starts them all at once. */
  rampMs: number;
  /** Measured rounds per target. */
  rounds: number;
}

/** Direct first, then the proxies measured against it. */
export interface TargetSet {
  targets: StreamTarget[];
}

/** Starts `streams` requests over `rampMs` (0: all at once) and waits for every one to end. */
export async function runRound(target: StreamTarget, streams: number, rampMs: number): Promise<Round> {
  const cpu = startCpuSpan(target.pid);
  const started = performance.now();
  const stream = () => runStream(target, REQUEST_BODY, IDLE_TIMEOUT_MS);
  const pending: Promise<StreamSample>[] = [];
  for (let i = 0; i < streams; i++) {
    const at = (i * rampMs) / streams;
    // A timer per start, not an awaited loop, so a slow stream never delays the next start.
    pending.push(at > 0 ? sleep(at).then(stream) : stream());
  }
  const samples = await Promise.all(pending);
  const wallMs = performance.now() - started;
  const { serverMs, benchMs, otherMs } = cpu.stop();
  return { target: target.name, wallMs, serverCpuMs: serverMs, benchCpuMs: benchMs, otherCpuMs: otherMs, samples };
}

export interface StreamsOptions {
  streams: number;
  chunks: number;
}

export interface StreamsResult {
  scenario: Scenario;
  summaries: Partial<Record<TargetName, Summary>>;
  rounds: Round[];
}

/**
 * Rounds alternate between targets, and the order flips every round (direct, nest, nest, direct...),
 * so background noise and drift on a shared 2-CPU machine hit every target alike.
 */
export async function measureStreams(
  mock: MockProvider,
  { targets }: TargetSet,
  scenario: Scenario,
  options: StreamsOptions,
): Promise<StreamsResult> {
  mock.script(MODEL, { chunks: answer(options.chunks), chunkDelayMs: scenario.chunkDelayMs });
  // Unrecorded: fills both keep-alive pools (ours and the server's pool to the mock) and warms the JIT.
  for (const target of targets) {
    expectComplete(await runRound(target, options.streams, scenario.rampMs), options.chunks);
  }
  const rounds: Round[] = [];
  for (let r = 0; r < scenario.rounds; r++) {
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) rounds.push(await runRound(target, options.streams, scenario.rampMs));
  }
  const own = (name: TargetName) => rounds.filter((r) => r.target === name);
  const summaries = Object.fromEntries(targets.map(({ name }) => [name, summarize(name, own(name), options.chunks)]));
  return { scenario, summaries, rounds };
}

export interface BytesRow {
  target: TargetName;
  chunks: number;
  streams: number;
  failed: number;
  /** Decoded body bytes / content chunks. */
  bodyBytesPerChunk: number;
  /** Socket bytes (headers and chunked framing included) / content chunks. */
  wireBytesPerChunk: number;
}

/**
 * Same chunk size, short and long answers: bytes per chunk must not grow with the answer. Paced, so
 * each chunk travels as its own write like a real provider's tokens (unpaced, the mock's writes
 * coalesce and the wire bytes would show socket batching rather than what the server sends).
 */
export async function measureBytes(
  mock: MockProvider,
  { targets }: TargetSet,
  lengths: [number, number],
  options: { streams: number; chunkDelayMs: number },
): Promise<BytesRow[]> {
  const { streams, chunkDelayMs } = options;
  const rows: BytesRow[] = [];
  for (const chunks of lengths) {
    mock.script(MODEL, { chunks: answer(chunks), chunkDelayMs });
    for (const target of targets) {
      const { samples } = await runRound(target, streams, 0);
      const ok = samples.filter((s) => isComplete(s, chunks));
      const total = ok.length * chunks;
      rows.push({
        target: target.name,
        chunks,
        streams,
        failed: samples.length - ok.length,
        bodyBytesPerChunk: ok.reduce((sum, s) => sum + s.bodyBytes, 0) / total,
        wireBytesPerChunk: ok.reduce((sum, s) => sum + s.wireBytes, 0) / total,
      });
    }
  }
  return rows;
}

/** Warm-up doubles as a smoke test: a misconfigured server fails here with its own error text. */
function expectComplete(round: Round, chunks: number): void {
  const bad = round.samples.find((s) => !isComplete(s, chunks));
  if (bad) {
    const what = bad.error ?? `status ${bad.status}, ${bad.events} events, done=${bad.done}`;
    throw new Error(`${round.target} warm-up stream failed: ${what}`);
  }
}
