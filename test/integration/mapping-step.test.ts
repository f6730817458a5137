/**
 * Issue 11's API "done when", through the API alone (real PostgreSQL, Redis, worker and pipeline threads): a file
 * whose headings the tool cannot know ("Col A" … "Col D") is uploaded and read wrongly (the activity type taken for
 * its name, the name left in extras); its mapping is read, a corrected one is put with `remember: true`, and the new
 * version's records carry the right values; a second member's file with the same headings is then read right at
 * once, the template named in an info gap; withdrawing it takes its records out of that member's year.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.js';
import { startService, type Service } from '../../src/start.js';
import { createTestDatabase, testConfig, uniquePrefix, waitFor } from '../helpers/service.js';

let db: { url: string; drop: () => Promise<void> };
let service: Service;
const keys: Record<'staff' | 'reviewer' | 'memberA' | 'memberB', string> = { staff: '', reviewer: '', memberA: '', memberB: '' };

const FIRST = Buffer.from(
  'Col A,Col B,Col C,Col D\n' +
    'Webinar,IET webinar on battery safety,12/03/2024,1.5\n' +
    'Site visit,Substation protection relays,02/04/2024,3\n' +
    'Mentoring,Chartership evidence with a graduate,15/05/2024,2\n' +
    'Course,Cable jointing on 11 kV,20/06/2024,6\n',
);
const SECOND = Buffer.from('Col A,Col B,Col C,Col D\nConference,IET Power Systems conference,10/09/2024,7\nReading,Wiring regulations amendment 3,01/10/2024,2\n');

interface Rec {
  activityName: string | null;
  activityType: string | null;
  startDate: string | null;
  hours: number | null;
  extras: Record<string, string>;
  importId: string;
}

function as(who: keyof typeof keys): Record<string, string> {
  return { Authorization: `Bearer ${keys[who]}` };
}

async function done(id: string, who: keyof typeof keys): Promise<{ status: string; fileGaps: { code: string; message: string }[] }> {
  return waitFor(`import ${id} to be read`, async () => {
    const res = await request(service.url!).get(`/imports/${id}`).set(as(who));
    return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
  });
}

beforeAll(async () => {
  db = await createTestDatabase('mapping');
  service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('mapping'), WORKER_CONCURRENCY: '1' }), { api: true, worker: true });
  keys.staff = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.reviewer = (await createUser(service.store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.memberA = (await createUser(service.store, { role: 'member', memberId: 'MS-A', name: 'Ada Member' })).key;
  keys.memberB = (await createUser(service.store, { role: 'member', memberId: 'MS-B', name: 'Ben Member' })).key;
});

afterAll(async () => {
  await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
  await service?.close(1_000);
  await db?.drop();
});

describe('the mapping step through the API', () => {
  it('corrects a wrongly read file, remembers the mapping, reads the next file of that shape right at once, and withdraws it', async () => {
    const api = request(service.url!);
    // 1. Member A uploads; the tool takes "Col A" (the activity type) for the name and leaves "Col B" in extras.
    const up = await api.post('/imports').set(as('memberA')).attach('file', FIRST, 'lms-export.csv');
    expect(up.status).toBe(202);
    const first = up.body.imports[0].importId as string;
    expect((await done(first, 'memberA')).status).toBe('done');
    const wrong = await api.get(`/imports/${first}/records`).set(as('memberA'));
    expect(wrong.body.records.map((r: Rec) => [r.activityName, r.extras['Col B'] ?? null])).toEqual([
      ['Webinar', 'IET webinar on battery safety'],
      ['Site visit', 'Substation protection relays'],
      ['Mentoring', 'Chartership evidence with a graduate'],
      ['Course', 'Cable jointing on 11 kV'],
    ]);

    // 2. The mapping shows it, with how and how sure.
    const mapping = await api.get(`/imports/${first}/mapping`).set(as('reviewer'));
    expect(mapping.status).toBe(200);
    expect(mapping.body.tables.map((t: { table: string; headerRow: number; columns: { heading: string; field: string | null; how: string; confidence: number; samples: string[] }[] }) => [t.table, t.headerRow, t.columns.map((c) => [c.heading, c.field, c.how, c.confidence, c.samples[0]])])).toEqual([
      [
        'lms-export.csv',
        1,
        [
          ['Col A', 'activityName', 'content', 0.5, 'Webinar'],
          ['Col B', null, 'unmapped', 0, 'IET webinar on battery safety'],
          ['Col C', 'startDate', 'content', 0.8, '12/03/2024'],
          ['Col D', 'hours', 'content', 0.45, '1.5'],
        ],
      ],
    ]);
    expect(mapping.body.options).toEqual({ dateOrder: 'auto', hoursPerDay: 6, timeZone: 'Europe/London', columns: {}, templates: [] });

    // 3. A reviewer puts the corrected mapping and asks for it to be remembered.
    const put = await api.put(`/imports/${first}/mapping`).set(as('reviewer')).send({ columns: { 'Col A': 'activityType', 'Col B': 'activityName' }, dateOrder: 'dmy', remember: true });
    expect(put.status).toBe(202);
    const second = put.body.importId as string;
    // No other import was read in this shape yet.
    expect(put.body).toEqual({ importId: second, supersedes: first, status: 'queued', similar: [] });
    expect((await done(second, 'memberA')).status).toBe('done');
    const year = await api.get('/members/MS-A/records?year=2024').set(as('memberA'));
    expect(year.body.records.map((r: Rec) => [r.importId, r.activityName, r.activityType, r.startDate, r.hours, r.extras])).toEqual([
      [second, 'IET webinar on battery safety', 'Webinar', '2024-03-12', 1.5, {}],
      [second, 'Substation protection relays', 'Site visit', '2024-04-02', 3, {}],
      [second, 'Chartership evidence with a graduate', 'Mentoring', '2024-05-15', 2, {}],
      [second, 'Cable jointing on 11 kV', 'Course', '2024-06-20', 6, {}],
    ]);
    const templates = await api.get('/templates').set(as('staff'));
    expect(templates.body.templates.map((t: { headings: string[]; columns: Record<string, string | null>; dateOrder: string | null; savedBy: string; fromImport: string }) => [t.headings, t.columns, t.dateOrder, t.savedBy, t.fromImport])).toEqual([
      [['Col A', 'Col B', 'Col C', 'Col D'], { 'Col A': 'activityType', 'Col B': 'activityName', 'Col C': 'startDate', 'Col D': 'hours' }, 'dmy', 'Rita Reviewer', second],
    ]);
    const savedAt = templates.body.templates[0].savedAt as string;

    // 4. Member B's export of the same system is read right at once, the template named.
    const upB = await api.post('/imports').set(as('memberB')).attach('file', SECOND, 'my-export.csv');
    const third = upB.body.imports[0].importId as string;
    const readB = await done(third, 'memberB');
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const [y, m, d] = savedAt.slice(0, 10).split('-').map(Number) as [number, number, number];
    expect(readB.fileGaps.filter((g) => g.code === 'template' || g.code === 'unmapped')).toEqual([
      { field: null, code: 'template', severity: 'info', message: `columns of my-export.csv read with the template saved by Rita Reviewer on ${d} ${months[m - 1]!} ${y}` },
    ]);
    const yearB = await api.get('/members/MS-B/records?year=2024').set(as('memberB'));
    expect(yearB.body.records.map((r: Rec) => [r.activityName, r.activityType, r.startDate, r.hours])).toEqual([
      ['IET Power Systems conference', 'Conference', '2024-09-10', 7],
      ['Wiring regulations amendment 3', 'Reading', '2024-10-01', 2],
    ]);

    // 5. Member B withdraws it: its records leave their year and review.
    const gone = await api.delete(`/imports/${third}`).set(as('memberB')).send({ reason: 'uploaded the wrong export' });
    expect([gone.status, gone.body.withdrawn.reason]).toEqual([200, 'uploaded the wrong export']);
    expect((await api.get('/members/MS-B/records?year=2024').set(as('memberB'))).body.records).toEqual([]);
    const review = await api.get('/members/MS-B/review?year=2024').set(as('memberB'));
    expect(review.body.review.criteria.hours.figures.completedHours).toBe(0);
    // member A's year is untouched
    expect((await api.get('/members/MS-A/records?year=2024').set(as('memberA'))).body.records.length).toBe(4);
  });
});
