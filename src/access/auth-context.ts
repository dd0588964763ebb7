import type { Role } from '../config/app-config.js';
import type { AppRequest } from '../common/request-context.js';

/** What access rules and most services need to know of the caller. */
export interface CallerUser {
  id: string;
  role: Role;
  name: string;
  email: string;
}

/**
 * Who is calling: the user, and the API key when the call came with one. The auth domain resolves
 * `user` to the full user row, so the users and auth routes may read it as `AuthContext<UserEntity>`.
 */
export interface AuthContext<User extends CallerUser = CallerUser> {
  user: User;
  apiKey?: { id: string; scopes: string[] };
  /** The raw credential, echoed by GET /api/v1/auths/. */
  token: string;
  /** JWT expiry (epoch seconds), null for keys and non-expiring tokens. */
  expiresAt: number | null;
}

/** A request after the access guard: `auth` is set on every route with an `@Auth` rule. */
export interface AuthenticatedRequest extends AppRequest {
  auth?: AuthContext;
}
