/**
 * Exports as files: one import's records, and a member's records of one year (with, in XLSX, a Review sheet of the
 * criteria of the member's professional body). The writers themselves are in `src/export/`.
 */
import type { ImportResult } from '../domain/index.js';
import type { ReviewSheet } from '../export/review-sheet.js';
import { countingYear } from '../review/criteria/index.js';
import { DEFAULT_BODY } from '../review/rulesets/index.js';
import type { ImportView, Store } from '../store/store.js';
import { memberBodyReview, type PeriodRequest } from './member-years.js';
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

async function write(results: ImportResult[], format: ExportFormat, fileName: string, review?: () => Promise<ReviewSheet>): Promise<ExportFile> {
  const { toCsv, toJson, toXlsx } = await import('../export/export.js');
  let body: string | Uint8Array;
  if (format === 'json') body = toJson(results);
  else if (format === 'csv') body = toCsv(results);
  else {
    body = await toXlsx(results);
    if (review !== undefined) {
      const { withReviewSheet } = await import('../export/review-sheet.js');
      body = await withReviewSheet(body, await review());
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
 * XLSX adds a Review sheet: the criteria of the member's professional body (the one set for them, else
 * `opts.defaultBody`, the service's `DEFAULT_BODY`) over all the member's records, for `opts.period` when given, else
 * the body's period ending with `year` (the IET: that calendar year, with its activity status).
 * @throws PeriodError when the period asked cannot be reviewed (malformed, reversed, or days that are no calendar year for the IET)
 */
export async function exportMemberYear(store: Store, memberId: string, year: number, format: ExportFormat, opts: { defaultBody?: string; period?: PeriodRequest } = {}): Promise<ExportFile> {
  // The period is checked before anything is written: a bad one is the caller's error, whatever the format.
  const review = format === 'xlsx' ? await memberBodyReview(store, memberId, opts.period ?? { year }, { defaultBody: opts.defaultBody ?? DEFAULT_BODY }) : null;
  const records = await listMemberRecords(store, memberId, year);
  const importIds = [...new Set(records.map((x) => x.importId))];
  const results: ImportResult[] = [];
  for (const importId of importIds) {
    const result = await store.imports.getResult(importId);
    if (result === null) continue;
    results.push({ ...result, records: countedRecords(result.records).filter((x) => countingYear(x) === year || countingYear(x) === null) });
  }
  const sheet = async (): Promise<ReviewSheet> => (await import('../export/review-sheet.js')).reviewSheetOf(review!.review, `member ${memberId}`);
  return write(results, format, `${memberId}-${year}-records.${format}`, review === null ? undefined : sheet);
}
