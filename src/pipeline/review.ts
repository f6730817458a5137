/**
 * The IET annual review criteria over one member's records for one calendar year (docs/DESIGN.md §1 "per-log review
 * criteria"; the rules are docs/domain/CPD.md §2, IET CPD policy and FAQ). A pure function: no I/O, no clock, so the
 * CLI, the API and the page all get the same figures from the same records.
 *
 * Which records count: a record counts in the calendar year of its end date, else its start date, else its target
 * date ({@link countingYear}); an activity spanning two calendar years therefore counts in its end-date year and is
 * listed for the reviewer (docs/domain/CPD.md §2, our choice). Hours are decimal hours; sums are rounded to 2 decimal places.
 *
 * Each criterion comes out `met`, `not_met` or `not_assessable` (the records cannot decide it as they stand, e.g.
 * hours are missing or the records say nothing about skill types), with the figures behind it and a one-line
 * summary a reviewer can read. Thresholds marked "our choice" are in {@link DEFAULT_REVIEW_RULES} and can be set.
 */
import { SKILL_TYPES, TWAVES_LETTERS, TWAVES_NAMES, type CpdRecord, type SkillType, type Twaves } from '../domain/index.js';
import { lastDay } from './normalise/dates.js';

/** The member's activity status for a year (docs/domain/CPD.md §2 point 2): professionally active, reduced activity, or not professionally active. */
export type ActivityStatus = 'active' | 'reduced' | 'inactive';
/** The three {@link ActivityStatus} values. */
export const ACTIVITY_STATUSES: readonly ActivityStatus[] = ['active', 'reduced', 'inactive'];

/**
 * Hours of CPD required per calendar year by activity status (docs/domain/CPD.md §2 point 2, IET CPD policy): 30 h for
 * professionally active members, 10 h for reduced activity (retired but still doing engineering-related work),
 * none for members who are not professionally active (they declare it).
 */
export const REQUIRED_HOURS: Readonly<Record<ActivityStatus, number>> = { active: 30, reduced: 10, inactive: 0 };

/** Outcome of one criterion. `not_assessable`: the records as they stand cannot decide it (the summary says why). */
export type Outcome = 'met' | 'not_met' | 'not_assessable';

/** A record named in a criterion's figures: its position in the input array, its activity name and why it is named. */
export interface RecordRef {
  /** 0-based index into the `records` given to {@link reviewYear}. */
  index: number;
  /** The record's `id` when the records given carry one (stored records). */
  id?: string;
  activityName: string | null;
  /** Where the record was read, e.g. `"log.xlsx, sheet CPD Log 2024, row 9"`. */
  where: string;
  /** Short reason, e.g. `"7 words"`, `"2023-12-11 to 2024-01-19"`. */
  note?: string;
}

/** What every criterion has: its outcome, a one-line summary with the figures, and the rule's source. */
export interface CriterionBase {
  outcome: Outcome;
  /** One sentence for the reviewer, e.g. `"31.5 h of completed CPD in 2024; 30 h required (professionally active)"`. */
  summary: string;
  /** Where the rule comes from, in words a member can follow (e.g. `"IET CPD policy: 30 h a year…"`); `(our choice)` marks a product rule. */
  source: string;
}

/** Criterion: completed hours against the requirement for the member's activity status. */
export interface HoursCriterion extends CriterionBase {
  figures: {
    activityStatus: ActivityStatus;
    /** Hours required for the status (30 / 10 / 0). */
    required: number;
    /** Sum of hours > 0 over the completed activities counting in the year, each group of flagged duplicates once. */
    completedHours: number;
    /** Completed activities counting in the year, each group of flagged duplicates once. */
    activities: number;
    /** Completed activities in the year with no (or no positive) hours. */
    withoutHours: RecordRef[];
    /** Hours on the records left out as repeats of another (see {@link duplicateCopies}); not in `completedHours`. */
    doubtfulHours: number;
    /** Completed activities with no date at all: they cannot be placed in a year. */
    undated: RecordRef[];
    /**
     * Completed activities with impossible dates (an error-level date gap not accepted: end before start, or
     * completed but dated in the future; see {@link hasDateError}) with a date in the year: counted nowhere.
     */
    dateErrors: RecordRef[];
  };
}

/** Criterion: a range of TWAVES categories. */
export interface TwavesCriterion extends CriterionBase {
  figures: {
    /** Hours of completed activities per category (every letter present, 0 when none). */
    hours: Record<Twaves, number>;
    /** Completed activities per category. */
    activities: Record<Twaves, number>;
    /** Categories with at least one completed activity, in TWAVES order. */
    covered: Twaves[];
    /** Categories needed for "a range" (our choice, default 3). */
    minCategories: number;
    /** Completed activities with no category. */
    uncategorised: RecordRef[];
  };
}

