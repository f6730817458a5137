/**
 * Remembered mappings (issue 11 §3): a table whose header row has exactly a template's headings (normalised, in
 * order) is read with the template's columns, under any mapping the user gave for the file, whatever the file's
 * format (one portal's CSV and XLSX exports share a template). The templates are handed in as data
 * (`ImportOptions.templates`); which one a table used is reported in its `TableMapping.template`.
 */
import { choiceField, choiceUnit, type ColumnChoices, type Format } from '../../domain/index.js';
import { humanDate } from '../build.js';
import { normaliseHeading } from '../headings.js';
import { cellText, type ExtractedTable } from '../types.js';
import type { MappingOverride, OverrideChoice } from './assign.js';

/**
 * A remembered mapping as the pipeline uses it: its id, the format of the file it was saved from (for information:
 * it applies to every format) and the headings it was saved for (as written, in order), heading → field (null:
 * extras) or field and unit, the date order and hours per day (decimal hours) chosen with it, if any, and who saved
 * it and when (ISO 8601), named in the reasons of the columns it chose.
 */
export interface MappingTemplateInput {
  id: string;
  format: Format;
  headings: readonly string[];
  columns: ColumnChoices;
  dateOrder?: 'dmy' | 'mdy';
  hoursPerDay?: number;
  savedBy?: string;
  savedAt?: string;
}

/** "the template saved by Rita Reviewer on 4 Dec 2026" (or "the template <id>" when the saver is not known). */
export function templateLabel(t: Pick<MappingTemplateInput, 'id' | 'savedBy' | 'savedAt'>): string {
  if (t.savedBy === undefined) return `the template ${t.id}`;
  return `the template saved by ${t.savedBy}${t.savedAt === undefined ? '' : ` on ${humanDate(t.savedAt.slice(0, 10))}`}`;
}

/** Rows searched for a template's header row at the top of a table (our choice: headers sit under a few title rows). */
const HEADER_SEARCH_ROWS = 50;

/** The key of a list of headings: normalised, in order. */
function headingsKey(headings: readonly string[]): string {
  return JSON.stringify(headings.map(normaliseHeading));
}

/**
 * The template whose headings are exactly the non-empty cells of one of the first rows of `table` (normalised, in
 * order), or null. The first such row decides; the first template listed wins a tie.
 */
export function matchTemplate(table: ExtractedTable, templates: readonly MappingTemplateInput[] | undefined): MappingTemplateInput | null {
  if (templates === undefined || templates.length === 0) return null;
  const byKey = new Map<string, MappingTemplateInput>();
  for (const t of templates) if (!byKey.has(headingsKey(t.headings))) byKey.set(headingsKey(t.headings), t);
  const widths = new Set(templates.map((t) => t.headings.length));
  for (const row of table.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const texts = row.cells.map((c) => cellText(c).trim()).filter((t) => t !== '');
    if (!widths.has(texts.length)) continue;
    const found = byKey.get(headingsKey(texts));
    if (found !== undefined) return found;
  }
  return null;
}

/**
 * The user's mapping with a template's columns under it: a heading the user mapped keeps the user's choice; the
 * template's choices name the template (`by`), for the columns' reasons.
 */
export function withTemplate(user: MappingOverride | undefined, template: MappingTemplateInput): MappingOverride {
  const mine = Object.entries(user ?? {});
  const taken = new Set(mine.map(([h]) => normaliseHeading(h)));
  const by = templateLabel(template);
  const theirs = Object.entries(template.columns)
    .filter(([h]) => !taken.has(normaliseHeading(h)))
    .map(([h, c]): [string, OverrideChoice] => {
      const unit = choiceUnit(c);
      return [h, { field: choiceField(c), ...(unit === undefined ? {} : { unit }), by }];
    });
  return Object.fromEntries([...mine, ...theirs]);
}
