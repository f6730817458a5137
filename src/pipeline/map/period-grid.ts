/**
 * Plans laid out as a grid of periods: goals down the first column, one column per period ("Q1 2027 (Jan–Mar)",
 * "Q2 2027", or months "Jan 2027" …), the planned activities written in the cells. A table reader takes the period
 * headings for dates and the goals for activities (trial 5: a project manager's plan, nothing read). Each filled cell
 * is one planned activity: its text the activity, its row's first cell the objective, the end of its column's period
 * the target date (a period is due by its end, as a planned "Q1 2027" is). Read as labelled blocks, the same path
 * as a form (map/form.ts), the cells keeping their A1 references.
 *
 * Our own code.
 */
import { parseDate } from '../normalise/dates.js';
import { cellText, type ExtractedTable, type LabelledBlock } from '../types.js';
import { columnLetter } from './letters.js';

/** Rows looked at for the grid's header (a title block may come first). */
const HEADER_ROWS = 10;

/** The period a heading names, as the ISO month or day it ends on; null when it names none. */
function periodEnd(heading: string): string | null {
  const t = heading.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === '' || !/\d{4}/.test(t)) return null;
  const d = parseDate(t, { order: 'dmy' });
  if (!d.ok || d.precision === 'year') return null;
  return d.end ?? d.start;
}

/**
 * The planned activities of a period grid in `table`, one block per filled cell, or null when the table is no such
 * grid: a header row whose first cell is text and whose next two or more cells each name a different period with its
 * year, over rows whose first cell names a goal and whose period cells hold text, two such cells at least.
 */
export function periodGridBlocks(table: ExtractedTable): LabelledBlock[] | null {
  const rows = table.rows;
  const a1 = table.a1Refs !== false;
  const ref = (col: number, row: number): string => (a1 ? `${columnLetter(col)}${row}` : `row ${row}, column ${col + 1}`);
  for (let r = 0; r < rows.length && r < HEADER_ROWS; r++) {
    const header = rows[r]!;
    const goalHeading = cellText(header.cells[0]).trim();
    if (goalHeading === '' || periodEnd(goalHeading) !== null) continue;
    const periods: Array<{ col: number; heading: string; end: string }> = [];
    for (let c = 1; c < header.cells.length; c++) {
      const h = cellText(header.cells[c]).trim();
      if (h === '') continue;
      const end = periodEnd(h);
      if (end === null) break;
      periods.push({ col: c, heading: h, end });
    }
    if (periods.length < 2 || new Set(periods.map((p) => p.end)).size !== periods.length) continue;
    const blocks: LabelledBlock[] = [];
    let numeric = 0;
    for (const row of rows.slice(r + 1)) {
      const goal = cellText(row.cells[0]).trim();
      for (const p of periods) {
        const text = cellText(row.cells[p.col]).trim();
        if (text === '') continue;
        // Numbers under the periods are hours by month, not plans (map/assign.ts reads those).
        if (!/\p{L}{3}/u.test(text)) {
          numeric++;
          continue;
        }
        const values = [
          { label: 'Planned activity', value: text, ref: ref(p.col, row.index) },
          { label: 'Target date', value: p.end, ref: ref(p.col, header.index) },
        ];
        if (goal !== '') values.push({ label: 'Objective', value: goal, ref: ref(0, row.index) });
        const block: LabelledBlock = { heading: p.heading, values };
        if (table.sheet !== undefined) block.sheet = table.sheet;
        blocks.push(block);
      }
    }
    if (blocks.length >= 2 && numeric === 0) return blocks;
  }
  return null;
}
