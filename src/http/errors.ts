/**
 * HTTP errors and the one error middleware (docs/DESIGN.md §2: errors are JSON `{ error: { code, message } }` with the
 * right status, never a stack trace).
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
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

/** The parts of an Express 5 router layer read by {@link allowedMethods} (router 2.x `Layer`). */
interface RouterLayer {
  route?: { methods: Record<string, boolean | undefined> };
  handle?: { stack?: RouterLayer[] };
  /** The match, with the part of the path the layer matched ('' for a router mounted at the root), or false. */
  match(path: string): false | { path: string };
}

/**
 * The methods the app's routes answer on `path` (upper case, HEAD with GET), looking into routers mounted at the
 * root (the review routes); empty when no route matches the path.
 */
export function allowedMethods(app: Express, path: string): string[] {
  const out = new Set<string>();
  const walk = (stack: readonly RouterLayer[]): void => {
    for (const layer of stack) {
      const matched = layer.match(path);
      if (matched === false) continue;
      if (layer.route !== undefined) {
        for (const [m, on] of Object.entries(layer.route.methods)) if (on === true && m !== '_all') out.add(m.toUpperCase());
      } else if (layer.handle?.stack !== undefined && matched.path === '') walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  if (out.has('GET')) out.add('HEAD');
  return [...out].sort();
}

/**
 * Method handling for known paths (HTTP semantics, RFC 9110 §9.3.7 and §15.5.6): `OPTIONS` answers 204 with an
 * `Allow` header listing every method of the path (Express's own answer listed only the first router's), and a
 * method the path does not have is a JSON 405 `method_not_allowed` with `Allow`, not a 404. Mount `options`
 * first and `notAllowed` just before {@link notFound}.
 */
export function methodHandlers(app: Express): { options: RequestHandler; notAllowed: RequestHandler } {
  return {
    options: (req, res, next) => {
      if (req.method !== 'OPTIONS') return next();
      const methods = allowedMethods(app, req.path);
      if (methods.length === 0) return next();
      res.setHeader('Allow', [...methods, 'OPTIONS'].join(', '));
      res.status(204).end();
    },
    notAllowed: (req, res, next) => {
      const methods = allowedMethods(app, req.path);
      if (methods.length === 0 || methods.includes(req.method)) return next();
      res.setHeader('Allow', [...methods, 'OPTIONS'].join(', '));
      next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}; allowed: ${methods.join(', ')}`));
    },
  };
}

/**
 * JSON errors for requests Node's HTTP parser refuses before Express sees them (its default answer has no body):
 * headers over the size limit → 431 `headers_too_large`, a request that timed out → 408 `request_timeout`, any
 * other malformed request → 400 `bad_request`; a connection already reset is just closed.
 */
export function jsonClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'the request headers are too large (at most 16 KB)']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'the request took too long to arrive']
          : [400, 'bad_request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
