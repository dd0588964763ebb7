import { randomUUID } from 'node:crypto';
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;
/** Gives each request an id (echoed as X-Request-Id) and logs one JSON line when it finishes. */
export function requestLogger(logger) {
    return (req, res, next) => {
        const incoming = req.header('x-request-id');
        req.id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', req.id);
        const started = process.hrtime.bigint();
        res.on('finish', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            logger.info({
                reqId: req.id,
                method: req.method,
                // The path only: query strings can carry tokens.
                path: req.path,
                status: res.statusCode,
                ms: Math.round(ms * 100) / 100,
                userId: req.auth?.user.id,
            }, 'request');
        });
        next();
    };
}
//# sourceMappingURL=request-logger.middleware.js.map