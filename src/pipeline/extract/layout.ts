/**
 * Page layout → tables and paragraphs, for PDF text layers and OCR output (issue 3 §2–3).
 *
 * Input: positioned text items per page (points, origin top-left, `y` = baseline). Output: column tables rebuilt
 * from x/y positions (pdf-parse's `getTable` only finds ruled tables; CPD exports are often unruled, docs/DESIGN.md
 * §5) and the remaining lines as paragraphs for labelled blocks.
 *
 * Rules (docs/domain/CPD.md §8 "PDF: exported reports with a column table repeated per page, wrapped cells, page furniture"):
 * - lines: items on one baseline (±40% of the font size); items touching each other are one word; letter-spaced
 *   text ("C P D  R e c o r d") and ligatures (ﬁ) are normalised;
 * - page furniture: "Page 9 of 19", "- 3 -" and bare page numbers (centred or at the right edge) in the top or
 *   bottom 8% of a page, and lines repeated (digits aside) at the same place in that zone on two or more pages
 *   (running titles, print dates) are removed; a table header is never furniture;
 * - a header: a line whose gap-separated chunks are at least two known headings (docs/domain/CPD.md §5) including a name,
 *   date or hours heading, covering ≥ 60% of its chunks; a second header line right under it is merged when each
 *   of its chunks completes the heading above ("CPD" / "hours"); column regions start at each heading's left edge;
 * - the same header again (next page) is skipped; a different one starts a new table;
 * - a data line belongs to the table when each of its chunks falls in one column region; it starts a new row
 *   after a vertical gap over 1.35 × the line pitch, when it writes a second value into a date or hours column
 *   (a range broken after "–" or "to" continues), or when it fills most of the columns of the row's first line
 *   including its leftmost one; otherwise it continues the open row (wrapped cells, also across a page break);
 * - a `Label: value` line under a row ("Reflection: …" across the table) becomes that row's value in an extra
 *   column headed by the label; its wrapped lines follow it;
 * - a larger font, a line that fits no column, or a lone short line after a wide gap ends the table.
 */
import { gap, type Gap, type RecordField } from '../../domain/index.js';
import { matchHeading, type HeadingMatch } from '../headings.js';
import { yearFromTitle } from '../map.js';
import type { Cell, CellInfo, ExtractedRow, ExtractedTable } from '../types.js';
import { labelField, splitLabel, type Para } from './blocks.js';

/** A piece of text placed on a page: points, origin top-left, `y` the baseline, `size` the font size (≈ em). */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Font id: a change of font inside a line marks a bold label. */
  font?: string;
  /** OCR word confidence, 0–100. */
  confidence?: number;
}

/** One page of items. `height` in points (for the furniture zones). */
export interface PageItems {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
}

interface Word {
  text: string;
  x0: number;
  x1: number;
  /** Baseline of the item the word came from. */
  y: number;
  size: number;
  font?: string;
  confidence?: number;
}

/** A text line on a page; `no` is its 1-based line number from the top of the page (furniture included). */
export interface Line {
  page: number;
  no: number;
  y: number;
  size: number;
  words: Word[];
  text: string;
}

/** What {@link layoutPages} found. */
export interface Layout {
  tables: ExtractedTable[];
  /** Lines outside tables, in reading order, as paragraphs for {@link blocksFromParas}. */
  paras: Para[];
  /** Notes: furniture removed. */
  gaps: Gap[];
  /** Years seen in removed running titles (a year stated only there still dates the log). */
  furnitureYears: number[];
  /** All text, lines joined with `\n` (for certificate detection). */
  text: string;
  /** Number of lines on all pages. */
  lineCount: number;
}

const LIGATURES: Readonly<Record<string, string>> = {
  '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st',
};

/**
 * Normalises text read from a PDF: ligatures (ﬁ → fi), soft hyphens dropped, odd spaces → space, and
 * letter-spaced text collapsed ("C P D  R e c o r d" → "CPD Record": when all of three or more, or 80% of four or
 * more, space-separated tokens are single characters, double spaces separate words and single spaces are dropped).
 */
export function normaliseRunText(text: string): string {
  // Fast path: nothing to replace and no run of single characters ("a b c").
  if (!ODD_CHARS.test(text) && !SPACED.test(text)) return text;
  let t = text.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c] ?? c).replace(/\u00ad/g, '').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  const tokens = t.trim().split(/ +/);
  if (tokens.length >= 3) {
    const single = tokens.filter((s) => [...s].length === 1).length;
    if (single === tokens.length || (tokens.length >= 4 && single >= tokens.length * 0.8)) {
      t = t
        .trim()
        .split(/ {2,}/)
        .map((w) => w.replace(/ /g, ''))
        .join(' ');
    }
  }
  return t;
}

