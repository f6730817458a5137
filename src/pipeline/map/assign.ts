/**
 * Column → field assignment for one table, from heading and content evidence together. Each column gets
 * candidate fields from its heading (the synonyms of docs/domain/CPD.md §5, then the heading's words,
 * `meaning.ts`) and from its values (`profile.ts`); a heading's choice is checked against the values (a "Date"
 * column of prose is no date column; "Category" holding TWAVES letters is the TWAVES category); then fields are
 * given out best-first, one column per field unless the field joins several columns (two reflection columns). Every
 * choice keeps a confidence (0–1) and a one-line reason for the mapping step.
 *
 * Our own code; the thresholds are our choice, set on the fixtures and the corpus in `fixtures/corpus/`.
 */
import { choiceField, choiceUnit, type ColumnChoice, type ColumnMapping, type ColumnUnit, type RecordField, type Twaves } from '../../domain/index.js';
import { matchHeading, normaliseHeading } from '../headings.js';
import { unitFromHeading, type HoursUnit } from '../normalise/hours.js';
import { parseTwaves } from '../normalise/category.js';
import { parseUkSpec } from '../normalise/ukspec.js';
import { DAY_GRID_COLUMNS, isDayHeading } from './timesheet.js';
import { parseDate } from '../normalise/dates.js';
import { cellText, type Cell, type ExtractedRow } from '../types.js';
import { conceptsOf, fieldLabel, readHeading, type HeadingReading } from './meaning.js';
import { joinDateParts } from './date-parts.js';
import { headingWords } from './words.js';
import { clocksAreDurations, clocksAreMinutesSeconds, dominantKind, profileColumn, share, type ColumnProfile } from './profile.js';

/**
 * A column choice as the pipeline takes it: a person's {@link ColumnChoice}, or one of a remembered template's with
 * who saved it (`by`: "the template saved by Rita Reviewer on 4 Dec 2026"), for the column's reason and gaps.
 */
export type OverrideChoice = ColumnChoice | { field: RecordField | null; unit?: ColumnUnit; by: string };

/**
 * A user's mapping override (`--mapping FILE.json`): heading text → field, null to keep a column in `extras`, or a
 * field with the unit of its values. Headings are compared after normalisation (case, punctuation and bracketed
 * units ignored). Example: `{ "Learning points": "reflection", "Ref": null, "Col D": { "field": "hours", "unit":
 * "minutes" } }`.
 */
export type MappingOverride = Readonly<Record<string, OverrideChoice>>;

/** Who chose a column's field when the mapping gives no name: the person who gave the mapping. */
const BY_THE_MAPPING = 'the mapping you gave';

/** One column of a segment and the field it feeds. */
export interface ColumnPlan {
  /** 0-based column position in the extracted rows. */
  index: number;
  /** Column letter (`"C"`) for spreadsheets and CSV; `"3"` (1-based number) for document tables. */
  letter: string;
  heading: string;
  field: RecordField | null;
  how: ColumnMapping['how'];
  /** 0–1: how sure the mapping is (1 for a user's override). Below {@link LOW_CONFIDENCE} records get an `inferred` gap. */
  confidence: number;
  /** One line: why the column went to its field, or why to none (`content: 12 of 12 values are dates`). */
  reason: string;
  /** For hours columns: the unit implied by the heading (Days, Points, Credits, Minutes), chosen, or shown by the values. */
  unit?: HoursUnit;
  /**
   * The unit of an hours column as the mapping reports it ({@link ColumnMapping} `unit`): set when the mapping chose
   * it or the values showed it (minutes by content), not when the heading names it.
   */
  shownUnit?: ColumnUnit;
  /** Who chose the column's field (or left it out), for a column an override decided: "the mapping you gave", "the template saved by …". */
  chosenBy?: string;
  /** Values sampled that hold text: the first three (the mapping step shows them; warnings name the first two). */
  samples: string[];
  /** For a column that names a person (its heading, or e-mail addresses in it): its rows are about people. */
  person?: true;
  /** An hours column whose values are added to those of its sibling columns (a measure split by kind). */
  sum?: true;
  /** A date column holding days of the month ("Day": 6, 14, 27), dated by the month in a title or sheet name. */
  dayOfMonth?: true;
  /** A date column of days whose month and year are in other columns (`Day | Month | Year`; map/date-parts.ts). */
  parts?: { month: number; year?: number };
  /** A column holding a part (month, year) of the date in the column at this index (map/date-parts.ts). */
  partOf?: number;
  /** An hours column read only where the row's other hours column is empty ("Planned hrs" beside "Actual hrs"). */
  fallback?: true;
  /** An hours column whose two-part clock values are minutes and seconds (`12:34` beside `1:02:45`), not h:mm. */
  clock?: 'm:ss';
  /**
   * An hours column of one month in a row of month columns (`Jan` … `Dec`): the month (1–12), and the year when the
   * heading gives one (`Jan 2026`). A row's hours are the sum over its months, dated by the first (build.ts).
   */
  month?: { month: number; year?: number; next?: true; day?: number };
  /** An hours column of one TWAVES category in a set of such columns (`T | W | … | S` holding hours): its letter. */
  category?: Twaves;
}

/** A heading giving lengths as minutes and seconds: "Length (mm:ss)", "Duration (m:ss)", "(min:sec)". */
const MIN_SEC_HEADING_RE = /(?<!h\s*:\s*)\bm{1,2}\s*:\s*ss\b|\bmin\s*:\s*sec\b/i;

/** Below this confidence, every value read through the column carries an `inferred` gap (our choice). */
export const LOW_CONFIDENCE = 0.6;

/**
 * Fields that may draw on several columns: text fields are joined (e.g. two reflection columns); for hours the
 * first non-empty column of the row is used (a log with "Hours", "Days" and "Points" columns filled row by row).
 */
const JOINABLE: ReadonlySet<RecordField> = new Set(['activityName', 'description', 'reflection', 'objective', 'ukSpec', 'hours']);

/** A second column joins a joinable field only on a heading this sure. */
const JOIN_SCORE = 0.8;

/** Headings that name a person when another column names the activity. */
const PERSON_HEADINGS: ReadonlySet<string> = new Set(['name', 'full name', 'your name', 'member', 'member name', 'engineer', 'attendee']);

/** Headings of a column that dates the rows when no column is headed as a date: "Month", "Week", "Period". */
const PERIOD_HEADINGS: ReadonlySet<string> = new Set(['month', 'week', 'period', 'quarter', 'term', 'week commencing', 'week beginning', 'week ending', 'w c', 'w e', 'month year']);

function overrideFor(override: MappingOverride | undefined, heading: string): OverrideChoice | undefined {
  if (!override) return undefined;
  const key = normaliseHeading(heading);
  for (const [h, f] of Object.entries(override)) if (normaliseHeading(h) === key) return f;
  return undefined;
}

/** The field an override gives a heading, if the user gave one (`undefined` when not; null: kept in extras). */
export function overrideField(override: MappingOverride | undefined, heading: string): RecordField | null | undefined {
  const o = overrideFor(override, heading);
  return o === undefined ? undefined : choiceField(o);
}

/** Who made an override's choice: the template's saver, else the person who gave the mapping. */
function chooser(o: OverrideChoice): string {
  return o !== null && typeof o === 'object' && 'by' in o ? o.by : BY_THE_MAPPING;
}

/** "hours", or "hours (in minutes)" for an hours column given a unit. */
function choiceLabel(field: RecordField, unit: ColumnUnit | undefined): string {
  return unit === undefined ? fieldLabel(field) : `${fieldLabel(field)} (in ${unit})`;
}

interface Candidate {
  col: Draft;
  field: RecordField;
  score: number;
  /** The heading's own score (before content agreement raised it): a second column joins a field only on this. */
  headingScore?: number;
  how: ColumnMapping['how'];
  reason: string;
  fromHeading: boolean;
}

interface Draft {
  plan: ColumnPlan;
  /** The table's data rows sampled (shared by all drafts of a table). */
  rows: readonly ExtractedRow[];
  profile: ColumnProfile;
  reading: Reading | null;
  /** A second reading of a misspelt heading by its words ("Learning time (hours)" is no "learning type"). */
  alternative?: Reading;
  candidates: Candidate[];
  /** Why the heading's field was refused by the content, for the reason of the column's final choice. */
  refused?: string;
  /** The column holds when the entry was written (a form's start or completion time): never an activity date. */
  stamp?: true;
}

type Reading = HeadingReading & { how: ColumnMapping['how'] };

/** The heading's words, as a reading for the mapper (a weaker one when few of its words say anything). */
function wordsReading(heading: string): Reading | null {
  const r = readHeading(heading);
  if (r === null) return null;
  // Few of the heading's words say anything ("Systems thinking and learning"): a weaker reading.
  return r.coverage >= 0.5 ? { ...r, how: 'words' } : { ...r, score: Math.round(r.score * 80) / 100, how: 'words' };
}

