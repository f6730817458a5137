/**
 * Tryout 15 through the running service (API + in-process worker, real Redis and PostgreSQL): an upload's status
 * says what became of its parts (finding 8), a part's records keep its full name in their source (finding 7), and a
 * calendar invitation — in an e-mail or uploaded alone — reads as one part whose events are activities (finding 5).
 * Fixtures: fixtures/intake/tryout15/ (the tester's e-mails, fictional people).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CpdRecord } from '../../src/domain/index.js';
import type { ImportView } from '../../src/store/repositories/imports.js';
import type { Service } from '../../src/start.js';
import { createUser } from '../../src/services/users.js';
import { startServiceRig, waitFor, type ServiceRig } from '../helpers/service.js';

const DIR = join(import.meta.dirname, '../../fixtures/intake/tryout15');
let rig: ServiceRig;
let service: Service;
let key = '';

beforeAll(async () => {
  rig = await startServiceRig('mail15');
  service = rig.service;
  key = (await createUser(service.store, { role: 'staff' })).key;
});

afterAll(async () => {
  await rig?.close();
});

async function upload(name: string, member: string): Promise<string> {
  const res = await request(service.url!).post('/imports').set('Authorization', `Bearer ${key}`).field('memberId', member).attach('file', readFileSync(join(DIR, name)), name);
  expect(res.status).toBe(202);
  return res.body.imports[0].importId as string;
}

/** `GET /imports/:id` once the upload and every part are finished. */
async function finished(id: string, container = true): Promise<ImportView> {
  return waitFor(`upload ${id} and its parts to finish`, async () => {
    const v = (await request(service.url!).get(`/imports/${id}`).set('Authorization', `Bearer ${key}`)).body as ImportView;
    const done = (s: string): boolean => s === 'done' || s === 'failed';
    return done(v.status) && (!container || (v.parts ?? []).length > 0) && (v.parts ?? []).every((p) => done(p.status)) ? v : undefined;
  }, 120_000);
}

async function records(id: string): Promise<CpdRecord[]> {
  return (await request(service.url!).get(`/imports/${id}/records`).set('Authorization', `Bearer ${key}`)).body.records as CpdRecord[];
}

describe('an e-mail whose only part failed (finding 8)', () => {
  it('says so: partsOutcome failed, "done — 1 of 1 part failed"', async () => {
    const v = await finished(await upload('m17-outlook-winmail-dat.eml', 'M-WINMAIL'));
    expect(v.parts!.map((p) => [p.file, p.status, p.error?.message])).toEqual([
      ['winmail.dat', 'failed', 'an Outlook winmail.dat (rich-text wrapper): ask the sender to resend with plain attachments'],
    ]);
    expect(v.partsOutcome).toEqual({ total: 1, done: 0, failed: 1, unread: 0, records: 0, status: 'failed', words: 'done — 1 of 1 part failed' });
  });
});

describe('a zip of folders attached to an e-mail (finding 7)', () => {
  it('each record keeps the part\'s full name in source.file; every part read', async () => {
    const v = await finished(await upload('m10-zip-folders.eml', 'M-LIWEI'));
    const q1 = v.parts!.find((p) => p.file === 'Li Wei CPD.zip/Li Wei CPD/2026/q1.csv')!;
    expect((await records(q1.importId)).map((r) => [r.activityName, r.source.file])).toEqual([
      ['Seismic design webinar', 'm10-zip-folders.eml › Li Wei CPD.zip/Li Wei CPD/2026/q1.csv'],
      ['Mentoring apprentice', 'm10-zip-folders.eml › Li Wei CPD.zip/Li Wei CPD/2026/q1.csv'],
    ]);
    expect([v.partsOutcome?.status, v.partsOutcome?.failed, v.partsOutcome?.unread]).toEqual(['done', 0, 0]);
  });
});

describe('a calendar invitation (finding 5)', () => {
  it('in an e-mail: one part, its event an activity', async () => {
    const v = await finished(await upload('m13-calendar-invite-ics.eml', 'M-ANNA'));
    expect(v.parts!.map((p) => [p.file, p.status, p.format, p.summary?.records])).toEqual([['invite.ics', 'done', 'ics', 1]]);
    expect(v.partsOutcome?.words).toBe('done — 1 part read');
    expect((await records(v.parts![0]!.importId)).map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['IET webinar: Battery energy storage safety', '2026-06-10', '2026-06-10', 1.5],
    ]);
  });

  it('a standalone .ics upload reads the same way', async () => {
    const v = await finished(await upload('late-webinar-and-conference.ics', 'M-ICS'), false);
    expect([v.status, v.format, v.summary?.records]).toEqual(['done', 'ics', 2]);
    expect((await records(v.importId)).map((r) => [r.activityName, r.startDate, r.endDate, r.hours, r.source.file])).toEqual([
      ['Late webinar', '2026-06-10', '2026-06-10', 1.5, 'late-webinar-and-conference.ics'],
      ['ICE conference', '2026-03-01', '2026-03-02', 12, 'late-webinar-and-conference.ics'],
    ]);
  });
});
