/**
 * XLSX extraction (docs/DESIGN.md §1 "extract"): workbook bytes → one table of typed cells per visible sheet.
 *
 * Two exceljs 4.4 readers, one output (the tests run both on every fixture and compare):
 * - the full reader (`Workbook.xlsx.load`) for files up to `streamAbove` bytes (default 2 MB): sees merged ranges;
 * - the streaming path above that: exceljs's `stream.xlsx.WorkbookReader` part parsers and its row-at-a-time
 *   `WorksheetReader`, fed with zip entries read by us with yauzl (see {@link readStreaming} for why: exceljs's own
 *   zip walk loses every entry after the sixth sheet parked in a temp file, and crashes).
 * exceljs is loaded lazily (`await import('exceljs')` costs ~370 ms, docs/DESIGN.md §5).
 *
 * exceljs is adjusted per reader instance (never globally) so that both paths give the same, correct cells:
 * - **no date conversion by exceljs.** exceljs turns every number whose format contains any of `ymdhsb` into a JS
 *   Date — time formats (`[h]:mm` hours) included, and in the full reader also formula results (an `IF(…,"",…)`
 *   string result in a date column becomes 30 Dec 1899 or an Invalid Date). Its serial→date arithmetic is one day
 *   off before 1 March 1900, and it reads only `date1904="1"` (LibreOffice writes `"true"`). So the style models
 *   handed to exceljs carry no `numFmt` (the real one sits under a private symbol) and every date is computed here
 *   from the serial with integer arithmetic — no JS Date, so no dependence on TZ;
 * - **formula results are read from the cell model**: exceljs's `cell.value` drops falsy results (a cached 0,
 *   FALSE or "" would look like a formula never calculated); the full reader also drops an empty-string result
 *   (`<v></v>`, `=IF(A5="","",A5)`), which is restored from the sheet XML;
 * - **UTF-8 is decoded with a streaming `TextDecoder`**: exceljs's streaming reader decodes each zip chunk on its
 *   own and turns a multi-byte character split across two chunks into U+FFFD;
 * - **`_xHHHH_` escapes** of shared strings are decoded in the streaming path as the full reader does (OOXML
 *   ST_Xstring, one pass: `_x000D_` → CR, `_x005F_x000D_` → the literal `_x000D_`); inline strings are left as
 *   both readers give them.
 *
 * Remaining differences between the readers (pinned in the tests with `fixtures/xlsx/formula-edge.xlsx`):
 * - streaming: a formula's cached error (`#DIV/0!`) reads as `#ERROR` (exceljs keeps only `parseFloat` of it), a
 *   cached boolean as the number 1/0, and a shared-formula follower has an empty formula text (its result is right);
 * - streaming: cells inside a merged range other than its top-left cell keep a value if the file holds one there
 *   (Excel and exceljs write them empty; the full reader resolves merges and nulls them);
 * - full: a cell with both a hyperlink and a formula reads as its text, without `formula`;
 * - streaming is more lenient about part names (case-insensitive, any sheet target of the workbook rels; the full
 *   reader only sees `xl/worksheets/sheetN.xml`).
 * Neither path reports hidden rows or columns (the streaming reader cannot see them); their data is kept.
 */
import { Readable } from 'node:stream';
import { ImportError } from '../../domain/errors.js';
import { gap, type Gap } from '../../domain/gap.js';
import type { ExtractedRow, ExtractedTable, Extraction } from '../types.js';
import { boundMerges, columnLetters, DEFAULT_MAX_MERGED_CELLS, mergesNote, type MergeRange, type SheetExtent } from './merges.js';
export { formatSerial, numFmtKind, serialToDate, type NumFmtKind } from './xlsx/number-format.js';
import { readFull } from './xlsx/workbook-reader.js';
import { collectText, decodeChunks, decodedStream, openZip, partPath } from './xlsx/zip.js';
import { isDate1904, isHiddenState, loadExcelJs, neutraliseStyles, requireMethod, type ExcelJsModule, type SheetRead, type XWorkbookReader, type XWorksheetReader } from './xlsx/exceljs-patches.js';
import { ExcelJsInternalsError, shortReason, toImportError } from './xlsx/errors.js';
import { convertRow, ownCopy, type Ctx } from './xlsx/cells.js';

