import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import type { AppRequest } from './request-context.js';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives each request an id (echoed as X-Request-Id) and logs one JSON line when it finishes. */
export function requestLogger(logger: Logger) {
  // The level is fixed at start (LOG_LEVEL): above info there is no line to write, so no timer
  // and no listener either.
  const logs = logger.isLevelEnabled('info');
  return (req: AppRequest, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (!logs) {
      next();
      return;
    }
    const started = req.arrivedAt ?? process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          reqId: req.id,
          method: req.method,
          // The path only: query strings can carry tokens.
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 100) / 100,
          userId: req.auth?.user.id,
        },
        'request',
      );
    });
    next();
  };
}
