/**
 * The reconciler: Postgres is the source of truth, Redis may lose jobs (a restart without persistence, a producer
 * that could not reach it). Every process of the service starts one, but only the holder of a Redis lease runs the
 * passes, so a deployment with many worker processes runs one reconciler at a time; when its process stops, it
 * gives the lease up (or the lease lapses, after three intervals, when the process died) and another takes over.
 */
import { randomUUID } from 'node:crypto';
import type { ImportQueue } from '../src/queue/queue.js';
import type { Store } from '../src/store/store.js';

/** What one reconcile pass did. */
export interface ReconcileReport {
  /** Imports whose job was missing from Redis and was added again. */
  requeued: string[];
  /** Imports whose job had failed for good while the import row was not updated (marked failed now). */
  failed: string[];
}

/** The queue operations the reconciler needs (implemented by `ImportQueue`). */
export type ReconcileQueue = Pick<ImportQueue, 'getJob' | 'enqueue' | 'holdLease' | 'releaseLease'>;

/**
 * One reconcile pass: every import still `queued` or `processing` and unchanged for `graceMs` whose job is missing
 * is queued again; one whose job failed for good is marked `failed` (`internal`); one whose job completed without
 * the row being updated is queued again. Safe to run from several processes at once (adding an existing job id is a
 * no-op, and storing a result replaces the earlier one); the lease only saves the repeated work.
 * @throws when Redis or Postgres cannot be reached (the caller retries on its next tick).
 */
export async function reconcile(store: Store, queue: Pick<ImportQueue, 'getJob' | 'enqueue'>, graceMs: number): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: [], failed: [] };
  const candidates = await store.imports.findUnfinished(graceMs);
  for (const c of candidates) {
    const job = await queue.getJob(c.importId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await store.imports.markFailed(c.importId, 'internal', `processing failed after ${job?.attemptsMade ?? 0} attempts: ${job?.failedReason ?? 'unknown error'}`);
      report.failed.push(c.importId);
    } else if (state === 'missing' || state === 'unknown' || state === 'completed') {
      if (job && state === 'completed') await job.remove().catch(() => undefined);
      await queue.enqueue(c.importId, c.memberId);
      await store.imports.touch(c.importId);
      report.requeued.push(c.importId);
    }
  }
  return report;
}

/** Name of the reconciler's lease on the queue. */
export const RECONCILER_LEASE = 'reconciler';

/**
 * Every `intervalMs` (first after `intervalMs`) takes or renews the reconciler's lease for three intervals and, when
 * this process holds it, runs {@link reconcile}, until the returned stop function is called (which gives the lease
 * up). Errors (Redis or Postgres down) are passed to `onError` and the next tick tries again.
 */
export function startReconciler(
  store: Store,
  queue: ReconcileQueue,
  opts: { intervalMs: number; graceMs: number; onReport?: (r: ReconcileReport) => void; onError?: (e: unknown) => void },
): () => Promise<void> {
  const token = randomUUID();
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running !== null || stopped) return;
    running = queue
      .holdLease(RECONCILER_LEASE, token, opts.intervalMs * 3)
      .then(async (held) => {
        if (!held) return;
        const r = await reconcile(store, queue, opts.graceMs);
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
    await queue.releaseLease(RECONCILER_LEASE, token).catch(() => undefined);
  };
}
