var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectConfig } from '../config/config.module.js';
/** Cookies cleared on sign-out and on a bad token (contract README §3). */
const SESSION_COOKIES = ['token', 'oauth_id_token', 'oauth_session_id', 'oui-session'];
/**
 * The `token` cookie: the SPA reads GET /api/config and <img> URLs with it, so every sign-in
 * and session refresh sets it. HttpOnly; expires with the JWT.
 */
let SessionCookie = class SessionCookie {
    constructor(config) {
        this.config = config;
    }
    attach(res, session) {
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
    clear(res, body) {
        for (const name of SESSION_COOKIES)
            res.clearCookie(name, { path: '/' });
        return body;
    }
};
SessionCookie = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object])
], SessionCookie);
export { SessionCookie };
//# sourceMappingURL=session-cookie.js.map