/**
 * A scriptable stand-in for the upstream model servers the backend talks to: an OpenAI-compatible API under /v1 and
 * an Ollama API under /api. Plain node:http with no framework so it stays cheap under the benchmark's 100+
 * concurrent streams, and so every byte (and every socket death) is exactly what the test scripted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type ScriptedFailure =
  { kind: 'status'; status: number; body?: unknown } | { kind: 'mid-stream'; afterChunks: number } | { kind: 'hang' };

export interface ScriptedReply {
  /** The assistant text, streamed one string per chunk; non-stream replies join them. */
  chunks: string[];
  /** Delay before the first chunk (ms) and between chunks (ms). Default 0. Non-stream replies wait the sum. */
  firstChunkDelayMs?: number;
  chunkDelayMs?: number;
  /**
   * 'status' answers HTTP `status` with a JSON error body before anything else; 'mid-stream' destroys the socket
   * after `afterChunks` chunks (0 may kill it before the headers arrive; non-stream requests die at once); 'hang'
   * never answers, for timeout tests.
   */
  failure?: ScriptedFailure;
  /** Reported usage; computed (whitespace words in the prompt, one token per chunk) when absent. */
  usage?: TokenUsage;
}

export interface RecordedRequest {
  method: string;
  /** The request target as sent, query string included. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  receivedAt: number;
}

export interface MockModel {
  id: string;
  name?: string;
}

export interface AbortedStream {
  path: string;
  model: string;
  /** Date.now() when the server saw the client go away. */
  at: number;
  chunksSent: number;
}

export interface MockProvider {
  /** e.g. http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** `${url}/v1` */
  openaiBaseUrl: string;
  /** `${url}`: the Ollama API lives at /api/*. */
  ollamaBaseUrl: string;
  /** Everything received, in order. */
  requests: RecordedRequest[];
  /** Models listed by GET /v1/models and GET /api/tags (initially one, `mock-model`). */
  setModels(models: MockModel[]): void;
  /** Replies are matched by the request's `model`, falling back to the '*' entry, then "Hello from mock". */
  script(model: string, reply: ScriptedReply): void;
  /** Makes the model-list endpoints slow or dead (for the /api/models timeout test). */
  setModelListDelay(ms: number | 'hang'): void;
  /**
   * Chat requests the client gave up on before the reply finished (streams, but also delayed or hung non-stream
   * replies). Scripted mid-stream kills and close() are not client aborts and are not listed.
   */
  aborted: AbortedStream[];
  /** Currently open streaming responses. */
  openStreams(): number;
  /** Stops listening and destroys every open socket, so hung requests cannot keep a test alive. */
  close(): Promise<void>;
}

export interface MockProviderOptions {
  /** When set, every /v1 route requires `Authorization: Bearer <apiKey>`, one of them when several (Ollama has no auth). */
  apiKey?: string | string[];
}

const DEFAULT_REPLY: ScriptedReply = { chunks: ['Hello', ' from', ' mock'] };
const DEFAULT_FAILURE_BODY = { error: { message: 'mock failure' } };
const OLLAMA_DETAILS = { format: 'gguf', family: 'llama', parameter_size: '8B', quantization_level: 'Q4_0' };
const OLLAMA_MODIFIED_AT = '2025-01-01T00:00:00Z';

interface ChatRequest {
  model: string;
  messages: unknown;
  stream: boolean;
  includeUsage: boolean;
}

/** How one API puts a reply on the wire; the streaming loop itself is shared. */
interface WireFormat {
  contentType: string;
  chunk(text: string, index: number): string;
  /** The closing chunk and terminator. */
  end(): string;
  whole(content: string): unknown;
}

/** One chat reply in flight; its signal fires when the response closes, so pending timers stop at once. */
interface Exchange {
  signal: AbortSignal;
  chunksSent: number;
  /** Set when the mock kills the socket itself, which is not a client abort. */
  killed: boolean;
  /** Drops the stream from openStreams; safe to call twice. */
  settle(): void;
}

