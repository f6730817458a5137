/**
 * The streaming XLSX reader (docs/DESIGN.md §1 "extract"), for files above `streamAbove` bytes and as the fallback
 * for a workbook the full reader rejects: exceljs's `WorkbookReader` part parsers and row-at-a-time
 * `WorksheetReader`, fed with zip entries read by zip.ts (see {@link readStreaming}). Merged ranges are collected
 * from the sheet XML and applied here as the full reader does; `_xHHHH_` escapes of shared strings are decoded.
 */
import { Readable } from 'node:stream';
import { ImportError } from '../../../domain/errors.js';
import type { ExtractedRow } from '../../types.js';
import { boundMerges, columnLetters, mergesNote, type MergeRange, type SheetExtent } from '../merges.js';
import { convertRow, ownCopy, type Ctx } from './cells.js';
import { ExcelJsInternalsError } from './errors.js';
import { isDate1904, isHiddenState, neutraliseStyles, requireMethod, type ExcelJsModule, type SheetRead, type XWorkbookReader, type XWorksheetReader } from './exceljs-patches.js';
import { collectText, decodeChunks, decodedStream, openZip, partPath } from './zip.js';

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
export async function readStreaming(excel: ExcelJsModule, buf: Buffer, maxMerged: number): Promise<SheetRead[]> {
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
