// One simulated user of the web app, as the load bench drives it: sign in, then until the round ends list the
// chats, create one, stream an answer, save it and search. Every request is timed by type; every failure is
// counted with a sample of what came back; every chat the server acknowledged is remembered for the final check.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { runStream, type StreamTarget } from '../completions/stream-client.js';
import { percentile } from '../common.js';

export const REQUEST_TYPES = ['signin', 'list', 'create', 'stream', 'save', 'search'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** A word in every answer the mock streams, so every user's search matches their own chats. */
export const COMMON_WORD = 'quarterly';
export const MODEL = 'gpt-test';

export interface AcknowledgedChat {
  id: string;
  token: string;
  answerId: string;
  answer: string;
}

/** Latencies and failures by request type, over any number of users and rounds. */
export class Recorder {
  readonly latencies = new Map<RequestType, number[]>(REQUEST_TYPES.map((type) => [type, []]));
  readonly failures = new Map<RequestType, number>(REQUEST_TYPES.map((type) => [type, 0]));
  readonly samples: string[] = [];
  readonly acknowledged: AcknowledgedChat[] = [];

  async time<T>(type: RequestType, work: () => Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    try {
      const value = await work();
      this.latencies.get(type)!.push(performance.now() - started);
      return value;
    } catch (error) {
      this.failures.set(type, this.failures.get(type)! + 1);
      if (this.samples.length < 10)
        this.samples.push(`${type}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  summary() {
    return REQUEST_TYPES.map((type) => {
      const sorted = [...this.latencies.get(type)!].sort((a, b) => a - b);
      const round = (value: number) => Math.round(value * 10) / 10;
      return {
        type,
        ok: sorted.length,
        errors: this.failures.get(type)!,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
      };
    });
  }

  get errorCount(): number {
    return [...this.failures.values()].reduce((sum, count) => sum + count, 0);
  }
}

export interface LoadUser {
  email: string;
  password: string;
  token?: string;
}

/** JSON request; throws unless 200, so the recorder counts it. */
async function call(baseUrl: string, method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${path} -> ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** The chat document the web app saves after an answer. */
function savedChat(question: string, answer: string, answerId: string) {
  const questionId = randomUUID();
  return {
    title: question,
    models: [MODEL],
    history: {
      currentId: answerId,
      messages: {
        [questionId]: { id: questionId, parentId: null, childrenIds: [answerId], role: 'user', content: question },
        [answerId]: { id: answerId, parentId: questionId, childrenIds: [], role: 'assistant', content: answer },
      },
    },
    messages: [
      { id: questionId, role: 'user', content: question },
      { id: answerId, role: 'assistant', content: answer },
    ],
  };
}

/** The streamed text of an OpenAI-style SSE body. */
function streamedText(body: string): string {
  let text = '';
  for (const line of body.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    text +=
      (JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ??
      '';
  }
  return text;
}

export function completionBody(question: string): string {
  return JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: question }] });
}

/** One user's round: sign in, then the chat loop until `deadline` (performance.now()). */
export async function runUser(
  baseUrl: string,
  user: LoadUser,
  stream: Omit<StreamTarget, 'token'>,
  recorder: Recorder,
  deadline: number,
): Promise<void> {
  const session = await recorder.time('signin', () =>
    call(baseUrl, 'POST', '/api/v1/auths/signin', undefined, { email: user.email, password: user.password }),
  );
  if (!session) return;
  const token = session.token as string;
  user.token = token;
  for (let turn = 0; performance.now() < deadline; turn++) {
    await recorder.time('list', () => call(baseUrl, 'GET', '/api/v1/chats/?page=1', token));
    const question = `Question ${turn} from ${user.email}`;
    const created = await recorder.time('create', () =>
      call(baseUrl, 'POST', '/api/v1/chats/new', token, { chat: { title: question, history: { messages: {} } } }),
    );
    if (!created) continue;
    const answer = await recorder.time('stream', async () => {
      const sample = await runStream({ ...stream, token }, completionBody(question), 60_000, true);
      if (sample.status !== 200 || !sample.done || sample.body === undefined) {
        throw new Error(`stream -> ${sample.status} ${sample.error ?? 'ended before [DONE]'}`);
      }
      return streamedText(sample.body);
    });
    if (answer === undefined) continue;
    const answerId = randomUUID();
    const saved = await recorder.time('save', () =>
      call(baseUrl, 'POST', `/api/v1/chats/${created.id}`, token, { chat: savedChat(question, answer, answerId) }),
    );
    if (saved) recorder.acknowledged.push({ id: created.id as string, token, answerId, answer });
    await recorder.time('search', () => call(baseUrl, 'GET', `/api/v1/chats/search?text=${COMMON_WORD}&page=1`, token));
  }
}
