/**
 * API keys and roles (issue 4 §4). A key is sent as `Authorization: Bearer <key>`; only its sha256 is stored.
 * The queue dashboard also accepts HTTP Basic with the key as the password, so that a browser can open it.
 *
 * Access rules:
 * | role     | upload                         | read imports and records | users | dashboard |
 * |----------|--------------------------------|--------------------------|-------|-----------|
 * | member   | own member id only             | own only (404 otherwise, as if unknown) | no    | no        |
 * | staff    | on behalf of any member        | all                      | no    | yes       |
 * | reviewer | no                             | all                      | no    | no        |
 * | admin    | on behalf of any member        | all                      | yes   | yes       |
 *
 * Changing what one may read (issues 5 and 11): correcting or excluding a record and putting an import's mapping —
 * a member their own, the other roles any; withdrawing an import — a member their own, staff and admins any;
 * accepting a gap and setting a member's activity status — staff, reviewers, admins; setting a member's professional
 * body — staff and admins; remembering a mapping as a
 * template — staff, reviewers, admins; listing and deleting templates — staff and admins.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role, User } from '../store/store.js';
import { HttpError } from './errors.js';

/** Looks up the active user holding a key (the store's `findUserByKey`). */
export type FindUserByKey = (key: string) => Promise<User | null>;

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated user (set by {@link authenticate}). */
    user?: User;
  }
}

/** The key in `Authorization: Bearer <key>` (or, when `allowBasic`, the password of `Basic`), else null. */
export function keyFromHeader(header: string | undefined, allowBasic = false): string | null {
  if (header === undefined) return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1]!;
  if (allowBasic) {
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (basic) {
      const text = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      const key = colon >= 0 ? text.slice(colon + 1) : text;
      return key === '' ? null : key;
    }
  }
  return null;
}

/**
 * Middleware: 401 `unauthorized` without a valid key; sets `req.user` otherwise.
 * @param basicRealm when set, HTTP Basic is accepted too and a 401 carries `WWW-Authenticate: Basic realm=…`
 */
export function authenticate(find: FindUserByKey, basicRealm?: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = keyFromHeader(req.headers.authorization, basicRealm !== undefined);
    if (key === null || key.length > 200) {
      res.setHeader('WWW-Authenticate', basicRealm !== undefined ? `Basic realm="${basicRealm}"` : 'Bearer realm="cpd-import"');
      next(new HttpError(401, 'unauthorized', 'an API key is needed: send Authorization: Bearer <key> (create one with cpd-import users add)'));
      return;
    }
    const user = await find(key);
    if (user === null) {
      res.setHeader('WWW-Authenticate', basicRealm !== undefined ? `Basic realm="${basicRealm}"` : 'Bearer realm="cpd-import", error="invalid_token"');
      next(new HttpError(401, 'unauthorized', 'the API key is not valid (unknown or revoked)'));
      return;
    }
    req.user = user;
    next();
  };
}

/** The user of an authenticated request. @throws HttpError 401 when {@link authenticate} did not run. */
export function currentUser(req: Request): User {
  if (!req.user) throw new HttpError(401, 'unauthorized', 'an API key is needed');
  return req.user;
}

/** Middleware: 403 `forbidden` unless the user's role is one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!roles.includes(user.role)) {
      next(new HttpError(403, 'forbidden', `this needs the role ${roles.join(' or ')}; your key has the role ${user.role}`));
      return;
    }
    next();
  };
}

/** True when the user may read the data of `memberId`: a member only their own, every other role all. */
export function canRead(user: User, memberId: string): boolean {
  return user.role !== 'member' || user.memberId === memberId;
}

