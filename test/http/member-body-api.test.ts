/**
 * A member's professional body (issue 16 §3) through the API, on the embedded PGlite store: `PUT /members/:id/body`
 * (staff and admins; audited), `GET /members/:id/review` answering the member's body, the period (given, or the
 * body's own) and that body's criteria; the default body from the `DEFAULT_BODY` setting. The roles are tried in
 * the role matrix of test/http/reviewer-api.test.ts.
 *
 * The member is fictional: Dominic Okafor-Hale, a chartered surveyor, whose log has a Formal/Informal column. The
 * figures are worked by hand beside each assertion (the RICS rules: 20 h a calendar year, 10 of them formal; the
 * NMC's: 35 h over 3 years, 20 of them participatory — docs/domain/RULESETS.md).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { importFile } from '../../src/pipeline/import.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';

// 2024: 1.5 + 4 + 7 + 3 + 1 + 2 = 18.5 h; formal (the column, or the type): 1.5 + 7 + 1 = 9.5 h; informal 4 + 3 = 7 h;
// "Team knowledge share" says neither (2 h). 2022: one 6 h workshop, outside a 2024 review.
const LOG = `Date,Activity,Type,Formal/Informal,Hours,Reflection
14/06/2022,Infection control workshop,Workshop,Formal,6,Learnt how the new cleaning protocol cuts infection risk on site and will brief the team on it
07/02/2024,RICS webinar: valuation standards,Webinar,Formal,1.5,Learnt how the revised Red Book changes our valuation reports and will update our templates next month
15/03/2024,Reading RICS Journal articles,Reading,Informal,4,Learnt about new dispute resolution practice and will apply it to the next contract review
21/05/2024,Construction contracts course,Course,Formal,7,Learnt how the NEC4 options allocate risk and will use them when advising clients this year
09/07/2024,Site visit with mentor,Site visit,Informal,3,Learnt how to read defects on site and will apply it in my next condition survey report
30/09/2024,Ethics module,,Formal,1,Learnt how the conflicts of interest rules apply to our firm and will check them at every instruction
12/11/2024,Team knowledge share,,,2,Learnt how colleagues price risk in tenders and will share my own notes at the next session
`;

const MEMBER = 'D-4004';
const RICS = 'RICS (Royal Institution of Chartered Surveyors)';
const IET = 'The IET (Institution of Engineering and Technology)';

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<'staff' | 'admin' | 'reviewer', string> = { staff: '', admin: '', reviewer: '' };

function appWith(defaultBody: string | undefined): Express {
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  return createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 1024 * 1024, maxFilesPerRequest: 3 }, ...(defaultBody === undefined ? {} : { defaultBody }) });
}

const as = (who: keyof typeof keys) => ({ Authorization: `Bearer ${keys[who]}` });
const review = (query: string, on: Express = app) => request(on).get(`/members/${MEMBER}/review${query}`).set(as('reviewer'));
const setBody = (body: string | null, who: keyof typeof keys = 'staff') => request(app).put(`/members/${MEMBER}/body`).set(as(who)).send({ body });
const summaries = (res: request.Response) => (res.body.review.criteria as { key: string; outcome: string; summary: string }[]).map((c) => [c.key, c.outcome, c.summary]);

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('member-body'), { attempts: 1, backoffMs: 100 });
  app = appWith(loadConfig({}).defaultBody);
  keys.staff = (await createUser(store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.admin = (await createUser(store, { role: 'admin', name: 'Ada Admin' })).key;
  keys.reviewer = (await createUser(store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  const bytes = Buffer.from(LOG);
  const name = 'dominic-okafor-hale-cpd.csv';
  const imp = await createImport(store, { memberId: MEMBER, uploadedBy: null, fileName: name, bytes, sha256: sha256Hex(bytes), force: false });
  await storeImportResult(store, imp.importId, await importFile(bytes, name, { today: '2025-02-01' }));
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

describe("a member's body decides their review", () => {
  it('with none set, the default (the IET): the annual review as before, 18.5 h of 30 h', async () => {
    const res = await review('?year=2024');
    expect(res.status).toBe(200);
    expect([res.body.body, res.body.period, res.body.year]).toEqual([{ id: 'iet', name: IET, source: 'default' }, { from: '2024-01-01', to: '2024-12-31', label: '2024', year: 2024, years: 1 }, 2024]);
    expect([res.body.review.criteria.hours.outcome, res.body.review.criteria.hours.figures.completedHours, res.body.review.criteria.hours.figures.required]).toEqual(['not_met', 18.5, 30]);
  });

  it('set to RICS by staff (audited), the review gives the RICS figures: 18.5 h of 20 h, 9.5 h formal of 10 h', async () => {
    const put = await setBody('rics');
    expect([put.status, put.body]).toEqual([200, { memberId: MEMBER, body: { id: 'rics', name: RICS, source: 'member' } }]);
    const res = await review('?period=2024');
    expect([res.status, res.body.body, res.body.period, res.body.review.body, res.body.review.overall]).toEqual([200, { id: 'rics', name: RICS, source: 'member' }, { from: '2024-01-01', to: '2024-12-31', label: '2024', year: 2024, years: 1 }, { id: 'rics', name: RICS }, 'not_met']);
    expect(summaries(res)).toEqual([
      ['hours', 'not_met', '18.5 h of completed CPD in 2024 from 6 activities; 20 h required: 1.5 h short'],
      ['class_hours:formal', 'not_assessable', '9.5 h formal in 2024 (7 h informal, 2 h on 1 activity that do not say); at least 10 h formal required: say whether the unclassified activities are formal to decide'],
      ['mandated_topics', 'met', 'ethics: 1 activity (1 inferred) in 2022-01-01 to 2024-12-31; at least 1 on each required'],
    ]);
    expect(res.body.review.criteria[1].source).toBe('RICS CPD requirements: at least 10 of the 20 h formal');
    expect(res.body.review.counts).toEqual({ records: 7, inPeriod: 6, completed: 6, otherPeriods: 1, undated: 0, duplicates: 0 });
    // ?year= answers the same as ?period=YYYY
    expect((await review('?year=2024')).body).toEqual(res.body);
    const audit = await store.audit.list('member', MEMBER);
    expect(audit.filter((a) => a.action === 'member.body').map((a) => a.detail)).toEqual([{ oldValue: null, newValue: 'rics' }]);
  });

  it('changed to the NMC by an admin: 3 years ending with the year asked, or exactly the days of a period', async () => {
    expect((await setBody('nmc', 'admin')).body.body).toEqual({ id: 'nmc', name: 'NMC (Nursing and Midwifery Council)', source: 'member' });
    // 2022–2024: 18.5 + 6 = 24.5 h of 35; participatory (workshop, course) 6 + 7 = 13 h, individual (reading) 4 h,
    // 1.5 + 3 + 1 + 2 = 7.5 h say neither: 13 + 7.5 ≥ 20 → not assessable
    const three = await review('?year=2024');
    expect([three.body.year, three.body.period]).toEqual([2024, { from: '2022-01-01', to: '2024-12-31', label: '2022-01-01 to 2024-12-31', years: 3 }]);
    expect(summaries(three).slice(0, 2)).toEqual([
      ['hours', 'not_met', '24.5 h of completed CPD in 2022-01-01 to 2024-12-31 from 7 activities; 35 h required: 10.5 h short'],
      ['class_hours:participatory', 'not_assessable', '13 h participatory in 2022-01-01 to 2024-12-31 (4 h individual, 7.5 h on 4 activities that do not say); at least 20 h participatory required: say whether the unclassified activities are participatory to decide'],
    ]);
    // 2023-01-01..2024-12-31 leaves the 2022 workshop out: 18.5 h; the status that applies is 2024's
    const days = await review('?period=2023-01-01..2024-12-31');
    expect([days.status, days.body.year, days.body.period.label, days.body.review.criteria[0].figures.completedHours]).toEqual([200, 2024, '2023-01-01 to 2024-12-31', 18.5]);
  });

  it('without a period, the body\'s period ending with the current year', async () => {
    const y = new Date().getUTCFullYear();
    const res = await review('');
    expect([res.status, res.body.year, res.body.period]).toEqual([200, y, { from: `${y - 2}-01-01`, to: `${y}-12-31`, label: `${y - 2}-01-01 to ${y}-12-31`, years: 3 }]);
  });

  it("the year's XLSX export reviews the member's body in its Review sheet: the NMC over 2022–2024, or the period asked; a bad period is a 400", async () => {
    const sheetOf = async (query: string) => {
      const res = await request(app).get(`/members/${MEMBER}/export.xlsx${query}`).set(as('reviewer')).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      if (res.status !== 200) return { status: res.status, rows: [] as unknown[][], error: JSON.parse((res.body as Buffer).toString()) as unknown };
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
      const ws = wb.getWorksheet('Review')!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return { status: res.status, rows, error: null };
    };
    const y = await sheetOf('?year=2024');
    expect(y.rows.slice(0, 3)).toEqual([['CPD review 2022-01-01 to 2024-12-31 — NMC (Nursing and Midwifery Council): member D-4004'], ['Period', '2022-01-01 to 2024-12-31'], ['Overall', '✖ not met']]);
    // The same figures as GET /members/:id/review?year=2024 above: 24.5 h of 35, each with its rule.
    expect(y.rows[4]).toEqual(['CPD hours', '✖ not met', '24.5 h of completed CPD in 2022-01-01 to 2024-12-31 from 7 activities; 35 h required: 10.5 h short', 'NMC revalidation: at least 35 h of CPD in the 3 years since the last renewal']);
    expect(y.rows.slice(4).map((r) => r[0])).toEqual(['CPD hours', 'Participatory CPD hours', 'What each activity records']);
    const days = await sheetOf('?year=2024&period=2023-01-01..2024-12-31');
    expect([days.rows[0], (days.rows[4] as string[])[2]]).toEqual([['CPD review 2023-01-01 to 2024-12-31 — NMC (Nursing and Midwifery Council): member D-4004'], '18.5 h of completed CPD in 2023-01-01 to 2024-12-31 from 6 activities; 35 h required: 16.5 h short']);
    const bad = await sheetOf('?year=2024&period=2025-03-31..2022-04-01');
    expect([bad.status, bad.error]).toEqual([400, { error: { code: 'bad_period', message: 'the period ends (2022-04-01) before it starts (2025-03-31)' } }]);
  });

  it('set back to null, the default applies again; each change has its audit line', async () => {
    const put = await setBody(null);
    expect(put.body).toEqual({ memberId: MEMBER, body: { id: 'iet', name: IET, source: 'default' } });
    expect((await review('?year=2024')).body.review.criteria.hours.figures.required).toBe(30);
    const audit = await store.audit.list('member', MEMBER);
    expect(audit.filter((a) => a.action === 'member.body').map((a) => [a.detail, a.userId !== null])).toEqual([
      [{ oldValue: null, newValue: 'rics' }, true],
      [{ oldValue: 'rics', newValue: 'nmc' }, true],
      [{ oldValue: 'nmc', newValue: null }, true],
    ]);
  });

  it('the default body comes from the DEFAULT_BODY setting: a member with none set is reviewed as RICS', async () => {
    const ricsByDefault = appWith(loadConfig({ DEFAULT_BODY: 'rics' }).defaultBody);
    const res = await review('?year=2024', ricsByDefault);
    expect([res.body.body, res.body.review.criteria[0].summary]).toEqual([{ id: 'rics', name: RICS, source: 'default' }, '18.5 h of completed CPD in 2024 from 6 activities; 20 h required: 1.5 h short']);
    const listed = await request(ricsByDefault).get('/bodies').set(as('reviewer'));
    expect(listed.body.bodies.filter((b: { default: boolean }) => b.default).map((b: { id: string }) => b.id)).toEqual(['rics']);
  });

  it('GET /bodies lists the thirteen bodies to choose from, the IET first and the default marked', async () => {
    const res = await request(app).get('/bodies').set(as('reviewer'));
    expect(res.body.bodies.map((b: { id: string }) => b.id)).toEqual(['iet', 'cibse', 'cipd', 'engineers-australia', 'engineers-ireland', 'hcpc', 'ice', 'imeche', 'istructe', 'nmc', 'riba', 'rics', 'science-council']);
    expect(res.body.bodies[0]).toEqual({ id: 'iet', name: IET, period: 'a calendar year', default: true });
    expect(res.body.bodies.find((b: { id: string }) => b.id === 'nmc')).toEqual({ id: 'nmc', name: 'NMC (Nursing and Midwifery Council)', period: '3 years', default: false });
  });
});

describe('bad requests', () => {
  it('an unknown body, or no body field, is a 400 and changes nothing', async () => {
    const unknown = await setBody('rcvs');
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'bad_request']);
    expect(unknown.body.error.message).toMatch(/^body: body: /);
    const missing = await request(app).put(`/members/${MEMBER}/body`).set(as('staff')).send({});
    expect(missing.status).toBe(400);
    expect((await review('?year=2024')).body.body.id).toBe('iet');
  });

  it('an unknown member is a 404', async () => {
    const res = await request(app).put('/members/Z-9999/body').set(as('staff')).send({ body: 'rics' });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
  });

  it('a malformed or reversed period, both period and year, or days for the IET are 400 bad_period with the reason', async () => {
    const cases: [string, string][] = [
      ['?period=2024-13-01..2024-12-31', 'a period is two dates YYYY-MM-DD..YYYY-MM-DD, not "2024-13-01..2024-12-31"'],
      ['?period=last-year', 'a period is two dates YYYY-MM-DD..YYYY-MM-DD, not "last-year"'],
      ['?period=2024&year=2024', 'give the period as ?period=YYYY or ?period=YYYY-MM-DD..YYYY-MM-DD (or ?year=YYYY), not both'],
      ['?period=2023-04-01..2024-03-31', `${IET} reviews a calendar year: give period=YYYY or year=YYYY, not 2023-04-01 to 2024-03-31`],
    ];
    await setBody('nmc');
    const reversed = await review('?period=2025-03-31..2022-04-01');
    expect([reversed.status, reversed.body.error]).toEqual([400, { code: 'bad_period', message: 'the period ends (2022-04-01) before it starts (2025-03-31)' }]);
    await setBody(null);
    for (const [q, message] of cases) {
      const res = await review(q);
      expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'bad_period']);
      expect(res.body.error.message).toBe(message);
    }
  });
});
