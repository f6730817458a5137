/**
 * Tick boxes (src/pipeline/normalise/ticks.ts) and where they are read: a line of boxes in a type or category
 * value (the ticked option is the value), and a set of category columns of ticks (the ticked column's heading).
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import { readTick, tickedOptions } from '../../src/pipeline/normalise/ticks.js';
import type { Cell, ExtractedTable, LabelledBlock } from '../../src/pipeline/types.js';

const TODAY = '2026-11-29';

describe('readTick', () => {
  it.each([
    ['☒', true], ['☑', true], ['✓', true], ['✔', true], ['✅', true], ['x', true], ['X', true], ['yes', true], ['TRUE', true], ['checked', true], ['[x]', true],
    ['☐', false], ['□', false], ['no', false], ['false', false], ['unchecked', false], ['[ ]', false], ['✗', false],
    ['', null], ['Webinar', null], ['12/03/2026', null], ['2', null],
  ] as const)('%j → %j', (text, want) => {
    expect(readTick(text)).toBe(want);
  });
});

describe('tickedOptions', () => {
  it('a Word form’s category line: the ticked box is the value, the others only offered', () => {
    expect(tickedOptions('☐ Training course    ☒ Work experience    ☐ Academic study    ☐ Volunteering')).toEqual({
      ticked: ['Work experience'],
      options: ['Training course', 'Work experience', 'Academic study', 'Volunteering'],
    });
  });

  it('typed boxes after a label, two ticked, and boxes after their words', () => {
    expect(tickedOptions('Type: [x] Webinar [ ] Course [X] Reading')).toEqual({ ticked: ['Webinar', 'Reading'], options: ['Webinar', 'Course', 'Reading'] });
    expect(tickedOptions('Course ☐  Webinar ☑  Conference ☐')).toEqual({ ticked: ['Webinar'], options: ['Course', 'Webinar', 'Conference'] });
    expect(tickedOptions('☐ Course ☐ Webinar')).toEqual({ ticked: [], options: ['Course', 'Webinar'] });
  });

  it('no line of boxes: one box, or boxes without words', () => {
    expect(tickedOptions('☒ Training course')).toBeNull();
    expect(tickedOptions('☒ ☐ ☐')).toBeNull();
    expect(tickedOptions('Webinar on grid codes')).toBeNull();
  });
});

function sheet(rows: Cell[][]): ExtractedTable {
  return { name: 'Log', sheet: 'Log', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
}

describe('ticks where a category is read', () => {
  it('one ticked column of six T/W/A/V/E/S: the row’s category, the boxes no extras and no unmapped warning', () => {
    const out = recordsFromExtraction(
      {
        tables: [
          sheet([
            ['Date', 'Activity', 'Hours', 'T', 'W', 'A', 'V', 'E', 'S'],
            ['14/01/2026', 'Harmonic filter design workshop', '6', '✓', '', '', '', '', ''],
            ['02/02/2026', 'Judged a schools bridge-building day', '4', '', '', '', 'x', '', ''],
            ['19/02/2026', 'Regional IET lecture on grid forming inverters', '1.5', '☐', '☐', '☐', '☐', '☒', '☐'],
            ['05/03/2026', 'Untagged reading', '1', '', '', '', '', '', ''],
          ]),
        ],
        blocks: [],
        gaps: [],
      },
      'log.xlsx',
      { today: TODAY },
    );
    expect(out.records.map((r) => [r.activityName, r.twaves, r.raw.twaves ?? null, r.source.cells?.twaves ?? null])).toEqual([
      ['Harmonic filter design workshop', 'T', '✓ under "T"', 'D2'],
      ['Judged a schools bridge-building day', 'V', 'x under "V"', 'G3'],
      ['Regional IET lecture on grid forming inverters', 'E', '☒ under "E"', 'H4'],
      ['Untagged reading', 'S', null, null],
    ]);
    expect(out.records[3]!.gaps.find((g) => g.field === 'twaves')?.code).toBe('inferred');
    expect(out.records.every((r) => Object.keys(r.extras).length === 0)).toBe(true);
    expect(out.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([]);
  });

  it('two categories ticked on one row: the first, with an ambiguous warning', () => {
    const out = recordsFromExtraction(
      { tables: [sheet([['Date', 'Activity', 'Hours', 'Training (T)', 'Events (E)'], ['14/01/2026', 'Cable sizing course at the IET conference', '3', 'yes', 'yes'], ['02/02/2026', 'Protection webinar', '1', 'yes', 'no']])], blocks: [], gaps: [] },
      'log.xlsx',
      { today: TODAY },
    );
    expect(out.records.map((r) => r.twaves)).toEqual(['T', 'T']);
    expect(out.records[0]!.gaps.find((g) => g.field === 'twaves')).toMatchObject({ code: 'ambiguous', message: 'boxes are ticked under "Training (T)" and "Events (E)": read as T (Training courses), the first; untick the others if it is one category' });
  });

  it('a record form’s category line of boxes gives the ticked category, not the last one named', () => {
    const block = (category: string): LabelledBlock => ({
      heading: 'CPD record',
      values: [
        { label: 'Title of activity', value: 'Visit to a glulam factory' },
        { label: 'Date(s)', value: '11/03/2026' },
        { label: 'Hours', value: '5' },
        { label: 'Category', value: category },
      ],
    });
    const out = recordsFromExtraction(
      { tables: [], blocks: [block('☐ Training course  ☐ Work experience  ☐ Academic study  ☐ Volunteering  ☒ Event  ☐ Self-study'), block('☒ Training course  ☐ Volunteering')], gaps: [] },
      'forms.docx',
      { today: TODAY },
    );
    expect(out.records.map((r) => [r.twaves, r.raw.twaves])).toEqual([
      ['E', '☐ Training course  ☐ Work experience  ☐ Academic study  ☐ Volunteering  ☒ Event  ☐ Self-study'],
      ['T', '☒ Training course  ☐ Volunteering'],
    ]);
    expect(out.records.every((r) => !r.gaps.some((g) => g.field === 'twaves'))).toBe(true);
  });

  it('a type line of boxes gives the ticked type', () => {
    const out = recordsFromExtraction(
      { tables: [sheet([['Date', 'Activity', 'Type', 'Hours'], ['14/01/2026', 'Grid code changes', '☐ Course ☒ Webinar ☐ Reading', '1']])], blocks: [], gaps: [] },
      'log.xlsx',
      { today: TODAY },
    );
    expect([out.records[0]!.activityType, out.records[0]!.raw.activityType]).toEqual(['Webinar', '☐ Course ☒ Webinar ☐ Reading']);
  });
});

describe('ticks where a status is read', () => {
  it('a status line of boxes gives the ticked status, not a word among the options', () => {
    const out = recordsFromExtraction(
      {
        tables: [
          sheet([
            ['Date', 'Activity', 'Hours', 'Status'],
            ['14/01/2026', 'Earthing design course', '6', '☒ Completed ☐ In progress'],
            ['02/02/2026', 'MSc dissertation', '40', '☐ Completed ☒ In progress'],
          ]),
        ],
        blocks: [],
        gaps: [],
      },
      'log.xlsx',
      { today: TODAY },
    );
    expect(out.records.map((r) => r.status)).toEqual(['completed', 'planned']);
  });
});

describe('hours under category columns', () => {
  it('T/W/A/V/E/S columns of hours: the hours summed, the category the column with hours; a total checked', () => {
    const out = recordsFromExtraction(
      {
        tables: [
          sheet([
            ['Date', 'Activity', 'Training (hrs)', 'Work experience (hrs)', 'Events (hrs)', 'Self-study (hrs)', 'Total hours'],
            ['14/01/2026', 'LV switchgear maintenance course', '7', '', '', '', '7'],
            ['02/02/2026', 'IET Scotland lecture: offshore HVDC', '', '', '1.5', '', '1.5'],
            ['19/02/2026', 'Shadowed the protection engineer, then read the relay manual', '', '3', '', '1', '4'],
            ['05/03/2026', 'Unsorted hours', '', '', '', '', '2'],
          ]),
        ],
        blocks: [],
        gaps: [],
      },
      'log.xlsx',
      { today: TODAY },
    );
    expect(out.records.map((r) => [r.twaves, r.hours, r.raw.hours ?? null])).toEqual([
      ['T', 7, 'T 7'],
      ['E', 1.5, 'E 1.5'],
      ['W', 4, 'W 3 + S 1'],
      [null, 2, null],
    ]);
    expect(out.records[2]!.gaps.filter((g) => g.code === 'ambiguous').map((g) => g.message)).toEqual([
      'hours are given under "Work experience (hrs)" and "Self-study (hrs)": read as W (Work experience), the one with the most hours; split the row if they are separate activities',
    ]);
    expect(out.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([]);
  });
});

describe('ticks where UK-SPEC codes and a skill type are read', () => {
  it('UK-SPEC tick-box columns give the codes ticked; a line of code boxes its ticked codes; a skill-type line its ticked option', () => {
    const out = recordsFromExtraction(
      {
        tables: [
          sheet([
            ['Date', 'Activity', 'Hours', 'A1', 'B2', 'C1', 'D1', 'E4', 'Skill'],
            ['14/01/2026', 'Power quality course', '6', '✓', '✓', '', '', '', '☒ Technical ☐ Soft'],
            ['02/02/2026', 'Led the design review', '2', '', '', 'x', 'x', '', '☐ Technical ☒ Soft'],
            ['19/02/2026', 'Read the CPD code', '0.5', '', '', '', '', '', ''],
          ]),
        ],
        blocks: [],
        gaps: [],
      },
      'log.xlsx',
      { today: TODAY },
    );
    expect(out.records.map((r) => [r.ukSpec, r.raw.ukSpec ?? null, r.raw.skillType ?? null])).toEqual([
      [['A1', 'B2'], 'ticked under A1, B2', '☒ Technical ☐ Soft'],
      [['C1', 'D1'], 'ticked under C1, D1', '☐ Technical ☒ Soft'],
      [[], null, null],
    ]);
    expect(out.records[1]!.skillType).toBe('soft');
    expect(out.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([]);
    const form = recordsFromExtraction(
      { tables: [sheet([['Date', 'Activity', 'Hours', 'UK-SPEC'], ['14/01/2026', 'Power quality course', '6', '☒ A1  ☐ A2  ☒ B3  ☐ E4']])], blocks: [], gaps: [] },
      'log.xlsx',
      { today: TODAY },
    );
    expect([form.records[0]!.ukSpec, form.records[0]!.raw.ukSpec]).toEqual([['A1', 'B3'], '☒ A1  ☐ A2  ☒ B3  ☐ E4']);
  });
});
