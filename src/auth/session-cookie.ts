import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';

/** Cookies cleared on sign-out and on a bad token, as Open WebUI does, so no stale session outlives either. */
const SESSION_COOKIES = ['token', 'oauth_id_token', 'oauth_session_id', 'oui-session'];

/**
 * The `token` cookie: the SPA reads GET /api/config and <img> URLs with it, so every sign-in
 * and session refresh sets it. HttpOnly; expires with the JWT.
 */
@Injectable()
export class SessionCookie {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  attach<T>(res: Response, session: { body: T; cookie: { token: string; expiresAt: number | null } | null }): T {
    if (session.cookie) {
      res.cookie('token', session.cookie.token, {
        httpOnly: true,
        sameSite: this.config.auth.cookieSameSite,
        secure: this.config.auth.cookieSecure,
        path: '/',
        expires: session.cookie.expiresAt ? new Date(session.cookie.expiresAt * 1000) : undefined,
      });
    }
    return session.body;
  }

  clear<T>(res: Response, body: T): T {
    for (const name of SESSION_COOKIES) res.clearCookie(name, { path: '/' });
    return body;
  }
}
