import type { NextFunction, Request, Response } from 'express';

/**
 * The deepest JSON body accepted. The web app's bodies nest about 15 levels at most (chat → history
 * → messages → message → files → file → meta → …, since messages are a flat map, not a tree), and
 * user-written JSON such as a tool's schema rarely 20. Far deeper input only serves to overflow the
 * stack of the recursive code that reads it later (the null-byte scrub, class-transformer, at about
 * 1,500 levels). 100 leaves a wide margin both ways; it is protobuf's JSON recursion limit as well.
 */
export const MAX_BODY_DEPTH = 100;

/**
 * Whether a parsed JSON value nests more than `levels` objects or arrays deep. Recursion stops at
 * `levels`, so it never goes deeper than the limit itself, and only objects and arrays are visited.
 */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (typeof item === 'object' && item !== null && nestsDeeperThan(item, levels - 1)) return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'object' && item !== null && nestsDeeperThan(item, levels - 1)) return true;
  }
  return false;
}

/**
 * Runs right after the JSON body parser: a body nested too deep fails like a body the parser refused
 * (a 400 error for the body-error handler to answer), before any code walks it.
 */
export function rejectDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  if (!nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
    next();
    return;
  }
  const error = new Error(`Request body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).`);
  next(Object.assign(error, { status: 400, type: 'entity.too.deep' }));
}
