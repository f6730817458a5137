/**
 * The standard CPD record and the result of importing one file.
 *
 * Contract: `docs/DESIGN.md` §2 (field names, types, JSON camelCase). The record's content follows the IET's
 * standard record entry (domain doc §1): name and type of activity, start date, end date, target date, CPD hours,
 * description, reflection; plus TWAVES category, skill type and UK-SPEC competences.
 */
import { z } from 'zod';
import { GapSchema } from './gap.js';
import { SkillTypeSchema, TwavesSchema } from './taxonomy.js';
import { RECORD_FIELDS } from './fields.js';

/** ISO 8601 calendar date `YYYY-MM-DD`, or reduced precision `YYYY-MM` / `YYYY` when the source gives no more. */
export const IsoDateSchema = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'ISO 8601 date YYYY-MM-DD, YYYY-MM or YYYY');

/**
 * The record fields a source column or label can map to. `objective` is the plan objective an activity serves
 * (a CPD plan's "Objective"/"Goal" column, domain doc §5), an extension of the docs/DESIGN.md field list; `status`
 * maps a "Status" column (completed / planned) when the source states it.
 */
export { RECORD_FIELDS };
export const RecordFieldSchema = z.enum(RECORD_FIELDS);
export type RecordField = z.infer<typeof RecordFieldSchema>;

/**
 * Where a record came from. `row` is the 1-based row in the sheet or CSV file (CSV: the line the record starts on);
 * `cells` gives, per field, the A1-style cell (`"C7"`) or, for documents, the table cell / line the value was read from.
 * `page` is 1-based; `table` is 1-based within the file (or the sheet); `line` is the 1-based line on a PDF page.
 */
