/**
 * The unit of an hours column (issue 11 tryout, finding A4): a person's mapping may say it (`{ "field": "hours",
 * "unit": "minutes" }`), and minutes under a heading that names no unit are read as minutes by their values; a
 * column left out by a mapping is said once as a note; a column chosen by a template names the template. Fixtures:
 * the tester's portal exports (fixtures/tryout/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ColumnChoicesSchema, type ImportResult } from '../../src/domain/index.js';
import { importFile, type ImportOptions } from '../../src/pipeline/import.js';
import { mappingFileOf } from '../../src/cli/save-mapping.js';

const DIR = join(import.meta.dirname, '../../fixtures/tryout');

async function read(name: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importFile(readFileSync(join(DIR, name)), name, { today: '2026-12-06', ...options });
}

function hoursGaps(res: ImportResult, i: number): string[] {
  return res.records[i]!.gaps.filter((g) => g.field === 'hours').map((g) => `${g.severity} ${g.code}: ${g.message}`);
}

describe('minutes under a heading that names no unit, read by their values', () => {
  it('portalx_P4001.csv: 90, 120, 45, 360 on one-day activities are 1.5, 2, 0.75 and 6 h, each saying why', async () => {
    const res = await read('portalx_P4001.csv');
    expect(res.records.map((r) => [r.startDate, r.endDate, r.hours, r.raw.hours])).toEqual([
      ['2025-01-22', '2025-01-22', 1.5, '90'],
      ['2025-03-05', '2025-03-05', 2, '120'],
      ['2025-06-11', '2025-06-11', 0.75, '45'],
      ['2025-10-02', '2025-10-02', 6, '360'],
    ]);
    const why = 'content: 4 of 4 values are numbers of a size for hours; read as minutes: 4 of 4 values are whole numbers of 30 or more on activities dated to one day (as hours, up to 360 h in a day)';
    expect(res.mapping[0]!.columns[3]).toEqual({ column: 'D', heading: 'Col D', field: 'hours', how: 'content', confidence: 0.45, reason: why, unit: 'minutes' });
    expect(hoursGaps(res, 3)).toEqual([
      'info inferred: "360": 360 min = 6 h',
      `info inferred: column D ("Col D") was taken as the hours on weak evidence (${why}); check the mapping`,
    ]);
    expect(res.summary.totalHours).toBe(10.25);
    // The mapping saved for the CLI says the unit, to pass back with --mapping.
    expect(mappingFileOf(res)['Col D']).toEqual({ field: 'hours', unit: 'minutes' });
  });

  it('portalx_P4002.csv: 75, 300, 150 are 1.25, 5 and 2.5 h', async () => {
    const res = await read('portalx_P4002.csv');
    expect(res.records.map((r) => r.hours)).toEqual([1.25, 5, 2.5]);
    expect(res.mapping[0]!.columns[3]!.unit).toBe('minutes');
  });

  it('small numbers, activities over several days, or a heading that names the unit stay hours', async () => {
    const small = Buffer.from('Col A,Col B,Col C\n2025-01-22,Webinar: protection relays,2\n2025-03-05,Reading BS 7671 chapter 41,3\n2025-06-11,Site visit,6\n');
    const res = await importFile(small, 'small.csv', { today: '2026-12-06' });
    expect(res.records.map((r) => r.hours)).toEqual([2, 3, 6]);
    expect(res.mapping[0]!.columns[2]!.unit).toBeUndefined();

    const spans = Buffer.from('Col A,Col B,Col C,Col D\n2025-01-06,2025-02-28,Python for data analysis,40\n2025-04-07,2025-04-11,Job shadowing week,35\n2025-07-01,2025-08-29,Secondment to the protection team,60\n');
    const res2 = await importFile(spans, 'spans.csv', { today: '2026-12-06' });
    expect(res2.records.map((r) => [r.startDate, r.endDate, r.hours])).toEqual([
      ['2025-01-06', '2025-02-28', 40],
      ['2025-04-07', '2025-04-11', 35],
      ['2025-07-01', '2025-08-29', 60],
    ]);

    const named = Buffer.from('Date,Activity,Hours\n2025-01-22,Conference day one,90\n2025-03-05,Conference day two,120\n');
    const res3 = await importFile(named, 'named.csv', { today: '2026-12-06' });
    expect(res3.records.map((r) => r.hours)).toEqual([90, 120]);
    expect(hoursGaps(res3, 0)).toEqual(['warning ambiguous: 90 hours dated by one day only: give the end date if it ran over several days, or check the hours']);
  });
});

describe('a mapping that says the unit of the hours', () => {
  it('{ "field": "hours", "unit": "minutes" } reads Col D as minutes, said in its reason; the CLI file keeps the unit', async () => {
    const res = await read('portalx_P4001.csv', { mapping: { 'Col D': { field: 'hours', unit: 'minutes' }, 'Col C': 'activityType' } });
    expect(res.records.map((r) => [r.activityType, r.hours])).toEqual([['Webinar', 1.5], ['Reading', 2], ['Mentoring', 0.75], ['Conference', 6]]);
    expect(res.mapping[0]!.columns[3]).toEqual({ column: 'D', heading: 'Col D', field: 'hours', how: 'override', confidence: 1, reason: 'set to the hours (in minutes) by the mapping you gave', unit: 'minutes' });
    expect(hoursGaps(res, 0)).toEqual(['info inferred: "90": 90 min = 1.5 h']);
    expect(mappingFileOf(res)).toEqual({ 'Col A': 'startDate', 'Col B': 'activityName', 'Col C': 'activityType', 'Col D': { field: 'hours', unit: 'minutes' }, 'Col E': 'description', 'Col F': 'twaves' });
  });

  it('a person who says "hours" (plain, or with the unit hours) is taken at their word; days and points convert', async () => {
    const plain = await read('portalx_P4001.csv', { mapping: { 'Col D': 'hours' } });
    expect(plain.records.map((r) => r.hours)).toEqual([90, 120, 45, 360]);
    expect(plain.mapping[0]!.columns[3]!.unit).toBeUndefined();
    const hours = await read('portalx_P4001.csv', { mapping: { 'Col D': { field: 'hours', unit: 'hours' } } });
    expect(hours.records.map((r) => r.hours)).toEqual([90, 120, 45, 360]);
    expect(hours.mapping[0]!.columns[3]!.reason).toBe('set to the hours (in hours) by the mapping you gave');
    const small = Buffer.from('Col A,Col B,Col C\n2025-01-22,Two-day course,2\n2025-03-05,Half-day workshop,0.5\n');
    const days = await importFile(small, 'days.csv', { today: '2026-12-06', hoursPerDay: 7.5, mapping: { 'Col C': { field: 'hours', unit: 'days' } } });
    expect(days.records.map((r) => r.hours)).toEqual([15, 3.75]);
    const points = await importFile(small, 'points.csv', { today: '2026-12-06', mapping: { 'Col C': { field: 'hours', unit: 'points' } } });
    expect(points.records.map((r) => r.hours)).toEqual([2, 0.5]);
  });

  it('the schema takes a plain field, null, or a field with a unit; a unit only for the hours', () => {
    expect(ColumnChoicesSchema.safeParse({ A: 'hours', B: null, C: { field: 'hours', unit: 'minutes' }, D: { field: 'reflection' } }).success).toBe(true);
    const wrongField = ColumnChoicesSchema.safeParse({ A: { field: 'startDate', unit: 'minutes' } });
    expect(wrongField.success ? [] : wrongField.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['A.unit', 'a unit is given only for the hours']);
    expect(ColumnChoicesSchema.safeParse({ A: { field: 'hours', unit: 'fortnights' } }).success).toBe(false);
    expect(ColumnChoicesSchema.safeParse({ A: { field: 'hours', unit: 'minutes', extra: 1 } }).success).toBe(false);
  });
});

describe('columns decided by a mapping or a template say who decided', () => {
  it('a column left out by the mapping is a note, not a warning', async () => {
    const res = await read('portalx_P4001.csv', { mapping: { 'Col C': null } });
    expect(res.fileGaps.filter((g) => g.code === 'unmapped')).toEqual([
      { field: null, code: 'unmapped', severity: 'info', message: 'portalx_P4001.csv column C "Col C" left out by the mapping you gave; its values are kept in extras, e.g. "Webinar", "Reading"', raw: 'Col C' },
    ]);
    expect(res.mapping[0]!.columns[2]!.reason).toBe('left out by the mapping you gave: kept in extras');
  });

  it("a template's columns name the template and who saved it, in any format; the person's own choice still says so", async () => {
    const template = {
      id: 't-1', format: 'xlsx' as const, headings: ['Col A', 'Col B', 'Col C', 'Col D', 'Col E', 'Col F'], savedBy: 'Rita Reviewer', savedAt: '2026-12-04T10:00:00.000Z',
      columns: { 'Col A': 'startDate', 'Col B': 'activityName', 'Col C': null, 'Col D': { field: 'hours', unit: 'minutes' }, 'Col E': 'reflection', 'Col F': 'twaves' } as const,
    };
    const res = await read('portalx_P4001.csv', { templates: [template], mapping: { 'Col E': 'description' } });
    expect(res.mapping[0]!.template).toBe('t-1');
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field, c.reason])).toEqual([
      ['Col A', 'startDate', 'set to the start date by the template saved by Rita Reviewer on 4 December 2026'],
      ['Col B', 'activityName', 'set to the activity name by the template saved by Rita Reviewer on 4 December 2026'],
      ['Col C', null, 'left out by the template saved by Rita Reviewer on 4 December 2026: kept in extras'],
      ['Col D', 'hours', 'set to the hours (in minutes) by the template saved by Rita Reviewer on 4 December 2026'],
      ['Col E', 'description', 'set to the description by the mapping you gave'],
      ['Col F', 'twaves', 'set to the TWAVES category by the template saved by Rita Reviewer on 4 December 2026'],
    ]);
    expect(res.records.map((r) => r.hours)).toEqual([1.5, 2, 0.75, 6]);
    expect(res.fileGaps.filter((g) => g.code === 'unmapped').map((g) => [g.severity, g.message])).toEqual([
      ['info', 'portalx_P4001.csv column C "Col C" left out by the template saved by Rita Reviewer on 4 December 2026; its values are kept in extras, e.g. "Webinar", "Reading"'],
    ]);
  });

  it('a column the tool moved from the start to the end date leads with the end date, not the start date its heading suggested', async () => {
    const res = await read('learntrack_export_M2001.csv');
    expect(res.mapping[0]!.columns.filter((c) => c.heading.endsWith('_dt')).map((c) => [c.heading, c.field, c.reason])).toEqual([
      ['st_dt', 'startDate', 'heading words: "dt" → start date; 5 of 5 values are dates'],
      ['cmpl_dt', 'endDate', 'a second date column after the start date → end date (heading words: "dt" → a date, taken first as the start date; 5 of 5 values are dates)'],
    ]);
  });
});
