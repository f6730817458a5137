/**
 * What a column holds, read from its values: how many are dates, date-times, durations, plain numbers, TWAVES
 * letters or names, UK-SPEC codes, status words, percentages, amounts of money, links, identifiers, short
 * title-like texts or long prose. The mapper weighs this against the heading (`assign.ts`), so that a column of
 * plainly dates under "When?" or "Col1" is read as dates, and a column headed "Date" that holds prose is not.
 *
 * Our own code. Runs once per table on a sample of its rows (not per row): at most {@link PROFILE_SAMPLE} values.
 */
import { parseSkillType, parseTwaves } from '../normalise/category.js';
import { parseDate } from '../normalise/dates.js';
import { parseHours } from '../normalise/hours.js';
import { isPlaceholderText } from '../normalise/text.js';
import { parseUkSpec } from '../normalise/ukspec.js';
import { readDayOfMonth } from '../normalise/week-days.js';
import { cellText, type Cell, type ExtractedRow } from '../types.js';

/** Most values of a column read to profile it. */
export const PROFILE_SAMPLE = 120;

/**
 * Counts over the sampled non-empty values of one column (each count ≤ `values`).
 * `hoursLike` counts values that read as a duration (`1.5`, `1h30`, `90 min`) and are plausible for one activity
 * (over 0, at most 500 h); `unitHours` those that also name a time unit. `titleLike`: 1–14 words, no sentence
 * punctuation inside, not a number; `prose`: 12 words or more, or two sentences.
 */
export interface ColumnProfile {
  /** Non-empty values sampled (placeholders such as `n/a` or `-` excluded). */
  values: number;
  /** Placeholders seen (`n/a`, `-`, `TBC`). */
  placeholders: number;
  /** Values that read as a calendar date (typed date cells, day/month/year texts). */
  dates: number;
  /** …of which gave a whole day (not only a month or a year). */
  dayDates: number;
  /** Values with a time of day after the date (`2024-03-05T10:00:00Z`, `05/03/2024 14:30`). */
  dateTimes: number;
  /** Single-letter values that are no TWAVES letter ("B", "C"). */
  otherLetters: number;
  /** Values that are a time of day only (`09:00`, `5.30pm`), or an `h:mm` duration written the same way. */
  clockTimes: number;
  /** Of the `clockTimes`, those whose hour is below 8 (`00:45`, `01:04:00`, `07:00`): short enough to be durations. */
  shortClocks: number;
  /** Of the `clockTimes`, those with a first part of 24 or more (`48:10`, `25:00`): no time of day, so a duration. */
  longClocks: number;
  /** Of the `clockTimes`, those of three parts (`1:02:45`): a media player writes h:mm:ss beside m:ss (`12:34`). */
  threePartClocks: number;
  /** Plain numbers (no unit). */
  numbers: number;
  /** Numbers that are whole years between 1950 and 2100 (`2024`). */
  years: number;
  hoursLike: number;
  unitHours: number;
  twaves: number;
  ukSpec: number;
  skillTypes: number;
  /** Status words: completed, in progress, not started, planned, booked, cancelled, done. */
  statusWords: number;
  /** Yes/no answers: yes, no, y, n, true, false, checked (Airtable, Notion checkboxes), ✓, x, ☑. */
  yesNo: number;
  /** Words of a claim's approval: approved, pending, rejected, submitted, under review, audit. */
  approvals: number;
  percents: number;
  money: number;
  urls: number;
  emails: number;
  /** Codes without spaces mixing letters and digits, or long digit strings (`CRS-1023`, `8f3a…`, `100234`). */
  ids: number;
  titleLike: number;
  prose: number;
  /** Distinct values among those sampled. */
  distinct: number;
  /** Mean number of words per value. */
  meanWords: number;
  /** The largest plain number seen (0 when none). */
  maxNumber: number;
  /**
   * Plain whole numbers of 600 or more that are whole minutes counted in seconds (multiples of 60: `5400`, `36000`):
   * as hours no one activity takes them, as seconds they are 10 minutes to 100 hours (a tracker's time logged in
   * seconds; milliseconds, 25200000 for 7 h, are past it).
   */
  secondCounts: number;
  /** Plain whole numbers from 1 to 31 (a day of the month, or a small count). */
  days: number;
  /**
   * The values count the rows: whole numbers 1, 2, 3 … (or from 0) each one more than the last, three or more ("Lp.",
   * "No.", "#"): a row number, never hours however small.
   */
  counting: boolean;
  /** Values with a CPD unit written in them (`2.0 CPE`, `3 points`, `1.5 CEUs`): hours where the heading names that unit. */
  creditUnits: number;
  /**
   * Plan timings that are no calendar date: a time named by an event or a period, or relative to an unstated moment
   * (`by winter break`, `before the CEng interview`, `within 3 months`, `next year`) — what a plan's "when" column
   * holds beside its dates (docs/domain/CPD.md §7 "Plan targets").
   */
  timings: number;
  /**
   * Values written as competence codes of UK-SPEC's shape (a letter and a number) of which some lie outside its grid
   * (A1–A2, B1–B3, C1–C4, D1–D3, E1–E5): "B4, C1", "A4", "B6" — another body's framework (an SRA or SFIA reference).
   */
  otherCodes: number;
  /** Date placeholders that say "not fixed yet" in words (`ongoing`, `ASAP`; `TBC` is a placeholder and not counted in `values`). */
  openDates: number;
}

