import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';

/**
 * Writes everything handed to it within one tick as a single write. Node's HTTP client emits one
 * 'data' event per chunk of a chunked body, so one socket read that brought a hundred tokens is a
 * hundred events; written one by one, each costs a chunked frame and four socket writes. Batched per
 * tick, the same bytes leave as soon as the read that brought them is parsed: no timer, no added
 * latency, one frame.
 */
export class TickBatchWriter {
  private pending: (string | Buffer)[] = [];

  /** `onBackpressure` runs when the destination's buffer is full (resume on its 'drain'). */
  constructor(
    private readonly destination: Writable,
    private readonly onBackpressure: () => void,
  ) {}

  write(data: string | Buffer): void {
    if (this.pending.push(data) === 1) process.nextTick(this.flush);
  }

  /** Writes what is pending now; call before ending the destination. */
  readonly flush = (): void => {
    const { destination } = this;
    if (this.pending.length === 0 || destination.destroyed || destination.writableEnded) return;
    const parts = this.pending;
    this.pending = [];
    const data = parts.length === 1 ? parts[0] : Buffer.concat(parts.map(toBuffer));
    if (!destination.write(data)) this.onBackpressure();
  };
}

/**
 * The headers leave with the first write when it comes within this turn of the event loop (one
 * write, one wake-up of the client: the provider often sends its headers and first token together),
 * else on their own at the end of the turn.
 */
export function flushHeadersThisTurn(res: ServerResponse): void {
  setImmediate(() => {
    if (!res.headersSent && !res.destroyed) res.flushHeaders();
  });
}

const toBuffer = (part: string | Buffer) => (typeof part === 'string' ? Buffer.from(part) : part);
