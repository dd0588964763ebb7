import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig, Role } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { AppRequest } from '../common/request-context.js';
import { forbidden, MESSAGES, unauthorized } from '../common/errors.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { type ApiScope, keyHasScope } from './api-scopes.js';
import { ACCESS_RULE, type AccessRule } from './auth.decorator.js';
import type { AuthContext } from './auth-context.js';
import { Authenticator } from './authenticator.service.js';

type Handler = ReturnType<ExecutionContext['getHandler']>;
type Controller = ReturnType<ExecutionContext['getClass']>;

const ROLE_RANK: Record<Role, number> = { pending: 0, user: 1, admin: 2 };

/**
 * The global guard. Every route must carry an access rule (`@Auth` or `@Public`); a route without
 * one is refused, so forgetting a decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  /** Decorator metadata is fixed once the app is built: read it once per route, not per request. */
  private readonly rules = new WeakMap<object, { controller: object; rule: AccessRule | undefined }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.ruleOf(context.getHandler(), context.getClass());
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} has no access rule`);
      throw forbidden();
    }
    if (rule.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<AppRequest>();
    const trustedHeader = this.config.auth.trustedEmailHeader;
    const auth = await this.authenticator.authenticate(
      this.authenticator.credentialFrom(req),
      trustedHeader ? req.header(trustedHeader) : undefined,
    );
    req.auth = auth;
    if (auth.apiKey) await this.checkApiKey(auth, auth.apiKey.scopes, rule, req.path);
    if (ROLE_RANK[auth.user.role] < ROLE_RANK[rule.role]) throw unauthorized(MESSAGES.ACCESS_PROHIBITED);
    return true;
  }

  private ruleOf(handler: Handler, controller: Controller): AccessRule | undefined {
    const known = this.rules.get(handler);
    // A handler inherited by two controllers is one function: the cache holds the last one asked.
    if (known?.controller === controller) return known.rule;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, controller]);
    this.rules.set(handler, { controller, rule });
    return rule;
  }

  /** Global switches, endpoint restrictions, then the route's scope (contract README §3). */
  private async checkApiKey(
    auth: AuthContext,
    keyScopes: string[],
    rule: Extract<AccessRule, { kind: 'authenticated' }>,
    path: string,
  ): Promise<void> {
    const settings = this.settings.get();
    if (!settings.enableApiKeys) throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
    if (auth.user.role !== 'admin' && !(await this.permissions.has(auth.user.id, 'features', 'api_keys'))) {
      throw forbidden(MESSAGES.API_KEY_NOT_ALLOWED);
    }
    if (settings.apiKeyEndpointRestrictions) {
      const allowed = settings.apiKeysAllowedEndpoints
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (!allowed.some((entry) => path === entry || path.startsWith(`${entry}/`))) {
        throw forbidden(MESSAGES.API_KEY_ENDPOINT_NOT_ALLOWED);
      }
    }
    const needed: ApiScope[] = [rule.scope ?? '*', ...(rule.role === 'admin' ? (['admin'] as const) : [])];
    const missing = needed.find((scope) => !keyHasScope(keyScopes, scope));
    if (missing) throw forbidden(`This API key lacks the "${missing}" scope.`);
  }
}
