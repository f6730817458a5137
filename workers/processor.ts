/**
 * The import worker's processor: for each job `{ importId }` it loads the bytes from Postgres, runs the pipeline in a
 * worker thread under the time limit (a pool of long-lived threads with a time limit per file, see
 * `src/pipeline/pool.ts`), and stores records, gaps and provenance in one transaction that replaces any earlier
 * result (`storeImportResult`, issue 4 §3). The jobs come off Redis through `src/queue/consumer.ts`.
 *
 * Failure treatments (docs/DESIGN.md §3): an unreadable file (`ImportError`) marks the import `failed` with its code and
 * fails the job once (`UnrecoverableError`, no retries); anything else (Postgres or Redis down, a crashed thread)
 * is thrown and BullMQ retries with exponential backoff; after the last attempt the import is marked `failed`
 * with code `internal`. A job whose worker died is taken up again by the stalled-job check.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isImportError, type ImportResult } from '../src/domain/index.js';
import type { ImportOptions } from '../src/pipeline/import.js';
import { ImportThreadPool } from '../src/pipeline/pool.js';
import type { Budget } from '../src/pipeline/types.js';
import { startConsumer, type Consumer } from '../src/queue/consumer.js';
import { ImportJobDataSchema, type ImportJobData, type JobOutcome } from '../src/queue/queue.js';
import { unpackFile, type Unpacked } from '../src/pipeline/unpack/index.js';
import { storeImportParts } from '../src/services/parts.js';
import { isSlowFile, readImportFile, type ReadOutcome } from '../src/services/reading.js';
import { storeImportResult } from '../src/services/results.js';
import type { ImportJobInput } from '../src/store/repositories/imports.js';
import { describeError, type Store } from '../src/store/store.js';

export type { JobOutcome };

/** Runs the pipeline on one file (default: a thread of `ImportThreadPool`); replaceable in tests. */
export type RunImport = (bytes: Uint8Array, fileName: string, options: ImportOptions) => Promise<ImportResult>;

/** Minimal logger (pino's shape). Messages carry ids, codes and counts only — never record contents. */
export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Settings of one worker. Durations in milliseconds. */
export interface ImportWorkerOptions {
  redisUrl: string;
  prefix: string;
  store: Store;
  concurrency: number;
  /** Per-file pipeline limits. */
  timeoutMs: number;
  maxBytes: number;
  /** Heap limit of each import thread, MB (default: the pool's own, 2,048). */
  threadMemoryMb?: number;
  /** What one file may hold beyond size and time (cells, characters, PDF streams, image pixels). */
  fileBudget?: Partial<Budget>;
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
  /**
   * Queues an import (the parts of an e-mail or zip, issue 15). Without it the parts wait, `queued`, for the
   * reconciler.
   */
  enqueue?: (importId: string, owner: string) => Promise<unknown>;
}

/** A running worker. */
export interface ImportWorker {
  worker: Consumer['worker'];
  /**
   * Graceful stop: no new jobs; waits up to `graceMs` (default 25 s) for the current ones to finish, then stops
   * anyway (their locks lapse and another worker takes them up as stalled jobs).
   */
  close(graceMs?: number): Promise<void>;
}

/** What one job returns: the number of records stored, or the status of an import that was already finished. */
export type JobResult = { records: number } | { skipped: string };

/**
 * The processor of import jobs (see the module comment): `process` runs one job, `failed` marks the import `failed`
 * after a job's last attempt.
 */
