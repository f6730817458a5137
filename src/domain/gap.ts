/**
 * Gaps: everything the importer could not read, had to guess, or found wrong.
 *
 * Contract: `docs/DESIGN.md` §2 — `Gap = { field, code, severity, message, raw? }`.
 * Data problems never throw; they become gaps on the record (or on the file).
 */
import { z } from 'zod';

/**
 * Gap codes. Each one means:
 * - `missing`            a field the standard record needs is empty or absent (IET record entry, domain doc §1)
 * - `invalid`            a value is present but could not be read (the raw text is kept in `raw`)
 * - `ambiguous`          a value could be read more than one way; the message says which reading was taken and why
 * - `inferred`           a value was not stated but deduced (TWAVES from the activity type, a year from the title)
 * - `converted`          a value was converted from another unit (days, points, credits) by a stated rule
 * - `out_of_range`       a value was read but breaks a rule (end before start, > 24 h a day, completed in the future)
 * - `duplicate`          the record repeats (exactly or nearly) another record of the same import; both carry it
 * - `ocr_low_confidence` the value was read by OCR with a word confidence below the threshold
 * - `reduced_precision`  a date gives only a month or a year (kept as `YYYY-MM` / `YYYY`)
 * - `spans_years`        an activity runs over two calendar years (counted in its end-date year; domain doc §2)
 * - `skipped`            (file level) part of the file was not imported on purpose (hidden sheet, totals row, notes sheet,
 *                        a catalogue or blank-template sheet beside a log: src/pipeline/logcheck.ts)
 * - `format`             (file level) the content did not match the file name's extension, or a similar detection remark
 * - `no_activities`      (file level) the file was read but holds no activity. `info`: it holds no CPD log at all, and
 *                        the message says what it looks like (a certificate, a form, prose, source code, a blank
 *                        template, a catalogue or price list, an invoice, an agenda, a CV) and the evidence
 *                        (src/pipeline/logcheck.ts); `warning`: a summary certificate, or a log without activity
 *                        rows that looks like nothing else; `error`: its pages could not be read (a scan, no OCR)
 * - `truncated`          (file level) a row or structure was cut short (ragged CSV row, unterminated quote)
 * - `unmapped`           (file level) a column or label holding values maps to no record field: its values are kept
 *                        in each record's `extras` under its heading; the message names it with two sample values
 * - `corrected`          a reviewer changed the value (review workflow); the message holds the old value
 * - `accepted`           a reviewer accepted a gap without changing the value (review workflow)
 * - `review_not_carried` (file level) a forced re-import of a file found reviewers' corrections on the earlier import
 *                        that no longer match what is read, and did not carry them over (src/services/carry-over.ts)
 * - `template`           (file level, info) a table's columns were read with a mapping someone saved for tables with
 *                        the same headings (issue 11 §3; src/services/templates.ts); the message names who and when
 * - `parts`              (file level, info) an upload holding other files (an e-mail, a zip; issue 15): how many parts
 *                        it held, each imported on its own, and how many could not be
 */
export const GAP_CODES = [
  'missing',
  'invalid',
  'ambiguous',
  'inferred',
  'converted',
  'out_of_range',
  'duplicate',
  'ocr_low_confidence',
  'reduced_precision',
  'spans_years',
  'skipped',
  'format',
  'no_activities',
  'truncated',
  'unmapped',
  'corrected',
  'accepted',
  'review_not_carried',
  'template',
  'parts',
] as const;

export const GapCodeSchema = z.enum(GAP_CODES);
/** One of {@link GAP_CODES}. */
export type GapCode = z.infer<typeof GapCodeSchema>;

export const GapSeveritySchema = z.enum(['error', 'warning', 'info']);
/** `error`: the record cannot pass review as it is; `warning`: a reviewer should look; `info`: for the record. */
export type GapSeverity = z.infer<typeof GapSeveritySchema>;

/**
 * A gap on a record field (or on the whole record / file when `field` is null).
 * `message` is written for a reviewer and says why; `raw` keeps the source text we could not use as it stood.
 */
export const GapSchema = z.object({
  field: z.string().nullable(),
  code: GapCodeSchema,
  severity: GapSeveritySchema,
  message: z.string(),
  raw: z.string().optional(),
});
export type Gap = z.infer<typeof GapSchema>;

/**
 * Builds a gap; `raw` is only set when given (keeps JSON output free of `raw: undefined`).
 */
export function gap(
  field: string | null,
  code: GapCode,
  severity: GapSeverity,
  message: string,
  raw?: string,
): Gap {
  return raw === undefined ? { field, code, severity, message } : { field, code, severity, message, raw };
}
