/**
 * Opens the database: a real PostgreSQL server through node-postgres when a URL is given, else the embedded PGlite
 * in a folder (docs/DESIGN.md §4). Applies the migrations of `src/store/migrations/` before returning, under an advisory
 * lock on a real server so that an API and several workers starting together migrate once.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { schema } from './schema.js';

/** The drizzle database over either driver (both share the PostgreSQL dialect and SQL). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database and how to close it. `kind` says which driver is behind it. */
export interface Database {
  db: Db;
  kind: 'pg' | 'pglite';
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Closes the pool or the embedded database. Idempotent. */
  close(): Promise<void>;
}

/** Where the database is: `url` (postgres://…) for a server, else `dataDir` for PGlite. */
export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string;
  /** Apply migrations (default true). False only to test an unreachable server without touching it. */
  migrate?: boolean;
  /** node-postgres pool size (default 10). */
  poolSize?: number;
}

/**
 * Folder holding the SQL migrations: `src/store/migrations/`, both when running from the TypeScript sources
 * (tests) and from the compiled `dist/src/store/` (the folder is not copied by `tsc`).
 */
export function migrationsFolder(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const beside = `${here}migrations`;
  if (existsSync(`${beside}/meta/_journal.json`)) return beside;
  return fileURLToPath(new URL('../../../src/store/migrations', import.meta.url));
}

/** Key of the advisory lock held while migrating (any constant; 'cpd-import' in ASCII). */
const MIGRATION_LOCK = 4_337_283_573;

/**
 * Opens (and migrates) the database.
 * @throws the driver's error when the server cannot be reached or a migration fails.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const doMigrate = opts.migrate ?? true;
  if (opts.url !== undefined) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    let closed = false;
    const database: Database = {
      db,
      kind: 'pg',
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    };
    if (doMigrate) {
      try {
        const { migrate } = await import('drizzle-orm/node-postgres/migrator');
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migrate(drizzle({ client, schema }), { migrationsFolder: migrationsFolder() });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
          client.release();
        }
      } catch (e) {
        await database.close();
        throw e;
      }
    }
    return database;
  }

  const dir = opts.dataDir ?? './data';
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dir.startsWith('memory://');
  let unlock = async (): Promise<void> => undefined;
  if (!inMemory) {
    await mkdir(dir, { recursive: true });
    unlock = await lockDataDir(dir);
  }
  let client;
  try {
    client = await PGlite.create(dir);
  } catch (e) {
    await unlock();
    throw e;
  }
  const db = drizzle({ client, schema });
  if (doMigrate) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    try {
      await migrate(db, { migrationsFolder: migrationsFolder() });
    } catch (e) {
      await client.close();
      await unlock();
      throw e;
    }
  }
  let closed = false;
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
      await unlock();
    },
  };
}

/**
 * PGlite is single-process: two processes opening one folder would corrupt it. Takes `DIR/cpd-import.lock`
 * (holding the pid) or throws when a live process holds it; a lock left by a dead process is taken over.
 * @returns the function that releases the lock.
 * @throws Error naming the process that holds the folder.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'cpd-import.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `the embedded database in ${dir} is in use by process ${pid} (a running npm start?). Stop it first, ` +
            'or use a PostgreSQL server for both (DATABASE_URL), or create keys through POST /users with an admin key',
          { cause: e },
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`cannot lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}