/** Options for {@link extractXlsx}. */
export interface XlsxOptions {
  /** The file name (for the year hint); not opened. */
  fileName: string;
  /** Use the streaming reader above this many bytes (default {@link DEFAULT_STREAM_ABOVE}, 2 MB). `0` always streams. */
  streamAbove?: number;
  /** Most cells the merged ranges of one sheet may cover (default {@link DEFAULT_MAX_MERGED_CELLS}); see merges.ts. */
  maxMergedCells?: number;
}

/** Files larger than this many bytes (2 MB) are read with exceljs's streaming reader. */
export const DEFAULT_STREAM_ABOVE = 2 * 1024 * 1024;

/**
 * Reads an XLSX workbook into tables (one per visible sheet with at least one non-empty cell, in tab order).
 *
 * Each table is `{ name: sheetName, sheet: sheetName, rows, a1Refs: true }`; a row is `{ index, cells }` with
 * `index` the 1-based Excel row number and `cells[i]` column i+1 (A = 0); rows without any value are left out
 * (the gaps in `index` show them). Cells:
 * - text → a plain string (rich text concatenated, hyperlink → its text, `_x000D_` escapes decoded); `''` → `null`;
 * - booleans → `'TRUE'` / `'FALSE'`; an error value → `{ text: '#N/A' }`;
 * - a date (a number in a date format: d/m/y tokens) → `{ text, date: 'YYYY-MM-DD', time?: 'HH:MM', numFmt }`:
 *   `text` as Excel displays it (built-in format 14, exceljs's `mm-dd-yy`, is the locale's short date and shown as
 *   UK `dd/mm/yyyy`), `time` only when not 00:00; 1900 system with Excel's fictitious 29 Feb 1900 (serial 60) and
 *   the 1904 system (`date1904`); serials that are no calendar date (0, 60, negative) → `{ text, number, numFmt }`;
 * - a time or duration (h/m/s tokens, no d/y: `h:mm`, `[h]:mm`, `mm:ss`) → `{ text: '1:30', number: days, numFmt }`;
 * - other numbers → `{ text: String(value), number, numFmt? }` (`numFmt` left out for General);
 * - formulas → the cached result as above plus `formula` (text without `=`); an empty-string result → `null`;
 *   no cached result → `{ text: '=' + formula, formula, missingResult: true }`;
 * - cells of a merged range other than its top-left cell → `null` (the value counts once).
 *
 * Hidden and very hidden sheets are skipped with a file-level gap
 * `{ field: null, code: 'skipped', severity: 'info', message: "sheet 'X' is hidden and was not imported" }`.
 * Hidden rows and columns are kept. `yearHint` is set when the file name holds exactly one year (`cpd-2024.xlsx`).
 *
 * A workbook the full reader rejects with a structural (TypeError) failure is retried with the streaming reader and
 * carries a `format` warning gap. Throws `ImportError('corrupt', 'not a valid workbook: <reason>')` when neither
 * reader can read it (damaged zip, malformed XML, missing workbook parts), `ImportError('empty', …)` for zero bytes.
 * An installed exceljs whose internals differ from 4.4's throws a plain Error (a deployment fault, not a bad file).
 */
