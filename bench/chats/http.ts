// Minimal node:http client for seeding and the append timings. node:http rather than fetch: less
// client overhead inside the timed window, and keep-alive sockets we control.
import { Agent, request as httpRequest } from 'node:http';

// Keep-alive so timings do not include a TCP handshake; a few sockets for the pipelined seeding.
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export interface HttpResult {
  status: number;
  body: string;
  /** Request start to the last response byte, in ms. */
  ms: number;
  bytes: number;
}

export interface RequestOptions {
  token?: string;
  /** Already-serialized JSON: callers build big bodies from parts without a second stringify. */
  json?: string;
  timeoutMs?: number;
}

export function request(method: 'GET' | 'POST', url: string, options: RequestOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string | number> = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(options.json);
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = httpRequest(url, { method, headers, agent, timeout: options.timeoutMs ?? 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: buffer.toString('utf8'), ms, bytes: buffer.length });
      });
    });
    req.once('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.once('error', reject);
    req.end(options.json);
  });
}

/** Sends a request and parses a 2xx JSON answer; anything else throws with the status and body start. */
export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  options: RequestOptions = {},
): Promise<{ value: unknown; result: HttpResult }> {
  const result = await request(method, url, options);
  const { pathname, search } = new URL(url);
  const what = `${method} ${pathname}${search} -> ${result.status}`;
  if (result.status < 200 || result.status >= 300) {
    const hint = result.status === 404 ? ' (chats routes not implemented yet?)' : '';
    throw new Error(`${what}${hint}: ${result.body.slice(0, 500)}`);
  }
  try {
    return { value: JSON.parse(result.body) as unknown, result };
  } catch {
    throw new Error(`${what}: response is not JSON: ${result.body.slice(0, 200)}`);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Drops idle keep-alive sockets so the process can exit. */
export function closeHttp(): void {
  agent.destroy();
}
