/**
 * An issue tracker's export used as a CPD log (trial 6): time logged in whole seconds under a heading naming no unit,
 * a key column whose heading shares a stem with a date word ("Issue key" / "issued"), and a resolved date-time beside
 * a plain start date — each read by a mechanism, on a made-up tracker of fictional people.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

function run(rows: Cell[][]) {
  const table: ExtractedTable = { name: 'tracker.csv', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
  return recordsFromExtraction({ tables: [table], blocks: [], gaps: [], text: '' }, 'tracker.csv', { today: '2026-11-29' });
}

const TRACKER: Cell[][] = [
  ['Summary', 'Issue key', 'Status', 'Resolved', 'Logged time', 'Begin (Start date)'],
  ['Webinar: heat networks for new towns', 'LRN-4', 'Done', '09/Mar/26 5:10 PM', '5400', '09/Mar/26'],
  ['Read the CIBSE guide on commissioning', 'LRN-5', 'Done', '22/Apr/26 9:45 PM', '30600', '14/Apr/26'],
  ['Shadow the site manager at handover', 'LRN-6', 'Done', '02/Jun/26 4:00 PM', '14400', '02/Jun/26'],
];

describe('an issue tracker exported as a CPD log', () => {
  it('reads whole minutes counted in seconds as hours, the resolved day as the end date, and the key as no date', () => {
    const res = run(TRACKER);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['Webinar: heat networks for new towns', '2026-03-09', '2026-03-09', 1.5],
      ['Read the CIBSE guide on commissioning', '2026-04-14', '2026-04-22', 8.5],
      ['Shadow the site manager at handover', '2026-06-02', '2026-06-02', 4],
    ]);
    const cols = res.mapping[0]!.columns;
    expect(cols.find((c) => c.heading === 'Logged time')).toMatchObject({ field: 'hours' });
    expect(cols.find((c) => c.heading === 'Logged time')!.reason).toContain('3 of 3 values are whole minutes counted in seconds (600 or more, multiples of 60), read as seconds');
    expect(cols.find((c) => c.heading === 'Issue key')).toMatchObject({ field: null });
    expect(cols.find((c) => c.heading === 'Issue key')!.reason).toContain('but none of its 3 values is a date');
    expect(cols.find((c) => c.heading === 'Resolved')).toMatchObject({ field: 'endDate' });
    expect(res.records[0]!.extras['Issue key']).toBe('LRN-4');
  });

  it('keeps small numbers as hours, and milliseconds (past 100 hours in seconds) are not read as seconds', () => {
    const res = run([
      ['Activity', 'Date', 'Duration'],
      ['Webinar: district heating', '09/03/2026', '90'],
      ['Site visit', '14/04/2026', '3'],
    ]);
    expect(res.records.map((r) => r.hours)).toEqual([90, 3]);
    const ms = run([
      ['Activity', 'Date', 'Logged time'],
      ['Webinar: district heating', '09/03/2026', '5400000'],
      ['Site visit', '14/04/2026', '10800000'],
    ]);
    expect(ms.mapping[0]!.columns.find((c) => c.heading === 'Logged time')!.reason).not.toContain('seconds');
  });
});