/** The reading of a heading: a synonym (docs/domain/CPD.md §5), a close misspelling of one, or its words. */
function headingReading(heading: string): Draft['reading'] {
  const m = matchHeading(heading);
  if (m && m.how !== 'words') {
    const alternatives = m.fields.slice(1);
    return {
      field: m.fields[0]!,
      score: m.how === 'synonym' ? 0.95 : 0.8,
      reason: m.how === 'synonym' ? `heading "${heading}" is a known heading for the ${m.fields.map(fieldLabel).join(' or ')}` : `heading "${heading}" reads as "${m.synonym}" (a misspelling)`,
      how: m.how,
      coverage: 1,
      fieldsNamed: 1,
      ...(alternatives.length > 0 ? { alternatives } : {}),
    };
  }
  return wordsReading(heading);
}

function countOf(p: ColumnProfile, n: number, what: string): string {
  return `${n} of ${p.values} values are ${what}`;
}

/**
 * Checks a heading's field against the column's values. Returns the field to use (the same, another one the
 * heading allows, or null to refuse) with the reason.
 */
function checkAgainstContent(field: RecordField, r: HeadingReading, p: ColumnProfile, heading: string): { field: RecordField | null; score: number; note: string; dayOfMonth?: true } {
  // An empty column under a weak heading ("Task" with nothing under it) must not take a field from one with content.
  if (p.values === 0) return r.score < 0.7 ? { field: null, score: 0.5, note: '; but the column is empty' } : { field, score: r.score, note: '' };
  const dates = share(p, p.dates);
  const texts = share(p, p.titleLike + p.prose);
  switch (field) {
    case 'startDate':
    case 'endDate':
    case 'targetDate': {
      // "Day" over 6, 14, 27 on a sheet titled "January 2026": days of the month (dated in the normalise stage).
      // (A total line written in the date column under them — "Total for the year so far: 14.75 hours" — aside.)
      if (p.values > 0 && (p.days === p.values || (p.days >= 3 && p.days >= 0.8 * p.values && p.dates === 0)) && /\b(day|date|dt)\b/i.test(heading)) return { field, score: 0.75, note: `; ${countOf(p, p.days, 'days of the month (1–31)')}`, dayOfMonth: true };
      // The same date on every row (a hire date, a report date): not the date of each activity.
      if (dates >= 0.5 && p.values >= 3 && p.distinct === 1) return { field, score: 0.5, note: `; but every row holds the same date` };
      // "When" over "March 2027", "by the spring review", "within 3 months": plan timings beside the dates say the
      // column gives targets, not when something was done (docs/domain/CPD.md §7 "Plan targets").
      if (field === 'startDate' && p.dates > 0 && p.timings > 0 && share(p, p.dates + p.timings + p.openDates) >= 0.7) {
        return { field: 'targetDate', score: Math.min(1, r.score + 0.05), note: `; but ${countOf(p, p.dates + p.timings + p.openDates, 'dates or plan timings ("by …", "within …")')}, so it gives targets` };
      }
      if (dates >= 0.5) return { field, score: Math.min(1, r.score + 0.05), note: `; ${countOf(p, p.dates, 'dates')}` };
      if (share(p, p.clockTimes) >= 0.6) return { field: null, score: 0.8, note: `; but ${countOf(p, p.clockTimes, 'times of day')}, not dates (kept in extras)` };
      // "Completion Ratio", "Progress": numbers from 0 to 100 under a heading that may name the status.
      if (r.alternatives?.includes('status') && dates < 0.2 && p.numbers === p.values && p.maxNumber <= 100) {
        return { field: 'status', score: 0.7, note: `; but ${countOf(p, p.numbers, 'numbers from 0 to 100')} (percentages complete), so it is the status` };
      }
      // Status words or yes/no answers under a heading that may name the status ("Completed", "Finished", Trello's
      // "Due Complete"): the status.
      // (Under another date heading, such as "All day event", yes/no answers are no status.)
      if (share(p, p.percents) >= 0.5 || (share(p, p.statusWords + p.yesNo) >= 0.6 && ((field !== 'targetDate' && r.alternatives?.includes('status') === true) || COMPLETION_RE.test(heading)))) {
        return { field: 'status', score: 0.75, note: `; but ${countOf(p, dominantKind(p)?.count ?? 0, dominantKind(p)?.kind ?? 'status words')}, so it is the status` };
      }
      // "Issue key" over CPD-12, CPD-11 ("issue" shares its stem with "issued"): a weak reading of the heading's words
      // over three values or more of which none is a date, a plan timing or an open date gives no date at all.
      if (r.score < 0.6 && p.values >= 3 && p.dates + p.timings + p.openDates + p.days === 0) return { field: null, score: 0.7, note: `; but none of its ${p.values} values is a date` };
      if (field === 'targetDate') return { field, score: r.score, note: '' };
      if (share(p, p.hoursLike) >= 0.8 && dates < 0.2) return { field: null, score: 0.7, note: `; but ${countOf(p, p.hoursLike, 'numbers')}, not dates` };
      if (dates < 0.2 && texts >= 0.6) return { field: null, score: 0.7, note: `; but ${countOf(p, p.titleLike + p.prose, 'texts')} and only ${p.dates} dates` };
      return { field, score: Math.min(r.score, 0.7), note: `; only ${countOf(p, p.dates, 'dates')}` };
    }
    case 'hours': {
      // "Cumulative (h)", "Hours to date", "Remaining": a running figure over the log, not each activity's hours.
      if (RUNNING_RE.test(heading)) return { field: null, score: 0.75, note: '; but it is a running figure over the log, not each activity\'s hours' };
      // "CPD hours per year", "Minimum hours": a requirement (a rate over a period), not what an activity took.
      if (RATE_RE.test(heading)) return { field: null, score: 0.75, note: '; but it is a rate or a requirement over a period, not each activity\'s hours' };
      // "Total (h)", "Total PDUs" beside a breakdown of the same hours by area: the total is the activity's hours.
      if (TOTAL_RE.test(heading) && share(p, p.hoursLike) >= 0.5) return { field, score: Math.min(1, r.score + 0.08), note: '; the total of the row' };
      // "Show time as" over 2, 2, 3, 2…: a heading that is mostly other words, over a column of one or two values on
      // many rows, holds a code (Outlook's free/busy state), not durations, which vary from row to row.
      if (r.score < 0.6 && r.coverage < 0.5 && p.values >= 5 && p.distinct <= 2 && share(p, p.unitHours) === 0) {
        return { field: null, score: 0.65, note: `; but ${p.values} values take only ${p.distinct} different numbers: a code, not durations` };
      }
      if (share(p, p.hoursLike) >= 0.5) return { field, score: r.score, note: '' };
      // "CPE Credits" over "2.0 CPE", "4.0 CPE": the unit the heading names, written in each cell.
      if (unitFromHeading(heading) !== undefined && share(p, p.hoursLike + p.creditUnits) >= 0.5) return { field, score: r.score, note: `; ${countOf(p, p.creditUnits, 'amounts in the unit it names')}` };
      // Seconds or minutes ("durationSeconds", "Minutes watched"): large numbers are durations too.
      const unit = unitFromHeading(heading);
      if ((unit === 'minutes' || unit === 'seconds') && share(p, p.numbers) >= 0.5) return { field, score: r.score, note: '' };
      // "Time Spent" over 5400, 30600, 3600: whole minutes counted in seconds, as trackers log time.
      if (unit === undefined && countsSeconds(p)) return { field, score: r.score, note: `; ${countOf(p, p.secondCounts, 'whole minutes counted in seconds (600 or more, multiples of 60)')}, read as seconds` };
      if (share(p, p.clockTimes) >= 0.6) {
        // "Time (hh:mm)" of 07:00 and 03:30: durations written as clock times (docs/domain/CPD.md §6: `1:30`).
        if (clocksAreDurations(p) && r.score >= 0.55) {
          const why = p.shortClocks * 2 > p.clockTimes ? 'mostly under 8 hours' : `${p.longClocks} of them past 24:00, no time of day`;
          return { field, score: Math.max(r.score, 0.75), note: `; ${countOf(p, p.clockTimes, 'clock values')}, ${why}: durations` };
        }
        return { field: null, score: 0.8, note: `; but ${countOf(p, p.clockTimes, 'times of day')} (kept in extras)` };
      }
      if (dates >= 0.6) return { field: 'startDate', score: 0.7, note: `; but ${countOf(p, p.dates, 'dates')}` };
      if (texts >= 0.6 && r.score < 0.9) return { field: null, score: 0.6, note: `; but ${countOf(p, p.titleLike + p.prose, 'texts')}, not durations` };
      // "Unit rule" over "hours", "1 day = 6 hours": a heading word for hours over a column that holds almost none.
      if (p.values >= 3 && share(p, p.hoursLike + p.unitHours + p.numbers) < 0.2) return { field: null, score: 0.65, note: `; but ${countOf(p, p.hoursLike + p.unitHours, 'durations')}` };
      return { field, score: Math.min(r.score, 0.7), note: `; only ${countOf(p, p.hoursLike, 'durations')}` };
    }
    case 'activityType':
    case 'twaves': {
      const tw = share(p, p.twaves);
      if (field === 'activityType' && r.alternatives?.includes('twaves') && tw >= 0.6) {
        return { field: 'twaves', score: 0.9, note: `; ${countOf(p, p.twaves, 'TWAVES categories')}` };
      }
      if (field === 'twaves' && tw < 0.6 && r.score < 0.95 && r.alternatives === undefined) return { field: 'activityType', score: 0.7, note: `; only ${countOf(p, p.twaves, 'TWAVES categories')}` };
      if (dates >= 0.8) return { field: null, score: 0.6, note: `; but ${countOf(p, p.dates, 'dates')}` };
      if (share(p, p.numbers) >= 0.8) return { field: null, score: 0.6, note: `; but ${countOf(p, p.numbers, 'numbers')}` };
      return { field, score: r.score, note: '' };
    }
    case 'ukSpec':
      // "Competence area: Risk management" names areas in words, not UK-SPEC codes.
      if (p.values >= 2 && share(p, p.ukSpec) < 0.2 && share(p, p.titleLike + p.prose) >= 0.6) return { field: null, score: 0.6, note: `; but ${countOf(p, p.titleLike + p.prose, 'texts')} and no UK-SPEC codes` };
      // "Competence statement ref." over "B4, C1", "A4", "B6": codes outside UK-SPEC's grid on two rows or more, under a
      // heading that does not name UK-SPEC, are another body's framework (SRA, SFIA): kept whole in extras, not
      // read as UK-SPEC codes (a one-off slip in a UK-SPEC column stays, and is flagged when read).
      if (p.otherCodes >= 2 && !/uk\s*-?\s*spec|engineering council/i.test(heading)) {
        return { field: null, score: 0.75, note: `; but ${countOf(p, p.otherCodes, 'codes')} outside UK-SPEC's grid (A1–E5): another body's framework, kept in extras` };
      }
      return { field, score: r.score, note: share(p, p.ukSpec) >= 0.5 ? `; ${countOf(p, p.ukSpec, 'UK-SPEC codes')}` : '' };
    case 'skillType': {
      if (share(p, p.skillTypes) >= 0.5) return { field, score: Math.max(r.score, 0.8), note: `; ${countOf(p, p.skillTypes, 'skill types')}` };
      if (r.score < 0.8) return { field: null, score: 0.6, note: `; but its values are no skill types (technical, soft), so it is kept in extras` };
      return { field, score: r.score, note: '' };
    }
    case 'status':
      // "Approved", "Pending", "Audit": the state of a claim to a body, not whether the activity was done.
      if (share(p, p.approvals) >= 0.5) return { field: null, score: 0.75, note: `; but ${countOf(p, p.approvals, 'approval states (approved, pending, audit…)')}: the state of a claim, not of the activity` };
      return { field, score: r.score, note: '' };
    case 'activityName': {
      if (dates >= 0.8) return { field: 'startDate', score: 0.7, note: `; but ${countOf(p, p.dates, 'dates')}` };
      if (share(p, p.numbers) >= 0.8) return { field: null, score: 0.6, note: `; but ${countOf(p, p.numbers, 'numbers')}` };
      if (p.values >= 3 && p.distinct <= 1) return { field: null, score: 0.6, note: `; but every row holds the same text ("${'…'}"), so it names no activity` };
      // A weak heading ("Task") over a few values repeated down many rows ("Design", "Training", "Design"…): a
      // category of work, not each activity's name.
      if (r.score < 0.7 && p.values >= 6 && p.distinct <= p.values * 0.6) return { field: null, score: 0.6, note: `; but its ${p.values} values take only ${p.distinct} different texts: a category, not names` };
      // "Completed Checklist Items" over "3/3", "1/4": values without words (counts, fractions, symbols) name nothing.
      if (p.values >= 2 && share(p, p.titleLike + p.prose + p.ids + p.statusWords + p.twaves) < 0.3) return { field: null, score: 0.65, note: `; but only ${countOf(p, p.titleLike + p.prose, 'texts')}, the rest no words` };
      if (r.score < 0.7 && share(p, p.prose) >= 0.5) return { field: 'reflection', score: 0.6, note: `; ${countOf(p, p.prose, 'long texts')}, so it reads as reflection` };
      // A weak heading ("What", "Learning") over short titles, nearly all different: the values agree, the more so
      // the more of them are titles (0.05 at 60 %, 0.15 at all): "Task Name" over titles only outweighs "Task
      // Content" over a few titles among sentences.
      const titles = share(p, p.titleLike);
      if (r.score < 0.8 && titles >= 0.6 && p.distinct >= Math.max(2, p.values * 0.6)) {
        const agree = 0.05 + 0.1 * Math.min(1, (titles - 0.6) / 0.4);
        return { field, score: Math.min(0.9, Math.round((r.score + agree) * 100) / 100), note: `; and ${countOf(p, p.titleLike, 'short, title-like texts')}, nearly all different` };
      }
      return { field, score: r.score, note: '' };
    }
    case 'description':
    case 'reflection':
    case 'objective': {
      if (dates >= 0.8) return { field: 'startDate', score: 0.65, note: `; but ${countOf(p, p.dates, 'dates')}` };
      // "Reflection: Yes / No" records whether one was written, not what it says.
      if (share(p, p.yesNo) >= 0.8) return { field: null, score: 0.7, note: `; but ${countOf(p, p.yesNo, 'yes/no answers')}, not texts` };
      if (share(p, p.numbers) >= 0.8) return { field: null, score: 0.6, note: `; but ${countOf(p, p.numbers, 'numbers')}` };
      return { field, score: r.score, note: '' };
    }
  }
}