class Mock implements MockProvider {
  readonly url: string;
  readonly openaiBaseUrl: string;
  readonly ollamaBaseUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly aborted: AbortedStream[] = [];
  private models: MockModel[] = [{ id: 'mock-model' }];
  private readonly replies = new Map<string, ScriptedReply>();
  private modelListDelay: number | 'hang' = 0;
  private streams = 0;
  private closing: Promise<void> | undefined;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly server: Server,
    private readonly apiKeys: string[] | undefined,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.openaiBaseUrl = `${this.url}/v1`;
    this.ollamaBaseUrl = this.url;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        // The client left while we were waiting: there is nobody to answer.
        if (error instanceof Error && error.name === 'AbortError') return;
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: { message: String(error) } });
      });
    });
  }

  setModels(models: MockModel[]): void {
    this.models = models.map((model) => ({ ...model }));
  }

  script(model: string, reply: ScriptedReply): void {
    this.replies.set(model, reply);
  }

  setModelListDelay(ms: number | 'hang'): void {
    this.modelListDelay = ms;
  }

  openStreams(): number {
    return this.streams;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // Streams and hung requests would otherwise keep server.close() waiting forever.
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    this.requests.push({ method, path, headers: { ...req.headers }, body, receivedAt });

    const pathname = new URL(path, this.url).pathname;
    if (pathname.startsWith('/v1/') && this.apiKeys !== undefined) {
      if (!this.apiKeys.some((key) => req.headers.authorization === `Bearer ${key}`)) {
        return sendJson(res, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error' } });
      }
    }
    switch (`${method} ${pathname}`) {
      case 'GET /v1/models':
        return this.listModels(res, () => ({ object: 'list', data: this.models.map((m) => this.openaiModel(m)) }));
      case 'POST /v1/chat/completions':
        return this.chat(res, path, body, 'openai');
      case 'POST /v1/embeddings':
        return embeddings(res, body);
      case 'GET /api/tags':
        return this.listModels(res, () => ({ models: this.models.map((m) => ollamaModel(m)) }));
      case 'GET /api/version':
        return sendJson(res, 200, { version: '0.5.0' });
      case 'POST /api/chat':
        return this.chat(res, path, body, 'ollama');
      default:
        return sendJson(res, 404, { error: { message: `No route for ${method} ${pathname}` } });
    }
  }

  private openaiModel({ id, name }: MockModel) {
    return { id, object: 'model', created: this.created, owned_by: 'mock', ...(name === undefined ? {} : { name }) };
  }

  private async listModels(res: ServerResponse, list: () => unknown): Promise<void> {
    const delay = this.modelListDelay;
    if (delay === 'hang') return; // close() or the client's timeout ends it
    if (delay > 0) {
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      await sleep(delay, undefined, { signal: gone.signal });
    }
    sendJson(res, 200, list());
  }

  private async chat(res: ServerResponse, path: string, body: unknown, api: 'openai' | 'ollama'): Promise<void> {
    const request = parseChat(body, api);
    if (!request) {
      const message = 'model is required';
      return sendJson(
        res,
        400,
        api === 'openai' ? { error: { message, type: 'invalid_request_error' } } : { error: message },
      );
    }
    const reply = this.replies.get(request.model) ?? this.replies.get('*') ?? DEFAULT_REPLY;
    const failure = reply.failure;
    if (failure?.kind === 'status') return sendJson(res, failure.status, failure.body ?? DEFAULT_FAILURE_BODY);

    // A hung request never becomes an open stream, but its client giving up is still recorded.
    const exchange = this.track(res, path, request.model, request.stream && failure?.kind !== 'hang');
    if (failure?.kind === 'hang') return;
    if (failure?.kind === 'mid-stream' && !request.stream) return kill(res, exchange);

    const usage = reply.usage ?? computeUsage(request.messages, reply.chunks);
    const format = api === 'openai' ? openaiFormat(request, usage) : ollamaFormat(request.model, usage);
    if (request.stream) return streamReply(res, exchange, reply, format);

    const chunkDelays = (reply.chunkDelayMs ?? 0) * Math.max(reply.chunks.length - 1, 0);
    await pause((reply.firstChunkDelayMs ?? 0) + chunkDelays, exchange.signal);
    sendJson(res, 200, format.whole(reply.chunks.join('')));
  }

  /** Watches one chat response so a client disconnect is recorded and its timers stop immediately. */
  private track(res: ServerResponse, path: string, model: string, streaming: boolean): Exchange {
    const closed = new AbortController();
    let open = streaming;
    if (streaming) this.streams++;
    const exchange: Exchange = {
      signal: closed.signal,
      chunksSent: 0,
      killed: false,
      settle: () => {
        if (open) this.streams--;
        open = false;
      },
    };
    res.on('close', () => {
      closed.abort();
      exchange.settle();
      if (res.writableEnded || exchange.killed || this.closing) return;
      this.aborted.push({ path, model, at: Date.now(), chunksSent: exchange.chunksSent });
    });
    return exchange;
  }
}

