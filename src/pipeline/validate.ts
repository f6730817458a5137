/**
 * Validate stage: per-record rules and duplicates across one import. Every finding is a gap on the record;
 * nothing is merged, dropped or thrown.
 *
 * Sources: the IET standard record entry (CPD.md §1: name and type, start and end dates, target date if
 * applicable, hours, description, reflection); dates rules (CPD.md §7: a target date may be in the future, a
 * completed activity's dates may not); activities over two calendar years (CPD.md §2, our choice: counted in the
 * end-date year and flagged).
 */
import { gap, TWAVES_NAMES, type CpdRecord } from '../domain/index.js';
import { humanDate } from './build.js';
import { inferTwaves } from './normalise/category.js';

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

/** The last day covered by an ISO date of any precision: `2024-02` → `2024-02-29`, `2024` → `2024-12-31`. */
function lastDay(iso: string): string {
  if (iso.length === 10) return iso;
  if (iso.length === 7) {
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${iso}-${String(d).padStart(2, '0')}`;
  }
  return `${iso}-12-31`;
}

/** The first day covered by an ISO date of any precision. */
function firstDay(iso: string): string {
  return iso.length === 10 ? iso : iso.length === 7 ? `${iso}-01` : `${iso}-01-01`;
}

/**
 * Settles status and fills what can safely be inferred, then checks one record:
 * - status: `planned` when stated, from a plan table, or a target date with no end date (or a future one);
 * - end date of a one-date log: taken as the start date (`inferred`, info);
 * - TWAVES: inferred from activity type or name when not stated (`inferred`, info);
 * - missing fields (the IET standard entry), end before start, hours ≤ 0 or > 24 a day, completed in the future,
 *   an activity spanning two calendar years.
 */
export function validateRecord(rec: CpdRecord, opts: ValidateOptions, hasEndColumn: boolean): void {
  // Status
  if (rec.status === 'completed' && rec.raw.status === undefined && rec.targetDate !== null) {
    if (rec.endDate === null || firstDay(rec.endDate) > opts.today) rec.status = 'planned';
  }
  const planned = rec.status === 'planned';

  // One-date logs: the end date is the start date.
  if (!planned && rec.endDate === null && rec.startDate !== null && !hasGap(rec, 'endDate')) {
    rec.endDate = rec.startDate;
    rec.gaps.push(
      gap('endDate', 'inferred', 'info', hasEndColumn ? 'no end date given; taken as the start date (a one-day activity)' : 'the log gives one date per activity; the end date is taken as the start date'),
    );
  }

  // TWAVES inference
  if (rec.twaves === null && !hasGap(rec, 'twaves')) {
    const inf = inferTwaves(rec.activityType, rec.activityName);
    if (inf) {
      rec.twaves = inf.twaves;
      rec.gaps.push(gap('twaves', 'inferred', 'info', `TWAVES category not stated; inferred ${inf.twaves} (${TWAVES_NAMES[inf.twaves]}): ${inf.reason}`));
    } else {
      rec.gaps.push(gap('twaves', 'missing', 'warning', 'TWAVES category not stated and could not be inferred from the activity type or name'));
    }
  }

  // Missing fields
  const missing = (field: string, severity: 'error' | 'warning', what: string): void => {
    if (!hasGap(rec, field)) rec.gaps.push(gap(field, 'missing', severity, what));
  };
  if (rec.activityName === null) missing('activityName', 'error', 'no activity name');
  if (rec.activityType === null) missing('activityType', 'warning', 'no activity type (e.g. course, webinar, conference, reading)');
  if (planned) {
    if (rec.targetDate === null) missing('targetDate', 'error', 'a planned activity needs a target date');
    if (rec.hours === null) missing('hours', 'warning', 'no planned CPD hours');
  } else {
    if (rec.startDate === null) missing('startDate', 'error', 'no start date');
    if (rec.endDate === null) missing('endDate', 'error', 'no end date for a completed activity');
    if (rec.hours === null) missing('hours', 'error', 'no CPD hours');
    if (rec.reflection === null) missing('reflection', 'warning', 'no reflection (what was learnt and how it will be applied)');
  }
  if (rec.description === null) missing('description', 'warning', 'no description');

  // Dates
  if (rec.startDate !== null && rec.endDate !== null && lastDay(rec.endDate) < firstDay(rec.startDate)) {
    rec.gaps.push(gap('endDate', 'out_of_range', 'error', `the end date ${humanDate(rec.endDate)} is before the start date ${humanDate(rec.startDate)}`, rec.raw.endDate));
  }
  if (!planned) {
    for (const f of ['startDate', 'endDate'] as const) {
      const v = rec[f];
      if (v !== null && firstDay(v) > opts.today) {
        rec.gaps.push(
          gap(f, 'out_of_range', 'error', `${humanDate(v)} is in the future, but the activity is recorded as completed (today is ${humanDate(opts.today)})`, rec.raw[f]),
        );
        break;
      }
    }
  }
  if (rec.startDate !== null && rec.endDate !== null && rec.startDate.slice(0, 4) !== rec.endDate.slice(0, 4)) {
    rec.gaps.push(gap('endDate', 'spans_years', 'info', `the activity runs from ${rec.startDate.slice(0, 4)} into ${rec.endDate.slice(0, 4)}; it counts in ${rec.endDate.slice(0, 4)}, the year of its end date`));
  }

  // Hours
  if (rec.hours !== null) {
    if (rec.hours <= 0) {
      rec.gaps.push(gap('hours', 'out_of_range', 'error', `${rec.hours} hours: CPD hours must be more than 0`, rec.raw.hours));
    } else if (rec.startDate !== null && rec.endDate !== null) {
      const days = daysSpanned(rec.startDate, rec.endDate);
      if (days !== null && days > 0 && rec.hours > 24 * days) {
        rec.gaps.push(
          gap('hours', 'out_of_range', 'warning', `${rec.hours} hours over ${days} day${days === 1 ? '' : 's'} is more than 24 hours a day`, rec.raw.hours),
        );
      }
    }
  }
}

function normName(name: string | null): string {
  return (name ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Token key for near duplicates: words without plural "s", stop words dropped, sorted. */
function nearKey(name: string | null): string {
  const words = normName(name)
    .split(' ')
    .filter((w) => w !== '' && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  words.sort();
  return words.join(' ');
}
const STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'at', 'by', 'with']);

function label(rec: CpdRecord): string {
  const s = rec.source;
  if (s.row !== undefined) return `${s.sheet !== undefined ? `sheet '${s.sheet}' ` : ''}row ${s.row}`;
  if (s.block !== undefined) return `"${s.block}"`;
  if (s.page !== undefined) return `page ${s.page}${s.line !== undefined ? ` line ${s.line}` : ''}`;
  return 'another record';
}

/**
 * Flags exact and near duplicates on both records (never merged or dropped). Exact: same name, type, dates,
 * hours, description and reflection. Near: same start date and the same words in the name (case, punctuation,
 * plurals and word order aside), or same name and date with different hours. Linear time (hash keys).
 */
export function flagDuplicates(records: CpdRecord[]): void {
  const exact = new Map<string, CpdRecord>();
  const near = new Map<string, CpdRecord>();
  for (const rec of records) {
    if (rec.activityName === null && rec.startDate === null) continue;
    const ek = JSON.stringify([normName(rec.activityName), rec.activityType, rec.startDate, rec.endDate, rec.targetDate, rec.hours, rec.description, rec.reflection]);
    const first = exact.get(ek);
    if (first) {
      rec.gaps.push(gap(null, 'duplicate', 'warning', `exact duplicate of ${label(first)}`));
      if (!first.gaps.some((g) => g.code === 'duplicate')) first.gaps.push(gap(null, 'duplicate', 'warning', `exact duplicate of ${label(rec)}`));
      continue;
    }
    exact.set(ek, rec);
    const date = rec.startDate ?? rec.targetDate;
    if (date === null || rec.activityName === null) continue;
    const nk = `${date}|${nearKey(rec.activityName)}`;
    const other = near.get(nk);
    if (other) {
      const diffs: string[] = [];
      if (other.activityName !== rec.activityName) diffs.push('the name is written differently');
      if (other.hours !== rec.hours) diffs.push(`hours differ (${other.hours ?? 'none'} vs ${rec.hours ?? 'none'})`);
      if (other.endDate !== rec.endDate) diffs.push('end dates differ');
      if (other.description !== rec.description || other.reflection !== rec.reflection) diffs.push('texts differ');
      const why = diffs.length > 0 ? `: ${diffs.join(', ')}` : '';
      rec.gaps.push(gap(null, 'duplicate', 'warning', `possible duplicate of ${label(other)} (same date and activity${why})`));
      if (!other.gaps.some((g) => g.code === 'duplicate')) {
        other.gaps.push(gap(null, 'duplicate', 'warning', `possible duplicate of ${label(rec)} (same date and activity${why})`));
      }
    } else near.set(nk, rec);
  }
}
