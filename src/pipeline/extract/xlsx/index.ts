/**
 * XLSX extraction (docs/DESIGN.md §1 "extract"): workbook bytes → one table of typed cells per visible sheet.
 *
 * Two exceljs 4.4 readers, one output (the tests run both on every fixture and compare):
 * - the full reader (`Workbook.xlsx.load`) for files up to `streamAbove` bytes (default 2 MB): sees merged ranges;
 * - the streaming path above that: exceljs's `stream.xlsx.WorkbookReader` part parsers and its row-at-a-time
 *   `WorksheetReader`, fed with zip entries read by us with yauzl (see `readStreaming` in stream-reader.ts for why:
 *   exceljs's own zip walk loses every entry after the sixth sheet parked in a temp file, and crashes).
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
 *
 * The modules of this folder: index.ts (this entry point: {@link extractXlsx}, the file-level gaps), number-format.ts
 * (Excel number formats and serial dates, pure), cells.ts (exceljs cells → typed cells, both readers),
 * exceljs-patches.ts (exceljs shapes, lazy loading, per-instance adjustments), workbook-reader.ts (the full reader),
 * stream-reader.ts (the streaming reader), zip.ts (its zip walk and UTF-8 decoding), errors.ts (failures →
 * ImportError).
 */
import { ImportError } from '../../../domain/errors.js';
import { gap, type Gap } from '../../../domain/gap.js';
import type { ExtractedTable, Extraction } from '../../types.js';
import { DEFAULT_MAX_MERGED_CELLS } from '../merges.js';
import { ExcelJsInternalsError, shortReason, toImportError } from './errors.js';
import { loadExcelJs, type SheetRead } from './exceljs-patches.js';
import { readStreaming } from './stream-reader.js';
import { readFull } from './workbook-reader.js';

export { formatSerial, numFmtKind, serialToDate, type NumFmtKind } from './number-format.js';

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
