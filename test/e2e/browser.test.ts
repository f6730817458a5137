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
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/start.js';
import { createTestDatabase, testConfig, uniquePrefix } from '../helpers/service.js';
import { createUser } from '../../src/services/users.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'fixtures/review/grace-lindqvist-cpd-2024.xlsx');
const OUT = join(ROOT, 'test-output');
const CHROMIUM = '/usr/bin/chromium';
// --disable-dev-shm-usage: containers often have a small /dev/shm, where Chromium's renderer would crash.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

let service: Service;
let dropDb: () => Promise<void>;
let browser: Browser;
const keys: Record<'staff' | 'reviewer' | 'member' | 'other', string> = { staff: '', reviewer: '', member: '', other: '' };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser test`);
  mkdirSync(OUT, { recursive: true });
  const db = await createTestDatabase('browser');
  dropDb = db.drop;
  service = await startService(testConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix('browser') }), { api: true, worker: true });
  keys.staff = (await createUser(service.store, { role: 'staff', name: 'Sam Staff' })).key;
  keys.reviewer = (await createUser(service.store, { role: 'reviewer', name: 'Rita Reviewer' })).key;
  keys.member = (await createUser(service.store, { role: 'member', memberId: 'G-1001', name: 'Grace Lindqvist' })).key;
  keys.other = (await createUser(service.store, { role: 'member', memberId: 'X-2002', name: 'Other Member' })).key;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.queue.queue.obliterate({ force: true }).catch(() => undefined);
  await service?.close(2_000);
  await dropDb?.();
});

/** Opens the page signed out (the key lives in sessionStorage) and signs in with `key`. */
async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${service.url}/`);
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
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

    // A reviewer opens the member's records for 2024.
    await signIn(page, keys.reviewer);
    await page.locator('table.imports tbody tr', { hasText: 'grace-lindqvist-cpd-2024.xlsx' }).getByRole('link', { name: 'Records' }).click();
    await page.getByRole('heading', { name: 'Member G-1001 — CPD year 2024' }).waitFor();
    const table = page.locator('table#records');
    // 8 completed + 2 planned in 2024, plus the undated record.
    await expect.poll(() => table.locator('tbody tr:not(.details)').count()).toBe(11);

    // The unreadable start date: an error cell with an icon; the message shows on keyboard focus.
    const cable = table.locator('tbody tr', { hasText: 'Cable sizing software training' });
    const start = cable.locator('td[data-field="startDate"]');
    expect(await start.getAttribute('class')).toContain('gap-error');
    const marker = start.getByRole('button', { name: /gap on Start date of record/ });
    expect(await marker.textContent()).toBe('✖');
    await marker.focus();
    const tip = start.getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toContain('31 February 2024 does not exist');
    await page.screenshot({ path: join(OUT, 'review-gap-on-focus.png') });
    // Esc closes the tooltip without moving focus (WCAG 1.4.13); focusing again opens it.
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await marker.blur();
    await marker.focus();
    await tip.waitFor({ state: 'visible' });
    expect(await start.locator('.ref').textContent()).toBe('from A14');
    // The unreadable source text is shown struck through, not as "empty".
    expect(await start.locator('.unread s').textContent()).toBe('31/02/2024');

    // Criteria before: 43 h; the undated record makes the year placement not assessable.
    const hours = page.locator('[data-criterion="hours"]');
    expect(await hours.locator('p').first().textContent()).toBe('43 h of completed CPD in 2024 from 8 activities; 30 h required (professionally active)');
    expect(await page.locator('[data-criterion="yearPlacement"] .badge').textContent()).toBe('? Not assessable');

    // The filter: only records with unaccepted errors or warnings (notes alone do not count).
    await page.getByLabel('Only records with errors or warnings').check();
    // 6: Reading BS 7671 (no reflection), Toolbox talk (no TWAVES), Cable sizing (no date), two plan entries
    // whose target dates have passed, and Mentoring (a weak reflection: its ▲ counts too; service trial 3).
    await expect.poll(() => table.locator('tbody tr:not(.details):not(.hidden)').count()).toBe(6);
    await page.getByLabel('Only records with errors or warnings').uncheck();
    await page.screenshot({ path: join(OUT, 'review-records-before.png'), fullPage: true });

    // Correct the start date inline.
    await start.getByRole('button', { name: /^Edit Start date of record/ }).click();
    await start.getByLabel(/^New start date/).fill('3rd March 2024');
    await start.getByLabel('Reason').fill('the member confirmed the date by email');
    await start.getByRole('button', { name: 'Save' }).click();
    const fixed = table.locator('tbody tr', { hasText: 'Cable sizing software training' }).first();
    await expect.poll(() => fixed.locator('td[data-field="startDate"] .value').textContent()).toBe('2024-03-03');
    expect(await fixed.locator('td[data-field="endDate"] .value').textContent()).toBe('2024-03-03');
    expect(await fixed.locator('td[data-field="startDate"]').getAttribute('class')).toContain('gap-info');

    // The audit entry, in the record's details (the reviewer opens them; they no longer open by themselves after a correction).
    expect(await page.locator('tr.details').count()).toBe(0);
    await fixed.getByRole('button', { name: /^Details of record/ }).click();
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
    expect((await audit.nth(1).locator('td').allTextContents()).slice(1, 4)).toEqual(['Rita Reviewer (reviewer)', 'record.consequence', 'End date']);
    expect(await page.locator('tr.details').getByText('As extracted from the file').count()).toBe(1);

    // The criteria, recomputed: 43 + 3.5 = 46.5 h from 9 activities; every activity now has a year.
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('46.5 h of completed CPD in 2024 from 9 activities; 30 h required (professionally active)');
    expect(await page.locator('[data-criterion="yearPlacement"] .badge').textContent()).toBe('✔ Met');
    await page.screenshot({ path: join(OUT, 'review-records-after.png'), fullPage: true });

    // An invalid correction is refused with the reason, nothing changes.
    const hoursCell = fixed.locator('td[data-field="hours"]');
    await hoursCell.getByRole('button', { name: /^Edit Hours of record/ }).click();
    await hoursCell.getByLabel(/^New hours/).fill('2-3');
    await hoursCell.getByLabel('Reason').fill('typo');
    await hoursCell.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hoursCell.getByRole('alert').textContent()).toBe('the hours "2-3" could not be read: a range (2–3), not one value: the hours spent must be recorded as one number');
    // The refused value is marked invalid and described by the error (trial finding: it was not).
    await expect.poll(() => hoursCell.getByLabel(/^New hours/).getAttribute('aria-invalid')).toBe('true');
    await hoursCell.getByRole('button', { name: 'Cancel' }).click();
    expect(await fixed.locator('td[data-field="hours"] .value').textContent()).toBe('3.5 h');
    // The corrected start date shows its own icon (↺), not the ✎ of the edit button.
    await expect.poll(() => fixed.locator('td[data-field="startDate"] .gap-marker').textContent()).toBe('↺');

    // Keyboard: one "✎ Edit" stop per record (the ✎ beside each value is for the mouse, out of the tab order);
    // its form starts at the first field with an error or warning and lets the reviewer choose another.
    expect(await hoursCell.locator('.edit-btn').getAttribute('tabindex')).toBe('-1');
    // The header row and the record column stay in view while scrolling; the ✎ targets are at least 24 × 24 px.
    // Runs in the page (the test's TypeScript has no DOM types): the element's computed position, left and top.
    type Styled = { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { position: string; left: string; top: string } } | null } };
    const placement = (e: Styled): string[] => {
      const css = e.ownerDocument.defaultView!.getComputedStyle(e);
      return [css.position, css.left, css.top];
    };
    expect(await table.locator('thead th').first().evaluate(placement)).toEqual(['sticky', '0px', '0px']);
    expect((await fixed.locator('th[scope=row]').evaluate(placement)).slice(0, 2)).toEqual(['sticky', '0px']);
    const box = (await hoursCell.locator('.edit-btn').boundingBox())!;
    expect([box.width >= 24, box.height >= 24]).toEqual([true, true]);
    const toolbox = table.locator('tbody tr', { hasText: 'Toolbox talk: arc flash boundaries' }).first();
    await toolbox.getByRole('button', { name: /^Edit record \d+: correct a value$/ }).focus();
    await page.keyboard.press('Enter');
    const editor = page.locator('tr.editor');
    await expect.poll(() => editor.getByLabel(/^Field of record/).inputValue()).toBe('twaves');
    await editor.getByLabel(/^Field of record/).selectOption('hours');
    await expect.poll(() => editor.getByLabel(/^New hours/).inputValue()).toBe('1');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('tr.editor').count()).toBe(0);

    // Accept a gap with a note: the mentoring record has no description.
    const mentoring = table.locator('tbody tr', { hasText: 'Mentoring two graduate engineers' }).first();
    await mentoring.getByRole('button', { name: /^Details of record/ }).click();
    const details = page.locator(`#det-${(await mentoring.getAttribute('id'))!.slice('rec-'.length)}`);
    const descGap = details.locator('li', { hasText: 'Description (missing): no description' });
    await descGap.getByRole('button', { name: /^Accept the gap: / }).click();
    // The accept form can be cancelled (trial finding): the Accept… button comes back.
    await descGap.getByRole('button', { name: 'Cancel' }).click();
    expect(await descGap.getByLabel('Why is this acceptable?').count()).toBe(0);
    await descGap.getByRole('button', { name: /^Accept the gap: / }).click();
    await descGap.getByLabel('Why is this acceptable?').fill('mentoring sessions need no description');
    await descGap.getByRole('button', { name: 'Accept gap' }).click();
    const desc = table.locator('tbody tr', { hasText: 'Mentoring two graduate engineers' }).first().locator('td[data-field="description"]');
    await expect.poll(() => desc.locator('.gap-marker').textContent()).toBe('✔');
    expect(await desc.getAttribute('class')).toContain('gap-info');
    await expect.poll(() => page.locator('table.audit tbody tr', { hasText: 'accepted info missing' }).count()).toBe(1);

    // The member's activity status for 2024: reduced activity → 10 h required.
    await page.getByLabel('Activity status in 2024').selectOption('reduced');
    await page.getByLabel('Note (e.g. retired in 2023)').fill('retired in 2023, still consulting');
    await page.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(() => hours.locator('p').first().textContent()).toBe('46.5 h of completed CPD in 2024 from 9 activities; 10 h required (reduced activity)');

    // Trial finding 1: an end date before the start is saved, the page says so, and the criteria stop counting it.
    const cigre = table.locator('tbody tr', { hasText: 'CIGRE UK grid conference' }).first();
    const end = cigre.locator('td[data-field="endDate"]');
    await end.getByRole('button', { name: /^Edit End date of record/ }).click();
    await end.getByLabel(/^New end date/).fill('21/05/2024');
    await end.getByLabel('Reason').fill('testing');
    await end.getByRole('button', { name: 'Save' }).click();
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
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.locator('#activity-status').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'review-member-view.png'), fullPage: true });

    await signIn(page, keys.other);
    await page.goto(`${service.url}/#/members/G-1001/2024`);
    await page.reload();
    expect(await page.getByRole('alert').textContent()).toBe('no such member: G-1001');
    await page.close();
  }, 60_000);
});