/** Criterion: a mix of technical and soft skills against the suggested 10/10/10 split. */
export interface SkillsCriterion extends CriterionBase {
  figures: {
    /** Hours of completed activities per skill type. */
    hours: Record<SkillType, number>;
    /** Suggested hours per skill type: a third of the required hours (10 h each for 30 h). */
    suggested: number;
    /** Hours of completed activities with no skill type. */
    unclassifiedHours: number;
    /** Completed activities with no skill type. */
    unclassified: number;
  };
}

/** Criterion: a CPD plan is included and the year's activities relate to it. */
export interface PlanCriterion extends CriterionBase {
  figures: {
    /** Planned entries in the records (status `planned`, any year or undated). */
    planEntries: number;
    /** Distinct plan objectives named anywhere in the records, in first-seen order. */
    objectives: string[];
    /** Completed activities in the year. */
    activities: number;
    /** Completed activities in the year that relate to the plan (see {@link relatesToPlan}). */
    related: number;
    /** `related / activities` as a whole percentage (0 when there are no activities). */
    percent: number;
    /** Share needed, as a whole percentage (our choice, default 50). */
    minPercent: number;
    /** Completed activities in the year that do not relate to the plan (empty when there is no plan at all). */
    unrelated: RecordRef[];
  };
}

/** Criterion: at least 10 h of planned CPD. */
export interface PlannedHoursCriterion extends CriterionBase {
  figures: {
    /** `relatedCompletedHours + openPlannedHours`. */
    plannedHours: number;
    /** Hours of completed activities in the year that relate to the plan (a flagged duplicate counted once). */
    relatedCompletedHours: number;
    /**
     * Hours of planned entries whose target date is in the year, not yet recorded as done and not yet past
     * (on or after `today`; all of them when no `today` is given).
     */
    openPlannedHours: number;
    /**
     * Hours of planned entries for the year whose target date passed (before `today`) with no completed activity
     * of that name: the plan was not carried out, so they are not counted.
     */
    missedPlannedHours: number;
    /** The planned entries behind {@link missedPlannedHours}, with their target date as the note. */
    missed: RecordRef[];
    /** Hours of planned entries for later years or with no target date (the forward plan; not counted). */
    laterPlannedHours: number;
    /** Suggested planned hours: 10, or the required hours when fewer (0 when not professionally active). */
    suggested: number;
  };
}

/** Criterion: activities linked to UK-SPEC competences. */
export interface UkSpecCriterion extends CriterionBase {
  figures: {
    activities: number;
    /** Completed activities with at least one UK-SPEC code. */
    linked: number;
    /** `linked / activities` as a whole percentage. */
    percent: number;
    /** Share needed, as a whole percentage (our choice, default 50). */
    minPercent: number;
    /** Areas A–E with at least one code among the completed activities. */
    areasCovered: string[];
    /** Areas A–E with none. */
    areasMissing: string[];
    /** Completed activities per code, codes in A1…E5 order. */
    codes: Record<string, number>;
  };
}

/** Criterion: a brief reflection per activity. */
export interface ReflectionCriterion extends CriterionBase {
  figures: {
    activities: number;
    /** Completed activities with a reflection that is not weak. */
    good: number;
    missing: RecordRef[];
    /** Reflections under the word minimum or made only of stock phrases (see {@link isWeakReflection}). */
    weak: RecordRef[];
    /** Word minimum (our choice, default 10). */
    minWords: number;
  };
}

/** Criterion: every activity is placed in a year (activities spanning two years count in their end-date year). */
export interface YearPlacementCriterion extends CriterionBase {
  figures: {
    /** Activities counted in this year that started in an earlier year. */
    spanningCountedHere: RecordRef[];
    /** Activities that started in this year but end in a later one: counted there, not here. */
    spanningCountedLater: RecordRef[];
    /** Completed activities with no date at all (they cannot be placed in any year; undated plan entries are not listed). */
    undated: RecordRef[];
    /** Completed activities with impossible dates and a date in this year (see {@link hasDateError}): not counted in any year until corrected. */
    dateErrors: RecordRef[];
    /**
     * Records counting in other years that carry an error (not accepted), e.g. a "completed" activity dated 2027 in a
     * 2024 log: named here so that the reviewer of this year sees them (the note says which year and the first error).
     */
    otherYearsWithErrors: RecordRef[];
  };
}

/** The criteria, in the order a reviewer reads them. */
export interface ReviewCriteria {
  hours: HoursCriterion;
  twaves: TwavesCriterion;
  skills: SkillsCriterion;
  plan: PlanCriterion;
  plannedHours: PlannedHoursCriterion;
  ukSpec: UkSpecCriterion;
  reflection: ReflectionCriterion;
  yearPlacement: YearPlacementCriterion;
}

/** Titles of the criteria for display, by key. */
export const CRITERION_TITLES: Readonly<Record<keyof ReviewCriteria, string>> = {
  hours: 'CPD hours',
  twaves: 'Range of TWAVES categories',
  skills: 'Technical and soft skills',
  plan: 'CPD plan',
  plannedHours: 'Planned CPD hours',
  ukSpec: 'UK-SPEC competences',
  reflection: 'Reflections',
  yearPlacement: 'Year of each activity',
};

