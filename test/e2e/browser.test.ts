/**
 * The review page in a real browser (Debian's chromium through playwright-core), against the running service (API +
 * worker, real PostgreSQL and Redis): staff upload the Grace Lindqvist fixture for member G-1001 and wait for the
 * import; a reviewer opens the member's 2024 records, sees the highlighted gaps (colour, icon and the message on
 * focus), filters to the records with gaps, corrects the unreadable start date inline ("3rd March 2024"), and sees
 * the audit entry and the criteria updated; the member sees their own records without edit controls and cannot open
 * another member's page. Screenshots go to test-output/ (gitignored).
 *
 * Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it when missing).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/start.js';
import { signIn as signInAt, startBrowserRig, type BrowserRig } from '../helpers/browser.js';
import { createUser } from '../../src/services/users.js';
import { importFile, summarise } from '../../src/pipeline/import.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { sha256Hex } from '../../src/store/store.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'fixtures/review/grace-lindqvist-cpd-2024.xlsx');
const OUT = join(ROOT, 'test-output');
/** The README's screenshots of the grid at 1,400 and 800 px: written to docs/img with UPDATE_DOCS_IMG=1, else to test-output/. */
const DOCS_IMG = process.env.UPDATE_DOCS_IMG === '1' ? join(ROOT, 'docs/img') : OUT;

