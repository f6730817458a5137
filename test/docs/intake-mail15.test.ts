/**
 * Tryout 15 (a week's inbox sent through the product by a fresh tester): screenshots pasted into an HTML body,
 * calendar invitations, Outlook winmail.dat, an upload's status from its parts, a part's full name in its records'
 * source. Fixtures: fixtures/intake/tryout15/ (the tester's e-mails, fictional people).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { importFile } from '../../src/pipeline/import.js';
import { unpackFile } from '../../src/pipeline/unpack/index.js';

const TODAY = '2026-11-29';
const DIR = join(import.meta.dirname, '../../fixtures/intake/tryout15');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, color: false };
  const code = await main(['--today', TODAY, '--no-progress', ...args], io);
  return { code, stdout, stderr };
}

describe('an image pasted into an HTML body (finding 1)', () => {
  it('a screenshot of a log (cid: image, 1,200 px wide) is a part of its own, read by OCR', async () => {
    const unpacked = await unpackFile(fixture('m26-inline-screenshot-hidpi.eml'));
    expect(unpacked?.parts.map((p) => p.path)).toEqual(['image.png']);
    expect(unpacked?.notes).toEqual([]);
    const part = unpacked!.parts[0]!;
    if (!('bytes' in part)) throw new Error('no bytes');
    const r = await importFile(part.bytes, 'm26.eml › image.png', { today: TODAY });
    expect(r.format).toBe('image');
    expect(r.records.map((x) => [x.startDate, x.activityName, x.hours])).toEqual([
      ['2026-01-14', 'Working at height refresher', 3],
      ['2026-03-18', 'Electrical isolation procedures', 2],
    ]);
  });

  it('a 40 × 12 px signature logo is left out with a note naming it; the attached workbook is read', async () => {
    const unpacked = await unpackFile(fixture('m01-priya-xlsx-logo-disclaimer.eml'));
    expect(unpacked?.parts.map((p) => p.path)).toEqual(['Priya Raman CPD 2026.xlsx']);
    expect(unpacked?.notes).toEqual([
      { path: 'image001.png', message: 'an image embedded in the body (40 × 12 px, under 300 × 100 px: a logo or icon, not a log) was left out' },
    ]);
    const out = await cli(['--json', join(DIR, 'm01-priya-xlsx-logo-disclaimer.eml')]);
    expect(out.stderr).toBe(
      `cpd-import: ${join(DIR, 'm01-priya-xlsx-logo-disclaimer.eml')} › image001.png: note: an image embedded in the body (40 × 12 px, under 300 × 100 px: a logo or icon, not a log) was left out\n`,
    );
  });
});

describe('an Outlook winmail.dat (TNEF) attached to an e-mail (finding 3)', () => {
  it('is named plainly, with what to ask the sender; exit 1', async () => {
    const unpacked = await unpackFile(fixture('m17-outlook-winmail-dat.eml'));
    expect(unpacked?.parts.map((p) => p.path)).toEqual(['winmail.dat']);
    const out = await cli([join(DIR, 'm17-outlook-winmail-dat.eml')]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      `cpd-import: ${join(DIR, 'm17-outlook-winmail-dat.eml')} › winmail.dat: an Outlook winmail.dat (rich-text wrapper): ask the sender to resend with plain attachments\n`,
    );
  });
});

describe('a calendar invitation (finding 5)', () => {
  it('the text/calendar alternative and the invite.ics attachment (same event) are one part, its VEVENT an activity', async () => {
    const unpacked = await unpackFile(fixture('m13-calendar-invite-ics.eml'));
    expect(unpacked?.parts.map((p) => p.path)).toEqual(['invite.ics']);
    const part = unpacked!.parts[0]!;
    if (!('bytes' in part)) throw new Error('no bytes');
    const r = await importFile(part.bytes, 'm13.eml › invite.ics', { today: TODAY });
    expect(r.format).toBe('ics');
    expect(r.records.map((x) => [x.activityName, x.startDate, x.endDate, x.hours, x.description, x.status])).toEqual([
      ['IET webinar: Battery energy storage safety', '2026-06-10', '2026-06-10', 1.5, 'Join the webinar on BESS fire risks. CPD: 1.5 hours.\nWhere: Microsoft Teams Meeting', 'completed'],
    ]);
  });

  it('a standalone .ics through the CLI: UTC times dated in Europe/London, an all-day event counted in days', async () => {
    const out = await cli(['--json', join(DIR, 'late-webinar-and-conference.ics')]);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as { format: string; records: { activityName: string; startDate: string; endDate: string; hours: number }[] };
    expect(r.format).toBe('ics');
    // 23:30Z on 9 June is 00:30 on 10 June in London (BST); 1 and 2 March all day: 2 days × 6 h.
    expect(r.records.map((x) => [x.activityName, x.startDate, x.endDate, x.hours])).toEqual([
      ['Late webinar', '2026-06-10', '2026-06-10', 1.5],
      ['ICE conference', '2026-03-01', '2026-03-02', 12],
    ]);
  });
});
