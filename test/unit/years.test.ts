/**
 * Dates written without a year, placed by the year a title, a sheet's name or a block heading names — a calendar
 * year, or a tax, financial or academic year that starts part-way through one (src/pipeline/normalise/years.ts,
 * `DateOptions.yearStart` in dates.ts, the column profile in map/profile.ts). Fictional people.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import { parseDate } from '../../src/pipeline/normalise/dates.js';
import { yearSpanOf } from '../../src/pipeline/normalise/years.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const TODAY = '2026-11-29';

function table(sheet: string, rows: Cell[][]): ExtractedTable {
  return { name: sheet, sheet, rows: rows.map((cells, i) => ({ index: 1 + i, cells })) };
}

function run(tables: ExtractedTable[]) {
  return recordsFromExtraction({ tables, blocks: [], gaps: [] }, 'cpd.xlsx', { today: TODAY });
}

describe('yearSpanOf: years that do not start on 1 January', () => {
  it.each([
    ['FY2024-25', { year: 2024, start: '04-01', label: 'the financial year 2024–25 (from 1 April)' }],
    ['Financial year 2025/26', { year: 2025, start: '04-01', label: 'the financial year 2025–26 (from 1 April)' }],
    ['FY26', { year: 2025, start: '04-01', label: 'the financial year 2025–26 (FY26, from 1 April)' }],
    ['Tax year 2024/25', { year: 2024, start: '04-06', label: 'the tax year 2024–25 (from 6 April)' }],
    ['2024-25 tax year', { year: 2024, start: '04-06', label: 'the tax year 2024–25 (from 6 April)' }],
    ['Academic year 2025-26', { year: 2025, start: '09-01', label: 'the academic year 2025–26 (from 1 September)' }],
    ['CPD record – tax year 6 April 2024 to 5 April 2025', { year: 2024, start: '04-06', label: 'the year 6 April 2024 to 5 April 2025' }],
    ['Appraisal year 01/04/2025 – 31/03/2026', { year: 2025, start: '04-01', label: 'the year 1 April 2025 to 31/03/2026' }],
  ])('%s', (text, span) => {
    expect(yearSpanOf(text)).toEqual(span);
  });

  it.each(['CPD 2024', '2024-25', 'Log 2023/24', 'Course 5 March 2024 to 7 March 2024', '1 January 2025 to 31 December 2025', 'FY', 'Tax year'])('%s names no span', (text) => {
    expect(yearSpanOf(text)).toBeUndefined();
  });
});

describe('parseDate with yearStart', () => {
  const fy = { order: 'dmy' as const, yearHint: 2024, yearStart: '04-06' };
  it.each([
    ['22 May', '2024-05-22'],
    ['6 Apr', '2024-04-06'],
    ['5 Apr', '2025-04-05'],
    ['22 Jan', '2025-01-22'],
    ['31 Dec', '2024-12-31'],
    ['Feb', '2025-02'],
    ['Apr', '2024-04'],
  ])('%s → %s', (text, iso) => {
    const d = parseDate(text, fy);
    expect(d.ok && d.start).toBe(iso);
    expect(d.ok && d.yearInferred).toBe(true);
  });

  it('a date that gives its year keeps it', () => {
    expect(parseDate('22 Jan 2024', fy)).toEqual({ ok: true, start: '2024-01-22', precision: 'day' });
  });
});

describe('a log over a tax year, on a sheet named for it', () => {
  const res = run([
    table('FY2025-26', [
      ['CPD record – Owain Pritchard, chartered accountant'],
      [],
      ['Date', 'CPD activity', 'Hours'],
      ['14 Apr', 'New audit exemption thresholds', '1'],
      ['3 Sep', 'Excel Power Query for accountants', '6'],
      ['22 Jan', 'Self-assessment deadline technical update', '1.5'],
      ['10 Mar', "Regional members' conference", '7'],
    ]),
  ]);

  it('April to December fall in 2025, January to March in 2026', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['New audit exemption thresholds', '2025-04-14', 1],
      ['Excel Power Query for accountants', '2025-09-03', 6],
      ['Self-assessment deadline technical update', '2026-01-22', 1.5],
      ["Regional members' conference", '2026-03-10', 7],
    ]);
  });

  it('the column of dates without a year is read as dates, and each says where its year came from', () => {
    expect(res.mapping[0]!.columns[0]).toMatchObject({ heading: 'Date', field: 'startDate' });
    expect(res.records[2]!.gaps.find((g) => g.field === 'startDate')).toEqual({
      field: 'startDate',
      code: 'inferred',
      severity: 'warning',
      message: '"22 Jan" has no year; 2026 taken from the financial year 2025–26 (from 1 April), named in the sheet name or a title row',
      raw: '22 Jan',
    });
    expect(res.records[2]!.raw.startDate).toBe('22 Jan');
  });
});

describe('stacked year blocks with dates without a year', () => {
  const res = run([
    table('CPD', [
      ['CPD log – Rhodri Blake, gas network engineer'],
      [],
      ['2025'],
      ['Date', 'Activity', 'Hrs'],
      ['14 Mar', 'Webinar: hydrogen blending in gas networks', '1'],
      ['2–3 Jul', 'Pipeline integrity course', '14'],
      [],
      ['2026'],
      ['Date', 'Activity', 'Hours'],
      ['21 Jan', 'IGEM technical seminar', '3'],
      ['29 Feb', 'Leap day that 2026 does not have', '1'],
    ]),
  ]);

  it('each block takes its own year; a day the year lacks keeps its text in an error gap', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['Webinar: hydrogen blending in gas networks', '2025-03-14', '2025-03-14', 1],
      ['Pipeline integrity course', '2025-07-02', '2025-07-03', 14],
      ['IGEM technical seminar', '2026-01-21', '2026-01-21', 3],
      ['Leap day that 2026 does not have', null, null, 1],
    ]);
    expect(res.records[3]!.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'invalid', severity: 'error', raw: '29 Feb' });
  });
});

describe('a year taken from the rows around a date written without one (no year above the table)', () => {
  const res = run([
    table('Log', [
      ['Date', 'Activity', 'Hours'],
      ['14 Nov 2025', 'Webinar on arc flash', '1.5'],
      ['2 Dec', 'Site visit: substation', '3'],
      ['8 Jan', 'Protection course', '6'],
      ['20 Feb 2026', 'Reading: G99', '1'],
      ['3 Mar', 'Branch talk', '1'],
    ]),
  ]);

  it('takes the year of the nearest full date above, moving on a year where the dates run forward past December', () => {
    expect(res.records.map((r) => r.startDate)).toEqual(['2025-11-14', '2025-12-02', '2026-01-08', '2026-02-20', '2026-03-03']);
    expect(res.records.map((r) => r.gaps.filter((g) => g.field === 'startDate' && g.code === 'inferred').map((g) => g.message))).toEqual([
      [],
      ['"2 Dec" has no year; 2025 taken from the dates of the rows around it ("14 Nov 2025" above)'],
      ['"8 Jan" has no year; 2026 taken from the dates of the rows around it ("14 Nov 2025" above, and the column\'s dates run forward)'],
      [],
      ['"3 Mar" has no year; 2026 taken from the dates of the rows around it ("20 Feb 2026" above)'],
    ]);
  });
});

describe('named years and Excel serials in date cells', () => {
  it.each([
    ['FY26', '2025-04-01', '2026-03-31'],
    ['FY2025/26', '2025-04-01', '2026-03-31'],
    ['Tax year 2024-25', '2024-04-06', '2025-04-05'],
    ['2025/26 academic year', '2025-09-01', '2026-08-31'],
  ])('%s → %s to %s', (text, start, end) => {
    const d = parseDate(text, { order: 'dmy' });
    expect(d.ok && [d.start, d.end, d.precision]).toEqual([start, end, 'day']);
  });

  it('a CSV date column of Excel serials is read as dates, each flagged', () => {
    const res = run([table('export.csv', [['Date', 'Activity', 'Hours'], ['45292', 'Webinar', '1'], ['45331.375', 'Site visit', '3']])]);
    expect(res.records.map((r) => [r.startDate, r.raw.startDate])).toEqual([['2024-01-01', '45292'], ['2024-02-09', '45331.375']]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', severity: 'warning', message: '45292 is a plain number in a date column; read as an Excel date serial: 1 January 2024' });
  });
});

describe('a year span titling the rows after it inside one table (trial 6: a Word record with a table per academic year)', () => {
  const res = recordsFromExtraction({
    tables: [{
      name: 'Table 1', table: 1, a1Refs: false, rows: [
        { index: 0, cells: ['Academic year 2024/25'] },
        { index: 1, cells: ['Date', 'Activity', 'Hours'] },
        { index: 2, cells: ['12 Sept', 'Trust INSET: adaptive teaching', '6'] },
        { index: 3, cells: ['16 Jan', 'Observed a colleague’s required practical', '1'] },
        { index: 1, cells: ['Academic year 2025/26'] },
        { index: 2, cells: ['4 Sept', 'INSET: our new behaviour curriculum', '6'] },
        { index: 3, cells: ['29 Jan', 'Coaching session with the deputy head', '1'] },
      ],
    }],
    blocks: [],
    gaps: [],
  }, 'record.docx', { today: TODAY });

  it('dates each year\'s rows in its own academic year, and the title is no activity', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate])).toEqual([
      ['Trust INSET: adaptive teaching', '2024-09-12'],
      ['Observed a colleague’s required practical', '2025-01-16'],
      ['INSET: our new behaviour curriculum', '2025-09-04'],
      ['Coaching session with the deputy head', '2026-01-29'],
    ]);
  });
});

describe('quarters and halves of a financial year (trial 8: "Q1 FY28")', () => {
  it('reads them in the UK financial year from 1 April unless the title defines the year', () => {
    expect(parseDate('Q1 FY28', { order: 'dmy' })).toMatchObject({ ok: true, start: '2027-04', end: '2027-06', precision: 'month' });
    expect(parseDate('H1 FY28', { order: 'dmy' })).toMatchObject({ ok: true, start: '2027-04', end: '2027-09' });
    expect(parseDate('Q4 FY28', { order: 'dmy' })).toMatchObject({ ok: true, start: '2028-01', end: '2028-03' });
    expect(parseDate('Q1 FY28', { order: 'dmy', yearHint: 2027, yearStart: '10-01' })).toMatchObject({
      ok: true, start: '2027-10', end: '2027-12', note: 'Q1 FY28 read as quarter 1 of the year from 1 October 2027: October 2027 – December 2027 (as the title defines the year)',
    });
    expect(parseDate('H3 FY28', { order: 'dmy' })).toEqual({ ok: false, kind: 'invalid', reason: 'a financial year has two halves, not H3' });
  });
});