/** Headings of a running figure: cumulative, to date, running total, remaining, balance. */
const RUNNING_RE = /\b(cumulative|running|to date|ytd|balance|remaining|outstanding|carried)\b/i;
/** Headings of a requirement: hours per year or cycle, a minimum. */
const RATE_RE = /\b(?:per|each|every|a)\s+(?:year|annum|cycle|month|quarter)\b|\bp\.?\s?a\.?$|\bminimum\b|\bmin\.? (?:hours|hrs)\b/i;
/** Heading words of a figure planned or estimated before the activity. */
const ESTIMATE_RE = /\b(plann?ed|estimated?|expected|target|budget(?:ed)?|forecast|proposed|intended)\b/i;
/** Heading words of the figure that happened. */
const ACTUAL_RE = /\b(actual|actually|real|achieved|spent|taken)\b/i;
/** Headings of a row's total. */
const TOTAL_RE = /\b(total|overall|sum)\b/i;

/** Heading words that ask whether an activity was done: its yes/no answers are the status. */
const COMPLETION_RE = /\b(complet\w*|finish\w*|done|attended|achieved|passed)\b/i;

/** Fields a column's values alone suggest (for columns whose heading names no field, or a weak one). */
function contentCandidates(col: Draft): Candidate[] {
  const p = col.profile;
  const out: Candidate[] = [];
  if (p.values === 0) return out;
  const add = (field: RecordField, score: number, what: string): void => {
    out.push({ col, field, score, how: 'content', reason: `content: ${what}`, fromHeading: false });
  };
  const dates = share(p, p.dates);
  if (dates >= 0.7) add('startDate', 0.45 + 0.35 * dates, countOf(p, p.dates, 'dates'));
  // A plan's "when" column: dates beside plan timings that are no date ("by winter break", "ongoing"). The timings
  // say it is a target, not a start: it outranks the start-date reading of its dates.
  const timed = share(p, p.dates + p.timings + p.openDates);
  if (p.dates > 0 && p.timings > 0 && timed >= 0.7) add('targetDate', 0.5 + 0.3 * timed, `${p.dates + p.timings + p.openDates} of ${p.values} values are dates or plan timings ("by …", "ongoing")`);
  // (A heading of a rate or a running figure — "CPD hours per year", "Cumulative" — says its numbers are no activity's hours.)
  // Nor do numbers that count the rows (1, 2, 3 … under "Lp.", "No.").
  const mayBeHours = !RATE_RE.test(col.plan.heading) && !RUNNING_RE.test(col.plan.heading) && !p.counting;
  if (mayBeHours && share(p, p.unitHours) >= 0.6) add('hours', 0.75, countOf(p, p.unitHours, 'durations'));
  else if (mayBeHours && share(p, p.hoursLike) >= 0.8 && share(p, p.years) < 0.5 && p.ids === 0 && dates < 0.5 && !(p.values >= 5 && p.distinct <= 2)) add('hours', 0.45, `${countOf(p, p.hoursLike, 'numbers')} of a size for hours`);
  if (share(p, p.twaves) >= 0.7 && p.otherLetters === 0) add('twaves', 0.75, countOf(p, p.twaves, 'TWAVES categories'));
  if (share(p, p.ukSpec) >= 0.6) add('ukSpec', 0.7, countOf(p, p.ukSpec, 'UK-SPEC codes'));
  if (share(p, p.statusWords) + share(p, p.percents) >= 0.7) add('status', 0.6, countOf(p, p.statusWords + p.percents, 'status words or percentages'));
  if (share(p, p.skillTypes) >= 0.7) add('skillType', 0.6, countOf(p, p.skillTypes, 'skill types'));
  if (share(p, p.prose) >= 0.5) add('description', 0.4, countOf(p, p.prose, 'long texts'));
  // (A column of short titles is the activity name only when no column names one: see namelessFallback, which
  // prefers a column headed as a description of what was done to an unnamed one.)
  return out;
}

