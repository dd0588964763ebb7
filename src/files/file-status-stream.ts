import type { Response } from 'express';
import type { FileData } from './file.entity.js';

/**
 * Streams a file's processing status as server-sent events (`data: {"status":"pending"}` …) until
 * it ends; the generator stops when the caller goes away.
 */
export async function sendStatusUpdates(
  res: Response,
  updates: (signal: AbortSignal) => AsyncGenerator<FileData>,
): Promise<void> {
  const caller = new AbortController();
  res.on('close', () => caller.abort());
  const iterator = updates(caller.signal);
  // The first status is read before the headers go out, so a missing file is still a plain 404.
  const first = await iterator.next();
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  if (!first.done) res.write(`data: ${JSON.stringify(first.value)}\n\n`);
  for await (const status of { [Symbol.asyncIterator]: () => iterator }) {
    if (res.destroyed) break;
    res.write(`data: ${JSON.stringify(status)}\n\n`);
  }
  res.end();
}
