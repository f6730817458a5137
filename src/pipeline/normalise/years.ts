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

/** A year of dates that starts on `start` (`MM-DD`) in calendar year `year`; `label` says which, for messages. */
export interface YearSpan {
  year: number;
  start: string;
  label: string;
}

/** Kinds of named year, by the words that name them, with the day each starts (`MM-DD`). */
const KINDS: ReadonlyArray<{ re: RegExp; start: string; what: string }> = [
  { re: /\btax[\s-]+year\b/i, start: '04-06', what: 'tax year' },
  { re: /\b(?:financial[\s-]+year|fiscal[\s-]+year)\b|\bfy(?![a-z])/i, start: '04-01', what: 'financial year' },
  { re: /\b(?:academic|school|teaching)[\s-]+year\b|\bay(?![a-z])/i, start: '09-01', what: 'academic year' },
];

/** A year range right after the name of the year: "2024-25", "2024/25", "2024–2025", "24/25", or "FY26" (ending 2026). */
const YEARS_RE = /(?:^|[^\d])((?:19|20)\d\d|\d\d)\s*[-/–]\s*((?:19|20)?\d\d)(?!\d)/;
const FY_SHORT_RE = /\bfy\s*'?(\d\d|(?:19|20)\d\d)\b(?!\s*[-/–]\s*\d)/i;

/** Two full dates joined as a range: "6 April 2024 to 5 April 2025", "01/09/2025 – 31/08/2026". */
const DATE = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+(?:19|20)\d\d|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)`;
const DATE_RANGE_RE = new RegExp(`(${DATE})\\s*(?:to|until|till|-|–|—)\\s*(${DATE})`, 'i');

function pad2(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

/** The first calendar year of a two-part year range: `2024`, `25` → 2024; null when the parts are not consecutive. */
function firstOf(a: string, b: string): number | null {
  const y1 = a.length === 2 ? 2000 + Number(a) : Number(a);
  const y2 = b.length === 2 ? y1 - (y1 % 100) + Number(b) : Number(b);
  return y2 === y1 + 1 ? y1 : null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `04-06` → `6 April`. */
function dayName(mmdd: string): string {
  return `${Number(mmdd.slice(3))} ${MONTHS[Number(mmdd.slice(0, 2)) - 1] ?? mmdd}`;
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
  for (const k of KINDS) {
    const named = k.re.exec(text);
    if (named === null) continue;
    const after = text.slice(named.index);
    const before = text.slice(Math.max(0, named.index - 12), named.index + named[0].length);
    const yr = YEARS_RE.exec(after) ?? YEARS_RE.exec(before);
    if (yr !== null) {
      const y = firstOf(yr[1]!, yr[2]!);
      if (y !== null) return { year: y, start: k.start, label: `the ${k.what} ${y}–${String(y + 1).slice(2)} (from ${dayName(k.start)})` };
    }
    if (k.what === 'financial year') {
      const fy = FY_SHORT_RE.exec(text);
      if (fy !== null) {
        const end = fy[1]!.length === 2 ? 2000 + Number(fy[1]) : Number(fy[1]);
        return { year: end - 1, start: k.start, label: `the financial year ${end - 1}–${String(end).slice(2)} (FY${fy[1]}, from ${dayName(k.start)})` };
      }
    }
  }
  return undefined;
}
