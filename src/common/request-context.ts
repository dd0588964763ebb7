import type { Request } from 'express';
import type { AuthContext } from '../auth/auth-context.js';

/** What our middleware and guard attach to each request. */
export interface AppRequest extends Request {
  id: string;
  auth?: AuthContext;
}