export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  // noDelay: each chunk must leave as its own packet, not wait on Nagle for the next one.
  const server = createServer({ noDelay: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return new Mock(server, options.apiKey === undefined ? undefined : [options.apiKey].flat());
}

async function streamReply(res: ServerResponse, exchange: Exchange, reply: ScriptedReply, format: WireFormat) {
  // Headers go out at once, as real providers do, so firstChunkDelayMs is purely time-to-first-token.
  res.writeHead(200, { 'content-type': format.contentType, 'cache-control': 'no-cache' });
  res.flushHeaders();
  const failure = reply.failure;
  const killAfter = failure?.kind === 'mid-stream' ? Math.min(failure.afterChunks, reply.chunks.length) : Infinity;
  if (killAfter <= 0) return kill(res, exchange);

  for (const [index, text] of reply.chunks.entries()) {
    await pause(index === 0 ? reply.firstChunkDelayMs : reply.chunkDelayMs, exchange.signal);
    exchange.chunksSent++;
    if (exchange.chunksSent === killAfter) {
      // Destroy only once this chunk has reached the socket, so the client sees exactly `afterChunks` chunks.
      exchange.killed = true;
      res.write(format.chunk(text, index), () => res.socket?.destroy());
      return;
    }
    if (!res.write(format.chunk(text, index))) await once(res, 'drain', { signal: exchange.signal });
  }
  // Settle before ending so a client that has read the whole body never still sees this stream as open.
  exchange.settle();
  res.end(format.end());
}

/** An abrupt upstream death: no status, no terminator, just a closed socket. */
function kill(res: ServerResponse, exchange: Exchange): void {
  exchange.killed = true;
  res.socket?.destroy();
}

/** Waits `ms` unless the response closes first; zero waits not at all so undelayed streams run flat out. */
async function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms !== undefined && ms > 0) await sleep(ms, undefined, { signal });
}

function openaiFormat(request: ChatRequest, usage: TokenUsage): WireFormat {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const { model } = request;
  const event = (delta: object, finishReason: 'stop' | null, extra: object = {}) => {
    const choices = [{ index: 0, delta, finish_reason: finishReason }];
    return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  };
  return {
    contentType: 'text/event-stream',
    chunk: (content, index) => event(index === 0 ? { role: 'assistant', content } : { content }, null),
    end: () => event({}, 'stop', request.includeUsage ? { usage } : {}) + 'data: [DONE]\n\n',
    whole: (content) => ({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage,
    }),
  };
}

function ollamaFormat(model: string, usage: TokenUsage): WireFormat {
  const started = performance.now();
  const message = (content: string, done: boolean) => ({
    model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content },
    done,
    ...(done && {
      done_reason: 'stop',
      // Ollama reports durations in nanoseconds.
      total_duration: Math.round((performance.now() - started) * 1e6),
      prompt_eval_count: usage.prompt_tokens,
      eval_count: usage.completion_tokens,
    }),
  });
  return {
    contentType: 'application/x-ndjson',
    chunk: (content) => `${JSON.stringify(message(content, false))}\n`,
    end: () => `${JSON.stringify(message('', true))}\n`,
    whole: (content) => message(content, true),
  };
}

function ollamaModel({ id }: MockModel) {
  const digest = createHash('sha256').update(id).digest('hex');
  return { name: id, model: id, modified_at: OLLAMA_MODIFIED_AT, size: 4_661_224_676, digest, details: OLLAMA_DETAILS };
}

function embeddings(res: ServerResponse, body: unknown): void {
  const input = isRecord(body) ? body.input : undefined;
  const texts = typeof input === 'string' ? [input] : isStringArray(input) ? input : undefined;
  if (!texts) {
    const message = 'input must be a string or an array of strings';
    return sendJson(res, 400, { error: { message, type: 'invalid_request_error' } });
  }
  const tokens = texts.reduce((sum, text) => sum + countWords(text), 0);
  sendJson(res, 200, {
    object: 'list',
    data: texts.map((text, index) => ({ object: 'embedding', index, embedding: embed(text) })),
    model: isRecord(body) && typeof body.model === 'string' ? body.model : 'mock-embedding',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** Eight floats in [-1, 1) from the text's SHA-256: same text, same vector; different texts, unrelated vectors. */
function embed(text: string): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(i * 4) / 0x80000000 - 1);
}

function parseChat(body: unknown, api: 'openai' | 'ollama'): ChatRequest | undefined {
  if (!isRecord(body) || typeof body.model !== 'string') return undefined;
  const options = body.stream_options;
  return {
    model: body.model,
    messages: body.messages,
    // OpenAI answers whole unless asked to stream; Ollama streams unless told not to.
    stream: api === 'openai' ? body.stream === true : body.stream !== false,
    includeUsage: isRecord(options) && options.include_usage === true,
  };
}

/** Whitespace words stand in for tokens: stable across runs and enough for tests to tell prompts apart. */
function computeUsage(messages: unknown, chunks: string[]): TokenUsage {
  const list: unknown[] = Array.isArray(messages) ? messages : [];
  const prompt_tokens = list.reduce<number>((sum, m) => sum + countWords(isRecord(m) ? contentText(m.content) : ''), 0);
  const completion_tokens = chunks.length;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Message content is a string, or (OpenAI vision style) an array of parts whose text parts count. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: unknown[] = content;
  return parts.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join(' ');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  if (parts.length === 0) return undefined;
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // kept as text so a test can still see what a malformed request carried
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
