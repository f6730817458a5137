/**
 * Hours normaliser: one cell's text → decimal hours, or a failure with a reason a reviewer can act on.
 *
 * Rules: docs/domain/CPD.md §6 (hours are the IET unit; points, units, credits and days are never converted silently — only
 * by a stated rule, returned in `converted` so the caller can raise a `converted` gap; hours per day is a
 * setting, default 6 after ICE's "6 h of learning = 1 day"; one CPD point, credit or unit is one hour, the UK and Irish
 * convention, unless the source says US CPE (50 minutes) — hours per point is a setting, default 1) and
 * docs/DESIGN.md §2 (`hours` is decimal hours). Durations as exports write them are read too: ISO 8601 (`PT1H30M`),
 * clock (`01:30:00`), compound (`1h 30m 15s`), and seconds under a seconds heading (issue 9 scope 5).
 * Pure functions, no I/O.
 */
import { spanHours } from './clock-span.js';
import { readTerms } from './duration-terms.js';
import { isEmptyValue, isNotYetGiven } from './empty.js';

/**
 * Units a CPD duration can be written in (docs/domain/CPD.md §6): time — `hours` (the IET unit), `minutes`,
 * `seconds`; `days` (ICE: a setting, default 6 h); CPD points — `points`, `credits`, `units` (one hour each by the UK
 * and Irish convention, a setting); and the units of other schemes — `cpe` (US CPE credit, NASBA: 50 minutes),
 * `ceus` (IACET Continuing Education Unit: 10 contact hours), `pdus` (PMI Professional Development Unit: 1 hour).
 */
export type HoursUnit = 'hours' | 'minutes' | 'seconds' | 'days' | 'points' | 'credits' | 'units' | 'cpe' | 'ceus' | 'pdus';

/**
 * Options of {@link parseHours}: `unit` of the column ({@link unitFromHeading}), `hoursPerDay` (default 6, after ICE)
 * and `hoursPerPoint` (hours per CPD point, credit or unit; default 1, the UK and Irish convention). Settings that
 * are not positive finite numbers fall back to their defaults.
 */
export interface HoursOptions {
  unit?: HoursUnit;
  hoursPerDay?: number;
  hoursPerPoint?: number;
  /** A rate the source states (a heading's "(1 credit = 50 min)", {@link rateFromHeading}): it wins over the settings. */
  rate?: StatedRate;
  /**
   * How a two-part clock value `a:b` reads: `h:mm` (the default, `1:30` = 1.5 h) or `m:ss` — minutes and seconds, in
   * a column of media lengths that also holds `h:mm:ss` values (`12:34` = 12 min 34 s; map/assign.ts decides).
   * Three-part values are always `h:mm:ss`.
   */
  clock?: 'h:mm' | 'm:ss';
}

/**
 * A conversion rate a heading states: `unit` (a CPD point unit or days), `hours` per one of it (decimal hours), and
 * `text`, the statement as written (`1 credit = 50 min`), quoted in the `converted` gap.
 */
export interface StatedRate {
  unit: HoursUnit;
  hours: number;
  text: string;
  /** Where the source states it, a clause for the gap (default `as the column heading states`; cpe.ts). */
  where?: string;
}

/**
 * Hours read successfully.
 * - `hours`: decimal hours (1 h 30 min = 1.5), rounded to 4 decimal places (50/60 → 0.8333). Zero and negative
 *   values are returned as read; the validator flags them.
 * - `converted`: set when the value was in days, points, credits or units; `rule` is a clause for the reviewer
 *   (e.g. `6 h per day (setting)`), shown in the `converted` gap (docs/domain/CPD.md §6). Minutes are time, so no `converted`.
 * - `approximate`: the text said so (`~2`, `approx 2`, `c. 2`, `2ish`, `2+`).
 * - `note`: what else the reader did (minutes → hours, a cell unit overriding the column's, text ignored).
 */
export interface HoursOk {
  ok: true;
  hours: number;
  /** set when a unit other than hours/minutes was converted */
  converted?: { from: HoursUnit; rule: string };
  approximate?: boolean;
  note?: string;
}

/**
 * No usable hours: `missing` (blank, `-`, `n/a`), `range` (`2-3`: the member must record one value),
 * `invalid` (`see certificate`, `TBC`, text without a number, an ambiguous number such as `1,250`).
 * `reason` is a short clause for a reviewer.
 */
export interface HoursFail {
  ok: false;
  kind: 'missing' | 'invalid' | 'range';
  reason: string;
}

/** Default hours per day (docs/domain/CPD.md §6, our choice after ICE: 6 h of learning = 1 day). */
const DEFAULT_HOURS_PER_DAY = 6;

/** Default hours per CPD point, credit or unit (docs/domain/CPD.md §6: one per hour in UK and Irish CPD). */
export const DEFAULT_HOURS_PER_POINT = 1;

function round4(x: number): number {
  const r = Math.round(x * 10_000) / 10_000;
  return r === 0 ? 0 : r; // no -0
}

function fail(kind: HoursFail['kind'], reason: string): HoursFail {
  return { ok: false, kind, reason };
}

// ---------------------------------------------------------------------------------------------------------------
// Lexicon

/** Unit words of other languages, for values and headings: hours, minutes and days. */
const OTHER_LANGUAGE_UNITS: ReadonlyArray<[string, HoursUnit]> = [
  ['heure', 'hours'], ['heures', 'hours'], ['std', 'hours'], ['stunde', 'hours'], ['stunden', 'hours'], ['hora', 'hours'], ['horas', 'hours'],
  ['awr', 'hours'], ['oriau', 'hours'],
  ['uur', 'hours'], ['uren', 'hours'], ['ora', 'hours'], ['ore', 'hours'], ['godz', 'hours'], ['godzin', 'hours'], ['godziny', 'hours'],
  ['minuten', 'minutes'], ['minutos', 'minutes'], ['minuti', 'minutes'], ['munud', 'minutes'],
  ['jour', 'days'], ['jours', 'days'], ['journée', 'days'], ['journées', 'days'], ['tag', 'days'], ['tage', 'days'], ['día', 'days'], ['días', 'days'],
  ['dia', 'days'], ['dias', 'days'], ['dag', 'days'], ['dagen', 'days'], ['giorno', 'days'], ['giorni', 'days'], ['dni', 'days'], ['diwrnod', 'days'], ['diwrnodau', 'days'],
];

