import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { SigninAdmission } from './auth/signin-admission.js';
import type { AppConfig } from './config/app-config.js';
import { AppExpressAdapter } from './common/app-express.adapter.js';
import { rejectDeepBodies } from './common/body-depth.js';
import { corsMiddleware } from './common/cors.middleware.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createLogger, NestPinoLogger } from './common/logger.js';
import { requestLogger } from './common/request-logger.middleware.js';
import { securityHeaders } from './common/security-headers.middleware.js';
import { AppValidationPipe } from './common/validation.pipe.js';
import { spaMiddleware } from './frontend/spa.middleware.js';
import { mountOpenApi } from './openapi.js';
import { loadSocketRedisAdapter, RealtimeIoAdapter } from './realtime/realtime-io.adapter.js';
import { SOCKET_REDIS, type SocketRedis } from './presence/socket-redis.js';

/** Builds the whole HTTP application from a validated config; main.ts and the tests share it. */
export async function createApp(config: AppConfig, logger: Logger = createLogger(config.logLevel)) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new AppExpressAdapter(), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
    // A failure while building the app is thrown to the caller (main.ts reports it in one line and
    // exits 1) instead of Nest ending the process itself.
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are not cached by validators; hashing every JSON body for an ETag is wasted work.
  app.set('etag', false);
  app.use(requestLogger(logger));
  app.use(securityHeaders(config));
  app.use(corsMiddleware(config));
  const signinAdmission = app.get(SigninAdmission);
  signinAdmission.install(app.getHttpServer());
  app.use(signinAdmission.answerRefused);
  if (config.frontendBuildDir) app.use(spaMiddleware(config.frontendBuildDir));
  app.use(withBody(express.json({ limit: config.bodyLimit }), rejectDeepBodies));
  app.use(withBody(express.urlencoded({ extended: false, limit: config.bodyLimit })));
  app.use(bodyErrors);
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(logger));
  mountOpenApi(app, config);
  const redisAdapter = await loadSocketRedisAdapter(app.get<SocketRedis | null>(SOCKET_REDIS));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config, redisAdapter));
  return app;
}

/**
 * Most requests (GETs) have no body: step over the parser instead of running its checks. Same test
 * as the parser's own (type-is hasBody); `req.body` is then left unset, which reads as undefined.
 */
function withBody(parser: RequestHandler, thenCheck?: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) next();
    else if (!thenCheck) void parser(req, res, next);
    else void parser(req, res, (error?: unknown) => (error ? next(error) : void thenCheck(req, res, next)));
  };
}

/**
 * Malformed, oversized and too deeply nested JSON bodies fail in the body parsers, before Nest's filters:
 * answer them here.
 */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  const parserError = error as { status?: number; type?: string; message?: string };
  if (typeof parserError?.status !== 'number' || parserError.status < 400 || parserError.status >= 500) {
    next(error);
    return;
  }
  const detail =
    parserError.type === 'entity.parse.failed'
      ? 'Request body is not valid JSON.'
      : parserError.type === 'entity.too.large'
        ? 'Request body is too large.'
        : (parserError.message ?? 'Bad request');
  res.status(parserError.status).json({ detail });
}
