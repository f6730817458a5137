/**
 * A reviewer's work on one record (issue 5 §3): correcting a field, accepting a gap, and marking the record as not a
 * CPD activity or counting it again (issue 11 §4). The record is read and written through {@link reviseRecord} (one
 * transaction, audited); the rules of a correction are in `src/review/corrections/correct.ts`.
 */
import type { Gap } from '../domain/index.js';
import { todayIso } from '../pipeline/import.js';
import { applyAcceptances, consequencesOf, CorrectionError, correctRecord, displayValue, findAcceptableGap, type Acceptance, type Consequence, type CorrectableField } from '../review/corrections/correct.js';
import type { CorrectableRecord, Store, StoredRecord, User } from '../store/store.js';
import { reviseRecord, type RecordRevision } from './records.js';

/** Display label of a user in gap messages and the audit trail: the name, else role and short id. */
export function userLabel(u: Pick<User, 'name' | 'role' | 'id'>): string {
  return u.name !== null && u.name.trim() !== '' ? u.name.trim() : `${u.role} ${u.id.slice(0, 8)}`;
}

/**
 * A corrected record, the change as shown (old and new value), the fields that changed with it (`consequences`,
 * issue 11 §6), and the errors and warnings it introduced.
 */
export interface CorrectionOutcome {
  record: StoredRecord & { memberId: string };
  change: { old: string; new: string };
  consequences: Consequence[];
  newProblems: Gap[];
}

/** A correction asked for: the field, the text typed (`null` or "" clears it) and why. */
export interface CorrectionInput {
  field: CorrectableField;
  value: string | null;
  reason: string;
}

/**
 * What a correction of the current record would write, and what it shows (see {@link CorrectionOutcome}); pure.
 * @throws CorrectionError as {@link correctField}
 */
export function planCorrection(cur: CorrectableRecord, user: User, input: CorrectionInput): { revision: RecordRevision } & Omit<CorrectionOutcome, 'record'> {
  const { field, value, reason } = input;
  const c = correctRecord(cur.record, field, value, reason, { label: userLabel(user), today: todayIso() }, { hasEndColumn: cur.hasEndColumn });
  if (cur.original !== null && JSON.stringify(cur.original.data[field] ?? null) === JSON.stringify(c.newValue)) {
    c.record.gaps = [...c.record.gaps.filter((g) => g.field !== field), ...cur.original.gaps.filter((g) => g.field === field)];
    const rawBefore = (cur.original.data.raw as Record<string, string> | undefined)?.[field];
    if (rawBefore === undefined) delete c.record.raw[field];
    else c.record.raw[field] = rawBefore;
  }
  // A correction may leave the record worse (mid-fix): name the errors and warnings it did not have before.
  const before = new Set(cur.record.gaps.map((g) => `${g.field}|${g.code}|${g.message}`));
  const newProblems = c.record.gaps.filter((g) => (g.severity === 'error' || g.severity === 'warning') && g.code !== 'corrected' && !before.has(`${g.field}|${g.code}|${g.message}`));
  // Fields that changed with it are shown and audited, one line each (issue 11 §6: a TWAVES category inferred from
  // the old name was cleared silently).
  const consequences = consequencesOf(cur.record, c.record, field);
  const changed = consequences.map((q) => ({ field: q.field, oldValue: q.oldValue, newValue: q.newValue }));
  return {
    revision: {
      record: c.record,
      acceptances: cur.acceptances.filter((a) => a.field !== field && !consequences.some((q) => q.field === a.field)),
      audit: { action: 'record.correct', detail: { field, oldValue: c.oldValue, newValue: c.newValue, input: value, reason, ...(changed.length === 0 ? {} : { consequences: changed }) } },
      moreAudit: consequences.map((q) => ({ action: 'record.consequence', detail: { field: q.field, oldValue: q.oldValue, newValue: q.newValue, because: { field, reason }, why: q.why } })),
    },
    change: { old: displayValue(c.oldValue), new: displayValue(c.newValue) },
    consequences,
    newProblems,
  };
}

/**
 * Corrects one field of a record from the text a reviewer (or the member) typed (`null` or "" clears it), with a
 * reason. Back to the value as extracted, the field's gaps are the extracted ones again and no "corrected" mark stays
 * (service trial 3); the audit trail keeps both changes. Acceptances of the field's gaps, and of the fields that
 * changed with it, are dropped. Each field that changed as a consequence gets an audit line of its own
 * (`record.consequence`) after the correction's.
 * @returns the outcome, or null when no record has this id
 * @throws CorrectionError when the text cannot be read for the field, or equals the current value (nothing written)
 */
