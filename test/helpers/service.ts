/**
 * Helpers for the service tests: a private PostgreSQL database per test file on the real server
 * (127.0.0.1:5432, user postgres, trust auth), unique Redis key prefixes, settings, small CSV uploads, polling.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { startService, type Service } from '../../src/start.js';

/** The real server's admin URL (database `test`). */
export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The real Redis. */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A fresh database on the real server; `drop()` removes it (terminating leftover connections). */
export async function createTestDatabase(tag: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `cpd_t_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A unique BullMQ key prefix for one test file (keys `<prefix>:imports:*`). */
export function uniquePrefix(tag: string): string {
  return `cpdtest-${tag}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Settings for tests: silent logs, fast stalled-job recovery and reconciling, given overrides. */
export function testConfig(env: Record<string, string>): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    REDIS_URL,
    JOB_BACKOFF_MS: '50',
    LOCK_DURATION_MS: '2000',
    STALLED_INTERVAL_MS: '1000',
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '500',
    ...env,
  });
}

/** A silent pino logger. */
export const silentLogger = pino({ level: 'silent' });

/** A small CSV log: `n` activities whose names carry `tag` (so that different tags give different bytes). */
export function makeCsv(tag: string, n = 3): Buffer {
  const lines = ['Activity,Type,Start date,End date,Hours,Reflection'];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`Course ${tag} #${i + 1},Training,${day}/03/2024,${day}/03/2024,${(i % 4) + 1},Learnt item ${i + 1}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/**
 * Polls `check` every 50 ms until it returns a value other than undefined, or fails after `limitMs` with
 * `what` (a wait for an asynchronous outcome, not a timing assertion).
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, limitMs = 20_000): Promise<T> {
  const until = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The running service (API and in-process worker) of one test file; `close` stops it and drops its database. */
export interface ServiceRig {
  service: Service;
  close(): Promise<void>;
}

/** Starts the service (API and worker) on a new database and queue prefix named after `name`. */
export async function startServiceRig(name: string): Promise<ServiceRig> {
  const db = await createTestDatabase(name);
  const service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix(name) }), { api: true, worker: true });
  return {
    service,
    async close() {
      await service.queue.queue.obliterate({ force: true }).catch(() => undefined);
      await service.close(2_000);
      await db.drop();
    },
  };
}
