/**
 * Gap acceptances (issue 5 §3): a reviewer marks a gap as accepted, with a note, without changing the value. Kept
 * apart from the record's gaps (the store's `records.acceptances`) and applied when a record is read, so that a
 * gap recomputed after a correction is matched again by its identity. No dependencies: the store loads this.
 */
import type { Gap } from '../../domain/index.js';

/** A reviewer's acceptance of one gap: the gap's identity (field, code, message), the note, who and when. */
export interface Acceptance {
  field: string | null;
  code: Gap['code'];
  message: string;
  note: string;
  /** User id. */
  by: string;
  /** Display label of the user (name, else role and short id). */
  byLabel: string;
  /** ISO 8601 timestamp. */
  at: string;
}

/** Key of a gap's identity: field, code and message. */
export function gapKey(g: Pick<Gap, 'field' | 'code' | 'message'>): string {
  return `${g.field ?? ''}\u0000${g.code}\u0000${g.message}`;
}

/**
 * The gaps as a reviewer sees them: each gap matching an acceptance (same field, code and message) becomes an
 * `accepted` gap (severity info) whose message keeps the original severity, code and message and adds who accepted
 * it, when (date `YYYY-MM-DD`) and the note. An acceptance whose gap is gone (the value was corrected, or the gap
 * was recomputed with other figures) no longer applies.
 */
export function applyAcceptances(gaps: readonly Gap[], acceptances: readonly Acceptance[]): Gap[] {
  if (acceptances.length === 0) return [...gaps];
  const byKey = new Map(acceptances.map((a) => [gapKey(a), a]));
  return gaps.map((g) => {
    const a = byKey.get(gapKey(g));
    if (a === undefined) return g;
    const message = `${g.message} — accepted (was ${g.severity} ${g.code}) by ${a.byLabel} on ${a.at.slice(0, 10)}: ${a.note}`;
    const out: Gap = { field: g.field, code: 'accepted', severity: 'info', message };
    if (g.raw !== undefined) out.raw = g.raw;
    return out;
  });
}
