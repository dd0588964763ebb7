import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';

/** The parts of Express 5's router (the `router` package) that prefilterRoute reads and sets. */
interface RouterLayer {
  route?: { path: unknown };
  matchers?: ((path: string) => unknown)[];
}

/**
 * Express sends an empty body for a null result, but the SPA calls `res.json()` on every answer
 * (e.g. GET /users/user/settings for a new user is `null`): send JSON `null` instead. Done here,
 * where Nest hands over every result, rather than in a global interceptor, which would put an
 * rxjs pipeline on every request.
 *
 * Routes also get a cheap first test (see prefilterRoute): Express tries every route, in order,
 * until one matches. And requests are born with Express's prototypes (see initHttpServer).
 */
export class AppExpressAdapter extends ExpressAdapter {
  /**
   * Express gives every request and response its own prototype (`Object.setPrototypeOf`) as it
   * enters the app; V8 then drops the objects' fast shapes, and the rest of the request runs on
   * slow property lookups: that alone cut a bare Express app to a sixth of plain node:http. The
   * server is told to construct them with those prototypes already, so Express's reassignment is a
   * no-op (V8 skips a prototype that is already set): about 3× the throughput of a trivial route.
   */
  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.return503OnClosing || options.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    // A class constructor cannot be called on an existing object: keep Express's own way then.
    if (isClass(IncomingMessage) || isClass(ServerResponse)) super.initHttpServer(options);
    else this.httpServer = createServer(expressPrototypes(app), app);
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (body === null || body === undefined) {
      if (statusCode !== undefined) response.status(statusCode);
      return response.type('application/json').send('null');
    }
    if (isPlainJson(body) && sendsPlainJson(response, statusCode)) {
      if (statusCode !== undefined) response.statusCode = statusCode;
      const json = JSON.stringify(body);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Content-Length', Buffer.byteLength(json));
      response.end(json);
      return response;
    }
    return super.reply(response, body, statusCode);
  }

  /** Nest sets the not-found handler once every route is registered: the moment to prefilter them. */
  override setNotFoundHandler(...args: Parameters<ExpressAdapter['setNotFoundHandler']>): unknown {
    const stack = (this.instance as { router?: { stack?: RouterLayer[] } }).router?.stack ?? [];
    for (const layer of stack) prefilterRoute(layer);
    return super.setNotFoundHandler(...args);
  }
}

/**
 * IncomingMessage and ServerResponse constructors whose instances already have `app.request` and
 * `app.response` (Express's request and response, which extend node's) as their prototypes.
 */
function expressPrototypes(app: Express) {
  return {
    IncomingMessage: constructingWith(IncomingMessage, app.request),
    ServerResponse: constructingWith(ServerResponse, app.response),
  };
}

/**
 * A constructor that builds what `base` builds, with `prototype` (which must extend base's) as its
 * prototype. Node's constructors are plain functions, so `base.call(this)` initialises an object
 * that has had its final prototype from birth (Reflect.construct would too, but measured as slow as
 * the reassignment it avoids).
 */
function constructingWith<T extends abstract new (...args: never[]) => object>(base: T, prototype: object): T {
  const init = base as unknown as (this: object, ...args: unknown[]) => void;
  function Constructed(this: object, ...args: unknown[]) {
    init.apply(this, args);
  }
  Constructed.prototype = prototype;
  return Constructed as unknown as T;
}

const isClass = (fn: unknown) => typeof fn === 'function' && Function.prototype.toString.call(fn).startsWith('class');

/** An object or array Nest would hand to `res.json()`; class instances (files, errors) take Express's path. */
function isPlainJson(body: object): boolean {
  const proto: unknown = Object.getPrototypeOf(body);
  return proto === Object.prototype || proto === null || Array.isArray(body);
}

/**
 * Whether `res.json()` would just stringify and send: then the headers are set directly, without
 * its content-type and charset parsing (twice), settings lookups and freshness check (~5% of a
 * small request). Anything else takes Express's own path: a content type or transfer encoding
 * already set, a HEAD request, a status without a body, a conditional request (304 is possible),
 * or JSON settings (the app sets none).
 */
function sendsPlainJson(response: Response, statusCode: number | undefined): boolean {
  const status = statusCode ?? response.statusCode;
  if (status === 204 || status === 205 || status === 304) return false;
  if (response.hasHeader('Content-Type') || response.hasHeader('Transfer-Encoding')) return false;
  const req = response.req as Request | undefined;
  if (!req || req.method === 'HEAD') return false;
  if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) return false;
  return jsonDefaults(response.app);
}

const plainJsonApps = new WeakMap<object, boolean>();
function jsonDefaults(app: Response['app']): boolean {
  let plain = plainJsonApps.get(app);
  if (plain === undefined) {
    plain = !app.get('json escape') && !app.get('json replacer') && app.get('json spaces') === undefined;
    plainJsonApps.set(app, plain);
  }
  return plain;
}

/**
 * A request walks the router's layers in order, and each route it passes runs its path regex:
 * /health passed ~50 of them, a chat route ~150 (~10% of a small request's CPU). A route's path
 * starts with literal text (`/api/v1/chats/` before `:id`), so a request whose path does not start
 * with it cannot match: compare that first and run the regex only when it does. The test is
 * necessary, never sufficient, so which route answers does not change: ASCII case is ignored as
 * the router ignores it (unless case-sensitive routing is on, where the regex still decides).
 */
function prefilterRoute(layer: RouterLayer): void {
  if (!layer.route || typeof layer.route.path !== 'string' || layer.matchers?.length !== 1) return;
  const prefix = literalPrefix(layer.route.path);
  if (prefix.length < 2) return;
  const [full] = layer.matchers;
  layer.matchers = [(path: string) => startsWithIgnoringCase(path, prefix) && full(path)];
}

/** The lower-cased start of a route path up to its first parameter, group or escape (path-to-regexp 8 syntax). */
function literalPrefix(path: string): string {
  const end = path.search(/[^\w/.-]/);
  return (end === -1 ? path : path.slice(0, end)).toLowerCase();
}

/** `prefix` is lower-case ASCII; no allocation, since this runs for most routes on every request. */
function startsWithIgnoringCase(path: string, prefix: string): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let code = path.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== prefix.charCodeAt(i)) return false;
  }
  return true;
}
