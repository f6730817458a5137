/**
 * Table headers in positioned text (PDF text layer, OCR): which lines are a column header, and the columns they
 * name (issue 3 §2; issue 9 §6 for labels over several lines).
 *
 * Rules (docs/domain/CPD.md §5 headings, §8 "PDF: exported reports with a column table repeated per page"):
 * - a header line: its gap-separated chunks are at least two known headings (docs/domain/CPD.md §5) including a
 *   name, date or hours heading, covering ≥ 60% of its headings; "Label: value" lines and data (dates, numbers)
 *   are not headings;
 * - labels wrapped over two or three lines are one header: the lines right under the first one (same page, same
 *   size, at most 1.7 em apart, no digits, in the first line's fonts when fonts are known) add their chunks to the
 *   heading they lie under (x-overlap; a chunk under no heading starts one, as in a bottom-aligned header), joined
 *   with spaces ("Number of" / "participatory" / "hours" → "Number of participatory hours"). A line is taken only
 *   when no heading gets two chunks from it and every heading that was already known still reads as a heading;
 *   of the headers so found (one, two or three lines) the one naming most fields wins, the longer on a tie.
 * - the same header printed again (next page) is recognised by {@link sameHeader}.
 * All geometry in points; `size` is the font size (≈ 1 em).
 */
import type { RecordField } from '../../domain/index.js';
import { matchHeading, normaliseHeading, type HeadingMatch } from '../headings.js';
import { chunks, textOf, type Line, type Word } from './lines.js';

/** A column named by a header: its heading text, the heading's x-extent (points) and the field it names. */
export interface Column {
  heading: string;
  x0: number;
  x1: number;
  field: RecordField | null;
}

/** A header found at some line: its columns and the lines it was read from (one to {@link MAX_HEADER_LINES}). */
export interface Header {
  cols: Column[];
  lines: Line[];
}

/** Most lines one header's labels are wrapped over (issue 9 §6: "header labels over two or three lines"). */
export const MAX_HEADER_LINES = 3;

/** Fields whose heading makes a row of headings a header (as in the mapper). */
const ANCHORS: ReadonlySet<RecordField> = new Set(['activityName', 'startDate', 'endDate', 'targetDate', 'hours']);
/** A date or a bare number: data, not a heading. */
export const DATA_LIKE = /^[\d\s.,:/–-]+$|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;

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

/** The field a heading text names (the first of its candidates), or null. */
function fieldOf(text: string): RecordField | null {
  return headingMemo(text)?.fields[0] ?? null;
}

/** A heading matched by a synonym or a close misspelling of one (not only by reading its words). */
function bySynonym(m: HeadingMatch | null): boolean {
  return m !== null && (m.how === 'synonym' || m.how === 'fuzzy');
}

/**
 * Heading phrases of a chunk (headings set closer than 0.8 em run into one chunk): the whole chunk when it is a
 * known heading; else its words split into the fewest consecutive phrases that each are a synonym as written
 * ("Hours Reflection" → "Hours", "Reflection"; a misspelling never splits: "Credit type" stays whole) — when the whole chunk is known only by its words, a split naming two or more fields;
 * else the whole chunk as one heading, known by its words or unknown ("Date finished").
 */