const UNIT_WORDS = new Map<string, HoursUnit>([
  ['h', 'hours'],
  ['hr', 'hours'],
  ['hrs', 'hours'],
  ['hour', 'hours'],
  ['hours', 'hours'],
  ['hour(s)', 'hours'],
  ['hr(s)', 'hours'],
  ['cpd hours', 'hours'],
  ['cpd hour', 'hours'],
  ['cpd hrs', 'hours'],
  ['cpd h', 'hours'],
  ['credit hour', 'hours'],
  ['credit hours', 'hours'],
  ['contact hour', 'hours'],
  ['contact hours', 'hours'],
  ['m', 'minutes'],
  ['min', 'minutes'],
  ['mins', 'minutes'],
  ['minute', 'minutes'],
  ['minutes', 'minutes'],
  ['minute(s)', 'minutes'],
  ['min(s)', 'minutes'],
  ['s', 'seconds'],
  ['sec', 'seconds'],
  ['secs', 'seconds'],
  ['second', 'seconds'],
  ['seconds', 'seconds'],
  ['d', 'days'],
  ['day', 'days'],
  ['days', 'days'],
  ['day(s)', 'days'],
  ['pt', 'points'],
  ['pts', 'points'],
  ['point', 'points'],
  ['points', 'points'],
  ['point(s)', 'points'],
  ['cpd point', 'points'],
  ['cpd points', 'points'],
  ['cpd pts', 'points'],
  ['credit', 'credits'],
  ['credits', 'credits'],
  ['credit(s)', 'credits'],
  ['cpd credit', 'credits'],
  ['cpd credits', 'credits'],
  ['cpe', 'cpe'],
  ['cpe credit', 'cpe'],
  ['cpe credits', 'cpe'],
  ['ceu', 'ceus'],
  ['ceus', 'ceus'],
  ['pdu', 'pdus'],
  ['pdus', 'pdus'],
  ['unit', 'units'],
  ['units', 'units'],
  ['unit(s)', 'units'],
  ['cpd unit', 'units'],
  ['cpd units', 'units'],
  // The same units in the other languages logs arrive in (French, German, Spanish, Welsh): members abroad and
  // bilingual exports write "2 jours", "1,5 Std.", "3 horas", "2 awr" (trial 2).
  ...OTHER_LANGUAGE_UNITS,
]);

/** `2 x 45 min`, `3 × 1 h`, `4*30m`: a whole count of sessions times a duration. */
const TIMES_RE = /^(\d{1,2})\s*[x×*]\s*(\d.*)$/;

/** Whole-cell texts meaning "not known" for hours (besides "not known yet", empty.ts). */
const PLACEHOLDER = new Set<string>(['unknown', 'not known', 'n/k', 'various', 'varies', 'variable']);

const WORD_NUMBERS = new Map<string, number>([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['twelve', 12],
  ['half', 0.5],
  ['half a', 0.5],
  ['half an', 0.5],
  ['a half', 0.5],
  ['quarter', 0.25],
  ['a quarter', 0.25],
  ['quarter of an', 0.25],
  ['a quarter of an', 0.25],
  ['full', 1],
  ['whole', 1],
  ['a full', 1],
  ['a whole', 1],
]);

const VULGAR: Record<string, number> = {
  '½': 0.5,
  '¼': 0.25,
  '¾': 0.75,
  '⅓': 1 / 3,
  '⅔': 2 / 3,
  '⅕': 0.2,
  '⅖': 0.4,
  '⅗': 0.6,
  '⅘': 0.8,
  '⅙': 1 / 6,
  '⅚': 5 / 6,
  '⅛': 0.125,
  '⅜': 0.375,
  '⅝': 0.625,
  '⅞': 0.875,
};

// ---------------------------------------------------------------------------------------------------------------
// Precompiled patterns (all applied to lower-cased, space-collapsed text)

