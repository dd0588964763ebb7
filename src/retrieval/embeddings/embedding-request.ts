/**
 * One batch, posted until it succeeds or retrying cannot help: network errors, 429 and 5xx are retried with
 * exponential backoff and jitter (the server's Retry-After wins); other statuses, a timeout and an
 * answer that cannot be read end it at once. A timed-out request is not repeated, so a dead server costs
 * the caller one timeout, not one per attempt.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddingError } from './embedding-error.js';
import type { EmbeddingWire } from './embedding-wire.js';

export interface RetryPolicy {
  /** Per request, answer body included. */
  timeoutMs: number;
  /** Requests per batch, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the batch instead of holding it. */
  maxRetryAfterMs: number;
}

type Outcome = { answer: unknown } | { error: EmbeddingError; retry: boolean; retryAfterMs?: number };

/** The raw vectors of one batch; `signal` stops it (the caller left, or another batch failed) with its reason. */
export async function requestVectors(
  wire: EmbeddingWire,
  texts: string[],
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<unknown[]> {
  const body = JSON.stringify(wire.body(texts));
  for (let attempt = 1; ; attempt++) {
    const outcome = await post(wire, body, policy.timeoutMs, signal);
    if ('answer' in outcome) return readVectors(wire, outcome.answer);
    if (!outcome.retry || attempt >= policy.attempts) throw outcome.error;
    const delay = outcome.retryAfterMs ?? backoff(attempt, policy);
    if (delay > policy.maxRetryAfterMs) throw outcome.error;
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      signal.throwIfAborted(); // the caller's reason, not the timer's AbortError
    }
  }
}

async function post(wire: EmbeddingWire, body: string, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let status: number | undefined;
  try {
    const response = await fetch(wire.url, {
      method: 'POST',
      headers: wire.headers,
      body,
      signal: AbortSignal.any([signal, timeout]),
    });
    status = response.status;
    const text = await response.text();
    if (!response.ok) {
      const retry = status === 429 || status >= 500;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return { error: embeddingError(wire, status, providerMessage(text)), retry, retryAfterMs };
    }
    return { answer: parseJson(wire, status, text) };
  } catch (error) {
    if (error instanceof EmbeddingError) throw error;
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted) {
      const reason = `no answer within ${timeoutMs / 1000} s`;
      return { error: embeddingError(wire, status, reason, true), retry: false };
    }
    return { error: embeddingError(wire, status, networkReason(error)), retry: true };
  }
}

function readVectors(wire: EmbeddingWire, answer: unknown): unknown[] {
  try {
    return wire.vectors(answer);
  } catch (error) {
    throw embeddingError(wire, 200, (error as Error).message);
  }
}

function parseJson(wire: EmbeddingWire, status: number, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw embeddingError(wire, status, 'the answer is not JSON');
  }
}

export function embeddingError(
  wire: EmbeddingWire,
  status: number | undefined,
  reason: string,
  timedOut = false,
): EmbeddingError {
  const redacted = wire.secret ? reason.replaceAll(wire.secret, '***') : reason;
  return new EmbeddingError(wire.engine, displayUrl(wire.url), status, redacted, timedOut);
}

/** Equal jitter: half the exponential delay, plus up to as much again at random. */
function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The provider's own words: OpenAI's error.message, Ollama's error, FastAPI's detail, else the text. */
function providerMessage(text: string): string {
  let message: unknown = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; detail?: unknown; message?: unknown };
    message = typeof body.error === 'object' ? body.error.message : (body.error ?? body.detail ?? body.message);
  } catch {
    // Not JSON: the text itself is the message.
  }
  const words = (typeof message === 'string' ? message : JSON.stringify(message ?? text)).trim();
  return words.length > 300 ? `${words.slice(0, 300)}…` : words || 'no message';
}

function networkReason(error: unknown): string {
  // fetch reports "fetch failed"; what happened (ECONNREFUSED, ECONNRESET…) is on its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = [cause?.code, cause?.message, (error as Error).message].find((part) => typeof part === 'string');
  return `no answer (${detail ?? 'network error'})`;
}

/** The URL without user info, which may hold a password. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
