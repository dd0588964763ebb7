import { request } from 'node:http';

/** A time every thread of this process reads alike (ms since the epoch, sub-ms precision). */
export const nowMs = () => performance.timeOrigin + performance.now();

export interface Answer {
  status: number;
  body: string;
  /** When the request was made here. */
  sentAt: number;
  /** When its last byte was handed to the kernel: on loopback, its arrival at the server. */
  writtenAt: number;
  doneAt: number;
}

/**
 * One request on its own connection (no keep-alive, no client timeout), timed by `nowMs`;
 * `onWritten` is told when its last byte has left.
 */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  onWritten?: (at: number) => void,
) {
  return new Promise<Answer>((resolve, reject) => {
    const sentAt = nowMs();
    let writtenAt = Number.NaN;
    const req = request(`${baseUrl}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          sentAt,
          writtenAt,
          doneAt: nowMs(),
        }),
      );
      res.on('error', reject);
    });
    req.on('finish', () => {
      writtenAt = nowMs();
      onWritten?.(writtenAt);
    });
    req.on('error', reject);
    req.end(body);
  });
}