const PLAIN_NUMBER_RE = /^-?\d+(?:\.\d+)?$/;
const SPACE_RE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;
const DASH_RE = /[\u2012\u2013\u2014\u2015\u2212]/g;
const VULGAR_RE = /(\d+)?\s*([½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])/g;
const HAS_VULGAR_RE = /[½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/;
/** A time of day with a colon (`09:30`) or a meridiem (`9.30am`): a decimal range (`1.30-2.30`) stays a range. */
const CLOCK_OF_DAY = '\\d{1,2}:\\d{2}\\s*(?:[ap]\\.?m\\.?)?|\\d{1,2}(?:[:.]\\d{2})?\\s*[ap]\\.?m\\.?';
/** Two times of day joined by a dash or "to" (lower-cased, dashes made en dashes): a session's start and end. */
const CLOCK_SPAN_RE = new RegExp(`^(${CLOCK_OF_DAY})\\s*(?:–|-|to)\\s*(${CLOCK_OF_DAY})$`);
const ASCII_FRACTION_RE = /^(?:(\d+)\s+)?(\d+)\/(\d+)(?=\s|$|[a-z])/;
const APPROX_LEAD_RE = /^(?:~|≈|approximately|approx\.?|appx\.?|c\.|c(?=\s*\d)|ca\.?|circa|about|around|roughly|est\.?|estimated)\s*/;
const APPROX_TRAIL_RE = /\s*(?:\(approx\.?\)|\(approximately\)|approx\.?|approximately|\(est\.?\)|ish|\(ish\))$/;
const PLUS_TRAIL_RE = /\s*\+$/;
const PLURAL_S_RE = /\(s\)/g;
const PAREN_TRAIL_RE = /\s*\(([^()]*)\)$/;
const NUM = '(-?(?:\\d+(?:[.,]\\d+)?|[.,]\\d+))';
const UNIT = '([a-z][a-z ()]*?)';
const NUMBER_UNIT_RE = new RegExp(`^${NUM}\\s*(?:${UNIT})?\\.?$`);
const RANGE_RE = new RegExp(`^${NUM}\\s*(?:-|–|to)\\s*${NUM}\\s*(?:${UNIT})?\\.?$`);
const CLOCK_RE = /^(\d{1,3}):(\d{2})(?::(\d{2}))?\s*(?:h|hrs?|hours?)?\.?$/;
const COMPOUND_RE = /^(\d+)\s*(?:h|hrs?|hours?)\.?\s*(?:,\s*|and\s+)?(\d{1,2})\s*(?:m|mins?|minutes?)?\.?$/;
const WORD_NUMBER_RE = /^(a quarter of an|quarter of an|half an?|a half|a quarter|a full|a whole|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|quarter|full|whole)(?:\s+|-)(?=[a-z])/;
const THOUSANDS_RE = /^-?\d{1,3},\d{3}$/;
/** Hours, minutes and seconds each with its unit, at least two of them (checked by the caller). */
const HMS_RE =
  /^(?:(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\.?)?(?:\s*,?\s*(?:and\s+)?(\d+)\s*(?:m|mins?|minutes?)\.?)?(?:\s*,?\s*(?:and\s+)?(\d+)\s*(?:s|secs?|seconds?)\.?)?$/;
/** ISO 8601 durations (`PT1H30M`, `P1DT2H`, `PT0.5H`, `P2W`), lower-cased: years, months, weeks, days, then time. */
const ISO_DURATION_RE =
  /^p(?:(\d+(?:[.,]\d+)?)y)?(?:(\d+(?:[.,]\d+)?)m)?(?:(\d+(?:[.,]\d+)?)w)?(?:(\d+(?:[.,]\d+)?)d)?(?:t(?:(\d+(?:[.,]\d+)?)h)?(?:(\d+(?:[.,]\d+)?)m)?(?:(\d+(?:[.,]\d+)?)s)?)?$/;
const HAS_DIGIT_RE = /\d/;

// ---------------------------------------------------------------------------------------------------------------
// Conversion rules (docs/domain/CPD.md §6)

/** Settings in force for one reading: hours per day and per point, and whether each is the default. */
interface Rates {
  hpd: number;
  hpdDefault: boolean;
  hpp: number;
  hppDefault: boolean;
}

function rates(opts: HoursOptions): Rates {
  const hpdOk = opts.hoursPerDay !== undefined && Number.isFinite(opts.hoursPerDay) && opts.hoursPerDay > 0;
  const hppOk = opts.hoursPerPoint !== undefined && Number.isFinite(opts.hoursPerPoint) && opts.hoursPerPoint > 0;
  const hpd = hpdOk ? (opts.hoursPerDay as number) : DEFAULT_HOURS_PER_DAY;
  const hpp = hppOk ? (opts.hoursPerPoint as number) : DEFAULT_HOURS_PER_POINT;
  return { hpd, hpdDefault: hpd === DEFAULT_HOURS_PER_DAY, hpp, hppDefault: hpp === DEFAULT_HOURS_PER_POINT };
}

/** The rule of a conversion, as the `converted` gap states it (docs/domain/CPD.md §6). */
function convertRule(unit: HoursUnit, r: Rates): string {
  const perPoint = (what: string): string =>
    r.hppDefault
      ? `1 ${what} = 1 h (the UK and Irish CPD convention: one point or credit per hour of learning; hours per point is a setting)`
      : `1 ${what} = ${fmt(r.hpp)} h (hours per point, a setting)`;
  switch (unit) {
    case 'days':
      return r.hpdDefault ? `${r.hpd} h per day (setting; the default, after ICE: 6 h of learning = 1 day)` : `${fmt(r.hpd)} h per day (setting)`;
    case 'points':
      return `${perPoint('point')}; some bodies' points are not time (RIBA) — check`;
    case 'credits':
      return `${perPoint('credit')}; a US CPE credit would be 50 minutes`;
    case 'units':
      return `${perPoint('unit')}; under the old BCS scheme 1 unit was 2 h`;
    case 'cpe':
      return '1 US CPE credit = 50 minutes';
    case 'ceus':
      return '1 CEU = 10 contact hours (IACET)';
    case 'pdus':
      return '1 PDU = 1 hour (PMI)';
    default:
      return '';
  }
}

/** Hours per one of `unit` (docs/domain/CPD.md §6). */
function factor(unit: HoursUnit, r: Rates): number {
  switch (unit) {
    case 'hours':
    case 'pdus':
      return 1;
    case 'minutes':
      return 1 / 60;
    case 'seconds':
      return 1 / 3600;
    case 'days':
      return r.hpd;
    case 'points':
    case 'credits':
    case 'units':
      return r.hpp;
    case 'cpe':
      return 50 / 60;
    case 'ceus':
      return 10;
  }
}

/** CPD point units: a rate stated for one of them holds for all (they are counted alike, docs/domain/CPD.md §6). */
const POINT_FAMILY: ReadonlySet<HoursUnit> = new Set<HoursUnit>(['points', 'credits', 'units', 'cpe']);

/** The stated rate when it is for `unit` (the same unit, or both CPD point units), else undefined. */
function rateFor(unit: HoursUnit, rate: StatedRate | undefined): StatedRate | undefined {
  if (rate === undefined) return undefined;
  return rate.unit === unit || (POINT_FAMILY.has(rate.unit) && POINT_FAMILY.has(unit)) ? rate : undefined;
}

/** Units of time: read as hours without a `converted` gap (the arithmetic is noted). */
function isTime(unit: HoursUnit): boolean {
  return unit === 'hours' || unit === 'minutes' || unit === 'seconds';
}

function fmt(n: number): string {
  return String(round4(n));
}

/** Applies a unit to a value and builds the result. `cellUnit` is the unit written in the cell, if any. */
function build(value: number, cellUnit: HoursUnit | undefined, opts: HoursOptions, approximate: boolean, notes: string[]): HoursOk {
  const unit = cellUnit ?? opts.unit ?? 'hours';
  if (cellUnit !== undefined && opts.unit !== undefined && cellUnit !== opts.unit) {
    notes.push(`the cell's unit (${cellUnit}) used, not the column's (${opts.unit})`);
  }
  const rt = rates(opts);
  const stated = rateFor(unit, opts.rate);
  const hours = round4(value * (stated === undefined ? factor(unit, rt) : stated.hours));
  const r: HoursOk = { ok: true, hours };
  if (unit === 'minutes') notes.push(`${fmt(value)} min = ${fmt(hours)} h`);
  else if (unit === 'seconds') notes.push(`${fmt(value)} s = ${fmt(hours)} h`);
  else if (!isTime(unit)) r.converted = { from: unit, rule: stated === undefined ? convertRule(unit, rt) : `${stated.text}, ${stated.where ?? 'as the column heading states'}` };
  if (approximate) r.approximate = true;
  if (notes.length !== 0) r.note = notes.join('; ');
  return r;
}

/** `1,5` → 1.5 (decimal comma); `1,250` is ambiguous (1.25 or 1250) and returns NaN. */
function toNumber(t: string): number {
  if (t.indexOf(',') !== -1) {
    if (THOUSANDS_RE.test(t)) return NaN;
    return Number(t.replace(',', '.'));
  }
  return Number(t);
}

function unitOf(word: string | undefined): HoursUnit | undefined | null {
  if (word === undefined) return undefined;
  const w = word.trim().replace(/\s+/g, ' ');
  if (w === '' || w === 'cpd') return undefined;
  return UNIT_WORDS.get(w) ?? null;
}

/**
 * Reads the text of one hours cell (docs/domain/CPD.md §6) into decimal hours.
 *
 * - `opts.unit`: the unit of the column (from {@link unitFromHeading}); applies to bare numbers (`3` in a `Days`
 *   column → 3 days). A unit written in the cell wins (with a note).
 * - `opts.hoursPerDay`: hours per day for days (a setting; default 6, after ICE: 6 h of learning = 1 day);
 *   `half day` = hoursPerDay / 2.
 * - `opts.hoursPerPoint`: hours per CPD point, credit or unit (a setting; default 1, the UK and Irish convention).
 * - Forms: `1.5`, `1,5`, `1½`, `1 1/2`, `¾`, `1.5 hrs`, `1.5h`, `2 hours`, `an hour`, `1h30`, `1h 30m`,
 *   `1 hr 30 mins`, `1h 30m 15s`, `90 mins`, `45m`, `5400 s`, `1:30`, `01:30:00`, ISO 8601 durations (`PT1H30M`,
 *   `PT45M`, `P1DT2H`), `half day`, `1 day`, `0.5 day`, `3 points`, `2 CPD points`, `4 credits`, `4 CPE`,
 *   `2 units`, `3 CEUs`, `2 PDUs`; `~2`, `approx 2`, `c. 2`, `2ish`, `2+` → `approximate`.
 * - Time units (hours, minutes, seconds) are not conversions: minutes and seconds give a `note` with the
 *   arithmetic. Conversions (never silent, `converted.rule` says how, docs/domain/CPD.md §6): days × hoursPerDay;
 *   points, credits, units × hoursPerPoint (default 1); US CPE credits × 50/60; CEUs × 10 (IACET); PDUs × 1 (PMI);
 *   an ISO 8601 duration's days and weeks × 24 h and 168 h (elapsed time, not learning days).
 * - A session's times of day (`09:30 - 12:45`, `9.30am–12.45pm`) → the hours between them, with a note.
 * - Failures: blank and "no value" placeholders (`-`, `n/a`, `none`, `null`, `NaN`, `#N/A`; empty.ts) → `missing`;
 *   `2-3`, `2–3 hours`, `2 to 3` → `range`; `TBC`, `see certificate`, `1,250` (thousands or decimal?), minutes
 *   ≥ 60 in `1:75`, an ISO duration in months or years (`P1M`) → `invalid`.
 * - Results are rounded to 4 decimal places; `0` and negatives are returned (the validator flags them).
 */
export function parseHours(raw: string, opts: HoursOptions): HoursOk | HoursFail {
  let s = raw.trim();
  // fast path: a plain decimal number (the common spreadsheet cell)
  if (PLAIN_NUMBER_RE.test(s)) {
    const notes: string[] = [];
    if (opts.unit === undefined && s.length > 3 && s.charCodeAt(s.length - 3) === 46 /* . */) clockLike(s, notes);
    return build(Number(s), undefined, opts, false, notes);
  }

  s = s.toLowerCase().replace(SPACE_RE, ' ').replace(DASH_RE, '–');
  if (s === '') return fail('missing', 'no hours given');
  if (isEmptyValue(s)) return fail('missing', `"${s}" means no hours recorded`);
  const bare = s.replace(/\.$/, '');
  if (PLACEHOLDER.has(bare) || isNotYetGiven(bare)) return fail('invalid', `"${bare.length <= 3 ? bare.toUpperCase() : bare}" is a placeholder, not a number of hours`);
  if (s.charCodeAt(0) === 112 /* p */ && ISO_DURATION_RE.test(s)) return isoDuration(s, opts);
  // "09:30 - 12:45", "9.30am–12.45pm", "13:00 to 16:30": a session's times of day; its hours are the time between.
  const clocks = CLOCK_SPAN_RE.exec(s);
  if (clocks !== null) {
    const whole = (t: string): string => t.replace(/^(\d{1,2})\s*(?=[ap])/, '$1:00');
    const span = spanHours(whole(clocks[1]!), whole(clocks[2]!));
    if (span !== undefined) return { ok: true, hours: span.hours, note: `${span.hours} h from the times ${span.times}` };
    return fail('invalid', `"${raw.trim()}" gives times of day whose end is not after the start: the hours cannot be told`);
  }

  const notes: string[] = [];
  let approximate = false;
  // approximation markers
  const lead = APPROX_LEAD_RE.exec(s);
  if (lead !== null && lead[0].length < s.length) {
    approximate = true;
    s = s.slice(lead[0].length);
  }
  const trail = APPROX_TRAIL_RE.exec(s);
  if (trail !== null && trail.index > 0) {
    approximate = true;
    s = s.slice(0, trail.index);
  }
  if (PLUS_TRAIL_RE.test(s) && HAS_DIGIT_RE.test(s)) {
    approximate = true;
    s = s.replace(PLUS_TRAIL_RE, '');
    notes.push('written with "+" (at least)');
  }
  if (s.indexOf('(s)') !== -1) s = s.replace(PLURAL_S_RE, 's');
  // a trailing remark in brackets: a unit or approximation is used, other text without digits is ignored
  const paren = PAREN_TRAIL_RE.exec(s);
  if (paren !== null && paren.index > 0) {
    const inner = (paren[1] ?? '').trim();
    const u = unitOf(inner);
    if (u !== null && u !== undefined) {
      s = s.slice(0, paren.index) + ' ' + inner;
    } else if (!HAS_DIGIT_RE.test(inner)) {
      s = s.slice(0, paren.index);
      if (inner !== '') notes.push(`"(${inner})" ignored`);
    } else {
      const restated = restatedIn(s.slice(0, paren.index).trim(), inner, opts);
      if (restated !== undefined) return withMarks(restated, approximate, notes);
    }
  }
  s = s.trim();

  // vulgar and ascii fractions: `1½`, `1 ½`, `¾`, `1 1/2`, `1/2 day`
  if (HAS_VULGAR_RE.test(s)) {
    s = s.replace(VULGAR_RE, (_m: string, whole: string | undefined, frac: string) =>
      String((whole === undefined ? 0 : Number(whole)) + (VULGAR[frac] ?? NaN)),
    );
  }
  const af = ASCII_FRACTION_RE.exec(s);
  if (af !== null) {
    const den = Number(af[3]);
    if (den === 0) return fail('invalid', `"${af[0].trim()}" divides by zero`);
    // "3/3", "5/4" alone: a count done of a total (checklist items, sessions attended), not a fraction of an hour.
    if (af[1] === undefined && Number(af[2]) >= den) return fail('invalid', `"${af[0].trim()}" reads as a count (${af[2]} of ${af[3]}), not a fraction of an hour`);
    const v = (af[1] === undefined ? 0 : Number(af[1])) + Number(af[2]) / den;
    s = String(v) + s.slice(af[0].length);
  }
  // (as written, for the forms of several terms or in words: duration-terms.ts)
  const spoken = s;
  // number words: `an hour`, `half day`, `half-day`, `two hours`, `full day`
  const wn = WORD_NUMBER_RE.exec(s);
  if (wn !== null) {
    const v = WORD_NUMBERS.get(wn[1] ?? '');
    if (v !== undefined) s = String(v) + ' ' + s.slice(wn[0].length);
  }
  if (s === '') return fail('invalid', 'no number of hours');

  // `2-3`, `2–3 hours`, `2 to 3`: a range (docs/domain/CPD.md §6: flag it)
  const rg = RANGE_RE.exec(s);
  if (rg !== null) {
    const u = unitOf(rg[3]);
    if (u !== null) {
      const a = rg[1] ?? '';
      const b = rg[2] ?? '';
      return fail('range', `a range (${a}–${b}${u === undefined ? '' : ' ' + u}), not one value: the hours spent must be recorded as one number`);
    }
  }

  // `1:30`, `01:30:00`
  const ck = CLOCK_RE.exec(s);
  if (ck !== null) {
    const h = Number(ck[1]);
    const m = Number(ck[2]);
    const sec = ck[3] === undefined ? 0 : Number(ck[3]);
    if (m > 59 || sec > 59) return fail('invalid', `"${s}" is not a time (minutes and seconds must be below 60)`);
    if (ck[3] === undefined && opts.clock === 'm:ss') {
      notes.push(`${s} read as ${h} min ${m} s (minutes:seconds, as the column's other lengths show)`);
      return build(round4(h / 60 + m / 3600), 'hours', opts, approximate, notes);
    }
    return build(h + m / 60 + sec / 3600, 'hours', opts, approximate, notes);
  }

  // `1h30`, `1h 30m`, `1 hr 30 mins`, `1 hour and 30 minutes`
  const cp = COMPOUND_RE.exec(s);
  if (cp !== null) {
    const m = Number(cp[2]);
    if (m > 59) return fail('invalid', `${m} minutes after whole hours: write ${Number(cp[1]) + Math.floor(m / 60)} h ${m % 60} min`);
    return build(Number(cp[1]) + m / 60, 'hours', opts, approximate, notes);
  }
  // `1h 30m 15s`, `2 min 30 s`, `1 hour, 30 minutes and 15 seconds`
  const hms = HMS_RE.exec(s);
  if (hms !== null && (hms[1] !== undefined ? 1 : 0) + (hms[2] !== undefined ? 1 : 0) + (hms[3] !== undefined ? 1 : 0) >= 2) {
    const h = hms[1] === undefined ? 0 : Number(hms[1]);
    const m = hms[2] === undefined ? 0 : Number(hms[2]);
    const sec = hms[3] === undefined ? 0 : Number(hms[3]);
    if ((hms[1] !== undefined && m > 59) || sec > 59) return fail('invalid', `"${s}": minutes and seconds after a larger unit must be below 60`);
    return build(h + m / 60 + sec / 3600, 'hours', opts, approximate, notes);
  }

  // `2 x 45 min`, `3 × 1 h`: several equal sessions
  const times = TIMES_RE.exec(s);
  if (times !== null) {
    const n = Number(times[1]);
    const each = parseHours(times[2]!, opts);
    if (each.ok && Number.isInteger(n) && n > 0 && n <= 50) {
      const r = build(n * each.hours, 'hours', { ...opts, unit: 'hours' }, approximate || each.approximate === true, notes);
      if (r.ok) return { ...r, note: `${n} × ${times[2]!.trim()} = ${round4(n * each.hours)} h`, ...(each.converted ? { converted: each.converted } : {}) };
    }
  }

  // a number with an optional unit
  const nu = NUMBER_UNIT_RE.exec(s);
  if (nu !== null) {
    const numText = nu[1] ?? '';
    const value = toNumber(numText);
    if (Number.isNaN(value)) {
      return fail('invalid', `"${numText}" could be ${numText.replace(',', '.')} or ${numText.replace(',', '')} (decimal comma or thousands separator?)`);
    }
    const u = unitOf(nu[2]);
    if (u === null) return termsOf(spoken, opts, approximate, notes) ?? fail('invalid', `"${(nu[2] ?? '').trim()}" is not a unit of time or CPD (hours, minutes, seconds, days, points, credits, units, CPE, CEUs, PDUs)`);
    if ((u === undefined && opts.unit === undefined) || u === 'hours') clockLike(numText, notes);
    return build(value, u, opts, approximate, notes);
  }

  const terms = termsOf(spoken, opts, approximate, notes);
  if (terms !== undefined) return terms;
  if (!HAS_DIGIT_RE.test(s)) return fail('invalid', 'no number of hours in the text');
  return fail('invalid', 'not a number of hours in a form we read (such as 1.5, 1h30, 90 mins or 1 day)');
}

/**
 * A duration of several terms or in words (duration-terms.ts: `45 mins + 30 mins Q&A`, `20 min x 3`, `two and a half
 * hours`, `1 awr 15 munud`, `uair go leith`, `90'`): each term is read as a value of its own (its unit, or the
 * column's for a bare number), multiplied by its count and added. The note shows the sum and names the remark words
 * passed over; a term in days or points carries its conversion. Undefined when the text is no such duration.
 */
function termsOf(text: string, opts: HoursOptions, approximate: boolean, notes: readonly string[]): HoursOk | undefined {
  const read = readTerms(text, (w) => unitOf(w) !== null && unitOf(w) !== undefined);
  if (read === undefined) return undefined;
  let total = 0;
  let converted: HoursOk['converted'];
  const parts: string[] = [];
  for (const t of read.terms) {
    const value = t.count * t.qty;
    const one = parseHours(t.unit === undefined ? String(value) : `${value} ${t.unit}`, opts);
    if (!one.ok) return undefined;
    total += one.hours;
    converted ??= one.converted;
    parts.push(`${t.count === 1 ? '' : `${t.count} × `}${fmt(t.qty)}${t.unit === undefined ? '' : ` ${t.unit}`}`);
  }
  const hours = round4(total);
  const said = [...notes, `read as ${parts.join(' + ')} = ${fmt(hours)} h`];
  if (read.ignored.length > 0) said.push(`${read.ignored.map((w) => `"${w}"`).join(', ')} ignored`);
  const r: HoursOk = { ok: true, hours, note: said.join('; ') };
  if (converted !== undefined) r.converted = converted;
  if (approximate) r.approximate = true;
  return r;
}

/**
 * `21 (3 days)`, `1.5 (90 mins)`: one time given twice, in two units. The value that needs no conversion is used (the
 * one before the brackets when both or neither do), and a note names the other. `undefined` when either is no time.
 */
function restatedIn(head: string, inner: string, opts: HoursOptions): HoursOk | undefined {
  if (head === '') return undefined;
  const a = parseHours(head, opts);
  const innerOpts: HoursOptions = { ...opts };
  delete innerOpts.unit;
  const b = parseHours(inner, innerOpts);
  // "an evening (3 hrs)", "1 morning (3 hrs)": a part of the day restated in hours — the hours in brackets are used
  // (a short head only, not ending in a number: "Module 2 (3 hours)" or a course title with its length is no such cell)
  if (!a.ok && b.ok && a.kind === 'invalid' && /^\S+(?:\s+\S+)?$/.test(head) && !/\d$/.test(head)) return { ...b, note: `${b.note === undefined ? '' : `${b.note}; `}"${head}" is no number of hours; the hours in brackets are used` };
  if (!a.ok || !b.ok) return undefined;
  const useInner = a.converted !== undefined && b.converted === undefined;
  const pick = useInner ? b : a;
  const note = useInner ? `"${head}" not used: the value in brackets needs no conversion` : `"(${inner})" not used: the value before it is`;
  return { ...pick, note: pick.note === undefined ? note : `${pick.note}; ${note}` };
}

/** Adds what the caller read around a value (approximation markers, notes) to a result. */
function withMarks(r: HoursOk, approximate: boolean, notes: readonly string[]): HoursOk {
  const out: HoursOk = { ...r };
  if (approximate) out.approximate = true;
  if (notes.length !== 0) out.note = out.note === undefined ? notes.join('; ') : `${notes.join('; ')}; ${out.note}`;
  return out;
}

/**
 * An ISO 8601 duration (`pt1h30m`, lower-cased) → hours. Hours, minutes and seconds are time; days and weeks are
 * elapsed time (24 h and 168 h) and converted with a rule that says so (not learning days of `hoursPerDay`); years
 * and months have no fixed length and fail.
 */
function isoDuration(s: string, opts: HoursOptions): HoursOk | HoursFail {
  const m = ISO_DURATION_RE.exec(s)!;
  const num = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]!.replace(',', '.')));
  const shown = s.toUpperCase();
  if (m[1] !== undefined || m[2] !== undefined) {
    return fail('invalid', `${shown} is an ISO 8601 duration in years or months, which have no fixed number of hours`);
  }
  if (m.slice(3, 8).every((g) => g === undefined)) return fail('invalid', `${shown} is an ISO 8601 duration with no value`);
  const days = num(3) * 7 + num(4);
  const hours = round4(days * 24 + num(5) + num(6) / 60 + num(7) / 3600);
  const r: HoursOk = { ok: true, hours };
  if (days !== 0) {
    r.converted = { from: 'days', rule: 'an ISO 8601 duration: 1 day = 24 h of elapsed time (not a learning day)' };
  }
  if (opts.unit !== undefined && opts.unit !== 'hours') r.note = `the cell's unit (an ISO 8601 duration) used, not the column's (${opts.unit})`;
  return r;
}

