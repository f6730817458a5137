/**
 * Criterion: At least 10 h of planned CPD (docs/domain/CPD.md §2 point 4).
 */
import { lastDay } from '../../pipeline/normalise/dates.js';
import type { YearContext } from './context.js';
import { h2, fmtH, ref, nameKey, positiveHours } from './records.js';
import type { Outcome, PlannedHoursCriterion } from './types.js';


/** At least 10 h of planned CPD (docs/domain/CPD.md §2 point 4). Outcome, one-line summary with the figures, and the rule's source. */
export function assessPlannedHours(ctx: YearContext): PlannedHoursCriterion {
  const { records, opts, year, required, completed, plannedInYear, plannedLater, relatedIdx } = ctx;
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
    const suggested = Math.min(opts.plannedHoursMin ?? 10, required);
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
  return plannedHours;
}
