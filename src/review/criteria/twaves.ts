/**
 * Criterion: A range of TWAVES categories (docs/domain/CPD.md §2 point 3).
 */
import { TWAVES_LETTERS, TWAVES_NAMES, type Twaves } from '../../domain/index.js';
import type { YearContext } from './context.js';
import { h2, fmtH, plural, ref, positiveHours } from './records.js';
import type { Outcome, TwavesCriterion, RecordRef } from './types.js';

const TWAVES: readonly Twaves[] = TWAVES_LETTERS;

/** A range of TWAVES categories (docs/domain/CPD.md §2 point 3). Outcome, one-line summary with the figures, and the rule's source. */
export function assessTwaves(ctx: YearContext): TwavesCriterion {
  const { records, rules, distinct, nDistinct, onceNote, noActivities } = ctx;
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
  return twaves;
}
