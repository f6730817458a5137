/**
 * The consumer side of the import queue (BullMQ `Worker`): takes jobs off Redis and hands each to a processor
 * (`workers/processor.ts`), with the lock, stalled-job check and graceful stop. What a job does is not here.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, IMPORT_QUEUE, type ImportJobData } from './queue.js';

/** Settings of one consumer. Durations in milliseconds. */
export interface ConsumerOptions {
  redisUrl: string;
  prefix: string;
  /** Jobs run at once. */
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

/** What runs the jobs: the processor, and what to do when a job fails or the consumer reports an error. */
export interface JobHandler<R> {
  /**
   * Runs one job; throw to fail it (BullMQ's `UnrecoverableError`: no retries). `token` is the job's lock token, for
   * moving it back to the delayed set (`job.moveToDelayed(when, token)` then `DelayedError`).
   */
  process(job: Job<ImportJobData>, token?: string): Promise<R>;
  /** Called after a job attempt failed (retried or not). */
  failed(job: Job<ImportJobData>, err: Error): void;
  /** Called on a consumer error (Redis connection, a lost lock). */
  error(err: Error): void;
}

/** A running consumer. */
export interface Consumer {
  worker: Worker<ImportJobData>;
  /**
   * Graceful stop: no new jobs; waits up to `graceMs` (default 25 s) for the current ones to finish, then stops
   * anyway (their locks lapse and another consumer takes them up as stalled jobs). Closes its Redis connection.
   */
  close(graceMs?: number): Promise<void>;
}

/** Starts consuming the import queue. */
export function startConsumer<R>(opts: ConsumerOptions, handler: JobHandler<R>): Consumer {
  const connection: Redis = createRedis(opts.redisUrl, 'worker');
  connection.on('error', () => undefined);
  const worker = new Worker<ImportJobData>(IMPORT_QUEUE, (job, token) => handler.process(job, token), {
    connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    lockDuration: opts.lockDurationMs,
    stalledInterval: opts.stalledIntervalMs,
    maxStalledCount: opts.maxStalledCount,
    autorun: true,
  });
  worker.on('error', (e) => handler.error(e));
  worker.on('failed', (job, err) => {
    if (job) handler.failed(job, err);
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
        connection.disconnect();
      })();
      return closing;
    },
  };
}
