/**
 * The one use-case: `importFile` composes detect → extract → map → normalise → validate (docs/DESIGN.md §1).
 * The CLI, the HTTP route and the worker differ only in where bytes come from and where results go.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  gap,
  ImportError,
  isImportError,
  type CpdRecord,
  type Format,
  type Gap,
  type ImportResult,
  type ImportSummary,
  type RecordField,
  type TableMapping,
} from '../domain/index.js';
import { boundExtraction, type ExtractionBounds } from './bounds.js';
import { buildBlockRecord, buildSegmentRecords, type NormaliseOptions } from './build.js';
import { detectFormat, legacyOffice, type LegacyOffice } from './detect.js';
import { labelField } from './extract/blocks.js';
import { gatherEvidence, settleLog } from './logcheck.js';
import { describeLabels } from './map/labels.js';
import { describeSegment, findSegments, yearFromTitle, type MappingOverride, type Segment } from './map.js';
import { matchTemplate, withTemplate, type MappingTemplateInput } from './map/template.js';
import { inferDateOrder, type DateOrder, type OrderEvidence } from './normalise/dates.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, todayIn } from './normalise/zone.js';
import { cellText, DEFAULT_BUDGET, type Budget, type Detection, type Extraction } from './types.js';
import { flagDuplicates, isFlaggedDuplicate, sameActivity, validateRecord } from './validate.js';

/**
 * Options of one import. All optional; defaults: `dateOrder: 'auto'` (per column, day-first fallback),
 * `hoursPerDay: 6`, `hoursPerPoint: 1`, `timeZone: 'Europe/London'`, `today`: the current date in that zone, the
 * default budget (20 MB, 60 s).
 */
export interface ImportOptions {
  dateOrder?: DateOrder | 'auto';
  hoursPerDay?: number;
  /** Hours per CPD point, credit or unit (docs/domain/CPD.md §6: 1 in UK and Irish CPD; `--hours-per-point`). */
  hoursPerPoint?: number;
  /**
   * IANA time zone of the body: date-times with a zone are dated there (`--time-zone`, service `TIME_ZONE`).
   * @throws RangeError from {@link importFile} when it is not a time zone name
   */
  timeZone?: string;
  /** Heading → field overrides (`--mapping FILE.json`). */
  mapping?: MappingOverride;
  /**
   * True: each column (or label) of the result's `mapping` carries its first three values as written (`samples`),
   * for the service's mapping step (issue 11). Default false: the mapping as the CLI prints it.
   */
  mappingSamples?: boolean;
  /**
   * Remembered mappings (the service's templates, issue 11 §3): a table whose header row has the headings of a
   * template (saved from a file of any format) is read with its columns under `mapping` (and its date order and hours per day
   * unless these options set them); the table's mapping names the template (`TableMapping.template`). Default: none.
   */
  templates?: readonly MappingTemplateInput[];
  /**
   * `false`: read the file as a CPD log whatever it looks like — the judgement of src/pipeline/logcheck.ts (no
   * records and a note for a certificate, a form, code…) is skipped (`--read-anyway`). Default: judged.
   */
  logCheck?: boolean;
  /** ISO date `YYYY-MM-DD` taken as today (completed activities after it are flagged). */
  today?: string;
  budget?: Partial<Budget>;
  /**
   * The file name to report in the result and in provenance (default: the base name of `file`). The CLI gives the
   * path relative to the working directory, so that two `cpd.csv` in different folders stay apart.
   */
  name?: string;
}

/** Extracts tables and blocks from the bytes of one format. */
export type Extractor = (bytes: Uint8Array, fileName: string, budget: Budget) => Promise<Extraction>;

