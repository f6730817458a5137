/**
 * What a professional body requires a year (issue 17 §1: "hours per year against the requirement of their body"),
 * read from its rule set (src/review/rulesets/bodies/, docs/domain/RULESETS.md): the IET's hours by activity status
 * (`status_hours`), another body's hours a year or over its period (`hours`: a total over N years is shown as its
 * yearly share), or points a year (`points`). A pure function of the rule set.
 */
import { h2 } from '../criteria/records.js';
import { ACTIVITY_STATUS_WORDS, type ActivityStatus } from '../criteria/types.js';
import type { RuleSet } from '../rulesets/index.js';

/** A body's yearly requirement: the figure (null: the body sets none), its unit and where it comes from, in words. */
export interface YearRequirement {
  /** Decimal hours (or points) a year; null when the rule set has no hours or points criterion. */
  value: number | null;
  unit: 'hours' | 'points';
  /** e.g. `"30 h a year (professionally active)"`, `"35 h over 3 years: 11.67 h a year"`. */
  basis: string;
}

/**
 * The yearly requirement of `rs` for a member of activity status `status`: the first hours-like criterion of the rule
 * set (`status_hours`, `hours`, `points`). A total over an N-year period is divided by N (rounded to 2 places).
 */
export function yearRequirement(rs: RuleSet, status: ActivityStatus): YearRequirement {
  for (const c of rs.criteria) {
    if (c.kind === 'status_hours') return { value: c.required[status], unit: 'hours', basis: `${c.required[status]} h a year (${ACTIVITY_STATUS_WORDS[status]})` };
    if (c.kind === 'hours' && c.perYear !== undefined) return { value: c.perYear, unit: 'hours', basis: `${c.perYear} h a year` };
    if (c.kind === 'hours' && c.total !== undefined) {
      const years = rs.period.kind === 'years' ? rs.period.years : 1;
      const value = h2(c.total / years);
      return { value, unit: 'hours', basis: years === 1 ? `${c.total} h a year` : `${c.total} h over ${years} years: ${value} h a year` };
    }
    if (c.kind === 'points') return { value: c.perYear, unit: 'points', basis: `${c.perYear} points a year` };
  }
  return { value: null, unit: 'hours', basis: `${rs.name} sets no hours` };
}
