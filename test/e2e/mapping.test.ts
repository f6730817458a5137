/**
 * The mapping step on the review page (issue 11 §5) in a real browser (Debian's chromium through playwright-core),
 * against the running service (API + worker, real PostgreSQL and Redis). Staff with exports of one system whose
 * headings say nothing (`Col A` … `Col D`): upload one for member T-1, open its mapping, give two columns their
 * fields from the keyboard, preview the first records, tick "remember for files like this", apply and see the new
 * version's records; a second export with the same headings, for member T-2, is read right at once (the template
 * named); withdrawing it takes its records out of T-2's year. A record marked as not a CPD activity is struck
 * through and counted again, each with a required reason. Screenshots go to test-output/ (gitignored), or to
 * docs/img with UPDATE_DOCS_IMG=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanDate } from '../../src/pipeline/build.js';
import { createUser } from '../../src/services/users.js';
import type { Service } from '../../src/start.js';
import { signIn, startBrowserRig, type BrowserRig } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test-output');
const DOCS_IMG = process.env.UPDATE_DOCS_IMG === '1' ? join(ROOT, 'docs/img') : OUT;

/** One system's export: nothing in its headings says what a column holds. */
const EXPORT_1 = Buffer.from(
  'Col A,Col B,Col C,Col D\n' +
    'Arc flash refresher,14/02/2024,Course,Learnt the new PPE categories and will update our permit forms\n' +
    'Webinar on cable sizing,01/03/2024,Webinar,Grouping factors matter more than I thought\n' +
    'Substation site visit,05/06/2024,Visit,Saw the new protection relays in service\n',
);
/** A member's own log: other headings (no template fits), minutes in the last column (read as minutes by their values). */
const MEMBER_LOG = Buffer.from(
  'Col A,Col B,Col C,Col D,Col E\n' +
    'Arc flash refresher,14/02/2024,Course,Learnt the new PPE categories and will update our permit forms,180\n' +
    'Webinar on cable sizing,01/03/2024,Webinar,Grouping factors matter more than I thought,90\n' +
    'Substation site visit,05/06/2024,Visit,Saw the new protection relays in service,240\n',
);
/** The member's second export of the same system (the same headings). */
const MEMBER_LOG_2 = Buffer.from(
  'Col A,Col B,Col C,Col D,Col E\n' +
    'Relay testing workshop,09/09/2024,Course,Practised secondary injection on distance relays,360\n' +
    'Podcast on grid inertia,23/10/2024,Podcast,Synthetic inertia from batteries is closer than I thought,45\n',
);
/** The export gives no hours: every record says so (the TWAVES category is inferred from the type once it is read). */
const NO_HOURS = '✖ Error (missing): no CPD hours';
/** Another member's export of the same system. */
const EXPORT_2 = Buffer.from('Col A,Col B,Col C,Col D\nCable jointing course,07/10/2024,Course,Practised resin joints on 11 kV cable\nEarthing design seminar,12/11/2024,Seminar,Compared TN-C-S and TT earthing for EV chargers\n');

let rig: BrowserRig;
let service: Service;
let browser: Browser;
let staffKey = '';
let memberKey = '';

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  rig = await startBrowserRig('mapping_page');
  ({ service, browser } = rig);
  staffKey = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  memberKey = (await createUser(service.store, { role: 'member', memberId: 'W-3', name: 'Wren Member' })).key;
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

/** Uploads `bytes` as `name` (for `memberId` when staff upload) from the imports page and waits until it is read. */
async function upload(page: Page, name: string, bytes: Buffer, memberId?: string): Promise<void> {
  await page.getByLabel('CPD log file(s)').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  if (memberId !== undefined) await page.getByLabel('Member id', { exact: true }).first().fill(memberId);
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.locator('table.imports tbody tr', { hasText: name }).locator('td.status-done').waitFor({ timeout: 60_000 });
}

/** The text of each cell of a records table (`#id`), row by row, by the fields shown. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) => rows.map((r) => Array.from((r as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
}

/** The values of one field in the records grid, by row (a row is drawn twice: pinned and scrolling; each cell once). */
async function gridValues(page: Page, field: string): Promise<string[]> {
  return page.locator(`#records .ag-row .ag-cell[col-id="${field}"] .value`).allTextContents();
}

