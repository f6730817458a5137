/**
 * E-mail and zip uploads through the running service (issue 15 §4; API + in-process worker, real Redis and
 * PostgreSQL): the upload is kept whole, its parts become imports of their own linked to it, `GET /imports/:id` lists
 * them with their status, a part that cannot be read (a zip slip path) is failed with its reason while the others
 * are read, and the original upload stays downloadable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportView } from '../../src/store/repositories/imports.js';
import type { Service } from '../../src/start.js';
import { createUser } from '../../src/services/users.js';
import { startServiceRig, waitFor, type ServiceRig } from '../helpers/service.js';

const DIR = join(import.meta.dirname, '../../fixtures/intake');
let rig: ServiceRig;
let service: Service;
let key = '';

beforeAll(async () => {
  rig = await startServiceRig('parts');
  service = rig.service;
  key = (await createUser(service.store, { role: 'staff' })).key;
});

afterAll(async () => {
  await rig?.close();
});

async function upload(name: string): Promise<string> {
  const res = await request(service.url!).post('/imports').set('Authorization', `Bearer ${key}`).field('memberId', 'M-INTAKE').attach('file', readFileSync(join(DIR, name)), name);
  expect(res.status).toBe(202);
  return res.body.imports[0].importId as string;
}

/** `GET /imports/:id` once the upload and every part are finished. */
async function allFinished(id: string): Promise<ImportView> {
  return waitFor(`upload ${id} and its parts to finish`, async () => {
    const res = await request(service.url!).get(`/imports/${id}`).set('Authorization', `Bearer ${key}`);
    const v = res.body as ImportView;
    const done = (s: string): boolean => s === 'done' || s === 'failed';
    return done(v.status) && (v.parts ?? []).length > 0 && v.parts!.every((p) => done(p.status)) ? v : undefined;
  }, 60_000);
}

describe('an e-mail uploaded by staff for a member', () => {
  it('is one upload with its parts beneath it, each imported with its records; the original downloadable', async () => {
    const id = await upload('priya-raman-cpd-email.eml');
    const v = await allFinished(id);
    expect([v.status, v.format, v.summary?.records, v.fileGaps.map((g) => g.message)]).toEqual([
      'done',
      'eml',
      0,
      ['the e-mail holds 2 parts, each imported on its own'],
    ]);
    expect(v.parts!.map((p) => [p.file, p.status, p.format, p.summary?.records, p.summary?.totalHours, p.parent])).toEqual([
      ['Priya Raman CPD 2026.xlsx', 'done', 'xlsx', 3, 12, id],
      ['message body.html', 'done', 'html', 2, 2.5, id],
    ]);
    const recs = await request(service.url!).get(`/imports/${v.parts![1]!.importId}/records`).set('Authorization', `Bearer ${key}`);
    expect((recs.body.records as { activityName: string }[]).map((r) => r.activityName)).toEqual(['Mentored an apprentice on pipeline pigging', 'Webinar: cathodic protection surveys']);
    const file = await request(service.url!).get(`/imports/${id}/file`).set('Authorization', `Bearer ${key}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(file.body as Buffer, readFileSync(join(DIR, 'priya-raman-cpd-email.eml')))).toBe(0);
    const member = await request(service.url!).get('/members/M-INTAKE/records?year=2026').set('Authorization', `Bearer ${key}`);
    expect((member.body.records as unknown[]).length).toBe(5);
  });
});

describe('a zip with a zip slip entry', () => {
  it('reads the safe file; the slip entry is a failed part with its reason', async () => {
    const id = await upload('zip-slip.zip');
    const v = await allFinished(id);
    expect(v.fileGaps.map((g) => g.message)).toEqual(["the zip archive holds 2 parts, each imported on its own (1 could not be: see each part's error)"]);
    expect(v.parts!.map((p) => [p.file, p.status, p.summary?.records ?? null, p.error])).toEqual([
      ['cpd.csv', 'done', 1, null],
      ['../../../home/user/cpd-old.csv', 'failed', null, { code: 'unsupported_format', message: 'its path inside the archive climbs out of the archive\'s folder (../../../home/user/cpd-old.csv, a "zip slip"), so it is not read' }],
    ]);
  });
});
