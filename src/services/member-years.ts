/**
 * A member's year: the activity status that applies (stored, else `active`), setting it (audited), and the review
 * criteria over the member's records: the IET annual review for a year, or the review of the member's own body
 * (src/services/member-body.ts) over a period of its rule set (issue 16 §3).
 */
import { todayIso } from '../pipeline/import.js';
import { reviewYear, type ActivityStatus, type AnnualReview } from '../review/criteria/index.js';
import { parsePeriod, periodFor, reviewForBody, type BodyReview, type ReviewPeriod } from '../review/rulesets/index.js';
import type { MemberYearSetting, Store } from '../store/store.js';
import { appliedBody, publicBody, type AppliedBody } from './member-body.js';
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
 * The IET annual review criteria over all the member's counted records (not withdrawn, not superseded, not marked as
 * not a CPD activity), for one calendar year and the status that applies, whatever the member's body (the member's own
 * body's review, as the API, the page and the exports give it, is {@link memberBodyReview}).
 */
export async function memberReview(store: Store, memberId: string, year: number): Promise<MemberReview> {
  const status = await appliedStatus(store, memberId, year);
  const records = countedRecords(await listMemberRecords(store, memberId));
  return { memberId, year, activityStatus: status, review: reviewYear(records, { year, activityStatus: status.value, today: todayIso() }) };
}

/**
 * The period asked for: a calendar year (for an N-year body the N years ending with it), exact days as text
 * (`2022-04-01..2025-03-31`), or nothing (the body's period ending with the current calendar year).
 */
export type PeriodRequest = { year: number } | { days: string } | undefined;

/** A period that cannot be reviewed: malformed or reversed dates, or days that are no calendar year for the IET. */
export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

/** `GET /members/:id/review` response: the member, their body, the period, the status that applies, and the criteria. */
export interface MemberBodyReview {
  memberId: string;
  /** The calendar year the period ends in: the year whose activity status applies. */
  year: number;
  body: AppliedBody;
  period: ReviewPeriod;
  activityStatus: AppliedStatus;
  /**
   * The IET: the annual review (criteria keyed by name, `src/review/criteria/`); another body: its review against
   * the body's rule set (criteria listed, each with the rule it comes from; `src/review/rulesets/`).
   */
  review: AnnualReview | BodyReview;
}

/**
 * The review of a member against their body's rule set (the service's default when none is set) over a period, on
 * all their counted records.
 * @param opts `defaultBody` the service's `DEFAULT_BODY`; `today` an ISO date (default: the clock's)
 * @throws PeriodError when the period cannot be reviewed (the message says why)
 */
export async function memberBodyReview(store: Store, memberId: string, asked: PeriodRequest, opts: { defaultBody: string; today?: string }): Promise<MemberBodyReview> {
  const today = opts.today ?? todayIso();
  const body = await appliedBody(store, memberId, opts.defaultBody);
  const rs = body.ruleSet;
  let period: ReviewPeriod;
  try {
    period = asked === undefined ? periodFor(rs, { year: Number(today.slice(0, 4)) }) : 'year' in asked ? periodFor(rs, asked) : parsePeriod(rs, asked.days);
  } catch (e) {
    throw new PeriodError((e as Error).message);
  }
  // The IET's criteria (and any rule set using them: their hours by activity status) review one calendar year.
  const yearOnly = rs.criteria.some((c) => c.kind === 'status_hours');
  if (yearOnly && period.year === undefined) throw new PeriodError(`${rs.name} reviews a calendar year: give period=YYYY or year=YYYY, not ${period.label}`);
  const year = Number(period.to.slice(0, 4));
  const status = await appliedStatus(store, memberId, year);
  const records = countedRecords(await listMemberRecords(store, memberId));
  const review = rs.id === 'iet' ? reviewYear(records, { year, activityStatus: status.value, today }) : reviewForBody(records, rs, { period, activityStatus: status.value, today });
  return { memberId, year, body: publicBody(body), period, activityStatus: status, review };
}
