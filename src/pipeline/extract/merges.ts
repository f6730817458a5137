/**
 * Merged ranges held within budget (issue 12: "a cap on cells a merged range may cover"). A workbook names its
 * merged ranges by reference (`<mergeCell ref="A2:XFD1048576"/>`): a 1.7 KB file can name a range of seventeen
 * billion cells, and a reader that visits or creates every cell of it (exceljs's full reader does) stalls for
 * minutes and takes gigabytes. A merge only matters where the sheet has cells, so each range is first clipped to the
 * sheet's extent (its last row and column with a cell); ranges still covering more than the budget in total are
 * left out, largest first, and named in a note. The first cell of a range left out keeps its value; only the copies
 * to the other cells are lost.
 *
 * Pure functions; used by the XLSX readers (src/pipeline/extract/xlsx/).
 */

/** Most cells all merged ranges of one sheet may cover after clipping (our choice: 200 columns × 1,000 rows). */
export const DEFAULT_MAX_MERGED_CELLS = 200_000;

/** A merged range by 1-based rows and columns, inclusive. */
export interface MergeRange {
  /** The reference (`A2:C7`): as written, or the range it was cut back to. */
  ref: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Where a sheet's cells end: its last row and last column (1-based) holding a cell. */
export interface SheetExtent {
  rows: number;
  cols: number;
}

/** The merges to apply, and what was changed, as clauses for a note. */
export interface BoundedMerges {
  keep: MergeRange[];
  /** Ranges left out: over the budget once clipped. */
  dropped: { ref: string; cells: number }[];
  /** Ranges cut back to the sheet's extent (only those that reached more than 1,000 cells past it are listed). */
  clipped: { ref: string; to: string }[];
}

/** Column letters → 1-based number (`A` → 1, `XFD` → 16384). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** 1-based column number → letters (`1` → `A`). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Parses `A2:C7` (or a single cell `B4`); null when it is no cell reference. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const a = { c: columnNumber(m[1]!), r: Number(m[2]) };
  const b = m[3] === undefined ? a : { c: columnNumber(m[3]), r: Number(m[4]) };
  if (a.r < 1 || b.r < 1) return null;
  return { ref, r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) };
}

function cells(r: MergeRange): number {
  return (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
}

/**
 * Clips each range to the sheet's extent and keeps ranges, smallest first, while their cells add up to at most
 * `maxCells`. A range wholly outside the extent is dropped silently (it merges nothing). Order of `keep` follows
 * the input.
 * @param refs merged ranges as written in the sheet (unparseable ones are ignored)
 * @param extent the sheet's last row and column with a cell
 * @param maxCells budget of cells for all ranges of the sheet ({@link DEFAULT_MAX_MERGED_CELLS})
 */
export function boundMerges(refs: readonly string[], extent: SheetExtent, maxCells = DEFAULT_MAX_MERGED_CELLS): BoundedMerges {
  const clipped: BoundedMerges['clipped'] = [];
  const inside: MergeRange[] = [];
  for (const ref of refs) {
    const r = parseRange(ref);
    if (r === null || r.r1 > extent.rows || r.c1 > extent.cols) continue;
    const r2 = Math.min(r.r2, extent.rows);
    const c2 = Math.min(r.c2, extent.cols);
    const cut = r2 !== r.r2 || c2 !== r.c2;
    const to: MergeRange = { ref: cut ? `${columnLetters(r.c1)}${r.r1}:${columnLetters(c2)}${r2}` : ref, r1: r.r1, c1: r.c1, r2, c2 };
    if (cells(r) - cells(to) > 1000) clipped.push({ ref, to: to.ref });
    if (cells(to) > 1) inside.push(to);
  }
  const bySize = [...inside].sort((a, b) => cells(a) - cells(b));
  const kept = new Set<MergeRange>();
  let total = 0;
  const dropped: BoundedMerges['dropped'] = [];
  for (const r of bySize) {
    if (total + cells(r) <= maxCells) {
      kept.add(r);
      total += cells(r);
    } else dropped.push({ ref: r.ref, cells: cells(r) });
  }
  return { keep: inside.filter((r) => kept.has(r)), dropped, clipped };
}

/**
 * The note for a sheet whose merges were cut down, or null when nothing worth saying changed. Ranges cut back to
 * the sheet's cells change nothing the reader sees and are not mentioned unless one was dropped as well.
 */
export function mergesNote(sheet: string, b: BoundedMerges, maxCells = DEFAULT_MAX_MERGED_CELLS): string | null {
  if (b.dropped.length === 0) return null;
  const listed = b.dropped.slice(0, 3).map((d) => `${d.ref} (${d.cells.toLocaleString('en-GB')} cells)`).join(', ');
  const more = b.dropped.length > 3 ? ` and ${b.dropped.length - 3} more` : '';
  return `sheet '${sheet}': merged ranges ${listed}${more} cover more than the limit of ${maxCells.toLocaleString('en-GB')} merged cells per sheet and were not applied: each range's first cell keeps its value, the cells below it were not filled with a copy`;
}