/** Two-decimal endings that look like clock minutes (`1.30` = 1 h 30 min?) rather than decimals. */
const CLOCK_LIKE = new Set<string>(['10', '15', '20', '30', '40', '45']);
const CLOCK_LIKE_RE = /^(\d+)\.(\d\d)$/;

/** `1.30`: read as 1.3 h, but notes the clock reading (1 h 30 min = 1.5 h) for the reviewer. */
function clockLike(numText: string, notes: string[]): void {
  const m = CLOCK_LIKE_RE.exec(numText);
  if (m === null || !CLOCK_LIKE.has(m[2] ?? '')) return;
  const whole = Number(m[1]);
  const min = Number(m[2]);
  notes.push(`${numText} read as ${Number(numText)} h; if it meant ${whole} h ${min} min it would be ${fmt(whole + min / 60)} h`);
}

/**
 * An Excel time/duration cell (a time number format such as `h:mm`, `[h]:mm`, `hh:mm:ss`; docs/domain/CPD.md §6: `1:30` is
 * stored as 0.0625 day) → decimal hours: `days` × 24, rounded to the second and then to 4 decimal places
 * (0.0625 → 1.5; 1/72 → 0.3333). Non-finite input returns NaN (the caller should treat it as invalid).
 */
export function excelDurationToHours(days: number): number {
  if (!Number.isFinite(days)) return NaN;
  const seconds = Math.round(days * 86_400);
  return round4(seconds / 3600);
}