/**
 * Builds the column plan for a header row, with `above` the row above it (for two-row headers and merged group
 * headings: an empty heading cell takes the group heading above it), from the headings and the data rows below
 * (a sample of up to 200 is enough). Columns without a heading are kept only when they hold data.
 */
export function planColumns(
  header: ExtractedRow,
  above: ExtractedRow | null,
  dataRows: readonly ExtractedRow[],
  override: MappingOverride | undefined,
  letterOf: (index: number) => string,
): ColumnPlan[] {
  const width = Math.max(header.cells.length, above?.cells.length ?? 0);
  const drafts: Draft[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const up = above ? cellText(above.cells[i]).trim() : '';
    if (up !== '') group = up;
    let heading = cellText(header.cells[i]).trim();
    if (heading === '' && above) heading = up !== '' ? up : group;
    const letter = letterOf(i);
    const profile = profileColumn(dataRows, i);
    const samples = sampleTexts(dataRows, i);
    if (heading === '') {
      // A column without a heading: kept only if it holds data (then read by its content, or kept in extras).
      if (profile.values === 0 && profile.placeholders === 0) continue;
      const plan: ColumnPlan = { index: i, letter, heading: `Column ${letter}`, field: null, how: 'unmapped', confidence: 0, reason: 'no heading', samples };
      drafts.push({ plan, profile, rows: dataRows, reading: null, candidates: [] });
      continue;
    }
    const plan: ColumnPlan = { index: i, letter, heading, field: null, how: 'unmapped', confidence: 0, reason: '', samples };
    const o = overrideFor(override, heading);
    if (o !== undefined) {
      const field = choiceField(o);
      const unit = field === 'hours' ? choiceUnit(o) : undefined;
      plan.field = field;
      plan.how = field === null ? 'unmapped' : 'override';
      plan.confidence = 1;
      plan.chosenBy = chooser(o);
      plan.reason = field === null ? `left out by ${plan.chosenBy}: kept in extras` : `set to the ${choiceLabel(field, unit)} by ${plan.chosenBy}`;
      if (unit !== undefined) {
        plan.unit = unit;
        plan.shownUnit = unit;
      }
      drafts.push({ plan, profile, rows: dataRows, reading: null, candidates: [] });
      continue;
    }
    let reading = headingReading(heading);
    // A lower heading that names nothing under a group heading: read both ("Dates" over "From" is fine alone).
    if ((reading === null || reading.field === null) && above && up !== '' && up !== heading) reading = headingReading(`${up} ${heading}`) ?? headingReading(up) ?? reading;
    const draft: Draft = { plan, profile, rows: dataRows, reading, candidates: [] };
    if (reading?.how === 'fuzzy') {
      // A close spelling of a known heading that reads plainly as something else by its words is that something
      // else: "Source Name" is no "Course name", "Learning time (hours)" no "Learning type".
      const words = wordsReading(heading);
      if (words !== null && words.field !== reading.field) {
        if (words.score >= 0.7 && words.coverage >= 0.5) draft.reading = words;
        else draft.alternative = words;
      }
    }
    drafts.push(draft);
  }
  for (const d of drafts) {
    d.candidates = candidatesOf(d);
    if (d.reading?.what === 'a person' || share(d.profile, d.profile.emails) >= 0.5) d.plan.person = true;
  }
  entryStamps(drafts);
  assign(drafts);
  const cols = drafts.map((d) => d.plan);
  doneOverPlanned(drafts);
  namelessFallback(drafts);
  undatedFallback(drafts);
  startApartFromTheRow(drafts);
  datedByPeriodColumn(drafts, dataRows);
  tickedCategoryColumns(drafts);
  tickedCodeColumns(drafts);
  categoryHourColumns(drafts);
  monthColumns(drafts);
  dayColumns(drafts);
  joinDateParts(cols, dataRows);
  for (const d of drafts) {
    const c = d.plan;
    if (c.field !== 'hours' || c.shownUnit !== undefined) continue;
    const unit = unitFromHeading(c.heading);
    if (unit) c.unit = unit;
    else if (countsSeconds(d.profile)) c.unit = 'seconds';
    else minutesByContent(d, drafts);
    // "12:34" beside "1:02:45", or a heading "(mm:ss)": two-part clock values are minutes and seconds.
    if (MIN_SEC_HEADING_RE.test(c.heading) || clocksAreMinutesSeconds(d.profile)) {
      c.clock = 'm:ss';
      c.reason += MIN_SEC_HEADING_RE.test(c.heading)
        ? '; the heading gives lengths as minutes:seconds'
        : `; ${d.profile.threePartClocks} of ${d.profile.clockTimes} lengths are h:mm:ss, so the others (m:ss) are minutes and seconds, as media players show them`;
    }
  }
  return cols;
}

/** Share of an unnamed hours column's values that must be 30 or more to read them as minutes (our choice: "mostly"). */
const MINUTES_SHARE = 0.75;

/**
 * Reads an hours column taken on weak evidence (below {@link LOW_CONFIDENCE}, its heading naming no unit: `Col D`) as
 * minutes when its values say so: two or more values, every one a whole number from 1 to 1440 (a day in minutes),
 * mostly ({@link MINUTES_SHARE}) 30 or more, in the only hours column of a table whose activities are dated to one
 * day (a start date and no end date, or an end date the same as the start on every row). As hours, 90 or 360 on one
 * day would be impossible or asked about row by row; as minutes they are a webinar and a conference day. The column's
 * reason says so, and so does the `inferred` gap of each value read through it (build.ts). Our choice, from the
 * tryout of issue 11 (a portal's export of minutes under `Col A…Col F`).
 */
function minutesByContent(d: Draft, drafts: readonly Draft[]): void {
  const c = d.plan;
  if (c.how === 'override' || c.confidence >= LOW_CONFIDENCE || drafts.some((x) => x !== d && x.plan.field === 'hours')) return;
  const start = drafts.find((x) => x.plan.field === 'startDate');
  const end = drafts.find((x) => x.plan.field === 'endDate');
  if (start === undefined) return;
  const text = (row: ExtractedRow, i: number): string => cellText(row.cells[i]).trim();
  if (end !== undefined && !d.rows.every((row) => text(row, start.plan.index) === text(row, end.plan.index))) return;
  const values = d.rows.map((row) => text(row, c.index)).filter((t) => t !== '');
  if (values.length < 2 || !values.every((t) => /^\d{1,4}$/.test(t) && Number(t) >= 1 && Number(t) <= 1440)) return;
  const big = values.filter((t) => Number(t) >= 30).length;
  if (big < values.length * MINUTES_SHARE) return;
  c.unit = 'minutes';
  c.shownUnit = 'minutes';
  const max = Math.max(...values.map(Number));
  c.reason += `; read as minutes: ${big} of ${values.length} values are whole numbers of 30 or more on activities dated to one day (as hours, up to ${max} h in a day)`;
}

/**
 * True when a column's numbers are durations in seconds though its heading names no unit (Jira's "Time Spent" of
 * 5400): two or more plain numbers, at least 80 % of the values, every one a whole number of minutes of 10 minutes or
 * more counted in seconds (600, 5400, 36000), and none small enough to read as hours.
 */
export function countsSeconds(p: ColumnProfile): boolean {
  return p.numbers >= 2 && p.secondCounts === p.numbers && share(p, p.numbers) >= 0.8;
}

/** The first three texts of a column, for the mapping step (warnings name the first two). */
function sampleTexts(rows: readonly ExtractedRow[], i: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const t = cellText(r.cells[i]).trim();
    if (t === '') continue;
    out.push(t.length > 60 ? `${t.slice(0, 59)}…` : t);
    if (out.length === 3) break;
  }
  return out;
}

