/**
 * The whole-workbook XLSX reader (docs/DESIGN.md §1 "extract"): exceljs's `Workbook.xlsx.load`, for files up to
 * `streamAbove` bytes; it resolves merged ranges. Three of its internals are overridden per instance: the workbook
 * XML is read first for `date1904` and the listed sheets, each sheet's XML restores empty-string formula results
 * and bounds its merged ranges (merges.ts), and the style models lose their `numFmt` (exceljs-patches.ts).
 */
import { ImportError } from '../../../domain/errors.js';
import type { ExtractedRow } from '../../types.js';
import { boundMerges, columnNumber, mergesNote, type BoundedMerges, type SheetExtent } from '../merges.js';
import { convertRow, VALUE_TYPE_MERGE, type Ctx } from './cells.js';
import { isDate1904, isHiddenState, neutraliseStyles, requireMethod, type ExcelJsModule, type SheetRead, type XLoadModel, type XWorksheetModel, type XXlsx } from './exceljs-patches.js';
import { collectText } from './zip.js';

/** Decodes the five XML entities in an attribute value. */
function xmlUnescape(v: string): string {
  return v.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

/** A long string as 16 KB pieces (what exceljs's own loader feeds its SAX parser). */
function* pieces(s: string): Generator<string> {
  for (let i = 0; i < s.length; i += 16384) yield s.slice(i, i + 16384);
}

/**
 * Cell refs of formula cells whose cached result is an empty string (`t="str"` and `<v></v>` or `<v/>`):
 * exceljs's full reader drops such a result.
 */
function emptyStringResultRefs(xml: string): Set<string> | null {
  let refs: Set<string> | null = null;
  for (const needle of ['<v></v>', '<v/>']) {
    let i = xml.indexOf(needle);
    while (i >= 0) {
      const start = xml.lastIndexOf('<c ', i);
      const close = start >= 0 ? xml.indexOf('>', start) : -1;
      if (start >= 0 && close > start && close < i) {
        const tag = xml.slice(start, close);
        const body = xml.slice(close, i);
        const ref = /\br="([A-Z]+\d+)"/.exec(tag)?.[1];
        if (ref !== undefined && /\bt="str"/.test(tag) && body.includes('<f')) (refs ??= new Set()).add(ref);
      }
      i = xml.indexOf(needle, i + needle.length);
    }
  }
  return refs;
}

function restoreEmptyStringResults(xml: string, ws: XWorksheetModel | undefined): void {
  if (ws === undefined || (!xml.includes('<v></v>') && !xml.includes('<v/>'))) return;
  const refs = emptyStringResultRefs(xml);
  if (refs === null) return;
  for (const row of ws.rows ?? []) {
    for (const c of row.cells ?? []) {
      if (c.address !== undefined && refs.has(c.address) && (c.formula !== undefined || c.shareType !== undefined) && c.result === undefined) c.result = '';
    }
  }
}

/**
 * Reads a workbook with exceljs's full reader: one {@link SheetRead} per sheet in tab order (hidden sheets without
 * rows), preceded by a `damaged: 'missing'` entry for each sheet listed in the workbook whose part is gone.
 * Merged ranges beyond `maxMerged` cells per sheet are not applied (`mergesNote`). Throws
 * `ImportError('corrupt', …)` without `xl/workbook.xml`, exceljs's own error on a damaged file, and
 * {@link ExcelJsInternalsError} when an overridden internal is missing.
 */
export async function readFull(excel: ExcelJsModule, buf: Buffer, maxMerged: number): Promise<SheetRead[]> {
  const wb = new excel.Workbook();
  const io = wb.xlsx;
  for (const m of ['parseWorkbook', '_processWorksheetEntry', 'reconcile', 'load']) requireMethod(io, m);
  const ctx: Ctx = { date1904: false, serials: new Map(), merges: true, copyFormulaText: false, copyText: false };
  let sawWorkbook = false;
  const listed: string[] = [];
  const boundedSheets: { ws: XWorksheetModel; bounded: BoundedMerges }[] = [];
  const parseWorkbook = io.parseWorkbook;
  io.parseWorkbook = async function (this: XXlsx, stream: unknown) {
    const xml = await collectText(stream);
    sawWorkbook = true;
    ctx.date1904 = isDate1904(xml);
    for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)) listed.push(xmlUnescape(m[1]!));
    return parseWorkbook.call(this, [xml]);
  };
  const processWorksheet = io._processWorksheetEntry;
  io._processWorksheetEntry = async function (this: XXlsx, stream, model, sheetNo, options, path) {
    const xml = await collectText(stream);
    await processWorksheet.call(this, pieces(xml), model, sheetNo, options, path);
    const ws = model.worksheets[model.worksheets.length - 1];
    restoreEmptyStringResults(xml, ws);
    // Merged ranges are applied cell by cell when the worksheet is built: bound them first (merges.ts).
    if (ws?.mergeCells != null && ws.mergeCells.length > 0) {
      const bounded = boundMerges(ws.mergeCells, modelExtent(ws), maxMerged);
      ws.mergeCells = bounded.keep.map((r) => r.ref);
      if (bounded.dropped.length > 0) boundedSheets.push({ ws, bounded });
    }
  };
  const reconcile = io.reconcile;
  io.reconcile = function (this: XXlsx, model: XLoadModel, options: unknown) {
    if (model.styles !== undefined) neutraliseStyles(model.styles);
    reconcile.call(this, model, options);
  };
  await io.load(buf);
  if (!sawWorkbook) throw new ImportError('corrupt', 'not a valid workbook: it has no xl/workbook.xml part');
  const out: SheetRead[] = [];
  // A sheet listed in the workbook whose data part is gone is dropped by exceljs without a word: report it.
  const loaded = new Set(wb.worksheets.map((w) => w.name));
  for (const name of listed) if (!loaded.has(name)) out.push({ name, hidden: false, rows: [], damaged: 'missing' });
  for (const ws of wb.worksheets) {
    const hidden = isHiddenState(ws.state);
    const rows: ExtractedRow[] = [];
    if (!hidden) {
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const r = convertRow(n, row._cells, ctx);
        if (r !== null) rows.push(r);
      });
    }
    const read: SheetRead = { name: ws.name, hidden, rows };
    out.push(read);
  }
  for (const { ws, bounded } of boundedSheets) {
    const read = out.find((r) => r.name === ws.name);
    const note = mergesNote(ws.name ?? '', bounded, maxMerged);
    if (read !== undefined && note !== null) read.mergesNote = note;
  }
  return out;
}

/**
 * A parsed worksheet model's last row and column holding a value (styled empty cells do not count: the streaming
 * reader does not see them, and both readers must cut merged ranges alike).
 */
function modelExtent(ws: XWorksheetModel): SheetExtent {
  let rows = 0;
  let cols = 0;
  for (const r of ws.rows ?? []) {
    for (const c of r.cells ?? []) {
      if (c.type === undefined || c.type === 0 || c.type === VALUE_TYPE_MERGE) continue;
      const m = c.address === undefined ? null : /^([A-Z]+)(\d+)$/.exec(c.address);
      if (m === null) continue;
      cols = Math.max(cols, columnNumber(m[1]!));
      rows = Math.max(rows, Number(m[2]));
    }
  }
  return { rows, cols };
}