/** Extractors by format, loaded lazily so that a CSV import never loads exceljs (docs/DESIGN.md §3). */
const EXTRACTORS: Record<Format, () => Promise<Extractor>> = {
  csv: async () => {
    const m = await import('./extract/csv.js');
    return async (bytes, fileName) => m.extractCsv(bytes, { fileName });
  },
  xlsx: async () => {
    const m = await import('./extract/xlsx/index.js');
    return (bytes, fileName, budget) => m.extractXlsx(bytes, budget.maxMergedCells === undefined ? { fileName } : { fileName, maxMergedCells: budget.maxMergedCells });
  },
  docx: async () => {
    const m = await import('./extract/docx.js');
    return (bytes, fileName, budget) => m.extractDocx(bytes, { fileName, budget });
  },
  pdf: async () => {
    const m = await import('./extract/pdf.js');
    return (bytes, fileName, budget) => m.extractPdf(bytes, { fileName, budget });
  },
  html: async () => {
    const m = await import('./extract/html.js');
    return (bytes, fileName, budget) => m.extractHtml(bytes, { fileName, budget });
  },
  image: async () => {
    const m = await import('./extract/image.js');
    return (bytes, fileName, budget) => m.extractImage(bytes, { fileName, budget });
  },
  ics: async () => {
    const m = await import('./extract/ics.js');
    return (bytes, fileName) => m.extractIcs(bytes, fileName);
  },
};

/**
 * Registers (or replaces) the extractor for a format — used by the document importers.
 */
export function registerExtractor(format: Format, load: () => Promise<Extractor>): void {
  EXTRACTORS[format] = load;
}

/** Default {@link ImportOptions.hoursPerDay}: hours counted per day when a log gives days (docs/domain/CPD.md §6). */
export const DEFAULT_HOURS_PER_DAY = 6;

/** Default {@link Budget.maxRows}. */
export const DEFAULT_MAX_ROWS = 50_000;

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Summary counts over the records of one import (docs/DESIGN.md §2 `summary`). `totalHours` is the decimal hours of
 * completed activities, each counted once: a record that exactly repeats an earlier one, and a "completed"
 * activity dated after `today` (ISO date, default today in UTC), are left out — both carry gaps saying so.
 */
export function summarise(records: readonly CpdRecord[], today: string = todayIso()): ImportSummary {
  const s: ImportSummary = { records: records.length, completed: 0, planned: 0, recordsWithGaps: 0, gaps: { error: 0, warning: 0, info: 0 }, totalHours: 0 };
  // Counted records flagged as duplicates, by start date and lower-case name: only they can be repeated by a later one.
  const counted = new Map<string, CpdRecord[]>();
  for (const r of records) {
    if (r.status === 'planned') s.planned++;
    else {
      s.completed++;
      let counts = r.hours !== null && r.hours > 0;
      if (counts && ((r.startDate !== null && r.startDate > today) || (r.endDate !== null && r.endDate > today))) counts = false;
      if (counts && isFlaggedDuplicate(r)) {
        const key = `${r.startDate ?? ''}\u0000${(r.activityName ?? '').toLowerCase()}`;
        const earlier = counted.get(key);
        if (earlier === undefined) counted.set(key, [r]);
        else if (earlier.some((o) => sameActivity(o, r))) counts = false;
        else earlier.push(r);
      }
      if (counts) s.totalHours += r.hours!;
    }
    if (r.gaps.length > 0) s.recordsWithGaps++;
    for (const g of r.gaps) s.gaps[g.severity]++;
  }
  s.totalHours = Math.round(s.totalHours * 100) / 100;
  return s;
}

/** Label → field for labelled blocks (same synonyms as column headings; a numbered series label, extract/blocks.ts). */
const matchLabel = labelField;

function blockOrders(ex: Extraction, opts: NormaliseOptions): Map<RecordField, OrderEvidence> {
  const out = new Map<RecordField, OrderEvidence>();
  if (ex.blocks.length === 0) return out;
  const byField = new Map<RecordField, string[]>();
  for (const b of ex.blocks) {
    for (const v of b.values) {
      const f = v.field ?? matchLabel(v.label);
      if (f !== 'startDate' && f !== 'endDate' && f !== 'targetDate') continue;
      const list = byField.get(f) ?? [];
      list.push(cellText(v.value));
      byField.set(f, list);
    }
  }
  for (const [f, raws] of byField) {
    out.set(f, opts.dateOrder === 'auto' ? inferDateOrder(raws, 'dmy') : { order: opts.dateOrder, decided: true, reason: 'set by the user' });
  }
  return out;
}

