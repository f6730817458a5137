/**
 * The mapping step's API (issue 11) on the embedded PGlite store, with the real pipeline (a worker's reading is
 * run in the test, `readImportFile` + `storeImportResult`, as workers/processor.ts runs it): an import's mapping,
 * reading it again with a corrected one as a new version; withdrawing an import
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
import { humanDate } from '../../src/pipeline/build.js';
import { readImportFile } from '../../src/services/reading.js';
import { tableFingerprint } from '../../src/services/templates.js';
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

/** A log whose headings the tool cannot know: it guesses A, B and C from their values and leaves D in extras. */
const COLS = Buffer.from(
  'Col A,Col B,Col C,Col D\n' +
    'IET webinar on battery safety,12/03/2024,1.5,Learnt about thermal runaway\n' +
    'Site visit to substation,02/04/2024,3,Saw protection relays in service\n' +
    'Mentoring session with graduate,15/05/2024,2,Discussed chartership evidence\n',
);

/** What a worker does with a queued import: read it with its options and store the result. */
async function work(importId: string): Promise<void> {
  const input = await store.imports.loadInput(importId);
  const read = await readImportFile({ run: importFile, store }, input!, { today: '2025-02-01' });
  expect(await storeImportResult(store, importId, read.result, read.used)).toBe(true);
}

