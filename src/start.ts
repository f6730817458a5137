/**
 * Starts the service's parts in one process (the composition root): the store (migrated), the queue producer, the
 * reconciler (`workers/reconciler.ts`: every process starts one, the holder of its lease runs it), and — as asked —
 * the HTTP API and/or an import worker (`workers/processor.ts`; docs/DESIGN.md §4: `npm start` runs API + one
 * worker, `npm run worker` more workers). Used by `src/server.ts` and `workers/worker.ts`, and by the tests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { jsonClientErrors } from './http/errors.js';
import { createLogger, type Logger } from './http/logger.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { checkRedis, ImportQueue } from './queue/queue.js';
import { openStore, type Store } from './store/store.js';
import { startImportWorker, type ImportWorker, type RunImport } from '../workers/processor.js';
import { startReconciler } from '../workers/reconciler.js';

/** Which parts to run. */
export interface ServiceParts {
  api: boolean;
  worker: boolean;
  /** Replaces the pipeline in the worker (tests). */
  runImport?: RunImport;
  logger?: Logger;
}

/** A running service. `url` is set when the API listens (e.g. `http://127.0.0.1:3000`). */
export interface Service {
  store: Store;
  queue: ImportQueue;
  metrics: Metrics;
  logger: Logger;
  worker: ImportWorker | null;
  server: Server | null;
  url: string | null;
  /**
   * Graceful stop: the API stops accepting and finishes in-flight requests, the worker finishes (or after
   * `graceMs` releases) its current jobs, then Redis and Postgres connections close.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the parts. Redis must answer first (a plain error otherwise); the database is opened and migrated.
 * @throws Error with a plain message when Redis or the database cannot be reached.
 */
export async function startService(config: Config, parts: ServiceParts): Promise<Service> {
  const logger = parts.logger ?? createLogger(config.logLevel);
  await checkRedis(config.redisUrl);
  let store: Store;
  try {
    store = await openStore({ url: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    const where = config.databaseUrl !== undefined ? 'the database at DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    throw new Error(`cannot open ${where}: ${(e as Error).message}`, { cause: e });
  }
  const queue = new ImportQueue(config.redisUrl, config.queuePrefix, { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });

  let worker: ImportWorker | null = null;
  if (parts.worker) {
    const opts: Parameters<typeof startImportWorker>[0] = {
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      store,
      concurrency: config.workerConcurrency,
      timeoutMs: config.importTimeoutMs,
      maxBytes: config.maxUploadBytes,
      threadMemoryMb: config.threadMemoryMb,
      fileBudget: config.fileBudget,
      timeZone: config.timeZone,
      lockDurationMs: config.lockDurationMs,
      stalledIntervalMs: config.stalledIntervalMs,
      maxStalledCount: config.maxStalledCount,
      logger,
      onJobFinished: metrics.observeJob,
      enqueue: (importId, owner) => queue.enqueue(importId, owner),
    };
    if (parts.runImport) opts.runImport = parts.runImport;
    worker = await startImportWorker(opts);
  }
  const stopReconciler = startReconciler(store, queue, {
    intervalMs: config.reconcileIntervalMs,
    graceMs: config.reconcileGraceMs,
    onReport: (r) => logger.info({ requeued: r.requeued.length, failed: r.failed.length }, 'reconciled imports with the queue'),
    onError: (e) => logger.warn({ err: { message: (e as Error).message } }, 'reconcile pass failed; will retry'),
  });

  let server: Server | null = null;
  let url: string | null = null;
  if (parts.api) {
    const app = createApp({ store, queue, logger, metrics, limits: { maxUploadBytes: config.maxUploadBytes, maxFilesPerRequest: config.maxFilesPerRequest }, defaultBody: config.defaultBody,
      // A mapping preview reads a small file in the API as a worker would (scans and big files are left to workers).
      reading: { budget: { ...config.fileBudget, timeoutMs: config.importTimeoutMs, maxBytes: config.maxUploadBytes }, timeZone: config.timeZone },
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    jsonClientErrors(server);
    const addr = server.address() as AddressInfo;
    url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  }

  let closing: Promise<void> | null = null;
  return {
    store,
    queue,
    metrics,
    logger,
    worker,
    server,
    url,
    close: (graceMs = 25_000) => {
      closing ??= (async () => {
        if (server) {
          const s = server;
          await new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          });
        }
        if (worker) await worker.close(graceMs);
        await stopReconciler();
        await queue.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Runs `start` as a process entry: prints a plain `cpd-import: …` line and exits 1 when it fails, and closes the
 * service gracefully on SIGTERM / SIGINT (exit 0; a second signal exits at once).
 */
export async function runMain(name: string, start: () => Promise<Service>): Promise<void> {
  let service: Service;
  try {
    service = await start();
  } catch (e) {
    process.stderr.write(`${name}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    service.logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`${name}: error while shutting down: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
