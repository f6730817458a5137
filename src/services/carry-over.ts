/**
 * Carrying reviewers' work over to a re-import (issue 4 trial finding: it was lost when a member uploaded the same
 * file again with `force`).
 */
import type { Gap } from '../domain/index.js';
import type { NewRecordRow, Repositories } from '../store/store.js';

/** JSON with object keys sorted at every level: jsonb keeps its own key order, so compare through this. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/**
 * Carries reviewers' corrections and acceptances over from the latest earlier done import of the same file content
 * for the same member (the one a forced re-import replaces in the member's view). A reviewed record is carried to
 * the new record at the same position when the new record was read exactly as the old one was before review (same
 * fields and gaps): it takes the reviewed values, gaps, acceptances, the record as extracted and the review time,
 * and its audit trail gets the old record's lines plus a `record.carry` line naming where they came from. Reviewed
 * records read differently now (the importer changed) are not carried; a file-level gap says how many and where to
 * find them. Runs inside the caller's transaction (`tx`).
 * @param rows the new import's records as just inserted
 * @returns how many were carried, and the file gap to add (null when every reviewed record was carried)
 */
export async function carryCorrectionsOver(
  tx: Repositories,
  now: { importId: string; memberId: string; sha: string },
  rows: readonly Pick<NewRecordRow, 'id' | 'data' | 'gaps'>[],
): Promise<{ carried: number; notice: Gap | null }> {
  const prev = await tx.imports.findReplaced(now.importId, now.memberId, now.sha);
  if (!prev) return { carried: 0, notice: null };
  const reviewed = await tx.records.listReviewed(prev.importId);
  let carried = 0;
  for (const old of reviewed) {
    const target = rows[old.position];
    const asExtracted = (old.original as { data: unknown; gaps: unknown } | null) ?? { data: old.data, gaps: old.gaps };
    if (target === undefined || canonicalJson(asExtracted) !== canonicalJson({ data: target.data, gaps: target.gaps })) continue;
    await tx.records.copyReview(target.id, old);
    await tx.audit.copyRecordTrail(old.id, target.id);
    await tx.audit.append({ userId: null, action: 'record.carry', entity: 'record', entityId: target.id, detail: { fromRecord: old.id, fromImport: prev.importId } });
    carried++;
  }
  const left = reviewed.length - carried;
  const when = prev.createdAt.slice(0, 10);
  const notice: Gap | null =
    left === 0
      ? null
      : {
          field: null,
          code: 'review_not_carried',
          severity: 'warning',
          message: `${left} record${left === 1 ? '' : 's'} corrected or accepted by a reviewer in the earlier import of this file (${prev.file}, ${when}, import ${prev.importId}) ${left === 1 ? 'is' : 'are'} read differently now and ${left === 1 ? 'was' : 'were'} not carried over: compare with that import`,
        };
  return { carried, notice };
}