// ---------------------------------------------------------------------------------------------------------------
// Excel number formats

/** Tokens of a number format relevant to dates and times, in order: `h`, `s`, `m`, `M` (elapsed minutes), `d`, `y`. */
function formatTokens(numFmt: string): string {
  let out = '';
  const f = numFmt;
  const n = f.length;
  let i = 0;
  while (i < n) {
    const c = f[i] ?? '';
    if (c === '"') {
      const end = f.indexOf('"', i + 1);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '\\' || c === '_' || c === '*') {
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = f.indexOf(']', i + 1);
      const inner = (end === -1 ? f.slice(i + 1) : f.slice(i + 1, end)).toLowerCase();
      if (/^h+$/.test(inner)) out += 'h';
      else if (/^m+$/.test(inner)) out += 'M';
      else if (/^s+$/.test(inner)) out += 's';
      i = end === -1 ? n : end + 1;
      continue;
    }
    const lc = c.toLowerCase();
    if (lc === 'a' && /^(am\/pm|a\/p)/i.test(f.slice(i))) {
      i += /^am\/pm/i.test(f.slice(i)) ? 5 : 3;
      out += 'h';
      continue;
    }
    if (lc === 'g' && /^general/i.test(f.slice(i))) {
      i += 7;
      continue;
    }
    if (lc === 'h' || lc === 's' || lc === 'd' || lc === 'y' || lc === 'm') {
      if (out.charAt(out.length - 1) !== lc) out += lc;
      while (i < n && (f[i] ?? '').toLowerCase() === lc) i++;
      continue;
    }
    if (lc === 'e' && /^e[+-]/i.test(f.slice(i))) {
      i += 2;
      continue;
    }
    i++;
  }
  return out;
}