/**
 * Imports one file held in memory.
 * @param bytes   the file's content (kept unchanged)
 * @param file    the file name or path used in provenance and messages (its base name is reported)
 * @returns `ImportResult` (docs/DESIGN.md §2): records in source order, file-level gaps, the mapping used, a summary
 * @throws ImportError when the file cannot be read at all (empty, corrupt, password-protected, unsupported
 *   format, too large); data problems inside a readable file are gaps, never exceptions.
 */
export async function importFile(bytes: Uint8Array, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const budget: Budget = { ...DEFAULT_BUDGET, ...options.budget };
  const name = options.name ?? basename(file);
  if (bytes.byteLength > budget.maxBytes) {
    throw new ImportError('too_large', `the file is ${mb(bytes.byteLength)}, over the limit of ${mb(budget.maxBytes)}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let detection: Detection;
  try {
    detection = await detectFormat(bytes, name, budget);
  } catch (e) {
    const legacy = isImportError(e) && e.code === 'unsupported_format' ? await legacyOffice(bytes) : null;
    if (legacy === null) throw e;
    return importConverted(bytes, legacy, e as ImportError, file, { ...options, name }, budget, sha256);
  }
  const extract = await EXTRACTORS[detection.format]();
  const ex = await extract(bytes, name, budget);
  const maxRows = budget.maxRows ?? DEFAULT_MAX_ROWS;
  const rows = ex.tables.reduce((n, t) => n + t.rows.length, 0) + ex.blocks.length;
  if (rows > maxRows) {
    throw new ImportError('too_large', `the file holds ${rows.toLocaleString('en-GB')} rows, over the limit of ${maxRows.toLocaleString('en-GB')} for one CPD log; split it or check it is the right file`);
  }
  const bounds: ExtractionBounds = {};
  if (budget.maxCellChars !== undefined) bounds.maxCellChars = budget.maxCellChars;
  if (budget.maxTableCells !== undefined) bounds.maxTableCells = budget.maxTableCells;
  const cut = boundExtraction(ex, bounds);
  const out = recordsFromExtraction(ex, name, options, [...detection.gaps, ...cut]);
  return { file: name, sha256, format: detection.format, ...out };
}

/**
 * Imports a `.xls`, `.doc`, `.rtf`, `.ods` or `.odt` file converted by LibreOffice (src/pipeline/convert.ts; half the
 * file's time limit): the result of the converted file, reported under the original's name and content hash, with a
 * `converted` info gap instead of the name-mismatch warning.
 * @throws ImportError: the format's refusal (`refusal`) saying how to enable conversion where LibreOffice is absent,
 *   or followed by why the conversion failed (damaged, timed out)
 */
async function importConverted(bytes: Uint8Array, legacy: LegacyOffice, refusal: ImportError, file: string, options: ImportOptions, budget: Budget, sha256: string): Promise<ImportResult> {
  const { convertWithLibreOffice, conversionRefusal } = await import('./convert.js');
  let converted: Uint8Array;
  try {
    converted = await convertWithLibreOffice(bytes, legacy, Math.max(1000, Math.round(budget.timeoutMs / 2)));
  } catch (e) {
    if (!isImportError(e)) throw e;
    if (e.message.startsWith('LibreOffice is not installed')) throw conversionRefusal(refusal);
    throw new ImportError(e.code, `${refusal.message}; ${e.message}`, e.detail);
  }
  const result = await importFile(converted, file, options);
  const note = gap(null, 'converted', 'info', `converted from .${legacy.kind} to .${legacy.to} by LibreOffice before reading`);
  return { ...result, sha256, fileGaps: [note, ...result.fileGaps.filter((g) => g.code !== 'format')] };
}

/** Bytes as a short size for messages: `20.0 MB`, `512 KB`. */
function mb(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return n >= 10 * 1024 ? `${Math.round(n / 1024)} KB` : `${n.toLocaleString('en-GB')} bytes`;
}

/**
 * Map, normalise and validate an extraction (everything after extract): the part of {@link importFile} that
 * does not depend on the format. `leadingGaps` (e.g. detection warnings) come first in `fileGaps`.
 * Consumes the extraction: its tables' rows are released as records are built.
 */
export function recordsFromExtraction(
  ex: Extraction,
  name: string,
  options: ImportOptions = {},
  leadingGaps: readonly Gap[] = [],
): Pick<ImportResult, 'records' | 'fileGaps' | 'mapping' | 'summary'> {
  const fileGaps: Gap[] = [...leadingGaps, ...ex.gaps];
  const timeZone = options.timeZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(options.timeZone);
  if (timeZone === undefined) throw new RangeError(`"${options.timeZone ?? ''}" is not a time zone name (such as Europe/London)`);
  const today = options.today ?? todayIn(timeZone);
  const yearHint = ex.yearHint ?? yearFromTitle(name.replace(/[_.]/g, ' '));
  const norm: NormaliseOptions = { dateOrder: options.dateOrder ?? 'auto', hoursPerDay: options.hoursPerDay ?? DEFAULT_HOURS_PER_DAY, hoursPerPoint: options.hoursPerPoint ?? 1, timeZone, today };
  if (yearHint !== undefined) norm.yearHint = yearHint;

  const records: CpdRecord[] = [];
  const mapping: TableMapping[] = [];
  const validation = { today };
  // What the file looks like, gathered before mapping releases the tables' rows (src/pipeline/logcheck.ts).
  const evidence = options.logCheck === false ? null : gatherEvidence(ex, name);
  const tableEnds: number[] = [];
  for (const table of ex.tables) {
    const template = matchTemplate(table, options.templates);
    const segments: Segment[] = findSegments(table, template === null ? options.mapping : withTemplate(options.mapping, template), fileGaps, ex.blocks);
    const tableNorm: NormaliseOptions = { ...norm };
    if (template?.dateOrder !== undefined && options.dateOrder === undefined) tableNorm.dateOrder = template.dateOrder;
    if (template?.hoursPerDay !== undefined && options.hoursPerDay === undefined) tableNorm.hoursPerDay = template.hoursPerDay;
    // The segments hold the data rows now; building consumes them (memory of large imports), so drop the table's.
    table.rows = [];
    segments.forEach((seg, i) => {
      const described = describeSegment(seg, i, segments.length, options.mappingSamples === true);
      if (template !== null) described.template = template.id;
      mapping.push(described);
      const hasEnd = seg.byField.has('endDate');
      const hasStart = seg.byField.has('startDate');
      for (const rec of buildSegmentRecords(seg, name, tableNorm, fileGaps)) {
        validateRecord(rec, validation, hasEnd, hasStart);
        records.push(rec);
      }
    });
    tableEnds.push(records.length);
  }
  if (ex.blocks.length > 0) {
    const orders = blockOrders(ex, norm);
    for (const block of ex.blocks) {
      const rec = buildBlockRecord(block, name, matchLabel, norm, orders);
      validateRecord(rec, validation, rec.source.cells?.endDate !== undefined, rec.source.cells?.startDate !== undefined);
      records.push(rec);
    }
    const labels = describeLabels(ex.blocks, options.mappingSamples === true);
    fileGaps.push(...labels.gaps);
    mapping.push({ table: 'labelled blocks', headerRow: null, kind: 'blocks', columns: labels.columns });
  }
  const kept = evidence === null ? records : settleLog(evidence, records, tableEnds, fileGaps);
  flagDuplicates(kept);
  if (kept.length === 0 && !fileGaps.some((g) => g.code === 'no_activities')) {
    fileGaps.push(
      mapping.length > 0
        ? gap(null, 'no_activities', 'warning', `no CPD activities found: the table has headings (${mapping[0]!.columns.map((c) => c.heading).join(', ')}) but no activity rows under them`)
        : gap(null, 'no_activities', 'warning', 'no CPD activities found: no table with recognisable headings (e.g. Activity, Date, Hours) and no labelled activity blocks'),
    );
  }
  // With no records there are no extras to keep values in: warnings of unmapped columns would say what is not so.
  const gaps = kept.length === 0 ? fileGaps.filter((g) => g.code !== 'unmapped') : fileGaps;
  return { records: kept, fileGaps: gaps, mapping, summary: summarise(kept, today) };
}
