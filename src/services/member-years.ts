/**
 * A member's year: the activity status that applies (stored, else `active`), setting it (audited), and the annual
 * review criteria over the member's records for that year.
 */
import { todayIso } from '../pipeline/import.js';
import { reviewYear, type ActivityStatus, type AnnualReview } from '../review/criteria/index.js';
import type { MemberYearSetting, Store } from '../store/store.js';
import { countedRecords, listMemberRecords } from './records.js';

/** The activity status that applies to a member-year and where it comes from. */
export interface AppliedStatus {
  value: ActivityStatus;
  /** `setting` when stored for the member-year, `default` (active) otherwise. */
  source: 'setting' | 'default';
  note: string | null;
  setBy: string | null;
  setAt: string | null;
}

/** `GET /members/:id/review` response: the member, the year, the status that applies, and the criteria. */
export interface MemberReview {
  memberId: string;
  year: number;
  activityStatus: AppliedStatus;
  review: AnnualReview;
}

/** The activity status that applies to a member-year: the stored setting, else `active` (docs/domain/CPD.md §2 point 2). */
export async function appliedStatus(store: Store, memberId: string, year: number): Promise<AppliedStatus> {
  const s = await store.memberYears.get(memberId, year);
  return s === null ? { value: 'active', source: 'default', note: null, setBy: null, setAt: null } : { value: s.activityStatus, source: 'setting', note: s.note, setBy: s.setBy, setAt: s.setAt };
}

/**
 * Sets a member's activity status for a year (creating the member when missing) and appends an audit line with
 * the old and new status, in one transaction. Returns the stored setting.
 */
export async function setActivityStatus(store: Store, memberId: string, year: number, activityStatus: ActivityStatus, note: string | null, by: string): Promise<MemberYearSetting> {
  return store.transaction(async (tx) => {
    await tx.members.ensure(memberId);
    const old = await tx.memberYears.get(memberId, year, { forUpdate: true });
    const row = await tx.memberYears.upsert(memberId, year, activityStatus, note, by);
    await tx.audit.append({ userId: by, action: 'member.status', entity: 'member', entityId: memberId, detail: { year, oldValue: old?.activityStatus ?? null, newValue: activityStatus, note } });
    return row;
  });
}

/**
 * The annual review criteria over all the member's counted records (not withdrawn, not superseded, not marked as not
 * a CPD activity), for one calendar year and the status that applies.
 */
export async function memberReview(store: Store, memberId: string, year: number): Promise<MemberReview> {
  const status = await appliedStatus(store, memberId, year);
  const records = countedRecords(await listMemberRecords(store, memberId));
  return { memberId, year, activityStatus: status, review: reviewYear(records, { year, activityStatus: status.value, today: todayIso() }) };
}
