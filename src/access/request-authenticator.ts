import type { AuthenticatedRule } from './auth.decorator.js';
import type { AuthContext, AuthenticatedRequest } from './auth-context.js';

/**
 * What the access guard needs from the auth domain, which provides it: the request's credential
 * turned into a caller, with what an API key may not do here already refused. Declared in this
 * layer so that the guard (used by every domain) depends on no domain.
 */
export abstract class RequestAuthenticator {
  /** The caller, or throws 401 (no or bad credential) / 403 (API key not allowed for this rule). */
  abstract authenticateRequest(req: AuthenticatedRequest, rule: AuthenticatedRule): Promise<AuthContext>;
}
