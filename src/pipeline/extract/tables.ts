/**
 * Lines → column tables and prose paragraphs (issue 3 §2–3, issue 9 §6), for PDF text layers and OCR output after
 * page furniture is removed (layout.ts).
 *
 * Rules (docs/domain/CPD.md §8 "PDF: exported reports with a column table repeated per page, wrapped cells"):
 * - a header (table-header.ts: one line, or labels wrapped over two or three lines) opens a table; column regions
 *   start at each heading's left edge, moved into the gutters of the data under it (columns.ts);
 * - the same header again (next page) is skipped; a different one starts a new table;
 * - rows on later pages belong to the table whose header came last, whether or not the header is printed again,
 *   each row with its own page and line; a page whose text sits a little to the left or right of the header
 *   page's (mirrored margins, a scan) is read with the columns moved by as much (up to 1 em);
 * - a data line belongs to the table when each of its chunks falls in one column region; it starts a new row
 *   after a vertical gap over 1.35 × the line pitch, when it writes a second value into a date, hours or other
 *   one-value column (a range broken after "–" or "to", or words wrapped in a narrow column — the next line
 *   starting with a small letter — continue), or — first on a new page — unless it reads as the rest of a row cut
 *   by the page break (page-break.ts); otherwise it continues the open row (wrapped cells);
 * - a `Label: value` line under a row ("Reflection: …" across the table) becomes that row's value in an extra
 *   column headed by the label; its wrapped lines follow it;
 * - a larger font, a line that fits no column, or a lone short line after a wide gap ends the table — except
 *   lines that fit no column between the table's rows on two pages ("Continued overleaf"); such lines, and all
 *   lines outside tables, become paragraphs for the labelled-block reader (prose.ts; nothing is dropped).
 */
import type { RecordField } from '../../domain/index.js';
import { yearFromTitle } from '../map.js';
import { parseDate } from '../normalise/dates.js';
import type { Cell, CellInfo, ExtractedRow, ExtractedTable } from '../types.js';
import { splitLabel, type Para } from './blocks.js';
import { dateColumn, fitLine, fitOcrLineLoosely, refineStarts, shiftColumns } from './columns.js';
import { chunks, textOf, type Line, type Word } from './lines.js';
import { continuesAcrossPage } from './page-break.js';
import { ProseLines } from './prose.js';
import { continuedColumns, findHeader, sameHeader, type Column } from './table-header.js';

/** Fields that are one short value: a second value on the next line means a new row. */
const SINGLE_LINE: ReadonlySet<RecordField> = new Set(['startDate', 'endDate', 'targetDate', 'hours', 'twaves', 'status']);
/** Date fields: a row's key columns (each row has its own date; a line with one is no continuation). */
const DATE_FIELDS: ReadonlySet<RecordField> = new Set(['startDate', 'endDate', 'targetDate']);

interface OpenRow {
  row: ExtractedRow;
  texts: string[];
  conf: Array<number | undefined>;
  firstCols: Set<number>;
  lastLine: Line;
  virtualOpen: number | null;
  /** Columns with text on the row's last line (none after a `Label: value` line under the row). */
  lastCols: Set<number>;
  /** Per column, the right edge of the row's text on its last line there (x relative to the page's shift). */
  ends: Array<number | undefined>;
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
  /** Per column, the rightmost x of any text read in it (relative to its page's shift): the wrap width. */
  widest: Array<number | undefined>;
  /** Column indexes of date columns (the key columns of a row). */
  keyCols: number[];
  /** Columns moved by a page's shift, per page (pages without a shift use `cols`). */
  pageCols: Map<number, Column[]>;
  /** This table holds further columns of `continues`, printed on the pages after it (a wide sheet printed down, then over). */
  continues?: ExtractedTable;
  /**
   * For continued columns: the smallest gap between two consecutive lines under the header on its page (points), the
   * pitch of a wrapped cell's lines; undefined when the lines are evenly spaced (each line a row).
   */
  tightest?: number;
}

/**
 * A value broken over lines continues: a range or list ("05/02/2024 –" / "09/02/2024", "A1," / "B2"), or words
 * wrapped in a narrow column ("Work" / "experience", "1.5" / "hours": the next line starts with a small letter).
 */
