/**
 * One member cannot stall everyone (issue 12, done-when): while one member has ten large files queued, another
 * member's ordinary log is read within 5 s of its upload — large files may hold only one of the worker's two slots,
 * and every member's first file goes before the rest of another's burst. Real PostgreSQL, Redis and pipeline.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.js';
import { startService, type Service } from '../../src/start.js';
import { createTestDatabase, makeCsv, testConfig, uniquePrefix, waitFor } from '../helpers/service.js';

let db: { url: string; drop: () => Promise<void> };
let service: Service | undefined;

beforeAll(async () => {
  db = await createTestDatabase('fair');
});
afterAll(async () => {
  await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
  await service?.close(1_000);
  await db?.drop();
});

/** A 2.5 MB log of long reflections (a "slow file" by size), distinct per `tag`. */
function largeLog(tag: string): Buffer {
  const lines = ['Date,Activity,Hours,Reflection'];
  for (let i = 0; i < 4_000; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/03/2026,Course ${tag} ${i},1,${'Learnt how protection relays coordinate. '.repeat(14)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('fair share between members', () => {
  it("reads another member's log within 5 s while one member's ten large files are queued", async () => {
    service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('fair'), WORKER_CONCURRENCY: '2' }), { api: true, worker: true });
    const a = (await createUser(service.store, { role: 'member', memberId: 'F-A' })).key;
    const b = (await createUser(service.store, { role: 'member', memberId: 'F-B' })).key;
    for (let i = 0; i < 10; i++) {
      const res = await request(service.url!).post('/imports').set('Authorization', `Bearer ${a}`).attach('file', largeLog(`a${i}`), `big-${i}.csv`);
      expect(res.status).toBe(202);
    }
    const up = await request(service.url!).post('/imports').set('Authorization', `Bearer ${b}`).attach('file', makeCsv('member-b'), 'log.csv');
    expect(up.status).toBe(202);
    const id = up.body.imports[0].importId as string;
    const done = await waitFor('member B’s log to be read', async () => {
      const imp = await service!.store.imports.get(id);
      return imp?.status === 'done' ? imp : undefined;
    }, 5_000);
    expect(done.summary!.records).toBe(3);
    // Member A's burst was still being worked through when B's log was done.
    const aImports = await service.store.imports.list({ memberId: 'F-A' });
    expect(aImports).toHaveLength(10);
    expect(aImports.filter((x) => x.status !== 'done').length).toBeGreaterThan(0);
  }, 120_000);
});
