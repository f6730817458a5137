/**
 * The import queue on Redis (BullMQ): names, job data, the producer and a lease (docs/DESIGN.md §3: with
 * `consumer.ts`, the only code that speaks Redis). What a job does is in `workers/processor.ts`; the reconciler that
 * makes Postgres the source of truth is `workers/reconciler.ts`.
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

/** Outcome of one job, for metrics: `done`, `failed` (unreadable file), `retry` (infra error), `skipped`. */
export type JobOutcome = 'done' | 'failed' | 'retry' | 'skipped';

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
    throw new Error(`Redis is not reachable at ${redactUrl(url)} (${(e as Error).message}). Start Redis (redis-server) or set REDIS_URL.`, { cause: e });
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

/** Take the lease (KEYS[1]) for ARGV[1] for ARGV[2] ms unless another token holds it; renew it when ARGV[1] does. */
const LEASE_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if cur == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;

/** Delete the lease (KEYS[1]) when token ARGV[1] holds it. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** How far back an owner's uploads count for their share: one hour (our choice: a burst of uploads, not a year). */
export const FAIR_WINDOW_MS = 60 * 60 * 1000;
/**
 * An upload's place among its owner's recent ones (KEYS[1]: the owner's sorted set; ARGV[1]: the import id, ARGV[2]:
 * the window in ms): by Redis's own clock in microseconds, so uploads from any process in the same millisecond keep
 * their order; an id already there keeps its place.
 */
const FAIR_RANK_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]) * 1000)
redis.call('ZADD', KEYS[1], 'NX', now, ARGV[1])
local r = redis.call('ZRANK', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return r`;

/** BullMQ's largest priority (2^21 − 1). */
const PRIORITY_LIMIT = 2_097_151;

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
   * Queues the import (no-op when its job already exists), at its owner's fair share (see {@link fairRank}).
   * Throws when Redis cannot be reached.
   * @param owner whose upload it is (the member); imports of owners with fewer recent uploads go first
   */
  async enqueue(importId: string, owner = ''): Promise<void> {
    const priority = await this.fairRank(importId, owner);
    await this.queue.add(
      'import',
      { importId },
      {
        jobId: importId,
        priority,
        attempts: this.retry.attempts,
        backoff: { type: 'exponential', delay: this.retry.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
        // No stack traces kept with failed jobs: the dashboard would show server paths (the message is kept).
        stackTraceLimit: 0,
      },
    );
  }

  /**
   * Fair share (issue 12 §2): the import's place among its owner's uploads of the last {@link FAIR_WINDOW_MS} — 1
   * for their first, 10 for the tenth of a burst — used as its BullMQ priority (lower runs first, ties in order of
   * arrival). A member who sends ten files at once waits behind everyone else's first file, not the other way round;
   * nobody's work is dropped or starved, since every owner's next file reaches the front as the others are done.
   * Re-queueing an import keeps its place. Every job has a priority of 1 or more, so none jumps the order as a
   * priority-less BullMQ job would.
   */
  private async fairRank(importId: string, owner: string): Promise<number> {
    const key = `${this.prefix}:fair:${owner === '' ? '-' : owner}`;
    const rank = await this.connection.eval(FAIR_RANK_SCRIPT, 1, key, importId, String(FAIR_WINDOW_MS));
    return Math.min(PRIORITY_LIMIT, 1 + (typeof rank === 'number' ? rank : 0));
  }

  /** The import's job, or undefined when Redis holds none. */
  async getJob(importId: string): Promise<Job<ImportJobData> | undefined> {
    return this.queue.getJob(importId);
  }

  /** Jobs by state: waiting (to run, whatever their priority), active, delayed, failed, completed. */
  async depth(): Promise<{ waiting: number; active: number; delayed: number; failed: number; completed: number }> {
    // Every job carries a priority (its fair share), so jobs waiting their turn are BullMQ's "prioritized" ones.
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
  }

  /**
   * Takes or renews the lease `name` (one holder among every process on this queue's prefix) for `ttlMs`: true when
   * `token` holds it now (newly taken, or renewed because it already held it), false when another holder does.
   * The lease lapses by itself when its holder stops renewing it (a dead process), so another can take it.
   * @throws when Redis cannot be reached
   */
  async holdLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const held = await this.connection.eval(LEASE_SCRIPT, 1, this.leaseKey(name), token, String(Math.max(1, Math.round(ttlMs))));
    return held === 1;
  }

  /** Gives up the lease `name` when `token` holds it (so another process need not wait for it to lapse). */
  async releaseLease(name: string, token: string): Promise<void> {
    await this.connection.eval(RELEASE_SCRIPT, 1, this.leaseKey(name), token);
  }

  private leaseKey(name: string): string {
    return `${this.prefix}:${IMPORT_QUEUE}:lease:${name}`;
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
