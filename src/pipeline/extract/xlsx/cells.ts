/**
 * XLSX cell conversion (docs/DESIGN.md §1 "extract"): exceljs cells → typed {@link Cell}s, one code path for both
 * readers (workbook-reader.ts, stream-reader.ts). Dates and times come from the serial and the real number format
 * (number-format.ts), never from exceljs's JS Dates; formula results from the cell model. The cell shapes are
 * documented on `extractXlsx` (index.ts).
 */
import type { Cell, CellInfo, ExtractedRow } from '../../types.js';
import { compiledFormat, EPOCH_1900, EPOCH_1904, isoDate, KIND_NUMBER, KIND_TIME, numberText, pad2, renderParts, renderSerial, serialParts, type CompiledFormat } from './number-format.js';

/** Private key under which the neutralised style models keep the real number format. */
export const RAW_FMT: unique symbol = Symbol('cpd-import numFmt');

/** An exceljs style model as seen by the reader (only the parts used here). */
export interface XStyle {
  numFmt?: string;
  [RAW_FMT]?: string;
}

/** An exceljs cell: `value` is the typed value, `type` the ValueType (1 = part of a merged range, not its master). */
export interface XCell {
  readonly value: unknown;
  readonly type: number;
  /** Formula text (exceljs translates a shared-formula follower's formula in the full reader). */
  readonly formula?: string;
  /** The cached formula result, unfiltered. */
  readonly result?: unknown;
  readonly style?: XStyle;
  /** Full reader, merged cells: the range's first cell. */
  readonly master?: XCell & { readonly address?: string; readonly row?: number; readonly col?: number };
}

/** An exceljs row: its 1-based number and its cells by column (index 0 = column A). */
export interface XRow {
  readonly number: number;
  readonly _cells?: readonly (XCell | undefined)[];
}

/** exceljs ValueType.Merge and ValueType.Formula. */
export const VALUE_TYPE_MERGE = 1;
const VALUE_TYPE_FORMULA = 6;

/** What the cell conversion needs to know of the workbook and reader, and the per-workbook caches. */
export interface Ctx {
  date1904: boolean;
  /** What each date/time format showed for each serial so far (dates repeat down a column): see {@link serialRead}. */
  serials: Map<CompiledFormat, Map<number, SerialRead>>;
  /** Full reader: a cell of type Merge is a non-master cell of a merged range. */
  merges: boolean;
  /** Streaming reader: copy strings parsed from the sheet XML (see {@link ownCopy}). */
  copyFormulaText: boolean;
  /** Streaming reader on a workbook without shared strings: every text cell comes from the sheet XML. */
  copyText: boolean;
}

/**
 * A copy of `s` that does not keep its source alive. The SAX parser hands out text as slices of the 16 KB chunk
 * strings of the decoded XML; kept in the output, each slice would pin its whole chunk, i.e. the whole sheet XML
 * (100 MB for a 100k-row sheet of inline strings). `(' ' + s).slice(1)` makes V8 flatten into a new string.
 * Short strings (< 13 chars) are never slices.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * One exceljs row as an {@link ExtractedRow} (`index` the row number, `cells[i]` column i+1, trailing empties left
 * out), or `null` when no cell has a value. Used by both readers.
 */
export function convertRow(number: number, xcells: readonly (XCell | undefined)[] | undefined, ctx: Ctx): ExtractedRow | null {
  if (xcells === undefined) return null;
  let cells: Cell[] | null = null;
  for (let i = 0; i < xcells.length; i++) {
    const xc = xcells[i];
    if (xc === undefined) continue;
    let c = convertCell(xc, ctx);
    if (c === null && ctx.merges && xc.type === VALUE_TYPE_MERGE) c = mergedCopy(xc, number, i, ctx);
    if (c === null) continue;
    if (cells === null) cells = [];
    while (cells.length < i) cells.push(null);
    cells.push(c);
  }
  return cells === null ? null : { index: number, cells };
}

/**
 * A cell below the first row of a vertically merged range, in the range's first column: a copy of the range's
 * value marked `mergedFrom` (a date or a category merged over several activities applies to each of them; the
 * normaliser counts hours once). Cells to the right of the first column stay empty, so a merged title is not
 * repeated across its row.
 */
function mergedCopy(xc: XCell, row: number, index: number, ctx: Ctx): Cell {
  const m = xc.master;
  if (m === undefined || m.row === undefined || m.col === undefined || m.row >= row || m.col !== index + 1) return null;
  const v = convertCell(m, ctx);
  if (v === null) return null;
  const from = m.address ?? '';
  return typeof v === 'string' ? { text: v, mergedFrom: from } : { ...v, mergedFrom: from };
}

/** The real number format of an exceljs cell (kept under {@link RAW_FMT} by the neutralised styles), if any. */
export function fmtOf(xc: XCell): string | undefined {
  const s = xc.style;
  if (s === undefined || s === null) return undefined;
  return s[RAW_FMT] ?? s.numFmt;
}

function convertCell(xc: XCell, ctx: Ctx): Cell {
  const type = xc.type;
  if (type === VALUE_TYPE_FORMULA) return formulaCell(typeof xc.formula === 'string' ? xc.formula : '', xc.result, xc, ctx);
  if (ctx.merges && type === VALUE_TYPE_MERGE) return null;
  const v = xc.value;
  switch (typeof v) {
    case 'string':
      return v === '' ? null : ctx.copyText ? ownCopy(v) : v;
    case 'number':
      return numberCell(v, fmtOf(xc), ctx);
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'object':
      return v === null ? null : objectCell(v, xc, ctx);
    default:
      return null;
  }
}