export async function extractXlsx(bytes: Uint8Array, opts: XlsxOptions): Promise<Extraction> {
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  const limit = opts.streamAbove ?? DEFAULT_STREAM_ABOVE;
  const excel = await loadExcelJs();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const gaps: Gap[] = [];
  const maxMerged = opts.maxMergedCells ?? DEFAULT_MAX_MERGED_CELLS;
  let sheets: SheetRead[];
  if (bytes.byteLength > limit) {
    try {
      sheets = await readStreaming(excel, buf, maxMerged);
    } catch (e) {
      throw toImportError(e);
    }
  } else {
    try {
      sheets = await readFull(excel, buf, maxMerged);
    } catch (e) {
      if (!(e instanceof TypeError) || e instanceof ExcelJsInternalsError) throw toImportError(e);
      try {
        sheets = await readStreaming(excel, buf, maxMerged);
      } catch {
        throw toImportError(e);
      }
      gaps.push(
        gap(
          null,
          'format',
          'warning',
          `the workbook is damaged (${shortReason(e)}); it was read with the lenient streaming reader, which does ` +
            'not resolve merged cells: check the records against the original file',
        ),
      );
    }
  }
  const tables: ExtractedTable[] = [];
  for (const s of sheets) {
    if (s.mergesNote !== undefined) gaps.push(gap(null, 'truncated', 'warning', s.mergesNote));
    if (s.damaged === 'missing') {
      gaps.push(gap(null, 'skipped', 'error', `sheet '${s.name}' is listed in the workbook but its data is missing from the file (a damaged workbook): nothing could be read from it`));
      continue;
    }
    if (s.damaged === 'truncated') {
      gaps.push(
        gap(null, 'truncated', 'error', `sheet '${s.name}' is cut short in the file (a damaged workbook): ${s.rows.length === 0 ? 'no rows' : `only rows up to ${s.rows[s.rows.length - 1]!.index}`} could be read, so activities after that may be missing`),
      );
    }
    if (s.hidden) {
      gaps.push(gap(null, 'skipped', 'info', `sheet '${s.name}' is hidden and was not imported`));
      continue;
    }
    if (s.rows.length === 0) continue;
    tables.push({ name: s.name, sheet: s.name, rows: s.rows, a1Refs: true });
  }
  const out: Extraction = { tables, blocks: [], gaps };
  const year = yearFromFileName(opts.fileName);
  if (year !== undefined) out.yearHint = year;
  return out;
}

/**
 * The year stated in a file name, when it holds exactly one four-digit year 1950–2099 (`cpd-2024.xlsx`,
 * `export-2024-03-01.xlsx` → 2024). A span such as `2023-24` or `2023/24` (next year's last two digits) and two
 * different years give undefined: the year of an activity is then the mapper's and normaliser's business.
 */
