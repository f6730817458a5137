/**
 * The dashboards on the review page (issue 17) in a real browser (Debian's chromium through playwright-core), against
 * the running service (API + worker, real PostgreSQL and Redis), on the three fictional members of
 * fixtures/dashboard/ (figures worked by hand in test/http/dashboard-api.test.ts): Priya Ramanathan's years as a
 * member sees them, and staff's picture of 2024. Every chart is an image naming its table, and each table is read
 * through the accessibility tree (`ariaSnapshot`), rows and cells as a screen reader meets them; a year links to its
 * records, a source shape to its files' mapping. Screenshots go to test-output/ (gitignored), or to docs/img with
 * UPDATE_DOCS_IMG=1.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { setMemberBody } from '../../src/services/member-body.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import type { Service } from '../../src/start.js';
import { sha256Hex } from '../../src/store/store.js';
import { signIn, startBrowserRig, type BrowserRig } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test-output');
const DOCS_IMG = process.env.UPDATE_DOCS_IMG === '1' ? join(ROOT, 'docs/img') : OUT;
const FIXTURES = join(ROOT, 'fixtures/dashboard');

let rig: BrowserRig;
let service: Service;
let browser: Browser;
let staffKey = '';
let priyaKey = '';

async function seed(memberId: string, file: string, uploaded: string, finished: string): Promise<void> {
  const bytes = readFileSync(join(FIXTURES, file));
  const imp = await createImport(service.store, { memberId, uploadedBy: null, fileName: file, bytes, sha256: sha256Hex(bytes), force: false });
  await storeImportResult(service.store, imp.importId, await importFile(bytes, file, { today: '2025-02-01' }));
  await service.store.db.execute(sql`update imports set created_at = ${uploaded}::timestamptz, finished_at = ${finished}::timestamptz where id = ${imp.importId}`);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  rig = await startBrowserRig('dashboard_page');
  ({ service, browser } = rig);
  staffKey = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  priyaKey = (await createUser(service.store, { role: 'member', memberId: 'P-5001', name: 'Priya Ramanathan' })).key;
  await seed('P-5001', 'priya-ramanathan-cpd.csv', '2024-12-02T09:00:00Z', '2024-12-02T09:00:04Z');
  await seed('H-5002', 'huw-pritchard-cpd.csv', '2024-12-03T10:00:00Z', '2024-12-03T10:00:10Z');
  await seed('R-5003', 'rosa-delgado-cpd.csv', '2024-11-20T08:30:00Z', '2024-11-20T08:30:02Z');
  await setMemberBody(service.store, 'R-5003', 'rics', 'test', 'iet');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

/** The rows of the table named `name` as the accessibility tree gives them (`- row "…"` lines of its aria snapshot). */
async function tableRows(page: Page, name: string): Promise<string[]> {
  const snap = await page.getByRole('table', { name, exact: true }).ariaSnapshot();
  if (process.env.SHOW_SNAPSHOT === '1') console.log(snap);
  // YAML: a row whose name holds a colon is quoted as a whole ('row "…"':), a quote inside doubled ('')
  return snap
    .split('\n')
    .map((l) => /^\s*- '?row "(.*)"'?:?$/.exec(l)?.[1]?.replaceAll("''", "'"))
    .filter((r): r is string => r !== undefined);
}

