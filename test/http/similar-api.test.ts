/**
 * Found trying the mapping step (issue 11): staff who corrected one export of a learning system, and remembered it,
 * still had the other members' exports of that system as they were read; the same system's CSV and XLSX exports
 * needed a template each; minutes under `Col D` could not be said to be minutes. Through the API, on the embedded
 * PGlite store with the real pipeline (a worker's reading run in the test): the PUT answer lists the other current
 * imports read in the same shape, `POST /imports/:id/mapping/apply-to-similar` reads them again as new versions, a
 * template serves CSV and XLSX alike, and a column's unit travels through a template. Fixtures: the tester's files
 * (fixtures/tryout/, fictional people).
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
import { readImportFile } from '../../src/services/reading.js';
import { storeImportResult } from '../../src/services/results.js';
import { tableFingerprint } from '../../src/services/templates.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';

const DIR = join(import.meta.dirname, '../../fixtures/tryout');
const LEARNTRACK = ['rec_id', 'usr_no', 'evt_ttl', 'evt_cls', 'st_dt', 'cmpl_dt', 'hrs_cr', 'twv_cd', 'cmp_cd', 'dsc_txt', 'lrn_out'];

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys = { staff: '', m2004: '' };

type Rec = CpdRecord & { id: string };

function bearer(who: keyof typeof keys): Record<string, string> {
  return { Authorization: `Bearer ${keys[who]}` };
}

async function work(importId: string): Promise<void> {
  const input = await store.imports.loadInput(importId);
  const read = await readImportFile({ run: importFile, store }, input!, { today: '2026-12-06' });
  expect(await storeImportResult(store, importId, read.result, read.used)).toBe(true);
}

async function uploaded(memberId: string, name: string): Promise<string> {
  const bytes = readFileSync(join(DIR, name));
  const imp = await createImport(store, { memberId, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await work(imp.importId);
  return imp.importId;
}

async function records(importId: string): Promise<Rec[]> {
  return (await request(app).get(`/imports/${importId}/records`).set(bearer('staff'))).body.records as Rec[];
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('similar-http'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 } });
  keys.staff = (await createUser(store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.m2004 = (await createUser(store, { role: 'member', memberId: 'M2004', name: 'Member 2004' })).key;
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

/** The learning system's columns the tool could not place, as staff corrected them. */
const CORRECTED = { evt_cls: 'activityType', dsc_txt: 'description', lrn_out: 'reflection', rec_id: null, usr_no: null } as const;

