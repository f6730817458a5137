/**
 * What every route module gets (the store, the queue, the logger, metrics, limits and the authentication
 * middleware) and the small translations they share: ids and years from the path or query to values or 404/400,
 * JSON bodies, and the checks that the user may read what an id names.
 */
import express, { type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { ImportOptions } from '../../pipeline/import.js';
import type { ImportQueue } from '../../queue/queue.js';
import type { ImportView, Store } from '../../store/store.js';
import { canRead, currentUser } from '../auth.js';
import { HttpError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { MemberIdSchema } from '../openapi.js';
import { rejectBadText } from '../text.js';

/** What the routes need. The queue is optional only for tests of routes that never queue. */
export interface AppDeps {
  store: Store;
  queue: Pick<ImportQueue, 'enqueue' | 'ping' | 'depth' | 'queue'>;
  logger: Logger;
  metrics: Metrics;
  limits: {
    /** Per-file size limit, bytes (413 above it). */
    maxUploadBytes: number;
    /** Files per request (413 above it). */
    maxFilesPerRequest: number;
  };
  /** The body whose review rules apply to members with none set (`DEFAULT_BODY`, src/config.ts); the IET when absent. */
  defaultBody?: string;
  /** The service's reading settings (budget, time zone) for a mapping preview read in the API; the pipeline's defaults when absent. */
  reading?: ImportOptions;
  /** The date taken as today (ISO 8601) where figures depend on it (planned entries past their target date); the clock's when absent (tests fix it). */
  today?: string;
}

/** {@link AppDeps} and the authentication middleware (Bearer key), as handed to each route module. */
export interface RouteDeps extends AppDeps {
  auth: RequestHandler;
}

/** Record and import ids are UUIDs; anything else is a 404 without touching the database. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A 400 `bad_request` naming each problem of a request body. */
export function bodyError(e: z.ZodError): HttpError {
  return new HttpError(400, 'bad_request', `body: ${e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
}

const parseJson = express.json({ limit: '64kb' });

/** A JSON body of at most 64 kB, with text a database can hold (see `rejectBadText`). */
export const jsonBody: RequestHandler = (req, res, next) => {
  parseJson(req, res, (err?: unknown) => (err ? next(err) : rejectBadText(req, res, next)));
};

/**
 * The import named by `:id`, when the user may read it. Another member's import answers exactly as an unknown one
 * (issue 12: a 403 would tell the caller the id exists). @throws HttpError 404 `not_found`
 */
export async function loadImport(store: Store, req: Request): Promise<ImportView> {
  const id = String(req.params.id ?? '');
  const imp = UUID.test(id) ? await store.imports.get(id) : null;
  if (imp === null || !canRead(currentUser(req), imp.memberId)) throw new HttpError(404, 'not_found', 'no such import');
  return imp;
}

/**
 * The record named by `:id` (its id and import), when the user may read it; another member's record answers as an
 * unknown one. @throws HttpError 404 `not_found`
 */
export async function loadRecord(store: Store, req: Request): Promise<{ id: string; importId: string }> {
  const id = String(req.params.id ?? '');
  const rec = UUID.test(id) ? await store.records.get(id) : null;
  if (rec === null || !canRead(currentUser(req), rec.memberId)) throw new HttpError(404, 'not_found', 'no such record');
  return { id, importId: rec.importId };
}

/**
 * The member named by `:id`, readable by the user and known to the store (a mistyped id is a 404, not an empty
 * "Not met" review); to a member, another member's id answers as an unknown one. @throws HttpError 404 `not_found`
 */
export async function memberParam(store: Store, req: Request): Promise<string> {
  const m = MemberIdSchema.safeParse(req.params.id);
  if (!m.success) throw new HttpError(404, 'not_found', 'no such member');
  if (!canRead(currentUser(req), m.data) || !(await store.members.exists(m.data))) throw new HttpError(404, 'not_found', `no such member: ${m.data}`);
  return m.data;
}

const YearQuerySchema = z.object({ year: z.string().regex(/^\d{4}$/) });

/** A year 1900–2099 from the path or the query (`where` names which in the message). @throws HttpError 400 `bad_year` */
export function yearOf(raw: unknown, where: string): number {
  const q = YearQuerySchema.safeParse({ year: raw });
  if (!q.success || Number(q.data.year) < 1900 || Number(q.data.year) > 2099) throw new HttpError(400, 'bad_year', `${where}: year must be four digits between 1900 and 2099, e.g. 2024`);
  return Number(q.data.year);
}
