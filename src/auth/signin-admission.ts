import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { AppError } from '../common/errors.js';
import type { AppRequest } from '../common/request-context.js';
import { FifoLimiter, QueueFullError } from '../common/fifo-limiter.js';
import { sendAppError } from '../common/http-exception.filter.js';
import { putInFrontOfRequests } from '../common/request-front.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { passwordQueueFull } from '../credentials/password.service.js';

/** Public routes that spend a bcrypt check on what anyone sends (AuthController's signin and signup). */
const ADMITTED_PATHS = new Set(['/api/v1/auths/signin', '/api/v1/auths/signup']);

/**
 * The door in front of password sign-ins. bcrypt checks run a few at a time (BcryptLimiter); a
 * storm of 500 sign-ins used to go through Express, the body parser, validation and the account
 * lookup all at once as it arrived, and the event loop, busy with that, answered neither the first
 * finished check nor anyone else's request until the whole burst had been through. Here a sign-in
 * waits as it arrived, before the app (its body unread, nothing looked up), until few enough are in
 * progress to keep the bcrypt threads busy; its work happens in its turn. Arrival order is kept, and
 * BCRYPT_QUEUE_LIMIT bounds the line.
 */
@Injectable()
export class SigninAdmission {
  private readonly door: FifoLimiter;
  /** Requests turned away at the door, answered by `answerRefused` inside the app (headers, CORS, request id). */
  private readonly refused = new WeakMap<IncomingMessage, AppError>();

  constructor(@InjectConfig() config: AppConfig) {
    // Twice the checks that run at once: the next sign-in is ready when a check ends.
    this.door = new FifoLimiter(config.auth.bcryptConcurrency * 2, config.auth.bcryptQueueLimit);
  }

  /** Puts the door in front of the server's request listener (the Express app). */
  install(server: Server): void {
    putInFrontOfRequests(server, (req, res, pass) => {
      if (req.method === 'POST' && req.url !== undefined && ADMITTED_PATHS.has(routePath(req.url))) {
        this.admit(req, res, pass);
      } else pass();
    });
  }

  /** Express middleware, after the ones that set headers: answers the requests the door refused. */
  readonly answerRefused: RequestHandler = (req, res, next) => {
    const refusal = this.refused.get(req);
    if (refusal) sendAppError(res, refusal);
    else next();
  };

  private admit(req: IncomingMessage & Pick<AppRequest, 'arrivedAt'>, res: ServerResponse, pass: () => void): void {
    // The request's log line counts its wait at the door.
    req.arrivedAt = process.hrtime.bigint();
    let leave: (() => boolean) | null;
    try {
      leave = this.door.schedule(() => untilClosedOrStalled(req, res, pass));
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      this.refused.set(req, passwordQueueFull(error));
      pass();
      return;
    }
    // A client that leaves while waiting (or whose proxy timed out) takes its place out of the line.
    if (leave) res.once('close', leave);
  }
}

/**
 * A client still sending its body this long after its turn came gives its place up and goes on
 * alone: a few slow clients must not hold the door's few places, and with them every sign-in, for
 * the server's request timeout (minutes). A sign-in's body normally follows its headers within
 * milliseconds.
 */
const BODY_GRACE_MS = 1000;

/** Lets the request go on, and holds its place until its answer is sent, its connection closes, or its body stalls. */
function untilClosedOrStalled(req: IncomingMessage, res: ServerResponse, pass: () => void): Promise<void> {
  return new Promise((resolve) => {
    const stalled = setTimeout(() => {
      if (!req.complete) resolve();
    }, BODY_GRACE_MS);
    res.once('close', () => {
      clearTimeout(stalled);
      resolve();
    });
    pass();
  });
}

/** The path as the router matches it: no query, case and one trailing slash ignored. */
function routePath(url: string): string {
  const query = url.indexOf('?');
  const path = (query === -1 ? url : url.slice(0, query)).toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
