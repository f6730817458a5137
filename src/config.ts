/**
 * Service settings (docs/DESIGN.md §3: "loadConfig(env): one zod schema for every setting; nothing else reads
 * process.env"). Every setting has a default that works on a developer machine with Redis on 127.0.0.1:6379;
 * without `DATABASE_URL` the store is the embedded PGlite in `DATA_DIR` (docs/DESIGN.md §4).
 */
import { z } from 'zod';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './pipeline/normalise/zone.js';
import { DEFAULT_BODY, RULE_SETS } from './review/rulesets/index.js';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Empty strings count as unset (a `FOO=` line in an env file). */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * The environment variables read, with their defaults:
 * - `PORT` (3000), `HOST` (`127.0.0.1`; `0.0.0.0` in containers): where the HTTP API listens
 * - `DATABASE_URL` (unset → PGlite in `DATA_DIR`, default `./data`): a `postgres://` URL of a real server
 * - `REDIS_URL` (`redis://127.0.0.1:6379`), `QUEUE_PREFIX` (`cpd`): the BullMQ connection and key prefix
 * - `WORKER_CONCURRENCY` (2): jobs one worker process runs at once
 * - `JOB_ATTEMPTS` (5), `JOB_BACKOFF_MS` (1000): retries of infrastructure failures, exponential from that delay
 * - `LOCK_DURATION_MS` (8000), `STALLED_INTERVAL_MS` (3000), `MAX_STALLED_COUNT` (2): stalled-job recovery (a job
 *   whose worker died is taken up again after at most lock duration + two stalled intervals: 14 s by default, within
 *   the 15 s of issue 12; the lock is renewed every half lock duration, and imports run in threads, so a busy worker's
 *   event loop still renews it)
 * - `RECONCILE_INTERVAL_MS` (15000), `RECONCILE_GRACE_MS` (10000): how often imports still `queued`/`processing`
 *   in Postgres without a job in Redis are queued again, and how old they must be (Postgres is the source of truth)
 * - `MAX_UPLOAD_MB` (20), `MAX_FILES_PER_REQUEST` (10), `IMPORT_TIMEOUT_S` (60): upload and per-file limits
 * - `WORKER_MEMORY_MB` (4096): the heap all import threads of one worker process may use together; each of the
 *   `WORKER_CONCURRENCY` threads gets its share (`resourceLimits`), at least 256 MB — a file needing more fails as
 *   `too_large` and its thread is replaced
 * - `MAX_CELL_CHARS` (32767), `MAX_TABLE_CELLS` (2000000), `MAX_MERGED_CELLS` (200000), `MAX_PDF_STREAM_MB` (64),
 *   `MAX_IMAGE_MEGAPIXELS` (40): what one file may hold (src/pipeline/types.ts `Budget`; docs/DESIGN.md §3)
 * - `LOG_LEVEL` (`info`): pino level (`silent` in tests)
 * - `START_WORKER` (true): `npm start` also runs one worker in the API process
 * - `TIME_ZONE` (`Europe/London`): the IANA time zone of the body; imported date-times with a zone
 *   (`2024-06-30T23:30:00Z`) are dated there, whatever the server's own `TZ`
 * - `DEFAULT_BODY` (`iet`): the professional body whose review rules apply to a member with none set (`PUT
 *   /members/:id/body`); one of the rule sets in src/review/rulesets/bodies/ (`cpd-import review --bodies`), any case
 */
export const ConfigSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL').optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : -').default('cpd'),
  WORKER_CONCURRENCY: int(2, 1, 64),
  JOB_ATTEMPTS: int(5, 1, 100),
  JOB_BACKOFF_MS: int(1000, 10, 3_600_000),
  LOCK_DURATION_MS: int(8_000, 500, 3_600_000),
  STALLED_INTERVAL_MS: int(3_000, 200, 3_600_000),
  MAX_STALLED_COUNT: int(2, 0, 100),
  RECONCILE_INTERVAL_MS: int(15_000, 100, 3_600_000),
  RECONCILE_GRACE_MS: int(10_000, 0, 3_600_000),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  MAX_FILES_PER_REQUEST: int(10, 1, 100),
  IMPORT_TIMEOUT_S: z.coerce.number().positive().max(3600).default(60),
  WORKER_MEMORY_MB: int(4096, 256, 1_048_576),
  MAX_CELL_CHARS: int(32_767, 100, 10_000_000),
  MAX_TABLE_CELLS: int(2_000_000, 1_000, 100_000_000),
  MAX_MERGED_CELLS: int(200_000, 0, 100_000_000),
  MAX_PDF_STREAM_MB: int(64, 1, 4096),
  MAX_IMAGE_MEGAPIXELS: int(40, 1, 1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  START_WORKER: bool(true),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .transform((v, ctx) => {
      const tz = canonicalTimeZone(v);
      if (tz === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a time zone name (an IANA name such as Europe/London)` });
        return z.NEVER;
      }
      return tz;
    }),
  DEFAULT_BODY: z
    .string()
    .default(DEFAULT_BODY)
    .transform((v, ctx) => {
      const id = v.trim().toLowerCase();
      if (!RULE_SETS.has(id)) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a body with a rule set; known bodies: ${[...RULE_SETS.keys()].join(', ')}` });
        return z.NEVER;
      }
      return id;
    }),
});

