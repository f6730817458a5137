/**
 * Logs from a new-user trial (fixtures/trials/README.md): each reproduced a wrong or silent result, now fixed.
 * Expected values worked out from the files by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpdRecord, ImportResult } from '../../src/domain/index.js';
import { importFile } from '../../src/pipeline/import.js';

const DIR = join(import.meta.dirname, '../../fixtures/trials');
const imp = (name: string): Promise<ImportResult> => importFile(readFileSync(join(DIR, name)), name, { today: '2026-11-29' });
const pick = (r: CpdRecord) => [r.activityName, r.startDate, r.endDate, r.targetDate, r.hours, r.status];
const skipped = (res: ImportResult) => res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.raw);

describe('rows that are not activities', () => {
  it('26: totals, hours required/remaining, category totals and a Summary block are skipped; 3 h, not 66', async () => {
    const res = await imp('26-iris-khan-summary-rows.csv');
    expect(res.records.map(pick)).toEqual([
      ['Webinar on EMC', '2024-01-15', '2024-01-15', null, 1, 'completed'],
      ['Reading standard', '2024-02-16', '2024-02-16', null, 2, 'completed'],
    ]);
    expect(res.summary.totalHours).toBe(3);
    expect(skipped(res)).toEqual(['Total | 3', 'TOTAL CPD HOURS 2024 | 3', 'Hours required | 30', 'Hours remaining | 27', 'T: 1  S: 2', '3', 'Summary', 'Training | 1', 'Self-study | 2']);
  });

  it('43: "Total hours" in the activity column (the first column holds reflections) is a totals row; a dated "Total Quality…" course is not', async () => {
    const res = await imp('43-tom-reed-total-in-activity-column.csv');
    expect(res.records.map(pick)).toEqual([
      ['Hydrogen in industrial heating - IMechE seminar', '2025-02-12', '2025-02-12', null, 7, 'completed'],
      ['FMEA practitioner course', '2025-03-17', '2025-03-18', null, 14, 'completed'],
      ['Total Quality Management refresher', '2025-04-03', '2025-04-03', null, 2, 'completed'],
    ]);
    expect(res.summary.totalHours).toBe(23);
    expect(skipped(res)).toEqual(['23 | Total hours']);
  });

  it('44: two activities with their own hours in one cell are flagged, not merged silently; the "Month" column dates the rows (Word/PDF trial 2)', async () => {
    const res = await imp('44-gareth-pugh-two-activities-in-a-cell.csv');
    expect(res.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['IET webinar – Arc flash basics (1.5 h) Read E&T article on small modular reactors (0.5 h)', '2024-01', '2024-01', 2],
      ['Site visit to Hinkley Point C', '2024-02', '2024-02', 4],
      ['Design review for the LV board', '2024-03', '2024-03', 3],
    ]);
    expect(res.mapping[0]!.columns[0]).toEqual({ column: 'A', heading: 'Month', field: 'startDate', how: 'content', confidence: 0.8, reason: 'content: 3 of 3 values are dates' });
    expect(res.records.map((r) => r.gaps.filter((g) => g.field === 'activityName').map((g) => [g.code, g.message]))).toEqual([
      [['ambiguous', 'the cell names 2 activities, each with its own hours: they were read as one record; split them into one row each']],
      [],
      [],
    ]);
  });

  it('12: "2023 total" and "Sub-total" rows are not activities', async () => {
    const res = await imp('12-maya-ross-subtotals.csv');
    expect(res.records.map((r) => r.source.row)).toEqual([2, 3, 5, 6, 7]);
    expect(skipped(res)).toEqual(['2023 total | 1.5', 'Sub-total | 3', 'Total hours for year | 3', 'Grand Total | 4.5', 'Totals: 4.5 h']);
    // rows 5–7 repeat one webinar: counted once
    expect(res.summary.totalHours).toBe(2.5);
  });

  it('13: a SUM formula typed in a CSV is a totals row; formula-like text is kept as text', async () => {
    const res = await imp('13-nina-formulas.csv');
    expect(res.records.map((r) => r.activityName)).toEqual(['=HYPERLINK("http://evil.invalid","click")', '@SUM(1+1)']);
    expect(skipped(res)).toEqual(['=SUM(C2:C3)']);
  });

  it('27 and 42: note rows and month titles are skipped with their text kept', async () => {
    const a = await imp('27-jack-lee-notes-rows.csv');
    expect(a.records.map((r) => r.activityName)).toEqual(['Webinar on EMC', 'Reading standard', 'Course: harmonics']);
    expect(skipped(a)).toEqual(['NB: certificates on SharePoint', '(continued) the standard covers flicker and harmonics']);
    const b = await imp('42-dee-fry-month-sections.csv');
    expect(b.records.map((r) => r.activityName)).toEqual(['Webinar on EMC', 'Course on PLCs']);
    expect(skipped(b)).toEqual(['January 2024', 'February 2024', 'March 2024', 'Nothing this month']);
  });

  it('14c: headings with no rows say so (a blank template: a note, src/pipeline/logcheck.ts)', async () => {
    const res = await imp('14c-header-only.csv');
    expect(res.fileGaps).toContainEqual({ field: null, code: 'no_activities', severity: 'info', message: 'the file looks like a blank CPD template, not a CPD log: the table has CPD headings (Date, Activity, Hours) but no rows under them. No records were imported.' });
  });
});

describe('day/month order from the evidence (docs/domain/CPD.md §7)', () => {
  it('17b: an order written in the heading decides it', async () => {
    const res = await imp('17b-pat-brackets.csv');
    expect(res.records.map(pick)).toEqual([
      ['Read IET code of practice', '2024-02-01', '2024-02-02', null, 2, 'completed'],
      ['Course', '2024-04-03', '2024-04-05', null, 14, 'completed'],
    ]);
    expect(res.records.flatMap((r) => r.gaps).filter((g) => g.code === 'ambiguous')).toEqual([]);
  });

  it('20: completed activities cannot be in the future, so 11/12/2026 is 12 November', async () => {
    const res = await imp('20-chloe-evans-future-evidence.csv');
    expect(res.records.map((r) => r.startDate)).toEqual(['2026-11-12', '2026-10-11', '2026-09-10']);
    expect(res.fileGaps[0]!.message).toBe('column A ("Date"): dates read month first — no day is above 12, but read day first 1 date would be in the future or end before the start, and none month first');
  });

  it('21: an end before its start, read day first, makes the columns month first', async () => {
    const res = await imp('21-dan-foster-start-end-evidence.csv');
    expect(res.records.map((r) => [r.startDate, r.endDate])).toEqual([['2024-03-02', '2024-04-01'], ['2024-06-05', '2024-07-01']]);
  });

  it('x03: a year in the sheet name fills dates written without one', async () => {
    const res = await imp('x03-vic-young-sheet-per-year.xlsx');
    expect(res.records.map((r) => [r.source.sheet, r.startDate])).toEqual([
      ['2022', '2022-02-14'], ['2022', '2022-06-14'], ['2023', '2023-02-14'], ['2023', '2023-06-14'], ['2024', '2024-02-14'], ['2024', '2024-06-14'],
    ]);
    expect(res.records[1]!.gaps).toContainEqual(expect.objectContaining({ field: 'startDate', code: 'inferred', severity: 'warning' }));
  });
});

describe('columns', () => {
  it('11: minutes, days, points and CPD value columns each feed hours, conversions flagged', async () => {
    const res = await imp('11-liam-ng-unit-headings.csv');
    expect(res.records.map((r) => r.hours)).toEqual([1.5, 12, 3, 4]);
    expect(res.records[1]!.gaps).toContainEqual(expect.objectContaining({ field: 'hours', code: 'converted', raw: '2' }));
  });

  it('35: a Category of activity types is the activity type; a Name column is the person, kept in extras', async () => {
    const res = await imp('35-victor-ward-hr-export.csv');
    expect(res.records.map((r) => [r.activityType, r.twaves])).toEqual([['Course', 'T'], ['Webinar', 'T'], ['Reading', 'S']]);
    expect({ ...res.records[0]!.extras }).toEqual({ Name: 'Victor Ward', 'Employee ID': 'E1001' });
  });

  it('36: Start/Finish clock times are not dates', async () => {
    const res = await imp('36-wendy-xu-times.csv');
    expect(res.records.map((r) => [r.startDate, r.endDate, { ...r.extras }])).toEqual([
      ['2024-01-15', '2024-01-15', { Start: '09:00', Finish: '17:00' }],
      ['2024-02-16', '2024-02-16', { Start: '13:30', Finish: '15:00' }],
    ]);
  });

  it('41: a row with more values than headings keeps them and is flagged (1,5 unquoted)', async () => {
    const res = await imp('41-cal-decimal-comma-unquoted.csv');
    const r = res.records[0]!;
    expect([r.hours, r.reflection, { ...r.extras }]).toEqual([1, '5', { 'Column E': 'Learnt about filters' }]);
    expect(r.gaps).toContainEqual({
      field: null, code: 'invalid', severity: 'warning',
      message: 'this row has values beyond the table\'s headings (E2 "Learnt about filters"): its values may be shifted, e.g. by a comma inside an unquoted value such as 1,5 — check the row against the source',
      raw: 'E2 "Learnt about filters"',
    });
    expect(res.records[1]!.gaps.some((g) => g.message.startsWith('this row has values beyond'))).toBe(false);
  });
});

describe('status', () => {
  it('25: done, planned, in progress, booked and cancelled', async () => {
    const res = await imp('25-hugo-james-status.csv');
    expect(res.records.map(pick)).toEqual([
      ['Course done', '2024-01-10', '2024-01-12', null, 14, 'completed'],
      ['Course planned', null, null, '2027-06-30', 7, 'planned'],
      ['Course planned w/o status', null, null, '2027-06-30', 7, 'planned'],
      ['Course done late', '2024-02-10', '2024-02-10', '2024-01-31', 7, 'completed'],
      ['Course cancelled', null, null, '2025-06-30', 7, 'planned'],
      ['Course in progress', '2026-09-01', null, '2026-12-31', 20, 'planned'],
      ['Course booked', '2027-01-15', '2027-01-16', '2027-01-15', 14, 'planned'],
    ]);
    expect(res.records[4]!.gaps).toContainEqual(expect.objectContaining({ field: 'status', code: 'invalid', severity: 'warning', raw: 'Cancelled' }));
    expect(res.summary.totalHours).toBe(21);
  });
});

describe('merged cells and serials', () => {
  it('x04: an activity name merged over two rows names both activities', async () => {
    const res = await imp('x04-wes-zhou-two-row-header.xlsx');
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Course on transformers', '2024-02-05', 14],
      ['Webinar on IEC 61850', '2024-03-13', 1],
      ['Leadership programme (2 sessions)', '2024-04-08', 3],
      ['Leadership programme (2 sessions)', '2024-04-22', 3],
    ]);
    expect(res.records[3]!.gaps).toContainEqual({ field: 'activityName', code: 'inferred', severity: 'info', message: 'taken from the merged cell A5, which spans this row' });
  });

  it('x15: a date merged over three activities dates each; a General-formatted serial is read as a date, flagged', async () => {
    const res = await imp('x15-leo-moore-excel-traps.xlsx');
    expect(res.records.map((r) => [r.activityName, r.startDate])).toEqual([
      ['Date as General-formatted serial (45383 = 1 Apr 2024)', '2024-04-01'],
      ['Hours typed 1/2 became a date cell', '2024-04-02'],
      ['Conference day: keynote', '2024-04-10'],
      ['Conference day: panel on grid', '2024-04-10'],
      ['Conference day: workshop', '2024-04-10'],
      ['Normal row', '2024-05-01'],
    ]);
    expect(res.records[0]!.gaps).toContainEqual({ field: 'startDate', code: 'inferred', severity: 'warning', message: '45383 is a plain number in a date column; read as an Excel date serial: 1 April 2024', raw: '45383' });
  });
});

describe('damaged workbooks', () => {
  it('x13: a sheet whose data part is missing is reported, not dropped silently', async () => {
    const res = await imp('x13-missing-sheet.xlsx');
    expect(res.fileGaps[0]).toEqual({ field: null, code: 'skipped', severity: 'error', message: "sheet 'CPD 2024' is listed in the workbook but its data is missing from the file (a damaged workbook): nothing could be read from it" });
  });

  it('x14: a sheet cut short says how far it could be read', async () => {
    const res = await imp('x14-bad-xml.xlsx');
    expect(res.fileGaps.map((g) => [g.severity, g.code])).toContainEqual(['error', 'truncated']);
    expect(res.fileGaps.find((g) => g.code === 'truncated')!.message).toBe("sheet 'CPD 2024' is cut short in the file (a damaged workbook): only rows up to 9 could be read, so activities after that may be missing");
  });
});