function continuesValue(prev: string, next: string): boolean {
  return /([-–—,&+/]|\bto|\band|\buntil)\s*$/i.test(prev) || /^\s*([-–—]|to\b|until\b)/i.test(next) || /^\s*\p{Ll}/u.test(next);
}

/**
 * A date wrapped in a narrow cell: "17th–18th Mar" / "2026", "12 March" / "2026". The line before gives no year and
 * the two lines read together as a date with one. (Trial 3: the year became a row of its own, and took the wrapped
 * end of the activity's name with it.)
 */
function completesDate(field: RecordField, prev: string, next: string): boolean {
  if (!DATE_FIELDS.has(field) || /\b(19|20)\d\d\b/.test(prev) || next.length > 20) return false;
  const d = parseDate(`${prev.trim()} ${next.trim()}`, { order: 'dmy' });
  return d.ok && d.yearInferred !== true;
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
 * Whether a line fitted to the open table starts a new row rather than going on with the open one (see the module
 * comment). `gapY`: its distance below the table's previous line, null when it is the first on a new page.
 */
function startsRow(tb: OpenTable, cur: OpenRow, fit: ReadonlyMap<number, Word[]>, texts: ReadonlyMap<number, string>, gapY: number | null, line: Line, pitchEm: number): boolean {
  let newRow = false;
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
    if (f && SINGLE_LINE.has(f) && (cur.texts[k] ?? '').trim() !== '' && !continuesValue(cur.texts[k]!, text) && !completesDate(f, cur.texts[k]!, text)) newRow = true;
  });
  if (cur.virtualOpen !== null && texts.size >= 2) newRow = true;
  // First on a new page (no vertical gap to go by): the rest of a row cut by the page break, or a new row.
  if (!newRow && gapY === null && cur.virtualOpen === null && !continuesAcrossPage(fit, cur, tb.widest, tb.keyCols)) newRow = true;
  return newRow;
}

/** Closes the open row (if any) and opens one at `line`, whose cells are `texts`. */
function openRow(tb: OpenTable, line: Line, texts: ReadonlyMap<number, string>): void {
  closeRow(tb);
  const row: ExtractedRow = { index: tb.rows.length + 2, cells: [], page: line.page, line: line.no };
  const n = tb.cols.length + tb.virtual.length;
  tb.cur = {
    row,
    texts: new Array<string>(n).fill(''),
    conf: new Array<number | undefined>(n).fill(undefined),
    firstCols: new Set(texts.keys()),
    lastLine: line,
    virtualOpen: null,
    lastCols: new Set(),
    ends: [],
  };
  const dateCol = dateColumn(tb.cols);
  if (dateCol >= 0 && !texts.has(dateCol)) tb.undatedRow = true;
}

/**
 * Adds a line's cells to the open row and notes where each ended (`shift`: the page's sideways shift, taken off
 * x positions so that they compare across pages).
 */
function addToRow(tb: OpenTable, cur: OpenRow, fit: ReadonlyMap<number, Word[]>, texts: ReadonlyMap<number, string>, shift: number): void {
  cur.lastCols = new Set();
  // (Map.forEach, not for…of: no iterator and entry array per cell; this runs for every line of a table)
  fit.forEach((ws, k) => {
    cur.texts[k] = joinLine(cur.texts[k] ?? '', texts.get(k)!);
    cur.conf[k] = minConf(cur.conf[k], wordsConf(ws));
    const end = ws[ws.length - 1]!.x1 - shift;
    cur.lastCols.add(k);
    cur.ends[k] = end;
    if (!(end <= (tb.widest[k] ?? -Infinity))) tb.widest[k] = end;
  });
}

/** Most characters of a section line across a table. */
const MAX_SECTION_CHARS = 60;

/**
 * True when `all[i]`, a line that fits none of the table's columns, is a section title across it: one run of words
 * (no gap wider than a space), short, starting at the table's left edge (the caller asks it on the page of the
 * table's last line only: a note at the head of the next page is no section), with the next line on the page within
 * 2.5 line pitches filling two or more of the table's columns (a row of the section).
 */
