import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppError } from '../common/errors.js';
import type { Connection } from '../providers/connections.service.js';

/**
 * The provider's answer as a Node stream. We use node:http rather than fetch on this path: the
 * per-chunk cost of fetch's web streams was most of our CPU time when forwarding many streams.
 */
export interface UpstreamResponse {
  status: number;
  body: IncomingMessage;
  json(): Promise<unknown>;
}

/** Opens the provider request: OpenAI `/chat/completions` or Ollama `/api/chat`. */
export async function openUpstream(
  connection: Connection,
  payload: Record<string, unknown>,
  signal: AbortSignal,
): Promise<UpstreamResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (connection.apiKey) headers.authorization = `Bearer ${connection.apiKey}`;
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
  const upstream = { status, body: response, json: async () => JSON.parse(await readText(response)) as unknown };
  if (status < 200 || status >= 300) throw upstreamError(status, await readText(response).catch(() => ''));
  return upstream;
}

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

export async function readText(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The provider's error text, with a status that does not look like our own auth failing. */
function upstreamError(status: number, text: string): AppError {
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
