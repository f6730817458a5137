/**
 * Label/value forms inside a sheet or a CSV: a cell naming a field and the cell beside it holding its value
 * ("Activity | Toolbox talk", "Date: | 21/05/2026", "Hours | 1.5"), one per row — an Excel CPD record form (one
 * activity per sheet), or a report's summary above its tables (a Teams attendance report's "Meeting title",
 * "Start time", "Meeting duration"). Such rows hold no header row, so the table reader passes them by; read as a
 * labelled block they become the activity they describe (trial 2: the Teams report gave no record).
 *
 * Our own code; the labels are read like block labels in Word and PDF (headings.ts `matchHeading`, strict).
 */
import type { RecordField } from '../../domain/index.js';
import { matchHeading, normaliseHeading } from '../headings.js';
import { parseDate } from '../normalise/dates.js';
import { parseHours } from '../normalise/hours.js';
import { cellText, type Cell, type ExtractedRow, type ExtractedTable, type LabelledBlock, type LabelledValue } from '../types.js';
import { columnLetter } from './letters.js';
import { readHeading } from './meaning.js';

/** Fields that make a form an activity (a name alone does not: "Name: …" is a preamble label). */
const EVIDENCE: ReadonlySet<RecordField> = new Set(['startDate', 'endDate', 'targetDate', 'hours', 'reflection', 'description', 'activityType', 'twaves']);

/** A label row: the label, its field (null for a known non-field label such as "Membership number") and the value cell. */
interface LabelRow {
  row: ExtractedRow;
  label: string;
  field: RecordField | null;
  value: Cell;
  column: number;
}

/**
 * Reads one row as a label and its value: the first non-empty cell is a label (a known heading, a known non-field
 * label, or any short text ending in a colon) and the next non-empty cell, the last of the row, its value. A row
 * whose value is itself a heading ("Activity | Date") is a header row, not a form row.
 */
function labelRow(row: ExtractedRow): LabelRow | null {
  const filled: number[] = [];
  for (let i = 0; i < row.cells.length; i++) if (cellText(row.cells[i]).trim() !== '') filled.push(i);
  if (filled.length !== 2) return null;
  const raw = cellText(row.cells[filled[0]!]).trim();
  if (raw.length > 60 || /\d/.test(raw)) return null;
  const label = raw.replace(/\s*[:：]$/, '');
  const value = row.cells[filled[1]!]!;
  const valueText = cellText(value).trim();
  if (valueText.length <= 60 && matchHeading(valueText) !== null) return null;
  const m = matchHeading(label);
  // "Name:", "Member:" in a title block name the member, not an activity: no form row (it ends a form).
  if (m && PERSON_LABELS.has(normaliseHeading(label))) return null;
  if (m) {
    const field = m.fields.find((f) => f !== 'twaves') ?? m.fields[0]!;
    // A value that does not read as its field's ("Target: 30 hours") is no evidence of that field.
    return { row, label, field: valueFits(field, value) ? field : null, value, column: filled[1]! };
  }
  const known = readHeading(label);
  if ((known !== null && known.field === null && known.score >= 0.7) || raw.endsWith(':')) return { row, label, field: null, value, column: filled[1]! };
  return null;
}

/** Labels that name the member in a form's title block. */
const PERSON_LABELS: ReadonlySet<string> = new Set(['name', 'full name', 'your name', 'member', 'member name', 'engineer', 'attendee', 'learner', 'employee']);

/** True when a value reads as a value of its field: a date for a date field, a duration for hours. */
function valueFits(field: RecordField, value: Cell): boolean {
  const t = cellText(value).trim();
  const typed = typeof value === 'object' && value !== null;
  if (field === 'startDate' || field === 'endDate' || field === 'targetDate') return (typed && value.date !== undefined) || parseDate(t, { order: 'dmy' }).ok || parseDate(t, { order: 'mdy' }).ok;
  if (field === 'hours') return (typed && value.number !== undefined) || parseHours(t, {}).ok;
  return true;
}

/**
 * The activity forms among `rows` (rows of `table` that lie outside its tables): runs of label rows, a repeated
 * label starting a new form, two blank rows or a row that is no label ending one. A run is an activity when its
 * labels name two fields or more, one of them more than the name (a date, hours, a reflection, a type). Values keep
 * their cells (typed dates stay dates) and their A1 references; `yearHint` (a year in a title or the sheet name)
 * dates values written without a year.
 */
export function formBlocks(table: ExtractedTable, rows: readonly ExtractedRow[], yearHint?: number): LabelledBlock[] {
  const out: LabelledBlock[] = [];
  let run: LabelRow[] = [];
  let blanks = 0;
  const a1 = table.a1Refs !== false;
  const flush = (): void => {
    const fields = new Set(run.map((r) => r.field).filter((f): f is RecordField => f !== null));
    if (fields.size >= 2 && [...fields].some((f) => EVIDENCE.has(f))) {
      const values: LabelledValue[] = run.map((r) => ({
        label: r.label,
        value: r.value,
        ref: a1 ? `${columnLetter(r.column)}${r.row.index}` : `row ${r.row.index}, column ${r.column + 1}`,
      }));
      const block: LabelledBlock = { values };
      if (table.sheet !== undefined) block.sheet = table.sheet;
      if (table.table !== undefined) block.table = table.table;
      if (yearHint !== undefined) block.yearHint = yearHint;
      out.push(block);
    }
    run = [];
  };
  let prev: ExtractedRow | null = null;
  for (const row of rows) {
    if (row.cells.every((c) => cellText(c).trim() === '')) {
      if (++blanks >= 2) flush();
      continue;
    }
    // Rows left out between two given rows (blank rows the extractor dropped, or rows read as something else).
    if (prev !== null && row.index > prev.index + 2) flush();
    prev = row;
    blanks = 0;
    const lr = labelRow(row);
    if (lr === null) {
      flush();
      continue;
    }
    if (run.some((r) => r.label.toLowerCase() === lr.label.toLowerCase() || (lr.field !== null && lr.field === r.field && lr.field === 'activityName'))) flush();
    run.push(lr);
  }
  flush();
  return out;
}