/** Classifies each `m` run as minutes (after `h` or before `s`) or month. */
function classify(numFmt: string): { time: boolean; date: boolean } {
  const t = formatTokens(numFmt);
  let time = false;
  let date = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === 'h' || c === 's' || c === 'M') time = true;
    else if (c === 'd' || c === 'y') date = true;
    else if (c === 'm') {
      if (t[i - 1] === 'h' || t[i + 1] === 's') time = true;
      else date = true;
    }
  }
  return { time, date };
}

/**
 * True when an Excel number format is a time or duration format (docs/domain/CPD.md §6: `h:mm`, `[h]:mm`, `hh:mm:ss`,
 * `mm:ss`, `h:mm AM/PM`): it has hour, second or minute tokens (an `m` after `h` or before `s`, or `[m]`) and no
 * day, month or year token. Quoted text, `\`-escaped characters, `_x` / `*x` and bracketed sections such as
 * `[Red]` or `[$-409]` are ignored; `[h]`, `[m]`, `[s]` (elapsed time) count.
 */
export function isTimeFormat(numFmt: string): boolean {
  const c = classify(numFmt);
  return c.time && !c.date;
}

/**
 * True when an Excel number format is a date format (docs/domain/CPD.md §7): it has a day, month or year token outside quotes
 * and brackets (`dd/mm/yyyy`, `d-mmm-yy`, `mmm-yy`, `dd/mm/yyyy hh:mm`). `General`, `0.00`, `@`, `#,##0`,
 * `0 "days"` and time-only formats are not.
 */
