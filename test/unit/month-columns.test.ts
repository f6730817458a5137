/**
 * Month columns of hours (map/assign.ts `monthColumns`, build.ts `monthHours`): a row's hours are the sum of its
 * months, dated by the first month with hours (the year from the title), the last month its end, every month named.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const TODAY = '2026-11-29';

function run(rows: Cell[][]) {
  const table: ExtractedTable = { name: 'Hours', sheet: 'Hours', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
  return recordsFromExtraction({ tables: [table], blocks: [], gaps: [] }, 'cpd.xlsx', { today: TODAY });
}

describe('month columns of hours', () => {
  const out = run([
    ['CPD hours by month 2025 – Oisín Farrell ACA'],
    ['Activity', 'Type', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Total'],
    ['VAT on property webinars', 'Structured', '1', '', '1', '', '1.5', '', '3.5'],
    ['Data analytics for auditors course', 'Structured', '', '', '', '7', '', '', '7'],
    ['Reading: technical releases', 'Unstructured', '', '0.5', '', '', '', '0.25', '1'],
    ['Total', '', '1', '0.5', '1', '7', '1.5', '0.25', '11.5'],
  ]);

  it('sums each row’s months and dates it by the first month with hours, the year from the title', () => {
    expect(out.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours, r.raw.hours])).toEqual([
      ['VAT on property webinars', '2025-01', '2025-05', 3.5, 'Jan 1 + Mar 1 + May 1.5'],
      ['Data analytics for auditors course', '2025-04', '2025-04', 7, 'Apr 7'],
      ['Reading: technical releases', '2025-02', '2025-06', 0.75, 'Feb 0.5 + Jun 0.25'],
    ]);
  });

  it('names every month in a note, and a total that disagrees with the sum in a warning', () => {
    expect(out.records[0]!.gaps.find((g) => g.field === 'hours')?.message).toBe('hours by month: Jan 1 + Mar 1 + May 1.5 = 3.5 h; dated from the first month with hours to the last (2025-01 to 2025-05)');
    expect(out.records[2]!.gaps.filter((g) => g.field === 'hours').map((g) => [g.code, g.message])).toEqual([
      ['inferred', 'hours by month: Feb 0.5 + Jun 0.25 = 0.75 h; dated from the first month with hours to the last (2025-02 to 2025-06)'],
      ['ambiguous', 'the months add up to 0.75 h but "Total" says 1 h: the months\' sum is used; check both'],
    ]);
    expect(out.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([]);
  });

  it('a financial year (Apr … Mar) turns once: the months after the turn fall in the next year; h:mm values are read', () => {
    const fy = run([
      ['CPD hours April 2025 – March 2026'],
      ['Activity', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'],
      ['Pensions auto-enrolment update', '', '', '', '', '', '', '', '', '1:30', '0:45', '', ''],
      ['Consolidation masterclass', '', '', '', '', '', '', '', '', '', '', '', '6:00'],
    ]);
    expect(fy.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['Pensions auto-enrolment update', '2025-12', '2026-01', 2.25],
      ['Consolidation masterclass', '2026-03', '2026-03', 6],
    ]);
  });

  it('months in the wrong order, or only two, are no month grid', () => {
    const jumbled = run([
      ['Activity', 'Date', 'Mar', 'Jan', 'Feb', 'Jan'],
      ['Webinar: IFRS 17', '12/01/2025', '1', '', '', ''],
    ]);
    expect(jumbled.records.map((r) => [r.startDate, r.hours])).toEqual([['2025-01-12', null]]);
    const two = run([
      ['Activity', 'Date', 'Jan', 'Feb'],
      ['Webinar: IFRS 17', '12/01/2025', '1', ''],
      ['Course: audit sampling', '03/02/2025', '', '6'],
    ]);
    expect(two.records.map((r) => r.startDate)).toEqual(['2025-01-12', '2025-02-03']);
    expect(two.records.every((r) => !r.gaps.some((g) => g.message.startsWith('hours by month')))).toBe(true);
  });
});

describe('day columns of a timesheet grid', () => {
  it('only the learning line is read: its hours the sum of its days, dated from the first day with hours to the last', () => {
    const out = run([
      ['Timesheet – Carys Morgan – week ending 15 Mar 2026'],
      [],
      ['Project / task', 'Code', 'Mon 09/03', 'Tue 10/03', 'Wed 11/03', 'Thu 12/03', 'Fri 13/03', 'Total'],
      ['Penarth pumping station – controls upgrade', 'J4410', '7', '6.5', '7.5', '4', '3', '28'],
      ['Training: SIL assessment course', 'TRN', '0', '1', '0', '3.5', '0', '4.5'],
      ['Holiday', 'HOL', '0', '0', '0', '0', '4', '4'],
      ['Total', '', '7', '7.5', '7.5', '7.5', '7', '36.5'],
    ]);
    expect(out.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([['Training: SIL assessment course', '2026-03-10', '2026-03-12', 4.5]]);
    expect(out.records[0]!.gaps.find((g) => g.field === 'hours')?.message).toBe('hours by day: Tue 10/03 1 + Thu 12/03 3.5 = 4.5 h; dated from the first day with hours to the last (2026-03-10 to 2026-03-12)');
    expect(out.fileGaps.map((g) => g.message)).toContain("sheet 'Hours' is a timesheet: 2 of its rows book time to work (projects, meetings, leave), not learning, and were not imported; its 1 training or CPD line was");
  });
});
