/**
 * A member's records as the service shows them, and changes to one record: the store's rows with the rules that
 * apply across them (duplicates across imports, the import's summary after a change).
 */
import { recordYear, type CpdRecord, type ImportSummary } from '../domain/index.js';
import { summarise } from '../pipeline/import.js';
import { flagDuplicates } from '../pipeline/validate.js';
import type { Acceptance } from '../review/corrections/acceptance.js';
import { CorrectionError } from '../review/corrections/correct.js';
import type { CorrectableRecord, Store, StoredRecord } from '../store/store.js';

/**
 * The records that count (issue 11 §4): those not marked as not a CPD activity (`excluded`). Excluded records are
 * kept and shown, but count in no hours, criteria, summary, duplicate or export.
 */
export function countedRecords<T extends Pick<CpdRecord, 'excluded'>>(records: readonly T[]): T[] {
  return records.filter((r) => r.excluded === undefined);
}

/** An import's summary over its counted records (see {@link countedRecords}; `summarise`, src/pipeline/import.ts). */
export function countedSummary(records: readonly CpdRecord[]): ImportSummary {
  return summarise(countedRecords(records));
}

/**
 * A member's records from their done imports — for each distinct file content only the latest done import
 * counts (a forced re-import or a re-read with a corrected mapping replaces the earlier one; a withdrawn import
 * counts nowhere) — optionally only those counting in `year` (see `recordYear`). Ordered by import time, then
 * source order. Records of different imports that repeat each other (a log uploaded again in a new version, two
 * exports of one log) are flagged as duplicates, so the view and the review criteria see it; records marked as not
 * a CPD activity are listed (with `excluded`) but neither flag nor are flagged. `withUndated` (with a year): records
 * with no counting year are listed too, as the review page lists them under every year.
 */
export async function listMemberRecords(store: Store, memberId: string, year?: number, opts: { withUndated?: boolean } = {}): Promise<StoredRecord[]> {
  const list = await store.records.listLatestForMember(memberId, year, opts);
  const counted = countedRecords(list);
  if (new Set(counted.map((r) => r.importId)).size > 1) {
    flagDuplicates(counted, (r) => (r as StoredRecord).importId);
  }
  return list;
}

/**
 * What a revision of a record writes: the new record (gaps as computed; `excluded` set or absent), the acceptances,
 * the audit line, and further audit lines after it (a correction's consequent changes, one line per field).
 */
export interface RecordRevision {
  record: CpdRecord;
  acceptances: Acceptance[];
  audit: { action: string; detail: Record<string, unknown> };
  moreAudit?: { action: string; detail: Record<string, unknown> }[];
}

/**
 * Changes one record in ONE transaction (issue 5 §3): locks the row, hands the current state to `revise` (a pure
 * function that returns the new record, acceptances and audit line, or throws to change nothing), keeps the
 * record as extracted the first time, stores the new record, its year and review time, appends the audit line (and
 * any further lines the revision asks for), and recomputes the import's summary over its counted records.
 * Concurrent revisions of one record are serialised.
 * @returns the record after the change (accepted gaps shown), or null when no record has this id
 * @throws whatever `revise` throws (nothing is written)
 */
export async function reviseRecord(store: Store, id: string, userId: string, revise: (current: CorrectableRecord) => RecordRevision): Promise<(StoredRecord & { memberId: string }) | null> {
  return store.transaction(async (tx) => {
    const current = await tx.records.getCorrectable(id, { forUpdate: true });
    if (current === null) return null;
    const rev = revise(current);
    const updated = await tx.records.saveRevision(id, { record: rev.record, year: recordYear(rev.record), acceptances: rev.acceptances });
    for (const line of [rev.audit, ...(rev.moreAudit ?? [])]) await tx.audit.append({ userId, action: line.action, entity: 'record', entityId: id, detail: line.detail });
    await tx.imports.setSummary(current.importId, countedSummary(await tx.records.listForImport(current.importId)));
    return updated;
  });
}

