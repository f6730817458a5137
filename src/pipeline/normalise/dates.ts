/**
 * Date normaliser: one cell's text → ISO 8601 date(s), or a failure with a reason a reviewer can act on.
 *
 * Rules: docs/domain/CPD.md §7 (UK logs are day-first; day/month order decided per column from the evidence; the forms
 * listed there; Excel serials in the 1900 and 1904 systems; two-digit years 00–29 → 20xx, 30–99 → 19xx) and
 * docs/DESIGN.md §2 (dates are `YYYY-MM-DD`, reduced precision `YYYY-MM` / `YYYY` only when the source gives no more;
 * leaf parsers never guess).
 *
 * Date-times with a zone (`2024-06-30T23:30:00Z`, `2023-11-02 23:40 UTC`, `… GMT+0000`) are dated in the body's time
 * zone (Europe/London by default, a setting; issue 9 scope 5) with `Intl.DateTimeFormat` (zone.ts); a date-time
 * without a zone keeps the date written. Targets written as a deadline or an edge of a period (`by March 2025`,
 * `end of Q2 2025`) are read; durations and relative times (`6 weeks`, `next year`, `by end of term`) are reported as
 * such (relative.ts). Placeholders meaning "no value" (`N/A`, `null`, `0000-00-00`) agree with the other fields
 * (empty.ts).
 *
 * Pure functions, no I/O, no dependence on the process time zone (calendar arithmetic is integer day counts; a zone
 * is always named explicitly). The common numeric forms (`dd/mm/yyyy`, `d.m.yy`, ISO `yyyy-mm-dd`, optionally
 * followed by a time) take a character-scanning fast path; everything else goes through a small tokenizer.
 */
import { isEmptyValue, isNotYetGiven } from './empty.js';
import { relativeKind, RELATIVE_REASONS } from './relative.js';
import { financialYearPart, namedPeriod, namedYear } from './periods.js';
import { DEFAULT_TIME_ZONE, localTime } from './zone.js';

/** Day/month order of numeric dates: `dmy` = day first (UK, docs/domain/CPD.md §7), `mdy` = month first (US). */
export type DateOrder = 'dmy' | 'mdy';

/** How much of a date the source gave: `day` → `YYYY-MM-DD`, `month` → `YYYY-MM`, `year` → `YYYY`. */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * A date (or a range in one cell) read successfully.
 * - `start`: ISO 8601 `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` per `precision` (docs/DESIGN.md §2).
 * - `end`, `endPrecision`: set only when the cell holds a range (`5–9 February 2024`, `Q1 2024`, `2023-24`,
 *   two dates on two lines). An end before the start is returned as written; the validator flags it.
 * - `orderDependent`: a numeric day/month date whose two parts are both ≤ 12 and differ, so the configured
 *   (or column-inferred) order decided the reading (docs/domain/CPD.md §7).
 * - `yearInferred`: the year came from `opts.yearHint` (the cell gave none).
 * - `twoDigitYear`: a two-digit year was expanded by Excel's rule (00–29 → 20xx, 30–99 → 19xx, docs/domain/CPD.md §7).
 * - `note`: text that was read but not kept (a time such as `00:00`, a placeholder day `DD`, an end `ongoing`).
 */
export interface DateOk {
  ok: true;
  start: string;
  end?: string;
  precision: DatePrecision;
  endPrecision?: DatePrecision;
  /** numeric day/month order mattered (both parts ≤ 12, and they differ) so the configured/inferred order decided it */
  orderDependent?: boolean;
  /** year came from opts.yearHint */
  yearInferred?: boolean;
  /** a two-digit year was expanded (00–29 → 20xx, 30–99 → 19xx, Excel's rule) */
  twoDigitYear?: boolean;
  /** text that was discarded, e.g. a 00:00 time */
  note?: string;
}

/**
 * A cell that gives no usable date.
 * - `placeholder`: the cell says "no date" or "not known yet" (`TBC`, `TBA`, `ongoing`, `ASAP`, `?`, `DD/MM/YYYY`, and
 *   the "no value" placeholders of empty.ts: `N/A`, `-`, `null`, `NaN`, `#N/A`, `0000-00-00`).
 * - `relative`: a duration or a time not dated in the cell (`6 weeks`, `within 3 months`, `next year`, `by end of
 *   term`; relative.ts) — a development plan's target written so has no date.
 * - `invalid`: text that is not a readable date, or a date that does not exist (`31/02/2024`, month 13).
 * `reason` is a short clause for a reviewer (it is embedded in gap messages), e.g. `31 February 2024 does not exist`,
 * `a duration, not a date`. `noDate` is set when the text holds nothing that could be part of a date (no digits, no
 * month names: `see certificate`, `when convenient`): prose rather than a mistyped date.
 */
export interface DateFail {
  ok: false;
  kind: 'placeholder' | 'invalid' | 'relative';
  reason: string;
  noDate?: true;
}

/**
 * Options of {@link parseDate}.
 * - `order`: day/month order of numeric dates; `yearHint`: the year for dates written without one.
 * - `yearStart`: the day (`MM-DD`) on which the year of `yearHint` begins, for a log kept over a tax, financial or
 *   academic year (years.ts `yearSpanOf`): a date without a year before that day in the calendar falls in
 *   `yearHint + 1` (`22 Jan` in the tax year from 6 April 2024 is 22 January 2025). Absent: the calendar year.
 * - `timeZone`: the IANA zone in which a date-time with a zone is dated (default {@link DEFAULT_TIME_ZONE},
 *   Europe/London); it must be a valid zone name (zone.ts `isTimeZone`).
 */
export interface DateOptions {
  order: DateOrder;
  yearHint?: number;
  yearStart?: string;
  timeZone?: string;
  /**
   * Read words naming the occasion around a date in a date column (`INSET day 1 Sept`, `Oct half-term`), setting
   * them aside with a note. Off by default: elsewhere ("Lecture 12 May 2026" in a column of titles) such words make
   * the text no date.
   */
  labels?: boolean;
}

/** Result of {@link parseDate}. */
export type DateParse = DateOk | DateFail;

/**
 * The day/month order decided for a column (docs/domain/CPD.md §7): `decided` is false when no value gave evidence (then
 * `order` is the fallback and each order-dependent date should be flagged `ambiguous`). `reason` is a clause for
 * a reviewer, with examples, e.g. `3 dates have a first part above 12 (e.g. 25/03/2024) and none a second part above 12`.
 */
export interface OrderEvidence {
  order: DateOrder;
  decided: boolean;
  reason: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, integer days since 1970-01-01; TZ-independent)

const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The first day covered by an ISO date of any precision: `2024-02` → `2024-02-01`, `2024` → `2024-01-01`. */
export function firstDay(iso: string): string {
  return iso.length === 10 ? iso : iso.length === 7 ? `${iso}-01` : `${iso}-01-01`;
}

/** The last day covered by an ISO date of any precision: `2024-02` → `2024-02-29`, `2024` → `2024-12-31`. */
export function lastDay(iso: string): string {
  if (iso.length === 10) return iso;
  if (iso.length === 7) return `${iso}-${pad2(daysInMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7))))}`;
  return `${iso}-12-31`;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days) as `YYYY-MM-DD`. */
