/**
 * The mapping step's API (issue 11) on the embedded PGlite store, with the real pipeline: withdrawing an import
 * (kept, its records out of the member's year, audited, reversible only by uploading again) and marking a record as
 * not a CPD activity (kept and shown, counted nowhere, reversible, audited). Roles are in test/http/api.test.ts.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { CpdRecord } from '../../src/domain/index.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<'grace' | 'other' | 'staff' | 'reviewer', string> = { grace: '', other: '', staff: '', reviewer: '' };
const ids: Record<'grace' | 'staff', string> = { grace: '', staff: '' };

type Rec = CpdRecord & { id: string; importId: string };

const ARC = Buffer.from(
  'Date,Activity,Type,Hours,Reflection\n' +
    '14/02/2024,Arc flash refresher,Course,3,Learnt the new PPE categories and will update our permit forms.\n' +
    '01/03/2024,Webinar on cable sizing,Webinar,1.5,Grouping factors matter more than I thought; I will check our cable schedules.\n',
);
const SITE = Buffer.from('Date,Activity,Type,Hours,Reflection\n05/06/2024,Substation site visit,Visit,4,Saw the new protection relays in service and how they are tested.\n');

function bearer(who: keyof typeof keys): Record<string, string> {
  return { Authorization: `Bearer ${keys[who]}` };
}

async function seed(memberId: string, name: string, bytes: Buffer): Promise<string> {
  const imp = await createImport(store, { memberId, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await storeImportResult(store, imp.importId, await importFile(bytes, name, { today: '2025-02-01' }));
  return imp.importId;
}

async function memberRecords(memberId: string, year = 2024): Promise<Rec[]> {
  const res = await request(app).get(`/members/${memberId}/records?year=${year}`).set(bearer('staff'));
  return res.body.records as Rec[];
}

async function completedHours(memberId: string): Promise<number> {
  const res = await request(app).get(`/members/${memberId}/review?year=2024`).set(bearer('reviewer'));
  return res.body.review.criteria.hours.figures.completedHours as number;
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('mapping-http'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 } });
  const grace = await createUser(store, { role: 'member', memberId: 'G-1', name: 'Grace Lindqvist' });
  keys.grace = grace.key;
  ids.grace = grace.user.id;
  keys.other = (await createUser(store, { role: 'member', memberId: 'O-2' })).key;
  const staff = await createUser(store, { role: 'staff', name: 'Sam Staff' });
  keys.staff = staff.key;
  ids.staff = staff.user.id;
  keys.reviewer = (await createUser(store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

describe('withdrawing an import (a member who uploaded the wrong file)', () => {
  it("keeps it, marks it withdrawn, takes its records out of the member's year and review, and audits who and why", async () => {
    const arc = await seed('W-1', 'arc.csv', ARC);
    const site = await seed('W-1', 'site.csv', SITE);
    expect((await memberRecords('W-1')).map((r) => r.activityName)).toEqual(['Arc flash refresher', 'Webinar on cable sizing', 'Substation site visit']);
    expect(await completedHours('W-1')).toBe(8.5);

    const res = await request(app).delete(`/imports/${arc}`).set(bearer('staff')).send({ reason: 'the member sent last year\'s log by mistake' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ importId: arc, status: 'done', withdrawn: { by: { id: ids.staff, name: 'Sam Staff', role: 'staff' }, reason: "the member sent last year's log by mistake" } });
    expect(res.body.withdrawn.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    expect((await memberRecords('W-1')).map((r) => r.activityName)).toEqual(['Substation site visit']);
    expect(await completedHours('W-1')).toBe(4);
    // kept: its records are still there under the import, and the list shows it withdrawn
    const kept = await request(app).get(`/imports/${arc}/records`).set(bearer('staff'));
    expect(kept.body.records.map((r: Rec) => r.activityName)).toEqual(['Arc flash refresher', 'Webinar on cable sizing']);
    const list = await request(app).get('/imports?memberId=W-1').set(bearer('reviewer'));
    expect(list.body.imports.map((i: { importId: string; withdrawn?: { reason: string } }) => [i.importId, i.withdrawn?.reason ?? null])).toEqual([
      [site, null],
      [arc, "the member sent last year's log by mistake"],
    ]);
    expect((await store.audit.list('import', arc)).map((a) => [a.action, a.userId, a.detail])).toEqual([
      ['import.create', null, { memberId: 'W-1', sha256: sha256Hex(ARC), size: ARC.byteLength, force: false }],
      ['import.withdraw', ids.staff, { memberId: 'W-1', sha256: sha256Hex(ARC), reason: "the member sent last year's log by mistake" }],
    ]);

    // withdrawing again changes nothing and writes no second line
    const again = await request(app).delete(`/imports/${arc}`).set(bearer('staff'));
    expect([again.status, again.body.withdrawn.reason]).toEqual([200, "the member sent last year's log by mistake"]);
    expect((await store.audit.list('import', arc)).length).toBe(2);

    // its records can no longer be changed: a change would count nowhere
    const [rec] = await store.records.listForImport(arc);
    const patch = await request(app).patch(`/records/${rec!.id}`).set(bearer('reviewer')).send({ field: 'hours', value: '4', reason: 'certificate' });
    expect([patch.status, patch.body.error.code, patch.body.error.message]).toEqual([409, 'withdrawn', `this record belongs to an import withdrawn on ${res.body.withdrawn.at.slice(0, 10)} (import ${arc}); its records count nowhere`]);
  });

  it('a member withdraws their own upload without a reason, and may upload the same file again as a new import', async () => {
    const up = await request(app).post('/imports').set(bearer('grace')).attach('file', SITE, 'site.csv');
    const first = up.body.imports[0].importId as string;
    const res = await request(app).delete(`/imports/${first}`).set(bearer('grace'));
    expect([res.status, res.body.withdrawn.by, res.body.withdrawn.reason]).toEqual([200, { id: ids.grace, name: 'Grace Lindqvist', role: 'member' }, null]);
    const again = await request(app).post('/imports').set(bearer('grace')).attach('file', SITE, 'site.csv');
    expect(again.status).toBe(202);
    expect(again.body.imports[0].importId).not.toBe(first);
    // another member cannot withdraw it: as for an unknown id
    const other = await request(app).delete(`/imports/${again.body.imports[0].importId as string}`).set(bearer('other'));
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
  });

  it('a malformed body is 400', async () => {
    const id = await seed('W-3', 'site.csv', SITE);
    const res = await request(app).delete(`/imports/${id}`).set(bearer('staff')).send({ reason: 'x', why: 'y' });
    expect([res.status, res.body.error.code]).toEqual([400, 'bad_request']);
    expect((await request(app).get(`/imports/${id}`).set(bearer('staff'))).body.withdrawn).toBeUndefined();
  });
});

describe('marking a record as not a CPD activity', () => {
  it('keeps and shows it with who, when and why; it counts nowhere; counting it again is audited too', async () => {
    const imp = await seed('G-1', 'arc.csv', ARC);
    const webinar = (await memberRecords('G-1')).find((r) => r.activityName === 'Webinar on cable sizing')!;
    expect(await completedHours('G-1')).toBe(4.5);

    const res = await request(app).patch(`/records/${webinar.id}`).set(bearer('grace')).send({ excluded: true, reason: 'a sales presentation, not CPD' });
    expect(res.status).toBe(200);
    expect(res.body.record.excluded).toEqual({ reason: 'a sales presentation, not CPD', by: 'Grace Lindqvist', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(res.body.record.hours).toBe(1.5);

    const listed = await memberRecords('G-1');
    expect(listed.map((r) => [r.activityName, r.excluded?.reason ?? null])).toEqual([
      ['Arc flash refresher', null],
      ['Webinar on cable sizing', 'a sales presentation, not CPD'],
    ]);
    expect(await completedHours('G-1')).toBe(3);
    expect((await request(app).get(`/imports/${imp}`).set(bearer('grace'))).body.summary).toEqual({ records: 1, completed: 1, planned: 0, recordsWithGaps: 1, gaps: { error: 0, warning: 0, info: 3 }, totalHours: 3 });
    const csv = await request(app).get(`/imports/${imp}/export.csv`).set(bearer('grace'));
    expect(csv.text).toContain('Arc flash refresher');
    expect(csv.text).not.toContain('Webinar on cable sizing');

    const twice = await request(app).patch(`/records/${webinar.id}`).set(bearer('reviewer')).send({ excluded: true, reason: 'again' });
    expect([twice.status, twice.body.error.code]).toEqual([422, 'unchanged']);
    expect(twice.body.error.message).toMatch(/^the record is already marked as not a CPD activity \(by Grace Lindqvist on \d{4}-\d{2}-\d{2}: a sales presentation, not CPD\)$/);

    const back = await request(app).patch(`/records/${webinar.id}`).set(bearer('reviewer')).send({ excluded: false, reason: 'a vendor course after all: counts as training' });
    expect(back.status).toBe(200);
    expect(back.body.record.excluded).toBeUndefined();
    expect(await completedHours('G-1')).toBe(4.5);

    const audit = await request(app).get(`/records/${webinar.id}/audit`).set(bearer('grace'));
    expect(audit.body.audit.map((a: { action: string; user: { name: string }; detail: Record<string, unknown> }) => [a.action, a.user.name, a.detail])).toEqual([
      ['record.exclude', 'Grace Lindqvist', { reason: 'a sales presentation, not CPD' }],
      ['record.include', 'Rita Reviewer', { reason: 'a vendor course after all: counts as training', ended: res.body.record.excluded }],
    ]);
  });

  it('refuses an exclusion without a reason (400) and counting again a record that counts (422)', async () => {
    const imp = await seed('G-1', 'site.csv', SITE);
    const [rec] = await store.records.listForImport(imp);
    const noReason = await request(app).patch(`/records/${rec!.id}`).set(bearer('staff')).send({ excluded: true });
    expect([noReason.status, noReason.body.error]).toEqual([400, { code: 'bad_request', message: 'body: reason: give a reason for excluding the record' }]);
    const counts = await request(app).patch(`/records/${rec!.id}`).set(bearer('staff')).send({ excluded: false });
    expect([counts.status, counts.body.error]).toEqual([422, { code: 'unchanged', message: 'the record is not marked as excluded: it already counts' }]);
  });
});