function isSectionLine(all: readonly Line[], i: number, tb: OpenTable, cols: readonly Column[], pitchEm: number): boolean {
  const line = all[i]!;
  if (line.text.length > MAX_SECTION_CHARS || line.words.length === 0 || chunks(line.words).length !== 1) return false;
  if (Math.abs(line.words[0]!.x0 - cols[0]!.x0) > 1.5 * line.size) return false;
  const next = all[i + 1];
  if (next === undefined || next.page !== line.page || next.y - line.y > 2.5 * pitchEm * line.size + line.size) return false;
  const fit = fitLine(cols, next);
  return fit !== null && fit.size >= 2 && tb.cols.length >= 3;
}

/** Ends the open row: its texts become cells (OCR confidence kept). */
function closeRow(tb: OpenTable): void {
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
}

/**
 * True when a line fitted to a table puts two or more gap-separated chunks into one column: it has more cells than
 * the table has columns there, so it is no row of that table — most often the header of the next table, set under
 * a narrower one (a summary box of totals above the activity table, Word/PDF trial 2) — and is checked as a header.
 */
function crowded(fit: ReadonlyMap<number, Word[]>, line: Line): boolean {
  return chunks(line.words).length > fit.size;
}

/** Line pitch and text edges of the pages: what tells a wrapped line from a new paragraph or row. */
export interface PageGeometry {
  /** Line pitch in em: a low percentile of the gaps between consecutive lines on a page (within-cell spacing). */
  pitchEm: number;
  /** Per page, the left and right edges of its text (points). */
  edges: Map<number, { left: number; right: number }>;
}

/** {@link PageGeometry} of the pages' lines (furniture removed). */
function pageGeometry(pages: ReadonlyArray<readonly Line[]>): PageGeometry {
  const gaps: number[] = [];
  for (const p of pages) for (let i = 1; i < p.length; i++) {
    const g = p[i]!.y - p[i - 1]!.y;
    if (g >= 0.9 * p[i]!.size && g <= 2.6 * p[i]!.size) gaps.push(g / p[i]!.size);
  }
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
  return { pitchEm: percentile(gaps, 0.2, 1.2), edges };
}

/**
 * Rebuilds tables and paragraphs from the pages' lines (furniture already removed).
 * @returns tables (`a1Refs: false`, rows with page and line), prose paragraphs, and title lines seen right
 *   above a table header (their year dates that table, docs/domain/CPD.md §8).
 */
