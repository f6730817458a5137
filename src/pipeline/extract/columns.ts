/**
 * Column regions of a table in positioned text, and lines assigned to them (issue 3 §2): a column's region runs
 * from its start (the heading's left edge, moved into the gutter of the data under it) to the next column's start.
 * Geometry in points; `size` the font size (≈ 1 em).
 */
import type { Column } from './table-header.js';
import { chunks, type Line, type Word } from './lines.js';

const STARTS = new WeakMap<readonly Column[], number[]>();

/** Region start of each column: the heading's left edge (a little to its left). Cached per column list. */
export function regionStarts(cols: readonly Column[]): number[] {
  let s = STARTS.get(cols);
  if (!s) {
    s = cols.map((c, i) => (i === 0 ? -Infinity : c.x0 - 0.3 * (c.x1 - c.x0 > 0 ? Math.min(10, c.x1 - c.x0) : 3)));
    STARTS.set(cols, s);
  }
  return s;
}

/**
 * Moves column edges into the gutters of the data under a header: headings centred over wider columns start to
 * the right of their data ("Course title" centred over left-aligned names). A gutter is an x-range that the words
 * of (almost) none of the next lines cover; the edge between two columns goes to the middle of the last gutter
 * (3 pt or more) between the left heading's centre and the right heading's left edge. Without such a gutter the
 * heading's left edge stays.
 */
export function refineStarts(cols: readonly Column[], lookahead: readonly Line[]): void {
  const starts = regionStarts(cols).slice();
  // Table-like lines only (two or more cells): a paragraph after the table would close every gutter.
  const below = lookahead.filter((l) => chunks(l.words).length >= 2);
  if (below.length < 2 || cols.length < 2) return;
  const x0 = Math.floor(Math.min(...cols.map((c) => c.x0), ...below.map((l) => l.words[0]?.x0 ?? Infinity)));
  const x1 = Math.ceil(Math.max(...cols.map((c) => c.x1), ...below.map((l) => l.words[l.words.length - 1]?.x1 ?? -Infinity)));
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || x1 - x0 > 5000) return;
  const cover = new Uint16Array(x1 - x0 + 1);
  for (const l of below) for (const c of chunks(l.words)) for (let x = Math.max(x0, Math.floor(c[0]!.x0)); x <= Math.min(x1, Math.ceil(c[c.length - 1]!.x1)); x++) cover[x - x0]!++;
  // Strict: a sparse column (hours on the first line of each row only) must still close its gutter.
  const tolerated = 0;
  for (let i = 1; i < cols.length; i++) {
    const a = (cols[i - 1]!.x0 + cols[i - 1]!.x1) / 2;
    const b = (cols[i]!.x0 + cols[i]!.x1) / 2;
    // The gutter just left of the column's data: the last one (of 3 pt or more) that ends at or before the
    // heading's left edge — not the widest: right-aligned numbers leave a wide gap on their left.
    const limit = cols[i]!.x0 + 0.5 * Math.max(1, cols[i]!.x1 - cols[i]!.x0 > 0 ? 6 : 1);
    let best: [number, number] | null = null;
    let run = -1;
    for (let x = Math.ceil(a); x <= Math.floor(b) + 1; x++) {
      const free = x <= Math.floor(b) && cover[x - x0]! <= tolerated;
      if (free && run < 0) run = x;
      if (!free && run >= 0) {
        if (x - run >= 3 && x <= limit) best = [run, x];
        run = -1;
      }
    }
    if (best) starts[i] = (best[0] + best[1]) / 2;
  }
  STARTS.set(cols, starts);
}

/** The column whose region overlaps [x0, x1] most (−1 if none). */
export function columnOf(cols: readonly Column[], x0: number, x1: number, starts: readonly number[] = regionStarts(cols)): number {
  let best = -1;
  let bestOv = -1;
  for (let i = 0; i < cols.length; i++) {
    const a = starts[i]!;
    const b = i + 1 < cols.length ? starts[i + 1]! : Infinity;
    const ov = Math.min(x1, b) - Math.max(x0, a);
    const ovEff = x1 === x0 ? (x0 >= a && x0 < b ? 1 : -1) : ov;
    if (ovEff > bestOv) {
      bestOv = ovEff;
      best = i;
    }
  }
  return bestOv > 0 ? best : -1;
}

/**
 * Assigns a line's words to columns. Returns null when the line does not fit the table: a chunk spans two
 * columns without a wider-than-normal gap at the column edge (prose across the table).
 */
export function fitLine(cols: readonly Column[], line: Line): Map<number, Word[]> | null {
  const starts = regionStarts(cols);
  const out = new Map<number, Word[]>();
  for (const c of chunks(line.words)) {
    const colsOf = c.map((w) => columnOf(cols, w.x0, w.x1, starts));
    for (let k = 1; k < c.length; k++) {
      if (colsOf[k] !== colsOf[k - 1]) {
        // A chunk crossing a column edge (cells closer than 0.8 em): allowed only at a gap wider than a space
        // where the next word starts on its heading's left edge (left-aligned cell) or the previous word ends on
        // its heading's right edge (right-aligned cell); prose running across the columns does not fit.
        const gapW = c[k]!.x0 - c[k - 1]!.x1;
        const right = cols[colsOf[k]!];
        const left = colsOf[k - 1]! >= 0 ? cols[colsOf[k - 1]!] : undefined;
        const aligned =
          (right !== undefined && Math.abs(c[k]!.x0 - right.x0) <= 1.5) || (left !== undefined && Math.abs(c[k - 1]!.x1 - left.x1) <= 1.5);
        if (gapW < 0.45 * c[k]!.size || !aligned) return null;
      }
    }
    c.forEach((w, k) => {
      const i = colsOf[k]!;
      if (i < 0) return;
      const list = out.get(i) ?? [];
      list.push(w);
      out.set(i, list);
    });
  }
  return out;
}

/**
 * An OCR line that {@link fitLine} refuses because a stray mark joined two cells ("B Energy Glasgow": a speck read
 * as "B" in the date column beside the activity's wrapped line): each word goes to the column it lies in, and
 * one-character words other than digits are dropped as specks. Null when no word lands in a column.
 */
export function fitOcrLineLoosely(cols: readonly Column[], line: Line): Map<number, Word[]> | null {
  const starts = regionStarts(cols);
  const out = new Map<number, Word[]>();
  for (const w of line.words) {
    if (w.text.length === 1 && !/\d/.test(w.text)) continue;
    const k = columnOf(cols, w.x0, w.x1, starts);
    if (k < 0) continue;
    const list = out.get(k) ?? [];
    list.push(w);
    out.set(k, list);
  }
  return out.size === 0 ? null : out;
}

/** Index of a table's first start- or end-date column, or -1. */
export function dateColumn(cols: readonly Column[]): number {
  return cols.findIndex((c) => c.field === 'startDate' || c.field === 'endDate');
}

/**
 * The columns moved sideways by `dx` points, region starts included (a page whose text sits a little left or right
 * of the header page's). A new column list: the original keeps its regions.
 */
export function shiftColumns(cols: readonly Column[], dx: number): Column[] {
  const moved = cols.map((c) => ({ ...c, x0: c.x0 + dx, x1: c.x1 + dx }));
  STARTS.set(moved, regionStarts(cols).map((s) => s + dx));
  return moved;
}
