/**
 * The mapping step's shapes (issue 11): a person's choice of field for each column, in the shape of the CLI's
 * `--mapping` file; what a version of an import is to be read with; the options it was read with; and a remembered
 * mapping (template) that was used.
 */
import { z } from 'zod';
import { RecordFieldSchema, type RecordField } from './record.js';

/**
 * Heading → record field, or null to keep the column in `extras` (the CLI's `--mapping` file,
 * `{ "Learning points": "reflection", "Ref": null }`). Headings are compared after normalisation (case, punctuation
 * and bracketed units ignored; src/pipeline/headings.ts `normaliseHeading`).
 */
export type ColumnChoices = Readonly<Record<string, RecordField | null>>;

/** Zod schema of {@link ColumnChoices}: at most 500 headings of 1–200 characters. */
export const ColumnChoicesSchema = z
  .record(z.string().min(1).max(200), RecordFieldSchema.nullable())
  .refine((o) => Object.keys(o).length <= 500, 'at most 500 headings');

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