describe('staff with a pile of exports from one system', () => {
  let m2002 = '';
  let m2003 = '';
  let m2004a = '';
  let m2004b = '';
  let v2 = '';

  it('the PUT answer lists the other current imports of the same shape, in any format, newest first', async () => {
    const m2001 = await uploaded('M2001', 'learntrack_export_M2001.csv');
    m2002 = await uploaded('M2002', 'learntrack_export_M2002.csv');
    m2003 = await uploaded('M2003', 'learntrack_export_M2003.xlsx');
    m2004a = await uploaded('M2004', 'learntrack_export_M2004.csv');
    m2004b = await uploaded('M2004', 'learntrack_export_M2006.csv');
    const other = await uploaded('M2002', 'portalx_P4001.csv');
    expect((await records(m2003))[0]!.description).toBeNull();

    const put = await request(app).put(`/imports/${m2001}/mapping`).set(bearer('staff')).send({ columns: CORRECTED, remember: true });
    expect(put.status).toBe(202);
    v2 = put.body.importId as string;
    expect(put.body.similar.map((s: { importId: string; memberId: string; file: string; tables: string[] }) => [s.importId, s.memberId, s.file, s.tables])).toEqual([
      [m2004b, 'M2004', 'learntrack_export_M2006.csv', ['learntrack_export_M2006.csv']],
      [m2004a, 'M2004', 'learntrack_export_M2004.csv', ['learntrack_export_M2004.csv']],
      [m2003, 'M2003', 'learntrack_export_M2003.xlsx', ['export']],
      [m2002, 'M2002', 'learntrack_export_M2002.csv', ['learntrack_export_M2002.csv']],
    ]);
    expect(put.body.similar.some((s: { importId: string }) => s.importId === other)).toBe(false);
    await work(v2);
    const templates = (await request(app).get('/templates').set(bearer('staff'))).body.templates;
    expect(templates.map((t: { format: string; fingerprint: string; columns: object }) => [t.format, t.fingerprint, t.columns])).toEqual([
      ['csv', tableFingerprint(LEARNTRACK), {
        rec_id: null, usr_no: null, evt_ttl: 'activityName', evt_cls: 'activityType', st_dt: 'startDate', cmpl_dt: 'endDate', hrs_cr: 'hours', twv_cd: 'twaves', cmp_cd: 'ukSpec', dsc_txt: 'description', lrn_out: 'reflection',
      }],
    ]);
  });

  it('apply-to-similar reads some of them again as new versions, with the same columns; the others are left as they were', async () => {
    const res = await request(app).post(`/imports/${v2}/mapping/apply-to-similar`).set(bearer('staff')).send({ importIds: [m2003, m2002, 'no-such-import'] });
    expect(res.status).toBe(202);
    expect(res.body.rereads.map((r: { supersedes: string; status: string }) => [r.supersedes, r.status])).toEqual([[m2003, 'queued'], [m2002, 'queued']]);
    expect(res.body.skipped).toEqual([{ importId: 'no-such-import', code: 'not_similar', message: 'not a current import read in the same shape that you may change' }]);
    for (const r of res.body.rereads as { importId: string }[]) await work(r.importId);
    const [xlsx, csv] = res.body.rereads as { importId: string }[];
    expect((await records(xlsx!.importId)).map((r) => [r.activityName, r.activityType, r.hours, r.description, r.reflection]).slice(0, 2)).toEqual([
      ['Chartered Manager workshop: leading change', 'WKS', 7, 'CMI one-day workshop.', 'Using the Kotter steps for our depot merger project.'],
      ['Reading: "The Mythical Man-Month", ch. 1-5', 'RDG', 6, 'Book reading over April.', 'Will not add people to late tasks; re-planned milestone C.'],
    ]);
    expect((await records(csv!.importId))[0]!.reflection).toBe('Automated weekly SCADA report: saves ~2 h/week.');
    const audit = await store.audit.list('import', xlsx!.importId);
    expect(audit.map((a) => [a.action, (a.detail as { supersedes: string }).supersedes])).toEqual([['import.remap', m2003]]);
    // Read again: they are no longer listed as similar to a later correction; the member's two are.
    const again = await request(app).post(`/imports/${v2}/mapping/apply-to-similar`).set(bearer('staff')).send({ importIds: [m2003] });
    expect(again.body).toEqual({ rereads: [], skipped: [{ importId: m2003, code: 'not_similar', message: 'not a current import read in the same shape that you may change' }] });
  });

  it("a later XLSX export of the same system is read with the template saved from a CSV at once, naming who saved it", async () => {
    const later = await uploaded('M2005', 'learntrack_export_M2005.xlsx');
    const [first] = await records(later);
    expect([first!.activityType, first!.description, first!.reflection]).toEqual(['CRS', 'Two-day course, in-house.', 'Built a cable sizing macro now used by 5 colleagues.']);
    const mapping = (await request(app).get(`/imports/${later}/mapping`).set(bearer('staff'))).body;
    expect(mapping.tables[0].columns[9]).toMatchObject({ heading: 'dsc_txt', field: 'description', how: 'override', reason: expect.stringMatching(/^set to the description by the template saved by Sam Staff on \d+ \w+ \d{4}$/) });
  });

  it("a member sees and re-reads only their own imports of the same shape", async () => {
    const put = await request(app).put(`/imports/${m2004a}/mapping`).set(bearer('m2004')).send({ columns: { lrn_out: 'reflection' } });
    expect(put.status).toBe(202);
    expect(put.body.similar.map((s: { importId: string }) => s.importId)).toEqual([m2004b]);
    const res = await request(app).post(`/imports/${put.body.importId as string}/mapping/apply-to-similar`).set(bearer('m2004')).send({});
    expect([res.status, res.body.rereads.map((r: { supersedes: string }) => r.supersedes), res.body.skipped]).toEqual([202, [m2004b], []]);
    const other = await request(app).post(`/imports/${put.body.importId as string}/mapping/apply-to-similar`).set(bearer('m2004')).send({ importIds: [m2002] });
    expect(other.body.skipped.map((s: { code: string }) => s.code)).toEqual(['not_similar']);
  });

  it('an import read with no chosen column has no mapping to apply', async () => {
    const fresh = await uploaded('M2007', 'portalx_P4002.csv');
    const res = await request(app).post(`/imports/${fresh}/mapping/apply-to-similar`).set(bearer('staff')).send({});
    expect([res.status, res.body.error.code]).toEqual([422, 'no_mapping']);
  });
});

