import { pino } from 'pino';
/** One JSON logger for the whole process; Nest's own messages go through it too. */
export function createLogger(level) {
    return pino({
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: { paths: ['*.password', '*.token', '*.authorization', '*.cookie', '*.api_key'], censor: '[redacted]' },
    });
}
export class NestPinoLogger {
    constructor(logger) {
        this.logger = logger;
    }
    log(message, context) {
        this.logger.info({ context }, String(message));
    }
    error(message, trace, context) {
        this.logger.error({ context, trace }, String(message));
    }
    warn(message, context) {
        this.logger.warn({ context }, String(message));
    }
    debug(message, context) {
        this.logger.debug({ context }, String(message));
    }
    verbose(message, context) {
        this.logger.trace({ context }, String(message));
    }
}
//# sourceMappingURL=logger.js.map