/** The annual review of one member-year. */
export interface AnnualReview {
  year: number;
  activityStatus: ActivityStatus;
  /** `not_met` when any criterion is not met, else `not_assessable` when any is, else `met`. */
  overall: Outcome;
  counts: {
    /** Records given. */
    records: number;
    /** Records counting in the year (completed and planned). */
    inYear: number;
    completed: number;
    planned: number;
    /** Records counting in other years (not reviewed here). */
    otherYears: number;
    /** Records with no date at all. */
    undated: number;
    /**
     * Completed records in the year that repeat another flagged as its duplicate (see {@link duplicateCopies}):
     * their hours are doubtful in the hours criterion, and every other criterion counts each such group once.
     */
    duplicates: number;
  };
  criteria: ReviewCriteria;
  /** The thresholds used. */
  rules: ReviewRules;
}

/** Thresholds that are product choices (docs/domain/CPD.md gives no number). */
export interface ReviewRules {
  /** TWAVES categories needed for "a range" (docs/domain/CPD.md §2 point 3 gives no number). Default 3 of 6. */
  minTwavesCategories: number;
  /** Share (whole %) of the year's activities that must relate to the plan (docs/domain/CPD.md §2 point 1). Default 50. */
  minPlanPercent: number;
  /** Share (whole %) of the year's activities that must carry a UK-SPEC code (docs/domain/CPD.md §2 point 5). Default 50. */
  minUkSpecPercent: number;
  /** A reflection with fewer words is weak (docs/domain/CPD.md §2 point 6: "a brief reflection"). Default 10. */
  minReflectionWords: number;
}

/**
 * Default thresholds (our choice; docs/domain/CPD.md §2 states none):
 * - 3 of the 6 TWAVES categories make "a range";
 * - half the year's activities relate to the plan;
 * - half the year's activities carry a UK-SPEC code;
 * - a reflection of fewer than 10 words is weak: one sentence saying what was learnt and how it will be applied
 *   ("Learnt X; I will use it on Y") takes about ten words.
 */
export const DEFAULT_REVIEW_RULES: Readonly<ReviewRules> = Object.freeze({
  minTwavesCategories: 3,
  minPlanPercent: 50,
  minUkSpecPercent: 50,
  minReflectionWords: 10,
});

const TWAVES: readonly Twaves[] = TWAVES_LETTERS;
const SKILLS: readonly SkillType[] = SKILL_TYPES;
const AREAS = ['A', 'B', 'C', 'D', 'E'] as const;
/** The activity statuses in words, for summaries and exports. */
export const ACTIVITY_STATUS_WORDS: Readonly<Record<ActivityStatus, string>> = {
  active: 'professionally active',
  reduced: 'reduced activity',
  inactive: 'not professionally active',
};

/**
 * The calendar year a record counts in: its end date's year, else its start date's, else its target date's; null
 * when it has no date (docs/domain/CPD.md §2: an activity spanning two years counts in its end-date year, our choice). The
 * store files records by the same rule (`recordYear` in `src/store/store.ts`).
 */
export function countingYear(r: Pick<CpdRecord, 'endDate' | 'startDate' | 'targetDate'>): number | null {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : Number(d.slice(0, 4));
}

/** Hours rounded to 2 decimal places (no `-0`). */
function h2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/** `1.5` → `"1.5 h"`. */
function fmtH(x: number): string {
  return `${h2(x)} h`;
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `"log.xlsx, sheet CPD Log 2024, row 9"`, `"log.pdf, page 2, line 14"`, `"log.docx, “Activity 3”"`. */
export function describeSource(src: CpdRecord['source']): string {
  const parts = [src.file];
  if (src.sheet !== undefined) parts.push(`sheet ${src.sheet}`);
  if (src.page !== undefined) parts.push(`page ${src.page}`);
  if (src.table !== undefined) parts.push(`table ${src.table}`);
  if (src.row !== undefined) parts.push(`row ${src.row}`);
  if (src.line !== undefined) parts.push(`line ${src.line}`);
  if (src.block !== undefined) parts.push(`“${src.block}”`);
  return parts.join(', ');
}

function ref(records: readonly CpdRecord[], index: number, note?: string): RecordRef {
  const rec = records[index]! as CpdRecord & { id?: unknown };
  const where = describeSource(rec.source);
  const r: RecordRef = typeof rec.id === 'string' ? { index, id: rec.id, activityName: rec.activityName, where } : { index, activityName: rec.activityName, where };
  if (note !== undefined) r.note = note;
  return r;
}

const WORD = /[\p{L}\p{N}]+/gu;
const NAME_STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'at', 'by', 'with']);

/** Words of a name for matching: lower case, stop words and plural "s" dropped, sorted (order aside). */
function nameKey(name: string | null): string {
  if (name === null) return '';
  const words = (name.toLowerCase().match(WORD) ?? []).filter((w) => !NAME_STOP.has(w)).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  return words.sort().join(' ');
}

