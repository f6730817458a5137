/**
 * The import queue on Redis (BullMQ): names, job data, the producer, and the reconciler that makes Postgres the
 * source of truth (docs/DESIGN.md §3: "the only code that speaks Redis").
 *
 * Job data is ids only: `{ importId }`, with `jobId` = the import id, so adding the same import twice is a no-op
 * while its job exists.
 */
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** Name of the one queue (its Redis keys are `<prefix>:imports:*`). */
export const IMPORT_QUEUE = 'imports';

/** Job data: the import's id; everything else is read from Postgres by the worker. */
export const ImportJobDataSchema = z.object({ importId: z.string().min(1).max(100) });
/** `{ importId }`. */
export type ImportJobData = z.infer<typeof ImportJobDataSchema>;

/** Retry policy of import jobs: `attempts` tries in all, exponential backoff from `backoffMs` (1×, 2×, 4×…). */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * A Redis connection for BullMQ.
 * - `worker`: `maxRetriesPerRequest: null` (BullMQ's requirement for workers: blocking commands wait for Redis).
 * - `producer`: fails soon while Redis is down (one retry per command across reconnects, 3 s command timeout), so an
 *   upload never hangs on Redis; the reconciler queues such imports later. (The offline queue stays on: BullMQ sends
 *   INFO as soon as a Queue is built and would fail for good if that command were refused before connecting.)
 * Both reconnect forever, at most every 2 s.
 */
export function createRedis(url: string, use: 'worker' | 'producer'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: use === 'worker' ? null : 1,
    ...(use === 'producer' ? { commandTimeout: 3_000 } : {}),
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(100 + times * 100, 2_000),
    lazyConnect: false,
  });
}

/**
 * Resolves when Redis at `url` answers PING within `timeoutMs`; rejects with a plain message otherwise.
 */
export async function checkRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: timeoutMs, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await Promise.race([
      r.connect().then(() => r.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs)),
    ]);
  } catch (e) {
    throw new Error(`Redis is not reachable at ${redactUrl(url)} (${(e as Error).message}). Start Redis (redis-server) or set REDIS_URL.`);
  } finally {
    r.disconnect();
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Producer side of the import queue.
 */
export class ImportQueue {
  readonly queue: Queue<ImportJobData>;
  private readonly connection: Redis;

  /**
   * @param url    Redis URL
   * @param prefix key prefix (one per deployment; tests use one per test file)
   * @param retry  attempts and backoff of each job
   */
  constructor(
    url: string,
    readonly prefix: string,
    private readonly retry: RetryPolicy,
  ) {
    this.connection = createRedis(url, 'producer');
    this.connection.on('error', () => undefined); // reported by ping()/readyz; ioredis reconnects by itself
    this.queue = new Queue<ImportJobData>(IMPORT_QUEUE, { connection: this.connection, prefix, skipWaitingForReady: true });
    this.queue.on('error', () => undefined);
  }

  /**
   * Queues the import (no-op when its job already exists). Throws when Redis cannot be reached.
   */
  async enqueue(importId: string): Promise<void> {
    await this.queue.add(
      'import',
      { importId },
      {
        jobId: importId,
        attempts: this.retry.attempts,
        backoff: { type: 'exponential', delay: this.retry.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
        // No stack traces kept with failed jobs: the dashboard would show server paths (the message is kept).
        stackTraceLimit: 0,
      },
    );
  }

  /** The import's job, or undefined when Redis holds none. */
  async getJob(importId: string): Promise<Job<ImportJobData> | undefined> {
    return this.queue.getJob(importId);
  }

  /** Jobs by state: waiting, active, delayed, failed, completed. */
  async depth(): Promise<{ waiting: number; active: number; delayed: number; failed: number; completed: number }> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
  }

  /** Resolves when Redis answers PING within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<void> {
    if (this.connection.status !== 'ready') throw new Error(`Redis connection is ${this.connection.status}`);
    await Promise.race([this.connection.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in time')), timeoutMs))]);
  }

  /** Closes the queue and its connection. */
  async close(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

/** The store operations the reconciler needs (implemented by `Store`). */
export interface ReconcileStore {
  findUnfinishedImports(olderThanMs: number, limit?: number): Promise<{ importId: string; status: string; attempts: number }[]>;
  touchImport(id: string): Promise<void>;
  markFailed(id: string, code: string, message: string): Promise<void>;
}

/** What one reconcile pass did. */
export interface ReconcileReport {
  /** Imports whose job was missing from Redis and was added again. */
  requeued: string[];
  /** Imports whose job had failed for good while the import row was not updated (marked failed now). */
  failed: string[];
}

/**
 * One reconcile pass (Postgres is the source of truth; Redis may lose jobs, e.g. a restart without persistence):
 * every import still `queued` or `processing` and unchanged for `graceMs` whose job is missing is queued again;
 * one whose job failed for good is marked `failed` (`internal`); one whose job completed without the row being
 * updated is queued again. Safe to run from several processes at once (adding an existing job id is a no-op, and
 * storing a result replaces the earlier one).
 * @throws when Redis or Postgres cannot be reached (the caller retries on its next tick).
 */
export async function reconcile(store: ReconcileStore, queue: ImportQueue, graceMs: number): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: [], failed: [] };
  const candidates = await store.findUnfinishedImports(graceMs);
  for (const c of candidates) {
    const job = await queue.getJob(c.importId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await store.markFailed(c.importId, 'internal', `processing failed after ${job?.attemptsMade ?? 0} attempts: ${job?.failedReason ?? 'unknown error'}`);
      report.failed.push(c.importId);
    } else if (state === 'missing' || state === 'unknown' || state === 'completed') {
      if (job && state === 'completed') await job.remove().catch(() => undefined);
      await queue.enqueue(c.importId);
      await store.touchImport(c.importId);
      report.requeued.push(c.importId);
    }
  }
  return report;
}

/**
 * Runs {@link reconcile} every `intervalMs` (first pass after `intervalMs`) until the returned stop function is
 * called. Errors (Redis or Postgres down) are passed to `onError` and the next tick tries again.
 */
export function startReconciler(
  store: ReconcileStore,
  queue: ImportQueue,
  opts: { intervalMs: number; graceMs: number; onReport?: (r: ReconcileReport) => void; onError?: (e: unknown) => void },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running !== null || stopped) return;
    running = reconcile(store, queue, opts.graceMs)
      .then((r) => {
        if (r.requeued.length + r.failed.length > 0) opts.onReport?.(r);
      })
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}
