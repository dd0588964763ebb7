import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parse as parseCookie } from 'cookie';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { KeyValueStore } from '../kv/key-value.store.js';

/** Ties a started sign-in to the browser that started it (a login-CSRF defence); path-limited to /oauth. */
export const LOGIN_COOKIE = 'oauth_login';

/** What a sign-in needs when the provider sends the browser back: kept in the shared store, never in a cookie. */
export interface PendingLogin {
  provider: string;
  /** SHA-256 of the browser's LOGIN_COOKIE value. */
  browser: string;
  nonce?: string;
  codeVerifier?: string;
  maxAge?: number;
  issued?: string;
}

export type TakenLogin = { ok: true; login: PendingLogin } | { ok: false; reason: string };

const digest = (value: string) => createHash('sha256').update(value).digest('hex');
const entryKey = (handle: string) => `oauth:login:${digest(handle)}`;
const usedKey = (handle: string) => `oauth:login:${digest(handle)}:used`;

/** Per request: the browser binding the login route chose, and the sign-in the callback took. */
const browserOfRequest = new WeakMap<Request, string>();
const loginOfRequest = new WeakMap<Request, PendingLogin>();

export const bindBrowser = (req: Request, value: string) => browserOfRequest.set(req, value);
export const takenLoginOf = (req: Request) => loginOfRequest.get(req);

/**
 * `state`, nonce and PKCE verifier of sign-ins in progress, in the key-value store (Redis with
 * REDIS_URL), so a sign-in started on one instance finishes on any other. Each state is good once.
 */
@Injectable()
export class LoginStateStore {
  constructor(
    private readonly store: KeyValueStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.oauth.loginTtlSeconds;
  }

  newBrowserBinding(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Saves the sign-in and returns its `state` handle (unguessable: 256 random bits). */
  async save(req: Request, login: Omit<PendingLogin, 'browser'>): Promise<string> {
    const browser = browserOfRequest.get(req);
    if (!browser) throw new Error('The sign-in was started without a browser binding');
    const handle = randomBytes(32).toString('base64url');
    const entry: PendingLogin = { ...login, browser: digest(browser) };
    await this.store.set(entryKey(handle), JSON.stringify(entry), this.ttlSeconds);
    return handle;
  }

  /** The sign-in named by `handle`, at most once, for the browser and provider that started it. */
  async take(req: Request, provider: string, handle: unknown): Promise<TakenLogin> {
    if (typeof handle !== 'string' || handle === '' || handle.length > 200) {
      return { ok: false, reason: 'The sign-in state is missing.' };
    }
    const stored = await this.store.get(entryKey(handle));
    if (!stored) return { ok: false, reason: 'The sign-in state is unknown or has expired.' };
    // INCR is atomic: of two callbacks racing with the same state (on any instances), one wins.
    if ((await this.store.increment(usedKey(handle), this.ttlSeconds)) !== 1) {
      return { ok: false, reason: 'The sign-in state was already used.' };
    }
    await this.store.delete(entryKey(handle));
    const login = JSON.parse(stored) as PendingLogin;
    const cookie = req.headers.cookie ? parseCookie(req.headers.cookie)[LOGIN_COOKIE] : undefined;
    if (!cookie || !sameText(digest(cookie), login.browser)) {
      return { ok: false, reason: 'The sign-in was started in another browser.' };
    }
    if (login.provider !== provider) return { ok: false, reason: 'The sign-in was started with another provider.' };
    loginOfRequest.set(req, login);
    return { ok: true, login };
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