const ODD_CHARS = /[\ufb00-\ufb06\u00ad\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const SPACED = /(^|\s)\S \S \S(\s|$)/;

/** A word of `it` spanning characters [a, b) of its `len` characters (x-extent proportional to characters). */
function wordOf(it: TextItem, a: number, b: number, len: number, t: string): Word {
  const w: Word = { text: t, x0: it.x + it.width * (a / len), x1: it.x + it.width * (b / len), y: it.y, size: it.size };
  if (it.font !== undefined) w.font = it.font;
  if (it.confidence !== undefined) w.confidence = it.confidence;
  return w;
}

/** Splits items into words with estimated x-extents (proportional to characters within an item). */
function itemWords(it: TextItem, out: Word[]): void {
  const text = normaliseRunText(it.text);
  const len = text.length;
  if (len === 0) return;
  // Fast path: one word without spaces (most OCR words and many PDF runs).
  if (text.indexOf(' ') === -1 && !/\s/.test(text)) {
    out.push(wordOf(it, 0, len, len, text));
    return;
  }
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(wordOf(it, m.index, m.index + m[0].length, len, m[0]));
}

/** Sorts words by x0 (stable), unless they already are in order (the usual case: no sort, no comparator calls). */
function sortByX(ws: Word[]): void {
  for (let i = 1; i < ws.length; i++) {
    if (ws[i]!.x0 < ws[i - 1]!.x0) {
      ws.sort((a, b) => a.x0 - b.x0);
      return;
    }
  }
}

/** Median font size of a line's words (the upper middle one); one pass when all share a size (the usual case). */
function medianSize(ws: readonly Word[]): number {
  const first = ws[0]!.size;
  let same = true;
  for (let i = 1; i < ws.length && same; i++) same = ws[i]!.size === first;
  if (same) return first;
  const sizes = ws.map((w) => w.size).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)]!;
}

/** Groups a page's items into lines (top to bottom) of words (left to right). */
export function pageLines(p: PageItems): Line[] {
  const words: Word[] = [];
  for (const it of p.items) {
    if (!(it.size > 0) || !Number.isFinite(it.x) || !Number.isFinite(it.y)) continue;
    itemWords(it, words);
  }
  words.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  let i = 0;
  while (i < words.length) {
    // One baseline: words within 40% of the smaller font size of the first word's baseline.
    const first = words[i++]!;
    let size = first.size;
    const group: Word[] = [first];
    while (i < words.length && Math.abs(words[i]!.y - first.y) <= 0.4 * Math.min(size, words[i]!.size)) {
      const w = words[i++]!;
      group.push(w);
      if (w.size > size) size = w.size;
    }
    sortByX(group);
    const merged: Word[] = [];
    for (const w of group) {
      const last = merged[merged.length - 1];
      if (last && w.x0 - last.x1 < 0.08 * Math.min(w.size, last.size) && w.x0 >= last.x0) {
        last.text += w.text;
        last.x1 = Math.max(last.x1, w.x1);
        if (w.confidence !== undefined) last.confidence = Math.min(last.confidence ?? 100, w.confidence);
      } else merged.push(w);
    }
    lines.push({ page: p.page, no: lines.length + 1, y: first.y, size: medianSize(merged), words: merged, text: textOf(merged) });
  }
  return lines;
}

/** Runs of words separated by less than 0.8 em: the cells (or phrases) of a line. */
function chunks(words: readonly Word[]): Word[][] {
  const out: Word[][] = [];
  for (const w of words) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && w.x0 - prev.x1 < 0.8 * Math.max(w.size, prev.size)) cur.push(w);
    else out.push([w]);
  }
  return out;
}

/** The words' text joined with single spaces. */
function textOf(ws: readonly Word[]): string {
  if (ws.length === 1) return ws[0]!.text;
  let s = '';
  for (let i = 0; i < ws.length; i++) s += i === 0 ? ws[i]!.text : ` ${ws[i]!.text}`;
  return s;
}

