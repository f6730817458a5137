/**
 * Reliability against the real Redis and PostgreSQL of this machine (issue 4 §6):
 * - a worker process killed with SIGKILL mid-import → a new worker takes it over within 15 s with the default lock
 *   settings, and the import completes exactly once;
 * - Redis restarted during a burst of uploads → every acknowledged upload is processed (Postgres is the source of
 *   truth; the reconciler queues again what Redis lost). A private redis-server on its own port is restarted, with
 *   the same flags as the machine's (`--save "" --appendonly no`: it keeps nothing), so other test files keep theirs;
 * - Postgres unreachable during an upload → 503 and nothing acknowledged or queued;
 * - 200 concurrent uploads of mixed files → 200 imports done, none lost or duplicated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { startService, type Service } from '../../src/start.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createTestDatabase, makeCsv, REDIS_URL, silentLogger, testConfig, uniquePrefix, waitFor } from '../helpers/service.js';
import { createUser } from '../../src/services/users.js';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKER = join(ROOT, 'dist/workers/worker.js');

let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase('rel');
});
afterAll(async () => {
  await db?.drop();
});

function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [WORKER], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function stopProcess(p: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill(signal);
  await exited;
}

function bigCsv(rows: number): Buffer {
  const lines = ['Activity,Type,Start date,End date,Hours,Reflection'];
  for (let i = 0; i < rows; i++) lines.push(`Course ${i},Training,0${(i % 9) + 1}/03/2024,0${(i % 9) + 1}/03/2024,${(i % 4) + 1},Learnt ${i}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function recordPositions(store: Store, importId: string): Promise<number[]> {
  return (await store.records.listForImport(importId)).map((r) => r.source.row ?? -1);
}

describe('a worker killed mid-import', () => {
  let api: Service;
  let w1: ChildProcess | undefined;
  let w2: ChildProcess | undefined;
  const prefix = uniquePrefix('kill');
  // The default lock and stalled-check settings: a killed worker's import is taken over within 15 s (issue 12).
  const env = () => ({ DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '1' });

  afterAll(async () => {
    await stopProcess(w1, 'SIGKILL');
    await stopProcess(w2);
    await api?.queue.queue.obliterate({ force: true }).catch(() => undefined);
    await api?.close(1_000);
  });

  it('completes exactly once after a new worker starts', async () => {
    expect(existsSync(WORKER)).toBe(true); // npm run build first (npm test does)
    api = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }), { api: true, worker: false });
    const key = (await createUser(api.store, { role: 'member', memberId: 'K-1' })).key;
    w1 = startWorkerProcess(env());
    const rows = 20_000;
    const res = await request(api.url!).post('/imports').set('Authorization', `Bearer ${key}`).attach('file', bigCsv(rows), 'big.csv');
    expect(res.status).toBe(202);
    const id = res.body.imports[0].importId as string;
    await waitFor('the first worker to start the import', async () => ((await api.store.imports.get(id))?.status === 'processing' ? true : undefined));
    await stopProcess(w1, 'SIGKILL');
    const afterKill = await api.store.imports.get(id);
    expect(afterKill).toMatchObject({ status: 'processing', attempts: 1 }); // killed mid-import, nothing stored
    expect(await api.store.records.listForImport(id)).toEqual([]);

    w2 = startWorkerProcess(env());
    // Taken over within 15 s of the kill (the new worker's start-up included), with the default settings.
    await waitFor(
      'the new worker to take the import over',
      async () => ((await api.store.imports.get(id))?.attempts === 2 ? true : undefined),
      15_000,
    );
    const done = await waitFor(
      'the import to complete on the new worker',
      async () => {
        const imp = await api.store.imports.get(id);
        return imp?.status === 'done' ? imp : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(done.summary!.records).toBe(rows);
    const positions = await recordPositions(api.store, id);
    expect(positions.length).toBe(rows);
    expect(new Set(positions).size).toBe(rows);
    expect(positions[0]).toBe(2);
    expect(positions[rows - 1]).toBe(rows + 1);
    const job = await api.queue.getJob(id);
    expect(await job?.getState()).toBe('completed');
  }, 120_000);
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** A private redis-server, started like the machine's (no persistence), in the foreground as our child. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const p = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log')], { stdio: 'ignore' });
  await waitFor('redis-server to answer', async () => {
    const r = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    r.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((ok) => r.on('exit', ok));
    return out.trim() === 'PONG' ? true : undefined;
  });
  return p;
}

describe('Redis restarted during a burst of uploads', () => {
  let service: Service | undefined;
  let redis: ChildProcess | undefined;
  let dir = '';

  afterAll(async () => {
    await service?.close(1_000);
    await stopProcess(redis);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('processes every acknowledged upload', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpd-redis-'));
    const port = await freePort();
    redis = await startRedis(port, dir);
    const url = `redis://127.0.0.1:${port}`;
    service = await startService(testConfig({ DATABASE_URL: db.url, REDIS_URL: url, QUEUE_PREFIX: uniquePrefix('redis'), WORKER_CONCURRENCY: '2' }), { api: true, worker: true });
    const key = (await createUser(service.store, { role: 'staff' })).key;
    const acked: string[] = [];
    const statuses: number[] = [];
    const send = async (i: number) => {
      const res = await request(service!.url!)
        .post('/imports')
        .set('Authorization', `Bearer ${key}`)
        .field('memberId', `R-${i}`)
        .attach('file', makeCsv(`redis-burst-${i}`, 3), `burst-${i}.csv`);
      statuses.push(res.status);
      if (res.status === 202) acked.push(res.body.imports[0].importId as string);
    };
    let i = 0;
    const burst = async (n: number) => {
      await Promise.all(Array.from({ length: n }, () => send(i++)));
    };
    // the worker is paused so that the first burst's jobs are still in Redis when it goes away
    await service.worker!.worker.pause();
    await burst(15);
    expect((await service.queue.depth()).waiting).toBe(15);
    // restart Redis: it comes back empty (no persistence), losing those 15 jobs
    await stopProcess(redis);
    const during = burst(10); // uploads while Redis is down: stored in Postgres, queued later by the reconciler
    redis = await startRedis(port, dir);
    await during;
    service.worker!.worker.resume();
    await burst(15);

    // Postgres was up throughout, so every upload was acknowledged
    expect(statuses).toEqual(Array(40).fill(202));
    expect(acked.length).toBe(40);
    for (const id of acked) {
      await waitFor(
        `acknowledged import ${id} to be processed`,
        async () => ((await service!.store.imports.get(id))?.status === 'done' ? true : undefined),
        60_000,
      );
      expect((await service.store.records.listForImport(id)).length).toBe(3);
    }
    expect(new Set(acked).size).toBe(acked.length);
  }, 120_000);
});

describe('Postgres unreachable', () => {
  const prefix = uniquePrefix('pgdown');
  let queue: ImportQueue;
  let store: Store;

  beforeAll(() => {
    queue = new ImportQueue(REDIS_URL, prefix, { attempts: 1, backoffMs: 100 });
  });
  afterAll(async () => {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await store?.close();
  });

  it('an upload gets 503 and nothing is acknowledged or queued', async () => {
    store = await openStore({ url: 'postgres://postgres@127.0.0.1:1/cpd', migrate: false });
    const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
    const app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1 << 20, maxFilesPerRequest: 3 } });
    // the key check itself needs the database
    const r1 = await request(app).post('/imports').set('Authorization', 'Bearer cpd_x').attach('file', makeCsv('pgdown'), 'a.csv');
    expect(r1.status).toBe(503);
    expect(r1.body).toEqual({ error: { code: 'database_unavailable', message: 'the database cannot be reached; nothing was stored, try again later' } });
    // the key check passes (stubbed) and the transaction cannot reach the database
    store.users.findByKey = async () => ({ id: 'u', name: null, role: 'member', memberId: 'P-1', createdAt: '' });
    const r2 = await request(app).post('/imports').set('Authorization', 'Bearer cpd_x').attach('file', makeCsv('pgdown2'), 'a.csv');
    expect(r2.status).toBe(503);
    expect(r2.body.error.code).toBe('database_unavailable');
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toEqual({ code: 'not_ready', message: 'Postgres cannot be reached' });
  });
});

describe('200 concurrent uploads of mixed files', () => {
  let service: Service | undefined;
  afterAll(async () => {
    await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
    await service?.close(2_000);
  });

  it('gives 200 imports done, none lost or duplicated', async () => {
    // mixed files: the shipped fixtures that exist, and generated CSVs
    const files: { name: string; bytes: Buffer }[] = [];
    for (const sub of ['xlsx', 'csv']) {
      const folder = join(ROOT, 'fixtures', sub);
      if (!existsSync(folder)) continue;
      for (const f of (await readdir(folder)).sort()) if (/\.(xlsx|csv)$/.test(f)) files.push({ name: f, bytes: await readFile(join(folder, f)) });
    }
    for (let k = 0; k < 5; k++) files.push({ name: `generated-${k}.csv`, bytes: makeCsv(`mixed-${k}`, 5 + k) });
    // expected outcome per file, from the pipeline run directly
    const expected = new Map<string, { status: 'done' | 'failed'; records: number }>();
    for (const f of files) {
      try {
        expected.set(f.name, { status: 'done', records: (await importFile(new Uint8Array(f.bytes), f.name)).records.length });
      } catch {
        expected.set(f.name, { status: 'failed', records: 0 });
      }
    }
    service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('load'), WORKER_CONCURRENCY: '2' }), { api: true, worker: true });
    const key = (await createUser(service.store, { role: 'staff' })).key;
    const n = 200;
    const sent = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const f = files[i % files.length]!;
        const res = await request(service!.url!).post('/imports').set('Authorization', `Bearer ${key}`).field('memberId', `L-${i}`).attach('file', f.bytes, f.name);
        return { status: res.status, body: res.body as { imports: { importId: string }[] }, file: f.name };
      }),
    );
    expect(sent.map((s) => s.status)).toEqual(Array(n).fill(202));
    const ids = sent.map((s) => s.body.imports[0]!.importId);
    expect(new Set(ids).size).toBe(n);
    let done = 0;
    for (const [i, id] of ids.entries()) {
      const imp = await waitFor(
        `import ${i} to finish`,
        async () => {
          const v = await service!.store.imports.get(id);
          return v && (v.status === 'done' || v.status === 'failed') ? v : undefined;
        },
        90_000,
      );
      const exp = expected.get(sent[i]!.file)!;
      expect({ file: sent[i]!.file, status: imp.status }).toEqual({ file: sent[i]!.file, status: exp.status });
      const recs = await service.store.records.listForImport(id);
      expect(recs.length).toBe(exp.records);
      if (imp.status === 'done') done++;
    }
    expect(done).toBe([...Array(n).keys()].filter((i) => expected.get(files[i % files.length]!.name)!.status === 'done').length);
    const counts = await service.store.imports.countByStatus();
    expect(counts.queued + counts.processing).toBe(0);
  }, 180_000);
});
