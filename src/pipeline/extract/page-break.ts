/**
 * A table row cut by a page break (issue 9 §6): does the first table line on the new page go on with the row
 * left open at the bottom of the previous page, or start a row of its own?
 *
 * Report writers and Word let a row break across pages, so a wrapped cell may go on at the top of the next page
 * (with or without the header printed again). The line continues the row when
 * - it has no value in a key column (a date column: every row has its own date, and a second one starts a row),
 * - each of its cells lies in a column that was still running on the row's last line (cells are top-aligned,
 *   so a cell cut by the break is one of those that had text on that line), and
 * - each cell reads as the rest of the text above it: it starts with a small letter or punctuation, the text above
 *   ends with a joining mark (`-`, `,`, `(`, `&`, `/`, `+`, `;`, `:`), or its first word would not have fitted on
 *   the line above — that line ran to within a word of the widest text seen in the column (the wrap width).
 * Otherwise it starts a new row (an undated row at the top of a page, say).
 * All x positions are taken relative to the page's own left text edge, so mirrored margins or a scan fed in
 * askew do not change the answer. Geometry in points; `size` the font size (≈ 1 em).
 */
import type { Word } from './lines.js';

/** What is known of the row left open at the bottom of the previous page. */
export interface OpenRowEnd {
  /** Text per column so far ('' where empty). */
  texts: readonly string[];
  /** Columns that had text on the row's last line. */
  lastCols: ReadonlySet<number>;
  /** Per column, the right edge of the row's text on its last line there (page-relative x). */
  ends: ReadonlyArray<number | undefined>;
}

/** Marks at the end of a text that join it to the next line. */
const JOINING_END = /[-–—,;:(&/+]$/;
/** A start that continues a sentence: a small letter, or punctuation that does not open a new entry. */
const CONTINUING_START = /^[\p{Ll}),;:.!?'’”\]}]/u;

/**
 * True when the line's cells go on with the open row (see the module comment).
 * @param cells the line's words per column index (as fitted to the table's columns)
 * @param row the open row at the bottom of the previous page
 * @param widest per column, the rightmost x (page-relative) of any text seen in that column of this table
 * @param keyCols column indexes of date columns
 */
export function continuesAcrossPage(
  cells: ReadonlyMap<number, readonly Word[]>,
  row: OpenRowEnd,
  widest: ReadonlyArray<number | undefined>,
  keyCols: readonly number[],
): boolean {
  if (cells.size === 0) return false;
  for (const k of keyCols) if (cells.has(k)) return false;
  let ok = true;
  cells.forEach((ws, k) => {
    if (!ok) return;
    const prev = (row.texts[k] ?? '').trim();
    if (!row.lastCols.has(k) || prev === '' || ws.length === 0) {
      ok = false;
      return;
    }
    const first = ws[0]!;
    if (CONTINUING_START.test(first.text) || JOINING_END.test(prev)) return;
    const end = row.ends[k];
    const wrapAt = widest[k];
    // The first word would not have fitted after the text above (a space is about a quarter of an em).
    const wouldNotFit = end !== undefined && wrapAt !== undefined && end + 0.25 * first.size + (first.x1 - first.x0) > wrapAt + 0.5;
    if (!wouldNotFit) ok = false;
  });
  return ok;
}