const URL_RE = /^(https?:\/\/|www\.)\S+$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const MONEY_RE = /^(?:[£$€]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:gbp|usd|eur|£|€)|free)$/i;
const PERCENT_RE = /^\d{1,3}(?:[.,]\d+)?\s?%$/;
const CLOCK_RE = /^\d{1,3}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$/i;
const NUMBER_RE = /^[-+]?\d+(?:[.,]\d+)?$/;
const ID_RE = /^(?=[^\s]*\d)(?=[^\s]*[a-z])[a-z0-9][a-z0-9_\-./#:]{3,}$/i;
const LONG_DIGITS_RE = /^\d{6,}$/;
/** A URL slug or a key written in kebab or snake case: `geotechnical-fundamentals`, `pm_scheduling_risk`. */
const SLUG_RE = /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/;
const UNIT_RE = /\d\s*(?:h|hrs?|hours?|mins?|minutes?|m|secs?|seconds?|s|days?)\b|^P(?:\d+D)?T?\d|\d+:\d{2}(?::\d{2})?$/i;
const DATE_TIME_RE = /\d[T\s]\d{1,2}:\d{2}/;
/** A numeric day and month without a year, as a date is written ("03/03", "14.11"), not a fraction ("1/2"). */
const YEARLESS_NUMERIC_RE = /^(?:[a-z]{3,9}\.?,?\s+)?\d\d[/.]\d\d$/i;
/** A weekday leading a date ("Tue", "Thursday,"). */
const WEEKDAY_LEAD_RE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

/** A leap year, so that "29 Feb" without a year still reads as a date when a column is profiled. */
const LEAP_YEAR = 2000;
const STATUS_RE =
  /^(?:completed?|complete|done|finished|passed|attended|achieved|in[\s-]?progress|ongoing|started|not[\s-]?started|planned|booked|scheduled|registered|enrolled|cancell?ed|withdrawn|failed|incomplete|not\s+complete(?:d)?|pending|overdue|past\s+due|due|expired|viewed|assigned)$/i;
const APPROVAL_RE = /^(?:approved|pending|rejected|declined|submitted|under review|in review|audit(?:ed)?|selected for audit|accepted|awaiting approval|verified|not verified)$/i;
const YES_NO_RE = /^(?:yes|no|y|n|true|false|checked|unchecked|ticked|unticked|✓|✔|✗|x|☑|☐|☒|✅|❌)$/i;

/** The sample of a column's cells: the first {@link PROFILE_SAMPLE} non-empty values of the rows given. */
export function profileColumn(rows: readonly ExtractedRow[], index: number): ColumnProfile {
  const p: ColumnProfile = {
    values: 0, placeholders: 0, dates: 0, dayDates: 0, dateTimes: 0, otherLetters: 0, clockTimes: 0, shortClocks: 0, longClocks: 0, threePartClocks: 0, numbers: 0, years: 0, hoursLike: 0,
    unitHours: 0, twaves: 0, ukSpec: 0, skillTypes: 0, statusWords: 0, yesNo: 0, approvals: 0, percents: 0, money: 0, urls: 0, emails: 0, ids: 0,
    titleLike: 0, prose: 0, distinct: 0, meanWords: 0, maxNumber: 0, secondCounts: 0, days: 0, counting: false, creditUnits: 0, timings: 0, openDates: 0, otherCodes: 0,
  };
  const seen = new Set<string>();
  let words = 0;
  // The last whole number while the values still count up by one from 0 or 1; null once they do not.
  let count: number | null = -1;
  for (const row of rows) {
    if (p.values >= PROFILE_SAMPLE) break;
    const c = row.cells[index];
    const t = cellText(c).trim();
    if (t === '') continue;
    if (isPlaceholderText(t) || /^(null|undefined|none|nan|#n\/a)$/i.test(t)) {
      p.placeholders++;
      continue;
    }
    p.values++;
    if (count !== null) count = countsOn(count, t);
    seen.add(t.toLowerCase());
    readValue(p, c, t);
    const n = t.split(/\s+/).length;
    words += n;
  }
  p.counting = count !== null && p.values >= 3;
  p.distinct = seen.size;
  p.meanWords = p.values === 0 ? 0 : words / p.values;
  return p;
}

/** The next state of a count (see {@link ColumnProfile.counting}): `t` if it is one more than `last` (-1 before any), else null. */
function countsOn(last: number, t: string): number | null {
  if (!/^\d{1,5}\.?$/.test(t)) return null;
  const v = Number.parseInt(t, 10);
  if (last === -1) return v <= 1 ? v : null;
  return v === last + 1 ? v : null;
}

/** A plan's timing looks forward: "by the spring review", "within 3 months", "ongoing", "next appraisal", "end of term". */
const FORWARD_TIMING_RE = /^(by|before|within|until|till|ongoing|asap|next|in the next|over the next|end of|at the end|start of|from next)\b/i;

function readValue(p: ColumnProfile, c: Cell | undefined, t: string): void {
  const typed = typeof c === 'object' && c !== null ? c : null;
  if (typed?.date !== undefined) {
    p.dates++;
    p.dayDates++;
    if (typed.time !== undefined) p.dateTimes++;
    return;
  }
  if (typed?.number !== undefined || NUMBER_RE.test(t)) {
    p.numbers++;
    const v = typed?.number ?? Number(t.replace(',', '.'));
    if (v > p.maxNumber) p.maxNumber = v;
    if (Number.isInteger(v) && v >= 600 && v <= 360_000 && v % 60 === 0) p.secondCounts++;
    if (Number.isInteger(v) && v >= 1 && v <= 31) p.days++;
    if (Number.isInteger(v) && v >= 1950 && v <= 2100) p.years++;
    // A number of 20,000–80,000 in a General cell may be a date serial; hours are small.
    if (v > 0 && v <= 500) p.hoursLike++;
    if (typed?.numFmt !== undefined && /h/i.test(typed.numFmt) && !/[dy]/i.test(typed.numFmt)) {
      if (v < 1) p.clockTimes++;
    }
    if (LONG_DIGITS_RE.test(t)) p.ids++;
    return;
  }
  // "14th", "Wed 4", "19 (Fri)": a day of the month written as an ordinal or with its weekday (a diary kept under
  // month headings).
  if (t.length <= 16 && readDayOfMonth(t) !== null) return void p.days++;
  if (URL_RE.test(t)) return void p.urls++;
  if (EMAIL_RE.test(t)) return void p.emails++;
  if (PERCENT_RE.test(t)) return void p.percents++;
  if (MONEY_RE.test(t)) return void p.money++;
  if (CLOCK_RE.test(t)) {
    p.clockTimes++;
    const first = Number(/^\d+/.exec(t)![0]);
    const meridiem = /[ap]\.?m/i.test(t);
    if (first < 8 && !meridiem) p.shortClocks++;
    if (first >= 24 && !meridiem) p.longClocks++;
    if (/^\d+:\d\d:\d\d$/.test(t)) p.threePartClocks++;
    return;
  }
  if (t.length <= 40 && !t.includes(':') && t.split(/\s+/).length <= 6) {
    // (Only the kind of failure matters here: a date would have been read above when the text has digits. A text
    // with a colon is a labelled note — "Recommended minimum: 35 hours per year" — not a timing.)
    const d = parseDate(t, { order: 'dmy' });
    // Only a timing that looks forward ("by …", "within …", "ongoing") marks a plan: "Spring term" or "Oct half-term"
    // in a log says when something was done.
    if (!d.ok && d.kind === 'relative') {
      if (FORWARD_TIMING_RE.test(t)) p.timings++;
    }
    else if (!d.ok && d.kind === 'placeholder') p.openDates++;
  }
  if (APPROVAL_RE.test(t)) p.approvals++;
  // A status word (done, in progress) or a yes/no answer is no title.
  if (STATUS_RE.test(t)) return void p.statusWords++;
  if (YES_NO_RE.test(t)) return void p.yesNo++;
  if (t.length <= 40 && parseTwaves(t, true) !== null) p.twaves++;
  // A lone letter outside T, W, A, V, E, S ("B", "C") says the column's letters are another scheme: ISC2's CPE
  // groups A and B, grades A–D.
  else if (/^[B-DF-RU-Z]$/i.test(t)) p.otherLetters++;
  let otherCodes = false;
  if (t.length <= 60) {
    const u = parseUkSpec(t);
    // (`;#` separates the choices of a multi-choice cell in list exports: `;#A1;#E2;#`.)
    if (u.codes.length > 0 && u.unknown.length === 0 && /^[\sA-Ea-e\d,;/&+().\-–—tol|]+$/.test(t.replace(/;#/g, ';'))) p.ukSpec++;
    else if (u.unknown.some((x) => /^[A-Za-z]\d{1,2}$/.test(x)) && /^[\sA-Za-z\d,;/&+().\-–—|]+$/.test(t)) otherCodes = true;
    if (parseSkillType(t).skillType !== null) p.skillTypes++;
  }
  if (t.length <= 60 && /\d/.test(t)) {
    // Either order: a US export's 1/19/2024 is a date too (the column's order is decided later, from all its values).
    let d = parseDate(t, { order: 'dmy' });
    if (!d.ok) d = parseDate(t, { order: 'mdy' });
    // A date without a year ("14 Mar", "2–3 Jul", "Tue 03/03"): the year is in a title, the sheet's name or a block
    // heading, and the normalise stage fills it in; its shape is a date all the same. (A bare "1/2" may be a
    // fraction of an hour: a numeric one counts only with two-digit parts or a weekday.)
    // The weekday of such a date cannot be checked against a stand-in year: it is left out here ("Tue 13 Jan").
    if (!d.ok && (/\p{L}{3}/u.test(t) || YEARLESS_NUMERIC_RE.test(t))) d = parseDate(t.replace(WEEKDAY_LEAD_RE, ''), { order: 'dmy', yearHint: LEAP_YEAR });
    if (d.ok && (d.precision === 'day' || d.precision === 'month')) {
      p.dates++;
      if (d.precision === 'day') p.dayDates++;
      if (DATE_TIME_RE.test(t)) p.dateTimes++;
      return;
    }
    if (isSpokenDuration(t, p)) {
      p.hoursLike++;
      p.unitHours++;
      return;
    }
  }
  // A duration in words ("half a day", "two and a half hours", Irish "uair go leith"): short, and read by the hours
  // normaliser as time.
  if (t.length <= 40 && !/\d/.test(t) && t.split(/\s+/).length <= 6 && isSpokenDuration(t)) {
    p.hoursLike++;
    p.unitHours++;
    return;
  }
  // (Codes of another framework are no titles; a date such as "Q1 2024" was read above.)
  if (otherCodes) return void p.otherCodes++;
  if ((ID_RE.test(t) || SLUG_RE.test(t)) && !/\s/.test(t)) return void p.ids++;
  const n = t.split(/\s+/).length;
  const sentences = (t.match(/[.!?](\s|$)/g) ?? []).length;
  if (n >= 12 || sentences >= 2) p.prose++;
  else if (n <= 14 && /\p{L}/u.test(t) && !/[.!?]\s+\p{Lu}/u.test(t)) p.titleLike++;
}

/**
 * True when a text is a duration written with a unit of time (`1h30`, `90 mins`, `3 awr`, `1 awr 15 munud`,
 * `45 mins + 30 mins`, `half a day`) that the hours normaliser reads as time or days (not points or credits, which
 * a heading must name), and plausible for one activity (over 0, at most 500 h).
 */
function isSpokenDuration(t: string, p?: ColumnProfile): boolean {
  const h = parseHours(t, {});
  if (!h.ok || h.hours <= 0 || h.hours > 500) return false;
  if (UNIT_RE.test(t) || h.converted === undefined || h.converted.from === 'days') return true;
  // "2.0 CPE", "3 points": a CPD unit written in the cell, counted for a heading that names one.
  if (p !== undefined) p.creditUnits++;
  return false;
}

/** Share (0–1) of a count over the values sampled; 0 for an empty column. */
export function share(p: ColumnProfile, count: number): number {
  return p.values === 0 ? 0 : count / p.values;
}

/**
 * True when a column's `h:mm` values read as durations rather than times of day: most are under 8 hours and none
 * says am or pm (`07:00`, `03:30`, `01:04:00` under "Time (hh:mm)"; a log's "Start" of `09:00`, `13:30` is a time);
 * or some cannot be a time of day at all (`48:10`, `25:00`: a video's length in minutes and seconds).
 */
export function clocksAreDurations(p: ColumnProfile): boolean {
  return p.clockTimes > 0 && (p.shortClocks * 2 > p.clockTimes || p.longClocks > 0);
}

/**
 * True when a column's two-part clock values are minutes and seconds: the column also holds three-part values
 * (`12:34` beside `1:02:45`, as video and podcast players show lengths: m:ss under an hour, h:mm:ss from one hour).
 */
export function clocksAreMinutesSeconds(p: ColumnProfile): boolean {
  return p.threePartClocks > 0 && p.threePartClocks < p.clockTimes;
}

/**
 * The kind of values a column mostly holds, in words for a mapping reason: `"12 of 12 values are dates"`.
 * Returns the strongest kind and its share, or null when no kind holds half the values.
 */
export function dominantKind(p: ColumnProfile): { kind: ValueKind; count: number; share: number } | null {
  const kinds: Array<[ValueKind, number]> = [
    ['dates', p.dates], ['durations', p.unitHours], ['numbers', p.numbers], ['TWAVES categories', p.twaves],
    ['UK-SPEC codes', p.ukSpec], ['status words', p.statusWords], ['yes/no answers', p.yesNo], ['percentages', p.percents], ['amounts of money', p.money],
    ['links', p.urls], ['e-mail addresses', p.emails], ['identifiers', p.ids], ['times of day', p.clockTimes],
    ['long texts', p.prose], ['short texts', p.titleLike],
  ];
  let best: [ValueKind, number] | null = null;
  for (const k of kinds) if (best === null || k[1] > best[1]) best = k;
  if (best === null || p.values === 0 || best[1] * 2 < p.values) return null;
  return { kind: best[0], count: best[1], share: best[1] / p.values };
}

/** Names of the kinds of value a column can hold, as written in mapping reasons. */
export type ValueKind =
  | 'dates' | 'durations' | 'numbers' | 'TWAVES categories' | 'UK-SPEC codes' | 'status words' | 'yes/no answers' | 'percentages'
  | 'amounts of money' | 'links' | 'e-mail addresses' | 'identifiers' | 'times of day' | 'long texts' | 'short texts';