export function buildTables(pages: ReadonlyArray<Line[]>): { tables: ExtractedTable[]; paras: Para[]; notes: string[] } {
  const all: Line[] = pages.flat();
  const geo = pageGeometry(pages);
  const { pitchEm, edges } = geo;

  /**
   * How far a page's text sits right (+) or left (−) of the header page's: the difference of their left text
   * edges, when under 1 em (mirrored margins, a scan fed in askew); else 0 (a page that starts further in is not
   * shifted, it just has no text at the margin).
   */
  const shiftOf = (tb: OpenTable, page: number): number => {
    const a = edges.get(tb.headerLine.page)?.left;
    const b = edges.get(page)?.left;
    if (a === undefined || b === undefined || page === tb.headerLine.page) return 0;
    const d = b - a;
    return Math.abs(d) >= 0.5 && Math.abs(d) <= tb.bodySize ? d : 0;
  };
  /** The table's columns as they sit on `page`. */
  const colsOn = (tb: OpenTable, page: number): Column[] => {
    let c = tb.pageCols.get(page);
    if (c === undefined) {
      const d = shiftOf(tb, page);
      c = d === 0 ? tb.cols : shiftColumns(tb.cols, d);
      tb.pageCols.set(page, c);
    }
    return c;
  };

  /**
   * True when all[i], a line that fits no column, lies between a table's rows on two pages: the table goes on
   * on a later page than its last row — its header printed again, a line filling two or more of its columns, or
   * the rest of the open row — after at most three such lines (notes at the foot of one page and the head of the
   * next: "Continued overleaf").
   */
  const betweenPages = (i: number, tb: OpenTable): boolean => {
    for (let k = i + 1; k < all.length && k <= i + 3; k++) {
      const next = all[k]!;
      const fit = fitLine(colsOn(tb, next.page), next);
      if (fit === null || fit.size === 0) continue;
      if (next.page === tb.prevLine.page) return false;
      const header = findHeader(all, k);
      if (header !== null) return sameHeader(tb.cols, header.cols);
      return fit.size >= 2 || (tb.cur !== null && continuesAcrossPage(fit, tb.cur, tb.widest, tb.keyCols));
    }
    return false;
  };

  const tables: ExtractedTable[] = [];
  /** Notes on columns read as the continuation of a table on earlier pages. */
  const continuedNotes: string[] = [];
  let t: OpenTable | null = null;
  let tableNo = 0;
  const prose = new ProseLines(all, geo);

  const closeTable = (): void => {
    if (!t) return;
    closeRow(t);
    const base = t.continues;
    if (base !== undefined) {
      // Columns continued on a later page: each of its rows is the row of the table it continues that sits at the
      // same height on its page (a sheet's rows keep their heights on every page it is printed over).
      const baseRows = base.rows.filter((r) => r.index >= 2);
      const cont = t.rows;
      if (cont.length > 0 && cont.length === baseRows.length) {
        const header = base.rows.find((r) => r.index === 1)!;
        const width = header.cells.length;
        const extra = t.cols.length + t.virtual.length;
        header.cells.push(...t.cols.map((c) => c.heading), ...t.virtual);
        baseRows.forEach((r) => {
          while (r.cells.length < width) r.cells.push(null);
          for (let c = 0; c < extra; c++) r.cells.push(null);
        });
        cont.forEach((r, k) => {
          const target = baseRows[k]!;
          for (let c = 0; c < extra; c++) target.cells[width + c] = r.row.cells[c] ?? null;
        });
        continuedNotes.push(`columns ${t.cols.map((c) => `"${c.heading}"`).join(', ')} on page ${t.headerLine.page} continue the rows of the table on page ${base.page ?? '?'} (a wide sheet printed down, then over): read as further columns of its ${baseRows.length} rows`);
        t = null;
        return;
      }
      // Rows that do not pair with the table's one for one: a table of its own, said so.
      tableNo++;
      t.no = tableNo;
      continuedNotes.push(`columns ${t.cols.map((c) => `"${c.heading}"`).join(', ')} on page ${t.headerLine.page} look like further columns of the table on page ${base.page ?? '?'}, but their ${t.rows.length} row${t.rows.length === 1 ? '' : 's'} do${t.rows.length === 1 ? 'es' : ''} not pair with its ${baseRows.length}: read as table ${tableNo}`);
    }
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
    const done: ExtractedTable = { name: `Table ${t.no}`, table: t.no, page: t.headerLine.page, rows, a1Refs: false };
    tables.push(done);
    t = null;
  };

  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    // Inside a table a header can only come at the top of a page, after a gap, or as a line that fits no column
    // (checking every line against the heading synonyms would cost more than the rest of the layout).
    const open = t as OpenTable | null;
    const pageCols = open ? colsOn(open, line.page) : null;
    const fitHere = open && pageCols ? fitLine(pageCols, line) : null;
    const mayBeHeader =
      open === null ||
      line.page !== open.prevLine.page ||
      open.afterRepeat === true ||
      fitHere === null ||
      line.y - open.prevLine.y > (pitchEm * 1.35 + 0.05) * line.size ||
      crowded(fitHere, line);
    const header = mayBeHeader ? findHeader(all, i) : null;
    // First on a new page, headings naming only fields the open table lacks: its further columns, printed over.
    const over = header === null && open !== null && open.continues === undefined && line.page !== open.prevLine.page ? continuedColumns(all, i, open.cols) : null;
    if (over) {
      closeTable();
      const base = tables[tables.length - 1]!;
      const below = all.slice(i + 1, i + 41).filter((l) => l.page === line.page);
      refineStarts(over, below);
      let tightest = Infinity;
      let widest = 0;
      for (let k = 1; k < below.length; k++) {
        const g = below[k]!.y - below[k - 1]!.y;
        if (g >= 0.9 * below[k]!.size && g < tightest) tightest = g;
        if (g <= 3 * below[k]!.size && g > widest) widest = g;
      }
      // Lines evenly spaced (no wrapped cell): each is a row of its own.
      if (widest <= 1.3 * tightest) tightest = Infinity;
      t = { cols: over, headerLine: line, virtual: [], rows: [], cur: null, prevLine: line, bodySize: line.size, no: base.table ?? tableNo, widest: [], keyCols: [], pageCols: new Map(), continues: base, ...(Number.isFinite(tightest) ? { tightest } : {}) };
      continue;
    }
    if (header) {
      const cols = header.cols;
      const last = header.lines[header.lines.length - 1]!;
      i += header.lines.length - 1;
      if (t && sameHeader(t.cols, cols)) {
        // the header repeated on the next page (all its lines): skipped
        t.prevLine = last;
        t.afterRepeat = true;
        continue;
      }
      closeTable();
      tableNo++;
      const lp = prose.last;
      const title = lp && lp.page === line.page && line.y - lp.y < 4 * line.size && yearFromTitle(lp.text) !== undefined ? lp : null;
      refineStarts(cols, all.slice(i + 1, i + 41).filter((l) => l.page === line.page));
      const keyCols: number[] = [];
      cols.forEach((c, k) => {
        if (c.field !== null && DATE_FIELDS.has(c.field)) keyCols.push(k);
      });
      t = { cols, headerLine: line, virtual: [], rows: [], cur: null, prevLine: last, bodySize: line.size, no: tableNo, widest: [], keyCols, pageCols: new Map() };
      if (title) t.titleAbove = title;
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
        prose.push(line, i);
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
        tb.cur.lastCols = new Set();
        tb.prevLine = line;
        continue;
      }
      let fit = fitHere;
      // A scanned line right under a row that fits no column only because of a speck: read it into the row's columns
      // (Word/PDF trial 2: the wrapped end of an activity's name was lost without a gap).
      if (fit === null && tb.cur && lineConf(line) !== undefined && gapY !== null && gapY <= (pitchEm + 0.35) * line.size) {
        fit = fitOcrLineLoosely(pageCols ?? tb.cols, line);
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
        // A section line across the table ("Q1 (January – March)", "Training courses") with rows under it: a row of
        // its own, its text in the first column, as a sheet holds it (map.ts reads section rows).
        if (fit === null && line.page === tb.prevLine.page && isSectionLine(all, i, tb, colsOn(tb, line.page), pitchEm)) {
          openRow(tb, line, new Map([[0, line.text]]));
          tb.cur!.texts[0] = line.text;
          closeRow(tb);
          tb.prevLine = line;
          continue;
        }
        // A note at the foot or head of a page ("Continued overleaf", "CPD log (continued)") with the table going
        // on after it: kept as text, the table stays open.
        if (!(tb.cur !== null && betweenPages(i, tb))) closeTable();
        prose.push(line, i);
        continue;
      }
      // A lone short line after a wide gap, followed by a header or by prose: a title between tables.
      if (gapY !== null && gapY > 2.5 * pitchEm * line.size && fit.size === 1) {
        const next = all[i + 1];
        const nextIsHeader = next ? findHeader(all, i + 1) !== null : true;
        const nextFits = next && !nextIsHeader ? fitLine(colsOn(tb, next.page), next) !== null : false;
        if (nextIsHeader || !nextFits) {
          closeTable();
          prose.push(line, i);
          continue;
        }
      }
      const texts = new Map<number, string>();
      fit.forEach((ws, k) => texts.set(k, textOf(ws)));
      if (tb.continues !== undefined) {
        // Continued columns: a row starts after a gap wider than the page's tightest line pitch (a wrapped cell's
        // lines), or at every line when no line is closer than the rest (no cell wraps).
        if (tb.cur === null || gapY === null || tb.tightest === undefined || gapY > 1.3 * tb.tightest) openRow(tb, line, texts);
      } else if (tb.cur === null || startsRow(tb, tb.cur, fit, texts, gapY, line, pitchEm)) openRow(tb, line, texts);
      const cur = tb.cur!;
      addToRow(tb, cur, fit, texts, pageCols === tb.cols || pageCols === null ? 0 : shiftOf(tb, line.page));
      cur.virtualOpen = null;
      cur.lastLine = line;
      tb.prevLine = line;
      continue;
    }
    prose.push(line, i);
  }
  closeTable();
  return { tables, paras: prose.paras, notes: continuedNotes };
}
