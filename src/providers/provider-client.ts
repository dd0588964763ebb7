import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { authHeaders, type Connection } from './connections.service.js';
import { LineSplitter, OllamaToOpenAi, parseSseLine } from './stream-codecs.js';

/** The model that answers: its connection, and the id its answer carries (a ResolvedModel fits). */
export interface ProviderTarget {
  base: { connection: Connection };
  item: { id: string };
}

export interface CallOptions {
  /** Stops the provider request (the caller left, the task was stopped). */
  signal?: AbortSignal;
  /** Limit on the whole answer, streamed or not; the configured request timeout by default. */
  timeoutMs?: number;
}

/**
 * The one place a chat completion is asked of a provider: OpenAI `/chat/completions` or Ollama
 * `/api/chat`, with the key, the timeout and the caller's abort signal, answered in OpenAI's format.
 */
@Injectable()
export class ProviderClient {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /**
   * Opens a streamed answer (the payload asks for `stream: true`). Resolves once the provider has
   * answered 2xx; its status errors reject as AppError.
   */
  async stream(target: ProviderTarget, payload: Record<string, unknown>, options: CallOptions = {}) {
    const call = new Call(options.timeoutMs ?? this.defaultTimeoutMs(), options.signal);
    try {
      const body = await open(target.base.connection, payload, call.signal);
      body.once('close', call.end);
      return new ProviderStream(body, target);
    } catch (error) {
      call.end();
      throw call.failure(error);
    }
  }

  /** A whole (non-streamed) answer as an OpenAI chat.completion. */
  async complete(
    target: ProviderTarget,
    payload: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const call = new Call(options.timeoutMs ?? this.defaultTimeoutMs(), options.signal);
    try {
      const body = JSON.parse(await readText(await open(target.base.connection, payload, call.signal))) as Record<
        string,
        unknown
      >;
      return target.base.connection.kind === 'ollama' ? new OllamaToOpenAi(target.item.id).completion(body) : body;
    } catch (error) {
      throw call.failure(error);
    } finally {
      call.end();
    }
  }

  /**
   * OpenAI embeddings for `{model, input}` (the provider's model id): Ollama's `/api/embed` answer
   * is reshaped, so callers get the OpenAI list either way.
   */
  async embeddings(target: ProviderTarget, payload: { model: string; input: unknown }): Promise<unknown> {
    const { connection } = target.base;
    const path = connection.kind === 'openai' ? '/embeddings' : '/api/embed';
    const response = await fetch(`${connection.baseUrl}${path}`, {
      method: 'POST',
      headers: headersFor(connection),
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(this.defaultTimeoutMs()),
    }).catch((error: Error) => Promise.reject(new AppError('bad_gateway', error.message)));
    if (!response.ok) throw new AppError('bad_gateway', `The model provider answered ${response.status}.`);
    if (connection.kind === 'openai') return await response.json();
    const { embeddings = [] } = (await response.json()) as { embeddings?: number[][] };
    return {
      object: 'list',
      model: target.item.id,
      data: embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    };
  }

  private defaultTimeoutMs(): number {
    return this.config.models.requestTimeoutSeconds * 1000;
  }
}

/**
 * A provider's streamed answer. OpenAI's SSE is forwarded byte for byte (`passthrough`): parsing
 * and re-serialising it would cost CPU on every chunk of every open stream. Ollama's NDJSON lines
 * are translated into OpenAI chunks (`translate`), and `chunks()` reads either as OpenAI chunks.
 */
export class ProviderStream {
  /** The body is OpenAI SSE, to be passed on as it is. */
  readonly passthrough: boolean;
  private readonly ollama?: OllamaToOpenAi;
  private readonly lines = new LineSplitter();

  constructor(
    readonly body: IncomingMessage,
    target: ProviderTarget,
  ) {
    this.passthrough = target.base.connection.kind === 'openai';
    if (!this.passthrough) this.ollama = new OllamaToOpenAi(target.item.id);
  }

  /** Ollama: the OpenAI chunks of the lines these bytes complete (a bad line throws). */
  translate(bytes: Buffer): Record<string, unknown>[] {
    return this.ollamaChunks(this.lines.push(bytes));
  }

  /** Ollama: the chunk of a last line that came without its newline. */
  end(): Record<string, unknown>[] {
    return this.ollamaChunks(this.lines.flush());
  }