function headingParts(ws: Word[]): Array<{ words: Word[]; field: RecordField | null }> {
  const whole = headingMemo(textOf(ws));
  // (A synonym that is only the chunk's start — "Planned hours" of "Planned hours Target" — may be two headings run
  // together: the split below decides.)
  const exactWhole = bySynonym(whole) && (whole!.how === 'fuzzy' || whole!.synonym === normaliseHeading(textOf(ws)));
  if (exactWhole || ws.length === 1) return [{ words: ws, field: whole ? whole.fields[0]! : null }];
  const n = ws.length;
  const best: Array<Array<{ words: Word[]; field: RecordField | null }> | null> = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 5); j < i; j++) {
      const prev = best[j];
      if (!prev) continue;
      const part = ws.slice(j, i);
      // Never split at a joiner: "Notes / reflection", "Date & time", "Hours of CPD" are one heading each.
      if ((j > 0 && JOINER_START_RE.test(part[0]!.text)) || JOINER_END_RE.test(part[part.length - 1]!.text)) continue;
      const text = textOf(part);
      const m = headingMemo(text);
      // A phrase cut out of a longer chunk must be a synonym as written, whole: a close misspelling of one word is
      // too weak to split a heading ("Credit type" is no "Credits" + "Type"), and a phrase that only starts with one
      // may be two ("Planned hours Target").
      if (m === null || m.how !== 'synonym' || m.synonym !== normaliseHeading(text)) continue;
      const cand = [...prev, { words: part, field: m.fields[0]! }];
      if (!best[i] || cand.length < best[i]!.length) best[i] = cand;
    }
  }
  const split = best[n];
  // A heading read by its words (or by its first words) stays whole unless its phrases name different fields
  // ("Course / event title" is one heading, "Hours Reflection" and "Planned hours Target" two).
  if (split && (whole === null || new Set(split.map((p) => p.field)).size >= 2)) return split;
  return [{ words: ws, field: whole ? whole.fields[0]! : null }];
}

/** Words that join the words around them into one heading: a phrase never starts or ends with one. */
const JOINER_START_RE = /^(?:[/&+|,–-]|and|or|of)$|^[/&+|]/i;
const JOINER_END_RE = /[/&+|,–-]$|^(?:and|or|of|the|a)$/i;

/** A heading cell being assembled from one or more lines: its words per line, top to bottom. */
interface Cell {
  parts: string[];
  x0: number;
  x1: number;
  field: RecordField | null;
  /** The words of its first line (while it has only that line): where it may be split. */
  words?: readonly Word[];
}

/** The heading cells of a line that reads as a row of headings (no data, no `Label: value`), or null. */
function firstLineCells(line: Line): Cell[] | null {
  const cs = chunks(line.words);
  if (cs.length < 2 && line.words.length < 2) return null;
  // "Type:   Training course" is a label and its value (a form), not two headings.
  if (/[:：]$/.test(textOf(cs[0]!)) && cs.length <= 2) return null;
  for (const c of cs) {
    const t = textOf(c);
    // (A colon inside brackets is a unit's format, not a label's: "Time (h:mm)", "Duration (hh:mm)".)
    if (DATA_LIKE.test(t) || /:\s*\S/.test(t.replace(/\([^)]*\)/g, ''))) return null;
    // A long chunk is a heading only when it reads as one and is no sentence: forms head a column with a question
    // or a phrase ("What I learnt / how it changed my practice"; PDF trial 6: a pharmacist's log lost its table).
    if ((t.length > 48 || c.length > 8) && (t.length > 90 || c.length > 14 || /[.!]$/.test(t) || headingMemo(t) === null)) return null;
  }
  const cells: Cell[] = [];
  for (const c of cs) {
    for (const part of headingParts(c)) {
      cells.push({ parts: [textOf(part.words).replace(/:$/, '')], x0: part.words[0]!.x0, x1: part.words[part.words.length - 1]!.x1, field: part.field, words: part.words });
    }
  }
  return cells;
}

/** Columns of heading cells when they make a header (see the module comment), else null. Also the number of fields named. */
function qualify(cells: readonly Cell[]): { cols: Column[]; matched: number } | null {
  if (cells.length < 2) return null;
  const fields = new Set<RecordField>();
  let matched = 0;
  for (const c of cells) {
    if (c.field === null) continue;
    matched++;
    fields.add(c.field);
  }
  if (fields.size < 2 || matched * 10 < cells.length * 6) return null;
  let anchor = false;
  for (const f of fields) if (ANCHORS.has(f)) anchor = true;
  if (!anchor) return null;
  return { cols: cells.map((c) => ({ heading: c.parts.join(' '), x0: c.x0, x1: c.x1, field: c.field })), matched };
}