/**
 * Stock phrases that say nothing about what was learnt or how it will be applied (our choice). A reflection made
 * only of these words (e.g. "Good course.", "Very useful and interesting") is weak whatever its length.
 */
const STOCK_WORDS = new Set([
  'good', 'great', 'very', 'really', 'quite', 'useful', 'interesting', 'informative', 'helpful', 'excellent', 'ok', 'okay', 'fine',
  'course', 'webinar', 'event', 'session', 'talk', 'day', 'training', 'enjoyed', 'it', 'this', 'was', 'a', 'an', 'the', 'and',
  'nice', 'learnt', 'learned', 'lot', 'lots', 'some', 'things', 'stuff', 'as', 'above', 'see', 'done', 'attended', 'completed', 'booked',
  'n', 'na', 'none', 'nothing', 'tbc', 'to', 'follow', 'i', 'we', 'of', 'well', 'worthwhile', 'relevant',
]);

/**
 * Reflection quality rule (docs/domain/CPD.md §2 point 6 asks for "a brief reflection per activity: what was learnt, how it
 * will be applied"; the thresholds are our choice): a reflection is weak when it has fewer than `minWords` words
 * (letters/digits runs), or when every word is a stock word ("good course", "very useful", "enjoyed it",
 * "as above"). Returns the reason (`"3 words"`, `"only stock phrases"`) or null when it is not weak.
 */
export function isWeakReflection(text: string, minWords: number = DEFAULT_REVIEW_RULES.minReflectionWords): string | null {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.every((w) => STOCK_WORDS.has(w))) return words.length === 0 ? 'no words' : 'only stock phrases';
  if (words.length < minWords) return plural(words.length, 'word');
  return null;
}

/**
 * Plan relation rule (docs/domain/CPD.md §2 point 1, "the activities relate to it"; how to tell is our choice): a completed
 * activity relates to the plan when it names a plan objective (its `objective` field is filled in, e.g. from an
 * "Objective" or "Development objective" column), or when its name has the same words (case, punctuation, plural
 * "s" and word order aside) as a planned entry's name — the planned activity was carried out.
 */
export function relatesToPlan(r: Pick<CpdRecord, 'objective' | 'activityName'>, plannedNameKeys: ReadonlySet<string>): boolean {
  if (r.objective !== null && r.objective.trim() !== '') return true;
  const k = nameKey(r.activityName);
  return k !== '' && plannedNameKeys.has(k);
}

/**
 * The records among `indices` that repeat another: records carrying a `duplicate` gap (src/pipeline/validate.ts,
 * or a repeat across imports from the store) are grouped by date and name words; in each group of two or more,
 * every record but one is a copy: the one a reviewer corrected or accepted a gap on, else the one with the most
 * hours (the first, on a tie). Every criterion leaves copies out, so a log entered twice (or uploaded again in a
 * new version) does not count twice; the hours criterion names the copies' hours apart (our choice).
 */
