/**
 * The mapping step (issue 11 §1–2): how an import's file was read — for each table its header row, and for each
 * column the heading, the field it went to, how and how sure (as the pipeline's map stage decided: `how`,
 * `confidence`, `reason`), and sample values; plus the options used — and reading the file again with a corrected
 * mapping as a new version of the import. The new version is an import of the same file for the same member, so it
 * replaces the old one in the member's records when done, and reviewers' corrections, acceptances and exclusions
 * are carried over to records that read the same (`carry-over.ts`), the rest named in a warning, as for a forced
 * re-import; the old version and its records are kept.
 */
import { randomUUID } from 'node:crypto';
import type { ColumnChoices, ColumnMapping, ReadingRequest, ReadingUsed, TableMapping } from '../domain/index.js';
import { normaliseHeading } from '../pipeline/headings.js';
import type { ImportView, Store, User } from '../store/store.js';

/** One column of a table as the mapping step shows it: as the map stage reported it, with its sample values. */
export type MappingColumn = ColumnMapping & { samples: string[] };

/** One table (a sheet's table, a CSV file, a document table, or a set of labelled blocks) as the mapping step shows it. */
export type MappingTable = Omit<TableMapping, 'columns'> & { columns: MappingColumn[] };

/**
 * `GET /imports/:id/mapping`: the import, its place among versions of the same file (`supersedes`: the version it
 * re-reads; `supersededBy`: the later done version that replaces it), its tables, and the options it was read with
 * (null for an import read before the service recorded them).
 */
export interface ImportMapping {
  importId: string;
  file: string;
  format: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  tables: MappingTable[];
  options: ReadingUsed | null;
}

/** Why a mapping cannot be read or changed now; `code` is the API's error code, `status` its HTTP status. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(
    readonly status: 409 | 422,
    readonly code: 'not_done' | 'withdrawn' | 'superseded' | 'newer_version' | 'unknown_heading' | 'blocks_only' | 'preview_unavailable' | 'no_mapping',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The mapping of a done import (see {@link ImportMapping}).
 * @returns null when no import has this id
 * @throws MappingError `not_done` (409) while the import is queued or processing, or when it failed
 */
export async function importMapping(store: Store, imp: ImportView): Promise<ImportMapping | null> {
  if (imp.status !== 'done') throw new MappingError(409, 'not_done', `the import is ${imp.status}; its mapping is there when it is done`);
  const [mapping, reading, later] = await Promise.all([store.imports.getMapping(imp.importId), store.imports.getReading(imp.importId), store.imports.supersededBy(imp.importId)]);
  if (mapping === null || reading === null) return null;
  return {
    importId: imp.importId,
    file: imp.file,
    format: imp.format,
    supersedes: imp.supersedes ?? null,
    supersededBy: later,
    tables: mapping.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, samples: c.samples ?? [] })) })),
    options: reading.used,
  };
}

/** A corrected mapping (`PUT /imports/:id/mapping`): columns in the CLI's `--mapping` shape, and the options. */
export interface MappingChange {
  columns: ColumnChoices;
  dateOrder?: 'dmy' | 'mdy' | 'auto';
  /** Decimal hours per day of a log that gives days. */
  hoursPerDay?: number;
  /** Remember the resulting mapping for files whose table has the same headings (`src/services/templates.ts`). */
  remember?: boolean;
}

/** `PUT /imports/:id/mapping` answer (202): the new version, the one it supersedes, and its status. */
export interface Reread {
  importId: string;
  supersedes: string;
  status: 'queued';
}

/** What a re-read needs besides the store: the queue to tell, and a logger. */
export interface RereadDeps {
  store: Store;
  queue: { enqueue(importId: string, owner?: string): Promise<unknown> };
  logger: { warn(obj: object, msg: string): void };
}

/** The headings of the tables whose columns a mapping can choose (not labelled blocks), normalised. */
function tableHeadings(mapping: readonly TableMapping[]): Set<string> {
  return new Set(mapping.filter((t) => t.kind !== 'blocks').flatMap((t) => t.columns.map((c) => normaliseHeading(c.heading))));
}

/**
 * What the new version is read with: the columns a person chose for the old version with the change's columns over
 * them, and the change's date order and hours per day, else the old version's choices. A template's columns are not
 * copied in: the template reads the new version again (the same headings), and its columns keep saying whose they
 * are ("set to … by the template saved by …"), not "by the mapping you gave" (found trying the mapping step).
 */
