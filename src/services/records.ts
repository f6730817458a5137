/**
 * A member's records as the service shows them, and changes to one record: the store's rows with the rules that
 * apply across them (duplicates across imports, the import's summary after a change).
 */
import { recordYear, type CpdRecord } from '../domain/index.js';
import { summarise } from '../pipeline/import.js';
import { flagDuplicates } from '../pipeline/validate.js';
import type { Acceptance } from '../review/corrections/acceptance.js';
import type { CorrectableRecord, Store, StoredRecord } from '../store/store.js';

/**
 * A member's records from their done imports — for each distinct file content only the latest done import
 * counts (a forced re-import replaces the earlier one) — optionally only those counting in `year`
 * (see `recordYear`). Ordered by import time, then source order. Records of different imports that repeat each
 * other (a log uploaded again in a new version, two exports of one log) are flagged as duplicates, so the view and
 * the review criteria see it.
 */
export async function listMemberRecords(store: Store, memberId: string, year?: number): Promise<StoredRecord[]> {
  const list = await store.records.listLatestForMember(memberId, year);
  if (new Set(list.map((r) => r.importId)).size > 1) {
    flagDuplicates(list, (r) => (r as StoredRecord).importId);
  }
  return list;
}

/** What a revision of a record writes: the new record (gaps as computed), the acceptances, and the audit line. */
export interface RecordRevision {
  record: CpdRecord;
  acceptances: Acceptance[];
  audit: { action: string; detail: Record<string, unknown> };
}

/**
 * Changes one record in ONE transaction (issue 5 §3): locks the row, hands the current state to `revise` (a pure
 * function that returns the new record, acceptances and audit line, or throws to change nothing), keeps the
 * record as extracted the first time, stores the new record, its year and review time, appends the audit line, and
 * recomputes the import's summary. Concurrent revisions of one record are serialised.
 * @returns the record after the change (accepted gaps shown), or null when no record has this id
 * @throws whatever `revise` throws (nothing is written)
 */
export async function reviseRecord(store: Store, id: string, userId: string, revise: (current: CorrectableRecord) => RecordRevision): Promise<(StoredRecord & { memberId: string }) | null> {
  return store.transaction(async (tx) => {
    const current = await tx.records.getCorrectable(id, { forUpdate: true });
    if (current === null) return null;
    const rev = revise(current);
    const updated = await tx.records.saveRevision(id, { record: rev.record, year: recordYear(rev.record), acceptances: rev.acceptances });
    await tx.audit.append({ userId, action: rev.audit.action, entity: 'record', entityId: id, detail: rev.audit.detail });
    await tx.imports.setSummary(current.importId, summarise(await tx.records.listForImport(current.importId)));
    return updated;
  });
}