function isoFromDays(z0: number): string {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return isoDay(y, m, d);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

function isoDay(y: number, m: number, d: number): string {
  return y + '-' + pad2(m) + '-' + pad2(d);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(y: number, m: number, d: number): number {
  const z = daysFromCivil(y, m, d);
  return (((z + 4) % 7) + 7) % 7;
}

/** Two-digit year → four digits by Excel's rule (docs/domain/CPD.md §7): 00–29 → 20xx, 30–99 → 19xx. */
function expandYear2(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

// ---------------------------------------------------------------------------------------------------------------
// Result helpers

const F_ORDER = 1;
const F_TWO = 2;
const F_INFER = 4;

function fail(kind: DateFail['kind'], reason: string): DateFail {
  return { ok: false, kind, reason };
}

/** A failure for text with nothing of a date in it (no digits, no month names): prose. */
function failNoDate(): DateFail {
  return { ok: false, kind: 'invalid', reason: NO_DATE, noDate: true };
}

function okResult(
  start: string,
  precision: DatePrecision,
  flags: number,
  note: string | undefined,
  end?: string,
  endPrecision?: DatePrecision,
): DateOk {
  const r: DateOk = { ok: true, start, precision };
  if (end !== undefined) {
    r.end = end;
    r.endPrecision = endPrecision ?? precision;
  }
  if (flags & F_ORDER) r.orderDependent = true;
  if (flags & F_INFER) r.yearInferred = true;
  if (flags & F_TWO) r.twoDigitYear = true;
  if (note !== undefined) r.note = note;
  return r;
}

function orderWord(order: DateOrder): string {
  return order === 'dmy' ? 'day first' : 'month first';
}

function yearProblem(y: number): string | undefined {
  return y < MIN_YEAR || y > MAX_YEAR ? `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}` : undefined;
}

/** Validates a full numeric date; `how` says how the parts were read (for the reason). */
function checkDay(y: number, m: number, d: number, how: string): string | undefined {
  const yp = yearProblem(y);
  if (yp !== undefined) return yp;
  if (m < 1 || m > 12) return `month ${m} does not exist${how === '' ? '' : ` (${how})`}`;
  if (d < 1) return `day ${d} does not exist${how === '' ? '' : ` (${how})`}`;
  const dim = daysInMonth(y, m);
  if (d > dim) {
    return `${d} ${MONTH_NAMES[m - 1]} ${y} does not exist (${MONTH_NAMES[m - 1]} ${y} has ${dim} days${how === '' ? '' : `; ${how}`})`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Time suffix (`09:00`, `00:00:00`, `T09:00:00Z`, `9:30 am`, `23:40 UTC`, `10:00:00 GMT+0000 (…)`): dropped with a
// note (docs/domain/CPD.md §7: 00:00 means no time); a zone moves the date to the one in the body's time zone.

/**
 * A trailing time: hours, minutes, seconds with a fraction, am/pm, and a zone — `Z`, `UTC`, `GMT`, an offset
 * (`+01:00`, `-0500`, `+01`), or `UTC`/`GMT` with an offset (`GMT+0000`, `UTC+1`), optionally followed by the zone's name
 * in brackets as JavaScript writes it (`(Coordinated Universal Time)`).
 */
const TIME_TAIL_RE =
  /(?:\s*t\s*|\s*,\s*|\s+at\s+|\s+)((\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:\s*([ap])\.?m\.?)?(?:\s*(z|(?:utc|gmt)\s*([+-])(\d{1,2})(?::?(\d{2}))?|([+-])(\d{2})(?::?(\d{2}))?|utc|gmt)(?:\s*\([a-z][a-z .'-]*\))?)?)$/i;
/** A time followed by a zone abbreviation we do not read (`EST`, `CET`, `IST`: several zones share some of them). */
const ZONE_WORD_TAIL_RE = /\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?\s+([a-z]{2,5})$/i;

/** A time of day read from a date-time: 24-hour clock, and the zone's offset from UTC in minutes when one is given. */
interface Clock {
  h: number;
  min: number;
  sec: number;
  ms: number;
  /** minutes east of UTC (`+01:00` → 60, `Z` → 0); undefined when no zone was written */
  offset?: number;
  /** the time as written, zone in capitals (`23:30:00Z`, `23:40 UTC`) */
  text: string;
}

interface TimeStrip {
  /** the text before the time */
  head: string;
  note?: string;
  error?: string;
  /** a zoned time that is not midnight: the date moves to the one in the body's time zone (see {@link zoned}) */
  clock?: Clock;
}

/** Strips a trailing time of day. Returns `undefined` when there is none. */
function stripTime(s: string): TimeStrip | undefined {
  if (s.indexOf(':') === -1) return undefined;
  const m = TIME_TAIL_RE.exec(s);
  if (m === null) {
    const z = ZONE_WORD_TAIL_RE.exec(s);
    if (z === null) return undefined;
    return { head: s.slice(0, z.index), error: `the time zone "${(z[1] ?? '').toUpperCase()}" is not one we read (several zones share some abbreviations): write UTC, GMT or an offset such as -05:00` };
  }
  const whole = m[1] ?? '';
  const h = Number(m[2]);
  const min = Number(m[3]);
  const sec = m[4] === undefined ? 0 : Number(m[4]);
  const ms = m[5] === undefined ? 0 : Math.floor(Number(`0${m[5]}`) * 1000);
  const ampm = m[6]?.toLowerCase();
  const zone = m[7];
  const head = s.slice(0, m.index);
  if ((ampm !== undefined ? h < 1 || h > 12 : h > 23) || min > 59 || sec > 59) {
    return { head, error: `"${whole}" is not a time of day` };
  }
  let offset: number | undefined;
  if (zone !== undefined) {
    const sign = m[8] ?? m[11];
    const oh = m[9] ?? m[12];
    const om = m[10] ?? m[13];
    offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + (om === undefined ? 0 : Number(om)));
    if (Math.abs(offset) > 14 * 60 || (om !== undefined && Number(om) > 59)) return { head, error: `"${zone}" is not an offset from UTC (offsets run from -12:00 to +14:00)` };
  }
  // the time as written, its zone in capitals and without a bracketed zone name: `23:40 utc` → `23:40 UTC`
  const text = zone === undefined ? whole : whole.slice(0, whole.toLowerCase().indexOf(zone.toLowerCase(), 3)) + zone.toUpperCase().replace(/\s+/g, '');
  const midnight = h === 0 && min === 0 && sec === 0 && ms === 0 && ampm === undefined;
  if (midnight) return { head, note: `time ${text} dropped (00:00 means no time)` };
  if (offset === undefined) return { head, note: `time ${text} dropped` };
  const h24 = ampm === undefined ? h : (h % 12) + (ampm === 'p' ? 12 : 0);
  return { head, clock: { h: h24, min, sec, ms, offset, text } };
}

/**
 * The date of a zoned time in `tz` (issue 9 scope 5): the instant `y-m-d` at `clock` (offset applied) read as a
 * calendar date in the body's time zone, with a note for the reviewer saying the time, the zone and the date there.
 * `2024-06-30` 23:30 UTC → `2024-07-01` in Europe/London (00:30 BST).
 */
function zoned(y: number, m: number, d: number, clock: Clock, tz: string): { iso: string; note: string } {
  const written = isoDay(y, m, d);
  const utc = Date.UTC(y, m - 1, d, clock.h, clock.min, clock.sec, clock.ms) - (clock.offset ?? 0) * 60_000;
  const local = localTime(utc, tz);
  if (local.date === written) {
    return { iso: written, note: `time ${clock.text} dropped (${local.time} ${local.zoneName} on ${humanDay(written)} in ${tz}, the same date)` };
  }
  return {
    iso: local.date,
    note: `time ${clock.text} is ${local.time} ${local.zoneName} on ${humanDay(local.date)} in ${tz}: the date there is kept, not ${humanDay(written)} as written`,
  };
}

/** `2024-07-01` → `1 July 2024` (for notes). */
function humanDay(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Fast path: `d/m/yyyy`, `d.m.yy`, `d-m-yyyy`, `yyyy-mm-dd` (same separator twice), optional time suffix.

/**
 * Returns a result, or `undefined` when the text is not one of the fast forms (the slow path then decides).
 * `s` is trimmed.
 */
function fastNumeric(s: string, opts: DateOptions): DateParse | undefined {
  const n = s.length;
  if (n < 5) return undefined;
  let i = 0;
  let a = 0;
  let c: number;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    a = a * 10 + (c - 48);
    i++;
  }
  const la = i;
  if (la === 0 || la === 3 || la > 4 || i >= n) return undefined;
  const sep = s.charCodeAt(i);
  if (sep !== 47 /* / */ && sep !== 45 /* - */ && sep !== 46 /* . */) return undefined;
  i++;
  let b = 0;
  const sb = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    b = b * 10 + (c - 48);
    i++;
  }
  const lb = i - sb;
  if (lb === 0 || lb > 2 || i >= n || s.charCodeAt(i) !== sep) return undefined;
  i++;
  let y = 0;
  const sc = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    y = y * 10 + (c - 48);
    i++;
  }
  const lc = i - sc;
  let note: string | undefined;
  let clock: Clock | undefined;
  if (i < n) {
    const t = stripTime(s);
    if (t === undefined || t.head.length !== i) return undefined;
    if (t.error !== undefined) return fail('invalid', t.error);
    note = t.note;
    clock = t.clock;
  }
  if (la === 4) {
    // year first: y-m-d (ISO 8601 and yyyy/mm/dd); not order dependent
    if (lc === 0 || lc > 2) return undefined;
    const problem = checkDay(a, b, y, '');
    if (problem !== undefined) return fail('invalid', problem);
    if (clock !== undefined) {
      const z = zoned(a, b, y, clock, opts.timeZone ?? DEFAULT_TIME_ZONE);
      return okResult(z.iso, 'day', 0, z.note);
    }
    return okResult(isoDay(a, b, y), 'day', 0, note);
  }
  if (lc !== 4 && lc !== 2) return undefined;
  let flags = 0;
  let year = y;
  if (lc === 2) {
    year = expandYear2(y);
    flags |= F_TWO;
  }
  let d: number;
  let m: number;
  if (opts.order === 'dmy') {
    d = a;
    m = b;
  } else {
    d = b;
    m = a;
  }
  if (a <= 12 && b <= 12 && a !== b) flags |= F_ORDER;
  const problem = checkDay(year, m, d, numericHow(m, d, opts.order));
  if (problem !== undefined) return fail('invalid', problem);
  if (clock !== undefined) {
    const z = zoned(year, m, d, clock, opts.timeZone ?? DEFAULT_TIME_ZONE);
    return okResult(z.iso, 'day', flags, z.note);
  }
  return okResult(isoDay(year, m, d), 'day', flags, note);
}

/** Explains the order used when a numeric date is invalid, and whether the other order would be valid. */
function numericHow(m: number, d: number, order: DateOrder): string {
  if (m > 12 && d >= 1 && d <= 12 && m <= 31) {
    return `read ${orderWord(order)} as decided for this column; ${m} can only be a day, so the column may mix day-first and month-first dates`;
  }
  return `read ${orderWord(order)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Slow path: tokenizer + patterns

const MONTHS = new Map<string, number>([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

/**
 * Month names in the other languages logs arrive in (French, German, Spanish, Italian, Dutch, Welsh: "3 févr. 2026",
 * "14 Ionawr 2026"; Polish, Portuguese, Czech, Swedish: "12 stycznia 2026", "5 de março de 2026"), as the platform's
 * own locale data (ICU, through Intl) writes them, lower case with accents folded (text is folded the same way before
 * it is read): the long name alone and as written after a day (Polish and Czech decline it: "styczeń", "12 stycznia"),
 * and the short forms of the first six languages only (the others' short forms are English words: "pro", "led",
 * "sie"). Not where a short form is an English word a date may sit beside ("ago", "set"), nor where the English names
 * already say it.
 */
function addForeignMonths(into: Map<string, number>): void {
  const english = new Set(['ago', 'set', 'gen', 'mag', 'out', 'die']);
  const add = (text: string, m: number): void => {
    const name = foldAccents(text.toLowerCase()).replace(/\.$/, '');
    if (/^[a-z]{3,}$/.test(name) && !english.has(name) && !into.has(name)) into.set(name, m + 1);
  };
  for (const locale of ['fr', 'de', 'es', 'it', 'nl', 'cy', 'pl', 'pt', 'cs', 'sv']) {
    const widths = ['fr', 'de', 'es', 'it', 'nl', 'cy'].includes(locale) ? (['long', 'short'] as const) : (['long'] as const);
    for (const width of widths) {
      const alone = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' });
      const afterDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: width, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        const d = new Date(Date.UTC(2026, m, 15));
        add(alone.format(d), m);
        // "15 stycznia", "15. ledna", "15 de janeiro": the month's word in the text after the day.
        for (const part of afterDay.formatToParts(d)) if (part.type === 'month') add(part.value, m);
      }
    }
  }
}
addForeignMonths(MONTHS);

/** Letters without their accents (`févr` → `fevr`, `März` → `Marz`). */
function foldAccents(t: string): string {
  return t.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The ISO 8601 date `n` days after the ISO date `iso` (before it, for negative `n`). */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The weekday an English weekday name or its short form names ("Mon", "tues", "Thursday", "Wed."), 0 = Sunday … 6 =
 * Saturday as `Date.getUTCDay` counts; null for any other word.
 */
export function weekdayNumber(word: string): number | null {
  return WEEKDAYS.get(word.trim().toLowerCase().replace(/\.$/, '')) ?? null;
}

const WEEKDAYS = new Map<string, number>([
  ['sun', 0],
  ['sunday', 0],
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['weds', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['sat', 6],
  ['saturday', 6],
]);

/**
 * Whole-cell placeholders a date cell has of its own: the cell says "no date (yet)". The "no value" (`N/A`, `-`,
 * `null`) and "not known yet" (`TBC`, `?`) placeholders every field shares are in empty.ts.
 */
const PLACEHOLDERS = new Set<string>([
  'tbc',
  'tba',
  'tbd',
  'to be confirmed',
  'to be arranged',
  'to be decided',
  'to be agreed',
  'ongoing',
  'on-going',
  'on going',
  'continuous',
  'continuing',
  'asap',
  'as soon as possible',
  'n/k',
  'not known',
  'unknown',
  'pending',
  'x',
  'dd/mm/yyyy',
  'dd/mm/yy',
  'mm/dd/yyyy',
  'mm/dd/yy',
  'dd.mm.yyyy',
  'dd-mm-yyyy',
  'yyyy-mm-dd',
  'date',
]);

/** Placeholders shown in upper case in reasons (abbreviations and templates). */
const PH_UPPER_RE = /^(?:tb[acd]|asap|#?n\/?a|n\.a|n\/k|x|[dmy/.-]{4,})$/;

/** Placeholder words standing in for a day, month or year inside a date (`DD/11/2024`). */
const PH_WORD_RE = /^(?:d{1,2}|m{1,2}|y{2,4}|x{1,4})$/;

/** Year ranges: `2023-24`, `2023/24`, `2023–2024`, `2023 to 2024`. */
const YEAR_RANGE_RE = /^(\d{4})\s*([-/–]|\s+to\s+)\s*(\d{4}|\d{2})$/;
/** Quarters: `Q1 2024`, `Q1-24`, `2024 Q1`. */
const QUARTER_RE = /^q([1-4])\s*[-/,.']?\s*(\d{4}|\d{2})$/;
const QUARTER_YEAR_FIRST_RE = /^(\d{4})\s*[-/,.]?\s*q([1-4])$/;
const QUARTER_ONLY_RE = /^q([1-4])$/;
/** A cell that is only a named tax, financial or academic year: "FY26", "FY2025/26", "Tax year 2024-25", "2025/26 academic year". */
const NAMED_YEAR_CELL_RE = /^(?:fy\s*'?\d{2,4}(?:\s*[-/–]\s*\d{2,4})?|(?:(?:financial|fiscal|tax|academic|school)\s+year|ay)\s*:?\s*\d{2,4}\s*[-/–]\s*\d{2,4}|\d{2,4}\s*[-/–]\s*\d{2,4}\s+(?:financial|fiscal|tax|academic|school)\s+year)$/;
/** Range separators that cannot be part of one date. */
const STRONG_SEP_RE = /\s*–\s*|\s+-\s+|\s+(?:to|until|till|til|through|thru|au|bis|al|hasta|tot)\s+|\s*(?:→|⟶|⇒|➔|->|=>)\s*/g;
/** Dashes → '–' (range) or '-' (hyphen); odd spaces → ' '. */
const DASH_RE = /[\u2012\u2013\u2014\u2015\u2212]/g;
const HYPHEN_RE = /[\u2010\u2011]/g;
const SPACE_RE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;
const LINE_RE = /\r\n?|\n/;
/** Words before a date or a range: English, and "from" in the other languages logs arrive in (`du 16 au 18 mars`, `vom`, `del`, `dal`, `van`). */
const LEAD_WORD_RE = /^(from|between|on|date|dates|dated|du|vom|von|del|desde|dal|van)\s*:?\s+/;
/** Words that make a date a deadline: "by March 2025", "due 31/03/2025", "no later than 1 June 2025". */
const DEADLINE_RE = /^(?:by|due(?:\s+(?:by|on|date))?|deadline|target(?:\s+date)?|(?:no|not)\s+later\s+than|(?:to\s+be\s+)?complete[d]?\s+by)\s*:?\s+/;
/** The edge of a period: "end of Q2 2025", "the end of May 2027", "start of March 2025", "mid-March 2025", "end March 2025". */
const EDGE_RE = /^(?:the\s+|at\s+the\s+)?(end|close|start|beginning|mid|middle)(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?(?=\S)/;
/** "w/c 10 March 2025", "week commencing 10/03/2025", "w/b …": the week that starts on that date. */
const WEEK_OF_RE = /^(?:w\/c|w\/b|wc|wb|week\s+(?:commencing|beginning|starting|of))\s*:?\s*(?=\S)/;
/** Seasons with a year: "Spring 2025", "2025 summer", "Autumn '24". */
const SEASON_RE = /^(spring|summer|autumn|fall|winter)\s*[-/,']?\s*(\d{4}|\d{2})$|^(\d{4})\s*[-/,]?\s*(spring|summer|autumn|fall|winter)$/;
/** First month of each season (UK meteorological seasons: spring March–May, summer June–August, autumn September–November). */
const SEASON_START: Readonly<Record<string, number>> = { spring: 3, summer: 6, autumn: 9, fall: 9 };
const SEP_ONLY_LINE_RE = /^(?:-|–|to|until|till|and)$/;
const TRAIL_PUNCT_RE = /[\s.,;]+$/;
const LEAD_PUNCT_RE = /^[\s,;]+/;

const NO_DATE = 'no date found (no digits or month names)';
const NOT_READ = 'not a date in a form we read (such as 03/04/2024, 3 April 2024 or April 2024)';
const HAS_DIGIT_RE = /\d/;
const WORD_SPLIT_RE = /[^a-z]+/;
const NON_ASCII_OR_WIDE_SPACE_RE = /[^\x20-\x7e]|\s\s/;

const K_NUM = 0;
const K_MONTH = 1;
const K_PH = 2;

/** A value token of the date text. `sep`: the separator before it ('' adjacent/first, ' ' spaces only, '!' mixed). */
interface Tok {
  k: 0 | 1 | 2;
  v: number;
  len: number;
  ord: boolean;
  sep: string;
  text: string;
}

/** A date as read from one side of a range, before the year is filled in and the date checked. */
interface Part {
  y?: number;
  m?: number;
  d?: number;
  flags: number;
  note?: string;
  /** weekday written in the text (0 = Sunday) */
  wd?: number;
  wdText?: string;
  /** what stood for the day / month, e.g. `DD` */
  dayPh?: string;
  monthPh?: string;
  /** numeric parts read by the column order: for reasons */
  how?: string;
  /** a zoned time of day (not midnight): the date is the one in the body's time zone */
  clock?: Clock;
}

type PartOrFail = Part | DateFail;

function isFail<T extends object>(p: T | DateFail): p is DateFail {
  return (p as { ok?: boolean }).ok === false;
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Splits lower-cased text into value tokens; the first weekday word is returned separately. */
function tokenize(s: string): { toks: Tok[]; wd?: number; wdText?: string } | DateFail {
  const toks: Tok[] = [];
  let wd: number | undefined;
  let wdText: string | undefined;
  let sep = '';
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let v = 0;
      const st = i;
      while (i < n) {
        const cc = s.charCodeAt(i);
        if (cc < 48 || cc > 57) break;
        v = v * 10 + (cc - 48);
        i++;
      }
      const len = i - st;
      let ord = false;
      if (i + 1 < n) {
        const suf = s.slice(i, i + 2);
        // (French writes the first of the month "1er".)
        if ((suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th' || (suf === 'er' && v === 1)) && !(i + 2 < n && isLetter(s.charCodeAt(i + 2)))) {
          ord = true;
          i += 2;
        }
      }
      toks.push({ k: K_NUM, v, len, ord, sep, text: s.slice(st, i) });
      sep = '';
      continue;
    }
    if (isLetter(c)) {
      const st = i;
      while (i < n && isLetter(s.charCodeAt(i))) i++;
      const w = s.slice(st, i);
      const month = MONTHS.get(w);
      if (month !== undefined) {
        toks.push({ k: K_MONTH, v: month, len: w.length, ord: false, sep, text: w });
        sep = '';
        continue;
      }
      const day = WEEKDAYS.get(w);
      if (day !== undefined) {
        if (toks.length !== 0 || wd !== undefined) return fail('invalid', `the weekday "${w}" is not at the start`);
        wd = day;
        wdText = w;
        sep = '';
        continue;
      }
      // "3rd of March", and Spanish and Portuguese "5 de marzo de 2026", "5 de março del 2026".
      if (w === 'of' || w === 'the' || w === 'de' || w === 'del') {
        if (sep === '') sep = ' ';
        continue;
      }
      if (PH_WORD_RE.test(w)) {
        toks.push({ k: K_PH, v: 0, len: w.length, ord: false, sep, text: w.toUpperCase() });
        sep = '';
        continue;
      }
      return fail('invalid', `"${w}" is not part of a date`);
    }
    if (c === 63 /* ? */) {
      const st = i;
      while (i < n && s.charCodeAt(i) === 63) i++;
      toks.push({ k: K_PH, v: 0, len: i - st, ord: false, sep, text: s.slice(st, i) });
      sep = '';
      continue;
    }
    if (c === 32) {
      if (sep === '') sep = ' ';
      i++;
      continue;
    }
    if (c === 47 || c === 46 || c === 45 || c === 44 || c === 39 || c === 0x2019) {
      const ch = c === 0x2019 ? "'" : s[i] ?? '';
      if (sep === '' || sep === ' ' || sep === ',') sep = ch;
      else if (ch !== ',' && ch !== sep) sep = '!';
      i++;
      continue;
    }
    return fail('invalid', `unexpected character "${s[i] ?? ''}"`);
  }
  const out: { toks: Tok[]; wd?: number; wdText?: string } = { toks };
  if (wd !== undefined) {
    out.wd = wd;
    out.wdText = wdText ?? '';
  }
  return out;
}

function isNumSep(sep: string): boolean {
  return sep === '/' || sep === '.' || sep === '-';
}

/** A 2- or 4-digit year token → year and flags; 1- or 3-digit → failure. */
function yearOf(t: Tok): { y: number; flags: number } | DateFail {
  if (t.ord) return fail('invalid', `"${t.text}" cannot be a year`);
  if (t.len === 4) {
    const p = yearProblem(t.v);
    return p === undefined ? { y: t.v, flags: 0 } : fail('invalid', p);
  }
  if (t.len === 2) return { y: expandYear2(t.v), flags: F_TWO };
  return fail('invalid', `"${t.text}" is not a year (use four digits)`);
}

/** Day/month slots of a numeric date, honouring placeholders (`DD/11/2024`). */
function numericDayMonth(a: Tok, b: Tok, order: DateOrder, part: Part): DateFail | undefined {
  let dt = order === 'dmy' ? a : b;
  let mt = order === 'dmy' ? b : a;
  // a lettered placeholder says which part it is: `DD/11/2024` and `11/DD/2024` both have the month 11
  const lettered = (t: Tok, ch: string): boolean => t.k === K_PH && t.text.charAt(0) === ch;
  if (lettered(a, 'D') || lettered(b, 'M')) {
    dt = a;
    mt = b;
  } else if (lettered(b, 'D') || lettered(a, 'M')) {
    dt = b;
    mt = a;
  }
  if (mt.k === K_PH) {
    if (dt.k !== K_PH) return fail('placeholder', `the month is a placeholder (${mt.text})`);
    part.dayPh = dt.text;
    part.monthPh = mt.text;
    return undefined;
  }
  if (dt.k === K_PH) {
    part.dayPh = dt.text;
    part.m = mt.v;
    return undefined;
  }
  if (a.len > 2 || b.len > 2) return fail('invalid', `"${a.text}${b.sep}${b.text}" is not a day and month`);
  part.d = dt.v;
  part.m = mt.v;
  part.how = numericHow(mt.v, dt.v, order);
  if (a.v <= 12 && b.v <= 12 && a.v !== b.v) part.flags |= F_ORDER;
  return undefined;
}

/**
 * Reads one date (no range) into a Part: fields may be missing (a range side or a date without a year).
 * `s` is lower-cased and normalised, without surrounding punctuation.
 */
function parsePart(s: string, order: DateOrder): PartOrFail {
  let text = s;
  let note: string | undefined;
  let clock: Clock | undefined;
  const t = stripTime(text);
  if (t !== undefined) {
    if (t.error !== undefined) return fail('invalid', t.error);
    text = t.head.replace(TRAIL_PUNCT_RE, '');
    note = t.note;
    clock = t.clock;
  }
  const tk = tokenize(text);
  if (isFail(tk)) {
    if (!HAS_DIGIT_RE.test(text) && !text.split(WORD_SPLIT_RE).some((w) => MONTHS.has(w))) return failNoDate();
    return tk;
  }
  const toks = tk.toks;
  const part: Part = { flags: 0 };
  if (note !== undefined) part.note = note;
  if (clock !== undefined) part.clock = clock;
  if (tk.wd !== undefined) {
    part.wd = tk.wd;
    part.wdText = tk.wdText ?? '';
  }
  let sig = '';
  for (const x of toks) sig += x.k === K_NUM ? 'N' : x.k === K_MONTH ? 'M' : 'P';
  const [t0, t1, t2] = toks;
  switch (sig) {
    case 'N': {
      const a = t0 as Tok;
      if (a.len === 4 && !a.ord) {
        const p = yearProblem(a.v);
        if (p !== undefined) return fail('invalid', p);
        part.y = a.v;
        return part;
      }
      if (a.len === 8 && !a.ord) {
        // ISO 8601 basic format yyyymmdd
        part.y = Math.floor(a.v / 10000);
        part.m = Math.floor(a.v / 100) % 100;
        part.d = a.v % 100;
        return part;
      }
      if (a.len <= 2) {
        part.d = a.v;
        return part;
      }
      if (a.len === 5) return fail('invalid', `"${a.text}" is a plain number, not a date (an Excel date serial without a date format?)`);
      return fail('invalid', `"${a.text}" is a plain number, not a date`);
    }
    case 'M':
      part.m = (t0 as Tok).v;
      return part;
    case 'NNN':
    case 'PNN':
    case 'NPN':
    case 'PPN':
    case 'NNP':
    case 'PPP': {
      const a = t0 as Tok;
      const b = t1 as Tok;
      const c = t2 as Tok;
      if (!isNumSep(b.sep) || !isNumSep(c.sep)) return fail('invalid', `${NOT_READ}: day, month and year must be separated by / . or -`);
      if (b.sep !== c.sep) return fail('invalid', `mixed separators (${b.sep} and ${c.sep}) between day, month and year`);
      if (sig === 'PPP') return fail('placeholder', `"${s.toUpperCase()}" is a date template, not a date`);
      if (c.k === K_PH) return fail('placeholder', `the year is a placeholder (${c.text})`);
      if (a.ord || b.ord || c.ord) return fail('invalid', NOT_READ);
      if (a.k === K_NUM && a.len === 4) {
        if (b.k !== K_NUM || c.k !== K_NUM || b.len > 2 || c.len > 2) return fail('invalid', NOT_READ);
        part.y = a.v;
        part.m = b.v;
        part.d = c.v;
        return part;
      }
      const yr = yearOf(c);
      if (isFail(yr)) return yr;
      part.y = yr.y;
      part.flags |= yr.flags;
      const f = numericDayMonth(a, b, order, part);
      return f ?? part;
    }
    case 'NN':
    case 'PN': {
      const a = t0 as Tok;
      const b = t1 as Tok;
      if (!isNumSep(b.sep) || a.ord || b.ord) return fail('invalid', NOT_READ);
      if (a.k === K_NUM && a.len === 4) {
        // yyyy-mm
        if (b.len > 2) return fail('invalid', NOT_READ);
        part.y = a.v;
        part.m = b.v;
        return part;
      }
      if (b.len === 4) {
        if (a.k === K_PH) return fail('placeholder', `the month is a placeholder (${a.text})`);
        // mm/yyyy
        if (a.len > 2) return fail('invalid', NOT_READ);
        part.m = a.v;
        part.y = b.v;
        return part;
      }
      if (a.k === K_PH) return fail('invalid', `a placeholder (${a.text}) and no year`);
      if (a.len > 2 || b.len > 2) return fail('invalid', NOT_READ);
      const f = numericDayMonth(a, b, order, part);
      return f ?? part;
    }
    case 'NMN':
    case 'PMN': {
      const a = t0 as Tok;
      const c = t2 as Tok;
      const yr = yearOf(c);
      if (isFail(yr)) return yr;
      if (a.k === K_PH) part.dayPh = a.text;
      else if (a.len > 2) return fail('invalid', `"${a.text}" is not a day`);
      else part.d = a.v;
      part.m = (t1 as Tok).v;
      part.y = yr.y;
      part.flags |= yr.flags;
      return part;
    }
    case 'NM':
    case 'PM': {
      const a = t0 as Tok;
      if (a.k === K_NUM && a.len === 4 && !a.ord) {
        // `2024 March`
        part.y = a.v;
        part.m = (t1 as Tok).v;
        return part;
      }
      if (a.k === K_PH) return fail('invalid', `a placeholder day (${a.text}) and no year`);
      if (a.len > 2) return fail('invalid', `"${a.text}" is not a day`);
      part.d = a.v;
      part.m = (t1 as Tok).v;
      return part;
    }
    case 'MNN': {
      const b = t1 as Tok;
      const yr = yearOf(t2 as Tok);
      if (isFail(yr)) return yr;
      if (b.len > 2) return fail('invalid', `"${b.text}" is not a day`);
      part.m = (t0 as Tok).v;
      part.d = b.v;
      part.y = yr.y;
      part.flags |= yr.flags;
      return part;
    }
    case 'MN': {
      const b = t1 as Tok;
      const m = (t0 as Tok).v;
      part.m = m;
      if (b.ord || b.len === 1) {
        part.d = b.v;
        return part;
      }
      if (b.len === 4) {
        const p = yearProblem(b.v);
        if (p !== undefined) return fail('invalid', p);
        part.y = b.v;
        return part;
      }
      if (b.len === 2) {
        if (b.sep === '-' || b.sep === '/' || b.sep === "'" || b.v > 31) {
          // Excel's mmm-yy display (`Mar-24`), `Mar '24`
          part.y = expandYear2(b.v);
          part.flags |= F_TWO;
          return part;
        }
        const mn = MONTH_NAMES[m - 1] ?? '';
        return fail(
          'invalid',
          `${mn.slice(0, 3)} ${b.text} could be ${b.v} ${mn} (no year) or ${mn} ${expandYear2(b.v)}; write the year in full or the day as ${b.v}${ordinalSuffix(b.v)}`,
        );
      }
      return fail('invalid', `"${b.text}" is neither a day nor a year`);
    }
    case 'MM':
      return fail('invalid', 'two month names in one date');
    case '':
      return fail('invalid', tk.wd !== undefined ? `only a weekday (${tk.wdText ?? ''})` : 'no date given');
    default: {
      const nums = toks.filter((x) => x.k === K_NUM).length;
      const months = toks.filter((x) => x.k === K_MONTH).length;
      if (nums === 0 && months === 0) return failNoDate();
      return fail('invalid', NOT_READ);
    }
  }
}

function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return 'th';
  const u = n % 10;
  return u === 1 ? 'st' : u === 2 ? 'nd' : u === 3 ? 'rd' : 'th';
}

interface Final {
  iso: string;
  precision: DatePrecision;
  flags: number;
  note?: string;
}

/**
 * Fills the year from the hint, checks the date exists, and formats it; a zoned time moves a full date to the one in
 * `opts.timeZone` (after the weekday, which names the date as written, is checked).
 */
function finalise(p: Part, opts: DateOptions, side?: 'start' | 'end'): Final | DateFail {
  const yearHint = opts.yearHint;
  const label = side === undefined ? '' : `the ${side} of the range `;
  let flags = p.flags;
  let y = p.y;
  if (p.m === undefined && p.d !== undefined) return fail('invalid', side === undefined ? 'only a day number, with no month or year' : `${label}is only a day number, with no month or year`);
  if (y === undefined) {
    if (yearHint === undefined) return fail('invalid', side === undefined ? 'no year given' : `${label}has no year`);
    y = opts.yearStart === undefined || p.m === undefined ? yearHint : yearInSpan(yearHint, opts.yearStart, p.m, p.d);
    flags |= F_INFER;
  }
  const yp = yearProblem(y);
  if (yp !== undefined) return fail('invalid', yp);
  const notes: string[] = [];
  if (p.note !== undefined) notes.push(p.note);
  let iso: string;
  let precision: DatePrecision;
  if (p.m === undefined) {
    if (p.monthPh !== undefined) notes.push(`day and month given as placeholders ${p.dayPh ?? ''}/${p.monthPh}`);
    iso = '' + y;
    precision = 'year';
  } else {
    if (p.m < 1 || p.m > 12) return fail('invalid', `month ${p.m} does not exist${p.how ?? ''}`);
    if (p.d === undefined) {
      if (p.dayPh !== undefined) notes.push(`day given as placeholder ${p.dayPh}`);
      iso = y + '-' + pad2(p.m);
      precision = 'month';
    } else {
      const problem = checkDay(y, p.m, p.d, p.how ?? '');
      if (problem !== undefined) return fail('invalid', problem);
      iso = isoDay(y, p.m, p.d);
      precision = 'day';
    }
  }
  if (p.wd !== undefined) {
    if (p.d === undefined || p.m === undefined) return fail('invalid', `a weekday (${p.wdText ?? ''}) is given without a day`);
    const actual = weekday(y, p.m, p.d);
    if (actual !== p.wd) {
      return fail(
        'invalid',
        `the weekday does not match: ${p.d} ${MONTH_NAMES[p.m - 1]} ${y} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[p.wd]}` +
          (flags & F_INFER ? ' (the year was taken from the title or file name)' : ''),
      );
    }
  }
  if (p.clock !== undefined && precision === 'day') {
    const z = zoned(y, p.m!, p.d!, p.clock, opts.timeZone ?? DEFAULT_TIME_ZONE);
    iso = z.iso;
    notes.push(z.note);
  }
  const f: Final = { iso, precision, flags };
  if (notes.length !== 0) f.note = notes.join('; ');
  return f;
}

/**
 * The calendar year of a date without one (month `m`, day `d` if given) in a year of `year` that begins on `start`
 * (`MM-DD`): `year` on or after that day, `year + 1` before it.
 */
function yearInSpan(year: number, start: string, m: number, d: number | undefined): number {
  const sm = Number(start.slice(0, 2));
  const sd = Number(start.slice(3));
  return m > sm || (m === sm && (d === undefined || d >= sd)) ? year : year + 1;
}

function joinNotes(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a + '; ' + b;
}

/** A range from two Parts: fills a side's missing month/year from the other side (`5–9 February 2024`). */
function combine(l: Part, r: Part, opts: DateOptions): DateParse {
  const misfit = 'the two sides of the range do not fit together';
  if (l.m === undefined && l.d !== undefined) {
    if (r.m === undefined || r.d === undefined || l.y !== undefined) return fail('invalid', misfit);
    l.m = r.m;
  }
  if (r.m === undefined && r.d !== undefined) {
    if (l.m === undefined || l.d === undefined || r.y !== undefined) return fail('invalid', misfit);
    r.m = l.m;
  }
  // a year is shared only with a side that has a month (`03/04-2024` is not a range from 3 April to 2024)
  if (l.y === undefined && r.y !== undefined) {
    if (r.m === undefined) return fail('invalid', misfit);
    l.y = r.y;
  } else if (r.y === undefined && l.y !== undefined) {
    if (l.m === undefined) return fail('invalid', misfit);
    r.y = l.y;
  }
  const a = finalise(l, opts, 'start');
  if (isFail(a)) return a;
  const b = finalise(r, opts, 'end');
  if (isFail(b)) return b;
  return okResult(a.iso, a.precision, a.flags | b.flags, joinNotes(a.note, b.note), b.iso, b.precision);
}

/** Lower case, odd spaces → ' ', dashes → '–' / '-', surrounding punctuation removed. */
function normaliseLine(s: string): string {
  let t = s.toLowerCase();
  if (NON_ASCII_OR_WIDE_SPACE_RE.test(t)) t = foldAccents(t.replace(SPACE_RE, ' ').replace(DASH_RE, '–').replace(HYPHEN_RE, '-'));
  return t.replace(TRAIL_PUNCT_RE, '').replace(LEAD_PUNCT_RE, '');
}

/**
 * Placeholder check on a whole (normalised) cell or range side: the date placeholders above, "not known yet" (`TBC`,
 * `?`) and the "no value" placeholders every field shares (empty.ts: `N/A`, `null`, `#N/A`, `0000-00-00`).
 */
function placeholderReason(s: string): string | undefined {
  if (PLACEHOLDERS.has(s) || isNotYetGiven(s)) return `"${shownPlaceholder(s)}" stands for a date not given (yet)`;
  if (isEmptyValue(s)) return `"${shownPlaceholder(s)}" means no date was given`;
  return undefined;
}

function shownPlaceholder(s: string): string {
  return PH_UPPER_RE.test(s) ? s.toUpperCase() : s;
}

/**
 * "w/c 10 March 2025": the day within the week is not given, so the record gets the week — 10 to 16 March 2025 —
 * with a note saying so (an `inferred` gap). Anything but one whole date after "w/c" is refused.
 */
function weekOf(rest: string, opts: DateOptions): DateParse {
  const d = parseLine(rest, opts);
  if (!d.ok) return d;
  if (d.precision !== 'day' || d.end !== undefined) return fail('invalid', 'after "w/c" or "week commencing", give the one date the week starts on');
  const [y, m, day] = d.start.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1, day + 6)).toISOString().slice(0, 10);
  const r = okResult(d.start, 'day', 0, `the week commencing ${d.start}: the day is not given, so the whole week (to ${last}) is recorded`, last, 'day');
  if (d.orderDependent) r.orderDependent = true;
  if (d.yearInferred) r.yearInferred = true;
  if (d.twoDigitYear) r.twoDigitYear = true;
  return r;
}