function candidatesOf(d: Draft): Candidate[] {
  if (d.plan.how === 'override' || (d.plan.confidence === 1 && d.plan.field === null)) return [];
  const out: Candidate[] = [];
  const r = d.reading;
  let headingSure = 0;
  for (const reading of [r, d.alternative]) {
    if (reading === null || reading === undefined || reading.field === null) continue;
    const checked = checkAgainstContent(reading.field, reading, d.profile, d.plan.heading);
    if (checked.field !== null) {
      const how: ColumnMapping['how'] = checked.field === reading.field ? reading.how : 'content';
      out.push({ col: d, field: checked.field, score: checked.score, headingScore: checked.score, how, reason: reading.reason + checked.note, fromHeading: checked.field === reading.field });
      if (checked.dayOfMonth) d.plan.dayOfMonth = true;
      headingSure = Math.max(headingSure, checked.score);
    } else {
      d.refused ??= reading.reason + checked.note;
    }
  }
  if (r !== null && r.field === null) {
    // The heading names something that is no record field: only strong content overrides a weak such reading.
    headingSure = r.score;
    d.refused = r.reason;
  }
  for (const c of contentCandidates(d)) {
    // A heading that plainly names something else ("Hire Date", "Course ID") is not overruled by its values; a weak
    // one ("Code" over TWAVES letters) is.
    // (A result whose values are all the activity's state — "Attended", "Booked", "Waitlisted" — is its status.)
    const resultIsStatus = c.field === 'status' && r?.what === 'a score or result' && share(d.profile, d.profile.statusWords) >= 0.8;
    if (r !== null && r.field === null && (r.score >= 0.7 || c.score <= headingSure) && !resultIsStatus) continue;
    const same = out.find((o) => o.field === c.field);
    if (same !== undefined) {
      // Heading and values agree: surer than either alone ("What" over short titles is the activity).
      if (same.score < 0.9) {
        same.score = Math.min(0.9, Math.max(same.score, c.score) + 0.15);
        same.reason = `${same.reason}; ${c.reason.replace(/^content: /, 'and ')}`;
      }
      continue;
    }
    // A content guess never outranks the heading's own (checked) choice.
    out.push({ ...c, score: Math.min(c.score, headingSure > 0 ? headingSure - 0.01 : c.score) });
  }
  return out;
}

/**
 * Whether a second column joins a field already given to `holder`: text fields on a sure heading (two reflection
 * columns); the activity name only on a known heading (a "Course title" beside "Activity"), never on a guess from
 * words ("Core curriculum topic", "SessionOwner"); hours only when the second column is filled where the first is
 * empty (a log with "Hours", "Days" and "Points" filled row by row), completes it (minutes beside hours) or splits
 * it by kind ("Formal hours", "Informal hours": added where both are filled) — not a
 * second measure filled on the same rows (a platform's gamification "Points" beside "Duration").
 */
/** Headings of a column of topics or tags ("Topic", "Topic(s)", "Subject area", "Tags"). */
const TOPIC_HEADING_RE = /^\s*(topics?|topic\(s\)|subject( area)?|theme|tags?|cpd topic)\s*$/i;

function joins(c: Candidate, holder: Draft): boolean {
  // Two hours columns each filled where the other is empty ("Session time" 09:30 - 12:45 on classroom rows beside
  // "Duration (e-learning)" 00:45 on the e-learning rows): one measure kept in two places, whichever comes first.
  // Siblings ("Formal hours", "Informal hours") are left to the rule below, which adds them.
  if (c.field === 'hours' && c.fromHeading && c.score >= 0.7 && !siblings(holder, c.col) && complementary(holder, c.col) && complementary(c.col, holder)) return true;
  if (!JOINABLE.has(c.field) || !c.fromHeading || (c.headingScore ?? 0) < JOIN_SCORE || c.col.plan.index <= holder.plan.index) return false;
  // A topic beside the activity ("Activity", "Topic") tags it, kept under its heading for the reviews that ask for
  // topics (issue 16 §4: CIBSE's sustainability and building safety), not joined to its name.
  if (c.field === 'activityName') return c.how === 'synonym' && holder.plan.how === 'synonym' && !TOPIC_HEADING_RE.test(c.col.plan.heading);
  if (c.field === 'hours') {
    const unit = unitFromHeading(c.col.plan.heading);
    if (unit === 'minutes' || unit === 'seconds') return true;
    // "Planned hrs" beside "Actual hrs": the actual hours where given, else the planned ones (a plan row).
    const planned = [holder, c.col].find((d) => ESTIMATE_RE.test(d.plan.heading));
    const actual = [holder, c.col].find((d) => ACTUAL_RE.test(d.plan.heading));
    if (planned !== undefined && actual !== undefined && planned !== actual) {
      planned.plan.fallback = true;
      return true;
    }
    // Siblings before complementary: "Formal hours" and "Informal hours" are mostly filled on different rows, but a
    // row with both (a conference day, part formal) holds two parts of its hours, to add, not a fallback.
    if (siblings(holder, c.col)) {
      holder.plan.sum = true;
      c.col.plan.sum = true;
      return true;
    }
    return complementary(holder, c.col);
  }
  return true;
}

/**
 * Two hours columns that split one measure by kind ("External credits", "Internal credits", "Personal credits"):
 * the same unit word, each with a qualifier of its own (neither heading's words contain the other's), and no
 * "participatory" part-of-the-whole; their values add up to the activity's hours. (A total column, when there is
 * one, takes the hours first: see {@link TOTAL_RE}.)
 */
function siblings(a: Draft, b: Draft): boolean {
  const wa = contentWords(a.plan.heading);
  const wb = contentWords(b.plan.heading);
  if (wa.length < 2 || wb.length < 2 || a.reading?.how === 'synonym' || b.reading?.how === 'synonym') return false;
  if (TOTAL_RE.test(a.plan.heading) || TOTAL_RE.test(b.plan.heading) || /\bparticipatory\b|\bof which\b/i.test(`${a.plan.heading} ${b.plan.heading}`)) return false;
  if (unitFromHeading(a.plan.heading) !== unitFromHeading(b.plan.heading)) return false;
  // Planned and actual figures are two readings of one measure, never parts of it.
  if ([a, b].some((d) => ESTIMATE_RE.test(d.plan.heading) || ACTUAL_RE.test(d.plan.heading))) return false;
  const last = (w: string[]): string => w[w.length - 1]!;
  if (last(wa) !== last(wb)) return false;
  const subset = (x: string[], y: string[]): boolean => x.every((w) => y.includes(w));
  return !subset(wa, wb) && !subset(wb, wa) && !partOf(a, b);
}

/**
 * The second hours column is a part of the first ("Contact Hours" 3.0 beside "Pharmacology Hours" 3.0, 1.5, 0: the
 * pharmacology hours a nursing board counts within the contact hours): on every row where both hold a number the
 * second is no more than the first, and on at least one row, filled, it is the whole of it — a part equal to the whole
 * says the columns overlap, so adding them would count those hours twice.
 */
function partOf(whole: Draft, part: Draft): boolean {
  let equal = false;
  for (const row of whole.rows) {
    const w = Number(cellText(row.cells[whole.plan.index]).trim());
    const p = Number(cellText(row.cells[part.plan.index]).trim());
    if (cellText(row.cells[whole.plan.index]).trim() === '' || cellText(row.cells[part.plan.index]).trim() === '' || !Number.isFinite(w) || !Number.isFinite(p)) continue;
    if (p > w) return false;
    if (p > 0 && p === w) equal = true;
  }
  return equal;
}

function contentWords(heading: string): string[] {
  return headingWords(heading).words.filter((w) => !/^(of|the|and|in|for|a|an)$/.test(w));
}

/** True when column `b` is filled mostly on rows where column `a` is empty (sampled rows). */
function complementary(a: Draft, b: Draft): boolean {
  const rows = a.rows;
  let both = 0;
  let onlyB = 0;
  for (const r of rows) {
    const ha = cellText(r.cells[a.plan.index]).trim() !== '';
    const hb = cellText(r.cells[b.plan.index]).trim() !== '';
    if (hb && ha) both++;
    else if (hb) onlyB++;
  }
  return onlyB > both;
}

/** Gives out fields best-first: one column per field (joinable fields take further columns on sure headings). */
function assign(drafts: Draft[]): void {
  const all: Candidate[] = [];
  for (const d of drafts) all.push(...d.candidates);
  // Best first; a heading's choice before a content guess of the same score; then left to right.
  all.sort((a, b) => b.score - a.score || Number(b.fromHeading) - Number(a.fromHeading) || a.col.plan.index - b.col.plan.index);
  const taken = new Map<RecordField, Draft>();
  for (const d of drafts) if (d.plan.field !== null) taken.set(d.plan.field, d);
  const done = new Set<Draft>(drafts.filter((d) => d.plan.how === 'override' || d.plan.confidence === 1));
  for (const c of all) {
    if (done.has(c.col)) continue;
    let field = c.field;
    const holder = taken.get(field);
    if (holder !== undefined) {
      if (joins(c, holder)) {
        // joins the field
      } else if (field === 'startDate' && !taken.has('endDate') && c.col.plan.index > holder.plan.index) {
        // A second start-date column to the right of the first: the end date ("Date" … "Date", or two date columns).
        field = 'endDate';
      } else {
        continue;
      }
    }
    const plan = c.col.plan;
    plan.field = field;
    plan.how = c.how;
    plan.confidence = round(c.score);
    // Re-assigned: the reason leads with the field the column went to; the start date its heading suggested is named
    // as such, not left reading as the column's field.
    plan.reason = field === c.field ? c.reason : `a second date column after the start date → end date (${c.reason.replace(/→ start date\b/, '→ a date, taken first as the start date')})`;
    if (!taken.has(field)) taken.set(field, c.col);
    done.add(c.col);
  }
  for (const d of drafts) {
    if (done.has(d) || d.plan.how === 'override') continue;
    d.plan.field = null;
    d.plan.how = d.reading === null ? 'unmapped' : d.plan.how === 'unmapped' ? 'unmapped' : d.plan.how;
    d.plan.confidence = d.reading === null ? 0 : round(d.reading.score);
    if (d.plan.reason === '') d.plan.reason = unmappedReason(d, taken);
  }
  personNames(drafts);
}