export function importProcessor(opts: Omit<ImportWorkerOptions, 'runImport'> & { run: RunImport }): { process(job: Job<ImportJobData>, token?: string): Promise<JobResult>; failed(job: Job<ImportJobData>, err: Error): void } {
  const { store, logger: log, run } = opts;
  // Slow files (scans to OCR, big files) may hold all but one of this worker's slots, so an ordinary log is never
  // stuck behind them (issue 12 §2); with one slot there is nothing to keep free.
  const heavyMax = Math.max(1, opts.concurrency - 1);
  let heavyRunning = 0;
  /** Reads one import's file and stores its result (the job's lock held, its slot counted). */
  async function runJob(job: Job<ImportJobData>, input: ImportJobInput, started: number): Promise<JobResult> {
    const importId = input.importId;
    const setProgress = async (n: number): Promise<void> => {
      await job.updateProgress(n).catch(() => undefined);
    };
    if (!(await store.transaction((tx) => tx.imports.markProcessing(importId), { durable: false }))) {
      log.info({ importId, status: input.status }, 'import already finished; nothing to do');
      opts.onJobFinished?.('skipped', (performance.now() - started) / 1000);
      return { skipped: input.status };
    }
    await setProgress(10);
    log.info({ importId, jobId: job.id, attempt: job.attemptsMade + 1, bytes: input.bytes.byteLength }, 'import started');
    let read: ReadOutcome;
    try {
      const options: ImportOptions = { budget: { ...opts.fileBudget, timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes } };
      if (opts.timeZone !== undefined) options.timeZone = opts.timeZone;
      // An e-mail or zip: its parts become imports of their own (issue 15), read by jobs of their own.
      const unpacked = await unpackFile(input.bytes, options.budget);
      if (unpacked !== null) return await storeParts(importId, unpacked, started);
      read = await readImportFile({ run, store }, input, options);
    } catch (e) {
      if (isImportError(e)) {
        await store.imports.markFailed(importId, e.code, e.message);
        // The library's own words (ImportError.detail) go to the log only; the member sees ours.
        log.warn({ importId, code: e.code, ...(e.detail === undefined ? {} : { detail: e.detail }) }, 'import failed: the file cannot be read');
        opts.onJobFinished?.('failed', (performance.now() - started) / 1000);
        throw new UnrecoverableError(`${e.code}: ${e.message}`);
      }
      throw e;
    }
    await setProgress(90);
    const result = read.result;
    await storeImportResult(store, importId, result, read.used);
    await setProgress(100);
    const seconds = (performance.now() - started) / 1000;
    log.info({ importId, records: result.records.length, format: result.format, ms: Math.round(seconds * 1000) }, 'import done');
    opts.onJobFinished?.('done', seconds);
    return { records: result.records.length };
  }

  /** Stores an upload's parts as imports, queues them, and finishes the upload's job. */
  async function storeParts(importId: string, unpacked: Unpacked, started: number): Promise<JobResult> {
    const stored = await storeImportParts(store, importId, unpacked);
    for (const id of stored?.queued ?? []) {
      // Committed: queue it. If Redis is down the part stays `queued` in Postgres and the reconciler queues it.
      await opts.enqueue?.(id, stored!.memberId).catch((e: unknown) => {
        log.warn({ importId: id, err: { message: describeError(e) } }, 'could not queue the part now; the reconciler will');
      });
    }
    const seconds = (performance.now() - started) / 1000;
    log.info({ importId, kind: unpacked.kind, parts: unpacked.parts.length, ms: Math.round(seconds * 1000) }, 'upload unpacked into parts');
    opts.onJobFinished?.('done', seconds);
    return { records: 0 };
  }

  return {
    async process(job, token) {
      const started = performance.now();
      const parsed = ImportJobDataSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('job data is not { importId }');
      const { importId } = parsed.data;
      const input = await store.imports.loadInput(importId);
      if (input === null) {
        opts.onJobFinished?.('skipped', (performance.now() - started) / 1000);
        throw new UnrecoverableError('the import does not exist');
      }
      const heavy = isSlowFile(input.bytes);
      if (heavy && heavyRunning >= heavyMax && opts.concurrency > 1 && token !== undefined) {
        // Every slot meant for slow files is busy: back to the queue for a moment, the slot left to ordinary logs.
        await job.moveToDelayed(Date.now() + SLOW_FILE_RETRY_MS, token);
        throw new DelayedError();
      }
      if (heavy) heavyRunning++;
      try {
        return await runJob(job, input, started);
      } finally {
        if (heavy) heavyRunning--;
      }
    },

    failed(job, err) {
      const importId = String(job.id);
      if (err instanceof UnrecoverableError || err.name === 'UnrecoverableError') return;
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade >= attempts) {
        log.error({ importId, attempts: job.attemptsMade, err: { message: describeError(err) } }, 'import failed after its last attempt');
        void store.imports.markFailed(importId, 'internal', `processing failed after ${job.attemptsMade} attempts: ${describeError(err)}`).catch(() => undefined);
      } else {
        log.warn({ importId, attempt: job.attemptsMade, err: { message: describeError(err) } }, 'import attempt failed; will retry');
      }
      opts.onJobFinished?.('retry', 0);
    },
  };
}

/** How long a slow file waits before it asks for a slot again, ms. */
const SLOW_FILE_RETRY_MS = 2_000;

/** A file slow to read (scans, big files): see src/services/reading.ts. */
export { isSlowFile };

/**
 * Starts a worker on the import queue: the processor behind a consumer, with a pool of import threads unless
 * `runImport` replaces the pipeline.
 */
export async function startImportWorker(opts: ImportWorkerOptions): Promise<ImportWorker> {
  let pool: ImportThreadPool | null = null;
  if (opts.runImport === undefined) pool = new ImportThreadPool({ size: opts.concurrency, ...(opts.threadMemoryMb === undefined ? {} : { threadMemoryMb: opts.threadMemoryMb }) });
  const run: RunImport = opts.runImport ?? pool!.run;
  const processor = importProcessor({ ...opts, run });
  const consumer = startConsumer(opts, {
    process: (job) => processor.process(job),
    failed: (job, err) => processor.failed(job, err),
    error: (e) => opts.logger.error({ err: { message: describeError(e) } }, 'worker error'),
  });
  let closing: Promise<void> | null = null;
  return {
    worker: consumer.worker,
    close: (graceMs = 25_000) => {
      closing ??= (async () => {
        await consumer.close(graceMs);
        await pool?.close();
      })();
      return closing;
    },
  };
}