/** An upload stored and read as the service does it. */
async function uploaded(memberId: string, name: string, bytes: Buffer): Promise<string> {
  const imp = await createImport(store, { memberId, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await work(imp.importId);
  return imp.importId;
}

describe('the mapping of an import', () => {
  it('shows each column: heading, field, how, how sure, why and three samples; and the options used', async () => {
    const id = await uploaded('G-1', 'cols.csv', COLS);
    const res = await request(app).get(`/imports/${id}/mapping`).set(bearer('grace'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      importId: id,
      file: 'cols.csv',
      format: 'csv',
      supersedes: null,
      supersededBy: null,
      tables: [
        {
          table: 'cols.csv',
          headerRow: 1,
          kind: 'log',
          columns: [
            { column: 'A', heading: 'Col A', field: 'activityName', how: 'content', confidence: 0.5, reason: 'content: 3 of 3 values are short, title-like texts, and no column names the activity', samples: ['IET webinar on battery safety', 'Site visit to substation', 'Mentoring session with graduate'] },
            { column: 'B', heading: 'Col B', field: 'startDate', how: 'content', confidence: 0.8, reason: 'content: 3 of 3 values are dates', samples: ['12/03/2024', '02/04/2024', '15/05/2024'] },
            { column: 'C', heading: 'Col C', field: 'hours', how: 'content', confidence: 0.45, reason: 'content: 3 of 3 values are numbers of a size for hours', samples: ['1.5', '3', '2'] },
            { column: 'D', heading: 'Col D', field: null, how: 'unmapped', confidence: 0, reason: 'heading names no record field; 3 of 3 values are short texts', samples: ['Learnt about thermal runaway', 'Saw protection relays in service', 'Discussed chartership evidence'] },
          ],
        },
      ],
      options: { dateOrder: 'auto', hoursPerDay: 6, timeZone: 'Europe/London', columns: {}, templates: [] },
    });
    // the unmapped warning still names two samples, as before
    const imp = await request(app).get(`/imports/${id}`).set(bearer('grace'));
    expect(imp.body.fileGaps.map((g: { code: string; message: string }) => [g.code, g.message])).toContainEqual([
      'unmapped',
      'cols.csv column D "Col D" maps to no record field (heading names no record field; 3 of 3 values are short texts); its values are kept in extras, e.g. "Learnt about thermal runaway", "Saw protection relays in service"',
    ]);
  });

  it('is there when the import is done (409 before); another member\'s is 404', async () => {
    const queued = await createImport(store, { memberId: 'G-1', uploadedBy: null, fileName: 'later.csv', bytes: SITE, sha256: sha256Hex(SITE), force: true });
    const res = await request(app).get(`/imports/${queued.importId}/mapping`).set(bearer('grace'));
    expect([res.status, res.body.error]).toEqual([409, { code: 'not_done', message: 'the import is queued; its mapping is there when it is done' }]);
    const other = await request(app).get(`/imports/${queued.importId}/mapping`).set(bearer('other'));
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('previewing a proposed mapping (issue 11 §5: the page shows the first rows before applying)', () => {
  it('reads the stored file with the proposal over the version\'s choices and answers the first records; nothing is stored, queued or audited', async () => {
    const id = await uploaded('P-1', 'cols.csv', COLS);
    const res = await request(app).post(`/imports/${id}/mapping/preview`).set(bearer('reviewer')).send({ columns: { 'Col D': 'reflection' }, dateOrder: 'dmy', remember: true });
    expect(res.status).toBe(200);
    expect([res.body.importId, res.body.total]).toEqual([id, 3]);
    expect(res.body.records.map((r: CpdRecord) => [r.activityName, r.startDate, r.hours, r.reflection, r.extras])).toEqual([
      ['IET webinar on battery safety', '2024-03-12', 1.5, 'Learnt about thermal runaway', {}],
      ['Site visit to substation', '2024-04-02', 3, 'Saw protection relays in service', {}],
      ['Mentoring session with graduate', '2024-05-15', 2, 'Discussed chartership evidence', {}],
    ]);
    expect(res.body.tables[0].columns.map((c: { heading: string; field: string | null; how: string }) => [c.heading, c.field, c.how])).toEqual([
      ['Col A', 'activityName', 'content'],
      ['Col B', 'startDate', 'content'],
      ['Col C', 'hours', 'content'],
      ['Col D', 'reflection', 'override'],
    ]);
    expect([res.body.options.dateOrder, res.body.options.columns]).toEqual(['dmy', { 'Col D': 'reflection' }]);
    expect(res.body.fileGaps.filter((g: { code: string }) => g.code === 'unmapped')).toEqual([]);
    // nothing written: one import for the member, its records as they were, no audit line, no template
    const list = await request(app).get('/imports').set(bearer('staff'));
    expect(list.body.imports.filter((i: { memberId: string }) => i.memberId === 'P-1').map((i: { importId: string }) => i.importId)).toEqual([id]);
    expect((await store.records.listForImport(id)).map((r) => [r.reflection, r.extras['Col D']])).toEqual([
      [null, 'Learnt about thermal runaway'],
      [null, 'Saw protection relays in service'],
      [null, 'Discussed chartership evidence'],
    ]);
    expect((await store.audit.list('import', id)).map((a) => a.action)).toEqual(['import.create']);
    expect(await store.templates.list()).toEqual([]);
  });

  it('refuses what PUT refuses: a heading the file does not have (422), a field that does not exist (400); a scan is left to workers (422)', async () => {
    const id = await uploaded('P-2', 'cols.csv', COLS);
    const unknown = await request(app).post(`/imports/${id}/mapping/preview`).set(bearer('staff')).send({ columns: { 'Col Z': 'hours' } });
    expect([unknown.status, unknown.body.error]).toEqual([422, { code: 'unknown_heading', message: '"Col Z" is not a heading of this file\'s tables ("Col A", "Col B", "Col C", "Col D")' }]);
    const bad = await request(app).post(`/imports/${id}/mapping/preview`).set(bearer('staff')).send({ columns: { 'Col A': 'title' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_request']);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const scan = await createImport(store, { memberId: 'P-2', uploadedBy: null, fileName: 'scan.png', bytes: png, sha256: sha256Hex(png), force: false });
    await storeImportResult(store, scan.importId, await importFile(COLS, 'cols.csv', { today: '2025-02-01' }));
    const slow = await request(app).post(`/imports/${scan.importId}/mapping/preview`).set(bearer('staff')).send({ columns: {} });
    expect([slow.status, slow.body.error.code]).toEqual([422, 'preview_unavailable']);
  });
});

describe('reading a file again with a corrected mapping (a member whose reflections went to extras)', () => {
  it('queues a new version that supersedes the old one; when read, its records carry the corrected fields and replace the old ones in the member\'s year', async () => {
    const old = await uploaded('C-1', 'cols.csv', COLS);
    // a reviewer's correction on the old version: the records read differently now, so it is named, not carried
    const [first] = await store.records.listForImport(old);
    await request(app).patch(`/records/${first!.id}`).set(bearer('reviewer')).send({ field: 'hours', value: '2', reason: 'certificate says 2 h' }).expect(200);

    const put = await request(app).put(`/imports/${old}/mapping`).set(bearer('staff')).send({ columns: { 'col d': 'reflection' }, dateOrder: 'dmy', hoursPerDay: 7 });
    expect(put.status).toBe(202);
    const next = put.body.importId as string;
    const { similar, ...rest } = put.body as { similar: { memberId: string; file: string; tables: string[] }[] };
    expect(rest).toEqual({ importId: next, supersedes: old, status: 'queued' });
    // The other current imports with the same headings (staff see every member's; earlier tests of this file made them).
    expect(similar.map((x) => [x.memberId, x.file, x.tables])).toEqual([['P-2', 'scan.png', ['cols.csv']], ['P-2', 'cols.csv', ['cols.csv']], ['P-1', 'cols.csv', ['cols.csv']], ['G-1', 'cols.csv', ['cols.csv']]]);
    expect(await queue.getJob(next)).toMatchObject({ id: next, data: { importId: next } });
    expect(await request(app).get(`/imports/${next}`).set(bearer('staff'))).toMatchObject({ body: { importId: next, status: 'queued', supersedes: old, file: 'cols.csv', memberId: 'C-1' } });
    expect((await store.audit.list('import', next)).map((a) => [a.action, a.userId, a.detail])).toEqual([
      ['import.remap', ids.staff, { supersedes: old, memberId: 'C-1', change: { columns: { 'col d': 'reflection' }, dateOrder: 'dmy', hoursPerDay: 7 } }],
    ]);
    // until the new version is read, the old one counts
    expect((await memberRecords('C-1')).map((r) => r.importId)).toEqual([old, old, old]);

    await work(next);
    const recs = await memberRecords('C-1');
    expect(recs.map((r) => [r.importId, r.activityName, r.startDate, r.hours, r.reflection, r.extras])).toEqual([
      [next, 'IET webinar on battery safety', '2024-03-12', 1.5, 'Learnt about thermal runaway', {}],
      [next, 'Site visit to substation', '2024-04-02', 3, 'Saw protection relays in service', {}],
      [next, 'Mentoring session with graduate', '2024-05-15', 2, 'Discussed chartership evidence', {}],
    ]);
    const mapping = await request(app).get(`/imports/${next}/mapping`).set(bearer('staff'));
    expect(mapping.body.tables[0].columns[3]).toEqual({ column: 'D', heading: 'Col D', field: 'reflection', how: 'override', confidence: 1, reason: 'set to the reflection by the mapping you gave', samples: ['Learnt about thermal runaway', 'Saw protection relays in service', 'Discussed chartership evidence'] });
    expect([mapping.body.supersedes, mapping.body.options]).toEqual([old, { dateOrder: 'dmy', hoursPerDay: 7, timeZone: 'Europe/London', columns: { 'col d': 'reflection' }, templates: [] }]);
    const before = await request(app).get(`/imports/${old}/mapping`).set(bearer('staff'));
    expect(before.body.supersededBy).toBe(next);
    const view = await request(app).get(`/imports/${next}`).set(bearer('staff'));
    expect(view.body.fileGaps.filter((g: { code: string }) => g.code === 'review_not_carried').map((g: { message: string }) => g.message)).toEqual([
      `1 record corrected or accepted by a reviewer in the earlier import of this file (cols.csv, ${view.body.createdAt.slice(0, 10)}, import ${old}) is read differently now and was not carried over: compare with that import`,
    ]);

    // the old version is kept, and can no longer be changed
    expect((await store.records.listForImport(old)).length).toBe(3);
    const again = await request(app).put(`/imports/${old}/mapping`).set(bearer('staff')).send({ columns: { 'Col D': null } });
    expect([again.status, again.body.error]).toEqual([409, { code: 'superseded', message: `this import was replaced by a later version of the same file (import ${next}); change the mapping there` }]);

    // a further correction builds on the first: Col D stays the reflection, Col A becomes the description
    const third = await request(app).put(`/imports/${next}/mapping`).set(bearer('staff')).send({ columns: { 'Col A': 'description' } });
    expect(third.status).toBe(202);
    // while it waits, the version it replaces cannot be changed twice
    const twice = await request(app).put(`/imports/${next}/mapping`).set(bearer('staff')).send({ columns: {} });
    expect([twice.status, twice.body.error]).toEqual([409, { code: 'newer_version', message: `a newer version of this file is queued (import ${third.body.importId as string}); change the mapping there when it is done` }]);
    await work(third.body.importId as string);
    const v3 = await request(app).get(`/imports/${third.body.importId as string}/mapping`).set(bearer('staff'));
    expect([v3.body.options.columns, v3.body.options.dateOrder, v3.body.options.hoursPerDay]).toEqual([{ 'col d': 'reflection', 'Col A': 'description' }, 'dmy', 7]);
  });

  it('refuses headings the file does not have, fields that do not exist, and a member remembering a mapping for everyone', async () => {
    const id = await uploaded('G-1', 'cols-2.csv', Buffer.concat([COLS, Buffer.from('Course on earthing,20/06/2024,4,Checked earth loop values\n')]));
    const unknown = await request(app).put(`/imports/${id}/mapping`).set(bearer('grace')).send({ columns: { 'Learning points': 'reflection' } });
    expect([unknown.status, unknown.body.error]).toEqual([422, { code: 'unknown_heading', message: '"Learning points" is not a heading of this file\'s tables ("Col A", "Col B", "Col C", "Col D")' }]);
    const field = await request(app).put(`/imports/${id}/mapping`).set(bearer('grace')).send({ columns: { 'Col D': 'learning' } });
    expect([field.status, field.body.error.code]).toEqual([400, 'bad_request']);
    expect(field.body.error.message).toMatch(/^body: columns\.Col D: /);
    const hours = await request(app).put(`/imports/${id}/mapping`).set(bearer('grace')).send({ columns: {}, hoursPerDay: 30 });
    expect([hours.status, hours.body.error.code]).toEqual([400, 'bad_request']);
    const remember = await request(app).put(`/imports/${id}/mapping`).set(bearer('grace')).send({ columns: { 'Col D': 'reflection' }, remember: true });
    expect([remember.status, remember.body.error]).toEqual([
      403,
      { code: 'forbidden', message: "remembering a mapping for everyone's files with these headings needs the role staff, reviewer or admin; leave out remember to correct this import" },
    ]);
    await request(app).delete(`/imports/${id}`).set(bearer('grace')).expect(200);
    const withdrawn = await request(app).put(`/imports/${id}/mapping`).set(bearer('grace')).send({ columns: { 'Col D': 'reflection' } });
    expect([withdrawn.status, withdrawn.body.error]).toEqual([409, { code: 'withdrawn', message: 'the import was withdrawn; upload the file again to read it anew' }]);
  });
});

describe('a correction never changes another field silently (issue 11 §6)', () => {
  it('a new activity name re-infers the TWAVES category: shown in a preview (nothing written), named in the answer, audited line by line', async () => {
    const imp = await uploaded('N-1', 'cols.csv', COLS);
    const [arc] = await store.records.listForImport(imp);
    expect([arc!.activityName, arc!.twaves, arc!.hours]).toEqual(['IET webinar on battery safety', 'T', 1.5]);
    const body = { field: 'activityName', value: 'Reading the battery safety chapter of the code of practice', reason: 'the member read the chapter; there was no webinar' };

    const preview = await request(app).patch(`/records/${arc!.id}`).set(bearer('reviewer')).send({ ...body, preview: true });
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toBe(true);
    expect(preview.body.change).toEqual({ old: 'IET webinar on battery safety', new: 'Reading the battery safety chapter of the code of practice' });
    const why = 'TWAVES category not stated; inferred S (Self-study): activity name "Reading the battery safety chapter of the code of practice" mentions "reading" (self-study) → S Self-study';
    expect(preview.body.consequences).toEqual([
      { field: 'twaves', oldValue: 'T', newValue: 'S', old: 'T', new: 'S', why, message: `TWAVES category T → S as a consequence of the activity name (${why}); 1.5 h move from category T to category S` },
    ]);
    expect([preview.body.record.activityName, preview.body.record.twaves]).toEqual(['Reading the battery safety chapter of the code of practice', 'S']);
    // nothing written
    expect((await store.records.get(arc!.id))!.activityName).toBe('IET webinar on battery safety');
    expect(await store.audit.listForRecord(arc!.id)).toEqual([]);

    const saved = await request(app).patch(`/records/${arc!.id}`).set(bearer('reviewer')).send(body);
    expect(saved.status).toBe(200);
    expect(saved.body.consequences).toEqual(preview.body.consequences);
    expect(saved.body.record.twaves).toBe(preview.body.record.twaves);
    const audit = await request(app).get(`/records/${arc!.id}/audit`).set(bearer('reviewer'));
    expect(audit.body.audit.map((a: { action: string; detail: Record<string, unknown> }) => [a.action, a.detail])).toEqual([
      [
        'record.correct',
        { field: 'activityName', oldValue: 'IET webinar on battery safety', newValue: 'Reading the battery safety chapter of the code of practice', input: body.value, reason: body.reason, consequences: [{ field: 'twaves', oldValue: 'T', newValue: 'S' }] },
      ],
      ['record.consequence', { field: 'twaves', oldValue: 'T', newValue: 'S', because: { field: 'activityName', reason: body.reason }, why }],
    ]);
  });

  it('a corrected start date moves the end date taken from it; a correction with no consequence says so', async () => {
    const imp = await uploaded('N-2', 'cols.csv', COLS);
    const [, site] = await store.records.listForImport(imp);
    expect([site!.startDate, site!.endDate]).toEqual(['2024-04-02', '2024-04-02']);
    const res = await request(app).patch(`/records/${site!.id}`).set(bearer('staff')).send({ field: 'startDate', value: '3 April 2024', reason: 'the visit was on the 3rd' });
    expect(res.body.consequences.map((q: { field: string; old: string; new: string }) => [q.field, q.old, q.new])).toEqual([['endDate', '2024-04-02', '2024-04-03']]);
    expect(res.body.record.endDate).toBe('2024-04-03');
    const hours = await request(app).patch(`/records/${site!.id}`).set(bearer('staff')).send({ field: 'hours', value: '3.5', reason: 'with travel briefing' });
    expect([hours.body.change, hours.body.consequences]).toEqual([{ old: '3', new: '3.5' }, []]);
  });
});

// Last: a template for the "Col A … Col D" headings reads every later file with them.
describe('remembered mappings (staff with a pile of exports from one system)', () => {
  it('a fingerprint is the normalised headings in order, whatever the format', () => {
    const fp = tableFingerprint(['Col A', 'Col B']);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(tableFingerprint(['col a', 'COL-B '])).toBe(fp);
    expect(tableFingerprint(['Col B', 'Col A'])).not.toBe(fp);
  });

  it('remember: true saves the corrected mapping; a later file with the same headings is read with it at once and says so; deleting it stops that', async () => {
    const first = await uploaded('T-1', 'export-1.csv', COLS);
    const put = await request(app).put(`/imports/${first}/mapping`).set(bearer('reviewer')).send({ columns: { 'Col D': 'reflection' }, hoursPerDay: 7.5, remember: true });
    expect(put.status).toBe(202);
    const v2 = put.body.importId as string;
    await work(v2);
    const list = await request(app).get('/templates').set(bearer('staff'));
    expect(list.body.templates).toHaveLength(1);
    const t = list.body.templates[0];
    expect(t).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      format: 'csv',
      fingerprint: tableFingerprint(['Col A', 'Col B', 'Col C', 'Col D']),
      headings: ['Col A', 'Col B', 'Col C', 'Col D'],
      columns: { 'Col A': 'activityName', 'Col B': 'startDate', 'Col C': 'hours', 'Col D': 'reflection' },
      dateOrder: null,
      hoursPerDay: 7.5,
      savedBy: 'Rita Reviewer',
      savedById: expect.any(String),
      savedByRole: 'reviewer',
      savedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      fromImport: v2,
    });
    const saved = await request(app).get(`/imports/${v2}`).set(bearer('staff'));
    expect(saved.body.fileGaps.filter((g: { code: string }) => g.code === 'template')).toEqual([
      { field: null, code: 'template', severity: 'info', message: `the mapping of export-1.csv was remembered: files with the headings "Col A", "Col B", "Col C", "Col D" will be read with it (template ${t.id as string})` },
    ]);
    expect((await store.audit.list('template', t.id as string)).map((a) => a.action)).toEqual(['template.save']);

    // another member's export of the same system: read right at once, the template named
    const other = Buffer.from('Col A,Col B,Col C,Col D\nCable jointing course,07/10/2024,6,Practised resin joints on 11 kV cable\n');
    const second = await uploaded('T-2', 'export-2.csv', other);
    const recs = await request(app).get(`/imports/${second}/records`).set(bearer('staff'));
    expect(recs.body.records.map((r: Rec) => [r.activityName, r.startDate, r.hours, r.reflection, r.extras])).toEqual([['Cable jointing course', '2024-10-07', 6, 'Practised resin joints on 11 kV cable', {}]]);
    const view = await request(app).get(`/imports/${second}`).set(bearer('staff'));
    expect(view.body.fileGaps.filter((g: { code: string }) => g.code === 'template' || g.code === 'unmapped')).toEqual([
      { field: null, code: 'template', severity: 'info', message: `columns of export-2.csv read with the template saved by Rita Reviewer on ${humanDate((t.savedAt as string).slice(0, 10))}` },
    ]);
    const mapping = await request(app).get(`/imports/${second}/mapping`).set(bearer('staff'));
    expect(mapping.body.options).toEqual({
      dateOrder: 'auto',
      hoursPerDay: 7.5,
      timeZone: 'Europe/London',
      columns: { 'Col A': 'activityName', 'Col B': 'startDate', 'Col C': 'hours', 'Col D': 'reflection' },
      templates: [{ id: t.id, table: 'export-2.csv', savedBy: 'Rita Reviewer', savedAt: t.savedAt }],
    });
    expect(mapping.body.tables[0].columns.map((c: { how: string; confidence: number }) => [c.how, c.confidence])).toEqual([
      ['override', 1],
      ['override', 1],
      ['override', 1],
      ['override', 1],
    ]);

    const del = await request(app).delete(`/templates/${t.id as string}`).set(bearer('staff'));
    expect(del.status).toBe(204);
    expect((await request(app).get('/templates').set(bearer('staff'))).body.templates).toEqual([]);
    expect((await store.audit.list('template', t.id as string)).map((a) => [a.action, a.userId])).toEqual([
      ['template.save', t.savedById],
      ['template.delete', ids.staff],
    ]);
    // without it, a one-row file of unknown headings is not even found to be a table; a longer one reads as at first
    const lone = await uploaded('T-3', 'export-3.csv', other);
    expect(await store.records.listForImport(lone)).toEqual([]);
    const third = await uploaded('T-3', 'export-4.csv', COLS);
    expect((await store.records.listForImport(third)).map((r) => [r.reflection, r.extras['Col D']])).toEqual([
      [null, 'Learnt about thermal runaway'],
      [null, 'Saw protection relays in service'],
      [null, 'Discussed chartership evidence'],
    ]);
    expect((await request(app).get(`/imports/${third}`).set(bearer('staff'))).body.fileGaps.filter((g: { code: string }) => g.code === 'template')).toEqual([]);
    const gone = await request(app).delete(`/templates/${t.id as string}`).set(bearer('staff'));
    expect([gone.status, gone.body.error.code]).toEqual([404, 'not_found']);
  });
});
