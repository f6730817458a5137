/**
 * Prometheus metrics (prom-client), one registry per process (issue 4 §5):
 * - `cpd_imports{status}`            gauge, imports by status (read from Postgres at scrape time)
 * - `cpd_queue_jobs{state}`          gauge, jobs by BullMQ state (read from Redis at scrape time)
 * - `cpd_uploads_total{outcome}`     counter, files received: `created`, `existing`, `rejected`
 * - `cpd_import_job_seconds{outcome}` histogram, job durations in seconds in this process's worker
 * - default Node.js process metrics (`cpd_process_*`, `cpd_nodejs_*`)
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobOutcome } from '../queue/queue.js';

/** What the scrape-time gauges read. Errors leave the gauge unchanged. */
export interface MetricsSources {
  countImportsByStatus(): Promise<Record<string, number>>;
  queueDepth(): Promise<Record<string, number>>;
}

/** The process's metrics. */
export interface Metrics {
  registry: Registry;
  uploads: Counter<'outcome'>;
  /** Records one finished job (the worker's `onJobFinished`). */
  observeJob(outcome: JobOutcome, seconds: number): void;
}

/** Creates the registry and the metrics above; the gauges call `sources` when scraped. */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cpd_' });
  new Gauge({
    name: 'cpd_imports',
    help: 'Imports by status (from the database)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      try {
        for (const [status, n] of Object.entries(await sources.countImportsByStatus())) this.set({ status }, n);
      } catch {
        /* database down: keep the last values */
      }
    },
  });
  new Gauge({
    name: 'cpd_queue_jobs',
    help: 'Import jobs by queue state (from Redis)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      try {
        for (const [state, n] of Object.entries(await sources.queueDepth())) this.set({ state }, n);
      } catch {
        /* Redis down: keep the last values */
      }
    },
  });
  const uploads = new Counter({ name: 'cpd_uploads_total', help: 'Uploaded files by outcome', labelNames: ['outcome'], registers: [registry] });
  const jobSeconds = new Histogram({
    name: 'cpd_import_job_seconds',
    help: 'Import job duration in seconds (this process)',
    labelNames: ['outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    registry,
    uploads,
    observeJob: (outcome, seconds) => {
      if (outcome !== 'retry') jobSeconds.observe({ outcome }, seconds);
    },
  };
}
