import type { UserEntity } from '../users/user.entity.js';

/** Who is calling: the user, and the API key when the call came with one. */
export interface AuthContext {
  user: UserEntity;
  apiKey?: { id: string; scopes: string[] };
  /** The raw credential, echoed by GET /api/v1/auths/. */
  token: string;
  /** JWT expiry (epoch seconds), null for keys and non-expiring tokens. */
  expiresAt: number | null;
}
