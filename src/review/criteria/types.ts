/**
 * The shapes of the annual review (docs/domain/CPD.md §2): activity status, outcomes, each criterion with its
 * figures, the review of a member-year, and the IET thresholds that are product choices.
 */
import type { SkillType, Twaves } from '../../domain/index.js';

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
  /** 0-based index into the `records` given to {@link reviewYear} (`./review-year.ts`). */
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
    /** Hours on the records left out as repeats of another (see `duplicateCopies` (`./records.ts`)); not in `completedHours`. */
    doubtfulHours: number;
    /** Completed activities with no date at all: they cannot be placed in a year. */
    undated: RecordRef[];
    /**
     * Completed activities with impossible dates (an error-level date gap not accepted: end before start, or
     * completed but dated in the future; see `hasDateError` (`./records.ts`)) with a date in the year: counted nowhere.
     */
    dateErrors: RecordRef[];
    /**
     * Set only when "met" would rest on them: the counted activities whose hours are flagged doubtful (`hoursInDoubt`,
     * `./records.ts`), each with its hours; the outcome is then not assessable until they are checked.
     */
    hoursInDoubt?: RecordRef[];
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
    /** Completed activities in the year that relate to the plan (see `relatesToPlan` (`./records.ts`)). */
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
    /** Reflections under the word minimum or made only of stock phrases (see `isWeakReflection` (`./records.ts`)). */
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
    /** Completed activities with impossible dates and a date in this year (see `hasDateError` (`./records.ts`)): not counted in any year until corrected. */
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
     * Completed records in the year that repeat another flagged as its duplicate (see `duplicateCopies` (`./records.ts`)):
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

/** The activity statuses in words, for summaries and exports. */
export const ACTIVITY_STATUS_WORDS: Readonly<Record<ActivityStatus, string>> = {
  active: 'professionally active',
  reduced: 'reduced activity',
  inactive: 'not professionally active',
};
