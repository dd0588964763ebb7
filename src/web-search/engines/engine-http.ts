import { AppError, badRequest } from '../../common/errors.js';
import type { EngineCall } from './search-engine.js';

const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'Open WebUI (https://github.com/open-webui/open-webui) RAG Bot';

export interface EngineHttpOptions {
  /** The engine's name, for error messages. */
  engine: string;
  timeoutMs: number;
  /** Values never to repeat in an error (API keys): an engine's error text may echo its request. */
  secrets: string[];
  signal?: AbortSignal;
}

/**
 * One request to a search engine, at the address the admin configured (internal addresses allowed, as
 * for provider connections), bounded in time and size. Anything but a 2xx JSON answer is a 400 that
 * names the engine and what went wrong, with the keys masked.
 */
export async function callEngine(call: EngineCall, options: EngineHttpOptions): Promise<unknown> {
  const fail = (reason: string) => {
    const masked = options.secrets.reduce((text, secret) => text.split(secret).join('***'), reason);
    return badRequest(`Web search with ${options.engine} failed: ${masked}`);
  };
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    throw fail(`"${call.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail(`"${call.url}" is not an http(s) URL`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, String(value));
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  let status = 0;
  try {
    const response = await fetch(url, {
      method: call.method ?? 'GET',
      headers,
      body: call.json === undefined ? undefined : JSON.stringify(call.json),
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
    status = response.status;
    const text = await boundedText(response, fail);
    if (!response.ok) throw fail(`the engine answered ${status}${errorDetail(text)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw fail(`the engine answered ${status} with something other than JSON`);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) throw fail(`no answer within ${options.timeoutMs / 1000} s`);
    throw fail(`the engine could not be reached (${networkReason(error)})`);
  }
}

async function boundedText(response: Response, fail: (reason: string) => AppError): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw fail(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The engine's own error message, short: `: <message>`, or nothing. */
function errorDetail(text: string): string {
  let message = text.trim();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const found = [body.detail, body.message, body.error, (body.error as Record<string, unknown>)?.message].find(
      (value) => typeof value === 'string' && value,
    );
    if (typeof found === 'string') message = found;
  } catch {
    // not JSON: the text itself
  }
  return message ? `: ${message.slice(0, 200)}` : '';
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
