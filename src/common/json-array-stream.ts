import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Answers a JSON array written item by item as the batches arrive, so a large export is never whole
 * in memory. A failure before the first byte is thrown (the error filter answers it); after it, the
 * connection is cut, so a client never takes half an array for the whole.
 */
export async function sendJsonArray(res: Response, batches: AsyncIterable<unknown[]>): Promise<void> {
  let started = false;
  try {
    for await (const batch of batches) {
      for (const item of batch) {
        if (!started) res.status(200).type('application/json');
        const more = res.write((started ? ',' : '[') + JSON.stringify(item));
        started = true;
        if (!more) await drained(res);
        if (res.destroyed) return;
      }
    }
  } catch (error) {
    if (!started) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  if (started) res.end(']');
  else res.status(200).json([]);
}

/** Resolves when the client can take more, or has gone. */
async function drained(res: Response): Promise<void> {
  const abort = new AbortController();
  await Promise.race([once(res, 'drain', abort), once(res, 'close', abort)]).finally(() => abort.abort());
}
