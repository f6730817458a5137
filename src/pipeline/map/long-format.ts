/**
 * Tables in long format ("entity–attribute–value"): one row per entry and field, as form builders, survey tools and
 * databases export them — `Entry ID | Submitted | Field | Value`, with "Activity title", "Date(s)", "Hours" and
 * "Reflection" repeating down the Field column. A table reader finds no header naming record fields and reads
 * nothing (trial 7: a form builder's CPD entries, no record). Each entry is one activity: its rows are read as one
 * labelled block (the path of a form, map/form.ts), each value keeping its cell, and the entry's other columns (its
 * identifier, when it was submitted) are kept under their headings.
 *
 * Our own code. The shape is found by content, not by the headings of the export: a column of short labels from a
 * small set that repeats, two or more of which name record fields (one of them the activity, one a date or hours),
 * beside a column of values.
 */
import type { RecordField } from '../../domain/index.js';
import { matchHeading } from '../headings.js';
import { cellText, type ExtractedRow, type ExtractedTable, type LabelledBlock, type LabelledValue } from '../types.js';
import { columnLetter } from './letters.js';

/** A long-format table as found: where its labels, values and entry keys are, and its entries as blocks. */
export interface LongFormat {
  /** 0-based column of the labels ("Field"). */
  labelColumn: number;
  /** 0-based column of the values ("Value"). */
  valueColumn: number;
  /** 0-based column whose value changes from one entry to the next ("Entry ID"), or null (entries split by a repeated label). */
  keyColumn: number | null;
  /** The header row above the data, when there is one. */
  header: ExtractedRow | null;
  /** One block per entry. */
  blocks: LabelledBlock[];
}

/** Most distinct labels a long table's label column holds (a form has a field list, not free text). */
const MAX_LABELS = 40;
/** Fewest data rows for the shape to be believed (two entries of a few fields). */
const MIN_ROWS = 6;

function text(row: ExtractedRow, col: number): string {
  return cellText(row.cells[col]).trim();
}

/** The field a label names, by the strict reading of block labels; null for none. */
function labelField(label: string): RecordField | null {
  if (label.length > 60 || /^\d+([.,]\d+)?$/.test(label)) return null;
  return matchHeading(label)?.fields[0] ?? null;
}

/**
 * Reads `table` as a long-format table, or returns null when it is none: a column of labels (at most
 * {@link MAX_LABELS} different ones, each used twice or more on average, among them the activity and a date or the
 * hours), the nearest column to its right filled on most rows as the values, and, when one exists, a column whose
 * value stays the same down each entry and changes between entries as the entry's key. Without a key, a label met
 * again starts the next entry.
 */
export function readLongFormat(table: ExtractedTable): LongFormat | null {
  const all = table.rows.filter((r) => r.cells.some((c) => cellText(c).trim() !== ''));
  if (all.length < MIN_ROWS) return null;
  const width = Math.max(...all.map((r) => r.cells.length));
  for (let col = 0; col < width - 1; col++) {
    // The header, if any, is a first row whose label cell is not one of the labels repeated below.
    const counts = new Map<string, number>();
    for (const row of all) {
      const t = text(row, col).toLowerCase();
      if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const repeated = [...counts].filter(([, n]) => n >= 2).map(([t]) => t);
    if (repeated.length < 2 || repeated.length > MAX_LABELS) continue;
    const first = all.findIndex((r) => repeated.includes(text(r, col).toLowerCase()));
    if (first < 0 || first > 3) continue;
    const header = first > 0 ? all[first - 1]! : null;
    const data = all.slice(first);
    if (data.length < MIN_ROWS) continue;
    const labels = data.map((r) => text(r, col));
    if (labels.some((l) => l === '' || l.length > 60)) continue;
    const distinct = new Set(labels.map((l) => l.toLowerCase()));
    if (distinct.size > MAX_LABELS || data.length < 2 * distinct.size) continue;
    const fields = new Set<RecordField>();
    for (const l of distinct) {
      const f = labelField(l);
      if (f !== null) fields.add(f);
    }
    if (!fields.has('activityName') || !(fields.has('startDate') || fields.has('endDate') || fields.has('targetDate') || fields.has('hours'))) continue;
    // The values: the nearest column to the right filled on most rows.
    let valueColumn = -1;
    for (let v = col + 1; v < width; v++) {
      const filled = data.filter((r) => text(r, v) !== '').length;
      if (filled * 2 >= data.length) {
        valueColumn = v;
        break;
      }
    }
    if (valueColumn < 0) continue;
    const keyColumn = findKeyColumn(data, col, valueColumn, width);
    return { labelColumn: col, valueColumn, keyColumn, header, blocks: entries(table, data, header, col, valueColumn, keyColumn) };
  }
  return null;
}

/**
 * A column (not the labels' or the values') that names the entry: filled on every row, its value the same on runs of
 * rows and changing between them, each value in one run only, and two entries or more. Null when none.
 */
function findKeyColumn(data: readonly ExtractedRow[], labelColumn: number, valueColumn: number, width: number): number | null {
  for (let k = 0; k < width; k++) {
    if (k === labelColumn || k === valueColumn) continue;
    const seen = new Set<string>();
    let last: string | null = null;
    let ok = true;
    for (const row of data) {
      const t = text(row, k);
      if (t === '') {
        ok = false;
        break;
      }
      if (t !== last) {
        if (seen.has(t)) {
          ok = false;
          break;
        }
        seen.add(t);
        last = t;
      }
    }
    if (ok && seen.size >= 2 && seen.size < data.length) return k;
  }
  return null;
}

/** The entries of a long table, one block each: its label/value rows, then its other columns under their headings. */
function entries(table: ExtractedTable, data: readonly ExtractedRow[], header: ExtractedRow | null, labelColumn: number, valueColumn: number, keyColumn: number | null): LabelledBlock[] {
  const a1 = table.a1Refs !== false;
  const ref = (col: number, row: number): string => (a1 ? `${columnLetter(col)}${row}` : `row ${row}, column ${col + 1}`);
  const out: LabelledBlock[] = [];
  let rows: ExtractedRow[] = [];
  const flush = (): void => {
    if (rows.length === 0) return;
    const values: LabelledValue[] = [];
    for (const row of rows) {
      const value = row.cells[valueColumn] ?? null;
      if (cellText(value).trim() === '') continue;
      values.push({ label: text(row, labelColumn), value, ref: ref(valueColumn, row.index) });
    }
    // The entry's own columns (its key, when it was submitted): kept under their headings, read as no field
    // unless their heading names one.
    const top = rows[0]!;
    for (let c = 0; c < top.cells.length; c++) {
      if (c === labelColumn || c === valueColumn || text(top, c) === '') continue;
      const heading = header !== null ? text(header, c) : '';
      values.push({ label: heading !== '' ? heading : `Column ${a1 ? columnLetter(c) : c + 1}`, value: top.cells[c] ?? null, ref: ref(c, top.index) });
    }
    const block: LabelledBlock = { values };
    if (table.sheet !== undefined) block.sheet = table.sheet;
    if (table.table !== undefined) block.table = table.table;
    out.push(block);
    rows = [];
  };
  let key: string | null = null;
  const labels = new Set<string>();
  for (const row of data) {
    const label = text(row, labelColumn).toLowerCase();
    const k = keyColumn !== null ? text(row, keyColumn) : null;
    if ((keyColumn !== null && k !== key) || (keyColumn === null && labels.has(label))) {
      flush();
      labels.clear();
    }
    key = k;
    labels.add(label);
    rows.push(row);
  }
  flush();
  return out;
}
