/**
 * Worker behaviour through the running service (API + in-process worker, real Redis and PostgreSQL):
 * upload → records stored; an unreadable file fails once without retries; an infrastructure error is retried with
 * backoff and the import completes once; graceful close.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, type ImportResult } from '../../src/domain/index.js';
import { importFile } from '../../src/pipeline/import.js';
import type { ImportOptions } from '../../src/pipeline/import.js';
import { startService, type Service } from '../../src/start.js';
import { createTestDatabase, makeCsv, testConfig, uniquePrefix, waitFor } from '../helpers/service.js';
import { createUser } from '../../src/services/users.js';

let service: Service;
let dropDb: () => Promise<void>;
let key = '';
const calls: Record<string, number> = {};
const optionsSeen: Record<string, ImportOptions> = {};

async function stub(bytes: Uint8Array, file: string, options: ImportOptions): Promise<ImportResult> {
  calls[file] = (calls[file] ?? 0) + 1;
  optionsSeen[file] = options;
  if (file.startsWith('corrupt')) throw new ImportError('corrupt', 'the file is damaged (test)');
  if (file.startsWith('flaky') && calls[file]! <= 2) throw new Error('connection reset (test infrastructure failure)');
  return importFile(bytes, file, options);
}

beforeAll(async () => {
  const db = await createTestDatabase('worker');
  dropDb = db.drop;
  service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('worker'), JOB_ATTEMPTS: '4', TIME_ZONE: 'Europe/Dublin' }), { api: true, worker: true, runImport: stub });
  key = (await createUser(service.store, { role: 'member', memberId: 'W-1' })).key;
});

afterAll(async () => {
  await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
  await service?.close(2_000);
  await dropDb?.();
});

async function upload(name: string, body: Buffer): Promise<string> {
  const res = await request(service.url!).post('/imports').set('Authorization', `Bearer ${key}`).attach('file', body, name);
  expect(res.status).toBe(202);
  return res.body.imports[0].importId as string;
}

async function finished(id: string) {
  return waitFor(`import ${id} to finish`, async () => {
    const imp = await service.store.imports.get(id);
    return imp && (imp.status === 'done' || imp.status === 'failed') ? imp : undefined;
  });
}

describe('worker', () => {
  it('imports an uploaded CSV: records with gaps and provenance are stored, progress 100', async () => {
    const id = await upload('log.csv', makeCsv('worker-ok', 4));
    const imp = await finished(id);
    expect(imp).toMatchObject({ status: 'done', progress: 100, attempts: 1, error: null, format: 'csv' });
    expect(imp.summary!.records).toBe(4);
    const res = await request(service.url!).get(`/imports/${id}/records`).set('Authorization', `Bearer ${key}`);
    expect(res.body.records.map((r: { activityName: string }) => r.activityName)).toEqual(['Course worker-ok #1', 'Course worker-ok #2', 'Course worker-ok #3', 'Course worker-ok #4']);
    expect(res.body.records[0]).toMatchObject({ hours: 1, startDate: '2024-03-01', source: { file: 'log.csv', row: 2 } });
    // the service's TIME_ZONE reaches the pipeline (zoned date-times are dated there)
    expect(optionsSeen['log.csv']?.timeZone).toBe('Europe/Dublin');
    const job = await service.queue.getJob(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.progress).toBe(100);
  });

  it('an unreadable file fails once with its error code, no retries', async () => {
    const id = await upload('corrupt.csv', makeCsv('worker-corrupt'));
    const imp = await finished(id);
    expect(imp).toMatchObject({ status: 'failed', error: { code: 'corrupt', message: 'the file is damaged (test)' }, attempts: 1 });
    const job = await waitFor('the job to fail', async () => {
      const j = await service.queue.getJob(id);
      return j && (await j.getState()) === 'failed' ? j : undefined;
    });
    expect(job.attemptsMade).toBe(1);
    expect(calls['corrupt.csv']).toBe(1);
    expect(await service.store.records.listForImport(id)).toEqual([]);
  });

  it('an infrastructure error is retried with backoff; the import completes once', async () => {
    const id = await upload('flaky.csv', makeCsv('worker-flaky', 2));
    const imp = await finished(id);
    expect(imp).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(calls['flaky.csv']).toBe(3);
    const job = await service.queue.getJob(id);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 50 });
    expect((await service.store.records.listForImport(id)).length).toBe(2);
  });

  it('a job for a finished import does nothing (a re-delivered job never duplicates)', async () => {
    const id = await upload('again.csv', makeCsv('worker-again', 3));
    await finished(id);
    const before = await service.store.records.listForImport(id);
    const job = await service.queue.getJob(id);
    await job!.remove();
    await service.queue.enqueue(id);
    await waitFor('the re-delivered job to complete', async () => {
      const j = await service.queue.getJob(id);
      return j && (await j.getState()) === 'completed' ? true : undefined;
    });
    expect(calls['again.csv']).toBe(1);
    expect((await service.store.records.listForImport(id)).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });
});
