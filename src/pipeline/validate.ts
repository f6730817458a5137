/**
 * Validate stage: per-record rules and duplicates across one import. Every finding is a gap on the record;
 * nothing is merged, dropped or thrown.
 *
 * Sources: the IET standard record entry (docs/domain/CPD.md §1: name and type, start and end dates, target date if
 * applicable, hours, description, reflection); dates rules (docs/domain/CPD.md §7: a target date may be in the future, a
 * completed activity's dates may not); activities over two calendar years (docs/domain/CPD.md §2, our choice: counted in the
 * end-date year and flagged).
 */
import { gap, TWAVES_NAMES, type CpdRecord, type Gap } from '../domain/index.js';
import { addGap, humanDate } from './build.js';
import { inferTwaves } from './normalise/category.js';
import { firstDay, lastDay } from './normalise/dates.js';
import { nameSaysNotDone } from './normalise/status.js';

/** Options for validation. `today` is an ISO date; completed activities after it are flagged. */
export interface ValidateOptions {
  today: string;
}

function hasGap(rec: CpdRecord, field: string): boolean {
  for (const g of rec.gaps) if (g.field === field) return true;
  return false;
}

/** Days spanned by a start and end date, inclusive (`2024-03-05`..`2024-03-09` → 5); null unless both are full dates. */
export function daysSpanned(start: string, end: string): number | null {
  if (start.length !== 10 || end.length !== 10) return null;
  const a = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)));
  const b = Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - 1, Number(end.slice(8, 10)));
  return Math.round((b - a) / 86_400_000) + 1;
}


/** True when two ISO dates (of any precision) are in the same year (their first four characters agree). */
function sameYear(a: string, b: string): boolean {
  return a.length >= 4 && b.length >= 4 ? a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3) : a.slice(0, 4) === b.slice(0, 4);
}


/** Gaps with fixed wording are shared (frozen) between records: a 100,000-row log would otherwise allocate each. */
const fixed = (field: string, code: Gap['code'], severity: Gap['severity'], message: string): Gap => Object.freeze(gap(field, code, severity, message));
const END_IS_START = fixed('endDate', 'inferred', 'info', 'no end date given; taken as the start date (a one-day activity)');
const END_IS_START_MONTH = fixed('endDate', 'inferred', 'info', 'no end date given; taken as the start date (within that month)');
const END_IS_START_YEAR = fixed('endDate', 'inferred', 'info', 'no end date given; taken as the start date (within that year)');
const START_IS_END = fixed('startDate', 'inferred', 'info', 'no start date given; taken as the end date (a one-day activity)');
const ONLY_COMPLETION_DATE = fixed('startDate', 'missing', 'info', 'no start date: the log gives only the date each activity was completed (its end date)');
const ONE_DATE_LOG = fixed('endDate', 'inferred', 'info', 'the log gives one date per activity; the end date is taken as the start date');
const PLANNED_START_AS_TARGET = fixed('targetDate', 'inferred', 'info', 'no target date; the planned start date is taken as the target date');
const NO_TWAVES = fixed('twaves', 'missing', 'warning', 'TWAVES category not stated and could not be inferred from the activity type or name');
const MISSING = {
  activityName: fixed('activityName', 'missing', 'error', 'no activity name'),
  activityType: fixed('activityType', 'missing', 'warning', 'no activity type (e.g. course, webinar, conference, reading)'),
  targetDate: fixed('targetDate', 'missing', 'error', 'a planned activity needs a target date'),
  plannedHours: fixed('hours', 'missing', 'warning', 'no planned CPD hours'),
  startDate: fixed('startDate', 'missing', 'error', 'no start date'),
  endDate: fixed('endDate', 'missing', 'error', 'no end date for a completed activity'),
  hours: fixed('hours', 'missing', 'error', 'no CPD hours'),
  reflection: fixed('reflection', 'missing', 'warning', 'no reflection (what was learnt and how it will be applied)'),
  description: fixed('description', 'missing', 'warning', 'no description'),
  descriptionWithReflection: fixed('description', 'missing', 'info', 'no description (the reflection says what was done)'),
  activityTypeWithTwaves: fixed('activityType', 'missing', 'info', 'no activity type (the TWAVES category is given)'),
} as const;

