/**
 * Plans laid out by kind of learning: goals down the first column, then one column per kind of activity — the
 * 70-20-10 model's "70% – Experience (on the job)", "20% – Exposure (learning from others)", "10% – Education
 * (formal)", or the TWAVES categories ("Training", "Work-based", "Self-study") — each cell holding a planned
 * activity, then columns that hold for the whole row (a target date, a success measure). A table reader takes one
 * of the kind columns for the activity and drops the others' activities into extras (trial 6: a 70-20-10 plan, one
 * value of 33 right). Each filled kind cell is one planned activity: its text the activity, the column's heading its
 * type, its row's first cell the objective, the row's other cells under their own headings. Read as labelled blocks,
 * the same path as a form (map/form.ts) and a period grid (map/period-grid.ts), the cells keeping their references.
 *
 * Recognised by shape and content, never by the model's name: the first heading names the objective; two or more
 * columns have headings that name no record field (or name a TWAVES category) and hold texts of an activity's
 * length, different across the row, on most goal rows; no column is headed as the activity; and those columns read as
 * kinds — shares of the learning that add up to 100 % ("70% – …", "20% – …", "10% – …") or TWAVES categories and
 * activity types. Our own code.
 */
import { matchHeading } from '../headings.js';
import { parseDate } from '../normalise/dates.js';
import { parseTwaves } from '../normalise/category.js';
import { cellText, type ExtractedRow, type ExtractedTable, type LabelledBlock, type LabelledValue } from '../types.js';
import { columnLetter } from './letters.js';
import { readHeading } from './meaning.js';

/** Rows looked at for the header (a title block may come first). */
const HEADER_ROWS = 10;

/** A text that can be a planned activity: words (three letters in a row), not a date or a bare number. */
function activityText(t: string): boolean {
  if (t.length < 4 || t.length > 250 || !/\p{L}{3}/u.test(t)) return false;
  return !parseDate(t, { order: 'dmy' }).ok;
}

/** The columns of a header row that name a kind of activity, or null when the row is not such a plan's header. */
function kindColumns(header: ExtractedRow, body: readonly ExtractedRow[]): { kinds: number[]; shared: number[] } | null {
  const goal = matchHeading(cellText(header.cells[0]).trim(), 'header-row');
  if (goal === null || goal.fields[0] !== 'objective') return null;
  const kinds: number[] = [];
  const shared: number[] = [];
  for (let c = 1; c < header.cells.length; c++) {
    const h = cellText(header.cells[c]).trim();
    if (h === '') continue;
    const m = matchHeading(h, 'header-row');
    const twaves = parseTwaves(h, false) !== null;
    // A column headed as the activity: the table names its activities, it is no grid of kinds.
    if (m !== null && m.fields[0] === 'activityName' && !twaves) return null;
    // (A heading understood as naming no field — "How I will measure success", "Provider" — holds for the row.)
    const r = readHeading(h);
    if ((m !== null || (r !== null && r.field === null && r.score >= 0.7)) && !twaves) {
      shared.push(c);
      continue;
    }
    const filled = body.filter((r) => cellText(r.cells[c]).trim() !== '');
    const texts = filled.filter((r) => activityText(cellText(r.cells[c]).trim()));
    if (filled.length > 0 && texts.length === filled.length && filled.length * 2 >= body.length) kinds.push(c);
    else shared.push(c);
  }
  if (kinds.length < 2) return null;
  // The columns must read as kinds: shares of the learning that add up to the whole (70% / 20% / 10%), or
  // TWAVES categories and activity types ("Training", "Self-study", "Formal learning") — not a plan's columns of
  // means, resources and measures.
  const headings = kinds.map((c) => cellText(header.cells[c]).trim());
  const shares = headings.map(shareOf);
  const split = shares.every((x) => x !== null) && Math.abs(shares.reduce((a: number, b) => a + b!, 0) - 100) <= 1;
  const typed = headings.every((h) => parseTwaves(h, false) !== null || readHeading(h)?.field === 'activityType');
  return split || typed ? { kinds, shared } : null;
}

/** The share of the learning a heading gives, as a percentage ("70% – Experience (on the job)" → 70), or null. */
function shareOf(heading: string): number | null {
  const m = /^\s*(\d{1,3})\s*%|\(\s*(\d{1,3})\s*%\s*\)\s*$/.exec(heading);
  return m ? Number(m[1] ?? m[2]) : null;
}

/**
 * The planned activities of a plan laid out by kind of learning in `table`, one block per filled kind cell, or null
 * when the table is no such plan (see the module comment for the shape).
 */
export function kindGridBlocks(table: ExtractedTable): LabelledBlock[] | null {
  const rows = table.rows;
  const a1 = table.a1Refs !== false;
  const ref = (col: number, row: number): string => (a1 ? `${columnLetter(col)}${row}` : `row ${row}, column ${col + 1}`);
  for (let r = 0; r < rows.length && r < HEADER_ROWS; r++) {
    const header = rows[r]!;
    // Only title lines come above the header: past a row of several cells, the table has begun.
    if (r > 0 && rows[r - 1]!.cells.filter((c) => cellText(c).trim() !== '').length > 1) break;
    const body = rows.slice(r + 1).filter((row) => cellText(row.cells[0]).trim() !== '');
    if (body.length === 0) continue;
    const cols = kindColumns(header, body);
    if (cols === null) continue;
    // Kinds that differ across each row: the same text in two kind columns is one column spilling into the next.
    const repeated = body.some((row) => {
      const seen = cols.kinds.map((c) => cellText(row.cells[c]).trim()).filter((t) => t !== '');
      return new Set(seen).size !== seen.length;
    });
    if (repeated) continue;
    const heading = (c: number): string => cellText(header.cells[c]).trim();
    const blocks: LabelledBlock[] = [];
    for (const row of body) {
      const goal = cellText(row.cells[0]).trim();
      const common: LabelledValue[] = [{ label: heading(0), value: goal, ref: ref(0, row.index), field: 'objective' }];
      for (const c of cols.shared) {
        const t = cellText(row.cells[c]).trim();
        if (t !== '') common.push({ label: heading(c), value: row.cells[c]!, ref: ref(c, row.index) });
      }
      for (const c of cols.kinds) {
        const text = cellText(row.cells[c]).trim();
        if (text === '') continue;
        const values: LabelledValue[] = [
          { label: heading(c), value: text, ref: ref(c, row.index), field: 'activityName' },
          { label: 'Kind of learning', value: heading(c), ref: ref(c, header.index), field: 'activityType' },
          ...common,
        ];
        const block: LabelledBlock = { heading: heading(c), values, planItem: true };
        if (table.sheet !== undefined) block.sheet = table.sheet;
        blocks.push(block);
      }
    }
    if (blocks.length >= 2) return blocks;
  }
  return null;
}