describe('a column read in minutes, remembered', () => {
  it('PUT { "Col D": { "field": "hours", "unit": "minutes" } } with remember: a second member\'s export reads minutes through the template', async () => {
    const first = await uploaded('P4001', 'portalx_P4001.csv');
    const put = await request(app).put(`/imports/${first}/mapping`).set(bearer('staff')).send({ columns: { 'Col C': 'activityType', 'Col D': { field: 'hours', unit: 'minutes' }, 'Col E': 'reflection' }, remember: true });
    expect(put.status).toBe(202);
    await work(put.body.importId as string);
    expect((await records(put.body.importId as string)).map((r) => [r.activityType, r.hours])).toEqual([['Webinar', 1.5], ['Reading', 2], ['Mentoring', 0.75], ['Conference', 6]]);
    const template = (await request(app).get('/templates').set(bearer('staff'))).body.templates.find((t: { headings: string[] }) => t.headings[0] === 'Col A');
    expect(template.columns['Col D']).toEqual({ field: 'hours', unit: 'minutes' });

    const second = await uploaded('P4002', 'portalx_P4002.csv');
    expect((await records(second)).map((r) => [r.activityType, r.hours, r.reflection !== null])).toEqual([['E-learning', 1.25, true], ['Site visit', 5, true], ['Reading', 2.5, true]]);
    const mapping = (await request(app).get(`/imports/${second}/mapping`).set(bearer('staff'))).body;
    expect(mapping.tables[0].columns[3]).toMatchObject({ heading: 'Col D', field: 'hours', how: 'override', unit: 'minutes', reason: expect.stringMatching(/^set to the hours \(in minutes\) by the template saved by Sam Staff on /) });
    expect(mapping.options.columns['Col D']).toEqual({ field: 'hours', unit: 'minutes' });

    // Corrected by a person, one column: the template's columns still say whose they are, the person's says so.
    const fix = await request(app).put(`/imports/${second}/mapping`).set(bearer('staff')).send({ columns: { 'Col E': 'description' } });
    await work(fix.body.importId as string);
    const fixed = (await request(app).get(`/imports/${fix.body.importId as string}/mapping`).set(bearer('staff'))).body;
    expect(fixed.tables[0].columns.slice(3, 5).map((c: { heading: string; reason: string }) => [c.heading, c.reason.replace(/ on \d+ \w+ \d{4}$/, ' on …')])).toEqual([
      ['Col D', 'set to the hours (in minutes) by the template saved by Sam Staff on …'],
      ['Col E', 'set to the description by the mapping you gave'],
    ]);
    expect((await records(fix.body.importId as string)).map((r) => r.hours)).toEqual([1.25, 5, 2.5]);
  });
});
