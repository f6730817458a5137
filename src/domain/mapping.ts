/**
 * The mapping step's shapes (issue 11): a person's choice of field for each column, in the shape of the CLI's
 * `--mapping` file; what a version of an import is to be read with; the options it was read with; and a remembered
 * mapping (template) that was used.
 */
import { z } from 'zod';
import { ColumnUnitSchema, RecordFieldSchema, type ColumnUnit, type RecordField } from './record.js';

/**
 * What a person chose for one column: a record field, null to keep the column in `extras`, or a field with the unit
 * of its values (`{ "field": "hours", "unit": "minutes" }`; a unit only for the hours).
 */
export type ColumnChoice = RecordField | null | { field: RecordField; unit?: ColumnUnit };

/**
 * Heading → {@link ColumnChoice} (the CLI's `--mapping` file, `{ "Learning points": "reflection", "Ref": null,
 * "Col D": { "field": "hours", "unit": "minutes" } }`). Headings are compared after normalisation (case,
 * punctuation and bracketed units ignored; src/pipeline/headings.ts `normaliseHeading`).
 */
export type ColumnChoices = Readonly<Record<string, ColumnChoice>>;

/** Zod schema of {@link ColumnChoice}. */
export const ColumnChoiceSchema = z.union([
  RecordFieldSchema.nullable(),
  z
    .object({ field: RecordFieldSchema, unit: ColumnUnitSchema.optional() })
    .strict()
    .refine((o) => o.unit === undefined || o.field === 'hours', { message: 'a unit is given only for the hours', path: ['unit'] }),
]);

/** Zod schema of {@link ColumnChoices}: at most 500 headings of 1–200 characters. */
export const ColumnChoicesSchema = z
  .record(z.string().min(1).max(200), ColumnChoiceSchema)
  .refine((o) => Object.keys(o).length <= 500, 'at most 500 headings');

/** The field of a column choice (null: kept in extras). */
export function choiceField(c: ColumnChoice | { field: RecordField | null }): RecordField | null {
  return c === null || typeof c === 'string' ? c : c.field;
}

/** The unit of a column choice, when it gives one. */
export function choiceUnit(c: ColumnChoice | { field: RecordField | null; unit?: ColumnUnit }): ColumnUnit | undefined {
  return c === null || typeof c === 'string' ? undefined : c.unit;
}

/** A column choice in its shortest form: the plain field name when no unit is given. */
export function columnChoice(field: RecordField | null, unit?: ColumnUnit): ColumnChoice {
  return field === null || unit === undefined ? field : { field, unit };
}

/**
 * Day/month order of numeric dates chosen by a person: day first (`dmy`, UK), month first (`mdy`, US), or `auto`
 * (decided per column, day first when nothing decides: the default).
 */
export const ChosenDateOrderSchema = z.enum(['dmy', 'mdy', 'auto']);

/**
 * What a version of an import is to be read with, on top of the service's settings (stored with the import,
 * `imports.read_options`): columns chosen by a person, the date order, hours per day (decimal hours, 0–24), and
 * whether the resulting mapping is to be remembered as a template for files with the same headings.
 */
export interface ReadingRequest {
  columns?: ColumnChoices;
  dateOrder?: 'dmy' | 'mdy' | 'auto';
  hoursPerDay?: number;
  remember?: boolean;
}

/** A remembered mapping used to read a table: its id, the table, who saved it (as shown then) and when (ISO 8601). */
export interface TemplateUse {
  id: string;
  table: string;
  savedBy: string;
  savedAt: string;
}

/**
 * The options a done import was read with (`imports.options_used`): `dateOrder` (`auto`: decided per column, day
 * first when nothing decides), `hoursPerDay` (decimal hours per day of a log that gives days), `timeZone` (IANA
 * zone of zoned date-times), `columns` (the headings whose field was chosen by a person or a template; `{}` when the
 * tool chose every field) and the `templates` used.
 */
export interface ReadingUsed {
  dateOrder: 'dmy' | 'mdy' | 'auto';
  hoursPerDay: number;
  timeZone: string;
  columns: ColumnChoices;
  templates: TemplateUse[];
}
