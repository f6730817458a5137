/**
 * `npm run bench:service` (issue 4 §7): starts the API (`dist/src/server.js`, no in-process worker) and 1, then 2,
 * worker processes (`dist/workers/worker.js`) on the real PostgreSQL (a private database, dropped afterwards) and
 * Redis (a private key prefix), and drives uploads of a typical 200-row XLSX (`fixtures/xlsx/typical-200.xlsx`).
 *
 * Two phases per worker count, after a warm-up:
 * - open loop: one upload every 50 ms (20/s) for `BENCH_UPLOADS` uploads (default 200);
 * - saturation: `BENCH_UPLOADS` uploads with 16 in flight at once.
 * Latency of an import = the moment its records were stored (the import's `finished_at`) minus the moment its
 * upload request was sent (same machine clock); throughput = imports / (last finished − first sent).
 * Targets: p50 ≤ 300 ms, p99 ≤ 1 s, ≥ 20 imports/s on 2 cores.
 *
 * Then the dashboards (issue 17 §4, bench/dashboard.ts): `BENCH_MEMBERS` (default 100,000) synthetic members' records
 * are written straight into the database and `GET /dashboard?year=2024` (the group's figures, SQL aggregates) and
 * one member's `GET /members/:id/dashboard` are timed on the API. Target: the group's figures under a second.
 *
 * Environment: `BENCH_PG` (admin URL, default postgres://postgres@127.0.0.1:5432/test), `BENCH_REDIS`
 * (default redis://127.0.0.1:6379), `BENCH_UPLOADS`, `BENCH_FILE` (another file to upload), `BENCH_MEMBERS`,
 * `BENCH_PHASES` (`uploads,dashboard` by default; either alone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedDashboard, timeRequest, type DashboardTiming } from './dashboard.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PG_ADMIN = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 200);
const FILE = process.env.BENCH_FILE ?? join(ROOT, 'fixtures/xlsx/typical-200.xlsx');
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const PHASES = new Set((process.env.BENCH_PHASES ?? 'uploads,dashboard').split(',').map((p) => p.trim()));

interface PhaseResult {
  workers: number;
  phase: string;
  uploads: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  perSecond: number;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function start(script: string, env: Record<string, string>): ChildProcess {
  const p = spawn(process.execPath, [join(ROOT, script)], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return p;
}

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  await exited;
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API at ${url} did not become ready`);
}

/** Uploads and tracks completion through the database. */
class Driver {
  private readonly sent = new Map<string, number>();
  private readonly finished = new Map<string, { at: number; status: string }>();
  private n = 0;

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
    private readonly db: pg.Client,
    private readonly tag: string,
  ) {}

  async upload(): Promise<string> {
    const form = new FormData();
    form.append('memberId', `B-${this.tag}-${this.n++}`);
    form.append('file', new Blob([this.bytes]), this.fileName);
    const t0 = Date.now();
    const res = await fetch(`${this.url}/imports`, { method: 'POST', headers: { Authorization: `Bearer ${this.key}` }, body: form });
    const body = (await res.json()) as { imports?: { importId: string }[]; error?: { message: string } };
    if (res.status !== 202 || !body.imports) throw new Error(`upload failed: ${res.status} ${body.error?.message ?? ''}`);
    const id = body.imports[0]!.importId;
    this.sent.set(id, t0);
    return id;
  }

  private readonly waiters = new Map<string, () => void>();
  private polling = false;

  /** Resolves when every id has finished. One poller reads the database every 20 ms for all pending imports. */
  async waitAll(ids: string[]): Promise<void> {
    await Promise.all(
      ids.filter((id) => !this.finished.has(id)).map((id) => new Promise<void>((resolve) => this.waiters.set(id, resolve))),
    );
  }

  /** Starts the poller. */
  startPolling(): void {
    this.polling = true;
    void (async () => {
      while (this.polling) {
        if (this.waiters.size > 0) {
          const r = await this.db.query<{ id: string; status: string; finished_at: Date }>(
            "select id, status, finished_at from imports where id = any($1) and status in ('done', 'failed')",
            [[...this.waiters.keys()]],
          );
          for (const row of r.rows) {
            this.finished.set(row.id, { at: row.finished_at.getTime(), status: row.status });
            this.waiters.get(row.id)?.();
            this.waiters.delete(row.id);
          }
        }
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
  }

  /** Stops the poller. */
  stopPolling(): void {
    this.polling = false;
  }

  summary(ids: string[], workers: number, phase: string): PhaseResult {
    const lat = ids.map((id) => this.finished.get(id)!.at - this.sent.get(id)!).sort((a, b) => a - b);
    const first = Math.min(...ids.map((id) => this.sent.get(id)!));
    const last = Math.max(...ids.map((id) => this.finished.get(id)!.at));
    return {
      workers,
      phase,
      uploads: ids.length,
      p50: percentile(lat, 50),
      p90: percentile(lat, 90),
      p99: percentile(lat, 99),
      max: lat[lat.length - 1]!,
      perSecond: ids.length / ((last - first) / 1000),
      failed: ids.filter((id) => this.finished.get(id)!.status !== 'done').length,
    };
  }
}

async function openLoop(d: Driver, n: number, everyMs: number): Promise<string[]> {
  const ids: Promise<string>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const wait = t0 + i * everyMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    ids.push(d.upload());
  }
  const all = await Promise.all(ids);
  await d.waitAll(all);
  return all;
}

async function saturate(d: Driver, n: number, inFlight: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        next++;
        const id = await d.upload();
        ids.push(id);
        await d.waitAll([id]);
      }
    }),
  );
  return ids;
}

