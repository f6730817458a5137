/**
 * Remembered mappings in the pipeline (src/pipeline/map/template.ts, issue 11 §3): a table whose header row has a
 * template's headings is read with its columns (under the user's mapping) and its date order, and says which.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { matchTemplate, withTemplate, type MappingTemplateInput } from '../../src/pipeline/map/template.js';

const TEMPLATE: MappingTemplateInput = {
  id: 't-1',
  format: 'csv',
  headings: ['Col A', 'Col B', 'Col C', 'Col D'],
  columns: { 'Col A': 'activityName', 'Col B': 'startDate', 'Col C': 'hours', 'Col D': 'reflection' },
  dateOrder: 'mdy',
};

const CSV = Buffer.from('Training export\n\ncol a,COL B,Col C (h),Col D\nArc flash refresher,03/04/2024,3,Learnt the new PPE categories\n');

describe('templates', () => {
  it('finds the header row with the same headings, normalised, below title rows', () => {
    const table = { name: 't', rows: [{ index: 1, cells: ['Training export'] }, { index: 3, cells: ['col a', 'COL B', 'Col C (h)', 'Col D', ''] }] };
    expect(matchTemplate(table, [TEMPLATE])?.id).toBe('t-1');
    expect(matchTemplate({ name: 't', rows: [{ index: 1, cells: ['Col A', 'Col B', 'Col D', 'Col C'] }] }, [TEMPLATE])).toBeNull();
    expect(matchTemplate(table, [])).toBeNull();
  });

  it("puts the template's columns under the user's: a heading the user mapped keeps the user's field; the template's name it", () => {
    const by = 'the template t-1';
    expect(withTemplate({ 'col d': 'description' }, TEMPLATE)).toEqual({ 'col d': 'description', 'Col A': { field: 'activityName', by }, 'Col B': { field: 'startDate', by }, 'Col C': { field: 'hours', by } });
    const saved = { ...TEMPLATE, savedBy: 'Rita Reviewer', savedAt: '2026-12-04T09:30:00.000Z', columns: { ...TEMPLATE.columns, 'Col C': { field: 'hours', unit: 'minutes' } } } as const;
    expect(withTemplate(undefined, saved)['Col C']).toEqual({ field: 'hours', unit: 'minutes', by: 'the template saved by Rita Reviewer on 4 December 2026' });
  });

  it('reads the table with the template and its date order, and names it in the mapping; the options given win', async () => {
    const res = await importFile(CSV, 'export.csv', { today: '2025-01-01', templates: [TEMPLATE] });
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.reflection])).toEqual([['Arc flash refresher', '2024-03-04', 3, 'Learnt the new PPE categories']]);
    expect(res.mapping.map((t) => [t.template, t.columns.map((c) => `${c.heading}:${c.field}:${c.how}`)])).toEqual([['t-1', ['col a:activityName:override', 'COL B:startDate:override', 'Col C (h):hours:override', 'Col D:reflection:override']]]);
    const dmy = await importFile(CSV, 'export.csv', { today: '2025-01-01', templates: [TEMPLATE], dateOrder: 'dmy', mapping: { 'Col D': 'description' } });
    expect(dmy.records.map((r) => [r.startDate, r.description, r.reflection])).toEqual([['2024-04-03', 'Learnt the new PPE categories', null]]);
    // a template saved from another format serves this one too (one system's CSV and XLSX exports); without one, one
    // row under unknown headings is not even found to be a table
    const xlsx = await importFile(CSV, 'export.csv', { today: '2025-01-01', templates: [{ ...TEMPLATE, format: 'xlsx' }] });
    expect(xlsx.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([['Arc flash refresher', '2024-03-04', 3]]);
    expect(xlsx.mapping[0]!.template).toBe('t-1');
    const none = await importFile(CSV, 'export.csv', { today: '2025-01-01' });
    expect([none.records, none.mapping]).toEqual([[], []]);
  });
});
