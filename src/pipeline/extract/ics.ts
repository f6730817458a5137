/**
 * Calendar files (iCalendar, RFC 5545: an `.ics` attachment, a `text/calendar` invitation in an e-mail) read by
 * ical.js 2.2 (Mozilla's parser, no dependencies; chosen over node-ical 0.27, which pulls a Temporal polyfill and an
 * rrule engine for recurrences we do not expand). Each VEVENT is an activity: one row of a table whose headings the
 * mapper knows — Activity (SUMMARY), Start date and End date (DTSTART, DTEND), Hours (the event's length), Description
 * (DESCRIPTION, with LOCATION as a last line `Where: …`).
 *
 * Times: a UTC time (`…Z`) is written as an ISO 8601 date-time with `Z`, so the normaliser dates it in the import's
 * time zone (default Europe/London: 23:30Z on 9 June is 10 June in summer); a time with a TZID defined in the file's
 * VTIMEZONE is converted to UTC through it; a floating time, or a TZID the file does not define, is a wall-clock time.
 * Hours: DTEND − DTSTART (or DURATION) in decimal hours, rounded to 0.01; an all-day event (DATE values) gives its
 * days (`2 days`), counted in hours by `hoursPerDay`, and its end date is the last day (DTEND is exclusive).
 * Cancelled events (STATUS:CANCELLED) are left out with a gap.
 */
import { gap, ImportError, libraryText } from '../../domain/index.js';
import type { Cell, Extraction, ExtractedRow } from '../types.js';

type IcalModule = typeof import('ical.js').default;
type Component = InstanceType<IcalModule['Component']>;
type Time = InstanceType<IcalModule['Time']>;

/** The headings of the table a calendar gives (known to the mapper: src/pipeline/map/). */
export const ICS_HEADINGS = ['Activity', 'Start date', 'End date', 'Hours', 'Description'] as const;

async function ical(): Promise<IcalModule> {
  return (await import('ical.js')).default;
}

/** The VCALENDAR components of a calendar file. @throws ImportError `corrupt` when ical.js cannot parse it */
async function calendars(bytes: Uint8Array): Promise<{ ICAL: IcalModule; cals: Component[] }> {
  const ICAL = await ical();
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  try {
    const parsed = ICAL.parse(text) as unknown[];
    const list = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[][];
    return { ICAL, cals: list.map((j) => new ICAL.Component(j)) };
  } catch (e) {
    throw new ImportError('corrupt', 'a damaged calendar file (.ics): its events cannot be read', libraryText(e));
  }
}

/**
 * A key naming a calendar's events (UID, RECURRENCE-ID and DTSTART of each VEVENT, sorted), so that the same
 * invitation sent twice in one e-mail (the `text/calendar` body alternative and an `.ics` attachment) is read once.
 * `null` when the bytes are no calendar that parses.
 */
export async function calendarKey(bytes: Uint8Array): Promise<string | null> {
  try {
    const { cals } = await calendars(bytes);
    const keys = cals.flatMap((c) =>
      c.getAllSubcomponents('vevent').map((v) => [v.getFirstPropertyValue('uid'), v.getFirstPropertyValue('recurrence-id'), v.getFirstPropertyValue('dtstart')].map((x) => String(x ?? '')).join('|')),
    );
    return keys.length === 0 ? null : keys.sort().join('\n');
  } catch {
    return null;
  }
}

/**
 * Reads a calendar file into one table, a row per event (see the module comment).
 * @throws ImportError `corrupt` when ical.js cannot parse it
 */
export async function extractIcs(bytes: Uint8Array, fileName: string): Promise<Extraction> {
  const { ICAL, cals } = await calendars(bytes);
  const rows: ExtractedRow[] = [{ index: 1, cells: [...ICS_HEADINGS] }];
  const gaps = [];
  const text: string[] = [];
  for (const cal of cals) {
    const zones = new Map<string, InstanceType<IcalModule['Timezone']>>();
    for (const vtz of cal.getAllSubcomponents('vtimezone')) {
      const tzid = vtz.getFirstPropertyValue('tzid');
      if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(vtz));
    }
    for (const vevent of cal.getAllSubcomponents('vevent')) {
      const ev = new ICAL.Event(vevent);
      const summary = ev.summary ?? '';
      if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
        gaps.push(gap(null, 'skipped', 'info', `the event "${summary}" is cancelled in the calendar, so it is no activity`));
        continue;
      }
      const start = ev.startDate as Time | null;
      const end = (ev.endDate as Time | null) ?? start;
      const tz = (prop: 'dtstart' | 'dtend'): string | null => {
        const p = vevent.getFirstProperty(prop);
        const v = p?.getParameter('tzid');
        return typeof v === 'string' ? v : null;
      };
      let hours: Cell = null;
      let endCell: Cell = null;
      if (start !== null && end !== null) {
        const seconds = end.subtractDate(start).toSeconds();
        if (start.isDate) {
          const days = Math.max(1, Math.round(seconds / 86400));
          hours = `${days} day${days === 1 ? '' : 's'}`;
          const last = end.clone();
          if (seconds > 0) last.adjust(-1, 0, 0, 0);
          endCell = when(last, null, zones);
        } else {
          hours = String(Math.round((seconds / 3600) * 100) / 100);
          endCell = when(end, tz(ev.endDate === null ? 'dtstart' : 'dtend'), zones);
        }
      }
      const where = ev.location === null || ev.location === '' ? [] : [`Where: ${ev.location}`];
      const lines = [...(ev.description === null || ev.description === '' ? [] : [ev.description]), ...where];
      const description = lines.length === 0 ? null : lines.join('\n');
      rows.push({ index: rows.length + 1, cells: [summary, start === null ? null : when(start, tz('dtstart'), zones), endCell, hours, description] });
      text.push([summary, description].filter((x) => x !== null && x !== '').join('\n'));
    }
  }
  if (rows.length === 1) gaps.push(gap(null, 'no_activities', 'warning', 'the calendar file holds no events (VEVENT)'));
  return { tables: [{ name: fileName, rows, a1Refs: false }], blocks: [], gaps, text: text.join('\n') };
}

/** An event time as the date parser reads it: a day, an ISO date-time in UTC, or a wall-clock date-time. */
function when(t: Time, tzid: string | null, zones: ReadonlyMap<string, { utcOffset(t: Time): number }>): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  if (t.isDate) return day;
  const zone = tzid === null ? undefined : zones.get(tzid);
  if (t.zone?.tzid === 'UTC' || zone !== undefined) {
    const offset = t.zone?.tzid === 'UTC' ? 0 : zone!.utcOffset(t);
    const utc = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - offset * 1000);
    return `${utc.toISOString().slice(0, 19)}Z`;
  }
  return `${day}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
