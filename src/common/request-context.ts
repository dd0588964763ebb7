import type { Request } from 'express';

/** What our middleware attaches to each request; the access guard adds the caller (`auth`). */
export interface AppRequest extends Request {
  id: string;
  /** process.hrtime.bigint() when a request that waited before the app (SigninAdmission) arrived. */
  arrivedAt?: bigint;
  /** Read here only for the caller's id in request logs. */
  auth?: { user: { id: string } };
}
