/**
 * Criterion: A brief reflection per activity (docs/domain/CPD.md §2 point 6).
 */
import type { YearContext } from './context.js';
import { ref, isWeakReflection } from './records.js';
import type { Outcome, ReflectionCriterion, RecordRef } from './types.js';


/** A brief reflection per activity (docs/domain/CPD.md §2 point 6). Outcome, one-line summary with the figures, and the rule's source. */
export function assessReflection(ctx: YearContext): ReflectionCriterion {
  const { records, rules, distinct, nDistinct, onceNote, noActivities } = ctx;
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
  return reflection;
}
