/**
 * A plan's goals as a grouping column of a task tool's export (src/pipeline/map/plan-groups.ts; trial 6: an Asana
 * plan lost every objective). Fictional civil engineer.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const table = (rows: Cell[][]): ExtractedTable => ({ name: 'plan.csv', rows: rows.map((cells, i) => ({ index: i + 1, cells })) });
const run = (rows: Cell[][]) => recordsFromExtraction({ tables: [table(rows)], blocks: [], gaps: [] }, 'plan.csv', { today: '2026-11-29' });

describe('a plan whose sections name its goals', () => {
  it('reads the grouping column as each planned activity\'s objective', () => {
    const res = run([
      ['Name', 'Section/Column', 'Projects', 'Due Date', 'Tags'],
      ['Attend the ICE professional review workshop', 'Achieve CEng registration', 'My PDP 2027', '2027-02-24', 'CPD,Course'],
      ['Draft the UK-SPEC competence report', 'Achieve CEng registration', 'My PDP 2027', '2027-03-31', 'CPD'],
      ['ILM Level 5 coaching course', 'Lead a small design team', 'My PDP 2027', '2027-05-10', 'CPD,Course'],
      ['Carbon Literacy training (1 day)', 'Carbon literacy', 'My PDP 2027', '2027-06-16', 'Course'],
    ]);
    expect(res.records.map((r) => [r.status, r.objective])).toEqual([
      ['planned', 'Achieve CEng registration'], ['planned', 'Achieve CEng registration'], ['planned', 'Lead a small design team'], ['planned', 'Carbon literacy'],
    ]);
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'Section/Column')?.field).toBe('objective');
  });

  it('leaves a column of scattered values (tags) or of one value (the project) alone', () => {
    const res = run([
      ['Name', 'Projects', 'Due Date', 'Labels'],
      ['Attend the ICE workshop', 'My PDP 2027', '2027-02-24', 'Course'],
      ['Draft the competence report', 'My PDP 2027', '2027-03-31', 'Writing'],
      ['Coaching course', 'My PDP 2027', '2027-05-10', 'Course'],
    ]);
    expect(res.records.map((r) => r.objective)).toEqual([null, null, null]);
  });
});

describe('a plan that writes each objective once over its actions (trial 8: a financial-year plan)', () => {
  it('carries the objective down to the actions under it, each with an inferred gap, and targets a quarter of the year the title defines', () => {
    const res = recordsFromExtraction({ tables: [{ name: 'pdp.csv', rows: [
      ['Personal development plan FY28 (our financial year runs 1 October 2027 – 30 September 2028)'],
      ['Objective', 'Development activity', 'Est. hours', 'When'],
      ['Lead the FY29 budgeting process', 'CIMA course: advanced budgeting', '14', 'Q1 FY28'],
      [null, 'Shadow the FP&A lead through the re-forecast', '20', 'H2 FY28'],
      ['Improve my data skills', 'Power BI for finance e-learning', '8', 'FY28 Q3'],
    ].map((cells, i) => ({ index: i + 1, cells })) }], blocks: [], gaps: [] }, 'pdp.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => [r.activityName, r.status, r.objective, r.targetDate])).toEqual([
      ['CIMA course: advanced budgeting', 'planned', 'Lead the FY29 budgeting process', '2027-12'],
      ['Shadow the FP&A lead through the re-forecast', 'planned', 'Lead the FY29 budgeting process', '2028-09'],
      ['Power BI for finance e-learning', 'planned', 'Improve my data skills', '2028-06'],
    ]);
    expect(res.records[1]!.gaps.find((g) => g.field === 'objective')?.message).toBe('column A ("Objective") is empty on this row: the objective written above it ("Lead the FY29 budgeting process") is taken, as a plan writes a goal once over its actions');
  });
});
