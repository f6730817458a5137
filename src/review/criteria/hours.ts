/**
 * Criterion: CPD hours: completed hours against the requirement for the activity status (docs/domain/CPD.md §2 point 2).
 */
import type { YearContext } from './context.js';
import { h2, fmtH, hoursInDoubt, plural, ref } from './records.js';
import type { Outcome, HoursCriterion, RecordRef } from './types.js';


/** The counted activities whose hours are flagged doubtful, and their hours (decimal). */
export function doubtful(ctx: Pick<YearContext, 'records' | 'distinct'>): { refs: RecordRef[]; hours: number } {
  const idx = ctx.distinct.filter((i) => hoursInDoubt(ctx.records[i]!));
  return { refs: idx.map((i) => ref(ctx.records, i, `${ctx.records[i]!.hours} h`)), hours: h2(idx.reduce((s, i) => s + ctx.records[i]!.hours!, 0)) };
}

/** "186 h on 3 activities whose hours are flagged doubtful (Webinar: …, …)". */
export function doubtText(d: { refs: readonly RecordRef[]; hours: number }): string {
  const names = d.refs.slice(0, 3).map((r) => r.activityName ?? '(no name)').join('; ');
  return `${fmtH(d.hours)} ${d.refs.length === 1 ? 'is' : 'are'} on ${plural(d.refs.length, 'activity', 'activities')} whose hours are flagged doubtful (${names}${d.refs.length > 3 ? '; …' : ''})`;
}

/** CPD hours: completed hours against the requirement for the activity status (docs/domain/CPD.md §2 point 2). Outcome, one-line summary with the figures, and the rule's source. */
export function assessHours(ctx: YearContext): HoursCriterion {
  const { records, year, activityStatus, required, undatedCompleted, copies, nDistinct, completedHours, withoutHours, doubtfulHours, dateErrors, dateErrorText, statusText } = ctx;
  let hours: HoursCriterion;
  {
    const figures: HoursCriterion['figures'] = { activityStatus, required, completedHours, activities: nDistinct, withoutHours, doubtfulHours, undated: undatedCompleted.map((i) => ref(records, i)), dateErrors };
    const dupText = copies.size === 0 ? '' : ` (not counting ${fmtH(doubtfulHours)} on ${plural(copies.size, 'record')} flagged as ${copies.size === 1 ? 'a duplicate' : 'duplicates'} of another)`;
    const base = `${fmtH(completedHours)} of completed CPD in ${year} from ${plural(nDistinct, 'activity', 'activities')}${dupText}; ${fmtH(required)} required (${statusText})`;
    const source = 'IET CPD policy: 30 h a year when professionally active, 10 h for reduced activity, none when not professionally active';
    let outcome: Outcome;
    let summary: string;
    const inDoubt = doubtful(ctx);
    if (activityStatus === 'inactive') {
      outcome = 'met';
      summary = `${base}: not professionally active members need no CPD (they declare it)`;
    } else if (completedHours >= required && h2(completedHours - inDoubt.hours) < required) {
      outcome = 'not_assessable';
      figures.hoursInDoubt = inDoubt.refs;
      summary = `${base}; but ${doubtText(inDoubt)}, and ${fmtH(h2(completedHours - inDoubt.hours))} without ${inDoubt.refs.length === 1 ? 'it' : 'them'}: check ${inDoubt.refs.length === 1 ? 'its' : 'their'} hours to decide`;
    } else if (completedHours >= required) {
      outcome = 'met';
      summary = base;
      if (dateErrors.length > 0) summary += `; ${dateErrorText}`;
    } else if (dateErrors.length > 0) {
      outcome = 'not_assessable';
      summary = `${base}; ${fmtH(h2(required - completedHours))} short, but ${dateErrorText}: correct ${dateErrors.length === 1 ? 'its' : 'their'} dates to decide`;
    } else if (h2(completedHours + doubtfulHours) >= required) {
      outcome = 'not_assessable';
      summary = `${base}; ${fmtH(h2(required - completedHours))} short unless the records flagged as duplicates are separate activities: check them`;
    } else if (withoutHours.length > 0 || undatedCompleted.length > 0) {
      outcome = 'not_assessable';
      const why: string[] = [];
      if (withoutHours.length > 0) why.push(`${plural(withoutHours.length, 'activity', 'activities')} in ${year} ${withoutHours.length === 1 ? 'has' : 'have'} no readable hours`);
      if (undatedCompleted.length > 0) why.push(`${plural(undatedCompleted.length, 'activity', 'activities')} ${undatedCompleted.length === 1 ? 'has' : 'have'} no date`);
      summary = `${base}; ${fmtH(h2(required - completedHours))} short, but ${why.join(' and ')}: correct ${withoutHours.length + undatedCompleted.length === 1 ? 'it' : 'them'} to decide`;
    } else {
      outcome = 'not_met';
      summary = `${base}: ${fmtH(h2(required - completedHours))} short`;
    }
    hours = { outcome, summary, source, figures };
  }
  return hours;
}