export async function correctField(store: Store, id: string, user: User, input: CorrectionInput): Promise<CorrectionOutcome | null> {
  let shown: Omit<CorrectionOutcome, 'record'> = { change: { old: '', new: '' }, consequences: [], newProblems: [] };
  const record = await reviseRecord(store, id, user.id, (cur) => {
    const { revision, ...rest } = planCorrection(cur, user, input);
    shown = rest;
    return revision;
  });
  return record === null ? null : { record, ...shown };
}

/**
 * What {@link correctField} would do, without writing anything (issue 11 §6: a consequent change is shown before
 * saving): the record as it would be (accepted gaps shown), the change, the consequences and the new problems.
 * @returns null when no record has this id
 * @throws CorrectionError as {@link correctField}
 */
export async function previewCorrection(store: Store, id: string, user: User, input: CorrectionInput): Promise<CorrectionOutcome | null> {
  const cur = await store.records.getCorrectable(id);
  if (cur === null) return null;
  const { revision, ...rest } = planCorrection(cur, user, input);
  const gaps = applyAcceptances(revision.record.gaps, revision.acceptances);
  return { record: { id: cur.id, importId: cur.importId, ...revision.record, gaps, memberId: cur.memberId }, ...rest };
}

/**
 * Accepts one open gap of a record (identified by field, code and message as shown) with the reviewer's note,
 * without changing the value; the gap is then shown as `accepted`.
 * @returns the record after the change, or null when no record has this id
 * @throws CorrectionError when the record has no such open gap (nothing written)
 */
export async function acceptGap(store: Store, id: string, user: User, input: { field: string | null; code: string; message: string; note: string }): Promise<(StoredRecord & { memberId: string }) | null> {
  return reviseRecord(store, id, user.id, (cur) => planAcceptance(cur, user, [findAcceptableGap(cur.record.gaps, cur.acceptances, { field: input.field, code: input.code as Acceptance['code'], message: input.message })], input.note));
}

/**
 * What accepting `gaps` (open gaps of the current record, as found by `findAcceptableGap`) with `note` writes: the
 * record unchanged, the acceptances added, one `gap.accept` audit line (further gaps accepted at once: one more line each).
 */
export function planAcceptance(cur: CorrectableRecord, user: User, gaps: readonly Gap[], note: string): RecordRevision {
  const at = new Date().toISOString();
  const added: Acceptance[] = gaps.map((g) => ({ field: g.field, code: g.code, message: g.message, note, by: user.id, byLabel: userLabel(user), at }));
  const lines = gaps.map((g) => ({ action: 'gap.accept', detail: { field: g.field, code: g.code, severity: g.severity, message: g.message, note } }));
  return { record: cur.record, acceptances: [...cur.acceptances, ...added], audit: lines[0]!, moreAudit: lines.slice(1) };
}

/**
 * Marks a record as not a CPD activity (`excluded: true`, with a reason: kept and shown, counted nowhere) or counts
 * it again (`excluded: false`; a reason is optional). Audited as `record.exclude` or `record.include` with the
 * reason (and, when counting again, the exclusion it ends).
 * @returns the record after the change, or null when no record has this id
 * @throws CorrectionError when the record is already in the state asked for (nothing written)
 */
export async function setExclusion(store: Store, id: string, user: User, input: { excluded: boolean; reason: string | null }): Promise<(StoredRecord & { memberId: string }) | null> {
  return reviseRecord(store, id, user.id, (cur) => {
    const was = cur.record.excluded;
    if (input.excluded && was !== undefined) throw new CorrectionError(`the record is already marked as not a CPD activity (by ${was.by} on ${was.at.slice(0, 10)}: ${was.reason})`);
    if (!input.excluded && was === undefined) throw new CorrectionError('the record is not marked as excluded: it already counts');
    const record = { ...cur.record };
    if (input.excluded) record.excluded = { reason: input.reason ?? '', by: userLabel(user), at: new Date().toISOString() };
    else delete record.excluded;
    return {
      record,
      acceptances: cur.acceptances,
      audit: input.excluded ? { action: 'record.exclude', detail: { reason: input.reason } } : { action: 'record.include', detail: { reason: input.reason, ended: was } },
    };
  });
}
