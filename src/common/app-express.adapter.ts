import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Express sends an empty body for a null result, but the SPA calls `res.json()` on every answer
 * (e.g. GET /users/user/settings for a new user is `null`): send JSON `null` instead. Done here,
 * where Nest hands over every result, rather than in a global interceptor, which would put an
 * rxjs pipeline on every request.
 */
export class AppExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (body !== null && body !== undefined) return super.reply(response, body, statusCode);
    if (statusCode !== undefined) response.status(statusCode);
    return response.type('application/json').send('null');
  }
}