export function yearFromFileName(fileName: string): number | undefined {
  const base = fileName.replace(/^.*[\\/]/, '');
  const found = new Set<number>();
  for (const m of base.matchAll(/(?<!\d)(19[5-9]\d|20\d\d)(?!\d)(?:[-–/](\d{2})(?!\d))?/g)) {
    const y = Number(m[1]);
    if (m[2] !== undefined && Number(m[2]) === (y + 1) % 100) return undefined;
    found.add(y);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

// =================================================================================================================
// exceljs glue: loading, the two readers, per-instance adjustments

/**
 * Passes the chunks through; records whether the XML ends with the closing `</worksheet>` tag, and collects the
 * merged ranges (`<mergeCell ref="A5:A7"/>`, written after the rows, which the streaming reader does not resolve).
 */
async function* watchEnd(chunks: AsyncIterable<string>, seen: { complete: boolean; merges: string[] }): AsyncGenerator<string> {
  let tail = '';
  let collected: string | null = null;
  const tag = '<mergeCells';
  for await (const c of chunks) {
    if (collected !== null) collected += c;
    else {
      // A tag cut between two chunks starts in the tail; otherwise it lies in this chunk (no copy of the chunk).
      const seam = tail + c.slice(0, tag.length - 1);
      const across = seam.indexOf(tag);
      if (across >= 0) collected = (tail + c).slice(across);
      else {
        const at = c.indexOf(tag);
        if (at >= 0) collected = c.slice(at);
      }
    }
    tail = c.length >= 64 ? c.slice(-64) : (tail + c).slice(-64);
    yield c;
  }
  seen.complete = /<\/(?:\w+:)?worksheet>\s*$/.test(tail);
  if (collected !== null) for (const m of collected.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) seen.merges.push(`${m[1]}${m[2]}:${m[3]}${m[4]}`);
}

/** Streaming reader: the last row and column (1-based) holding a cell. */
function rowsExtent(rows: readonly ExtractedRow[]): SheetExtent {
  let cols = 0;
  for (const r of rows) cols = Math.max(cols, r.cells.length);
  return { rows: rows.length === 0 ? 0 : rows[rows.length - 1]!.index, cols };
}

/**
 * Streaming reader: applies merged ranges the way the full reader does — cells of a range other than its first
 * are emptied, and cells below the first row in the first column carry a copy marked `mergedFrom`.
 */
function applyMerges(rows: ExtractedRow[], merges: readonly MergeRange[]): ExtractedRow[] {
  if (merges.length === 0) return rows;
  const byIndex = new Map<number, ExtractedRow>();
  for (const r of rows) byIndex.set(r.index, r);
  for (const range of merges) {
    const c1 = range.c1 - 1;
    const r1 = range.r1;
    const c2 = range.c2 - 1;
    const r2 = range.r2;
    const first = `${columnLetters(range.c1)}${r1}`;
    const masterRow = byIndex.get(r1);
    const master = masterRow?.cells[c1] ?? null;
    for (let r = r1; r <= r2; r++) {
      let row = byIndex.get(r);
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        const copy = c === c1 && r > r1 && master !== null;
        if (!row) {
          if (!copy) continue;
          row = { index: r, cells: [] };
          byIndex.set(r, row);
        }
        while (row.cells.length <= c) row.cells.push(null);
        row.cells[c] = copy ? (typeof master === 'string' ? { text: master, mergedFrom: first } : { ...master, mergedFrom: first }) : null;
      }
    }
  }
  const out = [...byIndex.values()].filter((r) => r.cells.some((c) => c !== null)).sort((a, b) => a.index - b.index);
  for (const r of out) while (r.cells.length > 0 && r.cells[r.cells.length - 1] === null) r.cells.pop();
  return out;
}

/** Decodes `_xHHHH_` escapes (OOXML ST_Xstring) the way exceljs's full reader does (upper-case hex, one pass). */
function decodeXString(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Decodes the `_xHHHH_` escapes of the shared strings cached since index `from` (strings and rich-text runs, in
 * place) and replaces each by an {@link ownCopy}, so that the cache does not pin the decoded `sharedStrings.xml`.
 * Returns the index to continue from.
 */
function decodeSharedStrings(list: unknown[] | undefined, from: number): number {
  if (list === undefined) return from;
  for (let i = from; i < list.length; i++) {
    const s = list[i];
    if (typeof s === 'string') list[i] = ownCopy(decodeXString(s));
    else if (typeof s === 'object' && s !== null && 'richText' in s && Array.isArray(s.richText)) {
      for (const run of s.richText as unknown[]) {
        if (typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string') {
          (run as { text: string }).text = ownCopy(decodeXString(run.text));
        }
      }
    }
  }
  return list.length;
}

/**
 * The decoded chunks of `sharedStrings.xml`; between chunks, the strings exceljs cached so far are decoded and
 * copied ({@link decodeSharedStrings}), so each chunk string can be freed as soon as it is parsed.
 */
async function* sharedStringChunks(entry: unknown, reader: XWorkbookReader, progress: { done: number }): AsyncGenerator<string> {
  for await (const s of decodeChunks(entry)) {
    yield s;
    progress.done = decodeSharedStrings(reader.sharedStrings, progress.done);
  }
}

/**
 * The streaming path. exceljs's `WorkbookReader.parse()` walks the zip in file order with unzipper and parks
 * sheets that come before `sharedStrings.xml` in temp files; with six or more such sheets (Excel and exceljs both
 * write sheets first) it loses the entries after them (styles, shared strings, workbook.xml) and crashes. So the
 * entries are read here with yauzl from the central directory, in dependency order — workbook rels, workbook.xml,
 * styles, shared strings, then the sheets in tab order — and handed, decoded, to the reader's own part parsers
 * (`_parseRels`, `_parseWorkbook`, `_parseStyles`, `_parseSharedStrings`, `_parseWorksheet` → exceljs's streaming
 * `WorksheetReader`, which yields rows one at a time).
 */
async function readStreaming(excel: ExcelJsModule, buf: Buffer, maxMerged: number): Promise<SheetRead[]> {
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for (const m of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet']) requireMethod(reader, m);
  const ctx: Ctx = { date1904: false, serials: new Map(), merges: false, copyFormulaText: true, copyText: true };
  const zip = await openZip(buf);
  try {
    const rels = zip.get('xl/_rels/workbook.xml.rels');
    if (rels !== undefined) await reader._parseRels(decodedStream(await zip.open(rels)));
    const book = zip.get('xl/workbook.xml');
    if (book === undefined) throw new ImportError('corrupt', 'not a valid workbook: it has no xl/workbook.xml part');
    const xml = await collectText(await zip.open(book));
    ctx.date1904 = isDate1904(xml);
    await reader._parseWorkbook(Readable.from([xml]));
    const styles = zip.get('xl/styles.xml');
    if (styles !== undefined) {
      await reader._parseStyles(decodedStream(await zip.open(styles)));
      neutraliseStyles(reader.styles);
    }
    const sst = zip.get('xl/sharedStrings.xml');
    if (sst !== undefined) {
      const progress = { done: 0 };
      const chunks = sharedStringChunks(await zip.open(sst), reader, progress);
      for await (const ev of reader._parseSharedStrings(Readable.from(chunks, { highWaterMark: 1 }))) void ev;
      decodeSharedStrings(reader.sharedStrings, progress.done);
      // Text cells are then (almost all) these strings, already copied: shared between cells, not copied again.
      ctx.copyText = (reader.sharedStrings?.length ?? 0) === 0;
    }
    const targets = new Map<string, string>();
    for (const r of reader.workbookRels ?? []) {
      if (typeof r.Id === 'string' && typeof r.Target === 'string') targets.set(r.Id, r.Target);
    }
    const out: SheetRead[] = [];
    for (const sheet of reader.model?.sheets ?? []) {
      const name = typeof sheet.name === 'string' ? sheet.name : '';
      const target = typeof sheet.rId === 'string' ? targets.get(sheet.rId) : undefined;
      const entry = target === undefined ? undefined : zip.get(partPath(target));
      const hidden = isHiddenState(sheet.state);
      if (entry === undefined) {
        // Listed in the workbook but its data part is gone: say so rather than leave the sheet out silently.
        out.push({ name, hidden, rows: [], damaged: 'missing' });
        continue;
      }
      let rows: ExtractedRow[] = [];
      const end = { complete: true, merges: [] as string[] };
      if (!hidden) {
        const sheetNo = /(\d+)\.xml$/i.exec(entry.fileName)?.[1] ?? '0';
        const ws = reader._parseWorksheet(watchEnd(decodeChunks(await zip.open(entry)), end), sheetNo).next().value as
          | { value?: XWorksheetReader }
          | undefined;
        if (ws?.value === undefined) throw new ExcelJsInternalsError('_parseWorksheet yielded no reader');
        for await (const row of ws.value) {
          const r = convertRow(row.number, row._cells, ctx);
          if (r !== null) rows.push(r);
        }
      }
      const bounded = boundMerges(end.merges, rowsExtent(rows), maxMerged);
      rows = applyMerges(rows, bounded.keep);
      const read: SheetRead = { name, hidden, rows };
      const note = mergesNote(name, bounded, maxMerged);
      if (note !== null) read.mergesNote = note;
      if (!end.complete) read.damaged = 'truncated';
      out.push(read);
    }
    return out;
  } finally {
    zip.close();
  }
}
