/**
 * Time zones for date-times that carry one (`2024-06-30T23:30:00Z`, `2023-11-02 23:40 UTC`): the calendar date of an
 * instant in the body's time zone (Europe/London by default; issue 9 scope 5), computed with `Intl.DateTimeFormat`
 * and an explicit `timeZone`, so the server's own `TZ` never shifts a date.
 *
 * Pure functions (the formatters are cached per zone); no I/O.
 */

/** The time zone of the body whose records are imported (the IET: the United Kingdom). A setting: `timeZone`. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving year, month, day, hour, minute and the zone's short name (`BST`, `GMT-5`) in `tz`. */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    FORMATTERS.set(tz, f);
  }
  return f;
}

/**
 * The canonical IANA name of a time zone (`europe/london` → `Europe/London`, `UTC` → `UTC`), or `undefined` when the
 * name is not a zone this Node.js (its ICU data) knows. Offsets such as `+01:00` are not zone names.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const n = name.trim();
  if (n === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: n }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** True when `name` is an IANA time zone name (see {@link canonicalTimeZone}). */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/**
 * Wall-clock reading of an instant in a zone.
 * - `date`: ISO 8601 `YYYY-MM-DD` in that zone; `time`: `HH:MM` (24-hour); `zoneName`: the zone's short name at that
 *   instant as ICU gives it in British English (`BST`, `GMT`, `GMT-5`).
 */
export interface LocalTime {
  date: string;
  time: string;
  zoneName: string;
}

/**
 * The date and time in `tz` of the instant `utcMs` (milliseconds since 1970-01-01T00:00:00Z).
 * @throws RangeError when `tz` is not a time zone (check it with {@link isTimeZone} first)
 */
export function localTime(utcMs: number, tz: string): LocalTime {
  let y = '';
  let m = '';
  let d = '';
  let hh = '';
  let mm = '';
  let zoneName = '';
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
    else if (p.type === 'hour') hh = p.value;
    else if (p.type === 'minute') mm = p.value;
    else if (p.type === 'timeZoneName') zoneName = p.value;
  }
  return { date: `${y}-${m}-${d}`, time: `${hh}:${mm}`, zoneName };
}

/** Today's date (`YYYY-MM-DD`) in `tz` at the instant `nowMs` (default: now). */
export function todayIn(tz: string, nowMs: number = Date.now()): string {
  return localTime(nowMs, tz).date;
}