export function isDateFormat(numFmt: string): boolean {
  return classify(numFmt).date;
}

// ---------------------------------------------------------------------------------------------------------------
// Column headings

/** Words of a heading that name a unit (after camelCase and snake_case are split and plural "(s)" joined). */
const HEADING_UNIT_WORDS = new Map<string, HoursUnit>([
  ['h', 'hours'], ['hr', 'hours'], ['hrs', 'hours'], ['hour', 'hours'], ['hours', 'hours'],
  ['m', 'minutes'], ['min', 'minutes'], ['mins', 'minutes'], ['minute', 'minutes'], ['minutes', 'minutes'],
  ['s', 'seconds'], ['sec', 'seconds'], ['secs', 'seconds'], ['second', 'seconds'], ['seconds', 'seconds'],
  ['day', 'days'], ['days', 'days'],
  ['pt', 'points'], ['pts', 'points'], ['point', 'points'], ['points', 'points'],
  ['credit', 'credits'], ['credits', 'credits'],
  ['unit', 'units'], ['units', 'units'],
  ['cpe', 'cpe'],
  ['ceu', 'ceus'], ['ceus', 'ceus'],
  ['pdu', 'pdus'], ['pdus', 'pdus'],
  ['durée', 'hours'], ['duree', 'hours'], ['dauer', 'hours'], ['duración', 'hours'], ['duracion', 'hours'], ['hyd', 'hours'],
  ...OTHER_LANGUAGE_UNITS,
]);

