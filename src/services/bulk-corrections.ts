/**
 * Bulk fixes on many records at once (issue 14 §4): set a field to one value, fill a field down from the first
 * record, accept one kind of gap, or a list of single corrections (what the review page's "undo" sends). Each is
 * the single-record correction or acceptance of `src/services/corrections.ts` applied to each record — read by the
 * import's own normalisers, with its consequences, one audit line per record (plus its consequence lines) — in ONE
 * transaction: all records change, or none (see {@link reviseRecords}).
 */
import { CorrectionError, displayValue, fieldValue, parseFieldInput, type CorrectableField } from '../review/corrections/correct.js';
import type { CorrectableRecord, Store, StoredRecord, User } from '../store/store.js';
import { planAcceptance, planCorrection } from './corrections.js';
import { BulkRefusal, reviseRecords, type RecordRevision } from './records.js';

/**
 * A bulk change, with the reason (or note, for an acceptance) written on every record's audit line:
 * - `set`: `field` of every record in `ids` becomes `value` (text as typed; null or "" clears it); a record that
 *   already has that value is left as it is (listed in `unchanged`);
 * - `fillDown`: `field` of every record in `ids` after the first becomes the first record's value (as `set`);
 * - `accept`: every open gap with `field` and `code` on each record in `ids` is accepted (a record with none is refused);
 * - `correct`: each listed change, one record each (`value` as typed).
 */
export type BulkChange =
  | { action: 'set'; ids: string[]; field: CorrectableField; value: string | null; reason: string }
  | { action: 'fillDown'; ids: string[]; field: CorrectableField; reason: string }
  | { action: 'accept'; ids: string[]; field: string | null; code: string; reason: string }
  | { action: 'correct'; changes: { id: string; field: CorrectableField; value: string | null }[]; reason: string };

/** The records a bulk change changed, after it, in the order asked; and those a set or fill-down left as they were (already that value). */
export interface BulkOutcome {
  records: (StoredRecord & { memberId: string })[];
  unchanged: string[];
}

/** The ids a bulk change touches, in order. */
export function bulkIds(change: BulkChange): string[] {
  return change.action === 'correct' ? change.changes.map((c) => c.id) : change.ids;
}

/**
 * Applies a bulk change, all or nothing. A record listed twice is refused (its second change would hide the first
 * in the audit trail's meaning).
 * @throws BulkRefusal naming each record that could not be changed and why (e.g. a value its field cannot read, a
 *   value equal to the current one, no such open gap, no such record); nothing is written
 */
export async function applyBulkChange(store: Store, user: User, change: BulkChange): Promise<BulkOutcome> {
  const ids = bulkIds(change);
  const seen = new Set<string>();
  const twice = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (twice.length > 0) throw new BulkRefusal(twice.map((id) => ({ id, message: 'listed more than once' })));
  let targets: string[] = ids;
  let fill: string | null = null;
  if (change.action === 'fillDown') {
    const first = await store.records.getCorrectable(ids[0]!);
    if (first === null) throw new BulkRefusal([{ id: ids[0]!, message: 'no such record' }]);
    const v = fieldValue(first.record, change.field);
    fill = v === null || (Array.isArray(v) && v.length === 0) ? null : displayValue(v);
    targets = ids.slice(1);
  }
  const byId = new Map(change.action === 'correct' ? change.changes.map((c) => [c.id, c]) : []);
  const unchanged: string[] = [];
  /** A set or fill-down to the value a record already has leaves it as it is (no audit line); else the correction. */
  const setTo = (cur: CorrectableRecord, field: CorrectableField, value: string | null, reason: string): RecordRevision | null => {
    if (JSON.stringify(parseFieldInput(field, value).value) === JSON.stringify(fieldValue(cur.record, field) ?? null)) {
      unchanged.push(cur.id);
      return null;
    }
    return planCorrection(cur, user, { field, value, reason }).revision;
  };
  const records = await reviseRecords(store, targets, user.id, (cur) => {
    switch (change.action) {
      case 'set':
        return setTo(cur, change.field, change.value, change.reason);
      case 'fillDown':
        return setTo(cur, change.field, fill, change.reason);
      case 'correct': {
        const c = byId.get(cur.id)!;
        return planCorrection(cur, user, { field: c.field, value: c.value, reason: change.reason }).revision;
      }
      case 'accept': {
        const accepted = new Set(cur.acceptances.map((a) => `${a.field ?? ''}|${a.code}|${a.message}`));
        const open = cur.record.gaps.filter((g) => g.field === change.field && g.code === change.code && g.code !== 'corrected' && !accepted.has(`${g.field ?? ''}|${g.code}|${g.message}`));
        if (open.length === 0) throw new CorrectionError(`no open ${change.code} gap on ${change.field ?? 'the record'}`);
        return planAcceptance(cur, user, open, change.reason);
      }
    }
  });
  return { records, unchanged };
}
