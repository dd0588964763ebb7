import { applyDecorators, createParamDecorator, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse, } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
export const ACCESS_RULE = 'webui:access';
/**
 * Declares who may call a route and documents it in OpenAPI, in one place. The global AccessGuard
 * denies any route that has no rule.
 */
export function Auth(options = {}) {
    const rule = { kind: 'authenticated', role: options.role ?? 'user', scope: options.scope };
    return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiBearerAuth('bearer'), ApiSecurity('api-key'), ApiCookieAuth('cookie'), ApiUnauthorizedResponse({ description: 'Not signed in, or the role is too low', type: ErrorResponseDto }), ApiForbiddenResponse({ description: 'API key not allowed here', type: ErrorResponseDto }));
}
/** No credentials needed (junk credentials are ignored). */
export function Public() {
    return SetMetadata(ACCESS_RULE, { kind: 'public' });
}
/** The caller's AuthContext, set by the AccessGuard. */
export const Caller = createParamDecorator((_, context) => {
    const request = context.switchToHttp().getRequest();
    if (!request.auth)
        throw new Error('Caller used on a route without @Auth');
    return request.auth;
});
//# sourceMappingURL=auth.decorator.js.map