import { describe, expect, it } from 'vitest';
import { readLongFormat } from '../../src/pipeline/map/long-format.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

function table(rows: Cell[][]): ExtractedTable {
  return { name: 'Entries', sheet: 'Entries', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
}

describe('a table in long format, one row per entry and field (trial 7: a form builder export read as nothing)', () => {
  it('reads each entry of an Entry ID / Submitted / Field / Value export as one labelled block, cells kept', () => {
    const t = table([
      ['Entry ID', 'Submitted', 'Field', 'Value'],
      ['E7', '03/02/2026 19:22', 'Activity title', 'Culvert inspection course'],
      ['E7', '03/02/2026 19:22', 'Date', '28/01/2026'],
      ['E7', '03/02/2026 19:22', 'Hours', '6'],
      ['E8', '30/03/2026 08:05', 'Activity title', 'Flood risk conference'],
      ['E8', '30/03/2026 08:05', 'Date', '24/03/2026'],
      ['E8', '30/03/2026 08:05', 'Hours', '11'],
    ]);
    const long = readLongFormat(t)!;
    expect(long).toMatchObject({ labelColumn: 2, valueColumn: 3, keyColumn: 0 });
    expect(long.blocks).toEqual([
      {
        sheet: 'Entries',
        values: [
          { label: 'Activity title', value: 'Culvert inspection course', ref: 'D2' },
          { label: 'Date', value: '28/01/2026', ref: 'D3' },
          { label: 'Hours', value: '6', ref: 'D4' },
          { label: 'Entry ID', value: 'E7', ref: 'A2' },
          { label: 'Submitted', value: '03/02/2026 19:22', ref: 'B2' },
        ],
      },
      {
        sheet: 'Entries',
        values: [
          { label: 'Activity title', value: 'Flood risk conference', ref: 'D5' },
          { label: 'Date', value: '24/03/2026', ref: 'D6' },
          { label: 'Hours', value: '11', ref: 'D7' },
          { label: 'Entry ID', value: 'E8', ref: 'A5' },
          { label: 'Submitted', value: '30/03/2026 08:05', ref: 'B5' },
        ],
      },
    ]);
  });

  it('with no key column, a label met again starts the next entry', () => {
    const t = table([
      ['Activity', 'Toolbox talk: ladders'], ['Date', '12/01/2026'], ['Hours', '0.5'],
      ['Activity', 'First aid refresher'], ['Date', '02/02/2026'], ['Hours', '6'],
    ]);
    const long = readLongFormat(t)!;
    expect(long.keyColumn).toBeNull();
    expect(long.blocks.map((b) => b.values.map((v) => v.value))).toEqual([['Toolbox talk: ladders', '12/01/2026', '0.5'], ['First aid refresher', '02/02/2026', '6']]);
  });

  it('a wide log whose type column repeats is no long table', () => {
    const t = table([
      ['Date', 'Activity', 'Type', 'Hours'],
      ['12/01/2026', 'Ladder safety', 'Course', '1'],
      ['14/01/2026', 'BIM webinar', 'Webinar', '1'],
      ['20/01/2026', 'Site visit', 'Course', '2'],
      ['22/01/2026', 'Revit webinar', 'Webinar', '1'],
      ['28/01/2026', 'CDM course', 'Course', '7'],
      ['30/01/2026', 'Piling webinar', 'Webinar', '1'],
    ]);
    expect(readLongFormat(t)).toBeNull();
  });
});
