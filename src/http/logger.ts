/**
 * Structured logs (pino). Requests are logged with method, path, status and timing only: no headers (the API key
 * is in `Authorization`), no bodies, no record contents or file bytes (issue 4 §5).
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

/** A pino logger writing JSON lines to stdout at `level`. */
export function createLogger(level: LevelWithSilent, name = 'cpd-import'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'key'], censor: '[redacted]' },
  });
}

export type { Logger };