async function main(): Promise<void> {
  const bytes = new Uint8Array(await readFile(FILE));
  const dbName = `cpd_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`);
  const prefix = `cpdbench-${process.pid}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: dbUrl, REDIS_URL: REDIS, QUEUE_PREFIX: prefix, PORT: String(port), WORKER_CONCURRENCY: '2' };
  const procs: ChildProcess[] = [];
  const results: PhaseResult[] = [];
  const dashboard: DashboardTiming[] = [];
  let seeded: { records: number; ms: number } | null = null;
  let db: pg.Client | null = null;
  try {
    const apiProc = start('dist/src/server.js', { ...env, START_WORKER: 'false' });
    procs.push(apiProc);
    await waitReady(url);
    // an upload key, created with the CLI as a user would
    const key = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, [join(ROOT, 'dist/src/cli/bin.js'), 'users', 'add', '--role', 'staff', '--name', 'bench'], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: dbUrl },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b.toString()));
      p.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`users add exited ${code}`))));
    });
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();

    const workers: ChildProcess[] = [];
    for (const count of PHASES.has('uploads') ? [1, 2] : []) {
      while (workers.length < count) {
        const w = start('dist/workers/worker.js', env);
        workers.push(w);
        procs.push(w);
      }
      const d = new Driver(url, key, bytes, basename(FILE), db, `w${count}`);
      d.startPolling();
      await saturate(d, 8 * count, 2 * count); // warm-up: threads load the spreadsheet readers
      results.push(d.summary(await openLoop(d, UPLOADS, 50), count, '20/s open loop'));
      results.push(d.summary(await saturate(d, UPLOADS, 16), count, 'saturation (16 in flight)'));
      d.stopPolling();
      process.stderr.write(`done with ${count} worker process(es)\n`);
    }
    if (PHASES.has('dashboard')) {
      process.stderr.write(`writing ${MEMBERS} synthetic members' records…\n`);
      seeded = await seedDashboard(db, MEMBERS);
      dashboard.push(await timeRequest(url, key, 'group, every member', '/dashboard?year=2024', 5));
      dashboard.push(await timeRequest(url, key, 'group, one body (rics)', '/dashboard?year=2024&body=rics', 5));
      dashboard.push(await timeRequest(url, key, 'group, as CSV', '/dashboard?year=2024', 5, 'text/csv'));
      dashboard.push(await timeRequest(url, key, 'one member', '/members/M-000042/dashboard', 5));
    }
  } finally {
    for (const p of procs.reverse()) await stop(p);
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await cleanRedis(prefix);
  }

  const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toString() : '-');
  console.log(`\nService benchmark: ${basename(FILE)} (${(bytes.byteLength / 1024).toFixed(0)} KiB), upload → records stored, WORKER_CONCURRENCY=2 per process\n`);
  console.log('workers  phase                        uploads  p50 ms  p90 ms  p99 ms  max ms  imports/s  failed');
  for (const r of results) {
    console.log(
      `${String(r.workers).padEnd(8)} ${r.phase.padEnd(28)} ${String(r.uploads).padStart(7)} ${fmt(r.p50).padStart(7)} ${fmt(r.p90).padStart(7)} ${fmt(r.p99).padStart(7)} ${fmt(r.max).padStart(7)} ${r.perSecond.toFixed(1).padStart(10)} ${String(r.failed).padStart(7)}`,
    );
  }
  if (results.length > 0) console.log('\ntargets: p50 ≤ 300 ms, p99 ≤ 1000 ms, ≥ 20 imports/s (2 cores)');
  if (seeded !== null) {
    console.log(`\nDashboards: ${MEMBERS.toLocaleString('en-GB')} members, ${seeded.records.toLocaleString('en-GB')} records written in ${(seeded.ms / 1000).toFixed(1)} s; each request ${dashboard[0]?.runs ?? 0} times after a warm-up\n`);
    console.log('request                         median ms  fastest ms    bytes');
    for (const t of dashboard) console.log(`${t.name.padEnd(30)} ${fmt(t.medianMs).padStart(10)} ${fmt(t.minMs).padStart(11)} ${String(t.bytes).padStart(8)}`);
    console.log('\ntarget: the group figures under 1000 ms');
  }
}

/** Removes the bench's queue keys from Redis. */
async function cleanRedis(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:service: ${(e as Error).message}\n`);
  process.exit(1);
});
