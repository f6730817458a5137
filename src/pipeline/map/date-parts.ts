/**
 * A date written over two or three columns — `Day | Month | Year` (14 | Jan | 2026), as forms and hand-made
 * trackers split it so each part can be picked from a list — read as one date (issue 9 scope 2, columns by
 * content). Trial 6: a health and safety adviser's log lost every date, and a booked course came out completed.
 *
 * The day column is the one the mapping already took as a date of days of the month (`ColumnPlan.dayOfMonth`,
 * map/assign.ts); its month and year columns are found by their heading's word (`month`/`mth`/`mon`,
 * `year`/`yr`) and checked by their content: months as names or numbers 1–12, years as four digits. The parts are
 * joined row by row in the normalise stage (build.ts), e.g. `14 Jan 2026`, and read as any date is.
 */
import { cellText, type ExtractedRow } from '../types.js';
import type { ColumnPlan } from './assign.js';
import { headingWords } from './words.js';

/** Share of a column's values that must be a month (or a year) for it to be one. */
const PART_SHARE = 0.8;

const MONTH_WORD_RE = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;

/** True for a value naming a month: a month's name or abbreviation, or a number from 1 to 12. */
export function isMonthValue(text: string): boolean {
  const t = text.trim();
  if (/^\d{1,2}$/.test(t)) return Number(t) >= 1 && Number(t) <= 12;
  return MONTH_WORD_RE.test(t);
}

function share(rows: readonly ExtractedRow[], index: number, test: (t: string) => boolean): number {
  let n = 0;
  let yes = 0;
  for (const r of rows) {
    const t = cellText(r.cells[index]).trim();
    if (t === '') continue;
    n++;
    if (test(t)) yes++;
  }
  return n === 0 ? 0 : yes / n;
}

/**
 * Finds the month and year columns of each day-of-the-month date column and records them in its plan
 * (`ColumnPlan.parts`); the parts' own plans say whose part they are (`ColumnPlan.partOf`) and stay out of the
 * record (their values are kept in extras, named in an info note rather than a warning). Only columns mapped to no
 * field are taken as parts. Mutates the plans given.
 */
export function joinDateParts(cols: readonly ColumnPlan[], rows: readonly ExtractedRow[]): void {
  for (const day of cols) {
    if (day.dayOfMonth !== true || day.field === null || day.how === 'override') continue;
    const free = cols.filter((c) => c.field === null && c.partOf === undefined && c.how !== 'override');
    const named = (c: ColumnPlan, words: RegExp): boolean => headingWords(c.heading).words.some((w) => words.test(w));
    const month = free.find((c) => named(c, /^(month|mth|mon|months)$/) && share(rows, c.index, isMonthValue) >= PART_SHARE);
    if (month === undefined) continue;
    const year = free.find((c) => named(c, /^(year|yr|years)$/) && share(rows, c.index, (t) => /^(19|20)\d\d$/.test(t)) >= PART_SHARE);
    day.parts = year === undefined ? { month: month.index } : { month: month.index, year: year.index };
    const whole = [day, month, ...(year ? [year] : [])].map((c) => `"${c.heading}"`).join(', ');
    day.reason += `; its date is written over columns ${whole}, read together`;
    for (const p of [month, ...(year ? [year] : [])]) {
      p.partOf = day.index;
      p.reason = `the ${p === month ? 'month' : 'year'} of the ${day.field === 'startDate' ? 'start date' : day.field === 'endDate' ? 'end date' : 'target date'} in column ${day.letter} ("${day.heading}")`;
    }
  }
}
