import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type ErrorKind, InvalidInput, MESSAGES } from './errors.js';
import type { AppRequest } from './request-context.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_request: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  bad_gateway: HttpStatus.BAD_GATEWAY,
  gateway_timeout: HttpStatus.GATEWAY_TIMEOUT,
  service_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  internal: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Answers a domain error where no Nest filter runs (middleware in front of the routes). */
export function sendAppError(res: Response, error: AppError): void {
  res.status(STATUS_BY_KIND[error.kind]).set(error.headers).json({ detail: error.detail });
}

/**
 * The one place errors become HTTP: every answer is JSON `{"detail": ...}` because the SPA does
 * `throw await res.json()` on any non-2xx. Unknown errors are logged with the request id and
 * answered with a generic 500 so internals never leak.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Socket handlers catch their own errors; anything else reaching here from a socket is logged.
    if (host.getType() !== 'http') {
      this.logger.error({ err: exception }, 'unhandled socket error');
      return;
    }
    const context = host.switchToHttp();
    const res = context.getResponse<Response>();
    const req = context.getRequest<AppRequest>();
    const { status, body, headers } = this.toResponse(exception, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).set(headers).json(body);
  }

  private toResponse(exception: unknown, req: AppRequest) {
    if (exception instanceof AppError) {
      return { status: STATUS_BY_KIND[exception.kind], body: { detail: exception.detail }, headers: exception.headers };
    }
    if (exception instanceof InvalidInput) {
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { detail: exception.errors }, headers: {} };
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const detail = typeof response === 'object' && 'detail' in response ? response.detail : exception.message;
      return { status: exception.getStatus(), body: { detail }, headers: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ reqId: req?.id, err: exception }, 'database unavailable');
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { detail: MESSAGES.DATABASE_UNAVAILABLE }, headers: {} };
    }
    if (isRedisUnavailable(exception)) {
      this.logger.warn({ reqId: req?.id, err: exception }, 'Redis unavailable');
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { detail: MESSAGES.REDIS_UNAVAILABLE }, headers: {} };
    }
    this.logger.error({ reqId: req?.id, err: exception }, 'unhandled error');
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { detail: MESSAGES.DEFAULT }, headers: {} };
  }
}

/**
 * ioredis gave up on a command while Redis is away (retries exhausted, or the connection closed
 * under it): a temporary condition, answered 503 so clients retry, not a 500.
 */
function isRedisUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  return exception.name === 'MaxRetriesPerRequestError' || exception.message === 'Connection is closed.';
}

/** Socket-level failures and PostgreSQL's "shutting down / starting up / connection lost" classes. */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const DATABASE_DOWN_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/**
 * PostgreSQL went away (restart, failover, network): the pool's connect or a query failed for that
 * reason, directly or wrapped by TypeORM (`driverError`). Temporary, answered 503 so clients retry;
 * the pool reconnects by itself once the server is back.
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  for (const error of [exception, (exception as { driverError?: unknown } | null)?.driverError]) {
    if (!(error instanceof Error)) continue;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || /^(08|57P0)/.test(code))) return true;
    if (DATABASE_DOWN_MESSAGES.some((text) => error.message.includes(text))) return true;
  }
  return false;
}
