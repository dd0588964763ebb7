import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../config/app-config.js';
import { forbidden, MESSAGES, unauthorized } from '../common/errors.js';
import { ACCESS_RULE, type AccessRule } from './auth.decorator.js';
import type { AuthenticatedRequest } from './auth-context.js';
import { RequestAuthenticator } from './request-authenticator.js';

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
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.ruleOf(context.getHandler(), context.getClass());
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} has no access rule`);
      throw forbidden();
    }
    if (rule.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = await this.authenticator.authenticateRequest(req, rule);
    req.auth = auth;
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
}