/** Validated settings, in the units their names say (ms, s, MB). */
export interface Config {
  port: number;
  host: string;
  /** `undefined`: embedded PGlite in {@link Config.dataDir}. */
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string;
  queuePrefix: string;
  workerConcurrency: number;
  jobAttempts: number;
  jobBackoffMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  reconcileIntervalMs: number;
  reconcileGraceMs: number;
  /** Per-file upload limit in bytes. */
  maxUploadBytes: number;
  maxFilesPerRequest: number;
  /** Per-file pipeline time limit in milliseconds. */
  importTimeoutMs: number;
  /** Heap limit of each import thread, MB: `WORKER_MEMORY_MB` shared by `WORKER_CONCURRENCY` threads, at least 256. */
  threadMemoryMb: number;
  /** What one file may hold (`Budget` fields; bytes for the stream, pixels for images). */
  fileBudget: { maxCellChars: number; maxTableCells: number; maxMergedCells: number; maxStreamBytes: number; maxImagePixels: number };
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  startWorker: boolean;
  /** IANA time zone in which imported date-times with a zone are dated (canonical spelling, e.g. `Europe/London`). */
  timeZone: string;
  /** The id of the body whose review rules apply to members with none set (a key of `RULE_SETS`, lower case). */
  defaultBody: string;
}

/** A setting that failed validation; `message` lists every bad variable, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the settings from an environment (normally `process.env`, passed in by the entry point).
 * @throws ConfigError naming each invalid variable and why.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid settings:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    redisUrl: c.REDIS_URL,
    queuePrefix: c.QUEUE_PREFIX,
    workerConcurrency: c.WORKER_CONCURRENCY,
    jobAttempts: c.JOB_ATTEMPTS,
    jobBackoffMs: c.JOB_BACKOFF_MS,
    lockDurationMs: c.LOCK_DURATION_MS,
    stalledIntervalMs: c.STALLED_INTERVAL_MS,
    maxStalledCount: c.MAX_STALLED_COUNT,
    reconcileIntervalMs: c.RECONCILE_INTERVAL_MS,
    reconcileGraceMs: c.RECONCILE_GRACE_MS,
    maxUploadBytes: Math.round(c.MAX_UPLOAD_MB * 1024 * 1024),
    maxFilesPerRequest: c.MAX_FILES_PER_REQUEST,
    importTimeoutMs: Math.round(c.IMPORT_TIMEOUT_S * 1000),
    threadMemoryMb: Math.max(256, Math.floor(c.WORKER_MEMORY_MB / c.WORKER_CONCURRENCY)),
    fileBudget: {
      maxCellChars: c.MAX_CELL_CHARS,
      maxTableCells: c.MAX_TABLE_CELLS,
      maxMergedCells: c.MAX_MERGED_CELLS,
      maxStreamBytes: c.MAX_PDF_STREAM_MB * 1024 * 1024,
      maxImagePixels: c.MAX_IMAGE_MEGAPIXELS * 1_000_000,
    },
    logLevel: c.LOG_LEVEL,
    startWorker: c.START_WORKER,
    timeZone: c.TIME_ZONE,
    defaultBody: c.DEFAULT_BODY,
  };
}

/**
 * The `DEFAULT_BODY` setting alone, as the CLI reads it for `cpd-import review` without `--body`: the same rule as
 * the service's (one of the rule sets, any case; `iet` when unset), so the CLI and the service review a member with
 * no body set against the same body.
 * @throws ConfigError naming the variable and the known bodies when it is not a body with a rule set
 */
export function defaultBodySetting(env: Readonly<Record<string, string | undefined>>): string {
  const parsed = ConfigSchema.shape.DEFAULT_BODY.safeParse(env.DEFAULT_BODY);
  if (!parsed.success) throw new ConfigError(`invalid settings: DEFAULT_BODY: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
