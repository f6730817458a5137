/**
 * exceljs glue for the XLSX readers (docs/DESIGN.md §1 "extract"): the shapes of the exceljs 4.4 objects and
 * internals both readers use, loading exceljs lazily (~370 ms), and the per-instance adjustments (never global):
 * style models without `numFmt`, so that exceljs converts no number to a Date (see index.ts for why); checks that
 * the overridden internals still exist.
 */
import type { Readable } from 'node:stream';
import type { ExtractedRow } from '../../types.js';
import { RAW_FMT, type XRow, type XStyle } from './cells.js';
import { ExcelJsInternalsError } from './errors.js';

/** exceljs's styles object (both readers): the style model of a cell's style id. */
export interface XStyles {
  getStyleModel(id: number): XStyle | null;
}

/** A worksheet of the full reader: its name, visibility state and rows. */
export interface XWorksheet {
  readonly name: string;
  readonly state?: string;
  eachRow(opt: { includeEmpty: boolean }, cb: (row: XRow, rowNumber: number) => void): void;
}

/** Pre-reconcile cell model of the full reader (only what {@link restoreEmptyStringResults} touches). */
export interface XCellModel {
  address?: string;
  /** exceljs ValueType (0: Null, a styled empty cell; 1: Merge, an empty cell inside a merged range). */
  type?: number;
  formula?: string;
  shareType?: string;
  result?: unknown;
}

/** The full reader's parsed worksheet model, before exceljs builds the worksheet from it. */
export interface XWorksheetModel {
  rows?: { cells?: XCellModel[] }[];
  /** Merged ranges as written (`A2:C7`; null when the sheet has none), applied when the worksheet is built. */
  mergeCells?: string[] | null;
  /** Set by exceljs's reconcile from the workbook's sheet list. */
  name?: string;
}

/** The full reader's model of the whole workbook handed to `reconcile`. */
export interface XLoadModel {
  styles?: XStyles;
  worksheets: XWorksheetModel[];
}

/** The full reader's XLSX object; the three internals are overridden per instance. */
export interface XXlsx {
  load(data: Buffer): Promise<unknown>;
  parseWorkbook(stream: unknown): Promise<unknown>;
  _processWorksheetEntry(stream: unknown, model: XLoadModel, sheetNo: string, options: unknown, path: string): Promise<void>;
  reconcile(model: XLoadModel, options: unknown): void;
}

/** The full reader's workbook (`new Workbook()`). */
export interface XWorkbook {
  readonly xlsx: XXlsx;
  readonly worksheets: XWorksheet[];
}

/** exceljs's streaming `WorksheetReader`: the rows of one sheet, one at a time. */
export type XWorksheetReader = AsyncIterable<XRow>;

/** The streaming reader; the underscored methods are exceljs 4.4 internals overridden per instance. */
export interface XWorkbookReader {
  styles: XStyles;
  sharedStrings?: unknown[];
  workbookRels?: { Id?: unknown; Target?: unknown }[];
  model?: { sheets?: { name?: unknown; rId?: unknown; state?: string }[] };
  _parseRels(entry: unknown): Promise<void>;
  _parseWorkbook(entry: unknown): Promise<void>;
  _parseStyles(entry: unknown): Promise<void>;
  _parseSharedStrings(entry: unknown): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: unknown, sheetNo: string): Generator<unknown>;
}

/** The parts of the exceljs module used here. */
export interface ExcelJsModule {
  Workbook: new () => XWorkbook;
  stream: { xlsx: { WorkbookReader: new (input: Readable, options: Record<string, string>) => XWorkbookReader } };
}

let excelPromise: Promise<ExcelJsModule> | undefined;

/** Loads exceljs once, on the first XLSX (~370 ms). */
export function loadExcelJs(): Promise<ExcelJsModule> {
  excelPromise ??= import('exceljs').then(m => {
    const mod = m as unknown as { default?: ExcelJsModule } & Partial<ExcelJsModule>;
    return (mod.default ?? mod) as ExcelJsModule;
  });
  return excelPromise;
}

/** One sheet as either reader gives it to `extractXlsx`: its name, whether hidden, its rows, and what went wrong. */
export interface SheetRead {
  name: string;
  hidden: boolean;
  rows: ExtractedRow[];
  /** Streaming reader: the sheet's part is missing from the file, or its XML stops before `</worksheet>`. */
  damaged?: 'missing' | 'truncated';
  /** Merged ranges over the budget were not applied (merges.ts {@link mergesNote}). */
  mergesNote?: string;
}

/** Whether a sheet state (`<sheet state="…">`) hides the sheet: `hidden` or `veryHidden`. */
export function isHiddenState(state: string | undefined): boolean {
  return state === 'hidden' || state === 'veryHidden';
}

/** `date1904="1"` or `"true"` on `<workbookPr>` (exceljs accepts only "1"). */
export function isDate1904(workbookXml: string): boolean {
  return /<(?:\w+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*["']\s*(?:1|true)\s*["']/i.test(workbookXml);
}

/**
 * Makes exceljs's style models carry no `numFmt` (so exceljs converts no number to a Date); the real format is
 * kept under {@link RAW_FMT} and read back by {@link fmtOf}. Applied once per styles object.
 */
export function neutraliseStyles(styles: XStyles): void {
  const get = styles.getStyleModel;
  if (typeof get !== 'function') throw new ExcelJsInternalsError('styles.getStyleModel');
  const cache = new Map<number, XStyle | null>();
  styles.getStyleModel = function (this: XStyles, id: number): XStyle | null {
    let m = cache.get(id);
    if (m === undefined) {
      const s = get.call(this, id);
      if (s === null || s === undefined || s.numFmt === undefined) m = s ?? null;
      else {
        const { numFmt, ...rest } = s;
        m = Object.assign(rest, { [RAW_FMT]: numFmt }) as XStyle;
      }
      cache.set(id, m);
    }
    return m;
  };
}

/** Throws {@link ExcelJsInternalsError} unless `obj[name]` is a function (an exceljs internal overridden here). */
export function requireMethod(obj: object, name: string): void {
  if (typeof (obj as Record<string, unknown>)[name] !== 'function') throw new ExcelJsInternalsError(name);
}