/** A serial as a date or time format shows it: its text, and for a calendar date its ISO date and time of day. */
interface SerialRead {
  text: string;
  date?: string;
  time?: string;
}

/** Most serials remembered per format (a column of distinct timestamps stops there). */
const SERIALS_PER_FORMAT = 4096;

/**
 * A serial read with a date or time format, remembered per workbook: the same strings serve every cell showing the
 * same date (a 100k-row log holds a few hundred distinct dates), instead of new ones per cell.
 */
function serialRead(f: CompiledFormat, v: number, ctx: Ctx): SerialRead {
  let byValue = ctx.serials.get(f);
  if (byValue === undefined) ctx.serials.set(f, (byValue = new Map()));
  const known = byValue.get(v);
  if (known !== undefined) return known;
  let read: SerialRead;
  if (f.kind === KIND_TIME) read = { text: renderSerial(f, v, ctx.date1904) };
  else {
    const p = serialParts(v, ctx.date1904, f.scale);
    read = { text: flat(renderParts(f, p, v)) };
    if (p.valid) {
      read.date = isoDate(p.y, p.mo, p.d);
      if (p.h !== 0 || p.mi !== 0) read.time = `${pad2(p.h)}:${pad2(p.mi)}`;
    }
  }
  if (byValue.size < SERIALS_PER_FORMAT) byValue.set(v, read);
  return read;
}

/** A string built by concatenation as one flat string (kept in many cells: no tree of pieces). */
function flat(s: string): string {
  return s.length < 13 ? (' ' + s).slice(1) : ownCopy(s);
}

function numberCell(v: number, fmt: string | undefined, ctx: Ctx): CellInfo {
  if (fmt === undefined) return { text: numberText(v), number: v };
  const f = compiledFormat(fmt);
  if (f.kind === KIND_NUMBER) return f.general ? { text: numberText(v), number: v } : { text: numberText(v), number: v, numFmt: fmt };
  const read = serialRead(f, v, ctx);
  if (read.date === undefined) return { text: read.text, number: v, numFmt: fmt };
  return read.time === undefined ? { text: read.text, date: read.date, numFmt: fmt } : { text: read.text, date: read.date, time: read.time, numFmt: fmt };
}

/** A JS Date from exceljs (built as UTC from the serial): back to the serial, then as any number. */
function jsDateCell(d: Date, fmt: string | undefined, ctx: Ctx): CellInfo | null {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  const serial = ms / 86_400_000 - (ctx.date1904 ? EPOCH_1904 : EPOCH_1900);
  const f = fmt !== undefined && compiledFormat(fmt).kind !== KIND_NUMBER ? fmt : 'yyyy-mm-dd hh:mm';
  return numberCell(serial, f, ctx);
}

function richTextOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && 'richText' in v && Array.isArray(v.richText)) {
    let s = '';
    for (const run of v.richText as unknown[]) {
      if (typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string') s += run.text;
    }
    return s;
  }
  return null;
}

function objectCell(v: object, xc: XCell, ctx: Ctx): Cell {
  if (v instanceof Date) return jsDateCell(v, fmtOf(xc), ctx);
  if ('richText' in v) {
    const s = richTextOf(v);
    return s === null || s === '' ? null : s;
  }
  if ('formula' in v || 'sharedFormula' in v) {
    // Streaming reader, shared-formula follower: exceljs stores `{ formula: '', result }` as a plain object.
    const fv = v as { formula?: unknown; result?: unknown };
    return formulaCell(typeof fv.formula === 'string' ? fv.formula : '', fv.result, xc, ctx);
  }
  if ('hyperlink' in v) {
    const t = 'text' in v ? richTextOf(v.text) : null;
    const s = t ?? (typeof v.hyperlink === 'string' ? v.hyperlink : null);
    return s === null || s === '' ? null : s;
  }
  if ('error' in v && typeof v.error === 'string') return { text: v.error };
  if ('text' in v) {
    const s = richTextOf(v.text);
    return s === null || s === '' ? null : s;
  }
  return null;
}

/** Text shown for a cached formula error the streaming reader cannot name (it keeps only `parseFloat('#DIV/0!')`). */
const UNKNOWN_ERROR_TEXT = '#ERROR';

/**
 * A formula cell. The result is read from the cell's model (`cell.result`): exceljs's `cell.value` drops falsy
 * results, so a cached 0, FALSE or "" would look like a formula never calculated.
 */
function formulaCell(formula: string, r: unknown, xc: XCell, ctx: Ctx): Cell {
  if (r === undefined || r === null) return { text: `=${formula}`, formula, missingResult: true };
  switch (typeof r) {
    case 'string':
      return r === '' ? null : { text: ctx.copyFormulaText ? ownCopy(r) : r, formula };
    case 'number': {
      if (Number.isNaN(r)) return { text: UNKNOWN_ERROR_TEXT, formula };
      const c = numberCell(r, fmtOf(xc), ctx);
      c.formula = formula;
      return c;
    }
    case 'boolean':
      return { text: r ? 'TRUE' : 'FALSE', formula };
    case 'object': {
      if (r instanceof Date) {
        const c = jsDateCell(r, fmtOf(xc), ctx);
        if (c === null) return { text: `=${formula}`, formula, missingResult: true };
        c.formula = formula;
        return c;
      }
      if ('error' in r && typeof r.error === 'string') return { text: r.error, formula };
      const s = richTextOf(r);
      return s === null || s === '' ? null : { text: s, formula };
    }
    default:
      return null;
  }
}
