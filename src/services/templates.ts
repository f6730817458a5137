/**
 * Remembered mappings (issue 11 §3): a corrected mapping saved with `remember: true` is kept against the table's
 * heading fingerprint — its normalised headings in order, whatever the file's format (one portal's CSV and XLSX
 * exports share it; the format saved from is kept for information) — and a later file whose table has that
 * fingerprint is read with it first (`reading.ts`, src/pipeline/map/template.ts), saying so in a file-level `template` info gap that names who saved
 * it and when. Staff and admins list and delete templates.
 */
import { createHash, randomUUID } from 'node:crypto';
import { columnChoice, gap, type ColumnChoices, type Format, type Gap, type ReadingRequest, type TableMapping, type TemplateUse } from '../domain/index.js';
import { humanDate } from '../pipeline/build.js';
import { normaliseHeading } from '../pipeline/headings.js';
import type { Repositories, Store, User } from '../store/store.js';
import { userLabel } from './corrections.js';

/**
 * The fingerprint of a table: sha256 (hex) of its headings normalised (case, punctuation and bracketed units ignored;
 * `normaliseHeading`), in order. Two exports of one system's report share it, in any format; any heading added,
 * removed, renamed or moved gives another.
 */
export function tableFingerprint(headings: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(headings.map(normaliseHeading)))
    .digest('hex');
}

/** The tables of a mapping whose columns can be chosen (not labelled blocks). */
function columnTables(mapping: readonly TableMapping[]): TableMapping[] {
  return mapping.filter((t) => t.kind !== 'blocks');
}

/**
 * A table's columns in the `--mapping` shape: heading → the field it went to (null: extras), or the field and the
 * unit its values were read in when the mapping chose it or the values showed it (`{ "field": "hours", "unit":
 * "minutes" }`).
 */
export function tableColumns(t: TableMapping): ColumnChoices {
  return Object.fromEntries(t.columns.map((c) => [c.heading, columnChoice(c.field, c.unit)]));
}

/** The file-level gap saying a table was read with a template, naming who saved it and when. */
export function templateGap(use: TemplateUse): Gap {
  return gap(null, 'template', 'info', `columns of ${use.table} read with the template saved by ${use.savedBy} on ${humanDate(use.savedAt.slice(0, 10))}`);
}

/**
 * Remembers the mapping of a version read with `remember: true` (inside the transaction that stores its result): for
 * each table with a column whose field was chosen in `reading.columns`, its whole mapping (every column's field, as
 * read), with the date order and hours per day chosen, saved by `user` against the table's fingerprint (replacing
 * one saved before for it), each with an audit line (`template.save`).
 * @returns a file-level `template` info gap per table remembered
 */
export async function rememberMapping(tx: Repositories, input: { importId: string; format: Format; mapping: readonly TableMapping[]; reading: ReadingRequest; user: User }): Promise<Gap[]> {
  const chosen = new Set(Object.keys(input.reading.columns ?? {}).map(normaliseHeading));
  const gaps: Gap[] = [];
  for (const t of columnTables(input.mapping)) {
    if (!t.columns.some((c) => chosen.has(normaliseHeading(c.heading)))) continue;
    const headings = t.columns.map((c) => c.heading);
    const dateOrder = input.reading.dateOrder === 'dmy' || input.reading.dateOrder === 'mdy' ? input.reading.dateOrder : null;
    const fingerprint = tableFingerprint(headings);
    // A template saved before fingerprints left the format out (migration 0005) for these headings is replaced too.
    for (const old of await tx.templates.list()) {
      if (old.fingerprint !== fingerprint && tableFingerprint(old.headings) === fingerprint) await tx.templates.delete(old.id);
    }
    const saved = await tx.templates.save({
      id: randomUUID(),
      format: input.format,
      fingerprint,
      headings,
      columns: tableColumns(t),
      dateOrder,
      hoursPerDay: input.reading.hoursPerDay ?? null,
      savedBy: userLabel(input.user),
      savedById: input.user.id,
      fromImport: input.importId,
    });
    await tx.audit.append({ userId: input.user.id, action: 'template.save', entity: 'template', entityId: saved.id, detail: { format: saved.format, headings, columns: saved.columns, dateOrder, hoursPerDay: saved.hoursPerDay, fromImport: input.importId } });
    gaps.push(gap(null, 'template', 'info', `the mapping of ${t.table} was remembered: files with the headings ${headings.map((h) => `"${h}"`).join(', ')} will be read with it (template ${saved.id})`));
  }
  return gaps;
}

/** Deletes a template, with an audit line (`template.delete`, what it held); false when none has this id. */
export async function deleteTemplate(store: Store, id: string, user: Pick<User, 'id'>): Promise<boolean> {
  return store.transaction(async (tx) => {
    const t = await tx.templates.get(id);
    if (t === null || !(await tx.templates.delete(id))) return false;
    await tx.audit.append({ userId: user.id, action: 'template.delete', entity: 'template', entityId: id, detail: { format: t.format, headings: t.headings, columns: t.columns, savedBy: t.savedBy, savedAt: t.savedAt } });
    return true;
  });
}
