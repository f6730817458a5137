/**
 * How the store's failures are told apart and described: an unreachable database (the HTTP layer answers 503, the
 * worker retries) and a one-line, content-free description of any database error for logs and answers.
 */

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

/**
 * True when `e` (or an error it wraps) says the database cannot be reached: connection refused or lost, server
 * shutting down, too many connections, connect timeout, or a closed embedded database. The HTTP layer answers 503.
 */
export function isStoreUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur !== null && typeof cur === 'object' && depth < 5; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof err.code === 'string' && (CONNECTION_CODES.has(err.code) || err.code.startsWith('08'))) return true;
    if (typeof err.message === 'string' && /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|PGlite is closed|Cannot use a pool after calling end/i.test(err.message)) return true;
    if (Array.isArray(err.errors) && err.errors.some((x) => isStoreUnavailable(x))) return true;
    cur = err.cause;
  }
  return false;
}

/**
 * A one-line description of an error that is safe to log or show: drizzle's "Failed query: … params: …" messages
 * (which would carry record contents) are reduced to the driver's own message.
 */
export function describeError(e: unknown): string {
  const err = e as { message?: unknown; cause?: unknown; code?: unknown };
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  if (msg.startsWith('Failed query')) {
    const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
    const inner = typeof cause?.message === 'string' ? cause.message : typeof cause?.code === 'string' ? cause.code : 'unknown cause';
    return `database query failed: ${inner.split('\n')[0]}`;
  }
  return msg.split('\n')[0] ?? msg;
}