/**
 * Adds a gap unless the record already has the same one (same field, code and message): validation may run again
 * on a corrected record without doubling its gaps.
 */
function addOnce(rec: CpdRecord, g: Gap): void {
  for (const o of rec.gaps) if (o.field === g.field && o.code === g.code && o.message === g.message) return;
  addGap(rec, g);
}

function missing(rec: CpdRecord, g: Gap): void {
  if (!hasGap(rec, g.field!)) addGap(rec, g);
}

/**
 * Settles status and fills what can safely be inferred, then checks one record:
 * - status: `planned` when stated, from a plan table, or a target date with no end date (or a future one);
 * - end date of a one-date log: taken as the start date (`inferred`, info); a log that gives only when each activity
 *   was completed (`hasStartColumn` false: an LMS's `completed_at`) has no start date, a note (info), not an error;
 * - TWAVES: inferred from activity type or name when not stated (`inferred`, info);
 * - missing fields (the IET standard entry), end before start, hours ≤ 0 or > 24 a day, completed in the future,
 *   an activity spanning two calendar years.
 * Running it again on the same record adds no gap twice.
 */
export function validateRecord(rec: CpdRecord, opts: ValidateOptions, hasEndColumn: boolean, hasStartColumn = true): void {
  // Status
  if (rec.status === 'completed' && rec.raw.status === undefined && rec.targetDate !== null) {
    if (rec.endDate === null || firstDay(rec.endDate) > opts.today) rec.status = 'planned';
  }
  // A target written as "TBC" (or another placeholder) with no dates done: a planned activity whose target is not
  // set yet, not a completed one missing both dates (service trial 3).
  if (rec.status === 'completed' && rec.raw.status === undefined && rec.targetDate === null && rec.startDate === null && rec.endDate === null && (rec.raw.targetDate ?? '').trim() !== '') {
    rec.status = 'planned';
  }
  // "Conflicts of interest course (booked)" dated after today: a booked activity, not a completed one in the future.
  if (rec.status === 'completed' && rec.raw.status === undefined && rec.activityName !== null && nameSaysNotDone(rec.activityName)) {
    const when = rec.endDate ?? rec.startDate;
    if (when !== null && firstDay(when) > opts.today) {
      rec.status = 'planned';
      addOnce(rec, gap('status', 'inferred', 'info', `dated ${humanDate(when)}, after today, and the name says it has not happened yet: read as planned`));
    }
  }
  const planned = rec.status === 'planned';
  // A planned activity with a (future) start date but no target date: the start date is its target.
  // A period in one cell ("Q1 2027", "Spring 2027") is due by its end: the end of the period is the target.
  if (planned && rec.targetDate === null && rec.startDate !== null && !hasGap(rec, 'targetDate')) {
    const period = rec.endDate !== null && rec.raw.startDate !== undefined && rec.raw.endDate === rec.raw.startDate;
    if (period) {
      rec.targetDate = rec.endDate;
      addOnce(rec, gap('targetDate', 'inferred', 'info', `no target date; the planned period "${rec.raw.startDate}" is due by its end, ${humanDate(rec.endDate!)}, taken as the target date`, rec.raw.startDate));
    } else {
      rec.targetDate = rec.startDate;
      addOnce(rec, PLANNED_START_AS_TARGET);
    }
  }
  if (planned && rec.targetDate !== null && lastDay(rec.targetDate) < opts.today && rec.endDate === null) {
    addOnce(rec, gap('targetDate', 'out_of_range', 'warning', `the target date ${humanDate(rec.targetDate)} has passed and the activity is still planned: if it was done, give its dates; if not, a new target date`));
  }

  // Stated done, with a due date and no end date (a Trello card ticked "Due Complete", a plan row marked Done): it
  // was done by its due date, the best date the file gives for when it ended.
  if (!planned && rec.raw.status !== undefined && rec.endDate === null && rec.targetDate !== null && lastDay(rec.targetDate) <= opts.today && (rec.startDate === null || rec.startDate <= rec.targetDate) && !hasGap(rec, 'endDate')) {
    rec.endDate = rec.targetDate;
    addOnce(rec, gap('endDate', 'inferred', 'info', `stated as done with no end date: its due date, ${humanDate(rec.targetDate)}, is taken as the end date`));
  }

  // One-date logs: the end date is the start date.
  if (!planned && rec.endDate === null && rec.startDate !== null && !hasGap(rec, 'endDate')) {
    rec.endDate = rec.startDate;
    // (A start of month or year precision is no "one-day activity": service trial 3.)
    addOnce(rec, !hasEndColumn ? ONE_DATE_LOG : rec.startDate.length === 7 ? END_IS_START_MONTH : rec.startDate.length === 4 ? END_IS_START_YEAR : END_IS_START);
  }

  // A log with a start column that leaves one row's start empty but gives its end (a task list's "Start Date" filled
  // only for longer tasks): the end date dates the activity, as a missing end is taken from the start above.
  if (!planned && hasStartColumn && rec.startDate === null && rec.endDate !== null && rec.endDate.length === 10 && !hasGap(rec, 'startDate')) {
    rec.startDate = rec.endDate;
    addOnce(rec, START_IS_END);
  }

  // TWAVES inference
  if (rec.twaves === null && !hasGap(rec, 'twaves')) {
    const inf = inferTwaves(rec.activityType, rec.activityName);
    if (inf) {
      rec.twaves = inf.twaves;
      addOnce(rec, gap('twaves', 'inferred', 'info', `TWAVES category not stated; inferred ${inf.twaves} (${TWAVES_NAMES[inf.twaves]}): ${inf.reason}`));
    } else {
      addOnce(rec, NO_TWAVES);
    }
  }

  // Missing fields
  if (rec.activityName === null) missing(rec, MISSING.activityName);
  // A stated TWAVES category already says what kind of activity it was; then a missing type is a note.
  if (rec.activityType === null) missing(rec, rec.twaves !== null && !hasGap(rec, 'twaves') ? MISSING.activityTypeWithTwaves : MISSING.activityType);
  if (planned) {
    if (rec.targetDate === null) missing(rec, MISSING.targetDate);
    if (rec.hours === null) missing(rec, MISSING.plannedHours);
  } else {
    // A log that gives only when each activity was completed (an LMS's completed_at, no start column at all): the end
    // date dates the activity, and the start is a note, not an error on every record (fresh-eyes finding).
    if (rec.startDate === null) missing(rec, !hasStartColumn && rec.endDate !== null ? ONLY_COMPLETION_DATE : MISSING.startDate);
    if (rec.endDate === null) missing(rec, MISSING.endDate);
    if (rec.hours === null) missing(rec, MISSING.hours);
    if (rec.reflection === null) missing(rec, MISSING.reflection);
  }
  // A reflection usually says what the activity was; a missing description then is a note, not a warning.
  if (rec.description === null) missing(rec, rec.reflection !== null ? MISSING.descriptionWithReflection : MISSING.description);

  // Dates
  if (rec.startDate !== null && rec.endDate !== null && lastDay(rec.endDate) < firstDay(rec.startDate)) {
    addOnce(rec, gap('endDate', 'out_of_range', 'error', `the end date ${humanDate(rec.endDate)} is before the start date ${humanDate(rec.startDate)}`, rec.raw.endDate));
  }
  if (!planned) {
    for (const f of ['startDate', 'endDate'] as const) {
      const v = rec[f];
      if (v !== null && firstDay(v) > opts.today) {
        addOnce(rec, 
          gap(f, 'out_of_range', 'error', `${humanDate(v)} is in the future, but the activity is recorded as completed (today is ${humanDate(opts.today)})`, rec.raw[f]),
        );
        break;
      }
    }
  }
  // (An end before the start is an error of its own, above; "runs from 2031 into 2030" would be nonsense.)
  if (rec.startDate !== null && rec.endDate !== null && !sameYear(rec.startDate, rec.endDate) && rec.startDate.slice(0, 4) < rec.endDate.slice(0, 4)) {
    addOnce(rec, gap('endDate', 'spans_years', 'info', `the activity runs from ${rec.startDate.slice(0, 4)} into ${rec.endDate.slice(0, 4)}; it counts in ${rec.endDate.slice(0, 4)}, the year of its end date`));
  }

  // Hours
  if (rec.hours !== null) {
    if (rec.hours <= 0) {
      addOnce(rec, gap('hours', 'out_of_range', 'error', `${rec.hours} hours: CPD hours must be more than 0`, rec.raw.hours));
    } else if (rec.hours > 24 && rec.startDate !== null && rec.endDate !== null) {
      // Reduced-precision dates bound the hours too: "May 2024" is at most 31 days (service trial 3: 5,000 h passed).
      const days = daysSpanned(firstDay(rec.startDate), lastDay(rec.endDate));
      // When the end date was only taken as the start (a log with one date), the activity's length is unknown: the
      // hours may say it ran over several days (a 60 h module dated by its start) or be a slip: asked, not called
      // "more than 24 hours a day".
      const endInferred = rec.gaps.some((g) => g.field === 'endDate' && g.code === 'inferred' && (g.message === ONE_DATE_LOG.message || g.message === END_IS_START.message));
      if (days !== null && days > 0 && rec.hours > 24 * days) {
        addOnce(rec, endInferred
          ? gap('hours', 'ambiguous', 'warning', `${rec.hours} hours dated by one day only: give the end date if it ran over several days, or check the hours`, rec.raw.hours)
          : gap('hours', 'out_of_range', 'warning', `${rec.hours} hours over ${days} day${days === 1 ? '' : 's'} is more than 24 hours a day`, rec.raw.hours),
        );
      }
    }
  }
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Token key for near duplicates: lower-case words without plural "s", stop words dropped, sorted. */
function nearKey(name: string): string {
  const words = name.toLowerCase().match(WORD_RE);
  if (words === null) return '';
  let n = 0;
  for (const w of words) {
    if (STOP.has(w)) continue;
    words[n++] = w.length > 3 && w.charCodeAt(w.length - 1) === 115 /* s */ ? w.slice(0, -1) : w;
  }
  words.length = n;
  if (n > 1) words.sort();
  return words.join(' ');
}

/**
 * A cheap stand-in for {@link nearKey}: the same words give the same number (an order-free sum of word hashes,
 * ASCII case folded, plural "s" and stop words dropped), computed without allocating. Different words may collide,
 * so records sharing a hash are compared by {@link nearKey} before being called duplicates.
 */
function nearHash(name: string): number {
  let sum = 0;
  let count = 0;
  let h = 0x811c9dc5;
  let prev = h;
  let len = 0;
  let lastS = false;
  // One step past the end, as a non-word character, closes the last word.
  for (let i = 0; i <= name.length; i++) {
    let c = i < name.length ? name.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = name[i]!.toLowerCase().charCodeAt(0);
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && /[\p{L}\p{N}]/u.test(name[i]!));
    if (word) {
      prev = h;
      h = Math.imul(h ^ c, 0x01000193);
      lastS = c === 115;
      len++;
      continue;
    }
    if (len === 0) continue;
    const wordHash = lastS && len > 3 ? prev : h;
    if (!STOP_HASHES.has(h)) {
      sum = (sum + Math.imul(wordHash ^ (wordHash >>> 15), 0x2c1b3c6d)) | 0;
      count++;
    }
    h = 0x811c9dc5;
    len = 0;
  }
  // A signed 32-bit result: a small integer for V8, so a Map keyed by it allocates no number per key.
  return sum ^ Math.imul(count, 0x9e3779b1);
}

const STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'at', 'by', 'with']);
const STOP_HASHES = new Set([...STOP].map((w) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h;
}));

function label(rec: CpdRecord): string {
  const s = rec.source;
  if (s.row !== undefined) return `${s.sheet !== undefined ? `sheet '${s.sheet}' ` : ''}row ${s.row}`;
  if (s.block !== undefined) return `"${s.block}"`;
  if (s.page !== undefined) return `page ${s.page}${s.line !== undefined ? ` line ${s.line}` : ''}`;
  return 'another record';
}

/** `YYYY-MM-DD` (or reduced) → a number for hashing; '' → 0. */
function dateNumber(iso: string): number {
  let n = 0;
  for (let i = 0; i < iso.length; i++) {
    const c = iso.charCodeAt(i);
    if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
  }
  return n | 0;
}

/**
 * True when `b` exactly repeats `a`: same name (case aside), type, dates, hours, description and reflection
 * (the exact-duplicate test of {@link flagDuplicates}).
 */
export function sameActivity(a: CpdRecord, b: CpdRecord): boolean {
  // Cheap comparisons first; the names are lower-cased only when they differ as written.
  return (
    a.startDate === b.startDate &&
    a.endDate === b.endDate &&
    a.targetDate === b.targetDate &&
    a.hours === b.hours &&
    a.activityType === b.activityType &&
    a.description === b.description &&
    a.reflection === b.reflection &&
    (a.activityName === b.activityName || (a.activityName ?? '').toLowerCase() === (b.activityName ?? '').toLowerCase())
  );
}

