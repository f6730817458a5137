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
