/**
 * `npm start`: the HTTP API and one worker in one process (docs/DESIGN.md §4). Settings from the environment
 * (`src/config.ts`); without `DATABASE_URL` the data lives in PGlite under `./data`.
 */
import { ConfigError, loadConfig } from './config.js';
import { runMain, startService } from './start.js';

// Files this process writes (the embedded database in ./data holds members' records and key hashes) are for its
// own user only: PGlite creates them world-writable otherwise.
process.umask(0o077);

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  process.stderr.write(`cpd-import server: ${e instanceof ConfigError ? e.message : String(e)}\n`);
  process.exit(2);
}
const cfg = config;
await runMain('cpd-import server', async () => {
  const service = await startService(cfg, { api: true, worker: cfg.startWorker });
  service.logger.info(
    { url: service.url, database: cfg.databaseUrl === undefined ? `pglite:${cfg.dataDir}` : 'postgres', worker: cfg.startWorker, concurrency: cfg.workerConcurrency },
    'cpd-import API listening',
  );
  return service;
});