let rig: BrowserRig;
let service: Service;
let browser: Browser;
const keys: Record<'staff' | 'reviewer' | 'member' | 'other', string> = { staff: '', reviewer: '', member: '', other: '' };

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  rig = await startBrowserRig('browser');
  ({ service, browser } = rig);
  keys.staff = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.reviewer = (await createUser(service.store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.member = (await createUser(service.store, { role: 'member', memberId: 'G-1001', name: 'Grace Lindqvist' })).key;
  keys.other = (await createUser(service.store, { role: 'member', memberId: 'X-2002', name: 'Other Member' })).key;
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

/** Opens the page signed out (the key lives in sessionStorage) and signs in with `key`. */
async function signIn(page: Page, key: string): Promise<void> {
  await signInAt(page, service.url!, key);
}

/** The records grid of the page: rows shown, and one cell by the text of its row and the column's field. */
function grid(page: Page) {
  const box = page.locator('#records');
  return {
    // (a row is drawn twice: in the pinned record column and in the scrolling part; counted once by its index)
    rowCount: async () => new Set(await box.locator('.ag-row').evaluateAll((rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string }).getAttribute('row-index')))).size,
    async cell(text: string, colId: string) {
      const idx = await box.locator('.ag-row', { hasText: text }).first().getAttribute('row-index');
      return box.locator(`.ag-row[row-index="${idx}"] .ag-cell[col-id="${colId}"]`);
    },
    at: (rowIndex: number, colId: string) => box.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`),
    idAt: (rowIndex: number) => box.locator(`.ag-row[row-index="${rowIndex}"]`).first().getAttribute('row-id'),
  };
}

/** GET on the API with a key (outside the page). */
async function apiGet<T>(key: string, path: string): Promise<T> {
  const res = await fetch(`${service.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  return (await res.json()) as T;
}

describe('the review page in Chromium', () => {
  it('upload → wait → records with gaps → inline date correction → audit entry and updated criteria', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    // Staff upload the fixture for member G-1001 and wait for the import.
    await signIn(page, keys.staff);
    await page.getByLabel('CPD log file(s)').setInputFiles(FIXTURE);
    await page.getByLabel('Member id', { exact: true }).first().fill('G-1001');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText(/^Uploaded: grace-lindqvist-cpd-2024\.xlsx/).waitFor();
    const row = page.locator('table.imports tbody tr', { hasText: 'grace-lindqvist-cpd-2024.xlsx' });
    await row.locator('td.status-done').waitFor({ timeout: 60_000 });
    // 14 records, every one with a gap (missing descriptions etc.)
    await expect.poll(() => row.locator('td.num').allTextContents()).toEqual(['14', '13']);
    await page.screenshot({ path: join(OUT, 'review-imports.png'), fullPage: true });

    // A reviewer opens the member's records for 2024: the records grid (AG Grid, web/src/records-grid.ts).
    await signIn(page, keys.reviewer);
    await page.locator('table.imports tbody tr', { hasText: 'grace-lindqvist-cpd-2024.xlsx' }).getByRole('link', { name: 'Records' }).click();
    await page.getByRole('heading', { name: 'Member G-1001 — CPD year 2024' }).waitFor();
    const g = grid(page);
    // 8 completed + 2 planned in 2024, plus the undated record.
    await expect.poll(() => g.rowCount()).toBe(11);
    expect(await page.locator('#records [role="grid"], #records[role="grid"], #records .ag-root[role="grid"], #records [role="treegrid"]').count()).toBeGreaterThan(0);

    // The unreadable start date: an error cell with its icon; its message, source cell and text show on keyboard focus.
    const start = await g.cell('Cable sizing software training', 'startDate');
    expect(await start.getAttribute('class')).toContain('gap-error');
    expect(await start.locator('.gap-marker').textContent()).toBe('✖');
    await start.focus();
    const tip = page.locator('#grid-tip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toContain('31 February 2024 does not exist');
    expect(await tip.locator('.tip-title').textContent()).toMatch(/^Start date of record \d+ — from A14$/);
    // The same message is in the cell's text for screen readers.
    expect(await start.locator('.sr-only').allTextContents()).toEqual(['not read from the text: ', expect.stringContaining('31 February 2024 does not exist')]);
    await page.screenshot({ path: join(OUT, 'review-gap-on-focus.png') });
    // Esc closes the tip without moving focus (WCAG 1.4.13).
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    // The unreadable source text is shown struck through, not as "empty".
    expect(await start.locator('.unread s').textContent()).toBe('31/02/2024');

    // Criteria before: 43 h; the undated record makes the year placement not assessable.
    const hours = page.locator('[data-criterion="hours"]');
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('43 h of completed CPD in 2024 from 8 activities; 30 h required (professionally active)');
    expect(await page.locator('[data-criterion="yearPlacement"] .badge').textContent()).toBe('? Not assessable');

    // The filter: only records with unaccepted errors or warnings (notes alone do not count).
    await page.getByLabel('Only records with errors or warnings').check();
    // 6: Reading BS 7671 (no reflection), Toolbox talk (no TWAVES), Cable sizing (no date), two plan entries
    // whose target dates have passed, and Mentoring (a weak reflection: its ▲ counts too; service trial 3).
    await expect.poll(() => g.rowCount()).toBe(6);
    await page.getByLabel('Only records with errors or warnings').uncheck();
    await expect.poll(() => g.rowCount()).toBe(11);
    await page.screenshot({ path: join(OUT, 'review-records-before.png'), fullPage: true });

    // Correct the start date in its cell, from the keyboard: Enter edits, the value typed, Enter; the reason; Enter.
    await (await g.cell('Cable sizing software training', 'startDate')).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3rd March 2024');
    await page.keyboard.press('Enter');
    const reasonBox = page.getByLabel('Reason', { exact: true });
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.name')).toBe('reason');
    expect(await page.getByLabel(/^New start date/).inputValue()).toBe('3rd March 2024');
    await reasonBox.fill('the member confirmed the date by email');
    await page.keyboard.press('Enter');
    // The end date, taken from the start date, changes with it: said before anything is saved (issue 11 §6); Enter again saves both.
    const also = page.locator('form.correction .consequences');
    const why = 'no end date given; taken as the start date (a one-day activity)';
    await expect.poll(() => also.locator('[role="alert"] li').allTextContents()).toEqual([`end date (empty) → 2024-03-03 as a consequence of the start date (${why})`]);
    expect(await (await g.cell('Cable sizing software training', 'endDate')).locator('.value').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save all' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await g.cell('Cable sizing software training', 'startDate')).locator('.value').textContent()).toBe('2024-03-03');
    expect(await (await g.cell('Cable sizing software training', 'endDate')).locator('.value').textContent()).toBe('2024-03-03');
    expect(await (await g.cell('Cable sizing software training', 'startDate')).getAttribute('class')).toContain('gap-info');
    // Focus is back on the cell.
    expect(await page.evaluate('document.activeElement.getAttribute("col-id")')).toBe('startDate');

    // The audit entry, in the record's details (Enter on its record column).
    await (await g.cell('Cable sizing software training', 'record')).focus();
    await page.keyboard.press('Enter');
    const audit = page.locator('table.audit tbody tr');
    // (two lines: the correction, and the end date taken from the start date that changed with it, issue 11 §6)
    await expect.poll(() => audit.count(), { timeout: 5000 }).toBe(2);
    expect(await audit.first().locator('td').allTextContents()).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/),
      'Rita Reviewer (reviewer)',
      'corrected',
      'Start date',
      '(empty)',
      '2024-03-03',
      'the member confirmed the date by email',
    ]);
    expect((await audit.nth(1).locator('td').allTextContents()).slice(1)).toEqual(['Rita Reviewer (reviewer)', `changed with the Start date correction (${why})`, 'End date', '(empty)', '2024-03-03', 'the member confirmed the date by email']);
    expect(await page.locator('#details-holder').getByText('As extracted from the file').count()).toBe(1);
    // Esc closes the details and goes back to the grid.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#details-holder section').count()).toBe(0);

    // The criteria, recomputed: 43 + 3.5 = 46.5 h from 9 activities; every activity now has a year.
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('46.5 h of completed CPD in 2024 from 9 activities; 30 h required (professionally active)');
    expect(await page.locator('[data-criterion="yearPlacement"] .badge').textContent()).toBe('✔ Met');
    await page.screenshot({ path: join(OUT, 'review-records-after.png'), fullPage: true });

    // An invalid correction is refused with the reason (the import's normaliser), nothing changes.
    await (await g.cell('Cable sizing software training', 'hours')).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2-3');
    await page.keyboard.press('Enter');
    await page.getByLabel('Reason', { exact: true }).fill('typo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('form.correction [role="alert"]').textContent()).toBe('the hours "2-3" could not be read: a range (2–3), not one value: the hours spent must be recorded as one number');
    // The refused value is marked invalid and described by the error.
    expect(await page.getByLabel(/^New hours/).getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('form.correction').count()).toBe(0);
    expect(await (await g.cell('Cable sizing software training', 'hours')).locator('.value').textContent()).toBe('3.5 h');
    expect(await page.evaluate('document.activeElement.getAttribute("col-id")')).toBe('hours');
    // The corrected start date shows its own icon (↺).
    expect(await (await g.cell('Cable sizing software training', 'startDate')).locator('.gap-marker').textContent()).toBe('↺');

    // Accept a gap with a note: the mentoring record has no description.
    await (await g.cell('Mentoring two graduate engineers', 'record')).focus();
    await page.keyboard.press('Enter');
    const details = page.locator('#details-holder section.details');
    const descGap = details.locator('li', { hasText: 'Description (missing): no description' });
    await descGap.getByRole('button', { name: /^Accept the gap: / }).click();
    // The accept form can be cancelled (trial finding): the Accept… button comes back.
    await descGap.getByRole('button', { name: 'Cancel' }).click();
    expect(await descGap.getByLabel('Why is this acceptable?').count()).toBe(0);
    await descGap.getByRole('button', { name: /^Accept the gap: / }).click();
    await descGap.getByLabel('Why is this acceptable?').fill('mentoring sessions need no description');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await g.cell('Mentoring two graduate engineers', 'description')).locator('.gap-marker').textContent()).toBe('✔');
    expect(await (await g.cell('Mentoring two graduate engineers', 'description')).getAttribute('class')).toContain('gap-info');
    await expect.poll(() => page.locator('table.audit tbody tr', { hasText: 'accepted info missing' }).count()).toBe(1);

    // The member's activity status for 2024: reduced activity → 10 h required.
    await page.getByLabel('Activity status in 2024').selectOption('reduced');
    await page.getByLabel('Note (e.g. retired in 2023)').fill('retired in 2023, still consulting');
    await page.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('46.5 h of completed CPD in 2024 from 9 activities; 10 h required (reduced activity)');

    // Trial finding 1: an end date before the start is saved, the page says so, and the criteria stop counting it.
    await (await g.cell('CIGRE UK grid conference', 'endDate')).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('21/05/2024');
    await page.keyboard.press('Enter');
    await page.getByLabel('Reason', { exact: true }).fill('testing');
    await page.keyboard.press('Enter');
    const notice = page.locator('#correction-notice');
    await notice.waitFor();
    expect(await notice.locator('li').allTextContents()).toEqual(['✖ Error: End date — the end date 21 May 2024 is before the start date 22 May 2024']);
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('36.5 h of completed CPD in 2024 from 8 activities; 10 h required (reduced activity); 1 activity with impossible dates (CIGRE UK grid conference) is not counted');
    expect(await page.locator('[data-criterion="yearPlacement"] .badge').textContent()).toBe('? Not assessable');
    expect(await page.locator('[data-criterion="yearPlacement"] > p').textContent()).toBe('1 activity with impossible dates (CIGRE UK grid conference) is not counted in any year: correct its dates; 1 activity started before 2024 and is counted here (end-date year); 1 activity started in 2024 but ends later and is counted in that year');
    await page.screenshot({ path: join(OUT, 'review-impossible-dates.png'), fullPage: true });

    expect(consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it('the member sees their own records without edit controls, and not another member\'s page', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, keys.member);
    await page.getByRole('link', { name: 'Open your records and review criteria' }).click();
    await page.getByRole('heading', { name: 'Member G-1001 — CPD year 2024' }).waitFor();
    await expect.poll(() => grid(page).rowCount()).toBe(11);
    // No bulk fixes, no editing: Enter on a cell opens no editor.
    expect(await page.locator('form.bulk').count()).toBe(0);
    await grid(page).at(0, 'hours').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#records .ag-cell-inline-editing').count()).toBe(0);
    expect(await page.locator('#activity-status').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'review-member-view.png'), fullPage: true });

    await signIn(page, keys.other);
    await page.goto(`${service.url}/#/members/G-1001/2024`);
    await page.reload();
    expect(await page.getByRole('alert').textContent()).toBe('no such member: G-1001');
    await page.close();
  }, 60_000);

  it('a bulk fix on 3 rows chosen from the keyboard gives 3 audit lines; Ctrl+Z undoes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, keys.reviewer);
    await page.goto(`${service.url}/#/members/G-1001/2024`);
    const g = grid(page);
    await expect.poll(() => g.rowCount()).toBe(11);
    // Space selects the focused row; arrows move down.
    await g.at(0, 'status').focus();
    for (const key of ['Space', 'ArrowDown', 'Space', 'ArrowDown', 'Space']) await page.keyboard.press(key);
    await expect.poll(() => page.locator('form.bulk .count').textContent()).toBe('3 rows selected');
    const ids = [await g.idAt(0), await g.idAt(1), await g.idAt(2)] as string[];
    const before = await Promise.all([0, 1, 2].map(async (i) => (await g.at(i, 'activityType').innerText()).trim()));
    await page.getByLabel('Bulk fix', { exact: true }).selectOption('set');
    await page.getByLabel('Field', { exact: true }).selectOption('activityType');
    await page.getByLabel('New value').fill('Course');
    await page.getByLabel('Reason for all').fill('the member says all three were courses');
    await page.keyboard.press('Enter');
    await expect.poll(() => Promise.all([0, 1, 2].map((i) => g.at(i, 'activityType').locator('.value').textContent()))).toEqual(['Course', 'Course', 'Course']);
    await page.screenshot({ path: join(OUT, 'review-bulk.png') });
    for (const id of ids) {
      const { audit } = await apiGet<{ audit: { action: string; detail: { field: string; newValue: unknown; reason: string } }[] }>(keys.reviewer, `/records/${id}/audit`);
      expect(audit.filter((a) => a.action === 'record.correct').map((a) => [a.detail.field, a.detail.newValue, a.detail.reason])).toEqual([['activityType', 'Course', 'the member says all three were courses']]);
    }
    // Undo the last change from the grid: Ctrl+Z.
    await g.at(1, 'hours').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Promise.all([0, 1, 2].map(async (i) => (await g.at(i, 'activityType').innerText()).trim()))).toEqual(before);
    for (const id of ids) {
      const { audit } = await apiGet<{ audit: { action: string; detail: { reason: string } }[] }>(keys.reviewer, `/records/${id}/audit`);
      expect(audit.filter((a) => a.action === 'record.correct').map((a) => a.detail.reason)).toEqual(['the member says all three were courses', 'undo: the member says all three were courses']);
    }
    await page.close();
  }, 90_000);

  for (const width of [1400, 800]) {
    it(`at ${width} px, hours and reflection are in view without scrolling the page sideways`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 1000 } });
      await signIn(page, keys.reviewer);
      await page.goto(`${service.url}/#/members/G-1001/2024`);
      const g = grid(page);
      await expect.poll(() => g.rowCount()).toBe(11);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      for (const col of ['record', 'hours', 'reflection']) {
        const box = (await page.locator(`#records .ag-header-cell[col-id="${col}"]`).boundingBox())!;
        expect([col, box.x >= 0, box.x + box.width <= width]).toEqual([col, true, true]);
      }
      // The long reflection is one clipped line in the grid, whole in the tip when its cell has focus.
      const refl = await g.cell('Mentoring two graduate engineers', 'reflection');
      expect((await refl.boundingBox())!.height).toBeLessThanOrEqual(40);
      await refl.focus();
      await page.locator('#grid-tip .whole').waitFor();
      expect(((await page.locator('#grid-tip .whole').textContent()) ?? '').length).toBeGreaterThan(0);
      if (width < 1000) {
        // Fewer columns at narrow widths; the column chooser brings one back.
        expect(await page.locator('#records .ag-header-cell[col-id="description"]').count()).toBe(0);
        await page.getByText('Columns', { exact: true }).click();
        await page.getByLabel('Description', { exact: true }).check();
        await expect.poll(() => page.locator('#records .ag-header-cell[col-id="description"]').count()).toBe(1);
        await page.getByLabel('Description', { exact: true }).uncheck();
        await page.getByText('Columns', { exact: true }).click();
      }
      await g.at(0, 'record').focus();
      mkdirSync(DOCS_IMG, { recursive: true });
      await page.screenshot({ path: join(DOCS_IMG, `review-grid-${width}.png`) });
      await page.close();
    }, 60_000);
  }

  it("a RICS member's page shows the body, the period and the RICS criteria; staff change the body there; the IET member's shows the IET", async () => {
    // A fictional surveyor's 2024 log: 1.5 + 4 + 7 = 12.5 h, formal 1.5 + 7 = 8.5 h (by the Formal/Informal column).
    const log = Buffer.from('Date,Activity,Type,Formal/Informal,Hours\n07/02/2024,Valuation standards webinar,Webinar,Formal,1.5\n15/03/2024,Reading journal articles,Reading,Informal,4\n21/05/2024,Construction contracts course,Course,Formal,7\n');
    const imp = await createImport(service.store, { memberId: 'R-3003', uploadedBy: null, fileName: 'surveyor-cpd-2024.csv', bytes: log, sha256: sha256Hex(log), force: false });
    await storeImportResult(service.store, imp.importId, await importFile(log, 'surveyor-cpd-2024.csv', { today: '2025-02-01' }));
    const put = await fetch(`${service.url}/members/R-3003/body`, { method: 'PUT', headers: { Authorization: `Bearer ${keys.staff}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'rics' }) });
    expect(put.status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, keys.reviewer);
    await page.goto(`${service.url}/#/members/R-3003/2024`);
    await page.reload();
    await page.locator('#criteria[data-body="rics"]').waitFor();
    expect(await page.locator('#criteria-title').textContent()).toBe('RICS (Royal Institution of Chartered Surveyors): review criteria for 2024');
    expect(await page.locator('#review-body').textContent()).toBe('Professional body: RICS (Royal Institution of Chartered Surveyors). Period reviewed: 2024.');
    expect(await page.locator('#criteria .crit h3').allTextContents()).toEqual(['✖ Not metCPD hours', '✖ Not metFormal CPD hours', '? Not assessableDeclaration']);
    expect(await page.locator('[data-criterion="hours"] > p').textContent()).toBe('12.5 h of completed CPD in 2024 from 3 activities; 20 h required: 7.5 h short');
    expect(await page.locator('[data-criterion="class_hours:formal"] > p').textContent()).toBe('8.5 h formal in 2024 (4 h informal, 0 h on 0 activities that do not say); at least 10 h formal required: 1.5 h short');

    expect(await page.locator('#member-body').count()).toBe(0); // a reviewer does not set the body

    // Staff change the body on the page: the NMC reviews the 3 years ending with 2024, 12.5 h of 35 h.
    const staffPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(staffPage, keys.staff);
    await staffPage.goto(`${service.url}/#/members/R-3003/2024`);
    await staffPage.reload();
    await staffPage.locator('#criteria[data-body="rics"]').waitFor();
    await staffPage.locator('#member-body').selectOption('nmc');
    await staffPage.getByRole('button', { name: 'Save body' }).click();
    await staffPage.locator('#criteria[data-body="nmc"]').waitFor();
    expect(await staffPage.locator('#criteria-title').textContent()).toBe('NMC (Nursing and Midwifery Council): review criteria for 2022-01-01 to 2024-12-31');
    expect(await staffPage.locator('[data-criterion="hours"] > p').textContent()).toBe('12.5 h of completed CPD in 2022-01-01 to 2024-12-31 from 3 activities; 35 h required: 22.5 h short');
    await staffPage.close();

    await page.goto(`${service.url}/#/members/G-1001/2024`);
    await page.locator('#criteria[data-body="iet"]').waitFor();
    expect(await page.locator('#review-body').textContent()).toBe("Professional body: The IET (Institution of Engineering and Technology) (the service's default; staff set a member's body). Period reviewed: 2024.");
    await page.close();
  }, 60_000);

  it('opens a 45,000-record year: first rows soon, the rest in the background (times in the log)', async () => {
    // 45,000 activities in 2024 for one member (Grace's records repeated, each named apart), stored as an import.
    const one = await importFile(readFileSync(FIXTURE), 'grace-lindqvist-cpd-2024.xlsx', { today: '2025-02-01' });
    const base = one.records.filter((r) => r.endDate?.startsWith('2024') === true);
    const records = Array.from({ length: 45_000 }, (_, i) => ({ ...base[i % base.length]!, activityName: `${base[i % base.length]!.activityName} (${i + 1})` }));
    const bytes = Buffer.from('45,000-record year');
    const imp = await createImport(service.store, { memberId: 'L-4500', uploadedBy: null, fileName: 'large-log.xlsx', bytes, sha256: sha256Hex(bytes), force: false });
    await storeImportResult(service.store, imp.importId, { ...one, records, summary: summarise(records) });

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, keys.reviewer);
    const t0 = Date.now();
    await page.goto(`${service.url}/#/members/L-4500/2024`);
    await page.reload();
    await page.locator('#records .ag-row').first().waitFor();
    const firstRows = Date.now() - t0;
    await page.locator('#records[data-loaded="true"]').waitFor({ timeout: 120_000 });
    const all = Date.now() - t0;
    const inPage = await page.locator('#records').getAttribute('data-first-rows-ms');
    console.log(`45,000-record year: first rows after ${firstRows} ms (in the page: ${inPage} ms from opening the member), all 45,000 loaded after ${all} ms`);
    await expect.poll(() => page.locator('.grid-tools').textContent()).toContain('45000 of 45000 records loaded');
    // Ctrl+End goes to the last record, which is then drawn (virtual rows).
    await grid(page).at(0, 'activityName').focus();
    await page.keyboard.press('Control+End');
    await expect.poll(() => page.locator('#records .ag-row', { hasText: '(45000)' }).count()).toBe(1);
    await page.close();
  }, 180_000);
});

