/**
 * The IET annual review criteria over one member's records for one calendar year (docs/DESIGN.md §1 "per-log review
 * criteria"; the rules are docs/domain/CPD.md §2, IET CPD policy and FAQ). A pure function: no I/O, no clock, so the
 * CLI, the API and the page all get the same figures from the same records.
 *
 * Which records count: a record counts in the calendar year of its end date, else its start date, else its target
 * date (`countingYear`); an activity spanning two calendar years therefore counts in its end-date year and is
 * listed for the reviewer (docs/domain/CPD.md §2, our choice). Hours are decimal hours; sums are rounded to 2 decimal places.
 *
 * Each criterion (one module each beside this file) comes out `met`, `not_met` or `not_assessable` (the records
 * cannot decide it as they stand), with the figures behind it and a one-line summary a reviewer can read.
 */
import type { CpdRecord } from '../../domain/index.js';
import { buildYearContext, type ReviewOptions } from './context.js';
import { assessHours } from './hours.js';
import { assessPlan } from './plan.js';
import { assessPlannedHours } from './planned-hours.js';
import { assessReflection } from './reflection.js';
import { assessSkills } from './skills.js';
import { assessTwaves } from './twaves.js';
import type { AnnualReview, Outcome, ReviewCriteria } from './types.js';
import { assessUkSpec } from './uk-spec.js';
import { assessYearPlacement } from './year-placement.js';

/** `not_met` when any outcome is not met, else `not_assessable` when any is, else `met`. */
export function overallOutcome(outcomes: readonly Outcome[]): Outcome {
  return outcomes.includes('not_met') ? 'not_met' : outcomes.includes('not_assessable') ? 'not_assessable' : 'met';
}

/**
 * The annual review criteria for one member and one calendar year (docs/domain/CPD.md §2).
 * @param records all the member's records (any year; those of other years are only counted, and a forward plan
 *   in later years is reported); indices in the result refer to this array
 * @returns every criterion with its outcome and figures; never throws for data problems
 */
export function reviewYear(records: readonly CpdRecord[], opts: ReviewOptions): AnnualReview {
  const ctx = buildYearContext(records, opts);
  const criteria: ReviewCriteria = {
    hours: assessHours(ctx),
    twaves: assessTwaves(ctx),
    skills: assessSkills(ctx),
    plan: assessPlan(ctx),
    plannedHours: assessPlannedHours(ctx),
    ukSpec: assessUkSpec(ctx),
    reflection: assessReflection(ctx),
    yearPlacement: assessYearPlacement(ctx),
  };
  const { year, activityStatus, inYear, nActs, plannedInYear, otherYears, undated, copies, planCopies, rules } = ctx;
  return {
    year,
    activityStatus,
    overall: overallOutcome(Object.values(criteria).map((c) => c.outcome)),
    counts: { records: records.length, inYear, completed: nActs, planned: plannedInYear.length, otherYears, undated: undated.length, duplicates: copies.size + planCopies.size },
    criteria,
    rules,
  };
}
