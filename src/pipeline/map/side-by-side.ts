/**
 * Tables set side by side on one sheet ("2025" in columns A–E, "2026" in G–K, an empty column between): each is a
 * table of its own. Read as one, each row joined two activities (trial 2: names joined with " — ", the 2026 date
 * read as the 2025 activity's end date, the 2026 hours in extras).
 *
 * Our own code: a header row whose non-empty cells fall into two or more runs separated by empty columns, each run a
 * header by itself — or one run a header and each run under a title of its own in the row above (last year's review
 * beside this year's plan) — splits the table at those columns, from that row down.
 */
import type { RecordField } from '../../domain/index.js';
import type { Cell, ExtractedRow, ExtractedTable } from '../types.js';
import { cellText } from '../types.js';
import { columnLetter } from './letters.js';

/** Rows looked at for a side-by-side header (a header sits near the top; title rows may come first). */
const HEADER_SEARCH_ROWS = 40;

/** Runs of non-empty cells in a row, as `[from, to)` column ranges, separated by at least one empty cell. */
function runs(cells: readonly Cell[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= cells.length; i++) {
    const filled = i < cells.length && cellText(cells[i]).trim() !== '';
    if (filled && start < 0) start = i;
    if (!filled && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

/**
 * Splits a table holding tables side by side into one table per column range, or returns null when it holds one.
 * `headerFields` gives the fields a row's cells (outside the run, empty) name as a header, or null for no header. Each part keeps the rows' cell
 * positions (cells outside its range are emptied), so column letters and references stay those of the sheet; rows
 * above the header row stay in every part (title rows, a year over each table).
 */
export function splitSideBySide(table: ExtractedTable, headerFields: (cells: readonly Cell[]) => ReadonlySet<RecordField> | null): ExtractedTable[] | null {
  const rows = table.rows;
  for (let r = 0; r < rows.length && r < HEADER_SEARCH_ROWS; r++) {
    const row = rows[r]!;
    const rs = runs(row.cells);
    if (rs.length < 2) continue;
    // Each run must be a whole log's header by itself (what was done, and when or how long): a table with a spacer
    // column ("Date, , Activity, Hrs, , Learning, Type") has runs that are each only part of one header.
    let headers = rs.filter(([a, b]) => b - a >= 2 && wholeHeader(headerFields(only(row.cells, a, b))));
    // Or: one whole header beside other runs of headings, each under a title of its own in the row above ("Review of
    // my 2025–26 objectives" | "Plan for 2026–27"): tables side by side, however little the other one names.
    if (headers.length === 1) {
      const titled = titledRuns(rows[r - 1], row, rs);
      if (titled !== null && titled.some(([a, b]) => a === headers[0]![0] && b === headers[0]![1])) headers = titled;
    }
    if (headers.length < 2) continue;
    // The gap must run down the data too: an empty heading cell over data is a merged heading ("Dates" over
    // From and To), not a gap between tables.
    if (!headers.every(([, end], i) => i + 1 >= headers.length || gapStaysEmpty(rows, r, end, headers[i + 1]![0]))) continue;
    // Ranges: from each header run's start to the next one's.
    return headers.map(([a, end], i) => part(table, a, i + 1 < headers.length ? headers[i + 1]![0] : Infinity, end));
  }
  return null;
}

/**
 * The runs of `row` (two columns or more) when the row just above gives each a different title within its columns,
 * else null.
 */
function titledRuns(above: ExtractedRow | undefined, row: ExtractedRow, rs: ReadonlyArray<[number, number]>): Array<[number, number]> | null {
  if (above === undefined || above.index !== row.index - 1) return null;
  const wide = rs.filter(([a, b]) => b - a >= 2);
  if (wide.length < 2) return null;
  const titles = wide.map(([a, b]) => {
    for (let i = a; i < b; i++) {
      const t = cellText(above.cells[i]).trim();
      if (t !== '') return t;
    }
    return '';
  });
  if (titles.some((t) => t === '') || new Set(titles).size !== titles.length) return null;
  return wide;
}

/** True when a header's fields make a log by themselves: an activity name, and a date or hours. */
function wholeHeader(fields: ReadonlySet<RecordField> | null): boolean {
  if (fields === null || !fields.has('activityName')) return false;
  return fields.has('startDate') || fields.has('endDate') || fields.has('targetDate') || fields.has('hours');
}

/** Rows under a side-by-side header checked for an empty gap. */
const GAP_ROWS = 20;

/** True when columns `[a, b)` are empty in the rows under row `r` (up to {@link GAP_ROWS} of them). */
function gapStaysEmpty(rows: readonly ExtractedRow[], r: number, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let k = r + 1; k < rows.length && k <= r + GAP_ROWS; k++) {
    for (let i = a; i < b; i++) if (cellText(rows[k]!.cells[i]).trim() !== '') return false;
  }
  return true;
}

function only(cells: readonly Cell[], a: number, b: number): Cell[] {
  return cells.map((c, i) => (i >= a && i < b ? c : null));
}

/** The part of `table` in columns `[a, b)`; `headerEnd` (exclusive) names it: "CPD (columns G–K)". */
function part(table: ExtractedTable, a: number, b: number, headerEnd: number): ExtractedTable {
  const rows: ExtractedRow[] = [];
  for (const row of table.rows) {
    const cells = only(row.cells, a, b);
    if (cells.every((c) => cellText(c).trim() === '')) continue;
    rows.push({ ...row, cells });
  }
  const span = `${columnName(table, a)}–${columnName(table, headerEnd - 1)}`;
  return { ...table, name: `${table.name} (columns ${span})`, rows };
}

function columnName(table: ExtractedTable, index: number): string {
  return table.a1Refs === false ? String(index + 1) : columnLetter(index);
}