/**
 * Changes several records in ONE transaction, all or nothing (issue 14 §4, bulk fixes): each record is locked and
 * revised as {@link reviseRecord} does (record as extracted kept, audit line(s) per record), then each import's
 * summary is recomputed once. `revise` throwing a `CorrectionError` for a record does not stop the others being
 * tried, so that every refusal can be named; if any record was refused or missing, nothing is written. `revise`
 * returning null leaves that record as it is (nothing written for it, no audit line).
 * @returns the records changed, in the order of `ids`
 * @throws BulkRefusal naming each record that could not be changed and why (nothing written); whatever else
 *   `revise` throws
 */
export async function reviseRecords(
  store: Store,
  ids: readonly string[],
  userId: string,
  revise: (current: CorrectableRecord) => RecordRevision | null,
): Promise<(StoredRecord & { memberId: string })[]> {
  return store.transaction(async (tx) => {
    const out: (StoredRecord & { memberId: string })[] = [];
    const refused: { id: string; message: string }[] = [];
    const importIds = new Set<string>();
    for (const id of ids) {
      const current = await tx.records.getCorrectable(id, { forUpdate: true });
      if (current === null) {
        refused.push({ id, message: 'no such record' });
        continue;
      }
      let rev: RecordRevision | null;
      try {
        rev = revise(current);
      } catch (e) {
        if (e instanceof CorrectionError) {
          refused.push({ id, message: e.message });
          continue;
        }
        throw e;
      }
      if (refused.length > 0 || rev === null) continue;
      const updated = await tx.records.saveRevision(id, { record: rev.record, year: recordYear(rev.record), acceptances: rev.acceptances });
      for (const line of [rev.audit, ...(rev.moreAudit ?? [])]) await tx.audit.append({ userId, action: line.action, entity: 'record', entityId: id, detail: line.detail });
      importIds.add(current.importId);
      out.push(updated!);
    }
    if (refused.length > 0) throw new BulkRefusal(refused);
    for (const importId of importIds) await tx.imports.setSummary(importId, countedSummary(await tx.records.listForImport(importId)));
    return out;
  });
}

/** A bulk change refused as a whole: each record that could not be changed, and why. Nothing was written. */
export class BulkRefusal extends Error {
  constructor(readonly refused: { id: string; message: string }[]) {
    super(`nothing was changed: ${refused.length === 1 ? '1 record' : `${refused.length} records`} could not be changed (${refused.map((r) => `${r.id}: ${r.message}`).join('; ')})`);
    this.name = 'BulkRefusal';
  }
}

/** The years a member's records count in (undated: `year` null, last), with records and completed activities counted (see `RecordsRepository.countByYear`). */
export async function memberYears(store: Store, memberId: string): Promise<{ year: number | null; records: number; completed: number }[]> {
  return store.records.countByYear(memberId);
}

/**
 * One page of a member's records as {@link listMemberRecords} lists them (`limit` records from `offset`), and how
 * many there are in all. Read page by page from the store when the records come from one import (no duplicates
 * across imports to flag); else listed whole, flagged, and sliced.
 */
export async function pageMemberRecords(store: Store, memberId: string, year: number | undefined, opts: { withUndated: boolean; limit: number; offset: number }): Promise<{ records: StoredRecord[]; total: number }> {
  const counts = await store.records.countLatestForMember(memberId, year, { withUndated: opts.withUndated });
  const total = counts.reduce((a, c) => a + c.records, 0);
  if (counts.length > 1) {
    const all = await listMemberRecords(store, memberId, year, { withUndated: opts.withUndated });
    return { records: all.slice(opts.offset, opts.offset + opts.limit), total: all.length };
  }
  const records = await store.records.listLatestForMember(memberId, year, { withUndated: opts.withUndated, page: { limit: opts.limit, offset: opts.offset } });
  return { records, total };
}