export function nextReading(old: { requested: ReadingRequest | null; used: ReadingUsed | null }, change: MappingChange): ReadingRequest {
  const before: ColumnChoices = old.requested?.columns ?? {};
  // Headings that normalise alike are one heading: the change's spelling replaces the old one.
  const changed = new Set(Object.keys(change.columns).map(normaliseHeading));
  const columns = Object.fromEntries([...Object.entries(before).filter(([h]) => !changed.has(normaliseHeading(h))), ...Object.entries(change.columns)]);
  const out: ReadingRequest = { columns };
  const dateOrder = change.dateOrder ?? old.requested?.dateOrder;
  if (dateOrder !== undefined) out.dateOrder = dateOrder;
  const hoursPerDay = change.hoursPerDay ?? old.requested?.hoursPerDay;
  if (hoursPerDay !== undefined) out.hoursPerDay = hoursPerDay;
  if (change.remember === true) out.remember = true;
  return out;
}

/**
 * Checks that a change names only headings of the file's tables (compared normalised).
 * @throws MappingError `unknown_heading` (422) when a heading is not one of the file's tables (when it has any);
 *   `blocks_only` (422) when the file's activities are labelled blocks, whose labels are not remapped
 */
export function checkChange(mapping: readonly TableMapping[], change: Pick<MappingChange, 'columns'>): void {
  const known = tableHeadings(mapping);
  if (known.size === 0 && mapping.length > 0 && Object.keys(change.columns).length > 0) {
    throw new MappingError(422, 'blocks_only', "the file's activities were read as labelled blocks, not as a table: their labels cannot be given fields here");
  }
  const unknown = Object.keys(change.columns).filter((h) => known.size > 0 && !known.has(normaliseHeading(h)));
  if (unknown.length > 0) {
    const headings = mapping.filter((t) => t.kind !== 'blocks').flatMap((t) => t.columns.map((c) => `"${c.heading}"`));
    throw new MappingError(422, 'unknown_heading', `${unknown.map((h) => `"${h}"`).join(', ')} ${unknown.length === 1 ? 'is not a heading' : 'are not headings'} of this file's tables (${[...new Set(headings)].join(', ')})`);
  }
}

/**
 * Reads an import's file again with a corrected mapping, as a new version (see the module comment): in one
 * transaction the new import (`queued`, naming the one it supersedes, uploaded by `user`) and its audit line
 * (`import.remap`: the version it supersedes and what changed); then it is queued (a queue that cannot be reached
 * leaves it to the reconciler).
 * @throws MappingError `not_done`, `withdrawn`, `superseded` or `newer_version` (409) when this version cannot be
 *   changed now; `unknown_heading` (422) when a heading is not one of the file's tables (when it has any);
 *   `blocks_only` (422) when the file's activities are labelled blocks, whose labels are not remapped
 */
export async function rereadWithMapping(deps: RereadDeps, imp: ImportView, user: Pick<User, 'id'>, change: MappingChange): Promise<Reread> {
  const { store } = deps;
  if (imp.status !== 'done') throw new MappingError(409, 'not_done', `the import is ${imp.status}; its mapping can be changed when it is done`);
  if (imp.withdrawn !== undefined) throw new MappingError(409, 'withdrawn', 'the import was withdrawn; upload the file again to read it anew');
  checkChange((await store.imports.getMapping(imp.importId)) ?? [], change);
  const reading = nextReading((await store.imports.getReading(imp.importId)) ?? { requested: null, used: null }, change);
  const id = randomUUID();
  await store.transaction(async (tx) => {
    // Serialised with uploads of the same content for the member: a newer version is seen, or waits for this one.
    await tx.imports.lockContent(imp.memberId, imp.sha256);
    const later = await tx.imports.supersededBy(imp.importId);
    if (later !== null) throw new MappingError(409, 'superseded', `this import was replaced by a later version of the same file (import ${later}); change the mapping there`);
    const latest = await tx.imports.findLatestForContent(imp.memberId, imp.sha256);
    // (A newer version that failed replaces nothing: this one may be read again.)
    if (latest !== null && latest.importId !== imp.importId && latest.status !== 'failed') {
      throw new MappingError(409, 'newer_version', `a newer version of this file is ${latest.status} (import ${latest.importId}); change the mapping there when it is done`);
    }
    await tx.imports.insert({ id, memberId: imp.memberId, uploadedBy: user.id, sha256: imp.sha256, fileName: imp.file, supersedes: imp.importId, reading });
    await tx.audit.append({ userId: user.id, action: 'import.remap', entity: 'import', entityId: id, detail: { supersedes: imp.importId, memberId: imp.memberId, change: { ...change } } });
  });
  await deps.queue.enqueue(id, imp.memberId).catch((e: unknown) => {
    deps.logger.warn({ importId: id, err: { message: (e as Error).message } }, 'could not queue the import now; the reconciler will');
  });
  return { importId: id, supersedes: imp.importId, status: 'queued' };
}
