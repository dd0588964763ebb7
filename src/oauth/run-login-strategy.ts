import type { Request, Response } from 'express';
import passport from 'passport';
import type { Strategy } from 'passport-strategy';
import type { OAuthIdentity } from './oauth-identity.js';

export type LoginOutcome =
  | { kind: 'redirected' }
  | { kind: 'success'; identity: OAuthIdentity }
  | { kind: 'failure'; reason: string }
  | { kind: 'error'; error: unknown };

const reasonOf = (info: unknown): string => {
  const message = (Array.isArray(info) ? info[0] : info) as { message?: unknown } | undefined;
  return typeof message?.message === 'string' ? message.message : 'The provider refused the sign-in.';
};

/**
 * Runs a Passport strategy on this request without sessions: the start of a sign-in ends in the
 * strategy's redirect to the provider (written to `res`), its return in an identity or a refusal.
 * The strategy is used once (each request gets its own), so Passport's per-request actions never mix.
 */
export function runLoginStrategy(
  strategy: Strategy,
  req: Request,
  res: Response,
  options: Record<string, unknown>,
): Promise<LoginOutcome> {
  return new Promise((resolve) => {
    const redirected = () => resolve({ kind: 'redirected' });
    res.once('finish', redirected);
    const settle = (outcome: LoginOutcome) => {
      res.off('finish', redirected);
      resolve(outcome);
    };
    const middleware = passport.authenticate(
      strategy,
      { ...options, session: false },
      (error: unknown, identity: OAuthIdentity | false, info: unknown) => {
        if (error) settle({ kind: 'error', error });
        else if (identity) settle({ kind: 'success', identity });
        else settle({ kind: 'failure', reason: reasonOf(info) });
      },
    ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
    middleware(req, res, (error?: unknown) => settle({ kind: 'error', error }));
  });
}
