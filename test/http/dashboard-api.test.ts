/**
 * The CPD dashboards through the API (issue 17), on the embedded PGlite store: `GET /members/:id/dashboard` (a
 * member's years) and `GET /dashboard?year=…` (a group's year), as JSON and as CSV. The roles are tried in the role
 * matrix of test/http/reviewer-api.test.ts.
 *
 * Three fictional members (fixtures/dashboard/), their figures worked by hand beside each assertion:
 * - Priya Ramanathan (P-5001, the IET by default, active): 2023 one 6 h course; 2024 four activities, 14 + 6 + 8 + 4 =
 *   32 h (T 14 + 4 = 18, W 8, V 6; technical-job 14, technical-personal 8, soft 6 + 4 = 10), three of four with a
 *   UK-SPEC code (75 %), three good reflections and one weak ("good webinar"), a 10 h plan entry for 30 November
 *   2024 never done (missed) and a 7 h one for 15 March 2025 (open on 1 February 2025).
 * - Huw Pritchard (H-5002, the IET, active): 2024 four training activities (T only), 1.5 + 7.5 + 5 = 14 h and one
 *   with no hours; no UK-SPEC code; one reflection of 10 words or more, three without one.
 * - Rosa Delgado (R-5003, RICS: 20 h a year): 2024 three activities, 7 + 9 + 6 = 22 h.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { setMemberBody } from '../../src/services/member-body.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/dashboard');
const PRIYA = readFileSync(join(FIXTURES, 'priya-ramanathan-cpd.csv'), 'utf8');
const HUW = readFileSync(join(FIXTURES, 'huw-pritchard-cpd.csv'), 'utf8');
const ROSA = readFileSync(join(FIXTURES, 'rosa-delgado-cpd.csv'), 'utf8');


let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<'staff' | 'reviewer' | 'priya', string> = { staff: '', reviewer: '', priya: '' };
const as = (who: keyof typeof keys) => ({ Authorization: `Bearer ${keys[who]}` });
const imports: Record<string, string> = {};

async function seed(memberId: string, name: string, text: string, uploaded: string, finished: string): Promise<string> {
  const bytes = Buffer.from(text);
  const imp = await createImport(store, { memberId, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await storeImportResult(store, imp.importId, await importFile(bytes, name, { today: '2025-02-01' }));
  await store.db.execute(sql`update imports set created_at = ${uploaded}::timestamptz, finished_at = ${finished}::timestamptz where id = ${imp.importId}`);
  return imp.importId;
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('dashboard'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 }, today: '2025-02-01' });
  keys.staff = (await createUser(store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.reviewer = (await createUser(store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.priya = (await createUser(store, { role: 'member', memberId: 'P-5001', name: 'Priya Ramanathan' })).key;
  imports.priya = await seed('P-5001', 'priya-ramanathan-cpd.csv', PRIYA, '2024-12-02T09:00:00Z', '2024-12-02T09:00:04Z');
  imports.huw = await seed('H-5002', 'huw-pritchard-cpd.csv', HUW, '2024-12-03T10:00:00Z', '2024-12-03T10:00:10Z');
  imports.rosa = await seed('R-5003', 'rosa-delgado-cpd.csv', ROSA, '2024-11-20T08:30:00Z', '2024-11-20T08:30:02Z');
  await setMemberBody(store, 'R-5003', 'rics', 'test', 'iet');
  // An upload that could not be read: in the imports by status, and among the failures by code
  const broken = Buffer.from('PK\u0003\u0004 not really a workbook');
  const failed = await createImport(store, { memberId: 'H-5002', uploadedBy: null, fileName: 'huw-2024.xlsx', bytes: broken, sha256: sha256Hex(broken), force: false });
  await store.imports.markFailed(failed.importId, 'corrupt', 'the file is damaged');
  await store.db.execute(sql`update imports set created_at = '2024-12-05T11:00:00Z', finished_at = '2024-12-05T11:00:01Z' where id = ${failed.importId}`);
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

const yearOf = (body: { years: { year: number }[] }, y: number) => body.years.find((x) => x.year === y) as unknown as Record<string, unknown> & { criteria: { key: string; outcome: string }[] };

describe("a member's dashboard", () => {
  it('gives every year from the first record to the last plan entry, with hours against the body\'s requirement', async () => {
    const res = await request(app).get('/members/P-5001/dashboard').set(as('priya'));
    expect(res.status).toBe(200);
    expect([res.body.memberId, res.body.body]).toEqual(['P-5001', { id: 'iet', name: 'The IET (Institution of Engineering and Technology)', source: 'default' }]);
    expect(res.body.years.map((y: { year: number; hours: number; required: { value: number } }) => [y.year, y.hours, y.required.value])).toEqual([
      [2023, 6, 30],
      [2024, 32, 30],
      [2025, 0, 30],
    ]);
  });

  it('2024: hours per TWAVES category and skill type, planned against done, reflections, the criteria met, the records behind them', async () => {
    const y = yearOf((await request(app).get('/members/P-5001/dashboard').set(as('staff'))).body, 2024);
    expect(y).toMatchObject({
      activityStatus: 'active',
      required: { value: 30, unit: 'hours', basis: '30 h a year (professionally active)' },
      hours: 32,
      activities: 4,
      plannedEntries: 1,
      twaves: { T: 18, W: 8, A: 0, V: 6, E: 0, S: 0, none: 0 },
      skills: { 'technical-personal': 8, 'technical-job': 14, soft: 10, none: 0 },
      // the 10 h chartership review was due on 30 November 2024 and nothing of that name was done
      plan: { planned: 10, done: 0, open: 0, missed: 10 },
      reflections: { activities: 4, written: 4, good: 3, weak: 1, missing: 0 },
      records: '/members/P-5001/records?year=2024',
    });
    // 32 h ≥ 30; T, W, V; 14 + 8 + 10 against 10 each; no activity relates to the plan; no planned hours done; 3 of 4 coded; one weak reflection
    expect(y.criteria.map((c) => [c.key, c.outcome])).toEqual([
      ['hours', 'met'],
      ['twaves', 'met'],
      ['skills', 'not_met'],
      ['plan', 'not_met'],
      ['plannedHours', 'not_met'],
      ['ukSpec', 'met'],
      ['reflection', 'not_met'],
      ['yearPlacement', 'met'],
    ]);
    expect([y.met, y.overall]).toEqual([4, 'not_met']);
    const listed = await request(app).get(y.records as string).set(as('staff'));
    expect(listed.body.records.filter((r: { status: string }) => r.status === 'completed').map((r: { hours: number }) => r.hours)).toEqual([14, 6, 8, 4]);
  });

  it('2025: the 7 h course planned for March is open on 1 February 2025', async () => {
    const y = yearOf((await request(app).get('/members/P-5001/dashboard').set(as('staff'))).body, 2025);
    expect([y.hours, y.plannedEntries, y.plan]).toEqual([0, 1, { planned: 7, done: 0, open: 7, missed: 0 }]);
  });

  it("another body's member: RICS's 20 h a year and its criteria", async () => {
    const res = await request(app).get('/members/R-5003/dashboard').set(as('reviewer'));
    expect(res.body.body).toEqual({ id: 'rics', name: 'RICS (Royal Institution of Chartered Surveyors)', source: 'member' });
    const y = yearOf(res.body, 2024);
    expect([y.hours, y.required]).toEqual([22, { value: 20, unit: 'hours', basis: '20 h a year' }]);
    expect(y.criteria.find((c) => c.key === 'hours')?.outcome).toBe('met');
  });

  it('as CSV (?format=csv or Accept: text/csv): one row per year', async () => {
    const res = await request(app).get('/members/P-5001/dashboard?format=csv').set(as('priya'));
    expect([res.status, res.headers['content-type'], res.headers['content-disposition']]).toEqual([200, 'text/csv; charset=utf-8', 'attachment; filename="cpd-dashboard-P-5001.csv"']);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Member,Body,Year,Activity status,Required,Unit,Hours,Activities,T hours,W hours,A hours,V hours,E hours,S hours,No category hours,technical-personal hours,technical-job hours,soft hours,No skill type hours,Planned hours,Planned and done hours,Planned open hours,Planned missed hours,Reflections written,Reflections good,Reflections weak,Reflections missing,Criteria met,Criteria,Overall',
    );
    expect(lines.slice(1)).toEqual(['P-5001,iet,2023,active,30,hours,6,1,6,0,0,0,0,0,0,0,6,0,0,0,0,0,0,1,1,0,0,3,8,not_met', 'P-5001,iet,2024,active,30,hours,32,4,18,8,0,6,0,0,0,8,14,10,0,10,0,0,10,4,3,1,0,4,8,not_met', 'P-5001,iet,2025,active,30,hours,0,0,0,0,0,0,0,0,0,0,0,0,0,7,0,7,0,0,0,0,0,1,8,not_met']);
    const byAccept = await request(app).get('/members/P-5001/dashboard').set(as('priya')).set('Accept', 'text/csv');
    expect(byAccept.text).toBe(res.text);
    const bad = await request(app).get('/members/P-5001/dashboard?format=pdf').set(as('priya'));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_format']);
  });
});

describe("a group's dashboard", () => {
  it('the distribution of members\' hours in 2024: 14, 22 and 32 h', async () => {
    const res = await request(app).get('/dashboard?year=2024').set(as('staff'));
    expect(res.status).toBe(200);
    expect([res.body.year, res.body.scope, res.body.members]).toEqual([2024, { body: null, members: null }, { inScope: 3, withRecords: 3 }]);
    expect(res.body.hours.bands.map((b: { label: string; members: number }) => [b.label, b.members])).toEqual([
      ['0 h', 0], ['0–10 h', 0], ['10–20 h', 1], ['20–30 h', 1], ['30–40 h', 1], ['40–50 h', 0], ['50–60 h', 0], ['60 h or more', 0],
    ]);
    // (14 + 22 + 32) / 3 = 22.67; the middle one 22
    expect([res.body.hours.mean, res.body.hours.median]).toEqual([22.67, 22]);
  });

  it('the share meeting each criterion their body has', async () => {
    const res = await request(app).get('/dashboard?year=2024').set(as('reviewer'));
    // hours: Priya 32 ≥ 30, Rosa 22 ≥ 20 (RICS), Huw 14 < 30 → 2 of 3; the rest are the IET's (Priya and Huw):
    // TWAVES Priya 3 categories, Huw 1 → 1 of 2; UK-SPEC Priya 75 %, Huw 0 % → 1 of 2; reflections: Priya's
    // "good webinar" has 2 words, Huw has three without one → 0 of 2
    expect(res.body.criteria.map((c: { key: string; applies: number; met: number; percent: number }) => [c.key, c.applies, c.met, c.percent])).toEqual([
      ['hours', 3, 2, 67],
      ['twaves', 2, 1, 50],
      ['ukSpec', 2, 1, 50],
      ['reflection', 2, 0, 0],
    ]);
  });

  it('the most common gaps by field and code, and the source shapes giving them, with the files to open', async () => {
    const res = await request(app).get('/dashboard?year=2024').set(as('staff'));
    // Huw's log has no description column (4 records), three rows with no reflection and one with no hours; Priya's
    // plan entry is past its target date and one of her records has no description
    expect(res.body.gaps.map((g: { field: string; code: string; severity: string; gaps: number; records: number; members: number }) => [g.field, g.code, g.severity, g.gaps, g.records, g.members])).toEqual([
      ['description', 'missing', 'warning', 4, 4, 2],
      ['reflection', 'missing', 'warning', 3, 3, 1],
      ['hours', 'missing', 'error', 1, 1, 1],
      ['targetDate', 'out_of_range', 'warning', 1, 1, 1],
    ]);
    expect(res.body.sources.map((s: { headings: string[]; imports: number; records: number; recordsWithGaps: number; gaps: number; gapsPerRecord: number; examples: string[] }) => [s.headings.join('|'), s.imports, s.records, s.recordsWithGaps, s.gaps, s.gapsPerRecord, s.examples])).toEqual([
      ['Date|Activity|Category|Hours|Reflection', 1, 4, 3, 7, 1.75, [imports.huw]],
      ['Date|Target date|Activity|Type|TWAVES|Hours|UK-SPEC|Skill type|Reflection|Status', 1, 5, 1, 2, 0.4, [imports.priya]],
      ['Date|Activity|Type|Formal/Informal|Hours|Reflection', 1, 3, 0, 0, 0, [imports.rosa]],
    ]);
    expect(res.body.sources[0].topGaps).toEqual([
      { field: 'description', code: 'missing', gaps: 3 },
      { field: 'reflection', code: 'missing', gaps: 3 },
      { field: 'hours', code: 'missing', gaps: 1 },
    ]);
  });

  it('imports by month, status and format, failures by code, and the time from upload to records', async () => {
    const res = await request(app).get('/dashboard?year=2024').set(as('staff'));
    expect(res.body.imports).toEqual({
      byMonth: [
        { month: '2024-11', status: 'done', format: 'csv', imports: 1 },
        { month: '2024-12', status: 'done', format: 'csv', imports: 2 },
        { month: '2024-12', status: 'failed', format: null, imports: 1 },
      ],
      failures: [{ code: 'corrupt', imports: 1 }],
    });
    // 2, 4 and 10 s: median 4, 90th percentile 4 + 0.8 × (10 − 4) = 8.8, mean 5.3, longest 10
    expect(res.body.uploadToRecords).toEqual({ imports: 3, medianSeconds: 4, p90Seconds: 8.8, meanSeconds: 5.3, maxSeconds: 10 });
  });

  it("one body's members (?body=rics), or a list of members (?members=…)", async () => {
    const rics = await request(app).get('/dashboard?year=2024&body=rics').set(as('staff'));
    expect([rics.body.scope.body.id, rics.body.members.inScope, rics.body.criteria.map((c: { key: string; met: number }) => [c.key, c.met])]).toEqual(['rics', 1, [['hours', 1]]]);
    const two = await request(app).get('/dashboard?year=2024&members=P-5001,H-5002').set(as('staff'));
    expect([two.body.scope.members, two.body.members.inScope, two.body.hours.mean, two.body.hours.median]).toEqual([['P-5001', 'H-5002'], 2, 23, 23]);
  });

  it('leaves out gaps a reviewer accepted', async () => {
    const huwRecords = await request(app).get(`/imports/${imports.huw}/records`).set(as('staff'));
    const noHours = huwRecords.body.records.find((r: { activityName: string }) => r.activityName === 'Standards reading');
    const gap = noHours.gaps.find((g: { field: string }) => g.field === 'hours');
    const accepted = await request(app).post(`/records/${noHours.id}/accept`).set(as('reviewer')).send({ ...gap, note: 'reading logged without hours; none claimed' });
    expect(accepted.status).toBe(200);
    const after = await request(app).get('/dashboard?year=2024').set(as('staff'));
    expect(after.body.gaps.map((g: { field: string; code: string }) => `${g.field} ${g.code}`)).toEqual(['description missing', 'reflection missing', 'targetDate out_of_range']);
  });

  it('as CSV: one figure a row', async () => {
    const res = await request(app).get('/dashboard?year=2024&body=rics&format=csv').set(as('staff'));
    expect([res.status, res.headers['content-disposition']]).toEqual([200, 'attachment; filename="cpd-dashboard-2024-rics.csv"']);
    expect(res.text.split('\r\n').slice(0, 8)).toEqual([
      'Section,Item,Measure,Value',
      'scope,year,year,2024',
      'scope,body,id,rics',
      'members,in scope,members,1',
      'members,with records in the year,members,1',
      'hours,all members,mean hours,22',
      'hours,all members,median hours,22',
      'hours band,0 h,members,0',
    ]);
    expect(res.text).toContain('criterion,CPD hours,percent met,100\r\n');
    expect(res.text).toContain('source shape,csv: Date | Activity | Type | Formal/Informal | Hours | Reflection,records,3\r\n');
  });

  it('refuses a bad year, body, member list or format with a clear 400', async () => {
    for (const [q, code] of [['', 'bad_year'], ['?year=24', 'bad_year'], ['?year=2024&body=nasa', 'bad_body'], ['?year=2024&members=a%20b', 'bad_members'], ['?year=2024&members=,', 'bad_members'], ['?year=2024&format=xml', 'bad_format'], ['?year=2024&colour=red', 'bad_request']]) {
      const res = await request(app).get(`/dashboard${q}`).set(as('staff'));
      expect([q, res.status, res.body.error?.code]).toEqual([q, 400, code]);
    }
  });

  it("leaves out a withdrawn import's records: Rosa's year is empty once she withdraws her log", async () => {
    const withdrawn = await request(app).delete(`/imports/${imports.rosa}`).set(as('staff')).send({ reason: 'uploaded to the wrong member' });
    expect(withdrawn.status).toBe(200);
    const res = await request(app).get('/dashboard?year=2024').set(as('staff'));
    expect([res.body.members, res.body.hours.bands[0].members, res.body.criteria[0].met]).toEqual([{ inScope: 3, withRecords: 2 }, 1, 1]);
    expect(res.body.imports.byMonth[0]).toEqual({ month: '2024-11', status: 'withdrawn', format: 'csv', imports: 1 });
  });

  it("follows a record marked as not a CPD activity (the sums recomputed when the change commits), and counted again", async () => {
    const priya = await request(app).get(`/imports/${imports.priya}/records`).set(as('staff'));
    const course = priya.body.records.find((r: { activityName: string }) => r.activityName === 'Substation design course');
    const hoursMet = async () => {
      const res = await request(app).get('/dashboard?year=2024').set(as('staff'));
      return [res.body.criteria[0].met, res.body.hours.bands.map((b: { members: number }) => b.members).join(' ')];
    };
    // Rosa's log is withdrawn (above): Priya 32 h meets 30, Huw 14 h does not
    expect(await hoursMet()).toEqual([1, '1 0 1 0 1 0 0 0']);
    const excluded = await request(app).patch(`/records/${course.id}`).set(as('reviewer')).send({ excluded: true, reason: 'a duplicate of her employer\'s induction' });
    expect(excluded.status).toBe(200);
    // without the 14 h course Priya has 18 h: 10–20 h now holds Huw and Priya, and nobody meets 30 h
    expect(await hoursMet()).toEqual([0, '1 0 2 0 0 0 0 0']);
    await request(app).patch(`/records/${course.id}`).set(as('reviewer')).send({ excluded: false });
    expect(await hoursMet()).toEqual([1, '1 0 1 0 1 0 0 0']);
  });
});
