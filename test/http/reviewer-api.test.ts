/**
 * The review API (src/http/routes/{imports,records,members}.ts) on the embedded PGlite store: every new route against every role; corrections
 * read by the pipeline's normalisers, with gaps recomputed, the original kept and an audit trail; gap acceptances;
 * activity status per member-year; the criteria recomputed; original files; member-year exports. Member A's key is
 * tried on member B's data everywhere (and the reverse), as a member who knows an id would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { CpdRecord, Gap } from '../../src/domain/index.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';

const FIX = join(import.meta.dirname, '../../fixtures');
const GRACE = readFileSync(join(FIX, 'review/grace-lindqvist-cpd-2024.xlsx'));
const AISHA = readFileSync(join(FIX, 'golden/aisha-okonkwo-cpd-2024.xlsx'));
const TOMASZ = readFileSync(join(FIX, 'golden/tomasz-nowak-cpd.csv'));

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<string, string> = {};
const imports: Record<'grace' | 'aisha' | 'tomasz', string> = { grace: '', aisha: '', tomasz: '' };

type Rec = CpdRecord & { id: string; importId: string };

const ROLES = ['none', 'badkey', 'memberA', 'memberB', 'staff', 'reviewer', 'admin'] as const;
type Who = (typeof ROLES)[number];

function auth(who: Who): Record<string, string> {
  if (who === 'none') return {};
  if (who === 'badkey') return { Authorization: 'Bearer cpd_not-a-real-key' };
  return { Authorization: `Bearer ${keys[who]}` };
}

async function seed(memberId: string, name: string, bytes: Buffer): Promise<string> {
  const imp = await createImport(store, { memberId, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await storeImportResult(store, imp.importId, await importFile(bytes, name, { today: '2025-02-01' }));
  return imp.importId;
}

async function records(memberId: string, who: Who = 'staff'): Promise<Rec[]> {
  const res = await request(app).get(`/members/${memberId}/records`).set(auth(who));
  return res.body.records as Rec[];
}

async function byName(memberId: string, name: string): Promise<Rec> {
  const r = (await records(memberId)).find((x) => x.activityName === name);
  if (!r) throw new Error(`no record ${name}`);
  return r;
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('review-http'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 } });
  keys.memberA = (await createUser(store, { role: 'member', memberId: 'G-1001', name: 'Grace Lindqvist' })).key;
  keys.memberB = (await createUser(store, { role: 'member', memberId: 'A-2002' })).key;
  keys.staff = (await createUser(store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.reviewer = (await createUser(store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.admin = (await createUser(store, { role: 'admin' })).key;
  imports.grace = await seed('G-1001', 'grace-lindqvist-cpd-2024.xlsx', GRACE);
  imports.aisha = await seed('A-2002', 'aisha-okonkwo-cpd-2024.xlsx', AISHA);
  imports.tomasz = await seed('G-1001', 'tomasz-nowak-cpd.csv', TOMASZ);
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

// Another member's data answers as unknown (404): a caller cannot learn which ids exist (issue 12). Asking to
// filter a list by another member is refused (403), whatever that member.
const READ_A = { none: 401, badkey: 401, memberA: 200, memberB: 404, staff: 200, reviewer: 200, admin: 200 };
const LIST_A = { none: 401, badkey: 401, memberA: 200, memberB: 403, staff: 200, reviewer: 200, admin: 200 };
const CHANGE_A = (ok: number) => ({ none: 401, badkey: 401, memberA: 403, memberB: 403, staff: ok, reviewer: ok, admin: ok });

describe('every review route against every role', () => {
  let recId = '';
  beforeAll(async () => {
    recId = (await byName('G-1001', 'Mentoring two graduate engineers')).id;
  });
  const routes: { name: string; call: (who: Who) => request.Test; expect: Record<Who, number> }[] = [
    { name: 'GET /me', call: (who) => request(app).get('/me').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 200, memberB: 200, staff: 200, reviewer: 200, admin: 200 } },
    { name: 'GET /imports', call: (who) => request(app).get('/imports').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 200, memberB: 200, staff: 200, reviewer: 200, admin: 200 } },
    { name: 'GET /imports?memberId=G-1001', call: (who) => request(app).get('/imports?memberId=G-1001').set(auth(who)), expect: LIST_A },
    { name: 'GET /imports/:id/file', call: (who) => request(app).get(`/imports/${imports.grace}/file`).set(auth(who)), expect: READ_A },
    { name: 'GET /records/:id', call: (who) => request(app).get(`/records/${recId}`).set(auth(who)), expect: READ_A },
    { name: 'GET /records/:id/audit', call: (who) => request(app).get(`/records/${recId}/audit`).set(auth(who)), expect: READ_A },
    {
      // Members correct their own records (issue 11 §4); the audit trail names who did it.
      name: 'PATCH /records/:id',
      call: (who) => request(app).patch(`/records/${recId}`).set(auth(who)).send({ field: 'description', value: `Two graduates, monthly (${who})`, reason: 'from the member' }),
      expect: { none: 401, badkey: 401, memberA: 200, memberB: 404, staff: 200, reviewer: 200, admin: 200 },
    },
    {
      name: 'POST /records/:id/accept (a gap that is not there)',
      call: (who) => request(app).post(`/records/${recId}/accept`).set(auth(who)).send({ field: 'hours', code: 'invalid', message: 'nope', note: 'fine' }),
      expect: CHANGE_A(422),
    },
    { name: 'GET /members/:id/review', call: (who) => request(app).get('/members/G-1001/review?year=2024').set(auth(who)), expect: READ_A },
    { name: 'GET /members/:id/years/:year', call: (who) => request(app).get('/members/G-1001/years/2024').set(auth(who)), expect: READ_A },
    { name: 'PUT /members/:id/years/:year', call: (who) => request(app).put('/members/G-1001/years/2023').set(auth(who)).send({ activityStatus: 'active' }), expect: CHANGE_A(200) },
    // A member's body is set by staff and admins only (issue 16 §3); setting it to null keeps the default for the later tests.
    { name: 'PUT /members/:id/body', call: (who) => request(app).put('/members/G-1001/body').set(auth(who)).send({ body: null }), expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 200, reviewer: 403, admin: 200 } },
    { name: 'GET /bodies', call: (who) => request(app).get('/bodies').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 200, memberB: 200, staff: 200, reviewer: 200, admin: 200 } },
    { name: 'GET /members/:id/review?period=…', call: (who) => request(app).get('/members/G-1001/review?period=2024').set(auth(who)), expect: READ_A },
    // The dashboards (issue 17): a member's own for whoever may read the member; the group's for staff, reviewers, admins.
    { name: 'GET /members/:id/dashboard', call: (who) => request(app).get('/members/G-1001/dashboard').set(auth(who)), expect: READ_A },
    { name: 'GET /members/:id/dashboard?format=csv', call: (who) => request(app).get('/members/G-1001/dashboard?format=csv').set(auth(who)), expect: READ_A },
    { name: 'GET /dashboard?year=2024', call: (who) => request(app).get('/dashboard?year=2024').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 200, reviewer: 200, admin: 200 } },
    { name: 'GET /dashboard?year=2024&format=csv', call: (who) => request(app).get('/dashboard?year=2024&format=csv').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 200, reviewer: 200, admin: 200 } },
    { name: 'GET /members/:id/export.xlsx', call: (who) => request(app).get('/members/G-1001/export.xlsx?year=2024').set(auth(who)), expect: READ_A },
    { name: 'GET /members/:id/export.csv', call: (who) => request(app).get('/members/G-1001/export.csv?year=2024').set(auth(who)), expect: READ_A },
    { name: 'GET /members/:id/export.json', call: (who) => request(app).get('/members/G-1001/export.json?year=2024').set(auth(who)), expect: READ_A },
    {
      name: 'GET /records/:unknown',
      call: (who) => request(app).get('/records/00000000-0000-4000-8000-000000000000').set(auth(who)),
      expect: { none: 401, badkey: 401, memberA: 404, memberB: 404, staff: 404, reviewer: 404, admin: 404 },
    },
  ];
  for (const route of routes) {
    for (const who of ROLES) {
      it(`${route.name} as ${who} → ${route.expect[who]}`, async () => {
        const res = await route.call(who);
        expect(res.status).toBe(route.expect[who]);
        if (res.status >= 400) {
          expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
          const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[res.status as 401 | 403 | 404];
          if (code) expect(res.body.error.code).toBe(code);
        }
      });
    }
  }
});

describe('a member cannot reach another member', () => {
  it("lists only their own imports, and cannot ask for another member's", async () => {
    const mine = await request(app).get('/imports').set(auth('memberB'));
    expect(mine.body.imports.map((i: { file: string; memberId: string }) => [i.file, i.memberId])).toEqual([['aisha-okonkwo-cpd-2024.xlsx', 'A-2002']]);
    const other = await request(app).get('/imports?memberId=G-1001').set(auth('memberB'));
    expect(other.status).toBe(403);
    const all = await request(app).get('/imports').set(auth('reviewer'));
    expect(all.body.imports.map((i: { file: string }) => i.file).sort()).toEqual(['aisha-okonkwo-cpd-2024.xlsx', 'grace-lindqvist-cpd-2024.xlsx', 'tomasz-nowak-cpd.csv']);
  });

  it('pages the imports list: limit, offset, and a next link until the last page', async () => {
    const all = (await request(app).get('/imports').set(auth('reviewer'))).body.imports.map((i: { id: string }) => i.id);
    expect(all).toHaveLength(3);
    const p1 = await request(app).get('/imports?limit=2').set(auth('reviewer'));
    expect([p1.status, p1.body.imports.map((i: { id: string }) => i.id), p1.body.next]).toEqual([200, all.slice(0, 2), '/imports?limit=2&offset=2']);
    const p2 = await request(app).get(p1.body.next).set(auth('reviewer'));
    expect([p2.body.imports.map((i: { id: string }) => i.id), p2.body.next]).toEqual([all.slice(2), null]);
    const mine = await request(app).get('/imports?memberId=A-2002&limit=1').set(auth('staff'));
    expect([mine.body.imports.length, mine.body.next]).toEqual([1, null]);
    for (const bad of ['limit=0', 'limit=1001', 'limit=abc', 'offset=-1', 'limit=2.5']) {
      const res = await request(app).get(`/imports?${bad}`).set(auth('reviewer'));
      expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, 'bad_page']);
    }
  });

  it("gets 404 for another member's records, review, audit, file and exports, as for unknown ones, and when changing them; cannot set their own activity status", async () => {
    const a = await byName('A-2002', 'Mentoring apprentice on PLC fault-finding');
    for (const path of [`/records/${a.id}`, `/records/${a.id}/audit`, `/imports/${imports.aisha}/file`, '/members/A-2002/review?year=2024', '/members/A-2002/export.csv?year=2024', '/members/A-2002/years/2024']) {
      const res = await request(app).get(path).set(auth('memberA'));
      expect([path, res.status, res.body.error?.code]).toEqual([path, 404, 'not_found']);
    }
    const patch = await request(app).patch(`/records/${a.id}`).set(auth('memberA')).send({ field: 'hours', value: '99', reason: 'mine' });
    expect([patch.status, patch.body.error.code]).toEqual([404, 'not_found']);
    const exclude = await request(app).patch(`/records/${a.id}`).set(auth('memberA')).send({ excluded: true, reason: 'not mine' });
    expect([exclude.status, exclude.body.error.code]).toEqual([404, 'not_found']);
    const status = await request(app).put('/members/A-2002/years/2024').set(auth('memberB')).send({ activityStatus: 'inactive' });
    expect(status.status).toBe(403);
    expect((await byName('A-2002', 'Mentoring apprentice on PLC fault-finding')).hours).toBe(1.5);
  });
});

describe('a log uploaded again in a new version (service trial finding: counted twice)', () => {
  it('records repeated across a member\'s imports are flagged as duplicates in the member view, naming the other file', async () => {
    const v1 = Buffer.from('Date,Activity,Type,Hours,Reflection\n14/02/2024,Fire safety course,Course,40,Learnt the new evacuation procedure and will brief my team on it.\n');
    const v2 = Buffer.from(`${v1.toString()}01/03/2024,Webinar on cable sizing,Webinar,1,Grouping factors matter more than I thought; I will check our cable schedules.\n`);
    await seed('V-3003', 'log3.csv', v1);
    await seed('V-3003', 'log3-new.csv', v2);
    const recs = await records('V-3003');
    const fire = recs.filter((r) => r.activityName === 'Fire safety course');
    expect(fire).toHaveLength(2);
    expect(fire.map((r) => r.gaps.filter((g) => g.code === 'duplicate').map((g) => g.message))).toEqual([
      ["exact duplicate of row 2 of log3-new.csv (another import)"],
      ["exact duplicate of row 2 of log3.csv (another import)"],
    ]);
    // the review counts the repeated course once: 40 + 1 = 41 h, the copy's 40 h named apart
    const review = await request(app).get('/members/V-3003/review?year=2024').set(auth('reviewer'));
    const hours = review.body.review.criteria.hours;
    expect([hours.figures.completedHours, hours.figures.doubtfulHours]).toEqual([41, 40]);
    expect(hours.summary).toContain('41 h of completed CPD in 2024 from 2 activities (not counting 40 h on 1 record flagged as a duplicate of another)');
  });
});

describe('a forced re-import of the same file (service trial 3: the replaced import looked current)', () => {
  it('lists the replaced import as superseded, and refuses changes to its records with 409', async () => {
    const bytes = Buffer.from('Date,Activity,Type,Hours,Reflection\n14/02/2024,Arc flash refresher,Course,3,Learnt the new PPE categories and will update our permit forms.\n');
    const first = await seed('S-4004', 'arc.csv', bytes);
    const again = await createImport(store, { memberId: 'S-4004', uploadedBy: null, fileName: 'arc.csv', bytes, sha256: sha256Hex(bytes), force: true });
    await storeImportResult(store, again.importId, await importFile(bytes, 'arc.csv', { today: '2025-02-01' }));
    const list = await request(app).get('/imports?memberId=S-4004').set(auth('reviewer'));
    expect(list.body.imports.map((i: { importId: string; supersededBy?: string }) => [i.importId, i.supersededBy ?? null])).toEqual([
      [again.importId, null],
      [first, again.importId],
    ]);
    const [old] = await store.records.listForImport(first);
    const patch = await request(app).patch(`/records/${old!.id}`).set(auth('reviewer')).send({ field: 'hours', value: '4', reason: 'certificate' });
    expect([patch.status, patch.body.error.code, patch.body.error.message]).toEqual([409, 'superseded', `this record belongs to an import replaced by a later upload of the same file (import ${again.importId}); correct the record there`]);
    const [current] = await store.records.listForImport(again.importId);
    const ok = await request(app).patch(`/records/${current!.id}`).set(auth('reviewer')).send({ field: 'hours', value: '4', reason: 'certificate' });
    expect(ok.status).toBe(200);
  });
});

describe('corrections', () => {
  it('a value corrected back to the one extracted is no longer marked corrected; the audit trail keeps both changes (service trial 3)', async () => {
    const rec = await byName('A-2002', 'Mentoring apprentice on PLC fault-finding');
    const h0 = rec.hours!;
    const gapsBefore = rec.gaps.filter((g) => g.field === 'hours');
    const there = await request(app).patch(`/records/${rec.id}`).set(auth('reviewer')).send({ field: 'hours', value: String(h0 + 1), reason: 'typo in the log' });
    expect(there.body.record.gaps.some((g: { field: string; code: string }) => g.field === 'hours' && g.code === 'corrected')).toBe(true);
    const back = await request(app).patch(`/records/${rec.id}`).set(auth('reviewer')).send({ field: 'hours', value: String(h0), reason: 'the log was right after all' });
    expect(back.status).toBe(200);
    expect([back.body.record.hours, back.body.record.gaps.filter((g: { field: string }) => g.field === 'hours')]).toEqual([h0, gapsBefore]);
    const audit = await request(app).get(`/records/${rec.id}/audit`).set(auth('reviewer'));
    expect(audit.body.audit.map((a: { action: string; detail: { reason: string } }) => [a.action, a.detail.reason])).toEqual([
      ['record.correct', 'typo in the log'],
      ['record.correct', 'the log was right after all'],
    ]);
  });


  it('"3rd March 2024" on the unreadable start date: stored 2024-03-03, end date inferred, gaps recomputed, original kept, audit entry, criteria updated', async () => {
    const before = await byName('G-1001', 'Cable sizing software training');
    expect([before.startDate, before.endDate]).toEqual([null, null]);
    // G-1001 has two files: Grace's log (43 h in 2024, test/review/criteria/criteria.test.ts) and Tomasz's CSV (7.5 + 3 + 1.5
    // = 12 h; the toolbox talk's "2-3" is no number; the HVDC webinar (1.5 h) ends 10/06 before it starts 12/06, so it
    // is counted in no year): 55 h from 8 + 4 = 12 activities.
    const r0 = await request(app).get('/members/G-1001/review?year=2024').set(auth('reviewer'));
    expect([r0.body.review.criteria.hours.figures.completedHours, r0.body.review.criteria.hours.figures.activities]).toEqual([55, 12]);
    expect(r0.body.review.criteria.hours.figures.dateErrors.map((x: { note: string }) => x.note)).toEqual(['end 2024-06-10 is before the start 2024-06-12']);
    expect(r0.body.review.criteria.yearPlacement.outcome).toBe('not_assessable');

    const res = await request(app).patch(`/records/${before.id}`).set(auth('reviewer')).send({ field: 'startDate', value: '3rd March 2024', reason: 'the member confirmed the date' });
    expect(res.status).toBe(200);
    expect(res.body.change).toEqual({ old: '(empty)', new: '2024-03-03' });
    const rec = res.body.record as Rec;
    expect([rec.startDate, rec.endDate, rec.raw.startDate]).toEqual(['2024-03-03', '2024-03-03', '3rd March 2024']);
    const today = new Date().toISOString().slice(0, 10);
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const human = `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`;
    // The start date's own gap (invalid) is replaced by the correction note; "no end date" is gone and validation
    // inferred the end date again; "no description" (from validation too) is recomputed and stays.
    expect(rec.gaps).toEqual([
      { field: 'description', code: 'missing', severity: 'info', message: 'no description (the reflection says what was done)' },
      { field: 'startDate', code: 'corrected', severity: 'info', message: `corrected by Rita Reviewer on ${human} from (empty) (source text "31/02/2024") to 2024-03-03: the member confirmed the date` },
      { field: 'endDate', code: 'inferred', severity: 'info', message: 'no end date given; taken as the start date (a one-day activity)' },
    ]);

    // The original extracted record is kept whole.
    const full = await request(app).get(`/records/${before.id}`).set(auth('memberA'));
    expect(full.body.original.data).toMatchObject({ startDate: null, endDate: null, raw: { startDate: '31/02/2024' } });
    expect(full.body.original.gaps.map((g: Gap) => [g.field, g.code])).toEqual([['startDate', 'invalid'], ['endDate', 'missing'], ['description', 'missing']]);

    // Audit: who, when, field, old value, new value, reason; and the end date that changed with it (issue 11 §6).
    const audit = await request(app).get(`/records/${before.id}/audit`).set(auth('memberA'));
    expect(audit.body.audit).toEqual([
      {
        id: expect.any(Number),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        action: 'record.correct',
        user: { id: expect.any(String), name: 'Rita Reviewer', role: 'reviewer' },
        detail: { field: 'startDate', oldValue: null, newValue: '2024-03-03', input: '3rd March 2024', reason: 'the member confirmed the date', consequences: [{ field: 'endDate', oldValue: null, newValue: '2024-03-03' }] },
      },
      {
        id: expect.any(Number),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        action: 'record.consequence',
        user: { id: expect.any(String), name: 'Rita Reviewer', role: 'reviewer' },
        detail: { field: 'endDate', oldValue: null, newValue: '2024-03-03', because: { field: 'startDate', reason: 'the member confirmed the date' }, why: 'no end date given; taken as the start date (a one-day activity)' },
      },
    ]);

    // Filed under 2024 now; the criteria count it: 55 + 3.5 = 58.5 h from 13 activities, every activity has a year
    // (but the HVDC webinar's impossible dates still leave the year placement not assessable).
    const y2024 = await request(app).get('/members/G-1001/records?year=2024').set(auth('memberA'));
    expect(y2024.body.records.map((x: Rec) => x.activityName)).toContain('Cable sizing software training');
    const r1 = await request(app).get('/members/G-1001/review?year=2024').set(auth('memberA'));
    expect([r1.body.review.criteria.hours.figures.completedHours, r1.body.review.criteria.hours.figures.activities]).toEqual([58.5, 13]);
    expect(r1.body.review.criteria.yearPlacement.figures.undated).toEqual([]);
    expect(r1.body.review.criteria.yearPlacement.outcome).toBe('not_assessable');
    // The import's summary follows: 43 + 3.5 + 9 (2025) + 5 (2023) = 60.5 h; 14 − 1 (row 6 has no gap) = 13 records with gaps.
    const imp = await request(app).get(`/imports/${imports.grace}`).set(auth('staff'));
    expect([imp.body.summary.totalHours, imp.body.summary.recordsWithGaps]).toEqual([60.5, 13]);
  });

  it('a gap from extraction on an untouched field is kept; correcting that field replaces it', async () => {
    const nebosh = await byName('A-2002', 'NEBOSH General Certificate (week 1)');
    const converted = nebosh.gaps.find((g) => g.code === 'converted')!;
    expect(converted).toEqual({ field: 'hours', code: 'converted', severity: 'warning', message: '"5 days" converted to 30 h: 6 h per day (setting; the default, after ICE: 6 h of learning = 1 day)', raw: '5 days' });
    const a = await request(app).patch(`/records/${nebosh.id}`).set(auth('staff')).send({ field: 'description', value: 'Exam booked for March; passed in April', reason: 'member update' });
    expect(a.status).toBe(200);
    expect((a.body.record as Rec).gaps).toContainEqual(converted);
    const b = await request(app).patch(`/records/${nebosh.id}`).set(auth('staff')).send({ field: 'hours', value: '35 hours', reason: 'certificate says 35 h' });
    expect(b.status).toBe(200);
    const rec = b.body.record as Rec;
    expect([rec.hours, rec.raw.hours]).toEqual([35, '35 hours']);
    expect(rec.gaps.filter((g) => g.field === 'hours').map((g) => g.code)).toEqual(['corrected']);
    expect(rec.gaps.find((g) => g.field === 'description')?.code).toBe('corrected');
    // two audit lines, and the original still holds 30 h and the gap
    const full = await request(app).get(`/records/${nebosh.id}`).set(auth('reviewer'));
    expect(full.body.original.data.hours).toBe(30);
    expect(full.body.original.gaps).toContainEqual(converted);
    const audit = await request(app).get(`/records/${nebosh.id}/audit`).set(auth('reviewer'));
    expect(audit.body.audit.map((x: { detail: { field: string; oldValue: unknown; newValue: unknown } }) => [x.detail.field, x.detail.oldValue, x.detail.newValue])).toEqual([
      ['description', 'Exam booked for March', 'Exam booked for March; passed in April'],
      ['hours', 30, 35],
    ]);
  });

  it('typed values go through the pipeline normalisers', async () => {
    const r = await byName('G-1001', 'Toolbox talk: arc flash boundaries');
    const cases: [string, string, unknown][] = [
      ['twaves', 'Work experience', 'W'],
      ['hours', '1h30', 1.5],
      ['ukSpec', 'E2/E1', ['E2', 'E1']],
      ['skillType', 'Technical (job)', 'technical-job'],
      ['endDate', '09/10/2024', '2024-10-09'],
      ['reflection', 'Arc flash boundaries are wider than I thought; I will re-mark the switch room floor.', 'Arc flash boundaries are wider than I thought; I will re-mark the switch room floor.'],
    ];
    for (const [field, value, stored] of cases) {
      const res = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field, value, reason: 'checked' });
      expect([field, res.status, (res.body.record as Record<string, unknown>)[field]]).toEqual([field, 200, stored]);
    }
    // the TWAVES "missing" gap is gone with the value; the reflection is no longer weak
    const after = await byName('G-1001', 'Toolbox talk: arc flash boundaries');
    expect(after.gaps.filter((g) => g.field === 'twaves').map((g) => g.code)).toEqual(['corrected']);
    const rev = await request(app).get('/members/G-1001/review?year=2024').set(auth('reviewer'));
    expect(rev.body.review.criteria.reflection.figures.weak.map((w: { activityName: string }) => w.activityName)).toEqual([
      'Mentoring two graduate engineers',
      // Tomasz's CSV (same member): short reflections
      'IEC 61850 substation automation course',
      'Café-style networking event, IET Manchester',
      'Reading BS EN 50160',
    ]);
  });

  it('an end date moved before the start date gets the out-of-range gap from validation; moving it back removes it', async () => {
    const r = await byName('G-1001', 'CIGRE UK grid conference');
    const review = async () => (await request(app).get('/members/G-1001/review?year=2024').set(auth('reviewer'))).body.review;
    const r0 = await review();
    const bad = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'endDate', value: '21/05/2024', reason: 'test' });
    expect(bad.status).toBe(200);
    expect((bad.body.record as Rec).gaps).toContainEqual({ field: 'endDate', code: 'out_of_range', severity: 'error', message: 'the end date 21 May 2024 is before the start date 22 May 2024', raw: '21/05/2024' });
    // Saved (the reviewer may be mid-fix), but the response names the new error (trial finding 1a) ...
    expect(bad.body.newProblems).toEqual([{ field: 'endDate', code: 'out_of_range', severity: 'error', message: 'the end date 21 May 2024 is before the start date 22 May 2024', raw: '21/05/2024' }]);
    // ... and the criteria no longer count the conference's 10 h, and say so (trial finding 1b).
    const r1 = await review();
    expect([r1.criteria.hours.figures.completedHours, r1.criteria.hours.figures.activities]).toEqual([r0.criteria.hours.figures.completedHours - 10, r0.criteria.hours.figures.activities - 1]);
    expect(r1.criteria.hours.figures.dateErrors.map((x: { activityName: string; note: string }) => [x.activityName, x.note])).toEqual([
      // the conference just corrected and Tomasz's HVDC webinar (see the first correction test), in the member's record order
      ['CIGRE UK grid conference', 'end 2024-05-21 is before the start 2024-05-22'],
      ["=HYPERLINK(\"http://example.invalid\",\"Webinar on HVDC\")’", 'end 2024-06-10 is before the start 2024-06-12'],
    ]);
    expect(r1.criteria.yearPlacement.outcome).toBe('not_assessable');
    expect(r1.criteria.yearPlacement.summary).toContain('2 activities with impossible dates (CIGRE UK grid conference; ');
    expect(r1.criteria.yearPlacement.summary).toContain(') are not counted in any year: correct their dates');
    expect(r1.criteria.twaves.figures.hours.E).toBe(r0.criteria.twaves.figures.hours.E - 10);
    const good = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'endDate', value: '2024-05-23', reason: 'back' });
    expect((good.body.record as Rec).gaps.filter((g) => g.code === 'out_of_range')).toEqual([]);
    expect(good.body.newProblems).toEqual([]);
    const r2 = await review();
    expect([r2.criteria.hours.figures.completedHours, r2.criteria.hours.figures.dateErrors.length]).toEqual([r0.criteria.hours.figures.completedHours, 1]);
  });

  it('refuses what the normalisers cannot read with 422 and a clear message; nothing changes', async () => {
    const r = await byName('G-1001', 'Reading BS 7671 Amendment 2');
    const cases: [string, string | null, string][] = [
      ['startDate', '31/02/2024', 'the start date "31/02/2024" could not be read: 31 February 2024 does not exist (February 2024 has 29 days; read day first)'],
      ['startDate', 'TBC', '"TBC" is a placeholder, not a start date: type a date such as 3 March 2024, or leave it empty'],
      ['startDate', '5–9 July 2024', '"5–9 July 2024" is a range of dates: type the start date alone (the start and end dates have a field each)'],
      ['hours', '2-3', 'the hours "2-3" could not be read: a range (2–3), not one value: the hours spent must be recorded as one number'],
      ['hours', '0', '0 hours: CPD hours must be more than 0'],
      ['twaves', 'X', '"X" is not a TWAVES category: type T, W, A, V, E or S (or a name such as "Training courses")'],
      ['ukSpec', 'B3, F9', 'F9 is not a UK-SPEC competence code: codes run A1–A2, B1–B3, C1–C4, D1–D3, E1–E5'],
      ['skillType', 'technical', '"technical" does not say whether the technical skill is personal or for the job role: type technical-personal or technical-job'],
      ['status', '', 'the status cannot be empty: type completed or planned'],
      ['hours', '2', 'the CPD hours is already 2: nothing to correct (to keep it and clear its gap, accept the gap instead)'],
    ];
    for (const [field, value, message] of cases) {
      const res = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field, value, reason: 'try' });
      expect([field, value, res.status, res.body]).toEqual([field, value, 422, { error: { code: 'invalid_value', message } }]);
    }
    const after = await byName('G-1001', 'Reading BS 7671 Amendment 2');
    expect(after).toEqual(r);
    const audit = await request(app).get(`/records/${r.id}/audit`).set(auth('reviewer'));
    expect(audit.body.audit).toEqual([]);
  });

  it('malformed bodies are 400: no reason, an unknown field, a value of the wrong type', async () => {
    const r = await byName('G-1001', 'Reading BS 7671 Amendment 2');
    const noReason = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'hours', value: '3' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe('body: reason: Invalid input: expected string, received undefined');
    const blank = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'hours', value: '3', reason: '  ' });
    expect(blank.body.error.message).toBe('body: reason: give a reason for the correction');
    const unknown = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'gaps', value: '[]', reason: 'x' });
    expect([unknown.status, unknown.body.error.message]).toEqual([400, 'body: field: "gaps" is not a record field a reviewer can correct (activityName, activityType, twaves, startDate, endDate, targetDate, hours, description, reflection, ukSpec, skillType, objective, status)']);
    const wrong = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).send({ field: 'hours', value: 3, reason: 'x' });
    expect(wrong.status).toBe(400);
    const notJson = await request(app).patch(`/records/${r.id}`).set(auth('reviewer')).set('Content-Type', 'application/json').send('{');
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'invalid_json']);
  });
});

describe('accepting a gap', () => {
  it('marks the duplicate accepted with a note (audited), keeps the value; the hours are no longer doubtful', async () => {
    const before = await request(app).get('/members/A-2002/review?year=2024').set(auth('reviewer'));
    expect(before.body.review.criteria.hours.figures.doubtfulHours).toBe(1.5);
    const webinars = (await records('A-2002')).filter((r) => r.activityName === 'IET webinar: Cyber security for OT networks');
    expect(webinars).toHaveLength(2);
    for (const w of webinars) {
      const dup = w.gaps.find((g) => g.code === 'duplicate')!;
      const res = await request(app).post(`/records/${w.id}/accept`).set(auth('reviewer')).send({ field: dup.field, code: dup.code, message: dup.message, note: 'two sessions of the same webinar series' });
      expect(res.status).toBe(200);
      const shown = (res.body.record as Rec).gaps.find((g) => g.field === null)!;
      expect(shown).toEqual({ field: null, code: 'accepted', severity: 'info', message: `${dup.message} — accepted (was warning duplicate) by Rita Reviewer on ${new Date().toISOString().slice(0, 10)}: two sessions of the same webinar series` });
      expect((res.body.record as Rec).hours).toBe(1.5);
    }
    const after = await request(app).get('/members/A-2002/review?year=2024').set(auth('reviewer'));
    expect(after.body.review.criteria.hours.figures.doubtfulHours).toBe(0);
    const audit = await request(app).get(`/records/${webinars[0]!.id}/audit`).set(auth('memberB'));
    expect(audit.body.audit.map((a: { action: string; detail: { code: string; note: string } }) => [a.action, a.detail.code, a.detail.note])).toEqual([['gap.accept', 'duplicate', 'two sessions of the same webinar series']]);
    // accepting it again, or a gap that is not there, is refused
    const dup = webinars[0]!.gaps.find((g) => g.code === 'duplicate')!;
    const again = await request(app).post(`/records/${webinars[0]!.id}/accept`).set(auth('reviewer')).send({ ...dup, note: 'again' });
    expect([again.status, again.body.error]).toEqual([422, { code: 'invalid_gap', message: 'this gap is already accepted' }]);
    const none = await request(app).post(`/records/${webinars[0]!.id}/accept`).set(auth('reviewer')).send({ field: 'hours', code: 'invalid', message: 'x', note: 'y' });
    expect(none.body.error.message).toBe('the record has no such gap (it may have been recomputed by a correction): reload the record');
    const noNote = await request(app).post(`/records/${webinars[0]!.id}/accept`).set(auth('reviewer')).send({ ...dup, note: '' });
    expect([noNote.status, noNote.body.error.message]).toEqual([400, 'body: note: give a note saying why the gap is accepted']);
  });

  it('the accepted gap shows in the XLSX export as an info fill with its comment', async () => {
    const res = await request(app).get('/members/A-2002/export.xlsx?year=2024').set(auth('memberB')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('Records')!;
    const heads = (ws.getRow(1).values as unknown[]).slice(1);
    const gapsCol = heads.indexOf('Gaps') + 1;
    const row = ws.getRow(2);
    expect(row.getCell(heads.indexOf('Activity name') + 1).value).toBe('IET webinar: Cyber security for OT networks');
    const note = row.getCell(gapsCol).note;
    const text = typeof note === 'string' ? note : (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
    expect(text).toContain('INFO (accepted): exact duplicate of sheet \'CPD Log 2024\' row 13 — accepted (was warning duplicate) by Rita Reviewer');

    // the Review sheet: one row per criterion
    const rv = wb.getWorksheet('Review')!;
    expect(rv.getRow(1).getCell(1).value).toBe('Annual CPD review 2024: member A-2002');
    expect((rv.getRow(6).values as unknown[]).slice(1, 3)).toEqual(['CPD hours', '✔ met']);
    // 37.25 h + 5 h (NEBOSH corrected from 30 to 35 h above) = 42.25 h; the duplicates are accepted, so no doubtful hours
    expect(rv.getRow(6).getCell(3).value).toBe('42.25 h of completed CPD in 2024 from 7 activities; 30 h required (professionally active)');
  });
});

describe('activity status per member and year', () => {
  it('defaults to active; set to reduced (audited) it changes the requirement to 10 h', async () => {
    const d = await request(app).get('/members/A-2002/years/2024').set(auth('memberB'));
    expect(d.body).toEqual({ memberId: 'A-2002', year: 2024, activityStatus: { value: 'active', source: 'default', note: null, setBy: null, setAt: null } });
    const put = await request(app).put('/members/A-2002/years/2024').set(auth('staff')).send({ activityStatus: 'reduced', note: 'retired in 2023, consultancy work' });
    expect(put.status).toBe(200);
    expect(put.body.activityStatus).toMatchObject({ value: 'reduced', source: 'setting', note: 'retired in 2023, consultancy work' });
    const rev = await request(app).get('/members/A-2002/review?year=2024').set(auth('memberB'));
    expect([rev.body.activityStatus.value, rev.body.review.activityStatus, rev.body.review.criteria.hours.figures.required]).toEqual(['reduced', 'reduced', 10]);
    // other years keep the default
    const y2025 = await request(app).get('/members/A-2002/review?year=2025').set(auth('memberB'));
    expect(y2025.body.review.criteria.hours.figures.required).toBe(30);
    const bad = await request(app).put('/members/A-2002/years/2024').set(auth('staff')).send({ activityStatus: 'retired' });
    expect(bad.status).toBe(400);
    const badYear = await request(app).get('/members/A-2002/review?year=24').set(auth('staff'));
    expect([badYear.status, badYear.body.error.code]).toEqual([400, 'bad_year']);
    // No period: the body's period ending with the current year (the IET: this calendar year).
    const noYear = await request(app).get('/members/A-2002/review').set(auth('staff'));
    const thisYear = new Date().getUTCFullYear();
    expect([noYear.status, noYear.body.year, noYear.body.period, noYear.body.body]).toEqual([200, thisYear, { from: `${thisYear}-01-01`, to: `${thisYear}-12-31`, label: String(thisYear), year: thisYear, years: 1 }, { id: 'iet', name: expect.any(String), source: 'default' }]);
  });
});

describe('files and exports', () => {
  it('GET /imports/:id/file returns the original bytes as an attachment', async () => {
    const res = await request(app).get(`/imports/${imports.grace}/file`).set(auth('memberA')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(sha256Hex(res.body as Buffer)).toBe(sha256Hex(GRACE));
    expect(res.headers['content-disposition']).toBe('attachment; filename="grace-lindqvist-cpd-2024.xlsx"; filename*=UTF-8\'\'grace-lindqvist-cpd-2024.xlsx');
  });

  it('member-year CSV: only that year, both files, corrected values, formula injection neutralised', async () => {
    const res = await request(app).get('/members/G-1001/export.csv?year=2024').set(auth('memberA'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="G-1001-2024-records.csv"');
    const text = res.text;
    expect(text).toContain('Cable sizing software training');
    expect(text).toMatch(/Cable sizing software training,Training,T,2024-03-03,2024-03-03,/);
    expect(text).not.toContain('Earthing design seminar'); // 2023
    expect(text).not.toContain('Data analytics for engineers course'); // 2025
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""Webinar on HVDC"")’"`);
    const json = await request(app).get('/members/G-1001/export.json?year=2024').set(auth('memberA'));
    expect(JSON.parse(json.text).map((r: { file: string; records: unknown[] }) => [r.file, r.records.length])).toEqual([
      ['grace-lindqvist-cpd-2024.xlsx', 11],
      ['tomasz-nowak-cpd.csv', 5],
    ]);
  });

  it('member-year export includes the undated records the page lists under every year (service trial 3)', async () => {
    const json = await request(app).get('/members/A-2002/export.json?year=2024').set(auth('reviewer'));
    const names = (JSON.parse(json.text) as { records: { activityName: string | null; startDate: string | null }[] }[]).flatMap((r) => r.records);
    expect(names.filter((r) => r.startDate === null && r.activityName === 'Site visit to Dinorwig power station')).toHaveLength(1);
  });
});

describe('unknown member ids (trial finding 7)', () => {
  it('a mistyped or unknown member id is a 404 "no such member" on the records, review, status and export routes, not an empty "Not met" review', async () => {
    for (const id of ['m2002', 'M9999']) {
      for (const path of [`/members/${id}/records`, `/members/${id}/review?year=2024`, `/members/${id}/years/2024`, `/members/${id}/export.json?year=2024`]) {
        const res = await request(app).get(path).set(auth('reviewer'));
        expect([path, res.status, res.body.error?.code, res.body.error?.message]).toEqual([path, 404, 'not_found', `no such member: ${id}`]);
      }
      const put = await request(app).put(`/members/${id}/years/2024`).set(auth('reviewer')).send({ activityStatus: 'reduced' });
      expect([put.status, put.body.error?.message]).toEqual([404, `no such member: ${id}`]);
    }
    // A known member still works.
    expect((await request(app).get('/members/G-1001/review?year=2024').set(auth('reviewer'))).status).toBe(200);
  });
});