export function duplicateCopies(records: readonly CpdRecord[], indices: readonly number[]): Set<number> {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const r = records[i]!;
    if (!r.gaps.some((g) => g.code === 'duplicate')) continue;
    const key = `${r.startDate ?? r.targetDate ?? ''}|${nameKey(r.activityName)}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const copies = new Set<number>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    // The one a reviewer corrected or accepted counts (their work decides); else the one with the most hours.
    const reviewed = (i: number): boolean => records[i]!.gaps.some((g) => g.code === 'corrected' || g.code === 'accepted');
    let kept = list.find(reviewed) ?? list[0]!;
    if (!reviewed(kept)) for (const i of list) if (positiveHours(records[i]!) > positiveHours(records[kept]!)) kept = i;
    for (const i of list) if (i !== kept) copies.add(i);
  }
  return copies;
}


/**
 * True when a record carries an error-level date gap that no reviewer accepted: the end date is before the start
 * date, or a completed activity is dated in the future (`out_of_range` errors on `startDate`/`endDate` from
 * src/pipeline/validate.ts). Such a record cannot be placed in a year, so the criteria count it in no year and
 * name it instead (our choice: a correction may leave a record like this while the reviewer is mid-fix).
 */
export function hasDateError(r: Pick<CpdRecord, 'gaps'>): boolean {
  return r.gaps.some((g) => g.severity === 'error' && g.code === 'out_of_range' && (g.field === 'startDate' || g.field === 'endDate'));
}

/** `"start 2030-03-03 is in the future; end 2024-06-05 is before the start"`: the record's date errors, short. */
function impossibleNote(r: CpdRecord): string {
  const parts: string[] = [];
  for (const g of r.gaps) {
    if (!(g.severity === 'error' && g.code === 'out_of_range' && (g.field === 'startDate' || g.field === 'endDate'))) continue;
    const which = g.field === 'startDate' ? 'start' : 'end';
    const d = g.field === 'startDate' ? r.startDate : r.endDate;
    parts.push(/before the start/.test(g.message) ? `${which} ${d} is before the start ${r.startDate}` : `${which} ${d} is in the future`);
  }
  return [...new Set(parts)].join('; ');
}

/** Years any of a record's dates fall in. */
function datedYears(r: Pick<CpdRecord, 'startDate' | 'endDate' | 'targetDate'>): number[] {
  return [r.startDate, r.endDate, r.targetDate].filter((d): d is string => d !== null).map((d) => Number(d.slice(0, 4)));
}

function positiveHours(r: CpdRecord): number {
  return r.hours !== null && r.hours > 0 ? r.hours : 0;
}

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
}

/**
 * The annual review criteria for one member and one calendar year (docs/domain/CPD.md §2).
 * @param records all the member's records (any year; those of other years are only counted, and a forward plan
 *   in later years is reported); indices in the result refer to this array
 * @returns every criterion with its outcome and figures; never throws for data problems
 */
export function reviewYear(records: readonly CpdRecord[], opts: ReviewOptions): AnnualReview {
  const rules: ReviewRules = { ...DEFAULT_REVIEW_RULES, ...opts.rules };
  const { year, activityStatus } = opts;
  const required = REQUIRED_HOURS[activityStatus];

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

  // ---- hours (docs/domain/CPD.md §2 point 2) ----
  // Each group of flagged duplicates counts once, like every other criterion; the copies' hours are named apart.
  const completedHours = h2(distinct.reduce((s, i) => s + positiveHours(records[i]!), 0));
  const withoutHours = distinct.filter((i) => positiveHours(records[i]!) === 0).map((i) => ref(records, i, records[i]!.hours === null ? 'no hours' : `${records[i]!.hours} h`));
  const doubtfulHours = h2([...copies].reduce((s, i) => s + positiveHours(records[i]!), 0));
  const dateErrors = dateErrorIdx.map((i) => ref(records, i, impossibleNote(records[i]!)));
  const dateErrorText =
    dateErrors.length === 0 ? '' : `${plural(dateErrors.length, 'activity', 'activities')} with impossible dates (${dateErrors.map((d) => d.activityName ?? '(no name)').join('; ')}) ${dateErrors.length === 1 ? 'is' : 'are'} not counted`;
  const statusText = `${ACTIVITY_STATUS_WORDS[activityStatus]}`;
  let hours: HoursCriterion;
  {
    const figures: HoursCriterion['figures'] = { activityStatus, required, completedHours, activities: nDistinct, withoutHours, doubtfulHours, undated: undatedCompleted.map((i) => ref(records, i)), dateErrors };
    const dupText = copies.size === 0 ? '' : ` (not counting ${fmtH(doubtfulHours)} on ${plural(copies.size, 'record')} flagged as ${copies.size === 1 ? 'a duplicate' : 'duplicates'} of another)`;
    const base = `${fmtH(completedHours)} of completed CPD in ${year} from ${plural(nDistinct, 'activity', 'activities')}${dupText}; ${fmtH(required)} required (${statusText})`;
    const source = 'IET CPD policy: 30 h a year when professionally active, 10 h for reduced activity, none when not professionally active';
    let outcome: Outcome;
    let summary: string;
    if (activityStatus === 'inactive') {
      outcome = 'met';
      summary = `${base}: not professionally active members need no CPD (they declare it)`;
    } else if (completedHours >= required) {
      outcome = 'met';
      summary = base;
      if (dateErrors.length > 0) summary += `; ${dateErrorText}`;
    } else if (dateErrors.length > 0) {
      outcome = 'not_assessable';
      summary = `${base}; ${fmtH(h2(required - completedHours))} short, but ${dateErrorText}: correct ${dateErrors.length === 1 ? 'its' : 'their'} dates to decide`;
    } else if (h2(completedHours + doubtfulHours) >= required) {
      outcome = 'not_assessable';
      summary = `${base}; ${fmtH(h2(required - completedHours))} short unless the records flagged as duplicates are separate activities: check them`;
    } else if (withoutHours.length > 0 || undatedCompleted.length > 0) {
      outcome = 'not_assessable';
      const why: string[] = [];
      if (withoutHours.length > 0) why.push(`${plural(withoutHours.length, 'activity', 'activities')} in ${year} ${withoutHours.length === 1 ? 'has' : 'have'} no readable hours`);
      if (undatedCompleted.length > 0) why.push(`${plural(undatedCompleted.length, 'activity', 'activities')} ${undatedCompleted.length === 1 ? 'has' : 'have'} no date`);
      summary = `${base}; ${fmtH(h2(required - completedHours))} short, but ${why.join(' and ')}: correct ${withoutHours.length + undatedCompleted.length === 1 ? 'it' : 'them'} to decide`;
    } else {
      outcome = 'not_met';
      summary = `${base}: ${fmtH(h2(required - completedHours))} short`;
    }
    hours = { outcome, summary, source, figures };
  }

  // ---- TWAVES (docs/domain/CPD.md §2 point 3) ----
  let twaves: TwavesCriterion;
  {
    const byHours = Object.fromEntries(TWAVES.map((t) => [t, 0])) as Record<Twaves, number>;
    const byActs = Object.fromEntries(TWAVES.map((t) => [t, 0])) as Record<Twaves, number>;
    const uncategorised: RecordRef[] = [];
    for (const i of distinct) {
      const r = records[i]!;
      if (r.twaves === null) {
        uncategorised.push(ref(records, i));
        continue;
      }
      byHours[r.twaves] = h2(byHours[r.twaves] + positiveHours(r));
      byActs[r.twaves]++;
    }
    const covered = TWAVES.filter((t) => byActs[t] > 0);
    const min = rules.minTwavesCategories;
    const list = covered.map((t) => `${t} ${fmtH(byHours[t])}`).join(', ');
    const base = `${plural(covered.length, 'category', 'categories')} of 6 covered${covered.length > 0 ? ` (${list})` : ''}${onceNote}; a range is at least ${min} (our choice)`;
    let outcome: Outcome;
    let summary: string;
    if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = noActivities;
    } else if (covered.length >= min) {
      outcome = 'met';
      summary = base;
    } else if (covered.length + uncategorised.length >= min) {
      outcome = 'not_assessable';
      summary = `${base}; ${plural(uncategorised.length, 'activity', 'activities')} without a category could change this: set their TWAVES category`;
    } else {
      outcome = 'not_met';
      const missing = TWAVES.filter((t) => byActs[t] === 0).map((t) => `${t} ${TWAVES_NAMES[t]}`);
      summary = `${base}; none in ${missing.join(', ')}`;
    }
    twaves = { outcome, summary, source: 'IET CPD annual review: activities across a range of the TWAVES categories; at least 3 of 6 is our choice', figures: { hours: byHours, activities: byActs, covered, minCategories: min, uncategorised } };
  }

  // ---- skills (docs/domain/CPD.md §2 point 4) ----
  let skills: SkillsCriterion;
  {
    const byHours = Object.fromEntries(SKILLS.map((s) => [s, 0])) as Record<SkillType, number>;
    let unclassifiedHours = 0;
    let unclassified = 0;
    for (const i of distinct) {
      const r = records[i]!;
      if (r.skillType === null) {
        unclassified++;
        unclassifiedHours += positiveHours(r);
      } else byHours[r.skillType] = h2(byHours[r.skillType] + positiveHours(r));
    }
    unclassifiedHours = h2(unclassifiedHours);
    const suggested = h2(required / 3);
    const shortfalls = SKILLS.filter((s) => byHours[s] < suggested).map((s) => [s, h2(suggested - byHours[s])] as const);
    const totalShort = h2(shortfalls.reduce((a, [, x]) => a + x, 0));
    const split = SKILLS.map((s) => `${s} ${fmtH(byHours[s])}`).join(', ');
    const base = `${split} against the suggested ${fmtH(suggested)} each${onceNote}`;
    let outcome: Outcome;
    let summary: string;
    if (activityStatus === 'inactive') {
      outcome = 'met';
      summary = 'not professionally active: no split suggested';
    } else if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = noActivities;
    } else if (shortfalls.length === 0) {
      outcome = 'met';
      summary = base;
    } else if (unclassified === nDistinct) {
      outcome = 'not_assessable';
      summary = `no completed activity in ${year} states its skill type (technical-personal, technical-job or soft)`;
    } else if (totalShort <= unclassifiedHours) {
      outcome = 'not_assessable';
      summary = `${base}; ${shortfalls.map(([s, x]) => `${s} ${fmtH(x)} short`).join(', ')}, and ${fmtH(unclassifiedHours)} on ${plural(unclassified, 'activity', 'activities')} without a skill type could make it up: set their skill type`;
    } else {
      outcome = 'not_met';
      summary = `${base}; ${shortfalls.map(([s, x]) => `${s} ${fmtH(x)} short`).join(', ')}`;
    }
    skills = {
      outcome,
      summary,
      source: 'IET CPD annual review: a mix of soft and technical skills, suggested 10 h personal technical / 10 h job-role technical / 10 h soft; a third of the required hours each is our choice for reduced activity',
      figures: { hours: byHours, suggested, unclassifiedHours, unclassified },
    };
  }

  // ---- plan (docs/domain/CPD.md §2 point 1) ----
  const plannedKeys = new Set(planEntries.map((i) => nameKey(records[i]!.activityName)).filter((k) => k !== ''));
  const objectives: string[] = [];
  for (const r of records) {
    const o = r.objective?.trim();
    if (o && !objectives.includes(o)) objectives.push(o);
  }
  const relatedIdx = distinct.filter((i) => relatesToPlan(records[i]!, plannedKeys));
  let plan: PlanCriterion;
  {
    const related = relatedIdx.length;
    const percent = pct(related, nDistinct);
    const relatedSet = new Set(relatedIdx);
    const hasPlan = planEntries.length > 0 || objectives.length > 0;
    const unrelated = hasPlan ? distinct.filter((i) => !relatedSet.has(i)).map((i) => ref(records, i)) : [];
    const min = rules.minPlanPercent;
    const planText = `${plural(planEntries.length, 'planned entry', 'planned entries')}, ${plural(objectives.length, 'objective')}`;
    let outcome: Outcome;
    let summary: string;
    if (!hasPlan) {
      outcome = 'not_met';
      summary = 'no CPD plan in the records: no planned entries and no plan objectives (the member may keep the plan elsewhere)';
    } else if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = `${planText}; ${noActivities}`;
    } else {
      outcome = percent >= min ? 'met' : 'not_met';
      summary = `plan found (${planText}); ${related} of ${nDistinct} activities in ${year} (${percent}%) relate to it${onceNote}; at least ${min}% expected (our choice)`;
    }
    plan = {
      outcome,
      summary,
      source: 'IET CPD annual review: a CPD plan is included and the activities relate to it; related = names a plan objective or a planned activity (our choice)',
      figures: { planEntries: planEntries.length, objectives, activities: nDistinct, related, percent, minPercent: min, unrelated },
    };
  }

  // ---- planned hours (docs/domain/CPD.md §2 point 4) ----
  let plannedHours: PlannedHoursCriterion;
  {
    const doneKeys = new Set(completed.map((i) => nameKey(records[i]!.activityName)).filter((k) => k !== ''));
    const relatedCompletedHours = h2(relatedIdx.reduce((s, i) => s + positiveHours(records[i]!), 0));
    const notDone = plannedInYear.filter((i) => !doneKeys.has(nameKey(records[i]!.activityName)));
    const due = (i: number): string => { const r = records[i]!; return (r.targetDate ?? r.endDate ?? r.startDate)!; };
    const missedIdx = opts.today === undefined ? [] : notDone.filter((i) => lastDay(due(i)) < opts.today!);
    const openIdx = notDone.filter((i) => !missedIdx.includes(i));
    const sumHours = (idx: readonly number[]): number => h2(idx.reduce((s, i) => s + positiveHours(records[i]!), 0));
    const openPlannedHours = sumHours(openIdx);
    const missedPlannedHours = sumHours(missedIdx);
    const missed = missedIdx.map((i) => ref(records, i, `target ${due(i)}`));
    const laterPlannedHours = sumHours(plannedLater);
    const total = h2(relatedCompletedHours + openPlannedHours);
    const suggested = Math.min(10, required);
    const missedText = missed.length === 0 ? '' : `; ${fmtH(missedPlannedHours)} planned for ${year} passed ${missed.length === 1 ? 'its target date' : 'their target dates'} without being recorded as done (${missed.map((m) => m.activityName ?? '(no name)').join('; ')}) and ${missed.length === 1 ? 'is' : 'are'} not counted`;
    const parts = `${fmtH(relatedCompletedHours)} done against the plan + ${fmtH(openPlannedHours)} planned for ${year} and not yet due${missedText}`;
    let outcome: Outcome;
    let summary: string;
    if (total >= suggested) {
      outcome = 'met';
      summary = `${fmtH(total)} of planned CPD in ${year} (${parts}); at least ${fmtH(suggested)} suggested`;
    } else {
      outcome = 'not_met';
      summary = `${fmtH(total)} of planned CPD in ${year} (${parts}); at least ${fmtH(suggested)} suggested${laterPlannedHours > 0 ? `; the forward plan holds ${fmtH(laterPlannedHours)} for later years or with no target date` : ''}`;
    }
    plannedHours = {
      outcome,
      summary,
      source: 'IET CPD annual review: at least 10 h planned CPD; planned = done against the plan, or planned for the year and not yet due (our choice)',
      figures: { plannedHours: total, relatedCompletedHours, openPlannedHours, missedPlannedHours, missed, laterPlannedHours, suggested },
    };
  }

  // ---- UK-SPEC (docs/domain/CPD.md §2 point 5) ----
  let ukSpec: UkSpecCriterion;
  {
    const codes: Record<string, number> = {};
    let linked = 0;
    for (const i of distinct) {
      const r = records[i]!;
      if (r.ukSpec.length > 0) linked++;
      for (const c of r.ukSpec) codes[c] = (codes[c] ?? 0) + 1;
    }
    const sortedCodes: Record<string, number> = {};
    for (const c of Object.keys(codes).sort()) sortedCodes[c] = codes[c]!;
    const areasCovered = AREAS.filter((a) => Object.keys(codes).some((c) => c.startsWith(a)));
    const areasMissing = AREAS.filter((a) => !areasCovered.includes(a));
    const percent = pct(linked, nDistinct);
    const min = rules.minUkSpecPercent;
    let outcome: Outcome;
    let summary: string;
    if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = noActivities;
    } else {
      outcome = percent >= min ? 'met' : 'not_met';
      summary =
        `${linked} of ${nDistinct} activities (${percent}%) carry a UK-SPEC code${onceNote}; at least ${min}% expected (our choice); ` +
        `areas covered: ${areasCovered.length > 0 ? areasCovered.join(', ') : 'none'}${areasMissing.length > 0 && areasCovered.length > 0 ? `; none in ${areasMissing.join(', ')}` : ''}`;
    }
    ukSpec = {
      outcome,
      summary,
      source: 'IET CPD annual review: activities linked to UK-SPEC competences; areas A–E from UK-SPEC (4th edition)',
      figures: { activities: nDistinct, linked, percent, minPercent: min, areasCovered: [...areasCovered], areasMissing: [...areasMissing], codes: sortedCodes },
    };
  }

  // ---- reflections (docs/domain/CPD.md §2 point 6) ----
  let reflection: ReflectionCriterion;
  {
    const missing: RecordRef[] = [];
    const weak: RecordRef[] = [];
    for (const i of distinct) {
      const t = records[i]!.reflection;
      if (t === null || t.trim() === '') {
        missing.push(ref(records, i));
        continue;
      }
      const why = isWeakReflection(t, rules.minReflectionWords);
      if (why !== null) weak.push(ref(records, i, why));
    }
    const good = nDistinct - missing.length - weak.length;
    let outcome: Outcome;
    let summary: string;
    if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = noActivities;
    } else {
      outcome = missing.length === 0 && weak.length === 0 ? 'met' : 'not_met';
      summary = `${good} of ${nDistinct} activities have a reflection of ${rules.minReflectionWords} words or more; ${missing.length} missing, ${weak.length} weak (fewer than ${rules.minReflectionWords} words or only stock phrases such as "good course")${onceNote}`;
    }
    reflection = {
      outcome,
      summary,
      source: 'IET CPD annual review: a brief reflection per activity — what was learnt, how it will be applied; the word minimum and stock phrases are our choice',
      figures: { activities: nDistinct, good, missing, weak, minWords: rules.minReflectionWords },
    };
  }

  // ---- year placement (docs/domain/CPD.md §2, our choice for activities over two years) ----
  let yearPlacement: YearPlacementCriterion;
  {
    const here: RecordRef[] = [];
    const later: RecordRef[] = [];
    records.forEach((r, i) => {
      if (r.startDate === null || r.endDate === null) return;
      const ys = Number(r.startDate.slice(0, 4));
      const ye = Number(r.endDate.slice(0, 4));
      if (ys === ye) return;
      const note = `${r.startDate} to ${r.endDate}`;
      if (ye === year && ys < year) here.push(ref(records, i, note));
      else if (ys === year && ye > year) later.push(ref(records, i, note));
    });
    const und = undatedCompleted.map((i) => ref(records, i));
    const parts: string[] = [];
    if (dateErrors.length > 0) parts.push(`${dateErrorText} in any year: correct ${dateErrors.length === 1 ? 'its' : 'their'} dates`);
    if (here.length > 0) parts.push(`${plural(here.length, 'activity', 'activities')} started before ${year} and ${here.length === 1 ? 'is' : 'are'} counted here (end-date year)`);
    if (later.length > 0) parts.push(`${plural(later.length, 'activity', 'activities')} started in ${year} but ${later.length === 1 ? 'ends' : 'end'} later and ${later.length === 1 ? 'is' : 'are'} counted in ${later.length === 1 ? 'that year' : 'those years'}`);
    const outcome: Outcome = und.length > 0 || dateErrors.length > 0 ? 'not_assessable' : 'met';
    if (und.length > 0) parts.push(`${plural(und.length, 'completed activity', 'completed activities')} ${und.length === 1 ? 'has' : 'have'} no date and cannot be placed in a year`);
    if (otherYearsWithErrors.length > 0) {
      parts.push(`${plural(otherYearsWithErrors.length, 'record')} counted in other years ${otherYearsWithErrors.length === 1 ? 'has' : 'have'} errors (${otherYearsWithErrors.map((d) => `${d.activityName ?? '(no name)'}, ${d.note!.slice(0, d.note!.indexOf(':'))}`).join('; ')}): check ${otherYearsWithErrors.length === 1 ? 'it is not a misdated' : 'they are not misdated'} ${year} ${otherYearsWithErrors.length === 1 ? 'activity' : 'activities'}`);
    }
    const summary = parts.length === 0 ? `every activity falls within one calendar year` : parts.join('; ');
    yearPlacement = {
      outcome,
      summary,
      source: 'No IET rule (our choice): an activity spanning two calendar years counts in the year of its end date and is flagged',
      figures: { spanningCountedHere: here, spanningCountedLater: later, undated: und, dateErrors, otherYearsWithErrors },
    };
  }

  const criteria: ReviewCriteria = { hours, twaves, skills, plan, plannedHours, ukSpec, reflection, yearPlacement };
  const outcomes = Object.values(criteria).map((c) => c.outcome);
  const overall: Outcome = outcomes.includes('not_met') ? 'not_met' : outcomes.includes('not_assessable') ? 'not_assessable' : 'met';
  return {
    year,
    activityStatus,
    overall,
    counts: { records: records.length, inYear, completed: nActs, planned: plannedInYear.length, otherYears, undated: undated.length, duplicates: copies.size + planCopies.size },
    criteria,
    rules,
  };
}