describe("a member's dashboard", () => {
  it('shows Priya her years in charts, each with its table read by the accessibility tree, and links a year to its records', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, service.url!, priyaKey);
    await page.getByRole('link', { name: 'Your CPD dashboard' }).click();
    await page.getByRole('heading', { name: 'CPD dashboard — member P-5001' }).waitFor();
    // Every chart is an image that names the table holding its numbers
    const charts = await page.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(charts).toEqual([
      'Hours per year against the requirement: chart; the table below gives its numbers',
      'Hours per TWAVES category, by year: chart; the table below gives its numbers',
      'Hours per skill type, by year: chart; the table below gives its numbers',
      'Planned against done: chart; the table below gives its numbers',
      'Reflections written: chart; the table below gives its numbers',
      'Criteria met each year: chart; the table below gives its numbers',
    ]);
    // 2023: 6 h, 24 short of 30; 2024: 32 h; 2025: only the plan entry
    expect(await tableRows(page, 'Hours per year against the requirement')).toEqual([
      'Year Hours Required Short by Activities',
      '2023: the records 6 30 (30 h a year (professionally active)) 24 1',
      '2024: the records 32 30 (30 h a year (professionally active)) 0 4',
      '2025: the records 0 30 (30 h a year (professionally active)) 30 0',
    ]);
    expect(await tableRows(page, 'Hours per TWAVES category, by year')).toEqual([
      'Year T: Training courses W: Work experience A: Academic study V: Volunteering E: Events S: Self-study No category',
      '2023: the records 6 0 0 0 0 0 0',
      '2024: the records 18 8 0 6 0 0 0',
      '2025: the records 0 0 0 0 0 0 0',
    ]);
    expect(await tableRows(page, 'Hours per skill type, by year')).toContain('2024: the records 8 14 10 0');
    // the 10 h review planned for November 2024 was missed; the 7 h course of March 2025 too, by now
    expect(await tableRows(page, 'Planned against done')).toEqual(['Year Planned Done Open Missed', '2023: the records 0 0 0 0', '2024: the records 10 0 0 10', '2025: the records 7 0 0 7']);
    expect(await tableRows(page, 'Reflections written')).toContain('2024: the records 4 4 3 1 0');
    expect((await tableRows(page, 'Criteria met each year'))[2]).toBe('2024: the records ✔ met ✔ met ✖ not met ✖ not met ✖ not met ✔ met ✖ not met ✔ met 4 of 8');
    await page.screenshot({ path: join(DOCS_IMG, 'dashboard-member.png'), fullPage: true });
    // a year in a table is the way to its records
    await page.getByRole('table', { name: 'Hours per year against the requirement', exact: true }).getByRole('link', { name: '2024: the records' }).click();
    await page.getByRole('heading', { name: 'Member P-5001 — CPD year 2024' }).waitFor();
    // a member has no group dashboard: the API refuses, the page says so
    await page.goto(`${service.url!}/#/dashboard/2024`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/staff, reviewer or admin|not allowed|forbidden|role/i);
    await page.close();
  });
});

describe("a group's dashboard", () => {
  it("shows staff 2024: members' hours, criteria met, the common gaps and the files that gave them, imports over time", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, service.url!, staffKey);
    await page.getByRole('link', { name: 'Group CPD dashboard (every member, or one body)' }).click();
    await page.getByLabel('Year').fill('2024');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'CPD dashboard — 2024' }).waitFor();
    await expect(page.locator('#dash-summary').textContent()).resolves.toContain('2024, every member: 3 members, 3 with records in the year; completed hours: mean 22.67 h, median 22 h.');
    expect(await tableRows(page, "Members' completed hours")).toEqual(['Hours Members', '0 h 0', '0–10 h 0', '10–20 h 1', '20–30 h 1', '30–40 h 1', '40–50 h 0', '50–60 h 0', '60 h or more 0']);
    const criteria = await tableRows(page, 'Share of members meeting each criterion');
    const starts = ['Criterion Members it applies to Met Share How it is counted', 'CPD hours 3 2 67 % completed hours', 'Range of TWAVES categories 2 1 50 % completed', 'UK-SPEC competences 2 1 50 % at least', 'Reflections 2 0 0 % every completed'];
    expect(criteria.map((r, i) => r.startsWith(starts[i]!) || r)).toEqual(starts.map(() => true));
    expect(await tableRows(page, 'Most common gaps')).toEqual([
      'Field and code Severity Gaps Records Members',
      'description: missing warning 4 4 2',
      'reflection: missing warning 3 3 1',
      'hours: missing error 1 1 1',
      'targetDate: out_of_range warning 1 1 1',
    ]);
    const sources = await tableRows(page, 'Source shapes giving the most gaps');
    expect(sources[1]).toBe('1. csv: Date, Activity, Category, Hours, Reflection 1 4 7 1.75 description: missing (3); reflection: missing (3); hours: missing (1) Mapping of file 1 of shape 1');
    expect(await tableRows(page, 'Imports by month and status')).toEqual(['Month done', '2024-11 1', '2024-12 2']);
    expect(await tableRows(page, 'Time from upload to records (seconds)')).toEqual(['Imports Median 90th percentile Mean Longest', '3 4 8.8 5.3 10']);
    await page.screenshot({ path: join(DOCS_IMG, 'dashboard-group.png'), fullPage: true });
    // one body's members
    await page.getByLabel('Body').selectOption('rics');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#dash-summary').textContent()).toContain('members of RICS (Royal Institution of Chartered Surveyors): 1 members');
    // the file behind the worst shape opens in the mapping view
    await page.goto(`${service.url!}/#/dashboard/2024`);
    await page.getByRole('link', { name: 'Mapping of file 1 of shape 1' }).click();
    await page.getByRole('heading', { name: 'Mapping of huw-pritchard-cpd.csv' }).waitFor();
    await page.close();
  });
});
