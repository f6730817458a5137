/**
 * The year's records sorted once for every criterion (docs/domain/CPD.md §2): which records count in the reviewed
 * year (completed, planned, later plan, undated, impossible dates), the repeats each criterion leaves out, and the
 * figures several criteria share (completed hours, the plan's names and objectives).
 */
import type { CpdRecord } from '../../domain/index.js';
import { ACTIVITY_STATUS_WORDS, DEFAULT_REVIEW_RULES, REQUIRED_HOURS, type ActivityStatus, type RecordRef, type ReviewRules } from './types.js';
import { countingYear, datedYears, duplicateCopies, h2, hasDateError, impossibleNote, nameKey, plural, positiveHours, ref, relatesToPlan } from './records.js';

/**
 * Options of {@link reviewYear}: the calendar year, the member's activity status for it, optional thresholds, and
 * today's date (ISO `YYYY-MM-DD`; the function reads no clock): a planned entry whose target date is before today
 * and that was not recorded as done is a missed plan, not planned CPD. Without `today` no entry counts as missed.
 */
export interface ReviewOptions {
  year: number;
  activityStatus: ActivityStatus;
  rules?: Partial<ReviewRules>;
  today?: string;
  /** Hours required per activity status (a rule set's figures); default {@link REQUIRED_HOURS}, the IET's. */
  requiredHours?: Readonly<Record<ActivityStatus, number>>;
  /** Suggested planned hours (a rule set's figure); default 10, the IET's. */
  plannedHoursMin?: number;
}

/** What the criteria of one member-year read: the options, the records sorted by where they count (indices into `records`) and shared figures. */
export interface YearContext {
  records: readonly CpdRecord[];
  opts: ReviewOptions;
  rules: ReviewRules;
  year: number;
  activityStatus: ActivityStatus;
  /** Hours required for the activity status. */
  required: number;
  /** Completed activities counting in the year (repeats included). */
  completed: number[];
  /** Planned entries counting in the year. */
  plannedInYear: number[];
  /** Planned entries for later years or with no date. */
  plannedLater: number[];
  undated: number[];
  /** Every planned entry (any year), repeats across uploads left out. */
  planEntries: number[];
  otherYearsWithErrors: RecordRef[];
  inYear: number;
  otherYears: number;
  undatedCompleted: number[];
  /** Completed activities in the year, repeats included. */
  nActs: number;
  /** Completed records in the year that repeat another ({@link duplicateCopies}). */
  copies: Set<number>;
  /** Planned entries that repeat another. */
  planCopies: Set<number>;
  /** Completed activities in the year with repeats left out: what every criterion but hours counts. */
  distinct: number[];
  nDistinct: number;
  /** `" (2 records flagged as duplicates counted once)"` or empty. */
  onceNote: string;
  /** `"no completed activity counts in 2024"`. */
  noActivities: string;
  /** Decimal hours of the distinct completed activities. */
  completedHours: number;
  withoutHours: RecordRef[];
  /** Hours on the copies, not counted. */
  doubtfulHours: number;
  /** Completed activities with impossible dates and a date in the year. */
  dateErrors: RecordRef[];
  /** Words naming {@link dateErrors}, empty when none. */
  dateErrorText: string;
  /** The activity status in words. */
  statusText: string;
  /** Name keys of the planned entries. */
  plannedKeys: Set<string>;
  /** Distinct plan objectives named in the records, first-seen order. */
  objectives: string[];
  /** Distinct completed activities that relate to the plan. */
  relatedIdx: number[];
}

/**
 * Sorts one member's records for the review of `opts.year` (docs/domain/CPD.md §2: a record counts in the year of
 * its end date, else start, else target date; impossible dates count in no year).
 */
