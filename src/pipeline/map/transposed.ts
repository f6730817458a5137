/**
 * Transposed logs: field labels down one column and one activity per column to their right ("Activity | Cable
 * sizing | HAZOP shadowing", "Date | 20/01/2026 | 25/02/2026", "Hours | 3 | 6"), as people lay out a few activities
 * on a wide sheet. No row is a header row, so the table reader passes the sheet by (trial 4: nothing read). Each
 * value column becomes one labelled block (the same path as a label/value form, map/form.ts), its cells keeping
 * their A1 references; a column whose activity cell says "Total" is a totals column, not an activity.
 *
 * Our own code; labels are read as headings are (headings.ts `matchHeading`, then map/meaning.ts `readHeading`).
 */
import type { RecordField } from '../../domain/index.js';
import { matchHeading } from '../headings.js';
import { cellText, type ExtractedRow, type ExtractedTable, type LabelledBlock, type LabelledValue } from '../types.js';
import { columnLetter } from './letters.js';
import { readHeading } from './meaning.js';

/** Fewest label rows naming distinct fields (our choice: an activity, a date and hours, or the like). */
const MIN_FIELDS = 3;

/** The field a label names, or null. */
function labelField(label: string): RecordField | null {
  const m = matchHeading(label);
  if (m !== null) return m.fields[0]!;
  const r = readHeading(label);
  return r !== null && r.field !== null && r.score >= 0.7 ? r.field : null;
}

/** What `transposedBlocks` found: one block per activity column, and the columns passed over as totals. */
export interface TransposedRead {
  blocks: LabelledBlock[];
  /** A1 letters of columns whose activity cell is a total ("Total", "Sum"). */
  totals: string[];
}

/**
 * Reads a transposed log among `rows` (rows of `table` outside any table): the longest run of rows whose first filled
 * cell, all in one column, is a label naming a record field, with values in at least two columns to its right. The
 * labels must name {@link MIN_FIELDS} distinct fields, the activity name among them. Returns null when the rows hold
 * no such layout. `yearHint` dates values written without a year.
 */
export function transposedBlocks(table: ExtractedTable, rows: readonly ExtractedRow[], yearHint?: number): TransposedRead | null {
  let labelled: Array<{ row: ExtractedRow; label: string; field: RecordField; column: number }> = [];
  let labelColumn = -1;
  for (const row of rows) {
    const first = row.cells.findIndex((c) => cellText(c).trim() !== '');
    if (first < 0) continue;
    const label = cellText(row.cells[first]).trim().replace(/\s*[:：]$/, '');
    const field = label.length <= 60 && !/^\d/.test(label) ? labelField(label) : null;
    const values = row.cells.slice(first + 1).filter((c) => cellText(c).trim() !== '').length;
    // A run starts on a label with two values or more; a later label row of the same column may hold fewer (a
    // reflection written for one activity only).
    const continues = labelled.length > 0 && first === labelColumn && field !== null && values >= 1;
    const starts = field !== null && values >= 2;
    if (!continues) {
      if (labelled.length >= MIN_FIELDS) break;
      labelled = [];
      labelColumn = -1;
      if (!starts) continue;
      labelColumn = first;
    }
    labelled.push({ row, label, field: field!, column: first });
  }
  const fields = new Set(labelled.map((l) => l.field));
  if (fields.size < MIN_FIELDS || !fields.has('activityName')) return null;
  const nameRow = labelled.find((l) => l.field === 'activityName')!;
  const width = Math.max(...labelled.map((l) => l.row.cells.length));
  const a1 = table.a1Refs !== false;
  const blocks: LabelledBlock[] = [];
  const totals: string[] = [];
  for (let col = labelColumn + 1; col < width; col++) {
    const name = cellText(nameRow.row.cells[col]).trim();
    if (/^(grand\s+)?(totals?|sum)\b/i.test(name)) {
      totals.push(columnLetter(col));
      continue;
    }
    const values: LabelledValue[] = [];
    for (const l of labelled) {
      const cell = l.row.cells[col];
      if (cell === undefined || cell === null || cellText(cell).trim() === '') continue;
      values.push({ label: l.label, value: cell, ref: a1 ? `${columnLetter(col)}${l.row.index}` : `row ${l.row.index}, column ${col + 1}` });
    }
    if (values.length === 0) continue;
    const block: LabelledBlock = { values };
    if (table.sheet !== undefined) block.sheet = table.sheet;
    if (table.table !== undefined) block.table = table.table;
    if (yearHint !== undefined) block.yearHint = yearHint;
    blocks.push(block);
  }
  return blocks.length >= 2 ? { blocks, totals } : null;
}
