import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Strategy } from 'passport-strategy';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { OAuthProviderConfig } from '../config/env-oauth.js';
import { AppError, MESSAGES, notFound } from '../common/errors.js';
import { TokenService } from '../auth/token.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { bindBrowser, LOGIN_COOKIE, LoginStateStore } from './login-state.store.js';
import { OAuthAccountsService } from './oauth-accounts.service.js';
import { OAuthLoginError } from './oauth-identity.js';
import { ID_TOKEN_COOKIE } from './oauth-signout.service.js';
import { OidcDiscoveryService } from './oidc-discovery.service.js';
import { runLoginStrategy } from './run-login-strategy.js';

const PROVIDER_UNREACHABLE = 'The sign-in provider could not be reached. Please try again later.';

/** The two halves of a single sign-on: off to the provider, and back with a session or a reason. */
@Injectable()
export class OAuthLoginService {
  private readonly logger = new Logger(OAuthLoginService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly discovery: OidcDiscoveryService,
    private readonly logins: LoginStateStore,
    private readonly accounts: OAuthAccountsService,
    private readonly tokens: TokenService,
    private readonly settings: SettingsService,
  ) {}

  /** Redirects to the provider's authorization endpoint; unknown provider → 404. */
  async start(providerId: string, req: Request, res: Response): Promise<void> {
    const provider = this.providerOrThrow(providerId);
    let strategy: Strategy;
    try {
      strategy = await this.strategyFor(provider);
    } catch (error) {
      this.logger.warn(`OAuth ${provider.id}: discovery failed: ${(error as Error).message}`);
      throw new AppError('bad_gateway', PROVIDER_UNREACHABLE);
    }
    const binding = this.logins.newBrowserBinding();
    bindBrowser(req, binding);
    res.cookie(LOGIN_COOKIE, binding, {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET from another site, which Lax lets through.
      sameSite: 'lax',
      secure: this.config.auth.cookieSecure,
      path: '/oauth',
      maxAge: this.logins.ttlSeconds * 1000,
    });
    const outcome = await runLoginStrategy(strategy, req, res, { callbackURL: this.callbackUrl(provider, req) });
    if (outcome.kind !== 'redirected') {
      this.logger.warn(`OAuth ${provider.id}: could not start: ${describe(outcome)}`);
      if (!res.headersSent) throw new AppError('bad_gateway', PROVIDER_UNREACHABLE);
    }
  }

  /** Back from the provider: `/auth` with the `token` cookie, or `/auth?error=…` with no session. */
  async finish(providerId: string, req: Request, res: Response): Promise<void> {
    const provider = this.providerOrThrow(providerId);
    res.clearCookie(LOGIN_COOKIE, { path: '/oauth' });
    try {
      const outcome = await runLoginStrategy(await this.strategyFor(provider), req, res, {
        callbackURL: this.callbackUrl(provider, req),
      });
      if (outcome.kind === 'redirected') return;
      if (outcome.kind !== 'success') throw new OAuthLoginError(MESSAGES.INVALID_CRED, describe(outcome));
      const user = await this.accounts.signIn(outcome.identity);
      const { token, expiresAt } = this.tokens.issue(user.id, this.settings.get().jwtExpiresIn);
      const cookie = { sameSite: this.config.auth.cookieSameSite, secure: this.config.auth.cookieSecure, path: '/' };
      // Not HttpOnly, as Open WebUI sets it: the web app's /auth page reads it to start its session.
      res.cookie('token', token, {
        ...cookie,
        httpOnly: false,
        expires: expiresAt ? new Date(expiresAt * 1000) : undefined,
      });
      if (outcome.identity.idToken)
        res.cookie(ID_TOKEN_COOKIE, outcome.identity.idToken, { ...cookie, httpOnly: true });
      res.redirect(302, `${this.webBase(req)}/auth`);
    } catch (error) {
      const detail = error instanceof OAuthLoginError ? error.detail : MESSAGES.INVALID_CRED;
      this.logger.warn(`OAuth ${provider.id}: sign-in refused: ${(error as Error).message}`);
      res.redirect(302, `${this.webBase(req)}/auth?error=${encodeURIComponent(detail)}`);
    }
  }

  private providerOrThrow(id: string): OAuthProviderConfig {
    const provider = this.config.oauth.providers.find((candidate) => candidate.id === id);
    if (!provider) throw notFound();
    return provider;
  }

  /**
   * A new strategy per request: cheap (the metadata and keys are cached), and never shared mid-flow.
   * Their libraries load on the first sign-in through a provider, not at start-up.
   */
  private async strategyFor(provider: OAuthProviderConfig): Promise<Strategy> {
    if (provider.protocol === 'github') {
      const { githubLoginStrategy } = await import('./github-login.strategy.js');
      return githubLoginStrategy(provider, this.logins);
    }
    const metadata = await this.discovery.metadataFor(provider.discoveryUrl ?? '');
    const { OidcLoginStrategy } = await import('./oidc-login.strategy.js');
    return new OidcLoginStrategy(provider, metadata, this.logins, this.discovery);
  }

  private callbackUrl(provider: OAuthProviderConfig, req: Request): string {
    return provider.redirectUri ?? `${requestBase(req)}/oauth/${provider.id}/login/callback`;
  }

  private webBase(req: Request): string {
    return (this.settings.get().webuiUrl || requestBase(req)).replace(/\/+$/, '');
  }
}

const requestBase = (req: Request) => `${req.protocol}://${req.get('host')}`;

function describe(outcome: Awaited<ReturnType<typeof runLoginStrategy>>): string {
  if (outcome.kind === 'failure') return outcome.reason;
  if (outcome.kind === 'error') return outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return outcome.kind;
}