const PAGE_NO_RE = /^(page|p\.|pg\.?|seite)?\s*\d{1,4}(\s*(of|\/|von)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

/**
 * Removes page furniture (see the module comment) from the lines of all pages. Returns the kept lines per page,
 * the years found in removed lines, and one info gap naming what was removed.
 */
export function removeFurniture(pages: ReadonlyArray<{ page: number; width?: number; height: number; lines: Line[] }>): {
  kept: Line[][];
  years: number[];
  gaps: Gap[];
} {
  // Table headers repeated on every page are not furniture, even close to the top edge.
  const zoneOf = (l: Line, h: number): 'top' | 'bottom' | null =>
    l.y < h * 0.08 ? (headerColumns(l) === null ? 'top' : null) : l.y > h * 0.92 ? 'bottom' : null;
  // Same text (digits aside) at the same place: a running title or footer.
  const key = (l: Line): string => `${Math.round((l.words[0]?.x0 ?? 0) / 15)}|${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;
  const seen = new Map<string, Set<number>>();
  const zones = new Map<Line, 'top' | 'bottom' | null>();
  for (const p of pages) {
    for (const l of p.lines) {
      const z = zoneOf(l, p.height);
      zones.set(l, z);
      if (!z) continue;
      const k = `${z}|${key(l)}`;
      const s = seen.get(k) ?? new Set<number>();
      s.add(p.page);
      seen.set(k, s);
    }
  }
  const removed: string[] = [];
  const years: number[] = [];
  const kept = pages.map((p) =>
    p.lines.filter((l) => {
      const z = zones.get(l) ?? null;
      if (!z) return true;
      const repeated = pages.length >= 2 && (seen.get(`${z}|${key(l)}`)?.size ?? 0) >= 2;
      // A page number on its own: written as one ("Page 3", "3 of 9", "- 3 -"), or a bare number centred or at
      // the right edge (a bare number under a table column is data: a wrapped "2024").
      const w = p.width ?? 595;
      const pageNo = chunks(l.words).every((c) => {
        const t = textOf(c);
        if (/\bpage\s+\d+\s*(of\s*\d+)?\b/i.test(t) || (PAGE_NO_RE.test(t) && /\D/.test(t.replace(/\s/g, '')))) return true;
        if (!PAGE_NO_RE.test(t)) return false;
        const mid = (c[0]!.x0 + c[c.length - 1]!.x1) / 2;
        return Math.abs(mid - w / 2) < w * 0.08 || c[c.length - 1]!.x1 > w * 0.85;
      });
      if (!repeated && !pageNo) return true;
      const y = yearFromTitle(l.text);
      if (y !== undefined && !/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(l.text)) years.push(y);
      const show = l.text.replace(/\d+/g, 'N');
      if (!removed.includes(show)) removed.push(show);
      return false;
    }),
  );
  const gaps: Gap[] = [];
  if (removed.length > 0) {
    gaps.push(gap(null, 'skipped', 'info', `page furniture removed (page numbers, running titles repeated on each page): ${removed.slice(0, 4).map((s) => `"${s}"`).join(', ')}${removed.length > 4 ? ` and ${removed.length - 4} more` : ''}`));
  }
  return { kept, years, gaps };
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

interface Column {
  heading: string;
  x0: number;
  x1: number;
  field: RecordField | null;
}

/** Fields that are one short value: a second value on the next line means a new row. */
const SINGLE_LINE: ReadonlySet<RecordField> = new Set(['startDate', 'endDate', 'targetDate', 'hours', 'twaves', 'status']);
const ANCHORS: ReadonlySet<RecordField> = new Set(['activityName', 'startDate', 'endDate', 'targetDate', 'hours']);
const DATA_LIKE = /^[\d\s.,:/–-]+$|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;

/** Cap on {@link headingMemo} (distinct texts); past it the memo starts again. */
const HEADING_MEMO_MAX = 10_000;
const HEADING_MEMO = new Map<string, HeadingMatch | null>();

/**
 * {@link matchHeading}, remembered by text. The same texts come back on every page (running titles, page
 * numbers, the repeated table header, and every phrase of them that {@link headingParts} tries), and a text that
 * matches nothing costs a fuzzy comparison with every synonym: on a 50-page report ~30 ms of the layout.
 */
function headingMemo(text: string): HeadingMatch | null {
  let m = HEADING_MEMO.get(text);
  if (m === undefined) {
    m = matchHeading(text);
    if (HEADING_MEMO.size >= HEADING_MEMO_MAX) HEADING_MEMO.clear();
    HEADING_MEMO.set(text, m);
  }
  return m;
}

/** Heading phrases of a chunk: the whole chunk if it matches, else its words split into matching phrases. */
function headingParts(ws: Word[]): Array<{ words: Word[]; field: RecordField | null }> {
  const whole = headingMemo(textOf(ws));
  if (whole || ws.length === 1) return [{ words: ws, field: whole ? whole.fields[0]! : null }];
  // Best split into consecutive phrases that each match (fewest phrases), else the chunk as one unknown heading.
  const n = ws.length;
  const best: Array<Array<{ words: Word[]; field: RecordField | null }> | null> = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 5); j < i; j++) {
      const prev = best[j];
      if (!prev) continue;
      const part = ws.slice(j, i);
      const m = headingMemo(textOf(part));
      if (!m) continue;
      const cand = [...prev, { words: part, field: m.fields[0]! }];
      if (!best[i] || cand.length < best[i]!.length) best[i] = cand;
    }
  }
  return best[n] ?? [{ words: ws, field: null }];
}

/** The columns of a header line, or null when the line is no header (see the module comment). */
function headerColumns(line: Line): Column[] | null {
  const cs = chunks(line.words);
  if (cs.length < 2 && line.words.length < 2) return null;
  // "Type:   Training course" is a label and its value (a form), not two headings.
  if (/[:：]$/.test(textOf(cs[0]!)) && cs.length <= 2) return null;
  const cols: Column[] = [];
  const fields = new Set<RecordField>();
  let matched = 0;
  for (const c of cs) {
    const t = textOf(c);
    if (t.length > 48 || c.length > 8 || DATA_LIKE.test(t) || /:\s*\S/.test(t)) return null;
  }
  for (const c of cs) {
    for (const part of headingParts(c)) {
      const heading = textOf(part.words).replace(/:$/, '');
      cols.push({ heading, x0: part.words[0]!.x0, x1: part.words[part.words.length - 1]!.x1, field: part.field });
      if (part.field) {
        matched++;
        fields.add(part.field);
      }
    }
  }
  if (cols.length < 2 || fields.size < 2 || matched * 10 < cols.length * 6) return null;
  if (![...fields].some((f) => ANCHORS.has(f))) return null;
  return cols;
}

/** Merges a second header line into the header when each of its chunks completes the heading above it. */
function mergeHeaderLine(cols: Column[], line: Line, headerLine: Line): boolean {
  if (line.page !== headerLine.page || line.y - headerLine.y > 1.7 * headerLine.size) return false;
  const cs = chunks(line.words);
  if (cs.length === 0 || cs.length > cols.length) return false;
  const plan: Array<[number, string]> = [];
  for (const c of cs) {
    const t = textOf(c);
    if (t.length > 25 || /\d/.test(t)) return false;
    const i = columnOf(cols, c[0]!.x0, c[c.length - 1]!.x1);
    if (i < 0 || plan.some(([k]) => k === i)) return false;
    const joined = `${cols[i]!.heading} ${t}`;
    const m = headingMemo(joined);
    if (!m) return false;
    plan.push([i, joined]);
  }
  for (const [i, h] of plan) {
    const c = cols[i]!;
    c.heading = h;
    c.field = headingMemo(h)!.fields[0]!;
  }
  return true;
}

const STARTS = new WeakMap<readonly Column[], number[]>();

/** Region start of each column: the heading's left edge (a little to its left). Cached per column list. */
function regionStarts(cols: readonly Column[]): number[] {
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
function refineStarts(cols: readonly Column[], lookahead: readonly Line[]): void {
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
function columnOf(cols: readonly Column[], x0: number, x1: number, starts: readonly number[] = regionStarts(cols)): number {
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
function fitLine(cols: readonly Column[], line: Line): Map<number, Word[]> | null {
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
function fitOcrLineLoosely(cols: readonly Column[], line: Line): Map<number, Word[]> | null {
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
function dateColumn(cols: readonly Column[]): number {
  return cols.findIndex((c) => c.field === 'startDate' || c.field === 'endDate');
}

interface OpenRow {
  row: ExtractedRow;
  texts: string[];
  conf: Array<number | undefined>;
  firstCols: Set<number>;
  lastLine: Line;
  virtualOpen: number | null;
}

interface OpenTable {
  cols: Column[];
  headerLine: Line;
  virtual: string[];
  rows: OpenRow[];
  cur: OpenRow | null;
  prevLine: Line;
  bodySize: number;
  no: number;
  /** A title line right above the header whose year dates the table. */
  titleAbove?: Line;
  /** The last line read was a repeat of the header on a new page. */
  afterRepeat?: boolean;
  /** A row began without a value in the date column (then a vertical gap alone starts a row, as before). */
  undatedRow?: boolean;
}

/** A range or list broken over lines continues: "05/02/2024 –" / "09/02/2024", "A1," / "B2". */
function continuesValue(prev: string, next: string): boolean {
  return /([-–—,&+/]|\bto|\band|\buntil)\s*$/i.test(prev) || /^\s*([-–—]|to\b|until\b)/i.test(next);
}

function joinLine(prev: string, next: string): string {
  if (prev === '') return next;
  return /[-‐]$/.test(prev) && !/\s[-‐]$/.test(prev) ? prev + next : `${prev} ${next}`;
}

function minConf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function wordsConf(ws: readonly Word[]): number | undefined {
  let c: number | undefined;
  for (const w of ws) c = minConf(c, w.confidence);
  return c;
}

/** Lowest OCR confidence among a line's words (undefined for text-layer lines). */
function lineConf(l: Line): number | undefined {
  return wordsConf(l.words);
}

/** A `Label: value` line that belongs under a table row (a known label other than the activity name). */
function underRowLabel(line: Line, cols: readonly Column[]): { label: string; value: string } | null {
  if (line.words.length === 0) return null;
  if (line.words[0]!.x0 > cols[0]!.x0 + 1.5 * line.size) return null;
  const s = splitLabel(line.text);
  if (!s || s.field === null || s.field === 'activityName') return null;
  return { label: s.label, value: s.value };
}

function percentile(values: number[], p: number, fallback: number): number {
  if (values.length === 0) return fallback;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(v.length * p))]!;
}

/**
 * Rebuilds tables and paragraphs from the pages' lines (furniture already removed).
 * @returns tables (`a1Refs: false`, rows with page and line), prose paragraphs, and title lines seen right
 *   above a table header (their year dates that table, docs/domain/CPD.md §8).
 */
export function buildTables(pages: ReadonlyArray<Line[]>): { tables: ExtractedTable[]; paras: Para[] } {
  const all: Line[] = pages.flat();
  // Line pitch: a low percentile of the gaps between consecutive lines on a page (within-cell line spacing).
  const gaps: number[] = [];
  for (const p of pages) for (let i = 1; i < p.length; i++) {
    const g = p[i]!.y - p[i - 1]!.y;
    if (g >= 0.9 * p[i]!.size && g <= 2.6 * p[i]!.size) gaps.push(g / p[i]!.size);
  }
  const pitchEm = percentile(gaps, 0.2, 1.2);
  // Text block edges per page: a line that reaches (near) the right edge can wrap onto the next one.
  const edges = new Map<number, { left: number; right: number }>();
  for (const p of pages) {
    for (const l of p) {
      if (l.words.length === 0) continue;
      const e = edges.get(l.page) ?? { left: Infinity, right: -Infinity };
      e.left = Math.min(e.left, l.words[0]!.x0);
      e.right = Math.max(e.right, l.words[l.words.length - 1]!.x1);
      edges.set(l.page, e);
    }
  }

  const tables: ExtractedTable[] = [];
  const paras: Para[] = [];
  let t: OpenTable | null = null;
  let tableNo = 0;
  let lastProse: Line | null = null;
  let lastProsePara: Para | null = null;

  const closeRow = (tb: OpenTable): void => {
    if (!tb.cur) return;
    const width = tb.cols.length + tb.virtual.length;
    const cells: Cell[] = [];
    for (let i = 0; i < width; i++) {
      const text = (tb.cur.texts[i] ?? '').trim();
      const conf = tb.cur.conf[i];
      cells.push(text === '' ? null : conf === undefined ? text : ({ text, confidence: conf } satisfies CellInfo));
    }
    tb.cur.row.cells = cells;
    tb.rows.push(tb.cur);
    tb.cur = null;
  };
  const closeTable = (): void => {
    if (!t) return;
    closeRow(t);
    const header: ExtractedRow = {
      index: 1,
      cells: [...t.cols.map((c) => c.heading), ...t.virtual],
      page: t.headerLine.page,
      line: t.headerLine.no,
    };
    const rows: ExtractedRow[] = [];
    // A title line right above the header (a year over a table, "Development plan for 2025") is a title row.
    if (t.titleAbove) rows.push({ index: 0, cells: [t.titleAbove.text], page: t.titleAbove.page, line: t.titleAbove.no });
    rows.push(header);
    for (const r of t.rows) {
      while (r.row.cells.length < header.cells.length) r.row.cells.push(null);
      rows.push(r.row);
    }
    tables.push({ name: `Table ${t.no}`, table: t.no, page: t.headerLine.page, rows, a1Refs: false });
    t = null;
  };

  const pushProse = (l: Line, i: number): void => {
    const prev = lastProse as Line | null;
    // A wrapped line: right under the previous one, which ran to (near) the right edge of the text.
    const e = edges.get(l.page);
    const prevEnd = prev?.words[prev.words.length - 1]?.x1 ?? 0;
    const prevFull = e !== undefined && prevEnd >= e.right - 0.2 * (e.right - e.left);
    const wrapped = prev !== null && prev.page === l.page && prevFull && l.y - prev.y <= (pitchEm + 0.35) * l.size && Math.abs(l.size - prev.size) < 0.5;
    const emphasis = leadingEmphasis(l);
    const labelledChunks = splitLabelledChunks(l);
    const conf = lineConf(l);
    if (labelledChunks.length >= 2) {
      for (const c of labelledChunks) {
        const p: Para = { text: c, kind: 'para', ref: `page ${l.page}, line ${l.no}`, page: l.page, line: l.no };
        if (conf !== undefined) p.confidence = conf;
        paras.push(p);
      }
      lastProse = l;
      lastProsePara = paras[paras.length - 1]!;
      return;
    }
    const kind: Para['kind'] = l.size >= bodySizeAround(all, i) * 1.15 ? 'heading' : 'para';
    const p: Para = { text: l.text, kind, ref: `page ${l.page}, line ${l.no}`, page: l.page, line: l.no };
    if (wrapped && kind === 'para' && (lastProsePara as Para | null)?.kind === 'para') p.wrapped = true;
    if (emphasis !== undefined) p.boldLead = emphasis;
    if (conf !== undefined) p.confidence = conf;
    const twoCol = twoColumnLabel(l);
    if (twoCol) {
      p.label = twoCol.label;
      p.value = twoCol.value;
    }
    paras.push(p);
    lastProse = l;
    lastProsePara = p;
  };

  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    // Inside a table a header can only come at the top of a page, after a gap, or as a line that fits no column
    // (checking every line against the heading synonyms would cost more than the rest of the layout).
    const open = t as OpenTable | null;
    const fitHere = open ? fitLine(open.cols, line) : null;
    const mayBeHeader =
      open === null || line.page !== open.prevLine.page || open.afterRepeat === true || fitHere === null || line.y - open.prevLine.y > (pitchEm * 1.35 + 0.05) * line.size;
    const cols = mayBeHeader ? headerColumns(line) : null;
    if (cols) {
      if (t && sameHeader(t.cols, cols)) {
        // the header repeated on the next page: skip it (and a second header line under it)
        const next = all[i + 1];
        if (next && mergeHeaderLine(cols.map((c) => ({ ...c })), next, line) && t.cols.some((c) => /\s/.test(c.heading))) i++;
        t.prevLine = line;
        t.afterRepeat = true;
        continue;
      }
      closeTable();
      tableNo++;
      const next = all[i + 1];
      const merged = next ? mergeHeaderLine(cols, next, line) : false;
      const lp = lastProse as Line | null;
      const title = lp && lp.page === line.page && line.y - lp.y < 4 * line.size && yearFromTitle(lp.text) !== undefined ? lp : null;
      refineStarts(cols, all.slice(i + (merged ? 2 : 1), i + 41).filter((l) => l.page === line.page));
      t = { cols, headerLine: line, virtual: [], rows: [], cur: null, prevLine: merged ? next! : line, bodySize: line.size, no: tableNo };
      if (title) t.titleAbove = title;
      if (merged) i++;
      continue;
    }
    if (t) {
      const tb: OpenTable = t;
      // After a header repeated on a new page the vertical gap says nothing about rows.
      const samePage = line.page === tb.prevLine.page && tb.afterRepeat !== true;
      const gapY = samePage ? line.y - tb.prevLine.y : null;
      tb.afterRepeat = false;
      // A heading (larger font) ends the table — but not a scanned line right under a row that fits the columns:
      // OCR measures a line's height from its box, which a speck or a descender can stretch (Word/PDF trial 2).
      const ocrUnderRow = lineConf(line) !== undefined && fitHere !== null && gapY !== null && gapY <= (pitchEm + 0.35) * tb.bodySize;
      if (line.size > tb.bodySize * 1.25 && tb.rows.length + (tb.cur ? 1 : 0) > 0 && !ocrUnderRow) {
        closeTable();
        pushProse(line, i);
        continue;
      }
      const under = tb.cur ? underRowLabel(line, tb.cols) : null;
      if (under && tb.cur) {
        let k = tb.virtual.findIndex((v) => v.toLowerCase() === under.label.toLowerCase());
        if (k === -1) {
          tb.virtual.push(under.label);
          k = tb.virtual.length - 1;
        }
        const idx = tb.cols.length + k;
        tb.cur.texts[idx] = joinLine(tb.cur.texts[idx] ?? '', under.value);
        tb.cur.conf[idx] = minConf(tb.cur.conf[idx], lineConf(line));
        tb.cur.virtualOpen = idx;
        tb.cur.lastLine = line;
        tb.prevLine = line;
        continue;
      }
      let fit = fitHere;
      // A scanned line right under a row that fits no column only because of a speck: read it into the row's columns
      // (Word/PDF trial 2: the wrapped end of an activity's name was lost without a gap).
      if (fit === null && tb.cur && lineConf(line) !== undefined && gapY !== null && gapY <= (pitchEm + 0.35) * line.size) {
        fit = fitOcrLineLoosely(tb.cols, line);
      }
      if (tb.cur && tb.cur.virtualOpen !== null) {
        const cont = fit === null || (fit.size <= 1 && (gapY === null || gapY <= (pitchEm + 0.35) * line.size));
        if (cont && (fit === null || gapY === null || gapY <= (pitchEm + 0.35) * line.size)) {
          const idx = tb.cur.virtualOpen;
          tb.cur.texts[idx] = joinLine(tb.cur.texts[idx] ?? '', line.text);
          tb.cur.conf[idx] = minConf(tb.cur.conf[idx], lineConf(line));
          tb.cur.lastLine = line;
          tb.prevLine = line;
          continue;
        }
      }
      if (fit === null || fit.size === 0) {
        closeTable();
        pushProse(line, i);
        continue;
      }
      // A lone short line after a wide gap, followed by a header or by prose: a title between tables.
      if (gapY !== null && gapY > 2.5 * pitchEm * line.size && fit.size === 1) {
        const next = all[i + 1];
        const nextIsHeader = next ? headerColumns(next) !== null : true;
        const nextFits = next && !nextIsHeader ? fitLine(tb.cols, next) !== null : false;
        if (nextIsHeader || !nextFits) {
          closeTable();
          pushProse(line, i);
          continue;
        }
      }
      // (Map.forEach, not for…of: no iterator and entry array per cell; this runs for every line of a table)
      const texts = new Map<number, string>();
      fit.forEach((ws, k) => texts.set(k, textOf(ws)));
      let newRow = tb.cur === null;
      if (!newRow && tb.cur) {
        const cur = tb.cur;
        if (gapY !== null && gapY > (pitchEm * 1.35 + 0.05) * line.size) {
          // In a table whose every row begins with a date, an undated line under a row continues it unless the gap
          // is wide: scanned lines sit unevenly, and a wrapped cell's second line became a row of its own, taking
          // the next activity's first line with it (Word/PDF trial 2).
          const dateCol = tb.undatedRow === true ? -1 : dateColumn(tb.cols);
          const wrapped = dateCol >= 0 && cur.firstCols.has(dateCol) && !texts.has(dateCol) && gapY <= 2.5 * pitchEm * line.size;
          if (!wrapped) newRow = true;
        }
        texts.forEach((text, k) => {
          const f = tb.cols[k]!.field;
          if (f && SINGLE_LINE.has(f) && (cur.texts[k] ?? '').trim() !== '' && !continuesValue(cur.texts[k]!, text)) newRow = true;
        });
        if (cur.virtualOpen !== null && texts.size >= 2) newRow = true;
        // Without a vertical gap to go by (top of a page): a line filling most of the row's first-line columns.
        if (!newRow && gapY === null && texts.size >= 2 && texts.size >= cur.firstCols.size * 0.6) {
          const leftmost = Math.min(...cur.firstCols);
          if (texts.has(leftmost)) newRow = true;
        }
      }
      if (newRow) {
        closeRow(tb);
        const row: ExtractedRow = { index: tb.rows.length + 2, cells: [], page: line.page, line: line.no };
        const n = tb.cols.length + tb.virtual.length;
        tb.cur = { row, texts: new Array<string>(n).fill(''), conf: new Array<number | undefined>(n).fill(undefined), firstCols: new Set(texts.keys()), lastLine: line, virtualOpen: null };
        const dateCol = dateColumn(tb.cols);
        if (dateCol >= 0 && !texts.has(dateCol)) tb.undatedRow = true;
      }
      const cur = tb.cur!;
      fit.forEach((ws, k) => {
        cur.texts[k] = joinLine(cur.texts[k] ?? '', texts.get(k)!);
        cur.conf[k] = minConf(cur.conf[k], wordsConf(ws));
      });
      cur.virtualOpen = null;
      cur.lastLine = line;
      tb.prevLine = line;
      continue;
    }
    pushProse(line, i);
  }
  closeTable();
  return { tables, paras };
}

function sameHeader(a: readonly Column[], b: readonly Column[]): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const bs = b.map((c) => norm(c.heading));
  // the repeat may be a one-line form of a two-line header: compare by prefix
  return a.length === b.length && a.every((c, i) => norm(c.heading).startsWith(bs[i]!));
}

/** Median font size of the lines around index i (the body text size). */
function bodySizeAround(all: readonly Line[], i: number): number {
  const sizes: number[] = [];
  for (let k = Math.max(0, i - 15); k < Math.min(all.length, i + 15); k++) sizes.push(all[k]!.size);
  return percentile(sizes, 0.5, all[i]!.size);
}

/** The label of a line whose first words (ending with ':') are set in another font than the rest (bold label). */
function leadingEmphasis(l: Line): string | undefined {
  const k = l.words.findIndex((w) => /[:：]$/.test(w.text));
  if (k < 0 || k > 6 || k + 1 >= l.words.length) return undefined;
  const f = l.words[0]!.font;
  if (f === undefined) return undefined;
  for (let j = 0; j <= k; j++) if (l.words[j]!.font !== f) return undefined;
  if (l.words[k + 1]!.font === f) return undefined;
  return textOf(l.words.slice(0, k + 1));
}

/** Several `Label: value` pairs side by side on one line ("Date: 12/03/2024     Hours: 3"). */
function splitLabelledChunks(l: Line): string[] {
  const cs = chunks(l.words);
  if (cs.length < 2) return [];
  const groups: string[] = [];
  let labelled = 0;
  for (const c of cs) {
    const t = textOf(c);
    if (splitLabel(t) !== null) {
      labelled++;
      groups.push(t);
    } else if (groups.length > 0) groups[groups.length - 1] += ` ${t}`;
    else groups.push(t);
  }
  return labelled >= 2 ? groups : [];
}

/** A label and its value set apart by a wide gap, without a colon ("Activity      Safety course"). */
function twoColumnLabel(l: Line): { label: string; value: string } | null {
  const cs = chunks(l.words);
  if (cs.length < 2) return null;
  const label = textOf(cs[0]!);
  if (/[:：]/.test(label) || label.length > 40) return null;
  if (labelField(label) === null) return null;
  return { label, value: cs.slice(1).map(textOf).join(' ') };
}

/**
 * Lays out pages of positioned text: lines, furniture removed, tables rebuilt, the rest as paragraphs.
 * @param pages items per page (points, origin top-left)
 */
/**
 * A page set in two columns of text (a newsletter, a profile): the lines read left column first, then the right
 * one, band by band between the lines that run across both (titles, footers). Returns the lines as they are when
 * the page has no such gutter. A gutter: an x position that falls in a gap of at least 2 em on six or more lines
 * and inside no word, where the text on each side is prose (lines of four or more words, mostly); a page with a
 * table header is a table, whatever its gaps. (Word/PDF trial 2: a two-column page was read across the columns,
 * joining two activities into one.)
 */
function readColumns(lines: Line[]): Line[] {
  if (lines.length < 6) return lines;
  const gaps: Array<[number, number]> = [];
  for (const l of lines) {
    for (let k = 1; k < l.words.length; k++) {
      const a = l.words[k - 1]!;
      const b = l.words[k]!;
      if (b.x0 - a.x1 >= 2 * Math.max(a.size, b.size)) gaps.push([a.x1, b.x0]);
    }
  }
  if (gaps.length < 6) return lines;
  // The x covered by the most gaps (a sweep over the gaps' ends).
  const events = gaps.flatMap(([a, b]): Array<[number, number]> => [[a, 1], [b, -1]]).sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  let depth = 0;
  let best = 0;
  let at = 0;
  for (let e = 0; e < events.length; e++) {
    depth += events[e]![1];
    if (depth > best && e + 1 < events.length) {
      best = depth;
      at = (events[e]![0] + events[e + 1]![0]) / 2;
    }
  }
  if (best < 6) return lines;
  const crosses = (l: Line): boolean => l.words.some((w) => w.x0 < at && w.x1 > at);
  const left = (l: Line): Word[] => l.words.filter((w) => w.x1 <= at);
  const right = (l: Line): Word[] => l.words.filter((w) => w.x0 >= at);
  const inBand = lines.filter((l) => !crosses(l));
  const wordy = (ws: Word[]): boolean => ws.length >= 4;
  const lefts = inBand.map(left).filter((ws) => ws.length > 0);
  const rights = inBand.map(right).filter((ws) => ws.length > 0);
  if (lefts.length < 3 || rights.length < 3 || lefts.filter(wordy).length * 2 < lefts.length || rights.filter(wordy).length * 2 < rights.length) return lines;
  if (lines.some((l) => headerColumns(l) !== null)) return lines;
  const out: Line[] = [];
  let band: Line[] = [];
  const part = (l: Line, ws: Word[]): Line => ({ ...l, words: ws, text: textOf(ws), size: medianSize(ws) });
  const flush = (): void => {
    for (const l of band) if (left(l).length > 0) out.push(part(l, left(l)));
    for (const l of band) if (right(l).length > 0) out.push(part(l, right(l)));
    band = [];
  };
  for (const l of lines) {
    if (crosses(l)) {
      flush();
      out.push(l);
    } else band.push(l);
  }
  flush();
  return out;
}

export function layoutPages(pages: readonly PageItems[]): Layout {
  const withLines = pages.map((p) => ({ page: p.page, width: p.width, height: p.height, lines: pageLines(p) }));
  const lineCount = withLines.reduce((n, p) => n + p.lines.length, 0);
  const furniture = removeFurniture(withLines);
  const { tables, paras } = buildTables(furniture.kept.map(readColumns));
  const text = furniture.kept.map((ls) => ls.map((l) => l.text).join('\n')).join('\n');
  return { tables, paras, gaps: furniture.gaps, furnitureYears: furniture.years, text, lineCount };
}
