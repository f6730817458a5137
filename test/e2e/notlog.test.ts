/**
 * A file that holds no CPD log, through the running service (API + worker, real PostgreSQL and Redis) and the review
 * page in Chromium: the import is `done` with no error, no records, and the file-level note saying what the file
 * looks like — in `GET /imports/:id`, in the imports list, and on the page beside the import's status.
 *
 * A screenshot goes to test-output/ (gitignored). Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it when missing).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/start.js';
import { createTestDatabase, testConfig, uniquePrefix, waitFor } from '../helpers/service.js';
import { createUser } from '../../src/services/users.js';
import { launchChromium } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '../..');
const CERTIFICATE = 'certificate-of-completion.pdf';
const CODE = 'export-records.csv';
/** A log with columns that map to no record field (Provider, Instructor, Course URL). */
const WIDE = 'titlecase-bracket-headings.csv';
const NOTE =
  'the file looks like a certificate of completion, not a CPD log: certificate wording (“CERTIFICATE OF COMPLETION”, “This is to certify that”, “has successfully completed”); one person named (Jordan Blake); one course or event (“Functional Safety Fundamentals (IEC 61508 and IEC 61511)”); a signature line. No records were imported.';

let service: Service;
let dropDb: () => Promise<void>;
let browser: Browser;
let staff = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = await createTestDatabase('notlog');
  dropDb = db.drop;
  service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('notlog') }), { api: true, worker: true });
  staff = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  for (const [dir, file] of [['notlog', CERTIFICATE], ['notlog', CODE], ['corpus', WIDE]] as const) {
    const res = await request(service.url!).post('/imports').set('Authorization', `Bearer ${staff}`).field('memberId', 'N-1').attach('file', readFileSync(join(ROOT, 'fixtures', dir, file)), file);
    expect(res.status).toBe(202);
    ids[file] = res.body.imports[0].importId as string;
  }
  for (const id of Object.values(ids)) {
    await waitFor(`import ${id}`, async () => {
      const imp = await service.store.imports.get(id);
      return imp && (imp.status === 'done' || imp.status === 'failed') ? imp : undefined;
    }, 60_000);
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
  await service?.close(2_000);
  await dropDb?.();
});

describe('a certificate and a program uploaded as CPD logs', () => {
  it('GET /imports/:id: done, no error, no records, the note among the file gaps', async () => {
    const res = await request(service.url!).get(`/imports/${ids[CERTIFICATE]}`).set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', progress: 100, error: null, format: 'pdf', summary: { records: 0, completed: 0, planned: 0, recordsWithGaps: 0, totalHours: 0 } });
    expect(res.body.fileGaps).toEqual([{ field: null, code: 'no_activities', severity: 'info', message: NOTE }]);
    const recs = await request(service.url!).get(`/imports/${ids[CERTIFICATE]}/records`).set('Authorization', `Bearer ${staff}`);
    expect(recs.body.records).toEqual([]);
  });

  it('source code named .csv: done, a code note', async () => {
    const res = await request(service.url!).get(`/imports/${ids[CODE]}`).set('Authorization', `Bearer ${staff}`);
    expect(res.body).toMatchObject({ status: 'done', error: null, format: 'csv', summary: { records: 0 } });
    expect(res.body.fileGaps.filter((g: { code: string }) => g.code === 'no_activities').map((g: { severity: string; message: string }) => [g.severity, g.message.split(':')[0]])).toEqual([['info', 'the file looks like source code, not a CPD log']]);
  });

  it('the review page shows the note beside the status, as a note', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${service.url}/`);
    await page.getByLabel('API key').fill(staff);
    await page.getByRole('button', { name: 'Open' }).click();
    const row = page.locator('table.imports tbody tr', { hasText: CERTIFICATE });
    await row.locator('td.status-done').waitFor({ timeout: 30_000 });
    expect(await row.locator('td.status-done .file-note.info').textContent()).toBe(`● Note: ${NOTE}`);
    expect(await row.locator('td.num').allTextContents()).toEqual(['0', '0']);
    // A log with columns kept in extras names them beside its status (no column dropped quietly).
    const wide = page.locator('table.imports tbody tr', { hasText: WIDE });
    expect(await wide.locator('td.status-done .file-note.warning').textContent()).toBe('▲ Warning: kept in extras, no record field: B "Provider", C "Instructor", H "Course URL"');
    expect(errors).toEqual([]);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-output/review-not-a-log.png'), fullPage: true });
    await page.close();
  });
});