/** "Spring 2025" → 2025-03 to 2025-05 (month precision, a note says which months); winter spans two years and is refused. */
function seasonOf(m: RegExpExecArray): DateParse {
  const name = (m[1] ?? m[4])!;
  const yText = (m[2] ?? m[3])!;
  const y = yText.length === 2 ? expandYear2(Number(yText)) : Number(yText);
  const p = yearProblem(y);
  if (p !== undefined) return fail('invalid', p);
  const first = SEASON_START[name];
  if (first === undefined) return fail('invalid', `winter ${y} could be December ${y - 1}–February ${y} or December ${y}–February ${y + 1}; give the months`);
  return okResult(
    y + '-' + pad2(first),
    'month',
    yText.length === 2 ? F_TWO : 0,
    `${name} read as ${MONTH_NAMES[first - 1]}–${MONTH_NAMES[first + 1]} (the season's months)`,
    y + '-' + pad2(first + 2),
    'month',
  );
}

/**
 * Reads one line of a date cell ({@link readLine}); text that is no date and names no month is checked for a duration
 * or a relative time (`6 weeks`, `next year`, `by end of term`: relative.ts) so the failure says what it is.
 */
function parseLine(line: string, opts: DateOptions): DateParse {
  const s = normaliseLine(line);
  const r = readLine(s, opts);
  if (!r.ok && r.kind === 'invalid') {
    const around = wordsAround(s, opts);
    if (around !== undefined) return around;
  }
  if (r.ok || r.kind !== 'invalid' || hasMonthName(s)) return r;
  // `6 weeks`, `within 3 months`, `next year`, `when the project ends`: no date, and the reason says what it is
  // (a number in the text must count a duration: `end of Q2` is a quarter with no year, not an event)
  const rk = relativeKind(s);
  if (rk === undefined || (rk !== 'duration' && HAS_DIGIT_RE.test(s))) return r;
  return fail('relative', RELATIVE_REASONS[rk]);
}

