/**
 * Work diaries sent as CPD evidence — timesheets and calendar exports. Timesheets: a week's work by project, with a few training lines among design, meetings,
 * admin and leave. Only the learning lines are CPD; the rest is work (trial 2: every line of a timesheet became an
 * activity, "Annual leave" and "Bank holiday" included, and the review called 72.5 h of work met CPD hours).
 *
 * Our own code. A table is a timesheet when its headings name the things timesheets record and logs do not
 * (billable, project or charge codes, clients, cost centres, the week ending); a row of it is learning when its
 * task, type, code or description says so in words of learning.
 */
import { cellText, type ExtractedRow } from '../types.js';
import type { ColumnPlan } from './assign.js';
import { headingWords } from './words.js';

/**
 * Heading phrases of timesheets (time booked to work), never of CPD logs, each with the kind it marks: two kinds
 * make a timesheet ("Project code" and "Billable"), two columns of one kind do not ("Cost", "Cost").
 */
const TIMESHEET_MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(billable|billing|chargeable|non billable)\b/, 'billing'],
  [/\b(project|job|wbs)\b.*\b(code|number|no|ref|id|name)\b|^(project|wbs)$/, 'project'],
  [/\b(client|customer)\b/, 'client'],
  [/\b(cost|charge)\s+(centre|center|code)\b/, 'cost centre'],
  [/\b(timesheet|overtime)\b/, 'timesheet'],
  [/\bweek\s+(ending|commencing|beginning)\b/, 'week'],
];

/** Words of learning in a task, type, code or description: these lines of a timesheet are CPD. */
const LEARNING_RE = /\b(train(ing|ed)?|course|cpd|learn(ing|t)?|e-?learning|webinar|seminar|conference|workshop|lecture|study|studying|exam|development|mentor(ing)?|coaching|reading|cpe|induction|briefing|toolbox talk|trn)\b/i;

/**
 * True when the columns are those of a timesheet: headings of two kinds of timesheet mark ("Project code",
 * "Billable", "Week ending", "Client", "Cost centre"), one of them booking time (billing, a timesheet or overtime, the
 * week), and an hours column.
 */
export function isTimesheet(columns: readonly ColumnPlan[]): boolean {
  const kinds = new Set<string>();
  for (const c of columns) {
    const h = headingWords(c.heading).words.join(' ');
    for (const [re, kind] of TIMESHEET_MARKS) if (re.test(h)) kinds.add(kind);
  }
  // Cost centres and job codes appear in HR learning exports too: a timesheet also books time (billing, a week).
  const books = kinds.has('billing') || kinds.has('timesheet') || kinds.has('week');
  return books && kinds.size >= 2 && columns.some((c) => c.field === 'hours');
}

const MONTH_WORD = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A heading that names one day: a weekday (`Mon`, `Tuesday 13/01`, `Wed 14 Jan`), or a day of a month (`12/01`, `12 Jan`). */
const DAY_HEADING_RE = new RegExp(
  `^((mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day)?\\.?(\\s+\\d{1,2}([/.-]\\d{1,2}([/.-]\\d{2,4})?|(st|nd|rd|th)?(\\s+${MONTH_WORD})?))?|\\d{1,2}[/.-]\\d{1,2}([/.-]\\d{2,4})?|\\d{1,2}(st|nd|rd|th)?\\s+${MONTH_WORD})$`,
  'i',
);

/** True when a heading names one day (a timesheet grid's column): see {@link DAY_HEADING_RE}. */
export function isDayHeading(heading: string): boolean {
  return DAY_HEADING_RE.test(heading.trim());
}

/**
 * Day columns that make a table a timesheet grid (hours by day, a row per project or task; trial 5): a working
 * week's five.
 */
export const DAY_GRID_COLUMNS = 5;

/**
 * Heading phrases of calendar exports (Outlook, Google Calendar, iCal converted to CSV), never of CPD logs: a
 * calendar holds meetings, leave and appointments with the odd course among them (trial 3: an Outlook export read
 * as 13 activities, the dentist included).
 */
const CALENDAR_MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(organi[sz]er)\b/, 'organiser'],
  [/\b(attendees?|invitees?|guests?)\b/, 'attendees'],
  [/\ball\s*day\b/, 'all day'],
  [/\breminder\b/, 'reminder'],
  [/\b(show time as|free busy|busy)\b/, 'busy'],
  [/\b(sensitivity|recurrence|recurring)\b/, 'recurrence'],
];

/**
 * What kind of work diary a table is, if any: a `timesheet` (time booked to work, see {@link isTimesheet}, or a grid of
 * five or more day columns, `Mon 12/01` … `Fri 16/01`, with no TWAVES category or reflection column) or a
 * `calendar` (headings of two kinds of calendar mark: organiser, attendees, all-day, reminder, free/busy,
 * recurrence). Only the learning lines of either are CPD. Null for a log.
 */
export function workDiaryKind(columns: readonly ColumnPlan[]): 'timesheet' | 'calendar' | null {
  // A grid of days with a TWAVES category or a reflection per row is a CPD log kept by the day (trial 7: a weekly
  // tracker's work-based learning and volunteering were dropped as booked work).
  const cpd = columns.some((c) => c.field === 'twaves' || c.field === 'reflection');
  if (isTimesheet(columns) || (!cpd && columns.filter((c) => isDayHeading(c.heading)).length >= DAY_GRID_COLUMNS)) return 'timesheet';
  const kinds = new Set<string>();
  for (const c of columns) {
    const h = headingWords(c.heading).words.join(' ');
    for (const [re, kind] of CALENDAR_MARKS) if (re.test(h)) kinds.add(kind);
  }
  return kinds.size >= 2 ? 'calendar' : null;
}

/** True when a text names learning ("Training", "TRN-000", "CPD", "webinar"): a line of work that is CPD. */
export function namesLearning(text: string): boolean {
  return text !== '' && LEARNING_RE.test(text.replace(/[-_]/g, ' '));
}

/** True when a timesheet row is a learning line: any of its texts names learning ("Training", "TRN-000", "CPD"). */
export function isLearningLine(row: ExtractedRow): boolean {
  for (const c of row.cells) {
    const t = cellText(c);
    if (t !== '' && LEARNING_RE.test(t.replace(/[-_]/g, ' '))) return true;
  }
  return false;
}