function unmappedReason(d: Draft, taken: Map<RecordField, Draft>): string {
  // Its best candidate went to another column: say which.
  const best = d.candidates[0];
  const holder = best && !best.reason.startsWith('content:') ? taken.get(best.field) : undefined;
  if (best && holder && holder !== d) return `${best.reason}, but column ${holder.plan.letter} ("${holder.plan.heading}") was taken for the ${fieldLabel(best.field)}`;
  if (d.refused !== undefined) return d.refused;
  const r = d.reading;
  if (r !== null && r.field !== null) {
    const other = taken.get(r.field);
    return other ? `${r.reason}, but column ${other.plan.letter} ("${other.plan.heading}") was taken for it` : r.reason;
  }
  const kind = dominantKind(d.profile);
  if (d.profile.values === 0) return 'no values under the heading';
  return kind ? `heading names no record field; ${kind.count} of ${d.profile.values} values are ${kind.kind}` : 'heading names no record field, and the values are of no one kind';
}

/** "Name" beside another activity-name column ("Activity", "Course title") is the member's name, not the activity's. */
/** The date fields an activity's own dates go to. */
const ACTIVITY_DATES: ReadonlySet<RecordField> = new Set(['startDate', 'endDate']);

/**
 * When a row was written is not when the activity was done. Beside a column of plain dates that a heading gives to
 * the activity (an MS Forms "Date of the activity"), columns whose every value carries a time of day ("Start time",
 * "Completion time": `1/16/26 20:41:10`, when the member opened and sent the form) are the entry's own timestamps:
 * they lose their claim on the start and end dates and are kept in extras, named. (Google Forms' "Timestamp" is
 * the same thing, known by its heading; MS Forms and survey tools write "Start time" and "Completion time".)
 */
function entryStamps(drafts: Draft[]): void {
  const plain = drafts.find(
    (d) => d.candidates.some((c) => c.fromHeading && ACTIVITY_DATES.has(c.field)) && d.profile.dayDates >= 2 && share(d.profile, d.profile.dayDates) >= 0.8 && d.profile.dateTimes === 0,
  );
  if (plain === undefined) return;
  // A plain column headed as the START ("Custom field (Start date)") leaves the end to another column: a stamped
  // column whose heading names the end ("Resolved", "Date completed") is the activity's end date, its time dropped
  // (a tracker's issue resolved when the activity was done). Beside "Date of the activity" the stamps stay stamps.
  const plainIsStart = headingConcepts(plain.plan.heading).has('start');
  for (const d of drafts) {
    if (d === plain || d.profile.dateTimes < 2 || share(d.profile, d.profile.dateTimes) < 0.9) continue;
    if (!d.candidates.some((c) => ACTIVITY_DATES.has(c.field))) continue;
    if (plainIsStart && d.candidates.some((c) => c.fromHeading && c.field === 'endDate') && !headingConcepts(d.plan.heading).has('start')) {
      d.candidates = d.candidates.filter((c) => c.field !== 'startDate');
      continue;
    }
    d.candidates = d.candidates.filter((c) => !ACTIVITY_DATES.has(c.field));
    d.stamp = true;
    d.plan.reason = `every value is a date with a time of day, beside column ${plain.plan.letter} ("${plain.plan.heading}") of plain dates: when the entry was written (a form's start or completion time), not the activity's date`;
  }
}

/** The concepts a heading's words name ("Custom field (Start date)" → date, start). */
function headingConcepts(heading: string): Set<string> {
  const hw = headingWords(heading);
  return new Set([...hw.words, ...hw.note].flatMap((w) => conceptsOf(w, false, false)));
}

function personNames(drafts: Draft[]): void {
  const names = drafts.filter((d) => d.plan.field === 'activityName');
  if (names.length < 2) return;
  for (const d of names) {
    if (d.plan.how !== 'override' && PERSON_HEADINGS.has(normaliseHeading(d.plan.heading))) {
      d.plan.field = null;
      d.plan.how = 'unmapped';
      d.plan.reason = `"${d.plan.heading}" beside another activity-name column names a person`;
    }
  }
}

/**
 * No column names the activity: a description column of short, title-like values is the activity name (a column
 * of course titles headed "Details" read as descriptions left every record without a name), else the best
 * column of short, nearly all different texts that went to no field.
 */
function namelessFallback(drafts: Draft[]): void {
  if (drafts.some((d) => d.plan.field === 'activityName')) return;
  const titleLike = (p: ColumnProfile): boolean => p.values > 0 && share(p, p.titleLike) >= 0.7 && p.meanWords <= 10 && p.distinct >= Math.max(2, p.values * 0.5);
  // A description column of titles, or an activity-type column whose values are each a different title ("The type of
  // activity you undertook and what it was": "Formal learning – IOSH Managing Safely course").
  const described = drafts.filter((d) => d.plan.how !== 'override' && titleLike(d.profile) &&
    (d.plan.field === 'description' || (d.plan.field === 'activityType' && d.profile.meanWords >= 3 && d.profile.distinct === d.profile.values && d.profile.values >= 3)));
  const prose = drafts.some((d) => (d.plan.field === 'description' || d.plan.field === 'reflection') && !described.includes(d));
  if (described.length > 0 && (prose || described[0]!.profile.meanWords <= 8)) {
    const d = described[0]!;
    d.plan.field = 'activityName';
    d.plan.how = 'content';
    d.plan.confidence = 0.65;
    d.plan.reason = `${d.plan.reason}; but ${countOf(d.profile, d.profile.titleLike, 'short, title-like texts')}${d.profile.distinct === d.profile.values ? ', each different,' : ''} and no column names the activity, so it is the activity name`;
    return;
  }
  const spare = drafts
    .filter((d) => d.plan.field === null && d.plan.how !== 'override' && (d.reading === null || d.reading.score < 0.7 || refusedName(d)) && titleLike(d.profile) && share(d.profile, d.profile.ids + d.profile.urls + d.profile.emails) < 0.3)
    .sort((a, b) => Number(refusedName(b)) - Number(refusedName(a)) || b.profile.distinct - a.profile.distinct || a.plan.index - b.plan.index)[0];
  if (spare) {
    spare.plan.field = 'activityName';
    spare.plan.how = 'content';
    spare.plan.confidence = 0.5;
    const named = refusedName(spare) ? `; the heading names the name of each row's item (${spare.refused!})` : '';
    spare.plan.reason = `content: ${countOf(spare.profile, spare.profile.titleLike, 'short, title-like texts')}, and no column names the activity${named}`;
  }
}

/**
 * A heading naming the NAME of a thing whose field its content refused ("Competence Name" over "Fire Safety - 2
 * Years", no UK-SPEC codes): the names of what was done, the activity name when no column names the activity.
 */
function refusedName(d: Draft): boolean {
  return d.refused !== undefined && headingConcepts(d.plan.heading).has('name');
}

/** Heading words of a plan's intention: "Design: planned action", "Proposed activity", "Intended learning". */
const PLANNED_RE = /\b(plann?ed|planning|proposed|intended|intention|design)\b/i;
/** Heading words of what was actually done: "Act: what I did", "Activity undertaken", "Actual activity". */
const DONE_RE = /\b(did|done|undertaken|completed|carried out|actual)\b/i;

/**
 * A log laid out as a learning cycle (CIMA's Define / Assess / Design / Act / Reflect / Evaluate; plan–do–review
 * forms) has both a "planned action" and a "what I did" column. On a dated log the activity is what was done: the
 * planned column gives way to it (and becomes the objective if no column holds one, else stays in extras).
 */
function doneOverPlanned(drafts: Draft[]): void {
  const planned = drafts.find((d) => d.plan.field === 'activityName' && d.plan.how !== 'override' && PLANNED_RE.test(d.plan.heading) && !DONE_RE.test(d.plan.heading));
  if (planned === undefined) return;
  const done = drafts.find((d) => d !== planned && d.plan.how !== 'override' && (d.plan.field === 'description' || d.plan.field === null) && DONE_RE.test(d.plan.heading) && !PLANNED_RE.test(d.plan.heading) &&
    share(d.profile, d.profile.titleLike + d.profile.prose) >= 0.6);
  if (done === undefined) return;
  // Dated activities (a start or end date, not a target date) are done ones: a plan's table keeps its planned action.
  if (!drafts.some((d) => (d.plan.field === 'startDate' || d.plan.field === 'endDate') && share(d.profile, d.profile.dates) >= 0.6)) return;
  done.plan.field = 'activityName';
  done.plan.how = 'words';
  done.plan.confidence = 0.8;
  done.plan.reason = `heading "${done.plan.heading}" says what was done, and the rows are dated: on a log the activity is what was done, not what was planned`;
  const objectiveFree = !drafts.some((d) => d.plan.field === 'objective');
  planned.plan.field = objectiveFree ? 'objective' : null;
  planned.plan.how = objectiveFree ? 'words' : 'unmapped';
  planned.plan.confidence = 0.7;
  planned.plan.reason = `heading "${planned.plan.heading}" names what was planned; the activity done is in column ${done.plan.letter} ("${done.plan.heading}")${objectiveFree ? ', so the plan is the objective' : ', so the plan is kept in extras'}`;
}

