/**
 * Logs kept by the week with the days across ("Week commencing | Activity | Mon | Tue | … | Sun", the time spent on
 * each day in its column): the row's date names the week, and the activity's own dates are the days with time
 * (trial 7: every activity dated on the Monday of its week). The first day with time is the start, the last the end.
 *
 * Our own code. Weekday names are those the date reader knows (dates.ts `weekdayNumber`).
 */
import { addDays, weekdayNumber } from './dates.js';

/** The weekday (0 = Monday … 6 = Sunday) a heading names alone ("Mon", "Tuesday", "Wed."), or null. */
export function weekdayHeading(heading: string): number | null {
  const d = weekdayNumber(heading);
  return d === null ? null : (d + 6) % 7;
}

/** The weekday of an ISO date, 0 = Monday … 6 = Sunday. */
export function weekdayOf(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** A day column of a week laid across: its 0-based column and its weekday (0 = Monday). */
export interface DayColumn {
  index: number;
  day: number;
}

/**
 * The days across a row when the table has five or more columns each headed by a weekday alone, in week order, else
 * null. `headings` are the table's headings by column.
 */
export function dayColumns(headings: ReadonlyArray<{ index: number; heading: string }>): DayColumn[] | null {
  const out: DayColumn[] = [];
  for (const h of headings) {
    const day = weekdayHeading(h.heading);
    if (day !== null) out.push({ index: h.index, day });
  }
  if (out.length < 5) return null;
  for (let k = 1; k < out.length; k++) if (out[k]!.index <= out[k - 1]!.index) return null;
  return out;
}

/**
 * The dates of the days with time in a row: `week` is the ISO date the row's week column gives, `ending` true when
 * that column names the week's end ("Week ending") rather than its start; `filled(index)` says whether a day's cell
 * holds time (a figure above zero). Returns the first and last such day (ISO 8601), and how many there are; null when
 * no day has time or the week's date is not a whole day.
 */
export function daysWithTime(week: string, ending: boolean, days: readonly DayColumn[], filled: (index: number) => boolean): { start: string; end: string; count: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week)) return null;
  const wd = weekdayOf(week);
  const dates: string[] = [];
  for (const d of days) {
    if (!filled(d.index)) continue;
    const offset = ending ? -((wd - d.day + 7) % 7) : (d.day - wd + 7) % 7;
    dates.push(addDays(week, offset));
  }
  if (dates.length === 0) return null;
  dates.sort();
  return { start: dates[0]!, end: dates[dates.length - 1]!, count: dates.length };
}

/** A day of the month written alone, maybe with its weekday: "13", "27th", "Wed 4", "19 (Fri)", "Friday, 19th". */
const DAY_OF_MONTH_RE = /^(?:([a-z]{3,9})\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s*[,(]?\s*([a-z]{3,9})\.?\)?)?$/i;

/** A day of the month read from a cell: the day (1–31) and the weekday it names (0 = Monday … 6 = Sunday), if any. */
export interface DayOfMonth {
  day: number;
  weekday?: number;
}

/**
 * Reads a cell that holds a day of the month alone — a diary kept under month headings ("13", "27th", "Wed 4",
 * "19 (Fri)", "Fri 19th") — or null when the text is anything else (a weekday word that is no weekday, a number over
 * 31). Our own rule, from trial 8's Word tables per month (fixtures/corpus/README.md).
 */
export function readDayOfMonth(text: string): DayOfMonth | null {
  const m = DAY_OF_MONTH_RE.exec(text.trim());
  if (m === null || (m[1] !== undefined && m[3] !== undefined)) return null;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return null;
  const word = m[1] ?? m[3];
  if (word === undefined) return { day };
  const weekday = weekdayHeading(word);
  return weekday === null ? null : { day, weekday };
}

