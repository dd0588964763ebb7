import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * Express sends an empty body for a null result, but the SPA calls `res.json()` on every answer
 * (e.g. GET /users/user/settings for a new user is `null`). Send JSON `null` instead.
 */
@Injectable()
export class JsonNullInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        if (value !== null && value !== undefined) return value;
        const res = context.switchToHttp().getResponse<Response>();
        if (!res.headersSent) res.type('application/json');
        return 'null';
      }),
    );
  }
}
