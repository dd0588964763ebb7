import type { Response } from 'express';

/**
 * Aborts when the connection closes before the answer was sent: the client, or a proxy that timed
 * out, has gone, and work still waiting for its turn can be dropped.
 */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}
