/**
 * Office files people still save in, through the running service (issue 15 §4; API + in-process worker, real Redis
 * and PostgreSQL). Where LibreOffice is installed, a `.doc`, `.ods` or `.rtf` upload is taken (202), converted by the
 * worker (the pipeline's own conversion, src/pipeline/convert.ts) and read with the same records as the file it was
 * saved from, plus a `converted` note — on its own or inside a zip. Where it is not (hidden from the PATH), the upload
 * is refused (415) saying what to save it as and how to enable conversion, and nothing is stored. Without LibreOffice
 * on this machine the conversion tests fail unless CPD_SKIP_LIBREOFFICE=1 (test/helpers/libreoffice.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CpdRecord } from '../../src/domain/index.js';
import { ENABLE_CONVERSION } from '../../src/pipeline/convert.js';
import type { ImportView } from '../../src/store/repositories/imports.js';
import type { Service } from '../../src/start.js';
import { createUser } from '../../src/services/users.js';
import { libreOfficeHere, MISSING_LIBREOFFICE, withoutLibreOffice } from '../helpers/libreoffice.js';
import { startServiceRig, waitFor, type ServiceRig } from '../helpers/service.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string): Buffer => readFileSync(join(ROOT, path));
const here = libreOfficeHere();
let rig: ServiceRig;
let service: Service;
let key = '';

beforeAll(async () => {
  rig = await startServiceRig('convert');
  service = rig.service;
  key = (await createUser(service.store, { role: 'staff' })).key;
});

afterAll(async () => {
  await rig?.close();
});

/** `POST /imports` of one file for a member: the response. */
function upload(member: string, name: string, bytes: Buffer): request.Test {
  return request(service.url!).post('/imports').set('Authorization', `Bearer ${key}`).field('memberId', member).attach('file', bytes, name);
}

/** `GET /imports/:id` once it (and any parts) finished. */
async function finished(id: string): Promise<ImportView> {
  return waitFor(`import ${id} to finish`, async () => {
    const v = (await request(service.url!).get(`/imports/${id}`).set('Authorization', `Bearer ${key}`)).body as ImportView;
    const done = (s: string): boolean => s === 'done' || s === 'failed';
    return done(v.status) && (v.parts ?? []).every((p) => done(p.status)) && (v.format !== 'zip' || (v.parts ?? []).length > 0) ? v : undefined;
  }, 180_000);
}

/** An import's records as a reviewer reads them (provenance without the file name, which differs). */
async function recordsOf(id: string): Promise<unknown[]> {
  const res = await request(service.url!).get(`/imports/${id}/records`).set('Authorization', `Bearer ${key}`);
  return (res.body.records as (CpdRecord & { id?: string; importId?: string })[]).map(({ activityName, activityType, startDate, endDate, hours, status, twaves, reflection, gaps, source }) => ({
    activityName, activityType, startDate, endDate, hours, status, twaves, reflection, gaps, cells: source.cells,
  }));
}

describe('with LibreOffice: .doc, .ods and .rtf uploads are converted by the worker', () => {
  if (here === 'missing') {
    it('needs LibreOffice', () => {
      throw new Error(MISSING_LIBREOFFICE);
    });
    return;
  }
  it.skipIf(here === 'skip')('each reads with the records of the .docx/.xlsx it was saved from, and a converted note; the same inside a zip', async () => {
    const originals = { docx: 'fixtures/docx/table-log.docx', xlsx: 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx' } as const;
    const want: Record<string, unknown[]> = {};
    for (const [to, path] of Object.entries(originals)) {
      const res = await upload('M-ORIGINAL', path.split('/').pop()!, read(path));
      expect(res.status).toBe(202);
      const v = await finished(res.body.imports[0].importId as string);
      expect(v.status).toBe('done');
      want[to] = await recordsOf(v.importId);
    }
    for (const [name, to] of [['table-log.doc', 'docx'], ['aisha-okonkwo-cpd-2024.ods', 'xlsx'], ['table-log.rtf', 'docx']] as const) {
      const res = await upload('M-SAVED-AS', name, read(join('fixtures/converted', name)));
      expect([res.status, res.body.imports?.[0]?.file]).toEqual([202, name]);
      const v = await finished(res.body.imports[0].importId as string);
      expect([v.status, v.format, v.fileGaps[0]?.message]).toEqual(['done', to, `converted from .${name.split('.').pop()!} to .${to} by LibreOffice before reading`]);
      expect(await recordsOf(v.importId)).toEqual(want[to]);
    }
    // A zip holding an .xls and an .odt: each part converted and read.
    const zip = new JSZip();
    zip.file('2024/aisha-okonkwo-cpd-2024.xls', read('fixtures/converted/aisha-okonkwo-cpd-2024.xls'));
    zip.file('2024/table-log.odt', read('fixtures/converted/table-log.odt'));
    const res = await upload('M-ZIPPED', 'old-logs.zip', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(res.status).toBe(202);
    const v = await finished(res.body.imports[0].importId as string);
    expect(v.parts!.map((p) => [p.file, p.status, p.format, p.summary?.records, p.fileGaps[0]?.code])).toEqual([
      ['2024/aisha-okonkwo-cpd-2024.xls', 'done', 'xlsx', 11, 'converted'],
      ['2024/table-log.odt', 'done', 'docx', 6, 'converted'],
    ]);
    expect(await recordsOf(v.parts![0]!.importId)).toEqual(want.xlsx);
    expect(await recordsOf(v.parts![1]!.importId)).toEqual(want.docx);
  }, 400_000);
});

describe('without LibreOffice (hidden from the PATH)', () => {
  it.each([
    ['aisha-okonkwo-cpd-2024.xls', 'legacy Excel 97-2003 .xls workbook; save it as .xlsx'],
    ['table-log.odt', 'an OpenDocument text document (.odt); save it as .docx'],
  ])('%s is refused at upload (415), saying how to enable conversion; nothing stored', async (name, refusal) => {
    const res = await withoutLibreOffice(async () => upload('M-NO-LIBREOFFICE', name, read(join('fixtures/converted', name))));
    expect([res.status, res.body]).toEqual([415, { error: { code: 'unsupported_format', message: `${name}: ${refusal}, ${ENABLE_CONVERSION}` } }]);
    // Nothing stored: not even the member.
    const member = await request(service.url!).get('/members/M-NO-LIBREOFFICE/records?year=2024').set('Authorization', `Bearer ${key}`);
    expect(member.status).toBe(404);
  });
});
