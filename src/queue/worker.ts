/**
 * The import worker (BullMQ): for each job `{ importId }` it loads the bytes from Postgres, runs the pipeline in a
 * worker thread under the time limit (a pool of long-lived threads with a time limit per file, see
 * `src/pipeline/pool.ts`), and stores records, gaps and provenance in one
 * transaction that replaces any earlier result (issue 4 §3).
 *
 * Failure treatments (docs/DESIGN.md §3): an unreadable file (`ImportError`) marks the import `failed` with its code and
 * fails the job once (`UnrecoverableError`, no retries); anything else (Postgres or Redis down, a crashed thread)
 * is thrown and BullMQ retries with exponential backoff; after the last attempt the import is marked `failed`
 * with code `internal`. A job whose worker died is taken up again by the stalled-job check.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isImportError, type ImportResult } from '../domain/index.js';
import type { ImportOptions } from '../pipeline/import.js';
import { describeError } from '../store/store.js';
import { ImportThreadPool } from '../pipeline/pool.js';
import { createRedis, IMPORT_QUEUE, ImportJobDataSchema, type ImportJobData } from './queue.js';

/** The store operations the worker needs (implemented by `Store`). */
export interface WorkerStore {
  loadImportInput(id: string): Promise<{ importId: string; fileName: string; status: string; bytes: Uint8Array } | null>;
  markProcessing(id: string): Promise<boolean>;
  setProgress(id: string, progress: number): Promise<void>;
  storeResult(id: string, result: ImportResult): Promise<boolean>;
  markFailed(id: string, code: string, message: string): Promise<void>;
}

/** Runs the pipeline on one file (default: a thread of `ImportThreadPool`); replaceable in tests. */
export type RunImport = (bytes: Uint8Array, fileName: string, options: ImportOptions) => Promise<ImportResult>;

/** Minimal logger (pino's shape). Messages carry ids, codes and counts only — never record contents. */
export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Outcome of one job, for metrics: `done`, `failed` (unreadable file), `retry` (infra error), `skipped`. */
export type JobOutcome = 'done' | 'failed' | 'retry' | 'skipped';

/** Settings of one worker. Durations in milliseconds. */
export interface ImportWorkerOptions {
  redisUrl: string;
  prefix: string;
  store: WorkerStore;
  concurrency: number;
  /** Per-file pipeline limits. */
  timeoutMs: number;
  maxBytes: number;
  /** IANA time zone in which imported date-times with a zone are dated (config `TIME_ZONE`; default Europe/London). */
  timeZone?: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  logger: WorkerLogger;
  /** Called after every job with its outcome and duration in seconds. */
  onJobFinished?: (outcome: JobOutcome, seconds: number) => void;
  /** Replaces the pipeline (tests). Default: a pool of `concurrency` long-lived import threads. */
  runImport?: RunImport;
}

/** A running worker. */
export interface ImportWorker {
  worker: Worker<ImportJobData>;
  /**
   * Graceful stop: no new jobs; waits up to `graceMs` (default 25 s) for the current ones to finish, then stops
   * anyway (their locks lapse and another worker takes them up as stalled jobs).
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts a worker on the import queue.
 */
export async function startImportWorker(opts: ImportWorkerOptions): Promise<ImportWorker> {
  let pool: ImportThreadPool | null = null;
  if (opts.runImport === undefined) pool = new ImportThreadPool({ size: opts.concurrency });
  const run: RunImport = opts.runImport ?? pool!.run;
  const connection: Redis = createRedis(opts.redisUrl, 'worker');
  connection.on('error', () => undefined);
  const log = opts.logger;

  const processor = async (job: Job<ImportJobData>): Promise<{ records: number } | { skipped: string }> => {
    const started = performance.now();
    const parsed = ImportJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('job data is not { importId }');
    const { importId } = parsed.data;
    const setProgress = async (n: number): Promise<void> => {
      await job.updateProgress(n).catch(() => undefined);
    };
    const input = await opts.store.loadImportInput(importId);
    if (input === null) {
      opts.onJobFinished?.('skipped', (performance.now() - started) / 1000);
      throw new UnrecoverableError('the import does not exist');
    }
    if (!(await opts.store.markProcessing(importId))) {
      log.info({ importId, status: input.status }, 'import already finished; nothing to do');
      opts.onJobFinished?.('skipped', (performance.now() - started) / 1000);
      return { skipped: input.status };
    }
    await setProgress(10);
    log.info({ importId, jobId: job.id, attempt: job.attemptsMade + 1, bytes: input.bytes.byteLength }, 'import started');
    let result: ImportResult;
    try {
      const options: ImportOptions = { budget: { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes } };
      if (opts.timeZone !== undefined) options.timeZone = opts.timeZone;
      result = await run(input.bytes, input.fileName, options);
    } catch (e) {
      if (isImportError(e)) {
        await opts.store.markFailed(importId, e.code, e.message);
        log.warn({ importId, code: e.code }, 'import failed: the file cannot be read');
        opts.onJobFinished?.('failed', (performance.now() - started) / 1000);
        throw new UnrecoverableError(`${e.code}: ${e.message}`);
      }
      throw e;
    }
    await setProgress(90);
    await opts.store.storeResult(importId, result);
    await setProgress(100);
    const seconds = (performance.now() - started) / 1000;
    log.info({ importId, records: result.records.length, format: result.format, ms: Math.round(seconds * 1000) }, 'import done');
    opts.onJobFinished?.('done', seconds);
    return { records: result.records.length };
  };

  const worker = new Worker<ImportJobData>(IMPORT_QUEUE, processor, {
    connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    lockDuration: opts.lockDurationMs,
    stalledInterval: opts.stalledIntervalMs,
    maxStalledCount: opts.maxStalledCount,
    autorun: true,
  });
  worker.on('error', (e) => log.error({ err: { message: describeError(e) } }, 'worker error'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const importId = String(job.id);
    if (err instanceof UnrecoverableError || err.name === 'UnrecoverableError') return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade >= attempts) {
      log.error({ importId, attempts: job.attemptsMade, err: { message: describeError(err) } }, 'import failed after its last attempt');
      void opts.store.markFailed(importId, 'internal', `processing failed after ${job.attemptsMade} attempts: ${describeError(err)}`).catch(() => undefined);
    } else {
      log.warn({ importId, attempt: job.attemptsMade, err: { message: describeError(err) } }, 'import attempt failed; will retry');
    }
    opts.onJobFinished?.('retry', 0);
  });

  let closing: Promise<void> | null = null;
  return {
    worker,
    close: (graceMs = 25_000) => {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const graceful = worker.close();
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), graceMs);
        });
        const first = await Promise.race([graceful.then(() => 'ok' as const), timeout]);
        clearTimeout(timer);
        if (first === 'timeout') await worker.close(true).catch(() => undefined);
        await pool?.close();
        connection.disconnect();
      })();
      return closing;
    },
  };
}