/** CPD point units: one hour each by the UK and Irish convention, so a heading naming two of them names one rate. */
const POINT_UNITS: ReadonlySet<HoursUnit> = new Set<HoursUnit>(['points', 'credits', 'units']);
/** A clock format in a heading: `(hh:mm)`, `(h:mm:ss)`, `(mm:ss)`. */
const HEADING_CLOCK_RE = /\b(?:h{1,2}\s*[:.]\s*m{2}|m{1,2}\s*:\s*s{2})\b/i;

/** A rate stated in a heading: "1 credit = 50 min", "(1 day = 7.5 hours)", "2 units = 1 h". */
const HEADING_RATE_RE = /(\d+(?:[.,]\d+)?)\s*((?:[a-z]+\s+)?[a-z]+?)s?\s*(?:=|equals)\s*(\d+(?:[.,]\d+)?)\s*(minutes?|mins?|hours?|hrs?|h)\b/i;

/**
 * The conversion rate a heading states (`CPE credits (1 credit = 50 min)`, `Days (1 day = 7.5 hours)`), in decimal
 * hours per one of its unit — the source saying how its unit counts, which wins over the settings (issue 9 scope 5).
 * Only rates for CPD point units (points, credits, units, CPE, CEUs, PDUs) and days; `undefined` when the heading
 * states none.
 */
export function rateFromHeading(heading: string): StatedRate | undefined {
  if (heading.indexOf('=') === -1 && !/\bequals\b/i.test(heading)) return undefined;
  const m = HEADING_RATE_RE.exec(heading);
  if (m === null) return undefined;
  const words = m[2]!.toLowerCase().split(/\s+/);
  const last = words[words.length - 1]!;
  let unit = HEADING_UNIT_WORDS.get(last) ?? HEADING_UNIT_WORDS.get(`${last}s`);
  if (words.includes('cpe')) unit = 'cpe';
  if (unit === undefined || isTime(unit)) return undefined;
  const per = Number(m[1]!.replace(',', '.'));
  const amount = Number(m[3]!.replace(',', '.'));
  if (!(per > 0) || !(amount > 0)) return undefined;
  const inMinutes = /^m/i.test(m[4]!);
  return { unit, hours: (inMinutes ? amount / 60 : amount) / per, text: m[0]!.replace(/\s+/g, ' ') };
}

/**
 * The words of a heading, lower case: camelCase and PascalCase split (`videoLengthSecs` → video length secs,
 * `CPDHours` → cpd hours, but `CEUs` stays one word), snake_case, kebab-case and punctuation split, possessive "'s"
 * dropped, a plural "(s)" joined to its word (`Day(s)` → days; a detached `(s)` is seconds: `Duration (s)`).
 */
function headingWords(heading: string): string[] {
  const t = heading
    .replace(/['’]s\b/g, '')
    .replace(/([A-Za-z])\(s\)/g, '$1s')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2')
    .toLowerCase();
  return t.split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/**
 * The unit implied by an hours column heading (docs/domain/CPD.md §5–§6; issue 9 scope 5), read from its words in any
 * case style: `Days` → days; `Minutes`, `Duration (mins)`, `duration_minutes`, `durationMins`, `Length (min)` →
 * minutes; `time_spent_seconds`, `videoLengthSecs`, `Duration (s)` → seconds; `Points`, `CPD points` → points;
 * `Credits` → credits; `Units` → units; `CPE`, `CPE credits` → cpe (US CPE); `CEUs` → ceus; `PDUs` → pdus; a heading
 * naming two CPD point units (`Points or credits`) → the first, as they share a rate. A rate the heading states
 * (`CPE credits (1 credit = 50 min)`, see {@link rateFromHeading}) does not count as more units.
 * A heading naming hours (`Hours (h)`, `Hrs`, `Credit hours`), a clock format (`Time spent (hh:mm:ss)`), two
 * different units (`Days/Hours`), or none (`Duration`, `CPD Value`) → undefined: the cells carry their own unit or
 * are hours.
 */
export function unitFromHeading(heading: string): HoursUnit | undefined {
  if (HEADING_CLOCK_RE.test(heading)) return undefined;
  let found: HoursUnit | undefined;
  let cpe = false;
  // the units of a stated rate ("(1 credit = 50 min)") explain the column's unit; they are not more of them
  const rate = rateFromHeading(heading);
  const words = headingWords(rate === undefined ? heading : heading.replace(HEADING_RATE_RE, ' '));
  if (rate !== undefined && !words.some((w) => HEADING_UNIT_WORDS.has(w))) return rate.unit;
  for (const w of words) {
    const unit = HEADING_UNIT_WORDS.get(w);
    if (unit === undefined) continue;
    if (unit === 'hours') return undefined;
    if (unit === 'cpe') cpe = true;
    if (found === undefined || found === unit) found = unit;
    else if (POINT_UNITS.has(found) && POINT_UNITS.has(unit)) continue;
    else if (!(cpe && (found === 'cpe' || found === 'credits') && (unit === 'cpe' || unit === 'credits'))) return undefined;
  }
  return cpe && (found === 'credits' || found === 'cpe') ? 'cpe' : found;
}