/** The day a date cell names, as a key to compare cells of one row: a typed date, or the text before a time. */
function dayKey(c: Cell | undefined): string | null {
  if (typeof c === 'object' && c !== null && c.date !== undefined) return c.date;
  const t = cellText(c).trim();
  if (t === '' || !/\d/.test(t)) return null;
  return t.split(/[\sT,]+/)[0] ?? null;
}

/**
 * The start date column whose dates stand apart from the row's other dates, when another column's agree with them:
 * a report's "SessionDate" (when the session was created, weeks before) beside the room's opening and closing and
 * the attendee's first join and last leave, all on the day of the activity (trial 2: Blackboard Collaborate). The
 * activity's day is where a row's dates agree; the column that agrees with them and whose heading names a start
 * ("First join time") takes the start date, and the other is kept in extras. Our rule: a start column that matches
 * no other date of its row on four rows in five, beside one that matches another on four in five.
 */
function startApartFromTheRow(drafts: Draft[]): void {
  const start = drafts.find((d) => d.plan.field === 'startDate' && d.plan.how !== 'override');
  if (start === undefined) return;
  // The entry's own timestamps agree with each other, not with the activity: they are no evidence here.
  const dated = drafts.filter((d) => d.plan.how !== 'override' && d.stamp !== true && share(d.profile, d.profile.dates) >= 0.8);
  if (dated.length < 3) return;
  const rows = start.rows.slice(0, 60);
  const agreement = (d: Draft): number => {
    let filled = 0;
    let agree = 0;
    for (const r of rows) {
      const k = dayKey(r.cells[d.plan.index]);
      if (k === null) continue;
      filled++;
      if (dated.some((o) => o !== d && dayKey(r.cells[o.plan.index]) === k)) agree++;
    }
    return filled < 2 ? -1 : agree / filled;
  };
  const own = agreement(start);
  if (own < 0 || own > 0.2) return;
  const other = dated.find((d) => d !== start && d.reading?.field === 'startDate' && agreement(d) >= 0.8);
  if (other === undefined) return;
  const wasEnd = other.plan.field === 'endDate';
  other.plan.field = 'startDate';
  other.plan.how = 'content';
  other.plan.confidence = 0.75;
  other.plan.reason = `${other.reading!.reason}; its dates agree with the row's other dates (the day of the activity), while column ${start.plan.letter} ("${start.plan.heading}") matches none of them`;
  start.plan.field = null;
  start.plan.how = 'unmapped';
  start.plan.confidence = 0.7;
  start.plan.reason = `${start.plan.reason}; but on ${Math.round((1 - own) * 100)}% of rows its date matches no other date of the row (a date the record was made, not the activity's): column ${other.plan.letter} ("${other.plan.heading}") dates the activity`;
  // The end date it held goes to the column whose heading names an end and whose dates agree with the row's.
  const end = wasEnd ? dated.find((d) => d.plan.field === null && d.reading?.field === 'endDate' && agreement(d) >= 0.8) : undefined;
  if (end !== undefined) {
    end.plan.field = 'endDate';
    end.plan.how = 'content';
    end.plan.confidence = 0.65;
    end.plan.reason = `${end.reading!.reason}; ${countOf(end.profile, end.profile.dates, 'dates')}, on the day of the activity`;
  }
}

/** Record-keeping dates that still say when the learning was done: a view, an access, a launch. */
const LEARNING_ACCESS_RE = /\b(view(ed)?|access(ed)?|launch(ed)?|watch(ed)?|play(ed)?)\b/i;

/**
 * No column dates the activities, but one dates the learner's use of it ("View date" in a usage report, one row
 * per viewing): that column gives the start date, on weak evidence (an `inferred` gap on each value). Enrolment,
 * creation or expiry dates never do.
 */
function undatedFallback(drafts: Draft[]): void {
  if (drafts.some((d) => d.plan.field === 'startDate' || d.plan.field === 'endDate' || d.plan.field === 'targetDate')) return;
  const d = drafts.find((x) => x.plan.field === null && x.plan.how !== 'override' && x.reading?.what?.startsWith('a record-keeping') === true &&
    LEARNING_ACCESS_RE.test(x.plan.heading) && !/\blast\b/i.test(x.plan.heading) && share(x.profile, x.profile.dates) >= 0.7);
  if (d === undefined) return;
  d.plan.field = 'startDate';
  d.plan.how = 'content';
  d.plan.confidence = 0.55;
  d.plan.reason = `${d.reading!.reason}; but no other column dates the activities and ${countOf(d.profile, d.profile.dates, 'dates')} of the learner's use of it`;
}

/**
 * A log with no date column but a "Month" (or "Week", "Period") column of dates ("January 2024", "w/c 8 Jan"):
 * that column gives the start date, decided by content — most of its values read as dates (Word/PDF trial 2: the
 * months went to extras and every row was flagged as undated). Not when any column is already a date column.
 */
function datedByPeriodColumn(drafts: Draft[], dataRows: readonly ExtractedRow[]): void {
  if (drafts.some((d) => d.plan.field === 'startDate' || d.plan.field === 'endDate' || d.plan.field === 'targetDate')) return;
  for (const d of drafts) {
    const c = d.plan;
    if (c.field !== null || c.how === 'override' || !PERIOD_HEADINGS.has(normaliseHeading(c.heading))) continue;
    let seen = 0;
    let dates = 0;
    for (const r of dataRows) {
      const cell = r.cells[c.index];
      const t = cellText(cell).trim();
      if (t === '') continue;
      seen++;
      if ((typeof cell === 'object' && cell !== null && cell.date !== undefined) || parseDate(t, { order: 'dmy' }).ok) dates++;
      if (seen >= 200) break;
    }
    if (seen > 0 && dates * 10 >= seen * 6) {
      c.field = 'startDate';
      c.how = 'content';
      c.confidence = 0.7;
      c.reason = `heading "${c.heading}" dates the rows; ${dates} of ${seen} values are dates`;
      return;
    }
  }
}

/**
 * A set of tick-box columns, one per category (`T | W | A | V | E | S`, or `Training | Work experience | Events`),
 * each holding ticks and blanks (`☒` / `☐`, `✓`, `x`, `yes` / `no`): together they are the TWAVES category, the
 * heading of the column ticked on a row (build.ts `tickedCategory`). Two or more such columns naming different
 * categories, and no column already mapped to the category. Trial 5: six checkbox columns were left unmapped.
 */
function tickedCategoryColumns(drafts: Draft[]): void {
  if (drafts.some((d) => d.plan.field === 'twaves')) return;
  // A heading may have taken the column for a name ("Training", "Events"): ticks name nothing, so they are the category.
  tickColumns(drafts, 'twaves', ['activityName', 'activityType'], (h) => parseTwaves(h, true), (k) => `names the TWAVES category ${k}`, "a row's category is the column ticked");
}

/**
 * Columns of tick boxes whose headings are values of one field (`keyOf`: the TWAVES letter, the UK-SPEC code), two
 * or more different ones, each holding only ticks and blanks: set to that field (build.ts reads the ticked headings).
 * `from`: fields a heading may have taken such a column for, given up to the ticks.
 */
function tickColumns(drafts: Draft[], field: RecordField, from: readonly RecordField[], keyOf: (heading: string) => string | null, names: (key: string) => string, reads: string): void {
  const ticks = drafts.filter((d) => (d.plan.field === null || d.plan.field === field || from.includes(d.plan.field)) && d.plan.how !== 'override' && d.profile.values > 0 && d.profile.yesNo === d.profile.values && keyOf(d.plan.heading) !== null);
  if (new Set(ticks.map((d) => keyOf(d.plan.heading))).size < 2) return;
  for (const d of ticks) {
    const c = d.plan;
    c.field = field;
    c.how = 'content';
    c.confidence = 0.9;
    c.reason = `heading "${c.heading}" ${names(keyOf(c.heading)!)} and ${d.profile.values} of ${d.profile.values} values are tick boxes: ${reads}`;
  }
}

/** The one UK-SPEC code a heading is (`A1`, `B3 (design)`), or null. */
function codeOfHeading(heading: string): string | null {
  if (!/^[A-Ea-e][1-5]\b/.test(heading.trim())) return null;
  const u = parseUkSpec(heading);
  return u.codes.length === 1 && u.unknown.length === 0 ? u.codes[0]! : null;
}

/**
 * UK-SPEC tick-box columns (`A1 | A2 | B1 | … | E5` holding ticks and blanks): two or more columns headed by
 * different codes, each holding only tick marks, are the record's UK-SPEC codes, those of the columns ticked
 * (build.ts `tickedCodes`). A column already mapped to UK-SPEC by heading ("UK-SPEC") leaves them alone.
 */
