/**
 * A date written over Day / Month / Year columns (src/pipeline/map/date-parts.ts, build.ts `datePartsCell`): read
 * as one date, the parts named in an info note and not warned as columns mapped to no field (trial 6). Fictional
 * health and safety adviser.
 */
import { describe, expect, it } from 'vitest';
import { isMonthValue } from '../../src/pipeline/map/date-parts.js';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const table = (rows: Cell[][]): ExtractedTable => ({ name: 'CPD', sheet: 'CPD', rows: rows.map((cells, i) => ({ index: i + 1, cells })) });

describe('a date over Day / Month / Year columns', () => {
  const res = recordsFromExtraction({
    tables: [table([
      ['Day', 'Month', 'Year', 'Activity', 'Hrs'],
      ['14', 'Jan', '2026', 'Asbestos awareness refresher', '1.5'],
      ['2', '6', '2026', 'Read HSE research report on mental health', '2'],
      ['22', 'Sept', '2026', 'Toolbox talk on working at height', '1'],
      ['5', '12', '2026', 'NEBOSH diploma revision day (booked)', '6'],
    ])],
    blocks: [],
    gaps: [],
  }, 'log.xlsx', { today: '2026-11-29' });

  it('reads the three parts as one date (a numeric month never swapped with the day), a later one as planned', () => {
    expect(res.records.map((r) => [r.startDate, r.status])).toEqual([
      ['2026-01-14', 'completed'], ['2026-06-02', 'completed'], ['2026-09-22', 'completed'], ['2026-12-05', 'planned'],
    ]);
    expect(res.records[3]!.targetDate).toBe('2026-12-05');
    expect(res.records[0]!.source.cells?.startDate).toBe('A2:C2');
  });

  it('names the month and year columns as parts of the date, in info notes', () => {
    expect(res.fileGaps.filter((g) => g.code === 'unmapped').map((g) => [g.severity, g.message])).toEqual([
      ['info', 'sheet \'CPD\' column B "Month" holds the month of the start date in column A ("Day"), read with it (e.g. "Jan", "6"); its values are also kept in extras'],
      ['info', 'sheet \'CPD\' column C "Year" holds the year of the start date in column A ("Day"), read with it (e.g. "2026", "2026"); its values are also kept in extras'],
    ]);
  });

  it('knows a month by its name or number', () => {
    expect(['Jan', 'Sept', 'september', '6', '12', 'Dec.'].map(isMonthValue)).toEqual([true, true, true, true, true, true]);
    expect(['13', '0', 'Janet', 'Q1'].map(isMonthValue)).toEqual([false, false, false, false]);
  });
});

describe('days of the month under month section rows (trial 6: a diary lost every date)', () => {
  const res = recordsFromExtraction({
    tables: [table([
      ['CPD diary 2026 – Hannah Fielding RN'],
      [],
      ['Date', 'What I did', 'Time', 'Notes'],
      ['January'],
      ['14th', 'Immunisation update (in-house)', '1:30', 'New shingles schedule'],
      ['27th', 'Cervical screening refresher e-learning', '90 mins', ''],
      ['March'],
      ['4th', 'Practice nurse forum: menopause and HRT', '2 x 1h', ''],
      ['19th', 'Journal club: asthma biologics', '45 min', ''],
      [],
      ['Total for the year so far: 5.25 hours'],
    ])],
    blocks: [],
    gaps: [],
  }, 'diary.xlsx', { today: '2026-11-29' });

  it('dates each day by the month row above it and the year of the title', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Immunisation update (in-house)', '2026-01-14', 1.5],
      ['Cervical screening refresher e-learning', '2026-01-27', 1.5],
      ['Practice nurse forum: menopause and HRT', '2026-03-04', 2],
      ['Journal club: asthma biologics', '2026-03-19', 0.75],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')?.message).toBe('"14th" is a day of the month; January 2026 taken from the title or the sheet\'s name');
    expect(res.fileGaps.map((g) => g.message)).toContain("sheet 'CPD' row 4 names a month (January); the days of the month in the rows under it are dated in 2026-01");
  });
});
