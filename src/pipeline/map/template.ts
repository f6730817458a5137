/**
 * Remembered mappings (issue 11 §3): a table whose header row has exactly a template's headings (normalised, in
 * order) is read with the template's columns, under any mapping the user gave for the file. The templates are
 * handed in as data (`ImportOptions.templates`); which one a table used is reported in its `TableMapping.template`.
 */
import type { ColumnChoices, Format } from '../../domain/index.js';
import { normaliseHeading } from '../headings.js';
import { cellText, type ExtractedTable } from '../types.js';
import type { MappingOverride } from './assign.js';

/**
 * A remembered mapping as the pipeline uses it: its id, the format and headings it was saved for (as written, in
 * order), heading → field (null: extras), and the date order and hours per day (decimal hours) chosen with it, if any.
 */
export interface MappingTemplateInput {
  id: string;
  format: Format;
  headings: readonly string[];
  columns: ColumnChoices;
  dateOrder?: 'dmy' | 'mdy';
  hoursPerDay?: number;
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

/** The user's mapping with a template's columns under it: a heading the user mapped keeps the user's field. */
export function withTemplate(user: MappingOverride | undefined, template: MappingTemplateInput): MappingOverride {
  const mine = Object.entries(user ?? {});
  const taken = new Set(mine.map(([h]) => normaliseHeading(h)));
  return Object.fromEntries([...mine, ...Object.entries(template.columns).filter(([h]) => !taken.has(normaliseHeading(h)))]);
}
