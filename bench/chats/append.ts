// Cost of the server-side append path (POST /api/v1/chats/{id}/messages/{new id}) on a short and a
// long chat. Each measured request hits a fresh chat, so every small-chat sample really sees 10
// messages: repeated appends to one chat would grow it 10 -> 210 and flatter the ratio.
import { messageText, mulberry32, seedOf, uuid } from './corpus.js';
import { isRecord, request } from './http.js';
import { percentile } from '../common.js';

export interface AppendSide {
  /** Chat size before the append. */
  messages: number;
  /** One id per request: warm-up ones first. */
  chatIds: string[];
}

/** Timings of one request kind on chats of one size. */
export interface AppendRow {
  messages: number;
  samples: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Mean response size: the route returns the whole chat. */
  meanBytes: number;
}

/** What every measurement below runs on: one account's small- and large-chat sides. */
export interface AppendRun {
  baseUrl: string;
  token: string;
  small: AppendSide;
  large: AppendSide;
  /** Leading requests per side that are not measured. */
  warmup: number;
  /** Seeds the generated message ids and contents. */
  seed: number;
}

interface Sample {
  ms: number;
  bytes: number;
}

/** True when the response is the chat and holds the new message with our content. */
function appended(body: string, chatId: string, messageId: string, content: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  if (!isRecord(value) || value.id !== chatId || !isRecord(value.chat)) return false;
  const history = value.chat.history;
  const messages = isRecord(history) ? history.messages : undefined;
  const message = isRecord(messages) ? messages[messageId] : undefined;
  return isRecord(message) && message.content === content;
}

async function appendOnce(
  baseUrl: string,
  token: string,
  chatId: string,
  rng: () => number,
  verify: boolean,
): Promise<Sample> {
  const messageId = uuid(rng);
  const content = messageText(rng, 'user');
  const url = `${baseUrl}/api/v1/chats/${chatId}/messages/${messageId}`;
  const result = await request('POST', url, { token, json: JSON.stringify({ content }) });
  if (result.status !== 200) {
    const hint = result.status === 404 ? ' (append route not implemented yet?)' : '';
    throw new Error(`POST /api/v1/chats/{id}/messages/{id} -> ${result.status}${hint}: ${result.body.slice(0, 300)}`);
  }
  // Parsing is outside the timed window; doing it on every sample would only slow the loop down.
  if (verify && !appended(result.body, chatId, messageId, content)) {
    throw new Error(`append: response does not hold the new message (chat ${chatId})`);
  }
  return { ms: result.ms, bytes: result.bytes };
}

function summarize(messages: number, samples: Sample[]): AppendRow {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    messages,
    samples: samples.length,
    meanMs: mean(sorted),
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    meanBytes: mean(samples.map((s) => s.bytes)),
  };
}

/**
 * Sequential requests (one connection, nothing queued), alternating small/large and swapping which
 * goes first each time, so drift on a shared machine affects both sides alike.
 */
async function alternate(
  { small, large, warmup }: AppendRun,
  once: (chatId: string, first: boolean) => Promise<Sample>,
): Promise<[AppendRow, AppendRow]> {
  const count = Math.min(small.chatIds.length, large.chatIds.length);
  const samples: [Sample[], Sample[]] = [[], []];
  for (let i = 0; i < count; i++) {
    const order = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const side of order) {
      const sample = await once((side === 0 ? small : large).chatIds[i], i === 0);
      if (i >= warmup) samples[side].push(sample);
    }
  }
  return [summarize(small.messages, samples[0]), summarize(large.messages, samples[1])];
}

export function measureAppends(run: AppendRun): Promise<[AppendRow, AppendRow]> {
  const rng = mulberry32(seedOf(run.seed, 0xa99e7d));
  return alternate(run, (chatId, first) => appendOnce(run.baseUrl, run.token, chatId, rng, first));
}

/**
 * GET of the same chats, same pattern. The append route answers with the whole chat, so the ratio of
 * these reads is the part of the append ratio that the response size alone accounts for.
 */
export function measureOpens(run: AppendRun): Promise<[AppendRow, AppendRow]> {
  const { baseUrl, token } = run;
  return alternate(run, async (chatId) => {
    const result = await request('GET', `${baseUrl}/api/v1/chats/${chatId}`, { token });
    if (result.status !== 200)
      throw new Error(`GET /api/v1/chats/{id} -> ${result.status}: ${result.body.slice(0, 300)}`);
    return { ms: result.ms, bytes: result.bytes };
  });
}

/**
 * The server's own write path: a message event that replaces a message's content
 * (`chat:message`), which answers `true` instead of the whole chat. This is what the completion
 * path does on every answer, so it is the cost the ≤ 3 append target is about.
 */
export function measureWrites(run: AppendRun): Promise<[AppendRow, AppendRow]> {
  const { baseUrl, token } = run;
  const rng = mulberry32(seedOf(run.seed, 0x3717e5));
  return alternate(run, async (chatId) => {
    const url = `${baseUrl}/api/v1/chats/${chatId}/messages/${uuid(rng)}/event`;
    const json = JSON.stringify({ type: 'chat:message', data: { content: messageText(rng, 'assistant') } });
    const result = await request('POST', url, { token, json });
    if (result.status !== 200 || result.body !== 'true') {
      throw new Error(`POST /api/v1/chats/{id}/messages/{id}/event -> ${result.status}: ${result.body.slice(0, 300)}`);
    }
    return { ms: result.ms, bytes: result.bytes };
  });
}
