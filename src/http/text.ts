/**
 * Text that PostgreSQL cannot store: the NUL character (rejected in `text` and `jsonb`) and lone UTF-16
 * surrogates (not valid Unicode). Request bodies holding them get a 400; imported text is cleaned before storing.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors.js';

/** NUL, or a surrogate half without its partner. */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasBadText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return BAD_TEXT.test(v);
  if (depth > 20 || v === null || typeof v !== 'object') return false;
  for (const [k, x] of Object.entries(v)) if (BAD_TEXT.test(k) || hasBadText(x, depth + 1)) return true;
  return false;
}

/**
 * Middleware (after a JSON body parser): a body holding a NUL character or a lone surrogate is refused with
 * 400 `invalid_text` instead of failing in the database as a 500.
 */
export function rejectBadText(req: Request, _res: Response, next: NextFunction): void {
  if (hasBadText(req.body)) {
    next(new HttpError(400, 'invalid_text', 'the request holds a NUL character or a broken Unicode character; remove it and try again'));
    return;
  }
  next();
}
