/**
 * A member's figures year by year (issue 17 §1, the member's dashboard, and `cpd-import review --trend`): for each
 * calendar year from the first to the last their records count in, the hours done against their body's requirement,
 * the hours per TWAVES category and per skill type, planned against done, the reflections written and the criteria
 * of their body met that year. A pure function of the records: the API, the page and the CLI get the same figures.
 *
 * The figures are the annual review's own (`reviewYear`, src/review/criteria/): completed activities counting in the
 * year (end date's, else start date's, else target date's), each group of flagged duplicates once, impossible dates
 * counted nowhere; decimal hours rounded to 2 places. The criteria met are the body's review for the period ending
 * with the year (`reviewForBody`; for a body reviewing N years, the N years ending with it).
 */
import { SKILL_TYPES, TWAVES_LETTERS, type CpdRecord, type SkillType, type Twaves } from '../../domain/index.js';
import { overallOutcome, reviewYear } from '../criteria/review-year.js';
import { countingYear, h2 } from '../criteria/records.js';
import { CRITERION_TITLES, type ActivityStatus, type Outcome, type ReviewCriteria } from '../criteria/types.js';
import { periodFor, reviewForBody, type RuleSet } from '../rulesets/index.js';
import { yearRequirement, type YearRequirement } from './requirement.js';

/** One criterion of the body's review for a year: its key, title and outcome. */
export interface TrendCriterion {
  key: string;
  title: string;
  outcome: Outcome;
}

/** A member's figures for one calendar year. Hours are decimal hours. */
export interface TrendYear {
  year: number;
  activityStatus: ActivityStatus;
  /** The body's yearly requirement for the member's status that year. */
  required: YearRequirement;
  /** Completed hours counting in the year (the hours criterion's `completedHours`). */
  hours: number;
  /** Completed activities counting in the year. */
  activities: number;
  /** Planned entries counting in the year (by target date). */
  plannedEntries: number;
  /** Hours per TWAVES category (every letter, 0 when none), and hours of activities with no category. */
  twaves: Record<Twaves, number> & { none: number };
  /** Hours per skill type (every type, 0 when none), and hours of activities with no skill type. */
  skills: Record<SkillType, number> & { none: number };
  /**
   * Planned against done (the planned-hours criterion's figures): `done` hours of completed activities that were
   * planned (relate to the plan), `open` hours still planned for the year, `missed` hours planned whose target
   * date passed with nothing done; `planned` their sum.
   */
  plan: { planned: number; done: number; open: number; missed: number };
  /** Completed activities with a reflection (`written`: good or weak), of them good, weak, and without one. */
  reflections: { activities: number; written: number; good: number; weak: number; missing: number };
  /** The body's criteria for the period ending with the year, in the order it reviews them. */
  criteria: TrendCriterion[];
  /** How many of `criteria` are met. */
  met: number;
  overall: Outcome;
}

/** A member's years: the body's id and name, and one entry per calendar year, oldest first. */
export interface MemberTrend {
  body: { id: string; name: string };
  years: TrendYear[];
}

/** Options of {@link memberTrend}: the body's rule set, the activity status of each year (default active), today (ISO date). */
export interface TrendOptions {
  ruleSet: RuleSet;
  statusOf?: (year: number) => ActivityStatus;
  today?: string;
  /** Only these years (default: every year from the first to the last the records count in). */
  years?: readonly number[];
}

/** The calendar years from the first to the last any record counts in (none when no record has a date). */
export function trendYears(records: readonly CpdRecord[]): number[] {
  const ys = records.map(countingYear).filter((y): y is number => y !== null);
  if (ys.length === 0) return [];
  const out: number[] = [];
  for (let y = Math.min(...ys); y <= Math.max(...ys); y++) out.push(y);
  return out;
}

/**
 * The member's figures for each year (see the module's note).
 * @param records the member's counted records (any years; excluded records already left out)
 */
export function memberTrend(records: readonly CpdRecord[], opts: TrendOptions): MemberTrend {
  const rs = opts.ruleSet;
  const years = opts.years ?? trendYears(records);
  const out = years.map((year): TrendYear => {
    const activityStatus = opts.statusOf?.(year) ?? 'active';
    const today = opts.today === undefined ? {} : { today: opts.today };
    const review = reviewYear(records, { year, activityStatus, ...today });
    const c = review.criteria;
    const criteria = rs.id === 'iet' ? ietCriteria(c) : reviewForBody(records, rs, { period: periodFor(rs, { year }), activityStatus, ...today }).criteria.map((k) => ({ key: k.key, title: k.title, outcome: k.outcome }));
    const hours = c.hours.figures.completedHours;
    const twavesHours = Object.fromEntries(TWAVES_LETTERS.map((t) => [t, c.twaves.figures.hours[t]])) as Record<Twaves, number>;
    const skillHours = Object.fromEntries(SKILL_TYPES.map((s) => [s, c.skills.figures.hours[s]])) as Record<SkillType, number>;
    const ph = c.plannedHours.figures;
    const rf = c.reflection.figures;
    return {
      year,
      activityStatus,
      required: yearRequirement(rs, activityStatus),
      hours,
      activities: c.hours.figures.activities,
      plannedEntries: review.counts.planned,
      twaves: { ...twavesHours, none: h2(hours - sumOf(twavesHours)) },
      skills: { ...skillHours, none: c.skills.figures.unclassifiedHours },
      plan: { planned: h2(ph.relatedCompletedHours + ph.openPlannedHours + ph.missedPlannedHours), done: ph.relatedCompletedHours, open: ph.openPlannedHours, missed: ph.missedPlannedHours },
      reflections: { activities: rf.activities, written: rf.activities - rf.missing.length, good: rf.good, weak: rf.weak.length, missing: rf.missing.length },
      criteria,
      met: criteria.filter((k) => k.outcome === 'met').length,
      overall: overallOutcome(criteria.map((k) => k.outcome)),
    };
  });
  return { body: { id: rs.id, name: rs.name }, years: out };
}

function ietCriteria(c: ReviewCriteria): TrendCriterion[] {
  return (Object.keys(c) as (keyof ReviewCriteria)[]).map((key) => ({ key, title: CRITERION_TITLES[key], outcome: c[key].outcome }));
}

function sumOf(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}
