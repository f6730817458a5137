/**
 * A plan's goals written as a grouping column (issue 9 scope 7): task tools export a plan's sections or board
 * columns beside each task (Asana's `Section/Column`, a Trello list, a Planner bucket), and a member who keeps a
 * development plan there names each section after a goal ("Achieve CEng registration" over three tasks). Trial 6:
 * the goal was kept in extras and every planned activity had no objective.
 *
 * Read by content, not by heading: in a plan with no objective column, a column whose heading names no field and
 * whose short texts run in groups — two or more distinct values, each filling consecutive rows, at least one
 * shared by two rows — is the objective of the rows. A column with one value throughout (the project's or the
 * member's name) or with values scattered over the rows (tags) is not.
 */
import { cellText, type ExtractedRow } from '../types.js';
import type { ColumnPlan } from './assign.js';

/** Most words in a goal's name (our choice: a section title, not a note). */
const MAX_GOAL_WORDS = 12;

/**
 * The column of a plan that groups its rows under goals, or null. `rows` are the plan's data rows (a sample is
 * enough). Only columns mapped to nothing whose heading was not understood at all are considered.
 */
export function groupingColumn(cols: readonly ColumnPlan[], rows: readonly ExtractedRow[]): ColumnPlan | null {
  if (rows.length < 3) return null;
  for (const c of cols) {
    if (c.field !== null || c.how !== 'unmapped' || c.confidence !== 0 || c.person === true) continue;
    const values = rows.map((r) => cellText(r.cells[c.index]).trim());
    if (values.some((v) => v === '' || /\d{3,}|@|https?:/.test(v) || v.split(/\s+/).length > MAX_GOAL_WORDS)) continue;
    const runs: string[] = [];
    for (const v of values) if (runs[runs.length - 1] !== v) runs.push(v);
    const distinct = new Set(values).size;
    // Each value in one run (grouped), more than one group, fewer groups than rows.
    if (distinct >= 2 && runs.length === distinct && distinct < values.length) return c;
  }
  return null;
}