function tickedCodeColumns(drafts: Draft[]): void {
  if (drafts.some((d) => d.plan.field === 'ukSpec' && codeOfHeading(d.plan.heading) === null)) return;
  tickColumns(drafts, 'ukSpec', [], codeOfHeading, (k) => `is the UK-SPEC code ${k}`, "a row's codes are the columns ticked");
}

/**
 * Beside a set of hours columns split by month or category, any other hours column (or a "Total" column of numbers)
 * is their total: read only where they are empty, and checked against their sum (build.ts).
 */
function totalAsFallback(drafts: Draft[], parts: readonly Draft[], what: string): void {
  for (const d of drafts) {
    if (d.plan.field === 'hours' && !parts.includes(d) && d.plan.how !== 'override') {
      d.plan.fallback = true;
      d.plan.reason += `; read only where the ${what} columns are empty, and checked against their sum`;
    }
  }
  const total = drafts.find((d) => d.plan.field === null && !parts.includes(d) && /^(total|total hours|hours|sum|year total|annual total|ytd)$/i.test(normaliseHeading(d.plan.heading)) && d.profile.values > 0 && d.profile.numbers + d.profile.hoursLike >= d.profile.values);
  if (total !== undefined && !drafts.some((d) => d.plan.fallback)) {
    const c = total.plan;
    c.field = 'hours';
    c.how = 'content';
    c.confidence = 0.8;
    c.fallback = true;
    c.reason = `heading "${c.heading}" totals the ${what} columns: read only where they are empty, and checked against their sum`;
  }
}

/** A category heading without its unit: "Training (hrs)" → "Training". */
function categoryOfHeading(heading: string): Twaves | null {
  return parseTwaves(heading.replace(/\s*[([]\s*(h|hrs?|hours?)\s*[)\]]\s*$/i, ''), true);
}

/**
 * Hours split by TWAVES category (`T | W | A | V | E | S`, `Training (hrs) | Events (hrs)`, each holding hours): two
 * or more columns headed by different categories, holding only numbers or durations, and no column already mapped to
 * the category. A row's hours are the sum of its categories and its category the one with hours (build.ts
 * `categoryHours`); the tick-box form of the same layout is {@link tickedCategoryColumns}.
 */
function categoryHourColumns(drafts: Draft[]): void {
  if (drafts.some((d) => d.plan.field === 'twaves')) return;
  const p = (d: Draft): ColumnProfile => d.profile;
  const cats = drafts.filter((d) => (d.plan.field === null || d.plan.field === 'activityName' || d.plan.field === 'activityType' || d.plan.field === 'hours') && d.plan.how !== 'override' && p(d).values > 0 && p(d).numbers + p(d).hoursLike + p(d).unitHours + p(d).clockTimes >= p(d).values && categoryOfHeading(d.plan.heading) !== null);
  if (new Set(cats.map((d) => categoryOfHeading(d.plan.heading))).size < 2) return;
  for (const d of cats) {
    const c = d.plan;
    c.field = 'hours';
    c.how = 'content';
    c.confidence = 0.85;
    c.category = categoryOfHeading(c.heading)!;
    delete c.fallback;
    c.reason = `heading "${c.heading}" names the TWAVES category ${c.category} over numbers: one of ${cats.length} category columns of hours; a row's category is the column with hours`;
  }
  totalAsFallback(drafts, cats, 'category');
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A heading naming one month: `Jan`, `January`, `Sept`, `Jan 2026`, `Jan-26`, `January (h)`. */
const MONTH_HEADING = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:[\s'’-]+(\d{2}|\d{4}))?(?:\s*\((?:h|hrs?|hours?)\))?$/i;

/** The month (and year) a heading names, or null. Full names must be spelt right (`Mayor` is no month). */
function monthOfHeading(heading: string): { month: number; year?: number; next?: true } | null {
  const m = MONTH_HEADING.exec(heading.trim());
  if (!m) return null;
  const word = heading.trim().split(/[\s'’.(-]/)[0]!.toLowerCase();
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const k = MONTH_NAMES.indexOf(m[1]!.toLowerCase().slice(0, 3));
  if (word.length > 4 && word !== 'sept' && full[k] !== word) return null;
  const out: { month: number; year?: number; next?: true } = { month: k + 1 };
  if (m[2] !== undefined) out.year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return out;
}

/**
 * Month columns of hours (`Jan | Feb | … | Dec`, an accountant's CPD hours by month): three or more columns
 * headed by months in calendar order, holding only numbers, are the hours, added up per row and dated by the
 * first month with hours (build.ts `monthHours`). Whatever else was read into them by heading ("Mar" as a mark,
 * "Dec" as a date) gives way; another hours column ("Total") is then read only where the months are empty, and
 * checked against their sum. Trial 5: the first month's column alone was read as the hours.
 */
function monthColumns(drafts: Draft[]): void {
  const p = (d: Draft): ColumnProfile => d.profile;
  const months = drafts.filter((d) => d.plan.how !== 'override' && monthOfHeading(d.plan.heading) !== null && (p(d).values === 0 || p(d).numbers + p(d).hoursLike + p(d).unitHours + p(d).clockTimes >= p(d).values));
  if (months.length < 3) return;
  const order = months.map((d) => monthOfHeading(d.plan.heading)!);
  // Calendar order, or a year that starts in another month (Apr … Mar, a financial year): one turn of the year,
  // after which the months without a year of their own fall in the next year (`next`).
  let turned = false;
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1]!;
    const b = order[i]!;
    if (a.year !== undefined && b.year !== undefined) {
      if (b.year * 12 + b.month <= a.year * 12 + a.month) return;
      continue;
    }
    if (b.month > a.month) {
      if (turned) b.next = true;
      continue;
    }
    if (turned || b.month === a.month) return;
    turned = true;
    b.next = true;
  }
  asPeriodColumns(drafts, months, order, 'month');
}

/**
 * Sets month or day columns to hours, each with its period (`ColumnPlan.month`), and any other hours or total column
 * to their fallback ({@link totalAsFallback}).
 */
function asPeriodColumns(drafts: Draft[], parts: readonly Draft[], order: ReadonlyArray<NonNullable<ColumnPlan['month']>>, what: 'month' | 'day'): void {
  parts.forEach((d, i) => {
    const c = d.plan;
    c.field = 'hours';
    c.how = 'content';
    c.confidence = 0.85;
    c.month = order[i]!;
    c.reason = `one of ${parts.length} ${what} columns (${parts[0]!.plan.heading} … ${parts[parts.length - 1]!.plan.heading}) of numbers: a row's hours are the sum of its ${what}s, dated from the first with hours`;
  });
  totalAsFallback(drafts, parts, what);
}

/** The day and month a timesheet's day heading names, day first (`Mon 09/03`, `9 Mar`, `Tue 10/03/2026`), or null. */
function dayOfHeading(heading: string): { month: number; day: number; year?: number; next?: true } | null {
  if (!isDayHeading(heading)) return null;
  const n = /(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?/.exec(heading);
  const w = /(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.exec(heading);
  const day = Number(n?.[1] ?? w?.[1]);
  const month = n ? Number(n[2]) : w ? MONTH_NAMES.indexOf(w[2]!.toLowerCase()) + 1 : NaN;
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  const out: { month: number; day: number; year?: number; next?: true } = { month, day };
  if (n?.[3] !== undefined) out.year = n[3].length === 2 ? 2000 + Number(n[3]) : Number(n[3]);
  return out;
}

/**
 * Day columns of hours (a timesheet grid's `Mon 09/03 | … | Fri 13/03`, map/timesheet.ts; its learning lines are the
 * CPD): five or more columns headed by dated days in order, holding only numbers, are the hours, added up per row and
 * dated from the first day with hours to the last (build.ts `monthHours`, the year from the title or sheet name); a
 * total column is the fallback. Days named by weekday alone date nothing and are left to the total.
 */
function dayColumns(drafts: Draft[]): void {
  const p = (d: Draft): ColumnProfile => d.profile;
  const days = drafts.filter((d) => d.plan.how !== 'override' && dayOfHeading(d.plan.heading) !== null && (p(d).values === 0 || p(d).numbers + p(d).hoursLike + p(d).unitHours + p(d).clockTimes >= p(d).values));
  if (days.length < DAY_GRID_COLUMNS) return;
  const order = days.map((d) => dayOfHeading(d.plan.heading)!);
  const key = (o: { month: number; day: number; next?: true }): number => (o.next ? 12 * 32 : 0) + o.month * 32 + o.day;
  let turned = false;
  for (let i = 1; i < order.length; i++) {
    // A week across the turn of the year (Mon 29/12 … Sun 04/01): the days after it fall in the next year.
    if (order[i]!.month < order[i - 1]!.month) turned = true;
    if (turned) order[i]!.next = true;
    if (key(order[i]!) <= key(order[i - 1]!)) return;
  }
  asPeriodColumns(drafts, days, order, 'day');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
