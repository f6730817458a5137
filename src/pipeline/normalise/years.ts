/**
 * Years that do not start on 1 January: a tax, financial or academic year named in a title or a sheet's name
 * ("FY2024-25", "Tax year 2024/25", "CPD record – 6 April 2024 to 5 April 2025", "Academic year 2025-26"). A log
 * kept over such a year writes its dates without the year ("14 Apr", "22 Jan"): April to December fall in the first
 * calendar year, January to March in the next (trial 3: an accountant's record on financial-year sheets).
 *
 * Shapes: a {@link YearSpan} is the calendar year in which the span begins (`year`), the day it begins (`start`,
 * `MM-DD`) and a phrase for gap messages (`label`). A date without a year on or after `start` (by month and day)
 * takes `year`, one before it `year + 1` (normalise/dates.ts `DateOptions.yearStart`, which applies it).
 *
 * Where the days come from (docs/domain/CPD.md §7): the UK tax year runs 6 April to 5 April (HMRC); the UK
 * financial year ("FY", "financial year") 1 April to 31 March (HM Treasury, most UK bodies' accounts); an academic
 * or school year 1 September to 31 August *(our choice: the month terms start; English school years are defined
 * from 1 August)*. An explicit range of two dates a year apart in the text gives its own first day. "FY26" (two
 * digits, no range) is the financial year ending in 2026 (April 2025 – March 2026), as companies write it. A bare
 * "2024-25" names two years but not the day they turn, so it gives no span. Pure functions.
 */
import { parseDate } from './dates.js';
import { dayName, namedYear, type YearSpan } from './periods.js';

export type { YearSpan };

/** Two full dates joined as a range: "6 April 2024 to 5 April 2025", "01/09/2025 – 31/08/2026". */
const DATE = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+(?:19|20)\d\d|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)`;
const DATE_RANGE_RE = new RegExp(`(${DATE})\\s*(?:to|until|till|-|–|—)\\s*(${DATE})`, 'i');

function pad2(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

/**
 * The year span a title or sheet name names, or undefined when it names none (a plain year, a bare "2024-25", no
 * year at all). Examples: `FY2024-25` → 2024 from 1 April; `Tax year 2024/25` → 2024 from 6 April; `CPD record –
 * tax year 6 April 2024 to 5 April 2025` → 2024 from 6 April; `Academic year 2025-26` → 2025 from 1 September;
 * `FY26` → 2025 from 1 April. A span starting on 1 January is an ordinary year and gives none.
 */
export function yearSpanOf(text: string): YearSpan | undefined {
  const range = DATE_RANGE_RE.exec(text);
  if (range !== null) {
    const d = parseDate(`${range[1]} to ${range[2]}`, { order: 'dmy' });
    if (d.ok && d.precision === 'day' && d.end !== undefined && d.endPrecision === 'day') {
      const y = Number(d.start.slice(0, 4));
      const start = d.start.slice(5);
      // A year long: it ends the day before the same day a year on (or on the last day of the month before).
      const next = parseDate(`${y + 1}-${start}`, { order: 'dmy' });
      const endsYearOn = Number(d.end.slice(0, 4)) === y + 1 && next.ok && d.end < next.start && d.end >= `${y + 1}-${pad2(Math.max(1, Number(start.slice(0, 2)) - 1))}-01`;
      if (endsYearOn && start !== '01-01') return { year: y, start, label: `the year ${dayName(start)} ${y} to ${range[2]!.trim()}` };
    }
  }
  return namedYear(text);
}