  /** Every chunk as an OpenAI chunk, whatever the provider's format (for readers, not forwarders). */
  async *chunks(): AsyncGenerator<Record<string, unknown>> {
    for await (const bytes of this.body as AsyncIterable<Buffer>) {
      if (this.passthrough) {
        for (const line of this.lines.push(bytes)) {
          const chunk = parseSseLine(line);
          if (chunk) yield chunk;
        }
      } else {
        yield* this.translate(bytes);
      }
    }
    if (!this.passthrough) yield* this.end();
  }

  private ollamaChunks(lines: string[]): Record<string, unknown>[] {
    const chunks: Record<string, unknown>[] = [];
    for (const line of lines) {
      if (line.trim()) chunks.push(this.ollama!.chunk(JSON.parse(line) as Record<string, unknown>));
    }
    return chunks;
  }
}

/** One provider request's lifetime: its timeout and the caller's signal abort it. */
class Call {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;

  constructor(
    timeoutMs: number,
    private readonly caller?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener('abort', this.abort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  readonly end = (): void => {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.abort);
  };

  /** What a failure before the answer was complete means to the caller. */
  failure(error: unknown): unknown {
    if (this.timedOut) return new AppError('gateway_timeout', 'The model provider did not answer in time.');
    if (error instanceof AppError || this.controller.signal.aborted) return error;
    return new AppError('bad_gateway', `The model provider failed: ${(error as Error).message}`);
  }

  private readonly abort = (): void => this.controller.abort();
}

/** Sends the request; resolves with the 2xx answer's body, rejects with the provider's error. */
async function open(
  connection: Connection,
  payload: Record<string, unknown>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const headers = headersFor(connection);
  const url = new URL(
    connection.kind === 'openai' ? `${connection.baseUrl}/chat/completions` : `${connection.baseUrl}/api/chat`,
  );
  const body = JSON.stringify(connection.kind === 'openai' ? payload : toOllamaPayload(payload));
  let response: IncomingMessage;
  try {
    response = await send(url, headers, body, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AppError('bad_gateway', `The model provider could not be reached (${(error as Error).message}).`);
  }
  const status = response.statusCode ?? 502;
  if (status < 200 || status >= 300) throw providerError(status, await readText(response).catch(() => ''));
  return response;
}

function headersFor(connection: Connection): Record<string, string> {
  return { 'content-type': 'application/json', ...authHeaders(connection.apiKey) };
}

/**
 * node:http rather than fetch: on the streaming path the per-chunk cost of fetch's web streams was
 * most of our CPU time when forwarding many streams.
 */
function send(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function readText(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The provider's error text, with a status that does not look like our own auth failing. */
function providerError(status: number, text: string): AppError {
  let detail = text || `The model provider answered ${status}.`;
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; detail?: string; message?: string };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.detail ?? body.message);
    if (message) detail = message;
  } catch {
    // not JSON: keep the text
  }
  const passThrough = [400, 404, 413, 422, 429];
  if (passThrough.includes(status)) {
    const kind = status === 429 ? 'too_many_requests' : status === 404 ? 'not_found' : 'bad_request';
    return new AppError(kind, detail);
  }
  // 401/403 from the provider is a misconfigured key, not the caller's session; 5xx is the provider's fault.
  return new AppError('bad_gateway', detail);
}

const OLLAMA_OPTION_KEYS: Record<string, string> = {
  temperature: 'temperature',
  top_p: 'top_p',
  seed: 'seed',
  stop: 'stop',
  max_tokens: 'num_predict',
  max_completion_tokens: 'num_predict',
  frequency_penalty: 'frequency_penalty',
  presence_penalty: 'presence_penalty',
};

function toOllamaPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(OLLAMA_OPTION_KEYS)) {
    if (payload[from] !== undefined) options[to] = payload[from];
  }
  const messages = (payload.messages as { role: string; content: unknown }[]).map((message) => {
    if (!Array.isArray(message.content)) return message;
    // OpenAI multi-part content: text joined, data-URL images as base64 `images`.
    const parts = message.content as { type?: string; text?: string; image_url?: { url?: string } }[];
    const images = parts
      .map((part) => part.image_url?.url ?? '')
      .filter((url) => url.startsWith('data:'))
      .map((url) => url.slice(url.indexOf(',') + 1));
    const content = parts.map((part) => part.text ?? '').join('');
    return images.length > 0 ? { role: message.role, content, images } : { role: message.role, content };
  });
  return { model: payload.model, messages, stream: payload.stream !== false, options };
}
