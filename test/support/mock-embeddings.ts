/**
 * A loopback stand-in for the three embedding APIs retrieval calls: OpenAI (`POST /v1/embeddings`), Ollama
 * (`POST /api/embed`) and Azure OpenAI (`POST /openai/deployments/{model}/embeddings?api-version=…`). Vectors
 * are bags of hashed words (see mockEmbedding), so texts that share words are closer and retrieval tests rank
 * meaningfully. Faults are queued: the next N requests answer a status, hang, lose their socket, or send
 * vectors that are wrong. A model named `…-{n}d` answers n-dimension vectors (another model, another space).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type EmbeddingApi = 'openai' | 'ollama' | 'azure_openai';

export interface RecordedEmbeddingRequest {
  api: EmbeddingApi | 'unknown';
  /** The request target as sent, query string included. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (undefined when the body is not JSON). */
  body: any;
  bodyBytes: number;
  /** How many texts `input` held (a lone string counts as one). */
  batchSize: number;
  receivedAt: number;
}

export type EmbeddingFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** Never answers: for timeout tests. */
  | { kind: 'hang' }
  /** Destroys the socket without an answer: a network error. */
  | { kind: 'reset' }
  /** The last vector one dimension short. */
  | { kind: 'short-vector' }
  /** One vector fewer than texts. */
  | { kind: 'missing-vector' }
  /** Answered as usual: queued before a fault to let requests through first. */
  | { kind: 'pass' };

export interface MockEmbeddings {
  /** http://127.0.0.1:PORT: the Ollama and Azure base URL. */
  url: string;
  /** `${url}/v1`: the OpenAI base URL. */
  openaiBaseUrl: string;
  /** Everything received, in order, faulted requests included. */
  requests: RecordedEmbeddingRequest[];
  /** The next `count` requests (after `after` answered as usual) answer `fault` (a number: that status). */
  failNext(count: number, fault: number | EmbeddingFault, after?: number): void;
  /** Each answer waits this long first, so batches overlap and concurrency can be seen. */
  setDelay(ms: number): void;
  /** The most requests that were open at once since the start or the last reset(). */
  peakInFlight(): number;
  /** Forgets the recorded requests, the queued faults and the in-flight peak. */
  reset(): void;
  /** Stops listening and destroys open sockets, hung requests included. */
  close(): Promise<void>;
}

export const MOCK_DIMENSIONS = 384;

/**
 * The mock's vector for a text: each lower-cased word adds one to a hashed dimension, then the vector is scaled to
 * length 1 (a text without words gets the first axis). Exported so tests can compute expected vectors.
 */
export function mockEmbedding(text: string, dimensions = MOCK_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) vector[fnv1a(word) % dimensions]++;
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector.map((_, i) => (i === 0 ? 1 : 0)) : vector.map((x) => x / norm);
}

export function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

class Mock implements MockEmbeddings {
  readonly url: string;
  readonly openaiBaseUrl: string;
  readonly requests: RecordedEmbeddingRequest[] = [];
  private readonly faults: EmbeddingFault[] = [];
  private delayMs = 0;
  private inFlight = 0;
  private peak = 0;

  constructor(private readonly server: Server) {
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.openaiBaseUrl = `${this.url}/v1`;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.inFlight++;
      this.peak = Math.max(this.peak, this.inFlight);
      res.on('close', () => this.inFlight--);
      this.handle(req, res).catch(() => res.destroy()); // the client left while we waited
    });
  }

  failNext(count: number, fault: number | EmbeddingFault, after = 0): void {
    const entry: EmbeddingFault = typeof fault === 'number' ? { kind: 'status', status: fault } : fault;
    for (let i = 0; i < after; i++) this.faults.push({ kind: 'pass' });
    for (let i = 0; i < count; i++) this.faults.push(entry);
  }

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  peakInFlight(): number {
    return this.peak;
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.peak = this.inFlight;
  }

  async close(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = req.url ?? '/';
    const { pathname, searchParams } = new URL(path, this.url);
    const api = routeOf(req.method, pathname);
    const body = parseJson(raw);
    const input: unknown = body?.input;
    const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
    this.requests.push({
      api,
      path,
      headers: { ...req.headers },
      body,
      bodyBytes: raw.length,
      batchSize: texts?.length ?? 0,
      receivedAt: Date.now(),
    });
    const fault = this.faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (this.delayMs > 0) await sleep(this.delayMs, undefined, { signal: closedSignal(res) });
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
      return sendJson(res, fault.status, fault.body ?? { error: { message: `mock failure ${fault.status}` } }, headers);
    }
    if (api === 'unknown') return sendJson(res, 404, { error: { message: `No route for ${req.method} ${pathname}` } });
    if (api === 'azure_openai' && !searchParams.get('api-version')) {
      return sendJson(res, 404, { error: { code: '404', message: 'Resource not found' } });
    }
    if (!texts?.every((text): text is string => typeof text === 'string')) {
      return sendJson(res, 400, { error: { message: 'input must be a string or an array of strings' } });
    }
    const vectors = texts.map((text) => mockEmbedding(text, dimensionsOf(body?.model)));
    if (fault?.kind === 'short-vector') vectors[vectors.length - 1].pop();
    if (fault?.kind === 'missing-vector') vectors.pop();
    sendJson(res, 200, answer(api, vectors, body?.model ?? 'mock-embedding'));
  }
}

export async function startMockEmbeddings(): Promise<MockEmbeddings> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return new Mock(server);
}

/** `hash-256d` → 256; any other model name → MOCK_DIMENSIONS. */
export function dimensionsOf(model: unknown): number {
  const match = typeof model === 'string' ? /-(\d+)d$/.exec(model) : null;
  return match ? Number(match[1]) : MOCK_DIMENSIONS;
}

/** A word other than `word` that the mock puts in the same dimension: a "synonym" only vectors can find. */
export function synonymOf(word: string, dimensions = MOCK_DIMENSIONS): string {
  const target = fnv1a(word) % dimensions;
  for (let i = 0; ; i++) {
    const candidate = `syn${i}x`;
    if (fnv1a(candidate) % dimensions === target) return candidate;
  }
}

function routeOf(method: string | undefined, pathname: string): EmbeddingApi | 'unknown' {
  if (method !== 'POST') return 'unknown';
  if (pathname === '/v1/embeddings') return 'openai';
  if (pathname === '/api/embed') return 'ollama';
  return /^\/openai\/deployments\/[^/]+\/embeddings$/.test(pathname) ? 'azure_openai' : 'unknown';
}

function answer(api: EmbeddingApi, vectors: number[][], model: string): unknown {
  if (api === 'ollama') return { model, embeddings: vectors };
  // Listed last to first, each with its index, as nothing in OpenAI's contract promises list order.
  const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse();
  return { object: 'list', data, model, usage: { prompt_tokens: 0, total_tokens: 0 } };
}

function closedSignal(res: ServerResponse): AbortSignal {
  const closed = new AbortController();
  res.on('close', () => closed.abort());
  return closed.signal;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function parseJson(raw: Buffer): any {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
