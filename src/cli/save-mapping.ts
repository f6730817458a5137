/**
 * `--save-mapping FILE` (issue 11 §3): the mapping a file was read with, in the shape `--mapping` takes — heading →
 * field, null for a column kept in extras, or `{ "field": "hours", "unit": "minutes" }` for an hours column whose
 * unit was chosen or read from its values — to edit and pass back.
 */
import { columnChoice, type ColumnChoice, type ImportResult } from '../domain/index.js';
import { normaliseHeading } from '../pipeline/headings.js';

/**
 * The columns of a result's tables (not labelled blocks, whose labels `--mapping` does not change), in order, as
 * heading → field; a heading met again (normalised alike, in another table) keeps its first field.
 */
export function mappingFileOf(result: Pick<ImportResult, 'mapping'>): Record<string, ColumnChoice> {
  const seen = new Set<string>();
  const entries: [string, ColumnChoice][] = [];
  for (const t of result.mapping) {
    if (t.kind === 'blocks') continue;
    for (const c of t.columns) {
      const key = normaliseHeading(c.heading);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push([c.heading, columnChoice(c.field, c.unit)]);
    }
  }
  return Object.fromEntries(entries);
}