export const SourceRefSchema = z.object({
  file: z.string(),
  sheet: z.string().optional(),
  page: z.number().int().optional(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  line: z.number().int().optional(),
  block: z.string().optional(),
  cells: z.record(z.string(), z.string()).optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const RecordStatusSchema = z.enum(['completed', 'planned']);
/** `planned`: a target date and no (or a future) end date; otherwise `completed`. */
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

/**
 * A record marked as not a CPD activity (issue 11 §4): why, who (the user's name as shown, else role and short id)
 * and when (ISO 8601). The record is kept and shown, and counts nowhere (hours, criteria, summaries, exports).
 */
export const ExclusionSchema = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type Exclusion = z.infer<typeof ExclusionSchema>;

/**
 * One standard CPD record.
 * - dates: ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM`/`YYYY` with a `reduced_precision` gap)
 * - `hours`: decimal hours (1 h 30 min = 1.5)
 * - `extras`: source columns that map to no field, by their heading (null-prototype safe: plain JSON object)
 * - `raw`: the source text of each mapped field, by field, when it differs from the normalised value
 * - `excluded`: set by the service only, on a record marked as not a CPD activity (absent otherwise)
 */
export const CpdRecordSchema = z.object({
  activityName: z.string().nullable(),
  activityType: z.string().nullable(),
  twaves: TwavesSchema.nullable(),
  startDate: IsoDateSchema.nullable(),
  endDate: IsoDateSchema.nullable(),
  targetDate: IsoDateSchema.nullable(),
  hours: z.number().nullable(),
  description: z.string().nullable(),
  reflection: z.string().nullable(),
  ukSpec: z.array(z.string()),
  skillType: SkillTypeSchema.nullable(),
  objective: z.string().nullable(),
  status: RecordStatusSchema,
  extras: z.record(z.string(), z.string()),
  raw: z.record(z.string(), z.string()),
  gaps: z.array(GapSchema),
  source: SourceRefSchema,
  excluded: ExclusionSchema.optional(),
});
export type CpdRecord = z.infer<typeof CpdRecordSchema>;

/**
 * The units a person may give an hours column (`{ "field": "hours", "unit": "minutes" }`): its bare numbers are then
 * read as minutes (÷ 60), hours, days (× the hours per day) or points (1 h a point, or the rate the heading states).
 */
export const COLUMN_UNITS = ['minutes', 'hours', 'days', 'points'] as const;
/** One of {@link COLUMN_UNITS}. */
export type ColumnUnit = (typeof COLUMN_UNITS)[number];
/** Zod schema of {@link ColumnUnit}. */
export const ColumnUnitSchema = z.enum(COLUMN_UNITS);

/**
 * How one column (or label) was read: the field it went to (or null: kept in `extras`), `how` the evidence that
 * decided (`synonym`: a known heading, docs/domain/CPD.md §5; `fuzzy`: a misspelling of one; `words`: the
 * heading's words read for their meaning; `content`: the column's values; `override`: the user's mapping;
 * `unmapped`: nothing named a field), `confidence` 0–1 and a one-line `reason`
 * (`"content: 48 of 50 values are dates"`). Columns mapped with confidence below 0.6 give their values an
 * `inferred` gap.
 */
export const ColumnMappingSchema = z.object({
  column: z.string(),
  heading: z.string(),
  field: RecordFieldSchema.nullable(),
  how: z.enum(['synonym', 'fuzzy', 'words', 'override', 'content', 'unmapped']),
  confidence: z.number().min(0).max(1).optional(),
  reason: z.string().optional(),
  /** Up to three of the column's values as written (cut at 60 characters), when asked for (`ImportOptions.mappingSamples`). */
  samples: z.array(z.string()).optional(),
  /**
   * The unit the hours column's bare numbers were read in, when the mapping chose it (a person, a template) or the
   * values showed it (minutes under a heading that names no unit); absent when the heading names the unit or none.
   */
  unit: ColumnUnitSchema.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** The mapping used for one table (a sheet's table, a CSV file, a document table, or a set of labelled blocks). */
export const TableMappingSchema = z.object({
  table: z.string(),
  sheet: z.string().optional(),
  page: z.number().int().optional(),
  headerRow: z.number().int().nullable(),
  kind: z.enum(['log', 'plan', 'blocks']),
  columns: z.array(ColumnMappingSchema),
  /** The id of the remembered mapping the table was read with (service templates, issue 11 §3); absent otherwise. */
  template: z.string().optional(),
});
export type TableMapping = z.infer<typeof TableMappingSchema>;

export const FORMATS = ['csv', 'xlsx', 'docx', 'pdf', 'image', 'html', 'ics'] as const;
export const FormatSchema = z.enum(FORMATS);
export type Format = z.infer<typeof FormatSchema>;

/** Per-file counts. `totalHours`: sum of `hours` over completed records, decimal hours. */
export const ImportSummarySchema = z.object({
  records: z.number().int(),
  completed: z.number().int(),
  planned: z.number().int(),
  recordsWithGaps: z.number().int(),
  gaps: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  totalHours: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** The result of importing one file (docs/DESIGN.md §2): `{ file, sha256, format, records, fileGaps, mapping, summary }`. */
export const ImportResultSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  format: FormatSchema,
  records: z.array(CpdRecordSchema),
  fileGaps: z.array(GapSchema),
  mapping: z.array(TableMappingSchema),
  summary: ImportSummarySchema,
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/**
 * A record with every field empty (`status: completed`, no gaps) and the given provenance: the starting point
 * of the record builder and of validation probes. `extras` may be given to share one frozen empty object.
 */
export function emptyRecord(source: SourceRef, extras: Record<string, string> = {}): CpdRecord {
  return {
    activityName: null,
    activityType: null,
    twaves: null,
    startDate: null,
    endDate: null,
    targetDate: null,
    hours: null,
    description: null,
    reflection: null,
    ukSpec: [],
    skillType: null,
    objective: null,
    status: 'completed',
    extras,
    raw: {},
    gaps: [],
    source,
  };
}

/**
 * The calendar year an activity counts in: its end date's, else its start date's, else its target date's
 * (docs/domain/CPD.md §2, our choice); null when it has no date. The store files each record under this year and
 * the annual review criteria count it there (`countingYear` in src/review/criteria/records.ts gives the same answer).
 */
export function recordYear(r: Pick<CpdRecord, 'endDate' | 'startDate' | 'targetDate'>): number | null {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : Number(d.slice(0, 4));
}
