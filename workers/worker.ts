/**
 * `npm run worker`: one more import worker (docs/DESIGN.md §4), on any machine that reaches the same Redis and
 * Postgres. Needs `DATABASE_URL` (the embedded PGlite of `npm start` can be opened by one process only).
 * Graceful on SIGTERM: finishes the current jobs (or releases them after 25 s), then exits. Beside it here: what
 * one job does (`processor.ts`) and the reconciler (`reconciler.ts`), which this process starts too but which runs
 * its passes only while it holds the reconciler's lease (one reconciler however many workers).
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { runMain, startService } from '../src/start.js';

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  process.stderr.write(`cpd-import worker: ${e instanceof ConfigError ? e.message : String(e)}\n`);
  process.exit(2);
}
const cfg = config;
if (cfg.databaseUrl === undefined) {
  process.stderr.write(
    'cpd-import worker: set DATABASE_URL to the PostgreSQL server the API uses (extra workers cannot share the embedded database of npm start)\n',
  );
  process.exit(2);
}
await runMain('cpd-import worker', async () => {
  const service = await startService(cfg, { api: false, worker: true });
  service.logger.info({ concurrency: cfg.workerConcurrency, prefix: cfg.queuePrefix }, 'cpd-import worker started');
  return service;
});