/** The columns of a single header line, or null when the line is no header (see the module comment). */
export function headerColumns(line: Line): Column[] | null {
  const cells = firstLineCells(line);
  return cells ? qualify(cells)?.cols ?? null : null;
}

/** True when every word of `line` is set in one of the fonts of `first` (or fonts are unknown, as in OCR). */
function sameFonts(first: Line, line: Line): boolean {
  const fonts = new Set<string>();
  for (const w of first.words) if (w.font !== undefined) fonts.add(w.font);
  if (fonts.size === 0) return true;
  for (const w of line.words) if (w.font !== undefined && !fonts.has(w.font)) return false;
  return true;
}

/**
 * Adds a wrapped line of labels to the heading cells (a copy; null when the line does not continue them: see the
 * module comment). Each chunk goes to the cell it overlaps; a chunk over two cells is split word by word.
 */
function continueCells(cells: readonly Cell[], line: Line): Cell[] | null {
  const out: Cell[] = cells.map((c) => ({ ...c, parts: [...c.parts] }));
  const added = new Set<Cell>();
  /**
   * Two headings set so close on the first line that they ran into one chunk ("Number of  Number of" over "hours" and
   * "participatory"): a second chunk of this line under a cell that already took one splits the cell's first-line
   * words where that chunk starts, and the right part becomes a heading of its own. Null when no word ends before it.
   */
  const split = (cell: Cell, x: number): Cell | null => {
    const ws = cell.words;
    if (ws === undefined || cell.parts.length !== 2) return null;
    const left = ws.filter((w) => w.x1 <= x);
    const right = ws.filter((w) => w.x1 > x);
    if (left.length === 0 || right.length === 0) return null;
    cell.parts = [textOf(left), cell.parts[1]!];
    cell.x1 = Math.max(left[left.length - 1]!.x1, addedEnd.get(cell) ?? -Infinity);
    cell.words = left;
    const r: Cell = { parts: [textOf(right)], x0: right[0]!.x0, x1: right[right.length - 1]!.x1, field: fieldOf(textOf(right)), words: right };
    out.splice(out.indexOf(cell) + 1, 0, r);
    return r;
  };
  /** Right edge of the chunk each cell took from this line. */
  const addedEnd = new Map<Cell, number>();
  const add = (target: Cell, ws: readonly Word[]): boolean => {
    if (added.has(target)) return false;
    added.add(target);
    addedEnd.set(target, ws[ws.length - 1]!.x1);
    target.parts.push(textOf(ws));
    target.x0 = Math.min(target.x0, ws[0]!.x0);
    target.x1 = Math.max(target.x1, ws[ws.length - 1]!.x1);
    return true;
  };
  const overlap = (c: Cell, x0: number, x1: number): number => Math.min(c.x1, x1) - Math.max(c.x0, x0);
  const fresh: Cell[] = [];
  for (const c of chunks(line.words)) {
    const t = textOf(c);
    if (t.length > 48 || c.length > 8 || /\d/.test(t)) return null;
    const under = out.filter((cell) => overlap(cell, c[0]!.x0, c[c.length - 1]!.x1) > 0);
    if (under.length === 0) {
      // Under no heading of the lines above: a heading of its own (labels aligned to the bottom of their cells).
      fresh.push({ parts: [t], x0: c[0]!.x0, x1: c[c.length - 1]!.x1, field: null });
      continue;
    }
    if (under.length === 1) {
      if (added.has(under[0]!)) {
        const right = split(under[0]!, c[0]!.x0);
        if (right === null || !add(right, c)) return null;
        continue;
      }
      if (!add(under[0]!, c)) return null;
      continue;
    }
    // A chunk under two headings (tightly set labels): each word to the heading it overlaps most, in order.
    let group: Word[] = [];
    let target: Cell | null = null;
    for (const w of c) {
      let best: Cell | null = null;
      let bestOv = 0;
      for (const cell of under) {
        const ov = overlap(cell, w.x0, w.x1);
        if (ov > bestOv) {
          bestOv = ov;
          best = cell;
        }
      }
      const to: Cell | null = best ?? target;
      if (to !== target && target !== null) {
        if (!add(target, group)) return null;
        group = [];
      }
      target = to;
      group.push(w);
    }
    if (target === null || !add(target, group)) return null;
  }
  for (const c of out) {
    if (!added.has(c)) continue;
    const joined = c.parts.join(' ');
    const f = fieldOf(joined);
    // A heading that was already known must still read as one ("Hours" + "claimed"; not "Type" + "Course").
    if (c.field !== null && f === null) return null;
    c.field = f;
  }
  for (const c of fresh) c.field = fieldOf(c.parts[0]!);
  return fresh.length === 0 ? out : [...out, ...fresh].sort((a, b) => a.x0 - b.x0);
}

