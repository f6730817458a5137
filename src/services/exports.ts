/**
 * Exports as files: one import's records, and a member's records of one year (with, in XLSX, a Review sheet of the
 * annual criteria). The writers themselves are in `src/export/export.ts`.
 */
import type { ImportResult } from '../domain/index.js';
import { ACTIVITY_STATUS_WORDS, countingYear, type AnnualReview } from '../review/criteria/index.js';
import type { ImportView, Store } from '../store/store.js';
import { memberReview } from './member-years.js';
import { countedRecords, listMemberRecords } from './records.js';

/** The formats of an export. */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** True for one of {@link EXPORT_FORMATS}. */
export function isExportFormat(f: string): f is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(f);
}

/** An export ready to send: the bytes or text, their media type, and the file name to offer. */
export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function write(results: ImportResult[], format: ExportFormat, fileName: string, review?: () => Promise<{ memberId: string; review: AnnualReview }>): Promise<ExportFile> {
  const { toCsv, toJson, toXlsx } = await import('../export/export.js');
  let body: string | Uint8Array;
  if (format === 'json') body = toJson(results);
  else if (format === 'csv') body = toCsv(results);
  else {
    body = await toXlsx(results);
    if (review !== undefined) {
      const r = await review();
      body = await withCriteriaSheet(body, r.memberId, r.review);
    }
  }
  return { body, contentType: CONTENT_TYPES[format], fileName };
}

/**
 * One done import's counted records (not those marked as not a CPD activity) as a file named after the upload
 * (`<stem>-records.<format>`).
 * @returns null when the import is not done (nothing to export yet)
 */
export async function exportImport(store: Store, imp: Pick<ImportView, 'importId' | 'file'>, format: ExportFormat): Promise<ExportFile | null> {
  const result = await store.imports.getResult(imp.importId);
  if (result === null) return null;
  const stem = imp.file.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'records';
  return write([{ ...result, records: countedRecords(result.records) }], format, `${stem}-records.${format}`);
}

/**
 * A member's records of one calendar year (corrected values; undated records too, as the page lists them under
 * every year until a date is corrected: service trial 3; not those marked as not a CPD activity), one result per
 * import, as `<member>-<year>-records.<format>`.
 * XLSX adds a Review sheet with the annual criteria over all the member's records.
 */
export async function exportMemberYear(store: Store, memberId: string, year: number, format: ExportFormat): Promise<ExportFile> {
  const records = await listMemberRecords(store, memberId, year);
  const importIds = [...new Set(records.map((x) => x.importId))];
  const results: ImportResult[] = [];
  for (const importId of importIds) {
    const result = await store.imports.getResult(importId);
    if (result === null) continue;
    results.push({ ...result, records: countedRecords(result.records).filter((x) => countingYear(x) === year || countingYear(x) === null) });
  }
  return write(results, format, `${memberId}-${year}-records.${format}`, async () => ({ memberId, review: (await memberReview(store, memberId, year)).review }));
}

const OUTCOME_WORDS: Record<AnnualReview['overall'], string> = { met: '✔ met', not_met: '✖ not met', not_assessable: '? not assessable' };

/**
 * Adds a "Review" sheet to an export workbook: the member, year, activity status, overall outcome, and one row per
 * criterion (title, outcome as icon + word, the summary with its figures, the rule's source). Returns the new bytes.
 */
export async function withCriteriaSheet(xlsx: Uint8Array, memberId: string, review: AnnualReview): Promise<Uint8Array> {
  const [{ default: ExcelJS }, { neutralise }, { CRITERION_TITLES, REQUIRED_HOURS }] = await Promise.all([import('exceljs'), import('../export/export.js'), import('../review/criteria/index.js')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.addWorksheet('Review');
  ws.columns = [{ width: 28 }, { width: 18 }, { width: 90 }, { width: 60 }];
  ws.addRow([`Annual CPD review ${review.year}: member ${memberId}`]).font = { bold: true, size: 13 };
  ws.addRow(['Activity status', `${ACTIVITY_STATUS_WORDS[review.activityStatus]} (${REQUIRED_HOURS[review.activityStatus]} h required)`]);
  ws.addRow(['Overall', OUTCOME_WORDS[review.overall]]);
  ws.addRow([]);
  ws.addRow(['Criterion', 'Outcome', 'Figures', 'Rule']).font = { bold: true };
  for (const [key, c] of Object.entries(review.criteria) as [keyof AnnualReview['criteria'], AnnualReview['criteria'][keyof AnnualReview['criteria']]][]) {
    const row = ws.addRow([CRITERION_TITLES[key], OUTCOME_WORDS[c.outcome], neutralise(c.summary), neutralise(c.source)]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