describe('an e-mail and a zip on the imports list (issue 15)', () => {
  it('each shows as one upload with its parts beneath it — status, records — and the original e-mail downloads whole', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await signIn(page, keys.staff);
    const EMAIL = join(ROOT, 'fixtures/intake/priya-raman-cpd-email.eml');
    await page.getByLabel('CPD log file(s)').setInputFiles([EMAIL, join(ROOT, 'fixtures/intake/zip-slip.zip')]);
    await page.getByLabel('Member id', { exact: true }).first().fill('P-3003');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText(/^Uploaded: priya-raman-cpd-email\.eml \(queued\), zip-slip\.zip \(queued\)/).waitFor();

    /** The rows of the list from an upload's row down to its last part: [file, status, records] each. */
    const block = async (file: string): Promise<string[][]> => {
      const upload = page.locator('table.imports tbody tr:not(.part)', { hasText: file });
      const id = await upload.getAttribute('data-import');
      const rows = page.locator(`table.imports tbody tr[data-import="${id}"], table.imports tbody tr[data-parent="${id}"]`);
      return rows.evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = (tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children;
          return [cells[0]!.textContent ?? '', cells[3]!.textContent ?? '', cells[4]!.textContent ?? ''];
        }),
      );
    };
    // The parts are read by jobs of their own: wait until every part is done or failed.
    await expect
      .poll(async () => (await block('priya-raman-cpd-email.eml')).map((r) => r[1]!.split(/[:●]/)[0]!.trim()), { timeout: 60_000 })
      .toEqual(['done', 'done', 'done']);
    expect(await block('priya-raman-cpd-email.eml')).toEqual([
      ['priya-raman-cpd-email.eml (e-mail)', 'done● Note: the e-mail holds 2 parts, each imported on its own', '—'],
      ['↳ Part of priya-raman-cpd-email.eml: Priya Raman CPD 2026.xlsx', 'done', '3'],
      ['↳ Part of priya-raman-cpd-email.eml: message body.html', 'done', '2'],
    ]);
    await expect.poll(async () => (await block('zip-slip.zip')).length, { timeout: 60_000 }).toBe(3);
    await expect.poll(async () => (await block('zip-slip.zip')).slice(1).map((r) => r[1]!.split(':')[0]), { timeout: 60_000 }).toEqual(['done', 'failed']);
    expect(await block('zip-slip.zip')).toEqual([
      ['zip-slip.zip (zip)', "done● Note: the zip archive holds 2 parts, each imported on its own (1 could not be: see each part's error)", '—'],
      ['↳ Part of zip-slip.zip: cpd.csv', 'done', '1'],
      ['↳ Part of zip-slip.zip: ../../../home/user/cpd-old.csv', 'failed: its path inside the archive climbs out of the archive\'s folder (../../../home/user/cpd-old.csv, a "zip slip"), so it is not read', '—'],
    ]);
    // The part that could not be taken out of the zip has no file of its own to download.
    expect(await page.locator('table.imports tbody tr.part', { hasText: 'cpd-old.csv' }).getByRole('button').count()).toBe(0);
    // A part's records open like any import's; the e-mail itself has none (no Records link), only its original.
    const emailRow = page.locator('table.imports tbody tr:not(.part)', { hasText: 'priya-raman-cpd-email.eml' });
    expect(await emailRow.getByRole('link').count()).toBe(0);
    await page.locator('table.imports tbody tr.part', { hasText: 'Priya Raman CPD 2026.xlsx' }).getByRole('link', { name: /^Records of member P-3003/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), emailRow.getByRole('button', { name: 'Download the original file priya-raman-cpd-email.eml' }).click()]);
    expect(download.suggestedFilename()).toBe('priya-raman-cpd-email.eml');
    expect(Buffer.compare(readFileSync(await download.path()), readFileSync(EMAIL))).toBe(0);
    await page.screenshot({ path: join(OUT, 'review-email-parts.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
