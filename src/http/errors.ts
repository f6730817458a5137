/**
 * HTTP errors and the one error middleware (DESIGN.md §2: errors are JSON `{ error: { code, message } }` with the
 * right status, never a stack trace).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isImportError } from '../domain/index.js';
import { describeError, isStoreUnavailable } from '../store/store.js';

/** An error with an HTTP status and a stable machine-readable code (snake_case) and a message for people. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Status for an `ImportError` code: 413 too large, 415 unsupported format, 422 any other unreadable file. */
export function importErrorStatus(code: string): number {
  if (code === 'too_large') return 413;
  if (code === 'unsupported_format') return 415;
  return 422;
}

/** Logger shape used here (pino's). */
interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Express's own 4xx errors (body-parser, …) carry `status`/`statusCode`, `expose` and a `type`. */
interface ExpressishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
}

/**
 * Turns an error into a status and body:
 * - {@link HttpError}: its status and code
 * - `ImportError`: 413 / 415 / 422 with its code
 * - database unreachable: 503 `database_unavailable`
 * - malformed JSON body: 400 `invalid_json`; other client errors from Express: their status, `bad_request`
 * - anything else: 500 `internal` with a generic message (details only in the log)
 */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (isImportError(err)) return { status: importErrorStatus(err.code), body: { error: { code: err.code, message: err.message } } };
  if (isStoreUnavailable(err)) {
    return { status: 503, body: { error: { code: 'database_unavailable', message: 'the database cannot be reached; nothing was stored, try again later' } } };
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as ExpressishError;
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (e.type === 'entity.parse.failed') return { status: 400, body: { error: { code: 'invalid_json', message: 'the request body is not valid JSON' } } };
    if (e.type === 'entity.too.large') return { status: 413, body: { error: { code: 'too_large', message: 'the request body is too large' } } };
    return { status, body: { error: { code: 'bad_request', message: e.expose === true && e.message ? e.message : 'the request could not be understood' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'an internal error occurred; it has been logged' } } };
}

/** The one error middleware: JSON body, logs 5xx with the message (no stack to the client, no request body). */
export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) {
      const code = (err as { code?: unknown })?.code;
      logger.error({ method: req.method, path: req.path, status, err: { message: describeError(err), code: typeof code === 'string' ? code : undefined } }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(body);
  };
}

/** 404 for anything no route matched. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no such endpoint: ${req.method} ${req.path}`));
};
