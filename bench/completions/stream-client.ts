// The measuring client: node:http rather than fetch, because it adds less overhead inside the timed
// window (fetch hands bytes over through a web stream) and its first 'data' event is the first body byte.
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Where a stream is sent: webui-nest or the mock directly, with the credentials each expects. */
export interface StreamTarget {
  name: TargetName;
  /** Full URL of the chat completions route. */
  url: string;
  token: string;
  agent: Agent;
  /** The process that serves it, whose CPU time each round records (none for the mock itself). */
  pid?: number;
}

/** The mock directly, webui-nest, and the bare node:http proxy measured beside it for reference. */
export type TargetName = 'direct' | 'webui-nest' | 'node-proxy';

export interface StreamSample {
  status: number;
  /** Request sent -> first body byte, ms. Null when no body byte arrived. */
  ttfbMs: number | null;
  /** Request sent -> end of the body, ms. */
  totalMs: number;
  /** Decoded body bytes (what an SSE parser sees). */
  bodyBytes: number;
  /** Bytes read off the socket for this response: status line, headers, chunked framing and body. */
  wireBytes: number;
  /** SSE events (blank-line terminated), including the final stop chunk and `data: [DONE]`. */
  events: number;
  /** The body ended with `data: [DONE]`. */
  done: boolean;
  /** Transport error or non-200 body start, for the report. */
  error?: string;
  /** The whole decoded body, when the caller asked to keep it (it costs a copy per chunk). */
  body?: string;
}

const DONE = Buffer.from('data: [DONE]\n\n');
const NEWLINE = 0x0a;

/** One keep-alive pool per target, sized so every concurrent stream has its own socket. */
export function createAgent(sockets: number): Agent {
  // Node's agent only honours a server's `Keep-Alive: timeout=N` hint (retiring idle sockets 1 s
  // early) when it has a timeout of its own. Without one, a socket the mock closed after its 5 s
  // keep-alive gets reused while the other target's round runs, and the stream dies with ECONNRESET.
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, timeout: 60_000 });
}

/**
 * Streams one completion to the end. Never rejects: a failed stream is a sample with `error`, so one
 * bad stream shows up in the report instead of discarding a whole round.
 */
export function runStream(
  target: StreamTarget,
  body: string,
  timeoutMs: number,
  keepBody = false,
): Promise<StreamSample> {
  return new Promise((resolve) => {
    const headers = {
      authorization: `Bearer ${target.token}`,
      accept: 'text/event-stream',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    const started = performance.now();
    const sample: StreamSample = {
      status: 0,
      ttfbMs: null,
      totalMs: 0,
      bodyBytes: 0,
      wireBytes: 0,
      events: 0,
      done: false,
    };
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      sample.totalMs = performance.now() - started;
      if (error !== undefined) sample.error = error;
      resolve(sample);
    };
    // A reused keep-alive socket has already counted earlier responses; only the delta is ours. Taken
    // when the socket is assigned: nothing of our response can have been read before the request left.
    let wireStart = 0;
    const req = httpRequest(target.url, { method: 'POST', headers, agent: target.agent }, (res) => {
      sample.status = res.statusCode ?? 0;
      const socket = res.socket;
      let tail: Buffer = Buffer.alloc(0);
      let errorText = '';
      const kept: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (sample.ttfbMs === null) sample.ttfbMs = performance.now() - started;
        if (keepBody) kept.push(chunk);
        sample.bodyBytes += chunk.length;
        sample.events += countEventEnds(tail, chunk);
        // Keep just enough to see a `\n\n` or `[DONE]` split across two reads (copying only when tiny).
        tail =
          chunk.length >= DONE.length
            ? chunk.subarray(-DONE.length)
            : Buffer.concat([tail, chunk]).subarray(-DONE.length);
        if (sample.status !== 200 && errorText.length < 300) errorText += chunk.toString('utf8');
      });
      res.once('error', (error) => finish(error.message));
      // After 'end' this is a no-op; before it, the server or the network cut the stream short.
      res.once('close', () => finish('connection closed before the end of the body'));
      res.once('end', () => {
        sample.wireBytes = socket.bytesRead - wireStart;
        sample.done = tail.equals(DONE);
        if (keepBody) sample.body = Buffer.concat(kept).toString('utf8');
        finish(sample.status === 200 ? undefined : `HTTP ${sample.status}: ${errorText.slice(0, 300)}`);
      });
    });
    req.once('socket', (socket) => {
      wireStart = socket.bytesRead;
    });
    // Idle timeout, not a total one: a long stream that keeps sending is fine.
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data for ${timeoutMs} ms`)));
    req.once('error', (error) => finish(error.message));
    req.end(body);
  });
}

/** Counts `\n\n` event terminators in `chunk`, including one whose first `\n` ended the previous read. */
function countEventEnds(previous: Buffer, chunk: Buffer): number {
  let count = 0;
  let from = 0;
  if (previous.length > 0 && previous[previous.length - 1] === NEWLINE && chunk[0] === NEWLINE) {
    // `\n\n\n` would then double count; SSE from the mock and the server never has three in a row.
    count++;
    from = 1;
  }
  for (let at = chunk.indexOf('\n\n', from); at !== -1; at = chunk.indexOf('\n\n', at + 2)) count++;
  return count;
}
