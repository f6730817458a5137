/**
 * Budgets on what an extraction holds, whatever the format (issue 12, "budgets that hold whatever the file says"):
 * characters per cell and cells per table. A 19 MB cell is one value no reviewer can read, and carried through the
 * pipeline it turns a member's year into tens of megabytes of JSON; a sheet of millions of cells is no CPD log.
 *
 * Applied by `importFile` right after extraction, before mapping, so every later stage sees bounded values.
 */
import { gap, ImportError, type Gap } from '../domain/index.js';
import { columnLetter } from './map/letters.js';
import type { Cell, ExtractedTable, Extraction } from './types.js';

/**
 * Default most characters kept from one cell or labelled value: 32,767, the most an Excel cell itself can hold
 * (Microsoft, "Excel specifications and limits": total number of characters that a cell can contain).
 */
export const DEFAULT_MAX_CELL_CHARS = 32_767;

/**
 * Default most cells (rows × the columns of each row, empty cells included) in one extracted table: 2,000,000 (our
 * choice: the 50,000-row cap times 40 columns; a CPD log has tens to hundreds of rows of under 30 columns).
 */
export const DEFAULT_MAX_TABLE_CELLS = 2_000_000;

/** Limits of {@link boundExtraction}; both counts, defaults {@link DEFAULT_MAX_CELL_CHARS} and {@link DEFAULT_MAX_TABLE_CELLS}. */
export interface ExtractionBounds {
  maxCellChars?: number;
  maxTableCells?: number;
}

/** At most this many cut cells are named in the gap; the rest are counted. */
const NAMED = 5;

/**
 * Cuts every cell and labelled value longer than `maxCellChars` to its first `maxCellChars` characters, in place,
 * and names the cut cells in one `truncated` warning gap (file level; the whole text stays in the stored original
 * file). Refuses a table holding more than `maxTableCells` cells.
 * @returns the gaps to add to the file's gaps (none when nothing was cut)
 * @throws ImportError `too_large` naming the table, its cell count and the limit
 */
export function boundExtraction(ex: Extraction, bounds: ExtractionBounds = {}): Gap[] {
  const maxChars = bounds.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const maxCells = bounds.maxTableCells ?? DEFAULT_MAX_TABLE_CELLS;
  const cut: Array<{ where: string; length: number }> = [];
  for (const table of ex.tables) {
    let cells = 0;
    for (const row of table.rows) cells += row.cells.length;
    if (cells > maxCells) {
      throw new ImportError(
        'too_large',
        `${tableName(table)} holds ${cells.toLocaleString('en-GB')} cells, over the limit of ${maxCells.toLocaleString('en-GB')} for one table of a CPD log (by ${(cells - maxCells).toLocaleString('en-GB')}); check it is the right file`,
      );
    }
    for (const row of table.rows) {
      row.cells.forEach((c, i) => {
        const length = textLength(c);
        if (length <= maxChars) return;
        row.cells[i] = cutCell(c, maxChars);
        cut.push({ where: cellWhere(table, row.index, i), length });
      });
    }
  }
  for (const block of ex.blocks) {
    for (const v of block.values) {
      const length = textLength(v.value);
      if (length <= maxChars) continue;
      v.value = cutCell(v.value, maxChars);
      cut.push({ where: `'${v.label}'${v.ref === undefined ? '' : ` (${v.ref})`}`, length });
    }
  }
  if (cut.length === 0) return [];
  const named = cut
    .slice(0, NAMED)
    .map((c) => `${c.where}: ${c.length.toLocaleString('en-GB')} characters`)
    .join('; ');
  const more = cut.length > NAMED ? `; and ${cut.length - NAMED} more` : '';
  const what = cut.length === 1 ? 'a value is' : `${cut.length} values are`;
  return [
    gap(
      null,
      'truncated',
      'warning',
      `${what} longer than the limit of ${maxChars.toLocaleString('en-GB')} characters per cell and only ${cut.length === 1 ? 'its' : 'their'} first ${maxChars.toLocaleString('en-GB')} characters were kept (${named}${more}); the whole text is in the original file`,
    ),
  ];
}

function textLength(c: Cell): number {
  if (c === null) return 0;
  return typeof c === 'string' ? c.length : c.text.length;
}

function cutCell(c: Cell, max: number): Cell {
  if (c === null) return c;
  if (typeof c === 'string') return c.slice(0, max);
  return { ...c, text: c.text.slice(0, max) };
}

function tableName(t: ExtractedTable): string {
  if (t.sheet !== undefined) return `sheet '${t.sheet}'`;
  return t.table !== undefined ? `table ${t.table}` : `'${t.name}'`;
}

function cellWhere(t: ExtractedTable, rowIndex: number, col: number): string {
  const at = t.a1Refs === false ? `row ${rowIndex}, column ${col + 1}` : `${columnLetter(col)}${rowIndex}`;
  return t.sheet !== undefined ? `'${t.sheet}'!${at}` : t.table !== undefined ? `table ${t.table} ${at}` : at;
}
