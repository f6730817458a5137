/**
 * Map → normalise → validate on in-memory tables (no file format involved): header detection below a title
 * block, stacked tables, totals rows, two-row headers, Category by content, joined columns, hostile headings,
 * status, inferred values and every validation rule.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable, Extraction } from '../../src/pipeline/types.js';

const TODAY = '2026-11-29';

function table(name: string, rows: Cell[][], first = 1): ExtractedTable {
  return { name, sheet: name, rows: rows.map((cells, i) => ({ index: first + i, cells })) };
}

function run(tables: ExtractedTable[], extra: Partial<Extraction> = {}) {
  return recordsFromExtraction({ tables, blocks: [], gaps: [], ...extra }, 'log.xlsx', { today: TODAY });
}

describe('dates without a year under a title (layout: year blocks, a period over two years)', () => {
  it('dates "14 Mar" under a "2025" title row and "19 Nov 2026"-style text under a "2026" one, block by block', () => {
    const out = run([table('CPD', [
      ['2025', null, null],
      ['Date', 'Activity', 'Hours'],
      ['14 Mar', 'Webinar: hydrogen blending in gas networks', '1'],
      ['2–3 Jul', 'Pipeline integrity course', '12'],
      [null, null, null],
      ['2026', null, null],
      ['Date', 'Activity', 'Hours'],
      ['21 Jan', 'IGEM technical seminar', '3'],
    ])]);
    expect(out.records.map((r) => [r.activityName, r.startDate, r.endDate])).toEqual([
      ['Webinar: hydrogen blending in gas networks', '2025-03-14', '2025-03-14'],
      ['Pipeline integrity course', '2025-07-02', '2025-07-03'],
      ['IGEM technical seminar', '2026-01-21', '2026-01-21'],
    ]);
  });

  it('puts a date before the start of a titled period ("6 April 2024 to 5 April 2025") in its second year', () => {
    const out = run([table('FY2024-25', [
      ['CPD record – tax year 6 April 2024 to 5 April 2025', null, null],
      [null, null, null],
      ['Date', 'CPD activity', 'Hours'],
      ['22 May', 'Making Tax Digital update', '1.5'],
      ['27 Feb', 'Budget briefing', '3'],
    ])]);
    expect(out.records.map((r) => r.startDate)).toEqual(['2024-05-22', '2025-02-27']);
    expect(out.records[1]!.gaps.find((g) => g.field === 'startDate')?.message).toBe('"27 Feb" has no year; 2025 taken from the year 6 April 2024 to 5 April 2025, named in the sheet name or a title row');
  });
});

describe('totals by period or kind ("… total")', () => {
  it('skips undated rows whose label ends in "total", whatever names the period or kind', () => {
    const out = run([table('Log', [
      ['Date', 'Activity', 'Hours'],
      ['12/03/2026', 'Regional water conference', '6'],
      ['14/03/2026', 'Leakage webinar', '1'],
      [null, 'Training courses total', '7'],
      [null, 'Q1 Total', '7'],
      ['Self-study sub-total:', null, '0'],
      ['02/04/2026', 'Total station surveying course', '7'],
    ])]);
    expect(out.records.map((r) => r.activityName)).toEqual(['Regional water conference', 'Leakage webinar', 'Total station surveying course']);
    expect(out.fileGaps.filter((g) => g.message.includes('is a totals row')).map((g) => g.raw)).toEqual(['Training courses total | 7', 'Q1 Total | 7', 'Self-study sub-total: | 0']);
  });
});

describe('tick boxes typed into a form', () => {
  it('reads "☐ Course ☒ Conference ☐ Webinar" as the option ticked, keeps the list in raw, and says when none is ticked', () => {
    const out = run([table('Form', [
      ['Date', 'Activity', 'Type of activity', 'Verifiable?', 'Hours', 'What I learnt'],
      ['12/03/2026', 'Regional water conference', '☐ Course ☒ Conference ☐ Webinar', '[x] Yes [ ] No', '6', 'Smart metering pilots cut night flow.'],
      ['14/04/2026', 'Reading: WRc manual', '☐ Course ☐ Conference ☐ Webinar', '[ ] Yes [x] No', '2', 'Chapters on lining methods.'],
      ['05/05/2026', 'Leakage webinar', '☐ Course ☐ Conference ☒ Webinar', '[x] Yes [ ] No', '1', 'Acoustic loggers beat step tests.'],
    ])]);
    expect(out.records.map((r) => [r.activityType, r.extras['Verifiable?'] ?? null])).toEqual([['Conference', '[x] Yes [ ] No'], [null, '[ ] Yes [x] No'], ['Webinar', '[x] Yes [ ] No']]);
    expect(out.records[0]!.raw.activityType).toBe('☐ Course ☒ Conference ☐ Webinar');
    expect(out.records[1]!.gaps.find((g) => g.field === 'activityType' && g.code === 'missing')?.message).toBe('no activity type (e.g. course, webinar, conference, reading)');
  });
});

describe('header detection and segments', () => {
  const sheet = table('Log 2024', [
    ['CPD Record — Priya Raman CEng MIET', null, null, null, null],
    ['Membership no. 1234567', null, null, null, null],
    ['Year: 2024', null, null, null, null],
    [null, null, null, null, null],
    ['Date', 'Activity', 'Type', 'Hours (h)', 'Reflection'],
    ['12/03/2024', 'IET webinar: Power electronics for EVs', 'Webinar', '1.5', 'Learnt about SiC MOSFET losses; will use in the charger design review.'],
    ['15/03/2024', 'BS 7671 amendment 2 briefing', 'Course', '3', 'RCD selection rules changed.'],
    ['Total', null, null, { text: '4.5', number: 4.5, formula: 'SUM(D6:D7)' }, null],
  ]);
  const res = run([sheet]);

  it('finds the header under the title block and reports the mapping', () => {
    expect(res.mapping).toEqual([
      {
        table: 'Log 2024',
        sheet: 'Log 2024',
        headerRow: 5,
        kind: 'log',
        columns: [
          { column: 'A', heading: 'Date', field: 'startDate', how: 'synonym', confidence: 1, reason: 'heading "Date" is a known heading for the start date; 2 of 3 values are dates' },
          { column: 'B', heading: 'Activity', field: 'activityName', how: 'synonym', confidence: 0.95, reason: 'heading "Activity" is a known heading for the activity name' },
          { column: 'C', heading: 'Type', field: 'activityType', how: 'synonym', confidence: 0.95, reason: 'heading "Type" is a known heading for the activity type' },
          { column: 'D', heading: 'Hours (h)', field: 'hours', how: 'synonym', confidence: 0.95, reason: 'heading "Hours (h)" is a known heading for the hours' },
          { column: 'E', heading: 'Reflection', field: 'reflection', how: 'synonym', confidence: 0.95, reason: 'heading "Reflection" is a known heading for the reflection' },
        ],
      },
    ]);
  });

  it('imports the two activities field by field and skips the totals row', () => {
    expect(res.records).toHaveLength(2);
    expect(res.records[0]).toEqual({
      activityName: 'IET webinar: Power electronics for EVs',
      activityType: 'Webinar',
      twaves: 'T',
      startDate: '2024-03-12',
      endDate: '2024-03-12',
      targetDate: null,
      hours: 1.5,
      description: null,
      reflection: 'Learnt about SiC MOSFET losses; will use in the charger design review.',
      ukSpec: [],
      skillType: null,
      objective: null,
      status: 'completed',
      extras: {},
      raw: { startDate: '12/03/2024' },
      gaps: [
        { field: 'endDate', code: 'inferred', severity: 'info', message: 'the log gives one date per activity; the end date is taken as the start date' },
        { field: 'twaves', code: 'inferred', severity: 'info', message: 'TWAVES category not stated; inferred T (Training courses): activity type "Webinar" mentions "webinar" (training courses) → T Training courses' },
        { field: 'description', code: 'missing', severity: 'info', message: 'no description (the reflection says what was done)' },
      ],
      source: { file: 'log.xlsx', sheet: 'Log 2024', row: 6, cells: { startDate: 'A6', activityName: 'B6', activityType: 'C6', hours: 'D6', reflection: 'E6' } },
    });
    expect(res.records[1]!.source.row).toBe(7);
    expect(res.fileGaps).toContainEqual({
      field: null, code: 'skipped', severity: 'info', message: "sheet 'Log 2024' row 8 is a totals row and was not imported as an activity", raw: 'Total | 4.5',
    });
    expect(res.summary).toEqual({ records: 2, completed: 2, planned: 0, recordsWithGaps: 2, gaps: { error: 0, warning: 0, info: 6 }, totalHours: 4.5 });
  });

  it('reports the day/month decision for the date column as a file-level note', () => {
    expect(res.fileGaps).toContainEqual(expect.objectContaining({ field: 'startDate', code: 'inferred', severity: 'info' }));
  });
});

describe('stacked tables, a plan table and a notes sheet', () => {
  const sheet = table('CPD', [
    ['2023', null, null],
    ['Activity', 'Date', 'Hours'],
    ['Mentoring graduate engineer', '05/10/2023', '2'],
    [null, null, null],
    ['2024', null, null],
    ['Activity', 'Date', 'Hours'],
    ['IET Midlands conference', '18/04/2024', '6'],
    [null, null, null],
    ['Objective', 'Planned activity', 'Target date'],
    ['Lead a design review', 'Chairing meetings course', '30/06/2027'],
  ]);
  const notes = table('Notes', [['These are my notes about the log'], ['Hours are rounded to the nearest half hour.']]);
  const res = run([sheet, notes]);

  it('finds three tables on one sheet', () => {
    expect(res.mapping.map((m) => [m.table, m.headerRow, m.kind])).toEqual([
      ['CPD (table 1)', 2, 'log'],
      ['CPD (table 2)', 6, 'log'],
      ['CPD (table 3)', 9, 'plan'],
    ]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.targetDate, r.hours, r.status, r.objective])).toEqual([
      ['Mentoring graduate engineer', '2023-10-05', null, 2, 'completed', null],
      ['IET Midlands conference', '2024-04-18', null, 6, 'completed', null],
      ['Chairing meetings course', null, '2027-06-30', null, 'planned', 'Lead a design review'],
    ]);
  });

  it('says the notes sheet holds no log', () => {
    expect(res.fileGaps).toContainEqual({
      field: null, code: 'skipped', severity: 'info',
      message: "sheet 'Notes' holds no CPD log (no heading row naming at least two record fields, e.g. Activity and Date) and was not imported",
    });
  });
});

describe('column mapping details', () => {
  it('reads a Category column of TWAVES letters as TWAVES, and of types as activity type', () => {
    const a = run([table('A', [['Activity', 'Date', 'Category'], ['Reading IEC 61508', '01/02/2024', 'S'], ['Webinar on EMC', '02/02/2024', 'T']])]);
    expect(a.mapping[0]!.columns[2]).toEqual({
      column: 'C', heading: 'Category', field: 'twaves', how: 'content', confidence: 0.9,
      reason: 'heading "Category" is a known heading for the activity type or TWAVES category; 2 of 2 values are TWAVES categories',
    });
    expect(a.records.map((r) => r.twaves)).toEqual(['S', 'T']);
    const b = run([table('B', [['Activity', 'Date', 'Category'], ['Reading IEC 61508', '01/02/2024', 'Reading'], ['Webinar on EMC', '02/02/2024', 'Webinar']])]);
    expect(b.mapping[0]!.columns[2]!.field).toBe('activityType');
  });

  it('joins two reflection columns and keeps a two-row header group', () => {
    const res = run([
      table('Log', [
        [null, 'Dates', null, 'Reflection', null],
        ['Activity', 'From', 'To', 'What did I learn?', 'How will I apply it?'],
        ['Safety leadership workshop', '05/02/2024', '06/02/2024', 'How to run a toolbox talk.', 'I will run one monthly.'],
      ]),
    ]);
    const r = res.records[0]!;
    expect([r.startDate, r.endDate]).toEqual(['2024-02-05', '2024-02-06']);
    expect(r.reflection).toBe('How to run a toolbox talk.\n\nI will run one monthly.');
    expect(r.source.cells?.reflection).toBe('D3, E3');
  });

  it('keeps unmapped, duplicate and hostile headings in extras without touching prototypes', () => {
    const res = run([
      table('Log', [
        ['Activity', 'Date', 'Hours', '__proto__', 'toString', 'Cost', 'Cost'],
        ['NEBOSH refresher', '10/01/2024', '7', 'polluted?', 'x', '£120', '£80'],
      ]),
    ]);
    const r = res.records[0]!;
    expect(Object.entries(r.extras)).toEqual([['__proto__', 'polluted?'], ['toString', 'x'], ['Cost (F)', '£120'], ['Cost (G)', '£80']]);
    expect(Object.getPrototypeOf(r.extras)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(r.extras)).toBe('{"__proto__":"polluted?","toString":"x","Cost (F)":"£120","Cost (G)":"£80"}');
  });

  it('applies a mapping override', () => {
    const res = recordsFromExtraction(
      { tables: [table('Log', [['Activity', 'When', 'Learning points', 'Ref'], ['Read E&T article on grid storage', '03/03/2024', 'Batteries degrade faster when hot.', 'R12']])], blocks: [], gaps: [] },
      'log.csv',
      { today: TODAY, mapping: { 'Learning points': 'reflection', When: 'startDate', Ref: null } },
    );
    expect(res.records[0]!.reflection).toBe('Batteries degrade faster when hot.');
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field, c.how])).toEqual([
      ['Activity', 'activityName', 'synonym'],
      ['When', 'startDate', 'override'],
      ['Learning points', 'reflection', 'override'],
      ['Ref', null, 'unmapped'],
    ]);
  });
});

describe('validation gaps', () => {
  const res = run([
    table('Log', [
      ['Activity', 'Type', 'Start date', 'End date', 'Target date', 'Hours', 'Description', 'Reflection'],
      ['Python for engineers e-learning', 'E-learning', '10/05/2024', '08/05/2024', null, '4', 'Numpy basics', 'Useful'],
      ['Future course', 'Course', '10/01/2027', '11/01/2027', null, '7', 'd', 'r'],
      ['Long day', 'Workshop', '01/02/2024', '01/02/2024', null, '30', 'd', 'r'],
      ['Zero hours', 'Reading', '01/02/2024', null, null, '0', 'd', 'r'],
      ['Chartership plan: ethics module', 'Course', null, null, '31/12/2027', '10', 'planned', null],
      [null, null, '03/02/2024', null, null, 'see certificate', null, null],
      ['Winter school', 'Course', '28/12/2023', '03/01/2024', null, '20', 'd', 'r'],
    ]),
  ]);
  const codes = (i: number) => res.records[i]!.gaps.map((g) => `${g.field}:${g.code}:${g.severity}`);

  it('flags end before start', () => {
    expect(codes(0)).toContain('endDate:out_of_range:error');
    expect(res.records[0]!.gaps.find((g) => g.code === 'out_of_range')!.message).toBe('the end date 8 May 2024 is before the start date 10 May 2024');
  });
  it('reads an activity dated after today with no status as booked (planned); flags one a status says is completed', () => {
    expect(res.records[1]!.status).toBe('planned');
    expect(res.records[1]!.gaps.find((g) => g.field === 'status')!.message).toBe('dated 10 January 2027, after today, with no status given: read as planned (not counted until it is done)');
    const stated = run([table('Log', [['Activity', 'Date', 'Hours', 'Status'], ['Future course', '10/01/2027', '7', 'Completed']])]);
    expect(stated.records[0]!.status).toBe('completed');
    expect(stated.records[0]!.gaps.find((g) => g.code === 'out_of_range')!.message).toBe('10 January 2027 is in the future, but the activity is recorded as completed (today is 29 November 2026)');
  });
  it('flags more than 24 hours a day and hours ≤ 0', () => {
    expect(res.records[2]!.gaps.find((g) => g.field === 'hours')!.message).toBe('30 hours over 1 day is more than 24 hours a day');
    expect(res.records[3]!.gaps.find((g) => g.field === 'hours')!.message).toBe('0 hours: CPD hours must be more than 0');
  });
  it('treats a target date with no end date as planned, and checks planned fields', () => {
    const r = res.records[4]!;
    expect(r.status).toBe('planned');
    expect(r.targetDate).toBe('2027-12-31');
    expect(codes(4)).not.toContain('reflection:missing:warning');
    expect(codes(4)).not.toContain('startDate:missing:error');
  });
  it('keeps unreadable hours as raw text in the gap and flags every missing field', () => {
    const r = res.records[5]!;
    expect(r.hours).toBeNull();
    expect(r.gaps.find((g) => g.field === 'hours')).toEqual(expect.objectContaining({ code: 'invalid', severity: 'error', raw: 'see certificate' }));
    expect(codes(5)).toEqual(expect.arrayContaining(['activityName:missing:error', 'activityType:missing:warning', 'description:missing:warning', 'reflection:missing:warning']));
  });
  it('flags an activity spanning two years', () => {
    expect(res.records[6]!.gaps).toContainEqual({ field: 'endDate', code: 'spans_years', severity: 'info', message: 'the activity runs from 2023 into 2024; it counts in 2024, the year of its end date' });
  });
});

describe('duplicates', () => {
  it('flags exact and near duplicates on both records, keeping all of them', () => {
    const res = run([
      table('Log', [
        ['Activity', 'Date', 'Hours'],
        ['IET webinar: Power electronics', '12/03/2024', '1.5'],
        ['IET webinar: Power electronics', '12/03/2024', '1.5'],
        ['IET Webinar - power electronic', '14/03/2024', '1'],
        ['Power electronics IET webinar', '14/03/2024', '2'],
      ]),
    ]);
    expect(res.records).toHaveLength(4);
    const dup = (i: number) => res.records[i]!.gaps.filter((g) => g.code === 'duplicate').map((g) => g.message);
    expect(dup(0)).toEqual(["exact duplicate of sheet 'Log' row 3"]);
    expect(dup(1)).toEqual(["exact duplicate of sheet 'Log' row 2"]);
    expect(dup(2)).toEqual(["possible duplicate of sheet 'Log' row 5 (same date and activity: the name is written differently, hours differ (1 vs 2))"]);
    expect(dup(3)).toEqual(["possible duplicate of sheet 'Log' row 4 (same date and activity: the name is written differently, hours differ (1 vs 2))"]);
  });
});

describe('a "Month" column', () => {
  it('is the start date when no column is a date column, not when one is (Word/PDF trial 2)', () => {
    const only = run([table('Log', [['Month', 'Activity', 'Hours'], ['January 2024', 'Webinar', '1'], ['February 2024', 'Course', '6']])]);
    expect(only.records.map((r) => r.startDate)).toEqual(['2024-01', '2024-02']);
    const both = run([table('Log', [['Month', 'Date', 'Activity', 'Hours'], ['March 2024', '03/03/2024', 'Webinar', '1']])]);
    expect([both.records[0]!.startDate, both.records[0]!.extras]).toEqual(['2024-03-03', { Month: 'March 2024' }]);
  });

  it('a cell naming two activities with bracketed hours on one line is flagged too', () => {
    const res = run([table('Log', [['Month', 'Activity', 'Hours'], ['April 2024', 'Mentoring (2 h); STEM Ambassador visit (3 h)', '5']])]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'activityName')).toMatchObject({ code: 'ambiguous', message: 'the cell names 2 activities, each with its own hours: they were read as one record; split them into one row each' });
  });
});

describe('hours against dates of month precision', () => {
  it('5,000 h in "May 2024" is more than 24 h a day over its 31 days (service trial 3: it passed unflagged)', () => {
    const res = run([table('Log', [['Activity', 'Start', 'End', 'Hours'], ['Conference week', 'May 2024', 'May 2024', '5000']])]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'hours')).toMatchObject({ code: 'out_of_range', severity: 'warning', message: '5000 hours over 31 days is more than 24 hours a day' });
  });
});

describe('a target date written "TBC" and no dates', () => {
  it('is a planned activity whose target is not set, not a completed one without dates (service trial 3)', () => {
    const res = run([table('Log', [['Activity', 'Start', 'End', 'Target date', 'Hours'], ['PLC safety course', '', '', 'TBC', '7'], ['Webinar', '03/03/2024', '03/03/2024', '', '1.5']])]);
    expect(res.records.map((r) => [r.activityName, r.status, r.targetDate])).toEqual([['PLC safety course', 'planned', null], ['Webinar', 'completed', null]]);
    expect(res.records[0]!.gaps.filter((g) => g.severity === 'error')).toEqual([]);
  });
});

describe('an end date taken from a start of month precision', () => {
  it('says "within that month", not "a one-day activity" (service trial 3)', () => {
    const res = run([table('Log', [['Activity', 'Start', 'End', 'Hours'], ['Reading club', 'March 2024', '', '3']])]);
    expect([res.records[0]!.endDate, res.records[0]!.gaps.find((g) => g.field === 'endDate')?.message]).toEqual(['2024-03', 'no end date given; taken as the start date (within that month)']);
  });
});

describe('an end date before the start in an earlier year', () => {
  it('is an error, and not also "runs from 2025 into 2024" (service trial 3)', () => {
    const res = run([table('Log', [['Activity', 'Start', 'End', 'Hours'], ['Site visit', '03/01/2025', '20/12/2024', '3']])]);
    const codes = res.records[0]!.gaps.map((g) => `${g.field}:${g.code}`);
    expect(codes).toContain('endDate:out_of_range');
    expect(codes).not.toContain('endDate:spans_years');
  });
});

describe('validateRecord twice', () => {
  it('adds no gap a second time', async () => {
    const { validateRecord } = await import('../../src/pipeline/validate.js');
    const res = run([table('Log', [['Activity', 'Start', 'End', 'Hours'], ['Winter school', '28/12/2023', '20/12/2023', '0']])]);
    const r = res.records[0]!;
    const before = r.gaps.map((g) => `${g.field}:${g.code}`);
    validateRecord(r, { today: TODAY }, true);
    expect(r.gaps.map((g) => `${g.field}:${g.code}`)).toEqual(before);
  });
});

describe('tables side by side (trial 2)', () => {
  it('reads two logs set side by side on one sheet as two tables, each row its own activity', () => {
    const res = run([table('CPD', [
      ['2025', '2025', '2025', null, '2026', '2026', '2026'],
      ['Date', 'Activity', 'Hours', null, 'Date', 'Activity', 'Hours'],
      ['04/02/2025', 'Webinar: EV charging', '1', null, '27/01/2026', 'Course: Power system harmonics', '14'],
      ['15/04/2025', 'Secondment to network design', '35', null, '05/03/2026', 'Commissioning of a solar farm substation', '21'],
      [null, null, null, null, '20/05/2026', 'Institution annual conference', '7'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.source.cells])).toEqual([
      ['Webinar: EV charging', '2025-02-04', 1, { startDate: 'A3', activityName: 'B3', hours: 'C3' }],
      ['Secondment to network design', '2025-04-15', 35, { startDate: 'A4', activityName: 'B4', hours: 'C4' }],
      ['Course: Power system harmonics', '2026-01-27', 14, { startDate: 'E3', activityName: 'F3', hours: 'G3' }],
      ['Commissioning of a solar farm substation', '2026-03-05', 21, { startDate: 'E4', activityName: 'F4', hours: 'G4' }],
      ['Institution annual conference', '2026-05-20', 7, { startDate: 'E5', activityName: 'F5', hours: 'G5' }],
    ]);
    expect(res.mapping.map((m) => m.table)).toEqual(['CPD (columns A–C) (table 1)', 'CPD (columns E–G) (table 2)']);
    expect(res.fileGaps[0]).toEqual({ field: null, code: 'inferred', severity: 'info', message: "sheet 'CPD' holds 2 tables side by side (A–C; E–G); each was read as a table of its own" });
    expect(res.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([]);
  });
});

describe('lists of people are not lists of activities (trial 2: webinar attendance reports)', () => {
  it('a report\'s summary is read; its attendee table (names, e-mails) is not', () => {
    const res = run([table('report', [
      ['Topic', 'Actual Start Time', 'Actual Duration (minutes)'],
      ['Lunch & Learn: Arc Flash Risk Assessment', '03/26/2026 12:00:41 PM', '65'],
      [null, null, null],
      ['Attendee Details', null, null],
      ['Attended', 'User Name (Original Name)', 'Email', 'Join Time', 'Time in Session (minutes)'],
      ['Yes', 'Alan Hughes', 'alan.hughes@example.com', '03/26/2026 12:01:05 PM', '65'],
      ['Yes', 'Bethan Morgan', 'b.morgan@example.com', '03/26/2026 12:03:40 PM', '45'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([['Lunch & Learn: Arc Flash Risk Assessment', '2026-03-26', 1.0833]]);
    expect(res.fileGaps.find((g) => g.message.includes('list of people'))?.message).toBe(
      "sheet 'report' row 5 heads a list of people (\"User Name (Original Name)\", \"Email\"), not of activities; its rows were not imported",
    );
  });

  it('a "Name" column holding the names in each row\'s e-mail address names people, not activities', () => {
    const res = run([table('attendance', [
      ['Name', 'First Join', 'In-Meeting Duration', 'Email'],
      ['Owen Pritchard', '21/05/2026', '1h 4m', 'owen.pritchard@example.com'],
      ['Sian Davies', '21/05/2026', '1h 3m', 's.davies@example.com'],
      ['Marek Nowak', '21/05/2026', '1h 1m', 'mnowak@example.com'],
    ])]);
    expect(res.records).toEqual([]);
    const course = run([table('log', [
      ['Name', 'Date', 'Hours', 'Contact'],
      ['Python Basics', '21/05/2026', '2', 'owen.pritchard@example.com'],
      ['Site visit to Dinorwig', '22/05/2026', '3', 'owen.pritchard@example.com'],
    ])]);
    expect(course.records.map((r) => r.activityName)).toEqual(['Python Basics', 'Site visit to Dinorwig']);
  });
});

describe('label/value forms in a sheet (trial 2)', () => {
  it('reads a one-activity CPD form (labels in one column, values beside them) as a record, its cells as provenance', () => {
    const res = run([table('Record 3', [
      ['CPD record form 2025', null, null],
      ['Name:', 'Rhys Bowen', null],
      [null, null, null],
      ['Activity', 'Arc flash awareness course', null],
      ['Date', { text: '12/03/2025', date: '2025-03-12' }, null],
      ['Hours', { text: '7', number: 7 }, null],
      ['Reflection', 'Our PPE categories need a review.', null],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.reflection, r.source])).toEqual([
      ['Arc flash awareness course', '2025-03-12', 7, 'Our PPE categories need a review.', { file: 'log.xlsx', sheet: 'Record 3', cells: { activityName: 'B4', startDate: 'B5', hours: 'B6', reflection: 'B7' } }],
    ]);
    expect(res.mapping.find((m) => m.kind === 'blocks')?.columns.map((c) => [c.heading, c.field])).toEqual([
      ['Activity', 'activityName'], ['Date', 'startDate'], ['Hours', 'hours'], ['Reflection', 'reflection'],
    ]);
  });

  it('reads a report\'s summary rows above its tables as the activity (a Teams attendance report)', () => {
    const res = run([table('report', [
      ['1. Summary', null],
      ['Meeting title', 'Toolbox talk: Working safely near overhead lines'],
      ['Start time', '21/05/2026 12:58'],
      ['Meeting duration', '1h 4m 32s'],
      [null, null],
      ['2. Participants', null],
      ['Name', 'Email', 'In-Meeting Duration'],
      ['Owen Pritchard', 'owen.pritchard@example.com', '1h 4m'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([['Toolbox talk: Working safely near overhead lines', '2026-05-21', 1.0756]]);
  });
});

describe('days of the month dated by the title (trial 2: one diary sheet per month)', () => {
  it('reads "Day" 6 and 31 under "Development diary – January 2026" as dates of that month; without a month, says so', () => {
    const res = run([table('Jan', [
      ['Development diary – January 2026', null, null],
      [null, null, null],
      ['Day', 'What I did', 'Time (mins)'],
      [{ text: '6', number: 6 }, 'Read the company design standard', { text: '40', number: 40 }],
      [{ text: '31', number: 31 }, 'Toolbox talk on working at height', { text: '20', number: 20 }],
    ])]);
    expect(res.records.map((r) => [r.startDate, r.raw.startDate, r.gaps.find((g) => g.field === 'startDate')?.message])).toEqual([
      ['2026-01-06', '6', '"6" is a day of the month; January 2026 taken from the title or the sheet\'s name'],
      ['2026-01-31', '31', '"31" is a day of the month; January 2026 taken from the title or the sheet\'s name'],
    ]);
    const none = run([table('Diary', [['Day', 'What I did', 'Time (mins)'], ['6', 'Read the company design standard', '40'], ['14', 'Toolbox talk', '20']])]);
    expect(none.records.map((r) => [r.startDate, r.gaps.find((g) => g.field === 'startDate')?.message])).toEqual([
      [null, 'the start date "6" is a day of the month, and no month is named in a title or the sheet\'s name'],
      [null, 'the start date "14" is a day of the month, and no month is named in a title or the sheet\'s name'],
    ]);
  });
});

describe('spacer columns and program text are no tables of their own', () => {
  it('a log with empty spacer columns is one table, not tables side by side', () => {
    const res = run([table('log', [
      ['Date', null, 'Activity', 'Hrs', null, 'Learning', 'Type'],
      ['03/01/2024', null, 'Read: Wiring Matters article on AFDDs', '½', null, 'Where AFDDs are now recommended.', 'Self-study'],
      ['17/01/2024', null, 'Toolbox talk: live working', '1½', null, 'Our live-working procedure is out of date.', 'Work experience'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Read: Wiring Matters article on AFDDs', '2024-01-03', 0.5],
      ['Toolbox talk: live working', '2024-01-17', 1.5],
    ]);
  });

  it('a line of program text naming "date" and "hours" is no header', () => {
    const res = run([table('code', [
      ['export function label(course', ' date', ' hours) {'],
      ['  return `${course.title}', " ${format(date", " 'dd/MM/yyyy')}"],
      ["  { title: 'Fire Safety Awareness'", " date: '2024-03-05'", ' hours: 1 },'],
    ])]);
    expect(res.records).toEqual([]);
  });
});

describe('labelled blocks: no label dropped quietly', () => {
  it('names each label that maps to no field with two samples, and maps the others with a reason', () => {
    const block = (name: string, venue: string): Extraction['blocks'][number] => ({
      values: [
        { label: 'Activity', value: name, ref: 'paragraph 1' },
        { label: 'Date', value: '12/03/2024', ref: 'paragraph 2' },
        { label: 'Venue', value: venue, ref: 'paragraph 3' },
      ],
    });
    const res = run([], { blocks: [block('Arc flash course', 'Leeds training centre'), block('EMC webinar', 'Online')] });
    expect(res.records.map((r) => [r.activityName, r.extras])).toEqual([['Arc flash course', { Venue: 'Leeds training centre' }], ['EMC webinar', { Venue: 'Online' }]]);
    expect(res.mapping[0]).toEqual({
      table: 'labelled blocks', headerRow: null, kind: 'blocks', columns: [
        { column: 'Activity', heading: 'Activity', field: 'activityName', how: 'synonym', confidence: 0.95, reason: 'label "Activity" is a known heading for the activity name' },
        { column: 'Date', heading: 'Date', field: 'startDate', how: 'synonym', confidence: 0.95, reason: 'label "Date" is a known heading for the start date' },
        { column: 'Venue', heading: 'Venue', field: null, how: 'unmapped', confidence: 0, reason: 'heading word "venue" → a place, no record field' },
      ],
    });
    expect(res.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([{
      field: null, code: 'unmapped', severity: 'warning', raw: 'Venue',
      message: 'the label "Venue" maps to no record field (heading word "venue" → a place, no record field); its values are kept in extras, e.g. "Leeds training centre", "Online"',
    }]);
  });
});

describe('totals and title blocks written otherwise (trial 2)', () => {
  it('a total written in the date column ("Monthly OTJ total (January)") with no activity is no activity', () => {
    const res = run([table('otj', [
      ['Date', 'Activity', 'Time (hh:mm)'],
      ['06/01/2026', 'College day: AC circuit theory', '07:00'],
      ['Monthly OTJ total (January)', null, '12:30'],
      ['03/02/2026', 'PLC fault finding practice', '06:00'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.hours])).toEqual([['College day: AC circuit theory', 7], ['PLC fault finding practice', 6]]);
  });

  it('a title block ("Name:", "Target: 30 hours") above the log is no activity form', () => {
    const res = run([table('CPD 2024', [
      ['CPD Record 2024', null, null],
      ['Name:', 'Daniel Mensah', null],
      ['Target:', '30 hours', null],
      [null, null, null],
      ['Date', 'Activity', 'Hours'],
      ['10/01/2024', 'IET webinar: Cyber security for OT networks', '1.5'],
    ])]);
    expect(res.records.map((r) => r.activityName)).toEqual(['IET webinar: Cyber security for OT networks']);
  });
});

describe('section rows naming a TWAVES category (corpus: category-section-rows)', () => {
  it('gives the rows under "Training courses" and "Self-study" those categories, with a note', () => {
    const res = run([table('CPD record', [
      ['Date', 'Activity', 'Hours'],
      ['Training courses', null, null],
      ['13/02/2024', 'Hydraulic modelling with InfoWorks', '14'],
      ['Self-study', null, null],
      ['25/06/2024', 'Reading: Sewers for Adoption 8th edition', '3'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.twaves, r.gaps.find((g) => g.field === 'twaves')?.message])).toEqual([
      ['Hydraulic modelling with InfoWorks', 'T', 'T (Training courses) from the section title "Training courses" above the row'],
      ['Reading: Sewers for Adoption 8th edition', 'S', 'S (Self-study) from the section title "Self-study" above the row'],
    ]);
  });
});

describe('timesheets (trial 2)', () => {
  const sheet = (rows: Cell[][]): ExtractedTable => table('Timesheet', [['Employee', 'Week ending', 'Date', 'Project code', 'Task', 'Description', 'Hours', 'Billable'], ...rows]);
  it('only a timesheet\'s training and CPD lines are activities; the work lines are counted in a note', () => {
    const res = run([sheet([
      ['Iwan Roberts', '13/03/2026', '09/03/2026', 'PRJ-2231', 'Design', 'Pump station layout, rev C', '7.5', 'Y'],
      ['Iwan Roberts', '13/03/2026', '10/03/2026', 'TRN-000', 'Training', 'NEC4 ECC contract awareness (half day)', '3.5', 'N'],
      ['Iwan Roberts', '20/03/2026', '17/03/2026', 'HOL-000', 'Leave', 'Annual leave', '7.5', 'N'],
      ['Iwan Roberts', '20/03/2026', '18/03/2026', 'CPD-000', 'CPD', 'IChemE webinar: HAZOP leadership', '1.5', 'N'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['NEC4 ECC contract awareness (half day)', '2026-03-10', 3.5],
      ['IChemE webinar: HAZOP leadership', '2026-03-18', 1.5],
    ]);
    expect(res.fileGaps.find((g) => g.message.includes('is a timesheet'))?.message).toBe(
      "sheet 'Timesheet' is a timesheet: 2 of its rows book time to work (projects, meetings, leave), not learning, and were not imported; its 2 training or CPD lines were",
    );
  });

  it('a timesheet with no learning line gives no records and says so', () => {
    const res = run([sheet([['Ffion Evans', '08/05/2026', '04/05/2026', 'BH-000', 'Leave', 'Bank holiday', '7.5', 'N'], ['Ffion Evans', '08/05/2026', '05/05/2026', 'PRJ-3102', 'Design', 'Retaining wall calcs', '7.5', 'Y']])]);
    expect(res.records).toEqual([]);
    expect(res.fileGaps.filter((g) => g.code === 'no_activities').map((g) => g.message)).toEqual([
      "sheet 'Timesheet' is a timesheet: its 2 rows book time to work (projects, meetings, leave) and none is a training or CPD line, so no records were imported",
    ]);
  });
});

describe('rows that are no activities (trial 3)', () => {
  it('a template\'s example row, a numbered section title in the date column and a category summary line are no activities', () => {
    const res = run([table('CPD 2026', [
      ['Date', 'Activity', 'Hours', 'Category'],
      ['01/01/2026', 'EXAMPLE: IET webinar on earthing (delete this row)', '1', 'Training'],
      ['1. Courses, seminars and conferences', null, null, null],
      ['22/01/2026', 'Eurocode 7 geotechnical design seminar', '3', 'Events'],
      [null, null, '21', 'Formal'],
      ['Work-based learning', 'Work-based learning', 'Work-based learning', 'Work-based learning'],
      ['02/03/2026', 'Commissioning of Ballymore pumping station', '14', 'Work experience'],
    ])]);
    expect(res.records.map((r) => r.activityName)).toEqual(['Eurocode 7 geotechnical design seminar', 'Commissioning of Ballymore pumping station']);
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      "sheet 'CPD 2026' row 2 is a template's example row (\"EXAMPLE: IET webinar on earthing (delete this row)\"), not an activity",
      "sheet 'CPD 2026' row 3 has a single text and no date or hours, so it reads as a note, not an activity",
      "sheet 'CPD 2026' row 5 names no activity and gives no date (a summary or category line?), so it was not imported as an activity",
      "sheet 'CPD 2026' row 6 has a single text and no date or hours, so it reads as a note, not an activity",
    ]);
  });
});

describe('hours split over columns (trial 3)', () => {
  it('a total beside a breakdown by area is the hours; a cumulative column is not', () => {
    const res = run([table('log', [
      ['Date', 'Activity', 'Area of practice (h)', 'Risk management (h)', 'Total (h)', 'Cumulative (h)'],
      ['10/02/2026', 'Pipeline integrity course', '10', '4', '14', '14'],
      ['12/03/2026', 'Dam safety seminar', '2', null, '2', '16'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.hours, r.source.cells?.hours])).toEqual([['Pipeline integrity course', 14, 'E2'], ['Dam safety seminar', 2, 'E3']]);
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field])).toEqual([
      ['Date', 'startDate'], ['Activity', 'activityName'], ['Area of practice (h)', null], ['Risk management (h)', null], ['Total (h)', 'hours'], ['Cumulative (h)', null],
    ]);
  });

  it('credits split by kind with no total are added up, with a note', () => {
    const res = run([table('log', [
      ['Date', 'Activity title', 'External credits', 'Internal credits', 'Personal credits'],
      ['10/02/2026', 'Grand rounds: sepsis update', '2', '1', '1'],
      ['12/03/2026', 'Journal club', null, '1', null],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.hours, r.gaps.find((g) => g.field === 'hours' && g.code === 'inferred')?.message])).toEqual([
      ['Grand rounds: sepsis update', 4, 'the hours are split by kind over 3 columns: "External credits" 2 + "Internal credits" 1 + "Personal credits" 1 = 4 h'],
      ['Journal club', 1, undefined],
    ]);
  });

  it('a Topic column beside the Activity tags it (kept under its heading for the reviews that ask for topics), not joined to its name (issue 16 §4)', () => {
    const res = run([table('CPD record', [
      ['Date', 'Activity', 'Type of CPD', 'Topic', 'Hours'],
      ['07/02/2024', 'CIBSE webinar: TM54 operational energy', 'Semi-structured', 'Sustainability', '1.5'],
      ['21/03/2024', 'Reading: Approved Document B', 'Unstructured', 'Building safety', '2'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.activityType, { ...r.extras }])).toEqual([
      ['CIBSE webinar: TM54 operational energy', 'Semi-structured', { Topic: 'Sustainability' }],
      ['Reading: Approved Document B', 'Unstructured', { Topic: 'Building safety' }],
    ]);
  });

  it('formal and informal hours (a surveyor\'s log for RICS), mostly on different rows: a row with both adds them, and each part is kept under its heading (issue 16)', () => {
    const res = run([table('CPD 2024', [
      ['Date', 'Activity', 'Formal hours', 'Informal hours'],
      ['24/01/2024', 'RICS valuation standards webinar', '1.5', null],
      ['15/02/2024', 'Reading: retrofit cost articles', null, '3'],
      ['10/04/2024', 'Commercial property conference', '4', '2'],
      ['05/06/2024', 'Dilapidations protocol course', '3', null],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.hours, { ...r.extras }])).toEqual([
      ['RICS valuation standards webinar', 1.5, { 'Formal hours': '1.5' }],
      ['Reading: retrofit cost articles', 3, { 'Informal hours': '3' }],
      ['Commercial property conference', 6, { 'Formal hours': '4', 'Informal hours': '2' }],
      ['Dilapidations protocol course', 3, { 'Formal hours': '3' }],
    ]);
    expect(res.records[2]!.gaps.find((g) => g.field === 'hours' && g.code === 'inferred')?.message).toBe('the hours are split by kind over 2 columns: "Formal hours" 4 + "Informal hours" 2 = 6 h');
  });
});

describe('calendars, boards and checkboxes (trial 3)', () => {
  it('a calendar export keeps its learning entries only, an all-day event ends the day before its exclusive end, a free/busy code is no hours', () => {
    const res = run([table('Calendar', [
      ['Subject', 'Start Date', 'Start Time', 'End Date', 'End Time', 'All day event', 'Meeting Organizer', 'Required Attendees', 'Categories', 'Show time as'],
      ['Weekly design sync', '12/01/2026', '10:00:00', '12/01/2026', '11:00:00', 'False', 'Nia Hughes', 'Rhys Bowen', 'Project', '2'],
      ['IET webinar: protection of inverter-based plant', '14/01/2026', '12:30:00', '14/01/2026', '13:30:00', 'False', 'Rhys Bowen', '', 'CPD', '2'],
      ['Optician', '20/01/2026', '08:30:00', '20/01/2026', '09:15:00', 'False', 'Rhys Bowen', '', '', '3'],
      ['NEC4 supervisor course', '10/03/2026', '00:00:00', '12/03/2026', '00:00:00', 'True', 'Rhys Bowen', '', 'CPD', '2'],
      ['Annual leave', '16/02/2026', '00:00:00', '21/02/2026', '00:00:00', 'True', 'Rhys Bowen', '', 'Holiday', '3'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['IET webinar: protection of inverter-based plant', '2026-01-14', '2026-01-14', 1],
      ['NEC4 supervisor course', '2026-03-10', '2026-03-11', null],
    ]);
    expect(res.records[1]!.gaps.find((g) => g.field === 'endDate')?.message).toBe(
      'an all-day event (column F, "All day event") ends at midnight starting 2026-03-12, so its last day is 2026-03-11',
    );
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      "sheet 'Calendar' is a calendar: 3 of its entries are meetings, leave or appointments, not learning, and were not imported; its 2 training or CPD entries were",
    ]);
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'Show time as')?.field).toBe(null);
  });

  it('an iCalendar export (DTSTART/DTEND): a bare-date event among timed ones is all-day, its DTEND exclusive; a hand-kept log with timed sessions keeps its last day', () => {
    const ics = run([table('Calendar', [
      ['SUMMARY', 'DTSTART', 'DTEND', 'DESCRIPTION'],
      ['IET webinar: grid-forming inverters', '20260113T123000Z', '20260113T133000Z', 'Online.'],
      ['IET regional conference', '20260310', '20260312', 'Two days.'],
    ])]);
    expect(ics.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['IET webinar: grid-forming inverters', '2026-01-13', '2026-01-13', 1],
      ['IET regional conference', '2026-03-10', '2026-03-11', null],
    ]);
    expect(ics.records[1]!.gaps.find((g) => g.field === 'endDate')?.message).toBe(
      "a calendar's all-day event (dates without times where the other events have them) ends at midnight starting 2026-03-12, so its last day is 2026-03-11",
    );
    const log = run([table('CPD', [
      ['Activity', 'Start', 'End'],
      ['Lunchtime talk: cable sizing', '14/01/2026 12:30', '14/01/2026 13:30'],
      ['NEC4 supervisor course', '10/03/2026', '12/03/2026'],
    ])]);
    expect(log.records.map((r) => [r.startDate, r.endDate])).toEqual([['2026-01-14', '2026-01-14'], ['2026-03-10', '2026-03-12']]);
  });

  it('a task list whose start date is filled for some rows only: an empty start is taken as the end date, and says so', () => {
    const res = run([table('Tasks', [
      ['Task Name', 'Start Date', 'Due Date', 'Status', 'Time Spent'],
      ['Cost planning for retrofit projects', '2026-03-03', '2026-03-17', 'complete', '6h'],
      ['RICS webinar: Building Safety Act gateways', '', '2026-02-11', 'complete', '1h'],
    ])]);
    expect(res.records.map((r) => [r.startDate, r.endDate, r.status])).toEqual([['2026-03-03', '2026-03-17', 'completed'], ['2026-02-11', '2026-02-11', 'completed']]);
    expect(res.records[1]!.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', severity: 'info', message: 'no start date given; taken as the end date (a one-day activity)' });
  });

  it('a board export: archived cards are passed over, a ticked "Due Complete" is the status, the due date of a done card its end date, hours stated in the description', () => {
    const res = run([table('Board', [
      ['Card Name', 'Card Description', 'Due Date', 'Due Complete', 'List Name', 'Archived'],
      ['IOSH Managing Safely', 'Three-day course.\nCPD hours: 21', '2026-02-11', 'true', 'Done', 'false'],
      ['NEC4 supervisor course', 'Booked, PO raised.', '2027-01-19', 'false', 'Booked', 'false'],
      ['AutoCAD refresher', 'Not needed now.', '', 'false', 'Ideas', 'true'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.status, r.endDate, r.targetDate, r.hours])).toEqual([
      ['IOSH Managing Safely', 'completed', '2026-02-11', '2026-02-11', 21],
      ['NEC4 supervisor course', 'planned', null, '2027-01-19', null],
    ]);
    expect(res.records[0]!.gaps.filter((g) => g.code === 'inferred').map((g) => g.message)).toEqual([
      'no hours given in a column; 21 h taken from the description, which states them',
      'stated as done with no end date: its due date, 11 February 2026, is taken as the end date',
    ]);
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      "sheet 'Board': a row is marked as archived or deleted in column F (\"Archived\") and was not imported",
    ]);
  });

  it('a checkbox column ("Completed": checked or empty): an empty box is an activity not done', () => {
    const res = run([table('CPD', [
      ['Name', 'Date', 'Duration', 'Completed'],
      ['Arc flash awareness (e-learning)', '14/1/2026', '1:30', 'checked'],
      ['STEM Ambassador: school visit', '8/10/2026', '2:00', ''],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.status, r.hours])).toEqual([
      ['Arc flash awareness (e-learning)', 'completed', 1.5],
      ['STEM Ambassador: school visit', 'planned', 2],
    ]);
    expect(res.records[1]!.gaps.find((g) => g.field === 'status')?.message).toBe(
      'the box in column D ("Completed") is not ticked, while 1 of 2 rows are: read as not completed (not counted); tick it if it was done',
    );
  });
});

describe('reference tables (trial 3)', () => {
  it('a table of bodies and their CPD rules (no date, hours per year, no activity heading) is no log; a rate is no activity\'s hours', () => {
    const res = run([table('Rules', [
      ['Professional body', 'Grade', 'CPD hours per year', 'Cycle', 'Unit rule', 'Notes'],
      ['IET', 'CEng / IEng / EngTech', '30', '1 year (calendar)', 'hours', 'Annual sample review of the previous year'],
      ['ICE', 'MICE', '30', '1 year', '1 day = 6 hours', 'Development Action Plan expected'],
      ['RICS', 'MRICS / FRICS', '20', '1 year', 'hours', 'Ethics module every 3 years'],
    ])]);
    expect(res.records).toEqual([]);
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      "sheet 'Rules' holds no CPD log: no column gives a date or hours, and no heading names an activity (the 3 rows under \"Professional body | Grade | CPD hours per year | Cycle\" read as a reference table) and was not imported",
    ]);
  });
});

describe('planned beside actual, sub-totals and sign-off lines (trial 4)', () => {
  it('"Planned hrs" beside "Actual hrs": the actual hours where given, else the planned ones; never their sum', () => {
    const res = run([table('Tracker', [
      ['Activity', 'Planned date', 'Actual date', 'Planned hrs', 'Actual hrs', 'Done?'],
      ['Relay testing course (vendor)', '10/02/2026', '12/02/2026', '7', '7', 'TRUE'],
      ['Read: protection guide ch. 9–11', '31/03/2026', '20/04/2026', '6', '8.5', 'TRUE'],
      ['Draft CEng competence report', '31/01/2027', '', '15', '', 'FALSE'],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.hours, r.status])).toEqual([
      ['Relay testing course (vendor)', 7, 'completed'],
      ['Read: protection guide ch. 9–11', 8.5, 'completed'],
      ['Draft CEng competence report', 15, 'planned'],
    ]);
    expect(res.records[1]!.extras).toEqual({ 'Planned hrs': '6' });
  });

  it('sub-totals by kind, a bilingual total and a sign-off line under a log are no activities', () => {
    const res = run([table('Record', [
      ['Date', 'CPD activity', 'Verifiable / Private study', 'Hours'],
      ['18/11/2025', 'Residential leasing update 2025', 'Verifiable', '2'],
      ['14/01/2026', 'Reading: article on private residential tenancies', 'Private study', '0.75'],
      [null, 'Verifiable hours', null, '2'],
      [null, 'Private study hours', null, '0.75'],
      [null, 'Cyfanswm / Total', null, '2.75'],
      ['Signed: F. MacLeod', null, null, '31/10/2026'],
    ])]);
    expect(res.records.map((r) => r.activityName)).toEqual(['Residential leasing update 2025', 'Reading: article on private residential tenancies']);
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      "sheet 'Record' row 4 is a totals row and was not imported as an activity",
      "sheet 'Record' row 5 is a totals row and was not imported as an activity",
      "sheet 'Record' row 6 is a totals row and was not imported as an activity",
      "sheet 'Record' row 7 is a sign-off line, not an activity",
    ]);
  });
});

describe('transposed logs (trial 4)', () => {
  it('labels down column A and one activity per column: each column is a record, its cells its provenance; a Total column is none', () => {
    const res = run([table('CPD 2026', [
      ['My CPD – 2026', null, null, null],
      [null, null, null, null],
      ['Activity', 'Cable sizing to BS 7671 A2', 'HAZOP facilitation (shadowing)', 'Total'],
      ['Date', '20/01/2026', '25/02/2026', null],
      ['Type (TWAVES)', 'T', 'W', null],
      ['Hours', '3', '6', '9'],
      ['UK-SPEC', 'A1', 'B1, E2', null],
      ['What I learnt', 'Grouping factors for buried circuits.', null, null],
    ])]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.twaves, r.hours, r.ukSpec, r.reflection])).toEqual([
      ['Cable sizing to BS 7671 A2', '2026-01-20', 'T', 3, ['A1'], 'Grouping factors for buried circuits.'],
      ['HAZOP facilitation (shadowing)', '2026-02-25', 'W', 6, ['B1', 'E2'], null],
    ]);
    expect(res.records[1]!.source.cells).toMatchObject({ activityName: 'C3', startDate: 'C4', hours: 'C6' });
    expect(res.fileGaps.map((g) => g.message)).toEqual(["sheet 'CPD 2026' column D is a totals column and was not imported as an activity"]);
  });
});

describe('a data row is no header, and a weekday or hours in words do not hide a column (trial 5)', () => {
  it('reads "Day | What I did | How long" under a title whose year the weekday dates lack', () => {
    const res = run([
      table('Log', [
        ['Professional learning log 2026 – Dafydd Morgan, Ysgol Bryn Celyn', null, null, null],
        ['Day', 'What I did', 'How long', 'Notes'],
        // "a full day" and "Progression" share words with headings ("day", "progress"): still a data row.
        ['Tue 13 Jan', 'INSET: Curriculum for Wales assessment arrangements', 'a full day (6 hrs)', 'Progression steps for Science and Technology'],
        ['Thursday 5th February', 'Cluster meeting: moderation of Year 7 work', 'two hours', null],
        ['Fri 3 Jul', 'Online course: ALN Code for class teachers', 'three hours', 'Certificate saved'],
      ]),
    ]);
    expect(res.mapping[0]).toMatchObject({ headerRow: 2 });
    expect(res.records.map((r) => [r.startDate, r.activityName, r.hours, r.description])).toEqual([
      ['2026-01-13', 'INSET: Curriculum for Wales assessment arrangements', 6, 'Progression steps for Science and Technology'],
      ['2026-02-05', 'Cluster meeting: moderation of Year 7 work', 2, null],
      ['2026-07-03', 'Online course: ALN Code for class teachers', 3, 'Certificate saved'],
    ]);
  });

  it('keeps a heading that states a rate with figures ("CPE credits (1 credit = 50 min)")', () => {
    const res = run([
      table('Log', [
        ['Date', 'Course / Program', 'CPE credits (1 credit = 50 min)'],
        ['1/16/2024', 'Revenue Recognition for Engineering Contracts', '2'],
        ['2/27/2024', 'Ethics for Professional Engineers', '4'],
      ]),
    ]);
    expect(res.mapping[0]).toMatchObject({ headerRow: 1 });
    expect(res.records).toHaveLength(2);
  });
});

describe('Excel date serials saved into a CSV (trial 5)', () => {
  it('reads five-digit numbers in a date column as serials of the 1900 system, with a warning', () => {
    const res = run([
      table('Log', [
        ['Date', 'CPD activity', 'Verifiable hours'],
        ['46032', 'Medical emergencies update (BLS and anaphylaxis)', '3'],
        ['46071', 'Decontamination of dental instruments', '1.5'],
      ]),
    ]);
    expect(res.records.map((r) => [r.startDate, r.raw.startDate])).toEqual([
      ['2026-01-10', '46032'],
      ['2026-02-18', '46071'],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')).toEqual({
      field: 'startDate',
      code: 'inferred',
      severity: 'warning',
      message: '46032 is a plain number in a date column; read as an Excel date serial: 10 January 2026',
      raw: '46032',
    });
  });
});

describe("a form's own timestamps beside the activity's date (trial 5: MS Forms)", () => {
  it('reads the activity date column, and keeps Start time / Completion time in extras as when the entry was written', () => {
    const res = run([
      table('Form1', [
        ['ID', 'Start time', 'Completion time', 'Email', 'Title of the learning activity', 'Date of the activity', 'How long did it take? (hours)'],
        ['1', '1/16/26 20:41:10', '1/16/26 20:47:55', 't.adeyemi@harbourhr.example', 'Employment law update: day-one flexible working', '1/14/2026', '2'],
        ['2', '2/3/26 7:58:02', '2/3/26 8:03:40', 't.adeyemi@harbourhr.example', 'Coaching skills for line managers (2-day course)', '1/27/2026', '14'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.extras['Start time']])).toEqual([
      ['Employment law update: day-one flexible working', '2026-01-14', 2, '1/16/26 20:41:10'],
      ['Coaching skills for line managers (2-day course)', '2026-01-27', 14, '2/3/26 7:58:02'],
    ]);
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'Completion time')).toMatchObject({
      field: null,
      reason: 'every value is a date with a time of day, beside column F ("Date of the activity") of plain dates: when the entry was written (a form\'s start or completion time), not the activity\'s date',
    });
  });
});

describe('a plan by quarter with lettered CPE groups (trial 5: ISC2)', () => {
  it('takes the end of a planned quarter as its target, and does not read CPE groups A and B as TWAVES', () => {
    const res = run([
      table('Plan', [
        ['Learning need', 'Planned activity', 'CPE group', 'Quarter', 'Est. CPEs'],
        ['Cloud security architecture', 'CCSK self-paced course and exam', 'A', 'Q1 2027', '16'],
        ['Incident response leadership', 'Run a tabletop exercise for the SOC team', 'A', 'Q2 2027', '6'],
        ['Speaking', 'Give a talk at the chapter meeting', 'B', 'Q3 2027', '2'],
      ]),
    ]);
    expect(res.records.map((r) => [r.status, r.targetDate])).toEqual([
      ['planned', '2027-03'],
      ['planned', '2027-06'],
      ['planned', '2027-09'],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'targetDate')?.message).toBe('no target date; the planned period "Q1 2027" is due by its end, March 2027, taken as the target date');
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'CPE group')?.field).toBe(null);
  });
});

describe('plan targets written as sentences (trial 5)', () => {
  it('takes the one month or day a target sentence names; a sentence naming none leaves the target unset', () => {
    const res = run([
      table('Plan', [
        ['Development goal', 'Planned activity', 'Target'],
        ['Advanced life support', 'PEPP course (2 days)', 'before my HCPC renewal in August 2027'],
        ['Leadership', 'Start the PGCert in clinical leadership', 'September 2027 intake'],
        ['Mentoring', 'Mentor a newly qualified paramedic', 'within 6 months'],
      ]),
    ]);
    expect(res.records.map((r) => [r.targetDate, r.raw.targetDate])).toEqual([
      ['2027-08', 'before my HCPC renewal in August 2027'],
      ['2027-09', 'September 2027 intake'],
      [null, 'within 6 months'],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'targetDate')?.message).toBe('the target "before my HCPC renewal in August 2027" names one date, August 2027: taken as the target date');
  });
});

describe('a goal written once above its action rows (trial 5)', () => {
  it('gives the goal to the actions under it as their objective, until the next goal', () => {
    const res = run([
      table('Plan', [
        ['Personal development plan 2027 – Joanna Kowalska MRPharmS', null, null, null],
        ['Goal', 'Action', 'Target', 'Est. hours'],
        ['Prescribe independently for hypertension', null, null, null],
        [null, 'Complete the cardiovascular module of the prescribing course', '31/03/2027', '20'],
        [null, 'Ten supervised hypertension consultations with my DPP', 'Q2 2027', '15'],
        ['Improve deprescribing conversations', null, null, null],
        [null, 'Attend the CPPE deprescribing workshop', '14/05/2027', '6'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.objective, r.status])).toEqual([
      ['Complete the cardiovascular module of the prescribing course', 'Prescribe independently for hypertension', 'planned'],
      ['Ten supervised hypertension consultations with my DPP', 'Prescribe independently for hypertension', 'planned'],
      ['Attend the CPPE deprescribing workshop', 'Improve deprescribing conversations', 'planned'],
    ]);
  });
});

describe("last year's review beside this year's plan (trial 5)", () => {
  it('splits the sheet at the empty column when each side has a title of its own, so the two Objective columns stay apart', () => {
    const res = run([
      table('PDP 2026-27', [
        ['Review of my 2025–26 objectives', 'Review of my 2025–26 objectives', 'Review of my 2025–26 objectives', null, 'Plan for 2026–27', 'Plan for 2026–27', 'Plan for 2026–27'],
        ['Objective', 'What I did', 'Met?', null, 'Objective', 'Planned activity', 'Target date'],
        ['Become a practice assessor', 'Practice assessor preparation day', 'Yes', null, 'Lead a quality improvement project', 'Run a PDSA cycle on the cord clamping audit', '31/03/2027'],
        ['Perinatal mental health knowledge', 'Not started (staffing)', 'No', null, 'Water birth competence', 'Water birth workshop and five supervised water births', '30/06/2027'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.objective, r.targetDate])).toEqual([
      ['Run a PDSA cycle on the cord clamping audit', 'Lead a quality improvement project', '2027-03-31'],
      ['Water birth workshop and five supervised water births', 'Water birth competence', '2027-06-30'],
    ]);
    expect(res.fileGaps[0]!.message).toBe("sheet 'PDP 2026-27' holds 2 tables side by side (A–C; E–G); each was read as a table of its own");
  });
});

describe('a record named as a plan but kept as a log (fresh-eyes finding)', () => {
  it('reads done rows as completed when the columns say what was learnt, and only the rows with a target as planned', () => {
    const res = recordsFromExtraction(
      {
        tables: [
          {
            name: 'teacher-plan-2025-26.csv',
            rows: [
              ['Staff CPD record 2025/26 academic year - Mr D. Okafor (Physics)'],
              ['Date', 'Activity', 'Type', 'Hours', 'Impact on my teaching', 'Target date'],
              ['14/01/2026', 'Ofsted framework briefing', 'Briefing', '1.5', 'Shared the new deep-dive questions with my department', ''],
              ['', 'Complete first-aid at work refresher', 'Course', '', '', 'by March 2026'],
            ].map((cells, i) => ({ index: i + 1, cells })),
          },
        ],
        blocks: [],
        gaps: [],
      },
      'teacher-plan-2025-26.csv',
      { today: TODAY },
    );
    expect(res.records.map((r) => [r.activityName, r.status, r.startDate, r.targetDate])).toEqual([
      ['Ofsted framework briefing', 'completed', '2026-01-14', null],
      ['Complete first-aid at work refresher', 'planned', null, '2026-03'],
    ]);
  });
});

describe('a log that gives only when each activity was completed (fresh-eyes finding)', () => {
  it('leaves the start date unset with a note, not an error on every record', () => {
    const res = run([
      table('Export', [
        ['course_title', 'completed_at', 'cpd_points'],
        ['Arc Flash Awareness', '2025-03-31', '1.5'],
        ['Data Protection 2025', '2025-04-02', '0.5'],
      ]),
    ]);
    expect(res.records.map((r) => [r.startDate, r.endDate, r.hours])).toEqual([
      [null, '2025-03-31', 1.5],
      [null, '2025-04-02', 0.5],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')).toEqual({
      field: 'startDate',
      code: 'missing',
      severity: 'info',
      message: 'no start date: the log gives only the date each activity was completed (its end date)',
    });
  });
});

describe('long activities dated by one day only (fresh-eyes finding)', () => {
  it('asks for the end date of a 60 h module dated by one day, instead of calling it more than 24 hours a day', () => {
    const res = run([
      table('Log', [
        ['Date', 'Activity', 'Hours'],
        ['10/02/2025', 'MSc module: power system protection', '60'],
        ['12/02/2025', 'Webinar: arc flash', '30'],
      ]),
    ]);
    expect(res.records.map((r) => r.gaps.filter((g) => g.field === 'hours').map((g) => [g.code, g.severity, g.message]))).toEqual([
      [['ambiguous', 'warning', '60 hours dated by one day only: give the end date if it ran over several days, or check the hours']],
      [['ambiguous', 'warning', '30 hours dated by one day only: give the end date if it ran over several days, or check the hours']],
    ]);
  });
});

describe('a plan laid out as goals × quarters (trial 5)', () => {
  it('reads each filled cell as a planned activity with its row’s goal, due by the end of its column’s quarter', () => {
    const res = recordsFromExtraction(
      {
        tables: [
          table('Plan 2027', [
            ['Development plan 2027 – Rahul Mehta, project manager', null, null, null],
            ['Development goal', 'Q1 2027 (Jan–Mar)', 'Q2 2027 (Apr–Jun)', 'Q3 2027 (Jul–Sep)'],
            ['Chartered Project Professional status', 'Gap analysis against the ChPP standard', 'Write the ChPP application', null],
            ['Coaching my team', null, null, 'Coaching skills e-learning'],
          ]),
        ],
        blocks: [],
        gaps: [],
      },
      'plan.xlsx',
      { today: TODAY },
    );
    expect(res.records.map((r) => [r.activityName, r.objective, r.targetDate, r.status])).toEqual([
      ['Gap analysis against the ChPP standard', 'Chartered Project Professional status', '2027-03', 'planned'],
      ['Write the ChPP application', 'Chartered Project Professional status', '2027-06', 'planned'],
      ['Coaching skills e-learning', 'Coaching my team', '2027-09', 'planned'],
    ]);
    expect(res.records[0]!.source.cells).toMatchObject({ activityName: 'B3', objective: 'A3' });
  });

  it('leaves a grid of hours by month to the month columns', () => {
    const res = run([
      table('Hours', [
        ['Activity', 'Jan 2026', 'Feb 2026', 'Mar 2026'],
        ['Tax update webinars', '1.5', '', '1.5'],
        ['Ethics e-learning', '', '2', ''],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.hours, r.status])).toEqual([
      ['Tax update webinars', 3, 'completed'],
      ['Ethics e-learning', 2, 'completed'],
    ]);
  });
});

describe('start and end times that give the hours (fresh-eyes finding)', () => {
  it('names the time columns as giving the hours, as a note, not as columns mapped to nothing', () => {
    const res = run([
      table('Calendar', [
        ['Date', 'Subject', 'Start time', 'End time'],
        ['12/03/2026', 'IET webinar: grid forming inverters', '12:30', '13:30'],
        ['19/03/2026', 'Lunch and learn: arc flash', '12:00', '12:45'],
      ]),
    ]);
    expect(res.records.map((r) => r.hours)).toEqual([1, 0.75]);
    expect(res.fileGaps.filter((g) => g.code === 'unmapped').map((g) => [g.severity, g.message])).toEqual([
      ['info', 'sheet \'Calendar\' column C "Start time" holds times of day, kept in extras (e.g. "12:30", "12:00"); with column D ("End time") it gives the hours of rows that give none'],
      ['info', 'sheet \'Calendar\' column D "End time" holds times of day, kept in extras (e.g. "13:30", "12:45"); with column C ("Start time") it gives the hours of rows that give none'],
    ]);
  });
});

describe('a SMART plan whose columns are the five letters, each a question (trial 6)', () => {
  it('takes "Specific: what will I do?" for the planned activity, not the success measure beside it', () => {
    const res = run([
      table('SMART plan', [
        ['Objective', 'Specific: what will I do?', 'Measurable: how will I know?', 'Achievable: support', 'Relevant: why does it matter?', 'Time-bound: by when?'],
        ['Chair meetings well', 'Attend a chairing skills workshop', 'Feedback from two meetings', 'Team budget', 'I chair the site meetings', '30/04/2027'],
        ['Welsh for work', 'Complete the Cymraeg Gwaith entry course', 'Course certificate', 'Study leave', 'Bilingual public events', '31/07/2027'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.objective, r.targetDate, r.status])).toEqual([
      ['Attend a chairing skills workshop', 'Chair meetings well', '2027-04-30', 'planned'],
      ['Complete the Cymraeg Gwaith entry course', 'Welsh for work', '2027-07-31', 'planned'],
    ]);
  });
});

describe('multi-choice cells of a list export, choices between ";#" (trial 6: a SharePoint list)', () => {
  it('reads ";#A2;#C1;#" and "D3" under "UK-SPEC" as the competences', () => {
    const res = run([
      table('CPD log', [
        ['Title', 'Date of activity', 'Hours', 'UK-SPEC'],
        ['Pump station commissioning course', '03/03/2026', '7', ';#A2;#C1;#'],
        ['Presented the flood study to the council', '19/05/2026', '2', 'D3'],
        ['Read the CDM guidance for designers', '02/06/2026', '1.5', 'E2;#E3'],
      ]),
    ]);
    expect(res.records.map((r) => r.ukSpec)).toEqual([['A2', 'C1'], ['D3'], ['E2', 'E3']]);
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'UK-SPEC')?.field).toBe('ukSpec');
  });
});

describe('a training record whose names sit under a heading the content refuses (trial 6: a statutory training report)', () => {
  it('takes "Competence Name" over course names, no UK-SPEC codes, as the activity name', () => {
    const res = run([
      table('Compliance', [
        ['Competence Name', 'Achieved Date', 'Expiry Date', 'Compliance'],
        ['TRUST|MAND|Infection Prevention - Level 1 - 3 Years|', '04/03/2026', '04/03/2029', 'Compliant'],
        ['TRUST|MAND|Conflict Resolution - 3 Years|', '17/06/2026', '17/06/2029', 'Compliant'],
        ['TRUST|CSTF|Equality and Diversity - 3 Years|', '22/09/2026', '22/09/2029', 'Compliant'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.endDate, r.ukSpec])).toEqual([
      ['TRUST|MAND|Infection Prevention - Level 1 - 3 Years|', '2026-03-04', []],
      ['TRUST|MAND|Conflict Resolution - 3 Years|', '2026-06-17', []],
      ['TRUST|CSTF|Equality and Diversity - 3 Years|', '2026-09-22', []],
    ]);
    expect(res.mapping[0]!.columns[0]).toMatchObject({ field: 'activityName', how: 'content', confidence: 0.5 });
  });
});

describe('two weak claims on the activity name, weighed by how many values are titles (trial 6: a task list export)', () => {
  it('takes "Task Name" over titles only, not "Task Content" over a few titles among sentences', () => {
    const res = run([
      table('Tasks', [
        ['Task Name', 'Task Content', 'Status', 'Start Date'],
        ['Hydrology for drainage engineers', 'Full-day course in Leeds. Rainfall runoff and attenuation; SuDS sizing.', 'complete', '12/01/2026'],
        ['ICE webinar: digital twins', 'Flood risk for new estates; the exceedance routes.', 'complete', '03/02/2026'],
        ['Read the SuDS manual chapters 3–5', 'Three Tuesday evenings.', 'complete', '20/03/2026'],
        ['Shadow the senior engineer at a design review', 'Two days with the senior engineer at the council.', 'complete', '14/04/2026'],
        ['Mock professional review interview', null, 'complete', '02/05/2026'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.extras['Task Content'] ?? null])).toEqual([
      ['Hydrology for drainage engineers', 'Full-day course in Leeds. Rainfall runoff and attenuation; SuDS sizing.'],
      ['ICE webinar: digital twins', 'Flood risk for new estates; the exceedance routes.'],
      ['Read the SuDS manual chapters 3–5', 'Three Tuesday evenings.'],
      ['Shadow the senior engineer at a design review', 'Two days with the senior engineer at the council.'],
      ['Mock professional review interview', null],
    ]);
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field, c.confidence])).toEqual([
      ['Task Name', 'activityName', 0.8],
      ['Task Content', null, 0.65],
      ['Status', 'status', 0.95],
      ['Start Date', 'startDate', 1],
    ]);
  });
});

describe('an hours column that is a part of another (trial 6: a nurse’s CE tracker)', () => {
  it('keeps "Contact Hours" as the hours and does not add "Pharmacology Hours", counted within them', () => {
    const res = run([
      table('CE log', [
        ['Course Title', 'Completion Date', 'Contact Hours', 'Pharmacology Hours'],
        ['Wound care essentials', '01/12/2026', '2.0', '0'],
        ['Insulin safety update', '02/20/2026', '3.0', '3.0'],
        ['PALS renewal', '04/08/2026', '8.0', '1.5'],
      ]),
    ]);
    expect(res.records.map((r) => [r.activityName, r.hours, r.extras['Pharmacology Hours']])).toEqual([
      ['Wound care essentials', 2, '0'],
      ['Insulin safety update', 3, '3.0'],
      ['PALS renewal', 8, '1.5'],
    ]);
  });
});