export function buildYearContext(records: readonly CpdRecord[], opts: ReviewOptions): YearContext {
  const rules: ReviewRules = { ...DEFAULT_REVIEW_RULES, ...opts.rules };
  const { year, activityStatus } = opts;
  const required = (opts.requiredHours ?? REQUIRED_HOURS)[activityStatus];

  const completed: number[] = [];
  const plannedInYear: number[] = [];
  const plannedLater: number[] = [];
  const undated: number[] = [];
  const planEntries: number[] = [];
  const dateErrorIdx: number[] = [];
  const otherYearsWithErrors: RecordRef[] = [];
  let inYear = 0;
  let otherYears = 0;
  records.forEach((r, i) => {
    const y = countingYear(r);
    if (r.status === 'planned') planEntries.push(i);
    if (r.status === 'completed' && hasDateError(r)) {
      // Impossible dates: counted in no year; named in each year one of its dates falls in.
      if (datedYears(r).includes(year)) {
        dateErrorIdx.push(i);
        inYear++;
      } else {
        otherYears++;
        const e = r.gaps.find((g) => g.severity === 'error')!;
        otherYearsWithErrors.push(ref(records, i, `dated ${[...new Set(datedYears(r))].join(' and ')}: ${e.message}`));
      }
      return;
    }
    if (y === null) {
      undated.push(i);
      if (r.status === 'planned') plannedLater.push(i);
      return;
    }
    if (y !== year) {
      otherYears++;
      if (r.status === 'planned' && y > year) plannedLater.push(i);
      const e = r.gaps.find((g) => g.severity === 'error');
      if (e !== undefined) otherYearsWithErrors.push(ref(records, i, `counted in ${y}: ${e.message}`));
      return;
    }
    inYear++;
    if (r.status === 'completed') completed.push(i);
    else plannedInYear.push(i);
  });
  const undatedCompleted = undated.filter((i) => records[i]!.status === 'completed');
  const nActs = completed.length;
  const copies = duplicateCopies(records, completed);
  // A planned entry repeated across uploads (a revised log) is one entry of the plan.
  const planCopies = duplicateCopies(records, planEntries);
  if (planCopies.size > 0) {
    for (const list of [planEntries, plannedInYear, plannedLater]) {
      const kept = list.filter((i) => !planCopies.has(i));
      list.splice(0, list.length, ...kept);
    }
  }
  /** Completed activities in the year with repeats left out: what every criterion but hours counts. */
  const distinct = completed.filter((i) => !copies.has(i));
  const nDistinct = distinct.length;
  const onceNote = copies.size === 0 ? '' : ` (${plural(copies.size, 'record')} flagged as ${copies.size === 1 ? 'a duplicate' : 'duplicates'} counted once)`;
  const noActivities = `no completed activity counts in ${year}`;

  // Each group of flagged duplicates counts once, like every other criterion; the copies' hours are named apart.
  const completedHours = h2(distinct.reduce((s, i) => s + positiveHours(records[i]!), 0));
  const withoutHours = distinct.filter((i) => positiveHours(records[i]!) === 0).map((i) => ref(records, i, records[i]!.hours === null ? 'no hours' : `${records[i]!.hours} h`));
  const doubtfulHours = h2([...copies].reduce((s, i) => s + positiveHours(records[i]!), 0));
  const dateErrors = dateErrorIdx.map((i) => ref(records, i, impossibleNote(records[i]!)));
  const dateErrorText =
    dateErrors.length === 0 ? '' : `${plural(dateErrors.length, 'activity', 'activities')} with impossible dates (${dateErrors.map((d) => d.activityName ?? '(no name)').join('; ')}) ${dateErrors.length === 1 ? 'is' : 'are'} not counted`;
  const statusText = `${ACTIVITY_STATUS_WORDS[activityStatus]}`;
  const plannedKeys = new Set(planEntries.map((i) => nameKey(records[i]!.activityName)).filter((k) => k !== ''));
  const objectives: string[] = [];
  for (const r of records) {
    const o = r.objective?.trim();
    if (o && !objectives.includes(o)) objectives.push(o);
  }
  const relatedIdx = distinct.filter((i) => relatesToPlan(records[i]!, plannedKeys));
  return { records, opts, rules, year, activityStatus, required, completed, plannedInYear, plannedLater, undated, planEntries, otherYearsWithErrors, inYear, otherYears, undatedCompleted, nActs, copies, planCopies, distinct, nDistinct, onceNote, noActivities, completedHours, withoutHours, doubtfulHours, dateErrors, dateErrorText, statusText, plannedKeys, objectives, relatedIdx };
}
