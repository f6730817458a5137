/**
 * Criterion: Activities linked to UK-SPEC competences (docs/domain/CPD.md §2 point 5).
 */
import type { YearContext } from './context.js';
import { pct } from './records.js';
import type { Outcome, UkSpecCriterion } from './types.js';

const AREAS = ['A', 'B', 'C', 'D', 'E'] as const;

/** Activities linked to UK-SPEC competences (docs/domain/CPD.md §2 point 5). Outcome, one-line summary with the figures, and the rule's source. */
export function assessUkSpec(ctx: YearContext): UkSpecCriterion {
  const { records, rules, distinct, nDistinct, onceNote, noActivities } = ctx;
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
  return ukSpec;
}
