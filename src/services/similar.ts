/**
 * Other imports read in the same shape (issue 11, found trying it: a corrected mapping, even remembered, left the
 * person's other imports of the same system's export as they were read). After a mapping is corrected, the other
 * current imports whose table has the same heading fingerprint (`templates.ts` `tableFingerprint`) are listed — a
 * member's own, every member's for staff, reviewers and admins — and may be read again with the same columns, each
 * as a new version exactly as a single re-read (`mapping.ts` `rereadWithMapping`: carried-over review work, audit
 * line, the old version kept).
 */
import type { ColumnChoices, TableMapping } from '../domain/index.js';
import { normaliseHeading } from '../pipeline/headings.js';
import type { ImportView, Store, User } from '../store/store.js';
import { MappingError, rereadWithMapping, type Reread, type RereadDeps } from './mapping.js';
import { tableFingerprint } from './templates.js';

/** Another current import read in the same shape: its id, member, file, upload time (ISO 8601) and the tables that match. */
export interface SimilarImport {
  importId: string;
  memberId: string;
  file: string;
  createdAt: string;
  tables: string[];
}

/** An import that was not read again, and why (the error code and message a single re-read would give). */
export interface SkippedImport {
  importId: string;
  code: string;
  message: string;
}

/** `POST /imports/:id/mapping/apply-to-similar` answer (202): the new versions queued, and the imports left as they were. */
export interface SimilarRereads {
  rereads: Reread[];
  skipped: SkippedImport[];
}

/** The fingerprints of a mapping's tables whose columns can be chosen (not labelled blocks). */
function fingerprints(mapping: readonly TableMapping[]): Set<string> {
  return new Set(mapping.filter((t) => t.kind !== 'blocks').map((t) => tableFingerprint(t.columns.map((c) => c.heading))));
}

/** The mapping an import was read with; for a version not read yet, that of the version it re-reads. */
async function shapeOf(store: Store, imp: ImportView): Promise<TableMapping[]> {
  const own = (await store.imports.getMapping(imp.importId)) ?? [];
  if (own.length > 0 || imp.supersedes === undefined) return own;
  return (await store.imports.getMapping(imp.supersedes)) ?? [];
}

/**
 * The other current imports (done, not withdrawn, not replaced) with a table of the same heading fingerprint as one
 * of `imp`'s: `user`'s own member's for a member, everyone's otherwise; newest first. Versions of `imp`'s own file
 * (same member and content) are not others.
 */
export async function similarImports(store: Store, imp: ImportView, user: Pick<User, 'role' | 'memberId'>): Promise<SimilarImport[]> {
  const wanted = fingerprints(await shapeOf(store, imp));
  if (wanted.size === 0) return [];
  const current = await store.imports.listCurrentMappings(user.role === 'member' ? { memberId: user.memberId ?? '' } : {});
  const out: SimilarImport[] = [];
  for (const c of current) {
    if (c.importId === imp.importId || (c.memberId === imp.memberId && c.sha256 === imp.sha256)) continue;
    const tables = c.mapping.filter((t) => t.kind !== 'blocks' && wanted.has(tableFingerprint(t.columns.map((x) => x.heading)))).map((t) => t.table);
    if (tables.length > 0) out.push({ importId: c.importId, memberId: c.memberId, file: c.file, createdAt: c.createdAt, tables });
  }
  return out;
}

/**
 * Reads the similar imports of `imp` (all of them, or those of `only`) again with the columns chosen for `imp` (by a
 * person or a template; a version not read yet: those asked for it) and its date order and hours per day, each as a
 * new version (see the module comment). Columns of headings another file lacks are left out for it.
 * @throws MappingError `no_mapping` (422) when no column of `imp` was chosen by a person or a template
 * @returns the new versions, and the imports skipped: not similar (`not_similar`), or refused as a single re-read
 *   would be (`superseded`, `newer_version`, `withdrawn`, `not_done`)
 */
export async function rereadSimilar(deps: RereadDeps, imp: ImportView, user: Pick<User, 'id' | 'role' | 'memberId'>, only?: readonly string[]): Promise<SimilarRereads> {
  const reading = await deps.store.imports.getReading(imp.importId);
  const columns: ColumnChoices = reading?.requested?.columns ?? reading?.used?.columns ?? {};
  if (Object.keys(columns).length === 0) {
    throw new MappingError(422, 'no_mapping', 'no column of this import was chosen by a person or a template: there is no mapping to apply; correct its mapping first');
  }
  const similar = await similarImports(deps.store, imp, user);
  const skipped: SkippedImport[] = [];
  const chosen = only === undefined ? similar : similar.filter((s) => only.includes(s.importId));
  for (const id of only ?? []) {
    if (!similar.some((s) => s.importId === id)) skipped.push({ importId: id, code: 'not_similar', message: 'not a current import read in the same shape that you may change' });
  }
  const rereads: Reread[] = [];
  for (const s of chosen) {
    const other = await deps.store.imports.get(s.importId);
    if (other === null) continue;
    const known = new Set(((await deps.store.imports.getMapping(s.importId)) ?? []).flatMap((t) => t.columns.map((c) => normaliseHeading(c.heading))));
    const change = {
      columns: Object.fromEntries(Object.entries(columns).filter(([h]) => known.has(normaliseHeading(h)))),
      ...(reading?.requested?.dateOrder !== undefined ? { dateOrder: reading.requested.dateOrder } : {}),
      ...(reading?.requested?.hoursPerDay !== undefined ? { hoursPerDay: reading.requested.hoursPerDay } : {}),
    };
    try {
      rereads.push(await rereadWithMapping(deps, other, user, change));
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      skipped.push({ importId: s.importId, code: e.code, message: e.message });
    }
  }
  return { rereads, skipped };
}