/**
 * The header starting at `all[i]`, over one to {@link MAX_HEADER_LINES} lines (see the module comment), or null.
 * @param all lines in reading order (pages concatenated; a header never spans a page break)
 * @returns the columns (x-extents in points over all the header's lines) and the lines read
 */
export function findHeader(all: readonly Line[], i: number): Header | null {
  const first = all[i]!;
  let cells = firstLineCells(first);
  if (cells === null) return null;
  const one = qualify(cells);
  let best: { cols: Column[]; matched: number; n: number } | null = one ? { ...one, n: 1 } : null;
  let prev = first;
  for (let k = 1; k < MAX_HEADER_LINES && i + k < all.length; k++) {
    const line = all[i + k]!;
    const dy = line.y - prev.y;
    if (line.page !== first.page || dy < 0.5 * first.size || dy > 1.7 * first.size) break;
    if (Math.abs(line.size - first.size) > 0.15 * first.size || !sameFonts(first, line)) break;
    const next = continueCells(cells, line);
    if (next === null) break;
    cells = next;
    prev = line;
    const q = qualify(cells);
    if (q && (best === null || q.matched >= best.matched)) best = { ...q, n: k + 1 };
  }
  return best ? { cols: best.cols, lines: all.slice(i, i + best.n) } : null;
}

/**
 * The columns of a sheet printed "down, then over", continued on a later page: at `all[i]`, a row of headings (two or
 * more, most of them known, in one line) naming only fields that `cols` — the table on the pages before — does
 * not have, and no anchor of its own (a name, date or hours column would start a table of its own). E.g. page 1
 * "Date | Activity | TWAVES | Hours", page 2 "Description | Reflection | UK-SPEC" for the same rows. Null otherwise.
 */
export function continuedColumns(all: readonly Line[], i: number, cols: readonly Column[]): Column[] | null {
  const cells = firstLineCells(all[i]!);
  if (cells === null || cells.length < 2) return null;
  const have = new Set(cols.map((c) => c.field).filter((f) => f !== null));
  let known = 0;
  for (const c of cells) {
    if (c.field === null) continue;
    if (ANCHORS.has(c.field) || have.has(c.field)) return null;
    known++;
  }
  if (known < 2 || known * 10 < cells.length * 6) return null;
  return cells.map((c) => ({ heading: c.parts.join(' '), x0: c.x0, x1: c.x1, field: c.field }));
}

/**
 * True when header `b` repeats header `a` (a report printing its header on every page): the same number of
 * columns, each of `a`'s headings starting with `b`'s (letters and digits only; a repeat may be cut shorter).
 */
export function sameHeader(a: readonly Column[], b: readonly Column[]): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const bs = b.map((c) => norm(c.heading));
  return a.length === b.length && a.every((c, i) => norm(c.heading).startsWith(bs[i]!));
}