/** The id of the focused element. */
function focused(page: Page): Promise<string> {
  return page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;
}

describe('the mapping step in Chromium', () => {
  it('columns nobody described: fields chosen from the keyboard, preview, remember, apply → the new records; the next export read right at once; withdrawn → gone from the year', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await signIn(page, service.url!, staffKey);
    await upload(page, 'export-1.csv', EXPORT_1, 'T-1');
    const row = page.locator('table.imports tbody tr', { hasText: 'export-1.csv' });
    // Two columns went nowhere: the list names them.
    expect(await row.locator('.file-note.warning').textContent()).toBe('▲ Warning: kept in extras, no record field: C "Col C", D "Col D"');

    // The mapping view: each column's heading, samples, field, how and how sure, why.
    await row.getByRole('link', { name: 'Mapping of export-1.csv (correct it, or withdraw the import)' }).click();
    await page.getByRole('heading', { name: 'Mapping of export-1.csv' }).waitFor();
    const columns = page.locator('table.mapping tbody tr');
    expect(await columns.locator('th').allTextContents()).toEqual(['A Col A', 'B Col B', 'C Col C', 'D Col D']);
    expect(await columns.nth(2).locator('.samples li').allTextContents()).toEqual(['Course', 'Webinar', 'Visit']);
    const fieldOf = (letter: string, heading: string) => page.getByLabel(`Field for column ${letter} “${heading}”`);
    expect([await fieldOf('A', 'Col A').inputValue(), await fieldOf('B', 'Col B').inputValue(), await fieldOf('C', 'Col C').inputValue(), await fieldOf('D', 'Col D').inputValue()]).toEqual(['activityName', 'startDate', '', '']);
    expect(await columns.nth(1).locator('td.how').textContent()).toBe("the column's values · 80 % sure");
    // Unmapped columns holding values are highlighted, in words too.
    expect(await page.locator('table.mapping tr.unmapped-content').evaluateAll((rs) => rs.map((r) => (r as unknown as { dataset: { heading: string } }).dataset.heading))).toEqual(['Col C', 'Col D']);
    expect(await columns.nth(3).locator('.lost').textContent()).toBe(' ▲ not mapped: its values are kept in extras only');
    await page.screenshot({ path: join(DOCS_IMG, 'mapping-view.png'), fullPage: true });

    // From the keyboard: Tab from column A's field to column C's, type the field's name; Tab, the next.
    await fieldOf('A', 'Col A').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('map-0-2');
    await page.keyboard.type('Type');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('map-0-3');
    await page.keyboard.type('Reflection');
    expect([await fieldOf('C', 'Col C').inputValue(), await fieldOf('D', 'Col D').inputValue()]).toEqual(['activityType', 'reflection']);
    expect(await page.locator('table.mapping tr.unmapped-content').count()).toBe(0);
    // The person's choice says so, not the tool's old reason.
    expect(await columns.nth(2).locator('td.reason').textContent()).toBe('Set by you to Type; read before as not mapped');
    // Then the reading options, remember, Preview, Apply: in the order they are on screen.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('date-order');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('hours-per-day');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('remember');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Remember for files like this').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('preview');
    await page.keyboard.press('Enter');

    // The preview: the first records as they would read; nothing saved; announced.
    const previewStatus = page.locator('#preview-status');
    expect(await previewStatus.getAttribute('role')).toBe('status');
    await expect.poll(() => previewStatus.textContent()).toBe('Preview: 3 records would be read; the first 3 are shown below. Nothing is saved yet.');
    expect(await page.locator('#preview-records thead th').allTextContents()).toEqual(['Row', 'Status', 'Activity', 'Type', 'TWAVES', 'Start date', 'End date', 'Reflection', 'Gaps']);
    expect(await tableRows(page, 'preview-records')).toEqual([
      ['2', 'completed', 'Arc flash refresher', 'Course', 'T', '2024-02-14', '2024-02-14', 'Learnt the new PPE categories and will update our permit forms', NO_HOURS],
      ['3', 'completed', 'Webinar on cable sizing', 'Webinar', 'T', '2024-03-01', '2024-03-01', 'Grouping factors matter more than I thought', NO_HOURS],
      ['4', 'completed', 'Substation site visit', 'Visit', 'E', '2024-06-05', '2024-06-05', 'Saw the new protection relays in service', NO_HOURS],
    ]);
    const before = (await (await fetch(`${service.url}/imports`, { headers: { Authorization: `Bearer ${staffKey}` } })).json()) as { imports: unknown[] };
    expect(before.imports).toHaveLength(1);
    await page.screenshot({ path: join(DOCS_IMG, 'mapping-preview.png'), fullPage: true });

    // Apply and re-read: progress announced, then the new version's records.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('apply');
    await page.keyboard.press('Enter');
    const rereadStatus = page.locator('#reread-status');
    expect(await rereadStatus.getAttribute('role')).toBe('status');
    await expect.poll(() => rereadStatus.textContent(), { timeout: 60_000 }).toBe("Read again: 3 records. The new version replaces the old one in member T-1's records; the mapping is remembered for files like this.");
    expect(await tableRows(page, 'reread-records')).toEqual([
      ['2', 'completed', 'Arc flash refresher', 'Course', 'T', '2024-02-14', '2024-02-14', 'Learnt the new PPE categories and will update our permit forms', NO_HOURS],
      ['3', 'completed', 'Webinar on cable sizing', 'Webinar', 'T', '2024-03-01', '2024-03-01', 'Grouping factors matter more than I thought', NO_HOURS],
      ['4', 'completed', 'Substation site visit', 'Visit', 'E', '2024-06-05', '2024-06-05', 'Saw the new protection relays in service', NO_HOURS],
    ]);
    const templates = (await (await fetch(`${service.url}/templates`, { headers: { Authorization: `Bearer ${staffKey}` } })).json()) as { templates: { savedAt: string; columns: Record<string, string | null> }[] };
    expect(templates.templates.map((t) => t.columns)).toEqual([{ 'Col A': 'activityName', 'Col B': 'startDate', 'Col C': 'activityType', 'Col D': 'reflection' }]);

    // The new records in T-1's year; one marked as not a CPD activity (a reason required), struck through, counted again.
    await page.getByRole('link', { name: "Open member T-1's records" }).click();
    await page.getByRole('heading', { name: 'Member T-1 — CPD year 2024' }).waitFor();
    await expect.poll(() => gridValues(page, 'activityType')).toEqual(['Course', 'Webinar', 'Visit']);
    expect(await gridValues(page, 'reflection')).toEqual(['Learnt the new PPE categories and will update our permit forms', 'Grouping factors matter more than I thought', 'Saw the new protection relays in service']);
    const webinar = page.locator('#records .ag-row', { hasText: 'Webinar on cable sizing' });
    const rowIndex = await webinar.first().getAttribute('row-index');
    await page.locator(`#records .ag-row[row-index="${rowIndex}"] .ag-cell[col-id="record"]`).click();
    await page.getByRole('button', { name: 'Mark as not a CPD activity…' }).click();
    expect(await focused(page)).toMatch(/^ex-.*-reason$/);
    await page.keyboard.press('Enter');
    expect(await page.locator('form.confirm [role="alert"]').textContent()).toBe('A reason is required.');
    expect(await page.getByLabel('Why is this not a CPD activity?').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.type('a sales webinar, not learning');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announce').textContent()).toMatch(/^Record #\d marked as not a CPD activity: it counts nowhere; criteria updated\.$/);
    expect(await page.locator(`#records .ag-row[row-index="${rowIndex}"]`).first().getAttribute('class')).toContain('excluded');
    expect(await page.locator(`#records .ag-row[row-index="${rowIndex}"] .ag-cell[col-id="activityName"] .value`).evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { textDecorationLine: string } }).getComputedStyle(e).textDecorationLine)).toBe('line-through');
    expect(await page.locator('.excluded-note').textContent()).toMatch(/^Not a CPD activity — excluded by Sam Staff on \d{1,2} \w{3} \d{4}: a sales webinar, not learning\. It counts nowhere\.$/);
    await page.screenshot({ path: join(OUT, 'mapping-excluded.png'), fullPage: true });
    await page.getByRole('button', { name: 'Count it again…' }).click();
    await page.getByLabel('Why does it count again?').fill('it was the IET webinar after all');
    await page.getByRole('button', { name: 'Count record again' }).click();
    await expect.poll(() => page.locator('#announce').textContent()).toMatch(/^Record #\d counts again; criteria updated\.$/);
    expect(await page.locator(`#records .ag-row[row-index="${rowIndex}"]`).first().getAttribute('class')).not.toContain('excluded');
    expect(await page.locator('.excluded-note').count()).toBe(0);

    // A second member's export of the same system: read right at once, the template named.
    await page.getByRole('link', { name: '← All imports' }).click();
    await upload(page, 'export-2.csv', EXPORT_2, 'T-2');
    const second = page.locator('table.imports tbody tr', { hasText: 'export-2.csv' });
    expect(await second.locator('.file-note').allTextContents()).toEqual([`● Note: columns of export-2.csv read with the template saved by Sam Staff on ${humanDate(templates.templates[0]!.savedAt.slice(0, 10))}`]);
    expect(await second.locator('td.num').allTextContents()).toEqual(['2', '2']);
    await page.goto(`${service.url}/#/members/T-2/2024`);
    await page.getByRole('heading', { name: 'Member T-2 — CPD year 2024' }).waitFor();
    await expect.poll(() => gridValues(page, 'activityName')).toEqual(['Cable jointing course', 'Earthing design seminar']);
    expect(await gridValues(page, 'activityType')).toEqual(['Course', 'Seminar']);

    // Withdrawn (a confirmation, a reason required): its records leave T-2's year.
    await page.goto(`${service.url}/#/`);
    await page.locator('table.imports tbody tr', { hasText: 'export-2.csv' }).getByRole('link', { name: /^Mapping of export-2\.csv/ }).click();
    await page.getByRole('heading', { name: 'Mapping of export-2.csv' }).waitFor();
    await page.getByRole('button', { name: 'Withdraw this import…' }).click();
    expect(await focused(page)).toBe('withdraw-reason');
    await page.keyboard.press('Enter');
    expect(await page.locator('#withdraw-error').textContent()).toBe('A reason is required.');
    await page.getByLabel('Why is this import withdrawn?').fill('sent to the wrong member');
    await page.getByRole('button', { name: 'Withdraw import' }).click();
    const withdrawnRow = page.locator('table.imports tbody tr', { hasText: 'export-2.csv' });
    await expect.poll(() => withdrawnRow.locator('td.status-withdrawn').textContent()).toMatch(/^withdrawn by Sam Staff: sent to the wrong member/);
    // A withdrawn import's records are exported nowhere: no XLSX link, and no second Withdraw.
    expect([await withdrawnRow.getByRole('button', { name: /as XLSX$/ }).count(), await withdrawnRow.getByRole('button', { name: /^Withdraw/ }).count()]).toEqual([0, 0]);
    expect(await page.locator('#announce').textContent()).toBe("Withdrawn: export-2.csv. Its records no longer count in member T-2's year.");
    await page.goto(`${service.url}/#/members/T-2/2024`);
    await page.getByRole('heading', { name: 'Member T-2 — CPD year 2024' }).waitFor();
    await expect.poll(() => page.locator('#records').getAttribute('data-loaded')).toBe('true');
    expect(await gridValues(page, 'activityName')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a member with two exports of one system: minutes read as minutes, a column corrected and applied to the other export too; the wrong upload withdrawn from the list', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await signIn(page, service.url!, memberKey);
    await upload(page, 'my-export.csv', MEMBER_LOG);
    await upload(page, 'my-export-2.csv', MEMBER_LOG_2);
    // The list counts the file's own gaps with the records': 10 + 2 warnings (columns C and D unplaced), 14 + 1 notes (the date order).
    const first = page.locator('table.imports tbody tr', { hasText: 'my-export.csv' });
    expect(await first.locator('td.counts').textContent()).toBe('✖ 0 errors▲ 12 warnings● 15 notes');
    await first.getByRole('link', { name: /^Mapping of my-export\.csv/ }).click();
    await page.getByRole('heading', { name: 'Mapping of my-export.csv' }).waitFor();
    expect(await page.locator('#remember').count()).toBe(0);
    expect(await page.getByText("Staff remember mappings for everyone's files with these headings; your correction applies to this import.").count()).toBe(1);
    // Col E: minutes by their values, and a unit select beside the hours (none beside other fields).
    const unitE = page.getByLabel('Unit of the hours in column E “Col E”');
    expect([await unitE.isVisible(), await unitE.inputValue(), await page.getByLabel('Unit of the hours in column A “Col A”').isVisible()]).toEqual([true, 'minutes', false]);
    expect(await page.locator('table.mapping tbody tr[data-heading="Col E"] td.reason').textContent()).toBe('content: 3 of 3 values are numbers of a size for hours; read as minutes: 3 of 3 values are whole numbers of 30 or more on activities dated to one day (as hours, up to 240 h in a day)');
    await page.getByLabel('Field for column D “Col D”').selectOption('reflection');
    await page.getByRole('button', { name: 'Apply and re-read' }).click();
    await expect.poll(() => page.locator('#reread-status').textContent(), { timeout: 60_000 }).toBe("Read again: 3 records. The new version replaces the old one in member W-3's records.");
    expect(await page.locator('#reread-records td[data-field="reflection"]').allTextContents()).toEqual(['Learnt the new PPE categories and will update our permit forms', 'Grouping factors matter more than I thought', 'Saw the new protection relays in service']);
    // The member's other export of the same shape is offered, ticked; re-read with this mapping.
    expect(await page.locator('#similar-title').textContent()).toBe('1 other import was read in the same shape');
    expect(await page.locator('.similar-list li label').allTextContents()).toEqual([expect.stringMatching(/^my-export-2\.csv — member W-3, uploaded \d{4}-\d{2}-\d{2}$/)]);
    expect(await page.getByLabel(/^my-export-2\.csv/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Re-read the ticked imports with this mapping' }).click();
    await expect.poll(() => page.locator('#similar-status').textContent()).toBe('1 import is being read again as new versions; the list of imports shows their progress.');

    // The wrong upload is withdrawn from its row in the list (a reason required); no export is offered for it then.
    await page.getByRole('link', { name: '← All imports' }).click();
    const current = page.locator('table.imports tbody tr:not(.withdraw-row)', { hasText: 'my-export.csv' }).first();
    await current.getByRole('button', { name: 'Withdraw my-export.csv…' }).click();
    expect(await focused(page)).toMatch(/^withdraw-.*-reason$/);
    await page.keyboard.press('Enter');
    expect(await page.locator('form.confirm [role="alert"]').textContent()).toBe('A reason is required.');
    await page.keyboard.type('wrong year: this is my 2023 log');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announce').textContent()).toBe("Withdrawn: my-export.csv. Its records no longer count in member W-3's year.");
    const withdrawn = page.locator('table.imports tbody tr.withdrawn', { hasText: 'my-export.csv' });
    expect(await withdrawn.locator('td.status-withdrawn').allTextContents()).toEqual(['withdrawn by Wren Member: wrong year: this is my 2023 log▲ Warning: kept in extras, no record field: C "Col C"']);
    expect(await withdrawn.getByRole('button', { name: /as XLSX$/ }).count()).toBe(0);
    // Its year keeps the other export, read again with the reflection column.
    await page.goto(`${service.url}/#/members/W-3/2024`);
    await page.getByRole('heading', { name: 'Member W-3 — CPD year 2024' }).waitFor();
    await expect.poll(() => gridValues(page, 'activityName'), { timeout: 60_000 }).toEqual(['Relay testing workshop', 'Podcast on grid inertia']);
    expect(await gridValues(page, 'reflection')).toEqual(['Practised secondary injection on distance relays', 'Synthetic inertia from batteries is closer than I thought']);
    expect(await gridValues(page, 'hours')).toEqual(['6 h', '0.75 h']);
    await page.screenshot({ path: join(OUT, 'mapping-member-similar.png'), fullPage: true });
    await page.close();
  }, 120_000);
});
