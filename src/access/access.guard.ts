import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../config/app-config.js';
import { forbidden, MESSAGES, unauthorized } from '../common/errors.js';
import { ACCESS_RULE, type AccessRule } from './auth.decorator.js';
import type { AuthenticatedRequest } from './auth-context.js';
import { RequestAuthenticator } from './request-authenticator.js';

const ROLE_RANK: Record<Role, number> = { pending: 0, user: 1, admin: 2 };

/**
 * The global guard. Every route must carry an access rule (`@Auth` or `@Public`); a route without
 * one is refused, so forgetting a decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
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
}
