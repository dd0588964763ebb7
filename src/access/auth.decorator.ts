import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '../config/app-config.js';
import type { AuthenticatedRequest } from './auth-context.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import type { ApiScope } from './api-scopes.js';
import type { AuthContext } from './auth-context.js';

export const ACCESS_RULE = 'webui:access';

export interface AuthenticatedRule {
  kind: 'authenticated';
  /** Lowest role that may call: pending < user < admin. */
  role: Role;
  /** API-key scope the route needs; without one only `*` keys may call it. */
  scope?: ApiScope;
}

export type AccessRule = { kind: 'public' } | AuthenticatedRule;

/**
 * Declares who may call a route and documents it in OpenAPI, in one place. The global AccessGuard
 * denies any route that has no rule.
 */
export function Auth(options: { role?: Role; scope?: ApiScope } = {}) {
  const rule: AccessRule = { kind: 'authenticated', role: options.role ?? 'user', scope: options.scope };
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiCookieAuth('cookie'),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the role is too low', type: ErrorResponseDto }),
    ApiForbiddenResponse({ description: 'API key not allowed here', type: ErrorResponseDto }),
  );
}

/** No credentials needed (junk credentials are ignored). */
export function Public() {
  return SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
}

/** The caller's AuthContext, set by the AccessGuard. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.auth) throw new Error('Caller used on a route without @Auth');
  return request.auth;
});
