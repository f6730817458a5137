/**
 * `--save-mapping FILE` (issue 11 §3): the mapping a file was read with, in the shape `--mapping` takes — heading →
 * field, or null for a column kept in extras — to edit and pass back.
 */
import type { ImportResult, RecordField } from '../domain/index.js';
import { normaliseHeading } from '../pipeline/headings.js';

/**
 * The columns of a result's tables (not labelled blocks, whose labels `--mapping` does not change), in order, as
 * heading → field; a heading met again (normalised alike, in another table) keeps its first field.
 */
export function mappingFileOf(result: Pick<ImportResult, 'mapping'>): Record<string, RecordField | null> {
  const seen = new Set<string>();
  const entries: [string, RecordField | null][] = [];
  for (const t of result.mapping) {
    if (t.kind === 'blocks') continue;
    for (const c of t.columns) {
      const key = normaliseHeading(c.heading);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push([c.heading, c.field]);
    }
  }
  return Object.fromEntries(entries);
}
