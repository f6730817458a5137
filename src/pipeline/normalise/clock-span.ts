/**
 * Hours from a start and an end time of day, for a log or a calendar export that gives the times of an activity
 * but no hours ("Start time" 12:30, "End time" 13:30 → 1 h; Outlook's Start Time / End Time).
 *
 * Shapes: times of day as written — `12:30`, `12:30:00`, `12.30`, `9:00 am`, `5.30pm` — read as minutes after
 * midnight; {@link spanHours} gives decimal hours, rounded to 4 places, and the times as read for the note.
 * No hours when either time is unreadable, when both are midnight (an all-day calendar event: its length in
 * learning hours is not given) or when the end is not after the start (an overnight or mistyped pair is not
 * guessed). Our rule, after docs/domain/CPD.md §6 (hours are time spent). Pure functions.
 */

const TIME_RE = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$/i;

/** Minutes after midnight of a time of day (`13:30`, `1.30 pm`, `09:00:00`), or undefined when it is none. */
export function timeOfDay(text: string): number | undefined {
  const m = TIME_RE.exec(text.trim());
  if (m === null) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (min > 59 || sec > 59) return undefined;
  const ap = m[4]?.toLowerCase();
  if (ap !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ap === 'p' ? 12 : 0);
  } else if (h > 23) return undefined;
  return h * 60 + min + sec / 60;
}

function clock(mins: number): string {
  const h = Math.floor(mins / 60);
  const m = Math.round(mins - h * 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The hours between a start and an end time of day, with the times as read (`12:30 to 13:30`); see the module. */
export function spanHours(start: string, end: string): { hours: number; times: string } | undefined {
  const a = timeOfDay(start);
  const b = timeOfDay(end);
  if (a === undefined || b === undefined || b <= a || (a === 0 && b === 0)) return undefined;
  return { hours: Math.round(((b - a) / 60) * 10_000) / 10_000, times: `${clock(a)} to ${clock(b)}` };
}