/** True when the record carries a `duplicate` gap. */
export function isFlaggedDuplicate(rec: CpdRecord): boolean {
  for (const g of rec.gaps) if (g.code === 'duplicate') return true;
  return false;
}

function flagPair(a: CpdRecord, b: CpdRecord, message: (other: CpdRecord) => string): void {
  addGap(b, gap(null, 'duplicate', 'warning', message(a)));
  if (!isFlaggedDuplicate(a)) addGap(a, gap(null, 'duplicate', 'warning', message(b)));
}

/**
 * Flags exact and near duplicates on both records (never merged or dropped). Exact: same name (case aside), type,
 * dates, hours, description and reflection. Near: same start (or target) date and the same words in the name
 * (case, punctuation, plurals and word order aside), e.g. the same activity logged twice with different hours.
 * Records are bucketed by that near key, so the cost is linear in the number of records.
 * With `groupOf` (e.g. the import a record came from) only records of different groups are compared: duplicates
 * across a member's imports (a log uploaded again in a new version), the messages naming the other file.
 */
export function flagDuplicates(records: CpdRecord[], groupOf?: (r: CpdRecord) => string): void {
  // A bucket holds one record until a second arrives (most do), then a list: no array per record.
  // Keyed by a number mixing the date and the name's word hash; a shared key is checked for the same date below.
  const buckets = new Map<number, CpdRecord | CpdRecord[]>();
  for (const rec of records) {
    if (rec.activityName === null && rec.startDate === null) continue;
    const date = rec.startDate ?? rec.targetDate ?? '';
    const key = Math.imul(dateNumber(date), 0x9e3779b1) ^ (rec.activityName === null ? 0x5bd1e995 : nearHash(rec.activityName));
    const found = buckets.get(key);
    if (found === undefined) {
      buckets.set(key, rec);
      continue;
    }
    let list: CpdRecord[];
    if (Array.isArray(found)) list = found;
    else {
      list = [found];
      buckets.set(key, list);
    }
    list.push(rec);
    const group = groupOf?.(rec);
    // Candidates: the earlier records of the bucket with the same date, both named or both unnamed, of another group.
    const isCandidate = (o: CpdRecord): boolean =>
      o !== rec && (o.startDate ?? o.targetDate ?? '') === date && (o.activityName === null) === (rec.activityName === null) && (groupOf === undefined || groupOf(o) !== group);
    let twin: CpdRecord | undefined;
    let any = false;
    for (const o of list) {
      if (!isCandidate(o)) continue;
      any = true;
      if (sameActivity(o, rec)) {
        twin = o;
        break;
      }
    }
    if (!any) continue;
    const where = (o: CpdRecord): string => (groupOf === undefined ? label(o) : `${label(o)} of ${o.source.file} (another import)`);
    if (twin) {
      flagPair(twin, rec, (o) => `exact duplicate of ${where(o)}`);
      continue;
    }
    if (rec.activityName === null || date === '') continue;
    const mine = nearKey(rec.activityName);
    const other = list.find((o) => isCandidate(o) && o.activityName !== null && nearKey(o.activityName) === mine);
    if (other) {
      const diffs: string[] = [];
      if (other.activityName !== rec.activityName) diffs.push('the name is written differently');
      if (other.hours !== rec.hours) diffs.push(`hours differ (${other.hours ?? 'none'} vs ${rec.hours ?? 'none'})`);
      if (other.endDate !== rec.endDate) diffs.push('end dates differ');
      if (other.description !== rec.description || other.reflection !== rec.reflection) diffs.push('texts differ');
      const why = diffs.length > 0 ? `: ${diffs.join(', ')}` : '';
      flagPair(other, rec, (o) => `possible duplicate of ${where(o)} (same date and activity${why})`);
    }
  }
}
