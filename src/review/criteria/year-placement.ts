/**
 * Criterion: Every activity placed in one year; activities spanning two count in their end-date year (docs/domain/CPD.md §2, our choice).
 */
import type { YearContext } from './context.js';
import { plural, ref } from './records.js';
import type { Outcome, YearPlacementCriterion, RecordRef } from './types.js';


/** Every activity placed in one year; activities spanning two count in their end-date year (docs/domain/CPD.md §2, our choice). Outcome, one-line summary with the figures, and the rule's source. */
export function assessYearPlacement(ctx: YearContext): YearPlacementCriterion {
  const { records, year, otherYearsWithErrors, undatedCompleted, dateErrors, dateErrorText } = ctx;
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
  return yearPlacement;
}