/** A hedge before a date: the dates within it are not given exactly ("various, Mar–Jun 2026", "approx. May 2026"). */
const HEDGE_RE = /^(various(?:\s+dates)?|several\s+dates|multiple\s+dates|approx\.?|approximately|around|about|circa|c\.|ca\.|some\s?time\s+in|throughout|during|early|late)\s*[,:;]?\s+(?=\S)/;
/** One to three words naming the occasion before or after a date ("INSET day 1 Sept", "Oct half-term"). */
const LABEL_BEFORE_RE = /^((?:[a-z][a-z'&-]*\s+){1,3})(?=\d)/;
const LABEL_AFTER_RE = /\s+((?:[a-z][a-z'&-]*\s*){1,3})$/;
/** Words that are no label: they point in time (relative.ts), count weeks or name a part of a date themselves. */
const NOT_LABEL_RE = /\b(?:next|last|this|coming|following|before|after|by|until|till|from|since|week|wk|no|number|ref|of|and|or|to|between|every|each|per|starts?|started|starting|begins?|ends?|ended|due|completed?|finished|expires?|expired)\b/;

/**
 * A date read around words that are not part of it: a hedge before it (`various, Mar–Jun 2026`: the span is kept and
 * a note says the exact dates are not given), or a label naming the occasion (`INSET day 1 Sept`, `Oct half-term`:
 * set aside with a note). A label before a date must leave a whole day; after one, a day or a month. Undefined
 * when the text has no such shape or the rest is no date.
 */
function wordsAround(s: string, opts: DateOptions): DateParse | undefined {
  const hedge = HEDGE_RE.exec(s);
  if (hedge !== null) {
    const r = readLine(s.slice(hedge[0].length), opts);
    if (!r.ok) return undefined;
    const word = hedge[1]!.replace(/[.,]$/, '');
    const span = r.end === undefined ? 'the period' : 'the span';
    return { ...r, note: joinNotes(r.note, `"${word}": the exact dates are not given; ${span} written is recorded`) };
  }
  if (opts.labels !== true) return undefined;
  const before = LABEL_BEFORE_RE.exec(s);
  // (not after a time of day: "10:00 EST" names a zone, refused elsewhere)
  const after = before === null && !/\d:\d/.test(s) ? LABEL_AFTER_RE.exec(s) : null;
  const label = (before ?? after)?.[1]?.trim();
  if (label === undefined || NOT_LABEL_RE.test(label) || hasMonthName(label) || label.split(' ').some((w) => WEEKDAYS.has(w))) return undefined;
  const rest = before !== null ? s.slice(before[0].length) : s.slice(0, after!.index);
  const r = readLine(rest, opts);
  if (!r.ok || (before !== null ? r.precision !== 'day' : r.precision === 'year')) return undefined;
  return { ...r, note: joinNotes(r.note, `"${label}" read as the name of the occasion, not part of the date`) };
}

/** True when a word of the (lower-case) text is a month name (`mar`, `september`). */
function hasMonthName(s: string): boolean {
  for (const w of s.split(WORD_SPLIT_RE)) if (MONTHS.has(w)) return true;
  return false;
}

/**
 * `end of Q2 2025` → 30 June 2025 (the last day of the period, a note says so); `start of March 2025` → 1 March
 * 2025; `mid-March 2025` → March 2025 as given. `rest` is the text after the edge word; when it is no date the whole
 * text is a time named by an event (`end of term`).
 */
function edgeOf(edge: string, rest: string, whole: string, opts: DateOptions): DateParse {
  const r = parseLine(rest, opts);
  if (!r.ok) {
    if (r.kind === 'placeholder') return r;
    if (hasMonthName(rest) || /\d/.test(rest)) return r;
    return fail('relative', RELATIVE_REASONS[relativeKind(whole) ?? 'event']);
  }
  if (r.precision === 'day' && r.end === undefined) return r;
  const flags = (r.orderDependent ? F_ORDER : 0) | (r.twoDigitYear ? F_TWO : 0) | (r.yearInferred ? F_INFER : 0);
  if (edge === 'mid' || edge === 'middle') {
    return { ...r, note: joinNotes(r.note, `"${edge}" read as within the period given (no day is given)`) };
  }
  const last = edge === 'end' || edge === 'close';
  const iso = last ? lastDay(r.end ?? r.start) : firstDay(r.start);
  const what = last ? 'last' : 'first';
  return okResult(iso, 'day', flags, joinNotes(r.note, `"${edge} of" read as the ${what} day of the period, ${humanDay(iso)}`));
}

/** Days of one month listed with commas, "&", "+" or "and", then the month (and year): `3 & 10 Nov 2026`. Group 2: the month part. */
const DAY_LIST_RE = /^(\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:,|&|\+|and)\s*\d{1,2}(?:st|nd|rd|th)?)+)\s+(\p{L}{3,}\.?(?:\s+\d{4})?)$/iu;

/** Reads one normalised line: placeholder, year range, quarter, range with a separator, single date, or hyphen range. */
function readLine(line: string, opts: DateOptions): DateParse {
  let s = line;
  if (s === '') return fail('invalid', 'no date given');
  const ph = placeholderReason(s);
  if (ph !== undefined) return fail('placeholder', ph);
  const lead = LEAD_WORD_RE.exec(s);
  if (lead !== null) {
    s = s.slice(lead[0].length);
    if (lead[1] === 'between') s = s.replace(' and ', ' to ');
  }
  const deadline = DEADLINE_RE.exec(s);
  if (deadline !== null && deadline[0].length < s.length) {
    // "by March 2025": a deadline is the target date itself
    s = s.slice(deadline[0].length);
    const dph = placeholderReason(s);
    if (dph !== undefined) return fail('placeholder', dph);
  }
  const edge = EDGE_RE.exec(s);
  if (edge !== null) return edgeOf(edge[1]!, s.slice(edge[0].length), line, opts);

  const week = WEEK_OF_RE.exec(s);
  if (week !== null) return weekOf(s.slice(week[0].length), opts);
  const season = SEASON_RE.exec(s);
  if (season !== null) return seasonOf(season);
  // "FY2025/26", "Tax year 2024-25": the days of that year (periods.ts `namedYear`)
  if (NAMED_YEAR_CELL_RE.test(s)) {
    const ny = namedYear(s);
    if (ny !== undefined) {
      const start = `${ny.year}-${ny.start}`;
      const next = daysFromCivil(ny.year + 1, Number(ny.start.slice(0, 2)), Number(ny.start.slice(3)));
      const end = isoFromDays(next - 1);
      return okResult(start, 'day', 0, `${ny.label} read as ${humanDay(start)} to ${humanDay(end)}`, end, 'day');
    }
  }
  // "2026-W14", "Autumn term 2026", "Q1 FY28": a named period, read as the span it covers (periods.ts)
  const period = namedPeriod(s) ?? financialYearPart(s, opts.yearStart !== undefined && opts.yearHint !== undefined ? { year: opts.yearHint, start: opts.yearStart } : undefined);
  if (period !== undefined) {
    if ('relative' in period) return fail('relative', RELATIVE_REASONS.event);
    if ('reason' in period) return fail('invalid', period.reason);
    return okResult(period.start, period.precision, 0, period.note, period.end, period.precision);
  }

  const yr = YEAR_RANGE_RE.exec(s);
  if (yr !== null) {
    const y1 = Number(yr[1]);
    const sepText = (yr[2] ?? '').trim();
    const e = yr[3] ?? '';
    const p1 = yearProblem(y1);
    if (p1 !== undefined) return fail('invalid', p1);
    if (e.length === 4) {
      const y2 = Number(e);
      const p2 = yearProblem(y2);
      if (p2 !== undefined) return fail('invalid', p2);
      return okResult('' + y1, 'year', 0, undefined, '' + y2, 'year');
    }
    const yy = Number(e);
    let y2 = y1 - (y1 % 100) + yy;
    if (y2 <= y1) y2 += 100;
    const asMonth = (sepText === '-' || sepText === '/') && yy >= 1 && yy <= 12;
    if (y2 === y1 + 1) {
      if (asMonth) {
        return fail('invalid', `${s} could be ${MONTH_NAMES[yy - 1]} ${y1} or the years ${y1}–${y2}; write ${MONTH_NAMES[yy - 1]} ${y1} or ${y1}–${y2}`);
      }
      return okResult('' + y1, 'year', 0, undefined, '' + y2, 'year');
    }
    if (!asMonth) return fail('invalid', `${s} is neither a year and month nor two consecutive years (such as ${y1}–${String(y1 + 1).slice(2)})`);
    // yyyy-mm / yyyy/mm falls through to the single-date reader
  }

  let q = QUARTER_RE.exec(s);
  if (q !== null || (q = QUARTER_YEAR_FIRST_RE.exec(s)) !== null || (q = QUARTER_ONLY_RE.exec(s)) !== null) {
    let qn: number;
    let yText: string | undefined;
    if (q[0].charCodeAt(0) === 113 /* q */) {
      qn = Number(q[1]);
      yText = q[2];
    } else {
      qn = Number(q[2]);
      yText = q[1];
    }
    let flags = 0;
    let y: number;
    if (yText === undefined) {
      if (opts.yearHint === undefined) return fail('invalid', `no year given for Q${qn}`);
      y = opts.yearHint;
      flags |= F_INFER;
    } else if (yText.length === 2) {
      y = expandYear2(Number(yText));
      flags |= F_TWO;
    } else {
      y = Number(yText);
    }
    const p = yearProblem(y);
    if (p !== undefined) return fail('invalid', p);
    const m1 = qn * 3 - 2;
    return okResult(
      y + '-' + pad2(m1),
      'month',
      flags,
      `Q${qn} read as the calendar quarter ${MONTH_NAMES[m1 - 1]}–${MONTH_NAMES[m1 + 1]}`,
      y + '-' + pad2(m1 + 2),
      'month',
    );
  }

  // Several days of one month listed ("3 & 10 Nov 2026", "3, 10 and 17 November"): sessions from the first day to
  // the last, read as that range with a note (PDF trial 6: a pharmacist's two evening workshops).
  const days = DAY_LIST_RE.exec(s);
  if (days !== null) {
    const listed = s.slice(0, s.length - days[2]!.length).match(/\d{1,2}/g)!;
    const r = range(`${listed[0]} ${days[2]}`, `${listed[listed.length - 1]} ${days[2]}`, opts);
    if (!isFail(r)) return { ...r, note: `${listed.length} days of one month listed: read as the range from the first to the last` };
  }

  STRONG_SEP_RE.lastIndex = 0;
  const seps: Array<{ at: number; len: number }> = [];
  let sm: RegExpExecArray | null;
  while ((sm = STRONG_SEP_RE.exec(s)) !== null) {
    if (sm[0].length === 0) {
      STRONG_SEP_RE.lastIndex++;
      continue;
    }
    seps.push({ at: sm.index, len: sm[0].length });
  }
  if (seps.length > 1) return fail('invalid', 'more than two dates (a cell is read as one date or one range)');
  if (seps.length === 1) {
    const sp = seps[0] as { at: number; len: number };
    const left = s.slice(0, sp.at).replace(TRAIL_PUNCT_RE, '');
    const right = s.slice(sp.at + sp.len).replace(LEAD_PUNCT_RE, '');
    return range(left, right, opts);
  }

  const one = parsePart(s, opts.order);
  if (!isFail(one)) {
    const f = finalise(one, opts);
    if (isFail(f)) return f;
    return okResult(f.iso, f.precision, f.flags, f.note);
  }
  // `5-9 February 2024`, `01/03/2024-05/03/2024`: a hyphen that splits the text into two readable dates
  if (s.indexOf('-') !== -1) {
    let found: DateParse | undefined;
    let firstFail: DateFail | undefined;
    let count = 0;
    for (let i = s.indexOf('-'); i !== -1; i = s.indexOf('-', i + 1)) {
      const l = s.slice(0, i).trim();
      const r = s.slice(i + 1).trim();
      if (l === '' || r === '') continue;
      const lp = parsePart(l, opts.order);
      if (isFail(lp)) continue;
      const rp = parsePart(r, opts.order);
      if (isFail(rp)) continue;
      const c = combine(lp, rp, opts);
      if (c.ok) {
        count++;
        found = c;
      } else {
        firstFail ??= c;
      }
    }
    if (count === 1 && found !== undefined) return found;
    if (count > 1) return fail('invalid', 'the hyphens split this into a range in more than one way');
    // a range that failed (e.g. no year) says more than "not a form we read", but less than a specific reason
    if (firstFail !== undefined && one.reason === NOT_READ) return firstFail;
  }
  return one;
}

function range(left: string, right: string, opts: DateOptions): DateParse {
  if (left === '') return fail('invalid', 'the range has no start');
  if (right === '') return fail('invalid', 'the range has no end');
  const lph = placeholderReason(left);
  if (lph !== undefined) return fail('placeholder', `the start of the range is a placeholder: ${lph}`);
  const lp = parsePart(left, opts.order);
  if (isFail(lp)) return fail(lp.kind, `the start of the range: ${lp.reason}`);
  const rph = placeholderReason(right);
  if (rph !== undefined) {
    // `March 2024 – ongoing`: the start is known, the end is not
    const f = finalise(lp, opts, 'start');
    if (isFail(f)) return f;
    return okResult(f.iso, f.precision, f.flags, joinNotes(f.note, `end given as placeholder "${shownPlaceholder(right)}"`));
  }
  const rp = parsePart(right, opts.order);
  if (isFail(rp)) return fail(rp.kind, `the end of the range: ${rp.reason}`);
  return combine(lp, rp, opts);
}

/**
 * A line naming what its date is: "Review: 31/03/2027", "Check-in 2: 30/06/2027", "Completed: 30/06/2027" (the label is
 * words, perhaps numbered; the rest holds a digit).
 */
const LABELLED_RE = /^([a-z][a-z -]{0,30}?(?:\s*\d{1,2})?)\s*:\s*(\S*\d.*)$/;
/** Words of a label naming a start date. */
const START_LABEL_RE = /\b(?:start|starts|started|starting|from|begin|begins|began|commence[ds]?)\b/;
/** Words of a label naming an end, completion or due date. */
const END_LABEL_RE = /\b(?:end|ends|ended|finish|finished|complete|completed|completion|due|target|deadline|by|to|until)\b/;

/**
 * Lines that each name what their date is (a plan's "Review: 31/03/2027" / "Complete: 30/06/2027", "Start: … / End:
 * …"): a start and an end label make a range; one end, completion or due label among others gives that date, with a
 * note naming the dates not used; otherwise the cell does not say which date is meant. `undefined` when some line
 * has no label (the cell is read as usual).
 */
function labelledLines(lines: readonly string[], opts: DateOptions): DateParse | undefined {
  const parts: Array<{ label: string; text: string; line: string }> = [];
  for (const l of lines) {
    const m = LABELLED_RE.exec(normaliseLine(l));
    if (m === null || (!START_LABEL_RE.test(m[1]!) && !END_LABEL_RE.test(m[1]!) && lines.length === 1)) return undefined;
    parts.push({ label: m[1]!.trim(), text: m[2]!, line: l.trim() });
  }
  const starts = parts.filter((p) => START_LABEL_RE.test(p.label) && !END_LABEL_RE.test(p.label));
  const ends = parts.filter((p) => END_LABEL_RE.test(p.label));
  if (parts.length === 2 && starts.length === 1 && ends.length === 1) return range(starts[0]!.text, ends[0]!.text, opts);
  if (ends.length === 1) {
    const end = ends[0]!;
    const d = parseLine(end.text, opts);
    if (!d.ok || parts.length === 1) return d;
    const others = parts.filter((p) => p !== end).map((p) => `"${p.line}"`).join(', ');
    return { ...d, note: joinNotes(d.note, `the date labelled "${end.label}" is kept; ${others} ${parts.length === 2 ? 'is' : 'are'} not used`) };
  }
  if (parts.length === 1 && starts.length === 1) return parseLine(parts[0]!.text, opts);
  return fail('invalid', `${parts.length} labelled dates (${parts.map((p) => p.label).join(', ')}) and none labelled as the end, completion or due date`);
}

function slow(s: string, opts: DateOptions): DateParse {
  if (s.indexOf('\n') !== -1 || s.indexOf('\r') !== -1) {
    const lines: string[] = [];
    for (const raw of s.split(LINE_RE)) {
      const l = raw.trim();
      if (l === '' || SEP_ONLY_LINE_RE.test(l.toLowerCase().replace(DASH_RE, '–'))) continue;
      lines.push(l);
    }
    const lab = s.indexOf(':') === -1 ? undefined : labelledLines(lines, opts);
    if (lab !== undefined) return lab;
    if (lines.length === 1) return parseLine(lines[0] as string, opts);
    if (lines.length === 2) {
      const a = normaliseLine(lines[0] as string);
      const b = normaliseLine(lines[1] as string);
      // one date broken over two lines (`3 March` / `2024`) first, else two dates: a range
      const joined = parseLine(a + ' ' + b, opts);
      if (joined.ok) return joined;
      return range(a, b, opts);
    }
    if (lines.length === 0) return fail('invalid', 'no date given');
    return fail('invalid', `${lines.length} lines of text; a date cell holds one date or two (a range)`);
  }
  if (s.indexOf(':') !== -1) {
    const lab = labelledLines([s], opts);
    if (lab !== undefined) return lab;
  }
  return parseLine(s, opts);
}

/**
 * Reads the text of one date cell (docs/domain/CPD.md §7) into ISO 8601 date(s).
 *
 * - `opts.order`: how to read numeric `a/b/yyyy` dates (decide it per column with {@link inferDateOrder});
 *   year-first numeric dates (`2024-03-04`, `2024/03/04`) are always year-month-day. A numeric date invalid in
 *   the given order fails (it is not silently swapped); the reason says the other order would read it.
 * - `opts.yearHint`: the year for dates written without one (`March 3rd`, `5 Feb`, `03/04`); sets `yearInferred`.
 *   Without it such dates fail with "has no year".
 * - Forms: `2024-03-03`, `03/04/2024`, `3/4/24`, `03-04-2024`, `03.04.2024`, `4.4.14`, `20240303`,
 *   `3rd March 2024`, `March 3rd, 2024`, `3 Mar 24`, `Tue 5 March 2024` (weekday checked), `Mar-24` /
 *   `Mar 2024` / `03/2024` / `2024-03` (month), `2024` (year), `Q1 2024` (Jan–Mar, month precision),
 *   `2023-24` / `2023/24` / `2023–2024` (years), ranges with `–`, ` - `, `to`, `until`, a bare hyphen
 *   (`5-9 February 2024`) or two lines; a trailing time (`00:00`, `09:30:00`, `T09:00:00Z`) is dropped with a note.
 * - Placeholders (`TBC`, `TBA`, `ongoing`, `ASAP`, `n/a`, `-`, `?`, `DD/MM/YYYY`) → `kind: 'placeholder'`;
 *   a placeholder day (`DD/11/2024`) gives month precision with a note; a placeholder range end
 *   (`March 2024 – ongoing`) gives the start only, with a note.
 * - Years outside 1900–2099 are rejected (our choice: typing slips such as `3024`).
 * - Ambiguous text fails rather than guessing: `Mar 24` (24 March or March 2024?), `2011-12` (December 2011 or
 *   2011–12?).
 */
export function parseDate(raw: string, opts: DateOptions): DateParse {
  const trimmed = raw.trim();
  if (trimmed === '') return fail('invalid', 'no date given');
  const s = extendedForm(trimmed);
  const f = fastNumeric(s, opts);
  if (f !== undefined) {
    // `0000-00-00`, `1900-01-00`: numeric in form, but a "no value" placeholder (empty.ts)
    if (!f.ok && isEmptyValue(s)) return fail('placeholder', placeholderReason(s) ?? `"${s}" means no date was given`);
    return f;
  }
  return slow(s, opts);
}

/**
 * ISO 8601's basic format of a date-time (`20260113T123000Z`, `20260113T1230`, `20260113T123000+0100`), as calendars
 * write it (RFC 5545 iCalendar DTSTART / DTEND), in the extended form read here (`2026-01-13T12:30:00Z`); any other
 * text unchanged. A basic date alone (`20260310`) is read as it is.
 */
export function extendedForm(s: string): string {
  const m = BASIC_DATE_TIME_RE.exec(s);
  if (m === null) return s;
  const [, y, mo, d, hh, mm, ss, zone] = m;
  return `${y}-${mo}-${d}T${hh}:${mm}${ss === undefined ? '' : `:${ss}`}${zone === undefined ? '' : zone.toUpperCase()}`;
}
const BASIC_DATE_TIME_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?$/i;

// ---------------------------------------------------------------------------------------------------------------
// Column order evidence

/** Numeric `a/b/yy(yy)` dates anywhere in a cell (not year-first ISO dates). */
const NUMERIC_DATE_RE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/g;

/**
 * For a text that is exactly one numeric date `a/b/yy(yy)` (`/`, `.` or `-` twice, one- or two-digit parts, a two- or
 * four-digit year, nothing around it), `a * 100 + b`; otherwise -1.
 */
function wholeNumericDate(s: string): number {
  const n = s.length;
  let i = 0;
  let a = 0;
  let c: number;
  while (i < n && i < 2 && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    a = a * 10 + (c - 48);
    i++;
  }
  if (i === 0 || i >= n) return -1;
  const sep = s.charCodeAt(i);
  if (sep !== 47 && sep !== 46 && sep !== 45) return -1;
  const sb = ++i;
  let b = 0;
  while (i < n && i - sb < 2 && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    b = b * 10 + (c - 48);
    i++;
  }
  if (i === sb || i >= n || s.charCodeAt(i) !== sep) return -1;
  const yearDigits = n - i - 1;
  if (yearDigits !== 2 && yearDigits !== 4) return -1;
  for (let k = i + 1; k < n; k++) {
    c = s.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return a * 100 + b;
}

/**
 * Decides the day/month order of a date column from its raw texts (docs/domain/CPD.md §7):
 * a numeric date whose first part is 13–31 is evidence for `dmy`, whose second part is 13–31 for `mdy`.
 * Evidence one way only → that order, `decided: true`. Conflicting evidence → the majority, `decided: true`,
 * and the reason says the column is mixed (values of the minority order then fail to parse); a tie →
 * `fallback`, `decided: false`. No evidence → `fallback`, `decided: false`.
 * Year-first dates (`2024-03-04`) and month names give no evidence (they are not order dependent).
 * Other evidence named in docs/domain/CPD.md §7 (start ≤ end, completed not in the future) needs two columns and is the
 * caller's.
 */
export function inferDateOrder(values: Iterable<string>, fallback: DateOrder): OrderEvidence {
  // (read twice: for days above 12, then for weekdays)
  const raws: readonly string[] = Array.isArray(values) ? values : [...values];
  let dmy = 0;
  let mdy = 0;
  let numeric = 0;
  let dmyEx: string | undefined;
  let mdyEx: string | undefined;
  const count = (a: number, b: number, text: string): void => {
    numeric++;
    if (a > 12 && a <= 31 && b >= 1 && b <= 12) {
      dmy++;
      dmyEx ??= text;
    } else if (b > 12 && b <= 31 && a >= 1 && a <= 12) {
      mdy++;
      mdyEx ??= text;
    }
  };
  for (const raw of raws) {
    if (raw.length < 6) continue;
    const whole = wholeNumericDate(raw);
    if (whole >= 0) {
      // The usual cell, one numeric date and nothing else: the one match NUMERIC_DATE_RE would find, without it.
      count(Math.floor(whole / 100), whole % 100, raw);
      continue;
    }
    NUMERIC_DATE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NUMERIC_DATE_RE.exec(raw)) !== null) count(Number(m[1]), Number(m[3]), m[0]);
  }
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const has = (n: number): string => (n === 1 ? 'has' : 'have');
  if (dmy > 0 && mdy === 0) {
    return {
      order: 'dmy',
      decided: true,
      reason: `${plural(dmy, 'date')} in this column ${has(dmy)} a day above 12 first (e.g. ${dmyEx ?? ''}) and none has one second`,
    };
  }
  if (mdy > 0 && dmy === 0) {
    return {
      order: 'mdy',
      decided: true,
      reason: `${plural(mdy, 'date')} in this column ${has(mdy)} a day above 12 second (e.g. ${mdyEx ?? ''}) and none has one first`,
    };
  }
  if (dmy > 0 && mdy > 0) {
    const mixed = `this column mixes orders: ${plural(dmy, 'date')} read only day first (e.g. ${dmyEx ?? ''}), ${plural(mdy, 'date')} only month first (e.g. ${mdyEx ?? ''})`;
    if (dmy === mdy) return { order: fallback, decided: false, reason: `${mixed}; no majority, so the default ${orderWord(fallback)} is used` };
    const order: DateOrder = dmy > mdy ? 'dmy' : 'mdy';
    return { order, decided: true, reason: `${mixed}; the majority, ${orderWord(order)}, is used` };
  }
  if (numeric === 0) {
    return { order: fallback, decided: false, reason: `no numeric day/month dates in this column; the default ${orderWord(fallback)} is used` };
  }
  const byWeekday = weekdayEvidence(raws);
  if (byWeekday !== undefined) return byWeekday;
  return {
    order: fallback,
    decided: false,
    reason: `none of the ${plural(numeric, 'numeric date')} in this column has a day above 12, so the default ${orderWord(fallback)} is used`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Excel serials

const WEEKDAY_WORD_RE = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?\b\.?/i;

/**
 * Day/month order from the weekdays written beside numeric dates (`Mon 02/03/2026` is Monday 2 March 2026, while 3
 * February 2026 is a Tuesday): decided when some dates fit only one order and none only the other. Undefined when
 * no weekday says anything.
 */
function weekdayEvidence(raws: Iterable<string>): OrderEvidence | undefined {
  let dmy = 0;
  let mdy = 0;
  let ex: string | undefined;
  for (const raw of raws) {
    if (!WEEKDAY_WORD_RE.test(raw) || !/\d[/.-]\d/.test(raw)) continue;
    const d = parseDate(raw, { order: 'dmy' });
    const m = parseDate(raw, { order: 'mdy' });
    if (d.ok && !m.ok) {
      dmy++;
      ex ??= `${raw}: ${humanDay(d.start)}`;
    } else if (m.ok && !d.ok) {
      mdy++;
      ex ??= `${raw}: ${humanDay(m.start)}`;
    }
  }
  if ((dmy > 0) === (mdy > 0)) return undefined;
  const order: DateOrder = dmy > 0 ? 'dmy' : 'mdy';
  const n = dmy + mdy;
  return { order, decided: true, reason: `no day is above 12, but the weekday of ${n} date${n === 1 ? '' : 's'} fits only ${orderWord(order)} (e.g. ${ex ?? ''})` };
}

/** 1900 system: serial 25569 = 1970-01-01 (serials > 60; below 60 one less, because of the fictitious 29 Feb 1900). */
const EPOCH_1900 = 25569;
/** 1904 system: serial 0 = 1904-01-01, so 1970-01-01 = 24107. */
const EPOCH_1904 = 24107;
/** Excel's last date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL_1900 = 2958465;

/**
 * An Excel date serial → ISO 8601 `YYYY-MM-DD` (docs/domain/CPD.md §7), by integer day arithmetic (TZ-independent).
 * - 1900 system (`date1904` false): serial 1 = 1900-01-01; serial 60 is Excel's fictitious 29 February 1900
 *   → `null`; serials from 61 on are one day behind a true count from 1899-12-31 (61 = 1900-03-01).
 * - 1904 system (`date1904` true, a workbook flag): serial 0 = 1904-01-01.
 * - The time fraction is dropped (a serial within 1 ms of the next midnight counts as that midnight, as Excel
 *   displays it). Returns `null` for non-finite, negative, zero (1900 system; Excel shows `0-Jan-1900`) and
 *   serials past 9999-12-31.
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let day = Math.floor(serial);
  if (serial - day > 1 - 1 / 86_400_000) day += 1;
  if (date1904) {
    if (day > MAX_SERIAL_1900 - 1462) return null;
    return isoFromDays(day - EPOCH_1904);
  }
  if (day < 1 || day === 60 || day > MAX_SERIAL_1900) return null;
  return isoFromDays(day < 60 ? day - EPOCH_1900 + 1 : day - EPOCH_1900);
}
