/**
 * The routes added for the records grid (issue 14) on the embedded PGlite store: a member's year page by page
 * (`GET /members/:id/records?year&undated&limit&offset`), the years a member's records count in
 * (`GET /members/:id/years`), and bulk fixes (`POST /records/bulk`: set a field, fill down, accept a gap, a list of
 * corrections), each the single-record correction with one audit line per record, all or nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { CpdRecord } from '../../src/domain/index.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';

const GRACE = readFileSync(join(import.meta.dirname, '../../fixtures/review/grace-lindqvist-cpd-2024.xlsx'));
type Rec = CpdRecord & { id: string; importId: string };

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<'reviewer' | 'member', string> = { reviewer: '', member: '' };
const rev = (): Record<string, string> => ({ Authorization: `Bearer ${keys.reviewer}` });

async function year2024(): Promise<Rec[]> {
  return (await request(app).get('/members/G-1001/records?year=2024&undated=true').set(rev())).body.records as Rec[];
}

async function auditOf(id: string): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  return (await request(app).get(`/records/${id}/audit`).set(rev())).body.audit;
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('bulk-http'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 } });
  keys.reviewer = (await createUser(store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.member = (await createUser(store, { role: 'member', memberId: 'G-1001', name: 'Grace Lindqvist' })).key;
  const imp = await createImport(store, { memberId: 'G-1001', uploadedBy: null, fileName: 'grace-lindqvist-cpd-2024.xlsx', bytes: GRACE, sha256: sha256Hex(GRACE), force: false });
  await storeImportResult(store, imp.importId, await importFile(GRACE, 'grace-lindqvist-cpd-2024.xlsx', { today: '2025-02-01' }));
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

describe('a member\'s year, page by page', () => {
  it('lists the years with their records and completed activities, undated last', async () => {
    const res = await request(app).get('/members/G-1001/years').set(rev());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      memberId: 'G-1001',
      years: [
        { year: 2023, records: 1, completed: 1 },
        { year: 2024, records: 10, completed: 8 },
        { year: 2025, records: 2, completed: 1 },
        { year: null, records: 1, completed: 1 },
      ],
    });
  });

  it('pages 2024 with the undated record: 4 + 4 + 3, each page naming the next, the same records as one answer', async () => {
    const all = await year2024();
    expect(all.length).toBe(11);
    const p1 = await request(app).get('/members/G-1001/records?year=2024&undated=true&limit=4').set(rev());
    expect([p1.body.records.length, p1.body.total, p1.body.next]).toEqual([4, 11, '/members/G-1001/records?year=2024&undated=true&limit=4&offset=4']);
    const p2 = await request(app).get(p1.body.next).set(rev());
    const p3 = await request(app).get(p2.body.next).set(rev());
    expect([p3.body.records.length, p3.body.next]).toEqual([3, null]);
    expect([...p1.body.records, ...p2.body.records, ...p3.body.records].map((r: Rec) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('refuses a bad page with 400 bad_page', async () => {
    const res = await request(app).get('/members/G-1001/records?year=2024&limit=0').set(rev());
    expect([res.status, res.body.error.code]).toEqual([400, 'bad_page']);
  });
});

describe('bulk fixes', () => {
  it('sets the skill type of 3 records: 3 records changed, 3 audit lines with the reason, read by the normalisers', async () => {
    const three = (await year2024()).filter((r) => r.status === 'completed').slice(0, 3);
    const res = await request(app).post('/records/bulk').set(rev()).send({ action: 'set', ids: three.map((r) => r.id), field: 'skillType', value: 'soft', reason: 'the member says these were soft skills' });
    expect(res.status).toBe(200);
    expect([res.body.changed, res.body.records.map((r: Rec) => r.skillType)]).toEqual([3, ['soft', 'soft', 'soft']]);
    for (const r of three) {
      const lines = (await auditOf(r.id)).filter((a) => a.action === 'record.correct');
      expect(lines.map((a) => [a.detail.field, a.detail.newValue, a.detail.reason])).toEqual([['skillType', 'soft', 'the member says these were soft skills']]);
    }
  });

  it('is all or nothing: one value the normalisers cannot read on one record refuses the lot, naming it', async () => {
    const two = (await year2024()).filter((r) => r.status === 'completed').slice(3, 5);
    const res = await request(app)
      .post('/records/bulk')
      .set(rev())
      .send({ action: 'correct', reason: 'typed from the paper log', changes: [{ id: two[0]!.id, field: 'hours', value: String(two[0]!.hours! + 1) }, { id: two[1]!.id, field: 'hours', value: '2-3' }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('bulk_refused');
    expect(res.body.refused).toEqual([{ id: two[1]!.id, message: 'the hours "2-3" could not be read: a range (2–3), not one value: the hours spent must be recorded as one number' }]);
    const after = await year2024();
    expect(after.find((r) => r.id === two[0]!.id)!.hours).toBe(two[0]!.hours);
    expect((await auditOf(two[0]!.id)).length).toBe(0);
  });

  it('fills the UK-SPEC codes down from the first record: the others get its codes (one already had them), the first is untouched', async () => {
    const recs = (await year2024()).filter((r) => r.status === 'completed').slice(5, 8);
    const res = await request(app).post('/records/bulk').set(rev()).send({ action: 'fillDown', ids: recs.map((r) => r.id), field: 'ukSpec', reason: 'same competences as the first' });
    expect(res.status).toBe(200);
    // One of the two already had the first's codes: left as it is, named in `unchanged`, no audit line.
    expect([res.body.changed, res.body.unchanged]).toEqual([1, [recs.find((r, i) => i > 0 && JSON.stringify(r.ukSpec) === JSON.stringify(recs[0]!.ukSpec))!.id]]);
    const after = await year2024();
    expect(recs.map((r) => after.find((x) => x.id === r.id)!.ukSpec)).toEqual([recs[0]!.ukSpec, recs[0]!.ukSpec, recs[0]!.ukSpec]);
    expect((await Promise.all(recs.map(async (r) => (await auditOf(r.id)).length)))).toEqual(recs.map((r, i) => (i > 0 && JSON.stringify(r.ukSpec) !== JSON.stringify(recs[0]!.ukSpec) ? 1 : 0)));
  });

  it('accepts the missing-description gap on every record that has one, with one audit line each', async () => {
    const withGap = (await year2024()).filter((r) => r.gaps.some((g) => g.field === 'description' && g.code === 'missing'));
    expect(withGap.length).toBeGreaterThan(1);
    const res = await request(app).post('/records/bulk').set(rev()).send({ action: 'accept', ids: withGap.map((r) => r.id), field: 'description', code: 'missing', reason: 'descriptions are optional for these' });
    expect(res.status).toBe(200);
    for (const r of res.body.records as Rec[]) expect(r.gaps.filter((g) => g.field === 'description').map((g) => g.code)).toEqual(['accepted']);
    for (const r of withGap) expect((await auditOf(r.id)).filter((a) => a.action === 'gap.accept').length).toBe(1);
    // Again: nothing open any more, so every record is refused and nothing is written.
    const again = await request(app).post('/records/bulk').set(rev()).send({ action: 'accept', ids: withGap.map((r) => r.id), field: 'description', code: 'missing', reason: 'again' });
    expect([again.status, again.body.refused.length, again.body.refused[0].message]).toEqual([422, withGap.length, 'no open missing gap on description']);
  });

  it('undo is a list of corrections back to the old values', async () => {
    const three = (await year2024()).filter((r) => r.status === 'completed').slice(0, 3);
    const res = await request(app).post('/records/bulk').set(rev()).send({ action: 'correct', reason: 'undo: the member says these were soft skills', changes: three.map((r) => ({ id: r.id, field: 'skillType', value: 'technical-job' })) });
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: Rec) => r.skillType)).toEqual(['technical-job', 'technical-job', 'technical-job']);
  });

  it('refuses members (403), a body without a reason (400), a record listed twice (422)', async () => {
    const [a] = await year2024();
    const member = await request(app).post('/records/bulk').set({ Authorization: `Bearer ${keys.member}` }).send({ action: 'set', ids: [a!.id], field: 'hours', value: '1', reason: 'x' });
    expect(member.status).toBe(403);
    const noReason = await request(app).post('/records/bulk').set(rev()).send({ action: 'set', ids: [a!.id], field: 'hours', value: '1', reason: ' ' });
    expect([noReason.status, noReason.body.error.message]).toEqual([400, expect.stringContaining('give a reason for the change')]);
    const twice = await request(app).post('/records/bulk').set(rev()).send({ action: 'set', ids: [a!.id, a!.id], field: 'hours', value: '1', reason: 'x' });
    expect([twice.status, twice.body.refused]).toEqual([422, [{ id: a!.id, message: 'listed more than once' }]]);
  });
});
