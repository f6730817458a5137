/**
 * Criterion: A CPD plan is included and the activities relate to it (docs/domain/CPD.md §2 point 1).
 */
import type { YearContext } from './context.js';
import { pct, plural, ref } from './records.js';
import type { Outcome, PlanCriterion } from './types.js';


/** A CPD plan is included and the activities relate to it (docs/domain/CPD.md §2 point 1). Outcome, one-line summary with the figures, and the rule's source. */
export function assessPlan(ctx: YearContext): PlanCriterion {
  const { records, rules, year, planEntries, distinct, nDistinct, onceNote, noActivities, objectives, relatedIdx } = ctx;
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
  return plan;
}
