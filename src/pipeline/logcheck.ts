/**
 * "Is this a CPD log?" (issue 9, scope 4): weighs the evidence that a file holds a log of CPD activities against the
 * evidence that it is something else that merely looks like one — a certificate (or a list of credentials), a form,
 * prose, source code, a blank template, a course catalogue or price list, an invoice or statement of account, a
 * meeting agenda or event programme, a CV.
 *
 * The product is scored on real files nobody here has seen, and dropping a real log is far worse than letting a
 * doubtful file through (issue 9). So a file is judged "not a log" only when the evidence against is clear AND the
 * evidence for is weak; anything in between is read as a log. Each kind of evidence is a mechanism over the shape
 * of the content (share of lines ending in `;`, ascending times of day, a column of prices beside a column of
 * codes, label/value pairs whose labels name no CPD field, …) with a few concept words where only a word can tell
 * (invoice, agenda, certify); no file's phrases are listed.
 *
 * Evidence for a log: rows with a date (done or target) and an activity, hours, reflections, UK-SPEC codes, CPD
 * words in the titles ("CPD record", "learning log"), a labelled block naming several CPD fields (a one-activity
 * CPD record form). Rows without dates count a little, and only so far: a catalogue also has names and hours.
 *
 * Used by `recordsFromExtraction` (src/pipeline/import.ts): {@link gatherEvidence} before mapping (tables release
 * their rows while records are built), {@link judgeLog} after the records are built. Pure functions; no I/O.
 */
import { gap, type CpdRecord, type Gap, type RecordField } from '../domain/index.js';
import { matchHeading } from './headings.js';
import { DAY_GRID_COLUMNS, isDayHeading, namesLearning } from './map/timesheet.js';
import { parseDate } from './normalise/dates.js';
import { cellText, UNLABELLED, type Cell, type Extraction, type LabelledBlock } from './types.js';

/** What a file that is not a CPD log looks like. */
export type LooksLike =
  | 'certificate'
  | 'form'
  | 'prose'
  | 'code'
  | 'template'
  | 'catalogue'
  | 'invoice'
  | 'agenda'
  | 'minutes'
  | 'cv'
  | 'job'
  | 'letter'
  | 'measurements'
  | 'survey'
  | 'timesheet'
  | 'timetable'
  | 'journeys'
  | 'media'
  | 'teaching'
  | 'requirements';

/**
 * The decision about one file (or one table of it): `isLog`, what it looks like when it is not one (or, for a
 * log, a part of it that is not), and the evidence weighed, each a short clause for a reviewer.
 */
export interface LogVerdict {
  isLog: boolean;
  looksLike?: LooksLike;
  evidence: string[];
}

/** Rows sampled per table for the judgement (our choice: the shape of a table shows in its first rows). */
const SAMPLE_ROWS = 300;
/** Lines of text looked at (our choice, as above). */
const SAMPLE_LINES = 600;

/** One table as the judge sees it: its name, title lines, the header it appears to have, and typed columns. */
export interface TableEvidence {
  /** `sheet 'Course catalogue'`, `table 2`, `the table on page 3`, the CSV file name. */
  where: string;
  /** Text above the header row (a title block). */
  titles: string[];
  /** The header cells (trimmed; '' for empty), or [] when no header row was found. */
  header: string[];
  /** Record fields the header names (by the heading synonyms). */
  headerFields: Set<RecordField>;
  /** Data rows under the header (sampled). */
  rows: number;
  /** Data rows that hold only placeholder text ("e.g. …", "dd/mm/yyyy", "[Your name]") or are blank. */
  placeholderRows: number;
  /** Of those, the blank ones. */
  blankRows: number;
  /** Data rows any of whose texts names learning (a course, training, CPD, a webinar…): the learning lines of a timesheet. */
  learningRows: number;
  /**
   * Three columns of numbers of which one is, on every row that has all three, the first less the second
   * (`Required` − `Posted` = `Remaining`): a table of progress against a requirement. Absent when none.
   */
  balance?: { total: string; done: string; left: string; rows: number };
  columns: ColumnEvidence[];
}

/** The values of one column of a sampled table, typed. */
export interface ColumnEvidence {
  heading: string;
  values: number;
  dates: number;
  timesOfDay: number;
  /** Times of day in strictly ascending order within the day (an agenda's running order). */
  ascendingTimes: boolean;
  money: number;
  codes: number;
  distinct: number;
  durations: number;
  /** Plain numbers (`2710`, `7.92`, `1,502.0`): no unit, no date, no code. */
  numbers: number;
  /** Values of three or more words (titles, descriptions). */
  wordy: number;
  /** Answers on a rating scale (`Excellent`, `Good`, `Strongly agree`, `Very satisfied`, `4 stars`). */
  ratings: number;
  /** IP addresses (`81.2.69.142`): a survey tool's record of who answered. */
  ips: number;
  /** Person names as a minutes' owner column writes them (`D. Lloyd`, `Megan Okafor`, `HP`). */
  people: number;
  /** Days of the week with no date (`Monday`, `Tue`): a weekly schedule's day column. */
  weekdays: number;
  /** Spans between two times of day (`09:00–11:00`, `2pm - 4pm`). */
  timeSpans: number;
  examples: string[];
}

/** Everything the judge weighs, gathered from an extraction before its tables are consumed by mapping. */
export interface LogEvidence {
  /** The file name as reported. */
  file: string;
  /** Lines of running text (trimmed, blank lines dropped), sampled. */
  lines: string[];
  /** The same lines with their leading white space (indentation is evidence of code). */
  rawLines: string[];
  tables: TableEvidence[];
  blocks: readonly LabelledBlock[];
  /** The extraction already said why it holds no activity (a summary certificate, an unread scan). */
  explained: boolean;
}

/**
 * Gathers the evidence of an extraction: the text lines, a typed sample of each table, the labelled blocks.
 * Call it before mapping (mapping releases the tables' rows). Reads at most {@link SAMPLE_ROWS} rows per table and
 * {@link SAMPLE_LINES} lines of text, so it costs the same for a 50,000-row log as for a 50-row one.
 */
export function gatherEvidence(ex: Extraction, file: string): LogEvidence {
  const rawLines: string[] = [];
  const text = ex.text ?? '';
  let from = 0;
  while (from <= text.length && rawLines.length < SAMPLE_LINES) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const l = text.slice(from, to).replace(/\r$/, '');
    if (l.trim() !== '') rawLines.push(l);
    from = to + 1;
  }
  return {
    file,
    rawLines,
    lines: rawLines.map((l) => l.trim()),
    tables: ex.tables.map((t, i) => tableEvidence(t.rows.slice(0, SAMPLE_ROWS + 20).map((r) => r.cells), tableWhere(t.name, t.sheet, t.table ?? i + 1, t.page, ex.tables.length))),
    blocks: ex.blocks,
    explained: ex.gaps.some((g) => g.code === 'no_activities'),
  };
}

function tableWhere(name: string, sheet: string | undefined, n: number, page: number | undefined, count: number): string {
  if (sheet !== undefined) return `sheet '${sheet}'`;
  if (page !== undefined) return `the table on page ${page}`;
  if (/^table \d+$/i.test(name)) return `table ${n}`;
  return count > 1 ? `table ${n}` : 'the table';
}

// ---------------------------------------------------------------------------------------------------------------
// Value shapes.

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const TIME_OF_DAY = /^([01]?\d|2[0-3])[:.]([0-5]\d)(\s?([ap])\.?m\.?)?$|^(1[0-2]|0?[1-9])\s?([ap])\.?m\.?$/i;
const MONEY = /^[£$€]\s?\d[\d,]*(\.\d{1,2})?$|^\d{1,3}(,\d{3})+(\.\d{2})?$|^\d[\d,]*\.\d{2}\s?(gbp|usd|eur)$/i;
const MONEY_IN_TEXT = /[£$€]\s?\d[\d,]*(\.\d{2})?|\b\d{1,3}(,\d{3})+\.\d{2}\b/g;
/** A product or course code: letters then digits (`PS101`, `CB-1001`, `INV-20417`), digits then letters. */
const CODE = /^(?=.*\d)(?=.*[A-Z])[A-Z]{1,5}[-_/ ]?\d{2,7}[A-Z]?$|^\d{2,6}[-_]?[A-Z]{1,4}$/;
const DURATION = /^(\d+([.,]\d+)?|half|one|two|three|four|five)[\s-]*(days?|hours?|hrs?|h|weeks?|wks?|mins?|minutes?|sessions?|modules?)$/i;
/**
 * Headings of dates that are not the member's activity: paperwork (a price list's "Last updated", an invoice's due
 * date) and a catalogue's schedule ("Next session", "Upcoming dates").
 */
const NOT_ACTIVITY_DATE = /\b(updated|modified|created|added|printed|exported|issued|valid|expir\w*|effective|published|revised|reviewed|approved|invoice|birth|dob|next|upcoming|available|scheduled|intake|runs?|running)\b/i;
/** Text that stands in for a value a template asks for. */
const PLACEHOLDER = /^(e\.?\s?g\.?[\s:,]|example\s*[:\-–—(]|for example\b|sample\s*[:\-–—]|\[[^\]]*\]$|<[^>]*>$|\(?(dd|d)[/.-](mm|m)[/.-](yy|yyyy)\)?$|\(?(mm|m)[/.-](dd|d)[/.-](yy|yyyy)\)?$|yyyy([/.-]mm([/.-]dd)?)?$|(enter|write|type|insert|add|describe|list|state|give)\s+(your|the|a|an|here|details)\b|.*\bhere\.?$|x+(\.x+)?$|0?0:00$)/i;
/** A worked example in a template row. */
const EXAMPLE = /^(e\.?\s?g\.?[\s:,]|example\s*[:\-–—(]|for example\b|sample\s*[:\-–—]|\[)/i;
/** A list of options offered for a choice ("Course / Webinar / Reading / Event"). */
const OPTIONS = /^[^/]{2,25}(\s\/\s[^/]{2,25}){2,}$/;
const WORD = /[A-Za-z\u00c0-\u024f]{2,}/g;
/** An answer on a rating (Likert) scale: what a feedback survey asks its respondents, never a CPD field. */
const RATING = /^((very |extremely |somewhat |quite |not (at all |very )?)?(good|poor|satisfied|dissatisfied|unsatisfied|likely|unlikely|useful|helpful|relevant)|excellent|outstanding|fair|average|satisfactory|unsatisfactory|neutral|neither\b.*|(strongly |somewhat )?(agree|disagree)|[1-5]\s*(stars?|\/\s*5|out of 5)|★{1,5}☆*)$/i;
const IP_ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}$/i;
/** A person as an owner column names one: initials and a surname (`D. Lloyd`, `D Lloyd`), a first and last name, initials (`HP`). */
const PERSON = /^((\p{Lu}\.?\s?){1,3}\s?\p{Lu}[\p{Ll}'’-]+(-\p{Lu}[\p{Ll}'’-]+)?|\p{Lu}[\p{Ll}'’-]+\s(\p{Lu}\.?\s)?\p{Lu}[\p{Ll}'’-]+|\p{Lu}{2,3})$/u;
/** Roles, teams and the member themself, which an owner or "who" column of a plan names instead of people. */
const ROLE = /\b(me|myself|self|manager|mentor|coach|supervisor|team|lead|leader|director|department|trainer|tutor|hr|l&d|colleague|line|head|all)\b/i;

function isDateValue(c: Cell): boolean {
  if (c !== null && typeof c === 'object' && c.date !== undefined) return true;
  const t = cellText(c).trim();
  if (t.length < 4 || t.length > 40 || !/\d/.test(t)) return false;
  const p = parseDate(t, { order: 'dmy' });
  return p.ok;
}

function isPlaceholder(t: string): boolean {
  const s = t.trim();
  return s !== '' && (PLACEHOLDER.test(s) || OPTIONS.test(s));
}

/** A text of three words or more that is not a placeholder: a reflection worth the name. Cheap (no word list). */
function isWritten(t: string | null): boolean {
  return t !== null && THREE_WORDS.test(t) && !isPlaceholder(t);
}
const THREE_WORDS = /[A-Za-z\u00c0-\u024f]{2,}\S*\s+\S+\s+\S*[A-Za-z\u00c0-\u024f]{2,}/;

function words(t: string): number {
  return (t.match(WORD) ?? []).length;
}

function quote(t: string, max = 60): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables.

/** A cell that reads as a heading: short text, not a date, number or amount. */
function headingLike(t: string): boolean {
  if (t === '' || t.length > 80) return false;
  if (/^[\d\s.,:/£$€%()-]+$/.test(t)) return false;
  return !MONEY.test(t) && !TIME_OF_DAY.test(t);
}

/** Types the columns of a table sample (rows include title rows and the header). */
export function tableEvidence(rows: readonly (readonly Cell[])[], where: string): TableEvidence {
  const texts = rows.map((r) => r.map((c) => cellText(c).trim()));
  // The header: the first row (of the first 15) with two or more heading-like cells and nothing else, preferring one
  // that names record fields; rows above it are the title block.
  let header = -1;
  let fallback = -1;
  for (let i = 0; i < Math.min(texts.length, 15); i++) {
    const cells = texts[i]!.filter((t) => t !== '');
    if (cells.length < 2 || !cells.every(headingLike)) continue;
    if (fallback === -1) fallback = i;
    if (cells.filter((t) => matchHeading(t) !== null).length >= 2) {
      header = i;
      break;
    }
  }
  if (header === -1) header = fallback;
  const head = header === -1 ? [] : texts[header]!;
  const headerFields = new Set<RecordField>();
  for (const h of head) for (const f of matchHeading(h)?.fields.slice(0, 1) ?? []) headerFields.add(f);
  const data = rows.slice(header + 1, header + 1 + SAMPLE_ROWS);
  const width = Math.max(head.length, ...data.map((r) => r.length), 0);
  const columns: ColumnEvidence[] = [];
  for (let j = 0; j < width; j++) {
    const col: ColumnEvidence = { heading: head[j] ?? '', values: 0, dates: 0, timesOfDay: 0, ascendingTimes: false, money: 0, codes: 0, distinct: 0, durations: 0, numbers: 0, wordy: 0, ratings: 0, ips: 0, people: 0, weekdays: 0, timeSpans: 0, examples: [] };
    const seen = new Set<string>();
    let lastMinute = -1;
    let ascending = true;
    for (const r of data) {
      const c = r[j] ?? null;
      const t = cellText(c).trim();
      if (t === '') continue;
      col.values++;
      seen.add(t);
      if (col.examples.length < 3) col.examples.push(t);
      const tod = TIME_OF_DAY.exec(t);
      if (tod) {
        col.timesOfDay++;
        const minute = minuteOfDay(tod);
        if (minute <= lastMinute) ascending = false;
        lastMinute = minute;
      } else if (isDateValue(c)) col.dates++;
      if (MONEY.test(t)) col.money++;
      if (CODE.test(t)) col.codes++;
      if (DURATION.test(t)) col.durations++;
      if (/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(t) && !isDateValue(c)) col.numbers++;
      if (words(t) >= 3) col.wordy++;
      if (RATING.test(t)) col.ratings++;
      if (IP_ADDRESS.test(t)) col.ips++;
      if (PERSON.test(t) && !ROLE.test(t)) col.people++;
      if (WEEKDAY.test(t)) col.weekdays++;
      if (isTimeSpan(t)) col.timeSpans++;
    }
    col.distinct = seen.size;
    col.ascendingTimes = ascending && col.timesOfDay >= 3 && col.timesOfDay === col.values;
    columns.push(col);
  }
  let placeholderRows = 0;
  let blankRows = 0;
  let learningRows = 0;
  for (const r of data) {
    const cells = r.map((c) => cellText(c).trim()).filter((t) => t !== '');
    if (cells.length === 0) blankRows++;
    if (cells.some(namesLearning)) learningRows++;
    // Blank, only placeholders, or a worked example ("e.g. Webinar on …" beside a sample date and hours).
    if (cells.length === 0 || cells.every((t) => isPlaceholder(t) || /^(total( hours)?|0|0\.0+)$/i.test(t))) placeholderRows++;
    else if (cells.some((t) => EXAMPLE.test(t)) && cells.every((t) => EXAMPLE.test(t) || isPlaceholder(t) || words(t) <= 3)) placeholderRows++;
  }
  const balance = balanceColumns(data, head);
  return {
    ...(balance ? { balance } : {}),
    where,
    titles: texts.slice(0, Math.max(0, header)).flat().filter((t) => t !== ''),
    header: head,
    headerFields,
    rows: data.length,
    placeholderRows,
    blankRows,
    learningRows,
    columns,
  };
}

/**
 * Finds three columns of plain numbers where, on each of three or more rows that have all three, one is the first
 * less the second (`Required` 14.00, `Posted` 7.50, `Remaining` 6.50). Looks at most at 8 numeric columns.
 */
function balanceColumns(rows: readonly (readonly Cell[])[], head: readonly string[]): TableEvidence['balance'] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const values: (number | null)[][] = [];
  const numeric: number[] = [];
  for (let j = 0; j < width && numeric.length < 8; j++) {
    const col = rows.map((r) => {
      const t = cellText(r[j] ?? null).trim().replace(/,/g, '');
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
    });
    if (col.filter((v) => v !== null).length >= 3) {
      numeric.push(j);
      values[j] = col;
    }
  }
  // The balance is looked for from the right (a report puts what is left last), the total before what is done.
  for (const c of [...numeric].reverse()) {
    for (const a of numeric) {
      if (a === c) continue;
      for (const b of numeric) {
        if (b === a || b === c) continue;
        let n = 0;
        let both = false;
        let ok = true;
        for (let i = 0; i < rows.length && ok; i++) {
          const [x, y, z] = [values[a]![i], values[b]![i], values[c]![i]];
          if (x === null || x === undefined || y === null || y === undefined || z === null || z === undefined) continue;
          if (Math.abs(x - y - z) > 0.005) ok = false;
          else if (x !== 0) n++;
          // The identity must say something: on some row both parts are not nothing (no column of zeros).
          if (y !== 0 && z !== 0) both = true;
        }
        if (ok && both && n >= 3) return { total: head[a] ?? '', done: head[b] ?? '', left: head[c] ?? '', rows: n };
      }
    }
  }
  return undefined;
}

/** A day of the week on its own, with no date (`Monday`, `Tues`, `Thu.`). */
const WEEKDAY = /^(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|rsday|urday)?\.?$/i;

/** True for two times of day joined by a dash or "to" (`09:00–11:00`, `2pm - 4pm`, `10.00 to 13.00`). */
function isTimeSpan(t: string): boolean {
  const parts = t.split(/\s*(?:[-–—]|\bto\b)\s*/i);
  return parts.length === 2 && parts.every((p) => TIME_OF_DAY.test(p));
}

function minuteOfDay(m: RegExpExecArray): number {
  if (m[1] !== undefined) {
    let h = Number(m[1]);
    if (m[4] !== undefined && m[4].toLowerCase() === 'p' && h < 12) h += 12;
    return h * 60 + Number(m[2]);
  }
  let h = Number(m[5]);
  if (m[6]!.toLowerCase() === 'p' && h < 12) h += 12;
  return h * 60;
}

/** A clue against a log: the kind it points to, and the evidence in words. `clear` means enough on its own. */
interface Clue {
  kind: LooksLike;
  clear: boolean;
  evidence: string[];
}

/** Columns of a table that hold prices, codes, durations and dates of doing (not of paperwork). */
function columnRoles(t: TableEvidence): { price?: ColumnEvidence; code?: ColumnEvidence; duration?: ColumnEvidence; titles?: ColumnEvidence; activityDate?: ColumnEvidence; times?: ColumnEvidence } {
  const out: ReturnType<typeof columnRoles> = {};
  for (const c of t.columns) {
    if (c.values < 2) continue;
    const share = (n: number): number => n / c.values;
    const priceHeading = /\b(price|cost|fee|fees|rrp|amount|charge)\b|[£$€]|\b(gbp|usd|eur)\b/i.test(c.heading);
    if (!out.price && (share(c.money) >= 0.6 || (priceHeading && share(c.money + numeric(c)) >= 0.6))) out.price = c;
    else if (!out.code && share(c.codes) >= 0.7 && c.distinct >= c.values * 0.9) out.code = c;
    else if (!out.duration && share(c.durations) >= 0.6) out.duration = c;
    else if (!out.activityDate && share(c.dates) >= 0.5 && !NOT_ACTIVITY_DATE.test(c.heading)) out.activityDate = c;
    else if (!out.times && c.ascendingTimes) out.times = c;
    else if (!out.titles && share(c.wordy) >= 0.6) out.titles = c;
  }
  return out;
}

/** Columns of amounts of money: most values with a currency sign or thousands separator, or numbers under a money heading. */
function moneyColumns(t: TableEvidence): ColumnEvidence[] {
  return t.columns.filter((c) => {
    if (c.values < 2) return false;
    const heading = /\b(price|cost|fee|fees|rrp|amount|charge|debit|credit|balance|paid|total|net|gross|vat|money|withdrawals?|deposits?)\b|[£$€]|\b(gbp|usd|eur)\b/i.test(c.heading);
    return c.money / c.values >= 0.6 || (heading && /[£$€]|\b(gbp|usd|eur|price|amount|debit|balance|paid|money|withdrawals?|deposits?)\b/i.test(c.heading) && (c.money + numeric(c)) / c.values >= 0.6);
  });
}

/** Values of a column that are plain numbers (a price column headed "Price (£)" holds 950, 1395). */
function numeric(c: ColumnEvidence): number {
  return c.examples.length > 0 && c.examples.every((e) => /^\d[\d,]*(\.\d+)?$/.test(e)) ? c.values - c.money : 0;
}

/**
 * What a table looks like when it is not a log table: a template, a catalogue or price list, an agenda.
 * `docTitles`: the document's first lines (its title block), which may say what kind of document it is.
 */
function tableClues(t: TableEvidence, docTitles: readonly string[] = []): Clue[] {
  const out: Clue[] = [];
  const cpdHeadings = t.header.filter((h) => h !== '' && matchHeading(h) !== null);
  if (cpdHeadings.length >= 2 && (t.rows === 0 || t.placeholderRows === t.rows)) {
    const what = t.rows === 0 ? 'no rows under them' : t.rows === t.blankRows ? `only empty rows under them (${t.rows})` : `only placeholder text under them (${plural(t.rows, 'row')}${exampleOf(t)})`;
    out.push({ kind: 'template', clear: true, evidence: [`${t.where} has CPD headings (${cpdHeadings.join(', ')}) but ${what}`] });
  }
  const r = columnRoles(t);
  const rows = t.rows - t.placeholderRows;
  if (rows >= 3 && r.price && (r.code || r.duration || r.titles) && !r.activityDate) {
    const parts = [r.titles ? `titles (${r.titles.examples.slice(0, 2).map((e) => quote(e, 40)).join(', ')})` : '', r.code ? `codes (${r.code.examples.slice(0, 2).join(', ')})` : '', `prices (${r.price.examples.slice(0, 2).join(', ')})`, r.duration ? `durations (${r.duration.examples.slice(0, 2).join(', ')})` : ''].filter(Boolean);
    out.push({ kind: 'catalogue', clear: Boolean(r.code || r.duration), evidence: [`${t.where} lists ${plural(rows, 'item')} with ${parts.join(', ')} and no date on which anything was done`] });
  }
  // A running order: four or more times of day in ascending order and no date column — one day's sessions or items.
  if (r.times && r.times.timesOfDay >= 4) {
    out.push({ kind: 'agenda', clear: !r.activityDate, evidence: [`${t.where} runs through the day by time (${r.times.examples.join(', ')}…)`] });
  }
  // A list of credentials (badges, certifications): dates of issue and expiry only, verification links, no hours.
  const paperDates = t.columns.filter((c) => c.values >= 2 && c.dates / c.values >= 0.5 && /\b(issued|expir\w*|valid|renew\w*)\b/i.test(c.heading));
  const links = t.columns.find((c) => c.values >= 2 && c.examples.every((e) => /^https?:\/\//i.test(e)));
  const expiry = paperDates.find((c) => /\b(expir\w*|valid|renew\w*)\b/i.test(c.heading));
  if (rows >= 2 && paperDates.length > 0 && !r.activityDate && (expiry || links) && !t.headerFields.has('hours')) {
    const parts = [`dates of issue or expiry only (${paperDates.map((c) => c.heading).join(', ')})`, links ? `verification links (${links.heading})` : '', 'no hours'].filter(Boolean);
    const named = t.columns.find((c) => c !== links && c.values > 0 && c.dates === 0 && c.examples.some((e) => /[A-Za-z]{3}/.test(e)));
    out.push({ kind: 'certificate', clear: true, evidence: [`${t.where} lists ${plural(rows, 'credential')}${named ? ` (${quote(named.examples[0]!, 40)}…)` : ''} with ${parts.join(', ')}`] });
  }
  // A list of credentials by their parts: a licence, certificate or credential number beside the body that awards it
  // (LinkedIn's Certifications.csv: Name, Url, Authority, Started On, Finished On, License Number), with no hours and
  // nothing said about learning.
  const credentialId = t.header.find((h) => /\b(licen[cs]e|credential|certificate|cert|badge|registration)\b.*\b(number|no|id|ref(erence)?)\b/i.test(h));
  const issuer = t.header.find((h) => /^(authority|issuer|issuing (body|organi[sz]ation|authority)|awarded by|issued by|awarding body|certifying body)$/i.test(h.trim()));
  const learning = t.headerFields.has('hours') || t.headerFields.has('reflection') || t.headerFields.has('description');
  if (rows >= 2 && credentialId !== undefined && issuer !== undefined && !learning && !out.some((c) => c.kind === 'certificate')) {
    out.push({ kind: 'certificate', clear: true, evidence: [`${t.where} lists ${plural(rows, 'credential')} with their numbers (${credentialId}) and the bodies that award them (${issuer}), and no hours`] });
  }
  // A document's revision history ("Version | Date | Author | Change"): its dates and changes are the document's.
  const version = t.columns.find((c) => /^(version|revision|rev|issue|ver)\b\.?/i.test(c.heading) && c.values >= 2 && c.examples.every((e) => /^v?\d+(\.\d+){0,2}[a-z]?$/i.test(e)));
  const author = t.header.find((h) => /^(author|owner|editor|approved by|changed by|(revised|updated|amended) by|by)$/i.test(h));
  if (version && author) {
    out.push({ kind: 'prose', clear: true, evidence: [`${t.where} is the document's revision history (${version.heading} ${version.examples.join(', ')}; ${author})`] });
  }
  // A statement of account or a bank statement: two or more columns of money (debit, credit, balance) per line.
  const money = moneyColumns(t);
  if (rows >= 2 && money.length >= 2) {
    out.push({ kind: 'invoice', clear: true, evidence: [`${t.where} lists ${plural(rows, 'line')} with amounts of money in ${money.length} columns (${money.map((c) => c.heading).join(', ')})`] });
  }
  // An export of measurements (a fitness tracker's activities, a meter's or a machine's readings): four or more
  // columns of varied plain numbers (not counts that are mostly 0) under headings that name no record field and no
  // identifier, more of them than the columns that name a field, and no heading naming hours or a reflection. A CPD
  // log keeps one or two numbers (hours, points, cost); the "activities" here are measured, not learnt from.
  // (Hours by day, a timesheet grid's columns, are time booked, not measurements: the timesheet clue weighs them.)
  const measures = t.columns.filter((c) => c.values >= 3 && c.distinct >= Math.max(3, c.values * 0.5) && c.heading !== '' && c.numbers >= c.values * 0.9 && matchHeading(c.heading) === null && !/\b(id|no|number|ref|reference|code|year|week|month|day|total)\b|#/i.test(c.heading) && !isDayHeading(c.heading));
  const named = t.columns.filter((c) => c.values > 0 && c.heading !== '' && matchHeading(c.heading) !== null).length;
  if (rows >= 3 && measures.length >= 4 && measures.length > named && !t.headerFields.has('hours') && !t.headerFields.has('reflection')) {
    const headings = [...new Set(measures.map((c) => c.heading))];
    out.push({ kind: 'measurements', clear: true, evidence: [`${t.where} holds measurements: ${measures.length} columns of plain numbers under headings that name no CPD field (${headings.slice(0, 5).join(', ')}${headings.length > 5 ? ', …' : ''}) and no CPD hours`] });
  }
  const survey = surveyClue(t);
  if (survey) out.push(survey);
  const grid = timesheetGridClue(t, rows);
  if (grid) out.push(grid);
  const actions = actionLogClue(t, rows);
  if (actions) out.push(actions);
  const timetable = timetableClue(t, rows);
  if (timetable) out.push(timetable);
  for (const clue of [journeyClue(t, rows), mediaClue(t, rows), teachingClue(t, rows, docTitles), requirementsClue(t, rows, r.activityDate)]) if (clue) out.push(clue);
  if (t.header.some((h) => /\b(qty|quantity)\b/i.test(h)) && r.price) {
    out.push({ kind: 'invoice', clear: true, evidence: [`${t.where} is a list of items with quantities and prices (${r.price.examples.slice(0, 2).join(', ')})`] });
  }
  return out;
}

/** A heading that asks for a rating ("How would you rate the speaker (1–5)?", "Satisfaction", "Likely to recommend"). */
const RATING_HEADING = /\b(rate|rating|score|satisf\w*|likely|recommend|scale)\b/i;

/** Headings that name who answered a survey: the respondent, or the person's own name or e-mail address. */
const RESPONDENT_HEADING = /\b(respondent|responder|participant|attendee|delegate|submitter)\b|^(first|last|full|given|family) ?name$|^(surname|forename)$|^e-?mail( address)?$/i;

/**
 * A survey of several people (a SurveyMonkey, Forms or event-feedback export): each row is one respondent — a
 * respondent id, e-mail address, name or IP address different on every row — answering the same questions
 * (headings ending in "?"), some on a rating scale ("Excellent", "Good", "Strongly agree"). Its rows are many people's
 * answers about an event, not one member's activities (trial 5: a feedback export read as six activities, the
 * survey tool's second header row "Response" among them). One member's own form submissions (Microsoft Forms: the
 * same e-mail and name on every row) are a log: the respondent must differ from row to row.
 */
function surveyClue(t: TableEvidence): Clue | null {
  // Anonymous answers (a Forms export writes "anonymous" for every respondent's e-mail and name) are different people too.
  const anonymous = (c: ColumnEvidence): boolean => c.values >= 3 && c.examples.every((e) => /^anonymous$/i.test(e)) && c.distinct === 1;
  const who = t.columns.filter((c) => c.values >= 3 && (c.distinct >= Math.max(3, c.values * 0.8) || anonymous(c)) && (RESPONDENT_HEADING.test(c.heading.trim()) || c.ips >= c.values * 0.8));
  if (who.length === 0) return null;
  // Ratings in words ("Good", "Strongly agree"), or marks out of 5 or 10 under a heading that asks for a rating.
  const rated = t.columns.filter((c) => c.values >= 3 && (c.ratings >= c.values * 0.6 || (RATING_HEADING.test(c.heading) && c.numbers === c.values && c.examples.every((e) => /^(10|\d)$/.test(e)))));
  const questions = t.header.filter((h) => /\?\s*(\([^)]*\))?$/.test(h) && /\b(you|your)\b/i.test(h));
  if (rated.length === 0 && questions.length < 3) return null;
  const people = anonymous(who[0]!) ? who[0]!.values : who[0]!.distinct;
  const parts = [`answers of ${plural(people, anonymous(who[0]!) ? 'anonymous respondent' : 'different respondent')} (${who.map((c) => `${c.heading} ${c.examples.slice(0, 2).join(', ')}…`).join('; ')})`];
  if (questions.length > 0) parts.push(`to ${plural(questions.length, 'question')} (${questions.slice(0, 2).map((q) => quote(q, 45)).join(', ')}${questions.length > 2 ? ', …' : ''})`);
  if (rated.length > 0) parts.push(`with ratings (${rated[0]!.heading === '' ? '' : `${quote(rated[0]!.heading, 45)}: `}${[...new Set(rated[0]!.examples.filter((e) => RATING.test(e) || /^\d+$/.test(e)))].join(', ')})`);
  return { kind: 'survey', clear: true, evidence: [`${t.where} holds ${parts.join(' ')}`] };
}

/**
 * A timesheet laid out as a grid: five or more columns headed by days (`Mon 12/01` … `Sun 18/01`) holding hours
 * (mostly plain numbers up to 24; a sign-off line may sit under them), one row per project or task, and no row that names learning (a course, training, CPD).
 * Time booked to work, not CPD (trial 5: a weekly grid of design, admin and annual leave read as six activities). A
 * timesheet with training lines is left to the mapping, which keeps only those lines (`map/timesheet.ts`).
 */
function timesheetGridClue(t: TableEvidence, rows: number): Clue | null {
  const days = t.columns.filter((c) => isDayHeading(c.heading) && c.values > 0 && c.numbers >= c.values * 0.7 && c.examples.every((e) => !/^\d/.test(e) || Number(e) <= 24));
  if (days.length < DAY_GRID_COLUMNS || rows < 2 || t.learningRows > 0) return null;
  const tasks = t.columns.find((c) => !days.includes(c) && c.values > 0 && c.numbers === 0 && c.dates === 0 && c.wordy + c.codes > 0);
  return {
    kind: 'timesheet',
    clear: true,
    evidence: [`${t.where} is a timesheet grid: hours by day in ${days.length} columns (${days.slice(0, 2).map((c) => c.heading).join(', ')} … ${days[days.length - 1]!.heading}) against lines of work${tasks ? ` (${tasks.examples.slice(0, 2).map((e) => quote(e, 40)).join(', ')}…)` : ''}, none of them naming learning`],
  };
}

/**
 * A weekly timetable (a course's or a school's): rows keyed by a day of the week with no date (`Monday`) and a span
 * of time (`09:00–11:00`), no date on which anything was done. It says when classes recur, not what the member did
 * (trial 6: a university module timetable read as six activities). A log of sessions has dates, not weekdays.
 */
function timetableClue(t: TableEvidence, rows: number): Clue | null {
  if (rows < 3) return null;
  const day = t.columns.find((c) => c.values >= 3 && c.weekdays === c.values);
  const span = t.columns.find((c) => c.values >= 3 && c.timeSpans + c.timesOfDay >= c.values * 0.8);
  if (!day || !span || t.columns.some((c) => c.values > 0 && c.dates >= c.values * 0.5)) return null;
  return {
    kind: 'timetable',
    clear: true,
    evidence: [`${t.where} is a weekly timetable: ${plural(rows, 'row')} by day of the week (${day.examples.slice(0, 2).join(', ')}…) and time (${span.examples.slice(0, 2).join(', ')}…), with no dates`],
  };
}

/** Headings of where a journey starts (`From`, `Origin`, `Departure airport`) — of a column of places, not dates. */
const ORIGIN_HEADING = /^(from|origin|start(ing)? (point|location|place)|(departure|departing|dep\.?) ?(airport|station|port|place|point|from)?|depart(ed|ing)? from|travelled from|leaving from)$/i;
/** Headings of where it ends (`To`, `Destination`, `Arrival airport`). */
const DESTINATION_HEADING = /^(to|dest(ination)?|end (point|location|place)|(arrival|arriving|arr\.?) ?(airport|station|port|place|point|at)?|arrived at|travelled to|going to)$/i;

/** A column of places: short texts or codes (`EGBJ`, `Leeds office`), no dates, numbers or times of day. */
function placeColumn(c: ColumnEvidence): boolean {
  return c.values >= 3 && c.dates === 0 && c.numbers === 0 && c.timesOfDay + c.timeSpans === 0 && c.wordy <= c.values * 0.2;
}

/**
 * A travel or flight log (a pilot's logbook, a driver's or a mileage log): a column of places where each journey
 * starts and one where it ends (`From` / `To`, `Origin` / `Destination`, `Departure` / `Arrival` holding places, not
 * dates), and most rows naming no learning. Its durations are time travelled or flown, not learning (trial 8: a
 * pilot's block times read as seven activities). A log whose rows mostly name learning is left alone.
 */
function journeyClue(t: TableEvidence, rows: number): Clue | null {
  if (rows < 3 || t.learningRows * 2 >= rows) return null;
  const from = t.columns.find((c) => ORIGIN_HEADING.test(c.heading.trim()) && placeColumn(c));
  const to = t.columns.find((c) => c !== from && DESTINATION_HEADING.test(c.heading.trim()) && placeColumn(c));
  if (!from || !to) return null;
  const times = t.columns.filter((c) => c.values >= 3 && c.timesOfDay >= c.values * 0.8);
  const legs = Math.min(from.values, to.values);
  const parts = [`${plural(legs, 'journey')} from place to place (${from.heading}: ${from.examples.slice(0, 2).join(', ')}…; ${to.heading}: ${to.examples.slice(0, 2).join(', ')}…)`];
  if (times.length > 0) parts.push(`times (${times.map((c) => c.heading).join(', ')})`);
  return { kind: 'journeys', clear: true, evidence: [`${t.where} lists ${parts.join(' with ')}, ${t.learningRows === 0 ? 'none' : `only ${t.learningRows}`} of them naming learning`] };
}

/** Headings of who made a book, recording or film (`Author`, `Narrator`, `Artist`, `Director`). */
const CREATOR_HEADING = /^(authors?|narrators?|narrated by|read by|written by|writers?|artists?|performers?|performed by|composers?|directors?|directed by|cast|illustrators?|presenters?|hosts?|speakers?)$/i;
/** Headings of a consumer's marks on an item: a rating, a purchase or a loan. */
const RATING_COLUMN = /^(my |your |personal |star |user )?(rating|stars|score)$/i;
const ACQUIRED_HEADING = /\b(purchased?|bought|acquired|ordered|borrowed|loan(ed)?|checked out|due back|returned)\b/i;

/**
 * A library or media list (an audiobook or e-book library, a reading or watch list, a loan history): each row an
 * item by a person named in a creator column (author, narrator, artist, director), with a consumer's marks — a rating
 * out of 5 or a date bought or borrowed — and no row naming learning. Its dates are purchases and its durations the
 * items' lengths, not learning (trial 8: an audiobook library read as six activities). A CPD reading log with an
 * author column has no purchases or star ratings, and its reflections rescue it.
 */
function mediaClue(t: TableEvidence, rows: number): Clue | null {
  if (rows < 3 || t.learningRows * 4 > rows) return null;
  const creators = t.columns.filter((c) => CREATOR_HEADING.test(c.heading.trim()) && c.values >= 3 && c.people >= c.values * 0.6);
  if (creators.length === 0) return null;
  const rating = t.columns.find((c) => RATING_COLUMN.test(c.heading.trim()) && c.values >= 2 && (c.examples.every((e) => /^[0-5](\.5)?$/.test(e)) || c.ratings >= c.values * 0.6));
  const acquired = t.columns.find((c) => ACQUIRED_HEADING.test(c.heading) && c.values >= 2 && c.dates >= c.values * 0.6);
  const marks = [rating ? `ratings (${rating.heading}: ${rating.examples.join(', ')})` : '', acquired ? `dates bought or borrowed (${acquired.heading})` : ''].filter(Boolean);
  if (marks.length === 0 || creators.length + marks.length < 3) return null;
  return { kind: 'media', clear: true, evidence: [`${t.where} lists ${plural(rows, 'item')} by their makers (${creators.map((c) => `${c.heading} ${c.examples.slice(0, 2).join(', ')}…`).join('; ')}) with ${marks.join(' and ')}, none of them naming learning`] };
}

/** Titles of a teaching plan: what a teacher plans for a class, not what the teacher learns. */
const TEACHING_TITLE = /\b(schemes? of work|lesson plans?|unit plan|syllabus|curriculum (map|plan|overview)|course outline|programme of study|(medium|long|short)[- ]term plan|teaching (plan|sequence|programme)|lesson sequence)\b/i;
/** A value numbered in a sequence (`1. Cells`, `Lesson 2`, `Week 3: Forces`, `Session 4`). */
const SEQUENCE_NUMBER = /^(?:(?:lesson|session|week|class|period|lecture|unit|topic)\s*)?(\d{1,2})\b[.:)\-–]?/i;

/**
 * A teaching plan (a scheme of work, lesson plans, a syllabus): the document's title names one, and its table runs
 * through lessons or sessions numbered in sequence (`1. Cells and organisation`, `Lesson 2`). Its objectives and
 * activities are the pupils' or students', its times the lessons' (trial 8: a Year 9 scheme of work read as five
 * activities). A document titled as a CPD log or plan is none, whatever its lines say of schemes of work.
 */
function teachingClue(t: TableEvidence, rows: number, docTitles: readonly string[]): Clue | null {
  if (rows < 3 || [...t.titles, ...docTitles].some((l) => CPD_TITLE.test(l))) return null;
  const title = [...t.titles, ...docTitles].find((l) => words(l) <= 12 && !/[,;|\t]/.test(l) && TEACHING_TITLE.test(l));
  if (title === undefined) return null;
  const sequence = t.columns.find((c) => c.values >= 3 && c.dates === 0 && c.examples.length >= 3 && c.examples.every((e, i) => Number(SEQUENCE_NUMBER.exec(e)?.[1]) === Number(SEQUENCE_NUMBER.exec(c.examples[0]!)?.[1]) + i));
  if (!sequence) return null;
  return { kind: 'teaching', clear: true, evidence: [`titled ${quote(title, 40)}; ${t.where} runs through ${plural(rows, 'lesson')} in sequence (${sequence.heading === '' ? '' : `${sequence.heading}: `}${sequence.examples.map((e) => quote(e, 30)).join(', ')}…)`] };
}

/**
 * A table of requirements and progress (a CE tracker's "Subject area requirements", a body's hours by category):
 * on every row one column of numbers is another less a third (required − done = remaining), and no column dates
 * anything done. Its rows are categories with totals, not activities (trial 8: seven extra records from a CE
 * Broker-style history's requirements table). A log whose planned and actual hours differ has dates.
 */
function requirementsClue(t: TableEvidence, rows: number, dated: ColumnEvidence | undefined): Clue | null {
  if (!t.balance || dated || rows < 3) return null;
  const { total, done, left } = t.balance;
  const names = t.columns.find((c) => c.values >= 3 && c.numbers === 0 && c.dates === 0);
  return {
    kind: 'requirements',
    clear: true,
    evidence: [`${t.where} is a table of requirements and progress: ${left || 'a column'} is ${total || 'one column'} less ${done || 'another'} on every row${names ? ` (${names.examples.slice(0, 2).map((e) => quote(e, 30)).join(', ')}…)` : ''}, and nothing is dated`],
  };
}

/** Headings of the column that says who is to do an action. */
const OWNER_HEADING = /^(action )?(owner|owners|by|responsible|responsibility|assigned to|assignee|who|by whom|person responsible)$|^action(ed)? by$/i;

/**
 * An action log (meeting minutes, a project's actions): actions each owned by a person, three or more different
 * people named in an owner column (`D. Lloyd`, `M. Okafor`, `S. Patel`). A plan's "Who" column names the member, a
 * mentor or a team ("Me", "Line manager"), not several people; a CPD log has no owner at all (trial 5: committee
 * minutes' action log read as the member's planned activities).
 */
function actionLogClue(t: TableEvidence, rows: number): Clue | null {
  const owner = t.columns.find((c) => OWNER_HEADING.test(c.heading.trim()) && c.values >= 3 && c.people >= c.values * 0.8 && c.distinct >= 3);
  if (!owner || rows < 3) return null;
  const due = t.columns.find((c) => c !== owner && c.values > 0 && c.dates >= c.values * 0.5);
  return {
    kind: 'minutes',
    clear: true,
    evidence: [`${t.where} is an action log: ${plural(rows, 'action')} owned by ${owner.distinct} different people (${owner.heading}: ${owner.examples.join(', ')}…)${due ? ` with ${due.heading === '' ? 'dates' : due.heading.toLowerCase()}s` : ''}`],
  };
}

function exampleOf(t: TableEvidence): string {
  for (const c of t.columns) for (const e of c.examples) if (isPlaceholder(e)) return `: ${quote(e, 40)}`;
  return '';
}

// ---------------------------------------------------------------------------------------------------------------
// Text.

/** Source code: lines ending in `;`, `{`, `}`, lines opening with a keyword, indentation, arrows. */
function codeClue(raw: readonly string[]): Clue | null {
  if (raw.length < 5) return null;
  const KEYWORD = /^(import|export|from|const|let|var|function|return|if|else|elif|for|while|do|def|class|public|private|protected|static|async|await|try|catch|except|finally|package|using|namespace|interface|type|enum|switch|case|break|continue|throw|raise|yield|lambda|with|fn|func|struct|module\.exports|require|#include|#define|#!)\b/;
  let endPunct = 0;
  let keyword = 0;
  let indented = 0;
  let arrows = 0;
  let codeLike = 0;
  for (const l of raw) {
    const t = l.trim();
    const ends = /[;{}]$|^[}\])]/.test(t) || /[([{]$/.test(t);
    const kw = KEYWORD.test(t) && (/[(){}[\];=:'"]/.test(t) || (t.length <= 60 && !/[.!?]$/.test(t) && !/^\w+\s+(the|a|an|to|of|and|in)\b/i.test(t)));
    const comment = /^(\/\/|\/\*|\*\/?(\s|$)|#\s|#!|"""|''')/.test(t);
    const ops = /=>|===|!==|&&|\|\||::|->|\+=|\w\(\S*\)\s*[;:{]?$/.test(t);
    if (ends) endPunct++;
    if (kw) keyword++;
    if (/^(\t| {2,})\S/.test(l)) indented++;
    if (/=>/.test(t)) arrows++;
    if (ends || kw || comment || ops) codeLike++;
  }
  const n = raw.length;
  if (codeLike / n < 0.5 || keyword / n < 0.1 || (indented / n < 0.2 && endPunct / n < 0.3)) return null;
  const ev = [`${codeLike} of ${n} lines read as program code`];
  if (endPunct > 0) ev.push(`${endPunct} end in ‘;’, ‘{’ or ‘}’ or open with a bracket`);
  ev.push(`${keyword} open with a keyword (${[...new Set(raw.map((l) => /^\s*([a-z#!.]+)\b/.exec(l)?.[1]).filter((k): k is string => k !== undefined && KEYWORD.test(k)))].slice(0, 4).join(', ')})`);
  if (indented > 0) ev.push(`${indented} indented`);
  if (arrows > 0) ev.push(`${plural(arrows, 'arrow function')} (=>)`);
  return { kind: 'code', clear: true, evidence: [ev.join(', ')] };
}

/** A certificate of completion or attendance: certify/award wording, one person, one course, a signature. */
function certificateClue(lines: readonly string[]): Clue | null {
  if (lines.length === 0 || lines.length > 60) return null;
  const text = lines.join('\n');
  const certify = text.match(/\b(this is to certify( that)?|certif(y|ies) that|certificate( of \w+)?|(awarded|presented) to)\b/gi);
  const done = text.match(/\b(has\s+(successfully\s+)?(completed|attended|achieved|passed|participated in)|for\s+(successfully\s+)?(completing|attending|participating in)|certificate\s+of\s+(completion|attendance|participation|achievement|competence)|successfully\s+completed)\b/gi);
  if (!certify || !done) return null;
  const signature = /_{4,}|\bsign(ed|ature)\b|\b(director|chair|principal|registrar|president|secretary|trainer|tutor|instructor)\b/i.exec(text);
  const ev: string[] = [`certificate wording (${distinctPhrases([...certify, ...done]).map((w) => quote(w)).join(', ')})`];
  const name = lineAfter(lines, /\b(certify that|certifies that|awarded to|presented to)\s*$/i);
  if (name && words(name) <= 7) ev.push(`one person named (${name})`);
  const course = lineAfter(lines, /\b(completed|attended|attending|completing|participat\w+ in)(\s+the(\s+(course|event|training|programme|module))?)?\s*$/i);
  if (course) ev.push(`one course or event (${quote(course)})`);
  if (signature) ev.push('a signature line');
  return { kind: 'certificate', clear: signature !== null || lines.length <= 25, evidence: ev };
}

/** Phrases without repeats (case aside) or phrases contained in a longer one, at most three. */
function distinctPhrases(found: readonly string[]): string[] {
  const lower = [...new Set(found.map((f) => f.replace(/\s+/g, ' ').trim()))];
  return lower.filter((p, i) => !lower.some((q, j) => j !== i && q.toLowerCase().includes(p.toLowerCase()) && (q.length > p.length || j < i))).slice(0, 3);
}

function lineAfter(lines: readonly string[], re: RegExp): string | null {
  for (let i = 0; i < lines.length - 1; i++) {
    const m = re.exec(lines[i]!);
    if (m) {
      const rest = lines[i]!.slice(m.index + m[0].length).trim();
      return rest !== '' ? rest : lines[i + 1]!;
    }
  }
  return null;
}

/** Prose: most words in long lines of sentences, few `Label: value` lines. */
function proseClue(lines: readonly string[]): Clue | null {
  let total = 0;
  let inLong = 0;
  let sentences = 0;
  let labelled = 0;
  for (const l of lines) {
    const w = words(l);
    total += w;
    if (w >= 10) inLong += w;
    sentences += (l.match(/[a-z0-9)”’'"][.!?](\s|$)/g) ?? []).length;
    if (/^[^:]{1,40}:\s*\S/.test(l) && w <= 12) labelled++;
  }
  if (total < 120 || sentences < 5 || inLong < total * 0.6 || labelled > lines.length * 0.15) return null;
  // Writing in the first person about what one learnt is a reflection — CPD writing, not an essay or a policy.
  const firstPerson = (lines.join(' ').match(/\b(I|I'm|I've|my|me)\b/g) ?? []).length;
  if (firstPerson >= Math.max(3, sentences * 0.3)) return null;
  return { kind: 'prose', clear: true, evidence: [`${total} words of running text in ${plural(sentences, 'sentence')}, ${Math.round((inLong / total) * 100)}% of them in long paragraphs or lines, ${plural(labelled, 'label/value line')}`] };
}

/**
 * A letter to the member from someone else (a professional body's call for records, a reviewer's feedback): it
 * opens with a greeting ("Dear Ms Chen,"), closes with a sign-off ("Yours sincerely,", "Kind regards") and speaks
 * to its reader ("you", "your") more than of its writer ("I", "my"). A member's own covering letter speaks in the
 * first person and is not matched. The items such a letter lists with deadlines are requests, not the member's
 * activities ({@link judgeLog} counts only done activities in it).
 */
function letterClue(lines: readonly string[]): Clue | null {
  const greeting = lines.slice(0, 12).find((l) => /^(dear|hello|hi)\s+[A-Z][\w.' -]{0,40},?$/i.test(l));
  const signOff = lines.slice(-12).find((l) => /^(yours\s+(sincerely|faithfully|truly)|(with\s+)?(kind|best|warm|many)\s+(regards|wishes|thanks)|regards|best)[,.!]?$/i.test(l));
  if (greeting === undefined || signOff === undefined) return null;
  const text = lines.filter((l) => l !== signOff).join(' ');
  const second = (text.match(/\b(you|your|yours|yourself)\b/gi) ?? []).length;
  const first = (text.match(/\b(I|I'm|I've|my|me|myself)\b/g) ?? []).length;
  if (second < 3 || second <= first) return null;
  return { kind: 'letter', clear: true, evidence: [`a letter to its reader (opens ${quote(greeting, 30)}, closes ${quote(signOff, 30)}, ${second} times “you” or “your” against ${first} “I” or “my”)`] };
}

/** A CV: section headings (experience, education, skills…), employment date ranges, contact details. */
function cvClue(lines: readonly string[]): Clue | null {
  const SECTION = /^(employment( history)?|work (history|experience)|(professional |relevant )?experience|career( history| summary)?|education( and training)?|qualifications|(key |technical )?skills|(personal )?profile|personal statement|summary|references|interests|hobbies|achievements|certifications|languages|contact( details)?)$/i;
  const RANGE = new RegExp(`\\b(${MONTH}\\s+)?(19|20)\\d{2}\\s*(–|-|—|to)\\s*((${MONTH}\\s+)?(19|20)\\d{2}|present|current|now|date|today)\\b`, 'i');
  const sections = new Set<string>();
  let ranges = 0;
  const rangeExamples: string[] = [];
  for (const l of lines) {
    const t = l.replace(/[:.]$/, '').trim();
    if (t.length <= 40 && SECTION.test(t)) sections.add(t);
    const m = RANGE.exec(l);
    if (m) {
      ranges++;
      if (rangeExamples.length < 2) rangeExamples.push(m[0]);
    }
  }
  const contact = lines.some((l) => /\S+@\S+\.\w{2,}/.test(l) || /(\+44|\b0)\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b/.test(l));
  if (sections.size < 2 || ranges < 2) return null;
  const ev = [`CV sections (${[...sections].slice(0, 5).join(', ')})`, `${plural(ranges, 'date range')} of jobs or study (${rangeExamples.join(', ')})`];
  if (contact) ev.push('contact details');
  return { kind: 'cv', clear: sections.size >= 3 || contact, evidence: ev };
}

/**
 * A job description or advert: the parts every one has — the post (`Job description`, `Job title`, `Role profile`,
 * `Vacancy`), its duties (`Key responsibilities`, `Main duties`), what it asks of a candidate (`Person
 * specification`, essential and desirable criteria) and its terms (`Salary`, `Closing date`, `Interviews`,
 * `Reporting to`). Three of the four, duties among them, and something only a post being filled has (a person
 * specification, a salary, a closing date, interviews). Its "30 hours of CPD a year" is a requirement, not an activity
 * (trial 5).
 */
function jobClue(lines: readonly string[]): Clue | null {
  const PARTS: [string, RegExp][] = [
    ['the post', /^(job|role|post) (description|profile|title|purpose|summary|specification|advert(isement)?)\b|\bvacancy\b|^(purpose of the (job|role|post))\b/i],
    ['its duties', /^((key|main|principal|core) )?(responsibilities|duties|accountabilities|tasks)\b|^(key|main|principal) (responsibilities|duties|accountabilities|tasks)\b/i],
    ['a person specification', /\bperson specification\b|^(essential|desirable)( criteria| requirements)?\b|\bessential\b.*\bdesirable\b/i],
    ['its terms', /^(salary|closing date|interviews?( date)?|reports? to|reporting to|contract( type)?|grade|pay band|hours of work|working hours)\s*(:|\s\S.{0,50}$)/i],
  ];
  // What only a post being filled has: a person specification, or a salary, closing date or interview.
  const HIRING = /^(salary|closing date|interviews?)\b|\bperson specification\b|\bessential\b.*\bdesirable\b/i;
  const found: string[] = [];
  const shown: string[] = [];
  for (const [what, re] of PARTS) {
    const l = lines.find((x) => re.test(x));
    if (l !== undefined) {
      found.push(what);
      shown.push(quote(l.replace(/:.*$/, ''), 30));
    }
  }
  // A member's own profile page ("Job title", "Responsibilities", "Reports to") above a log is no advert.
  if (found.length < 3 || !found.includes('its duties') || !lines.some((l) => HIRING.test(l))) return null;
  return { kind: 'job', clear: true, evidence: [`job-description parts: ${found.map((w, i) => `${w} (${shown[i]})`).join(', ')}`] };
}

/** Label/value pairs of the text and blocks: labels, and how many name a CPD field. */
function labelPairs(lines: readonly string[], blocks: readonly LabelledBlock[]): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const seen = new Set<string>();
  const add = (label: string, value: string): void => {
    const k = label.toLowerCase();
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ label, value });
  };
  for (const l of lines) {
    const m = /^([A-Za-z][^:]{1,50}):\s*(.*)$/.exec(l);
    if (m && words(m[1]!) <= 8 && !/https?$/i.test(m[1]!)) add(m[1]!.trim(), m[2]!.trim());
  }
  for (const b of blocks) for (const v of b.values) if (v.label !== UNLABELLED) add(v.label, cellText(v.value).trim());
  return out;
}

/** Personal, identity, tax and money concepts in form labels. */
const FORM_LABEL = /\b(name|address|post ?code|zip|date of birth|birth|d\.?o\.?b|phone|telephone|mobile|e-?mail|national insurance|nino|ni number|taxpayer|utr|tax|income|pay|salary|earnings|employer|payroll|pension|benefits?|allowances?|account|sort code|iban|passport|licence|nationality|gender|marital|signature|declaration|box \d+|reference|ref\.? no)\b/i;
/** A reference number: digits (five or more) in groups, with letters or not (`QQ 12 34 56 C`, `12345 67890`). */
const ID_VALUE = /^(?=(?:\D*\d){5})[A-Z0-9]{1,5}([ -]?[A-Z0-9]{1,6}){1,5}$/;

/** A filled form whose fields are not CPD fields (a tax or personal-details form). */
function formClue(pairs: readonly { label: string; value: string }[], lines: readonly string[]): Clue | null {
  if (pairs.length < 5) return null;
  const cpd = pairs.filter((p) => matchHeading(p.label) !== null);
  const other = pairs.filter((p) => matchHeading(p.label) === null);
  if (other.length < 4 || other.length < cpd.length * 2) return null;
  const concept = other.filter((p) => FORM_LABEL.test(p.label));
  const money = pairs.filter((p) => MONEY_IN_TEXT.test(p.value) || /[£$€]|\b(gbp|amount)\b/i.test(p.label)).length;
  MONEY_IN_TEXT.lastIndex = 0;
  const ids = pairs.filter((p) => ID_VALUE.test(p.value)).length;
  const boxes = lines.filter((l) => /[☐☑☒□■✓✔✗✘]|\[\s?[xX✓]?\s?\]|\?\s*(yes|no)\s+(yes|no)\s*$/i.test(l)).length;
  const hits = concept.length + Math.min(money, 3) + Math.min(ids, 2) + Math.min(boxes, 2);
  if (concept.length < 2 || hits < 4) return null;
  const ev = [`${plural(pairs.length, 'labelled field')}, ${other.length} of them no CPD field (${other.slice(0, 5).map((p) => p.label).join(', ')})`];
  if (money > 0) ev.push(`${plural(money, 'amount')} of money`);
  if (ids > 0) ev.push(`${plural(ids, 'reference number')}`);
  if (boxes > 0) ev.push('tick boxes');
  return { kind: 'form', clear: true, evidence: ev };
}

/** An invoice or receipt: the word, invoice numbers, VAT, totals, payment details, amounts of money. */
function invoiceClue(corpus: string): Clue | null {
  // (A payslip is a statement of pay: its "Course fee reimbursed" line is money, not an activity; trial 7.)
  const title = /\b(invoice|receipt|credit note|pro-?forma|order confirmation|pay ?slip|pay statement|pay advice)\b/i.exec(corpus);
  if (!title) return null;
  const CONCEPTS: [string, RegExp][] = [
    ['an invoice number', /\b(invoice|receipt|order)\s*(no\.?|number|#|ref)|\binv[-\s]?\d{3,}/i],
    ['VAT', /\b(vat|sales tax|gst)\b/i],
    ['a subtotal', /\bsub-?total\b/i],
    ['a total due', /\b(total( due| payable| amount)?|amount due|balance due)\b[^\n]*\d/i],
    ['payment terms', /\b(payment terms|due date|payable (by|within)|pay by|remittance)\b/i],
    ['a bill-to address', /\b(bill(ed)? to|invoice to|sold to|ship to|customer)\b/i],
    ['quantities and unit prices', /\b(qty|quantity|unit price|unit cost)\b/i],
    ['bank details', /\b(sort code|account (no|number)|iban|bic|swift)\b/i],
    ['pay and deductions', /\b(net pay|gross pay|basic pay|deductions?)\b/i],
    ['a tax code or NI number', /\b(tax code|ni number|national insurance (no|number))\b/i],
    ['year-to-date figures', /\b(year to date|ytd)\b/i],
  ];
  const found = CONCEPTS.filter(([, re]) => re.test(corpus)).map(([w]) => w);
  const money = (corpus.match(MONEY_IN_TEXT) ?? []).length;
  if (found.length < 3 || money < 2) return null;
  return { kind: 'invoice', clear: true, evidence: [`the word ${quote(title[0])}, ${found.join(', ')}, ${plural(money, 'amount')} of money`] };
}

/** A meeting agenda: the word, agenda items, times of day in running order. */
function agendaClue(lines: readonly string[], corpus: string, tables: readonly Clue[]): Clue | null {
  const word = /\b(agenda|minutes of|order of business|running order|timetable|programme|program|schedule)\b/i.exec(corpus);
  const items = ['apologies', 'matters arising', 'any other business', 'aob', 'attendees', 'chair', 'date of next meeting', 'actions? (log|arising)', 'minutes'].filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(corpus));
  let times = 0;
  let last = -1;
  for (const l of lines) {
    const m = /^(\d{1,2})[:.](\d{2})\b/.exec(l);
    if (!m || Number(m[1]) > 23) continue;
    const minute = Number(m[1]) * 60 + Number(m[2]);
    if (minute > last) times++;
    last = minute;
  }
  const timed = tables.find((c) => c.kind === 'agenda');
  if (!word && !(timed && items.length >= 2)) return null;
  if (!timed && times < 3 && items.length < 2) return null;
  const ev = [word ? `the word ${quote(word[0])}` : ''];
  if (timed) ev.push(...timed.evidence);
  else if (times >= 3) ev.push(`${times} items in running order by time of day`);
  if (items.length > 0) ev.push(`meeting items (${items.slice(0, 4).join(', ')})`);
  return { kind: 'agenda', clear: true, evidence: ev.filter(Boolean) };
}

/** A blank form of CPD labels with nothing after them ("Activity:", "Date:", "Hours:"). */
function blankFormClue(pairs: readonly { label: string; value: string }[]): Clue | null {
  const empty = pairs.filter((p) => p.value === '' || isPlaceholder(p.value) || /^[_.\s]+$/.test(p.value));
  const cpd = empty.filter((p) => matchHeading(p.label) !== null && !/^name$/i.test(p.label));
  if (cpd.length < 3 || empty.length < pairs.length * 0.8) return null;
  return { kind: 'template', clear: true, evidence: [`CPD labels with nothing filled in (${cpd.slice(0, 5).map((p) => p.label).join(', ')})`] };
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence for a log.

/** Words that name a CPD log in a title, heading, sheet or file name. */
const CPD_TITLE = /\bcpd\b|continuing professional development|professional development|\b(learning|training|development|reflective|cpd)\s+(log|record|diary|journal|plan|portfolio)s?\b|\breflect(ion|ive)\b|\btwaves\b|\buk-?spec\b/i;

/** Words that only date a heading: "Day 1 – Wednesday 16 September", "Week 3", "March 2024". */
const DATE_WORDS =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|(mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(day)?|day|days|week|weeks|month|year|am|pm|st|nd|rd|th|of|and|to|the)$/i;

/** A name that names something: a word that is no part of a date ("Day 1 – Wednesday 16 September" names nothing). */
function namesSomething(name: string): boolean {
  return (name.match(WORD) ?? []).some((w) => !DATE_WORDS.test(w));
}

/** Points a record earns as evidence of a log, and whether it carries a date. */
function recordPoints(r: CpdRecord): { points: number; dated: boolean } {
  const given = r.activityName ?? r.description ?? '';
  const name = namesSomething(given) ? given : '';
  if (isPlaceholder(given) || (name === '' && r.hours === null && r.startDate === null && r.targetDate === null)) return { points: 0, dated: false };
  const dated = r.startDate !== null || r.endDate !== null || r.targetDate !== null;
  const hours = r.hours !== null && r.hours > 0;
  let p = 0;
  if (dated && name !== '') p = 2;
  else if (dated && hours) p = 1;
  else if (name !== '' && hours) p = 0.75;
  if (p > 0 && isWritten(r.reflection)) p += 0.5;
  if (p > 0 && r.ukSpec.length > 0) p += 0.5;
  return { points: p, dated };
}

/** Evidence for a log in a set of records (one table's or the blocks'). Undated rows count 2 points at most. */
function forRecords(records: readonly CpdRecord[], titles: readonly string[], doneOnly = false): { score: number; evidence: string[] } {
  let dated = 0;
  let undated = 0;
  let datedPoints = 0;
  let undatedPoints = 0;
  let reflections = 0;
  for (const r of records) {
    if (doneOnly && r.startDate === null && r.endDate === null && r.hours === null) continue;
    const p = recordPoints(r);
    if (p.points === 0) continue;
    if (p.dated) {
      dated++;
      datedPoints += p.points;
    } else {
      undated++;
      undatedPoints += p.points;
    }
    if (isWritten(r.reflection)) reflections++;
  }
  let score = datedPoints + Math.min(undatedPoints, 2);
  const ev: string[] = [];
  if (dated > 0) ev.push(`${plural(dated, 'activity', 'activities')} with a date`);
  if (undated > 0) ev.push(`${plural(undated, 'undated entry', 'undated entries')}`);
  if (reflections > 0) ev.push(`${plural(reflections, 'reflection')}`);
  const title = titles.find((t) => CPD_TITLE.test(t));
  if (title !== undefined && score > 0) {
    score += 1;
    ev.push(`titled ${quote(title, 40)}`);
  }
  return { score, evidence: ev };
}

/** Rows of a table shaped like something else that still read as a log: reflections in half of them, a CPD title. */
function rescued(records: readonly CpdRecord[], titles: readonly string[]): boolean {
  const reflections = records.filter((r) => isWritten(r.reflection)).length;
  return (reflections >= 2 && reflections * 2 >= records.length) || titles.some((t) => CPD_TITLE.test(t) && !/\b(template|catalogue|price)/i.test(t));
}

/**
 * Kinds of table whose rows are never one member's activities, whatever they say: a template's placeholders, a
 * survey's many respondents, a timesheet's work, minutes' actions owned by others. Reflections in a survey's answers
 * ("What will you do differently?") are the respondents', not the member's.
 */
const NOT_RESCUED: ReadonlySet<LooksLike> = new Set(['template', 'survey', 'timesheet', 'minutes', 'timetable']);

/** Fields only a CPD record has: an invoice has dates and a description too, a certificate a date and hours. */
const CPD_ONLY: ReadonlySet<RecordField> = new Set(['reflection', 'activityType', 'twaves', 'ukSpec', 'skillType', 'objective']);

/**
 * A labelled block that reads as a CPD record form (a one-activity record, a reflective account): three or more
 * CPD fields filled in, one of them a field only a CPD record has (a reflection, a type, UK-SPEC codes…), more CPD
 * labels than others. A certificate's "Date:" and "CPD hours:" under the course title are two, and not enough.
 */
function cpdShapedBlock(b: LabelledBlock): boolean {
  const fields = new Set<RecordField>();
  let other = 0;
  for (const v of b.values) {
    if (v.label === UNLABELLED) continue;
    const f = matchHeading(v.label)?.fields[0];
    if (f === undefined) other++;
    else if (cellText(v.value).trim() !== '') fields.add(f);
  }
  return fields.size >= 3 && fields.size > other && [...fields].some((f) => CPD_ONLY.has(f));
}

// ---------------------------------------------------------------------------------------------------------------
// The judgement.

/** Below this the evidence for a log is weak (our choice: one dated activity with a name earns 2). */
export const WEAK_FOR = 3;

/**
 * The verdict on a file (`evidence`: against a log when it is none, for a log when it is one), the evidence for a
 * log that was weighed either way (`support`), and for a file that is a log, its tables that are not.
 */
export interface FileVerdict extends LogVerdict {
  support: string[];
  /** Tables (by their index in the extraction) whose records are not activities, with a verdict each. */
  dropTables: Map<number, LogVerdict>;
}

/**
 * Judges whether a file holds a CPD log.
 * @param ev the evidence gathered before mapping ({@link gatherEvidence})
 * @param records the records built, tables' records first in table order, then the blocks'
 * @param tableEnds for each table, the index in `records` just past its last record
 * @returns `isLog: false` with `looksLike` and `evidence` when the evidence against is clear and the evidence for
 *   is weak (then no record should be kept); `isLog: true` otherwise, with `dropTables` naming tables of a log file
 *   that on their own are clearly no log (a template sheet, a catalogue sheet) and hold no real activity.
 *   A file with no records is never a log; `looksLike` then says what it is, when something is clear.
 */
export function judgeLog(ev: LogEvidence, records: readonly CpdRecord[], tableEnds: readonly number[]): FileVerdict {
  const tableClueList = ev.tables.map((t) => tableClues(t, ev.lines.slice(0, 3)));
  const corpus = [ev.lines.join('\n'), ...ev.tables.map((t) => [...t.titles, ...t.header, ...t.columns.flatMap((c) => c.examples)].join('\n'))].join('\n');
  const pairs = labelPairs(ev.lines, ev.blocks);
  const textClues = [
    codeClue(ev.rawLines),
    invoiceClue(corpus),
    certificateClue(ev.lines),
    agendaClue(ev.lines, corpus, tableClueList.flat()),
    cvClue(ev.lines),
    jobClue(ev.lines),
    letterClue(ev.lines),
    formClue(pairs, ev.lines),
    blankFormClue(pairs),
    proseClue(ev.lines),
  ].filter((c): c is Clue => c !== null);

  // In a letter to the member, only done activities speak for a log: the items it lists with deadlines are requests.
  const letter = textClues.some((c) => c.kind === 'letter');
  // Evidence for, per table and for the blocks; a table that on its own is clearly no log is set aside.
  const docTitles = [ev.file.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_.-]+/g, ' '), ...ev.lines.slice(0, 3)];
  const dropTables = new Map<number, LogVerdict>();
  let forScore = 0;
  const forEvidence: string[] = [];
  const unitsAgainst: Clue[] = [];
  let start = 0;
  ev.tables.forEach((t, i) => {
    const end = tableEnds[i] ?? start;
    const own = records.slice(start, end);
    const f = forRecords(own, [...t.titles, t.where, ...docTitles], letter);
    // The most specific clear clue: a timesheet grid's day columns are also plain numbers (measurements).
    const against = pick(tableClueList[i]!.filter((c) => c.clear));
    // A table that is plainly a template, a catalogue or an invoice: its rows are placeholders or items, not
    // activities; a catalogue's or an invoice's, unless they carry reflections or the table is titled as a CPD log.
    if (against && (own.length === 0 || NOT_RESCUED.has(against.kind) || !rescued(own, [...t.titles, t.where]))) {
      unitsAgainst.push(against);
      if (end > start) dropTables.set(i, { isLog: false, looksLike: against.kind, evidence: against.evidence });
    } else if (end > start) {
      // A header naming three or more record fields over rows that read as activities: a log table, however short.
      const header = f.score > 0 && t.headerFields.size >= 3 ? [`a header of CPD fields (${t.header.filter((h) => h !== '' && matchHeading(h) !== null).join(', ')})`] : [];
      forScore += f.score + header.length;
      forEvidence.push(...[...f.evidence, ...header].map((e) => (ev.tables.length > 1 ? `${t.where}: ${e}` : e)));
    }
    start = end;
  });
  const blockRecords = records.slice(start);
  if (blockRecords.length > 0) {
    const f = forRecords(blockRecords, docTitles, letter);
    const shaped = ev.blocks.filter(cpdShapedBlock).length;
    // A block of CPD fields is a CPD record form on its own: enough for a log, whatever else the file looks like.
    forScore += f.score + (shaped > 0 ? WEAK_FOR : 0);
    forEvidence.push(...f.evidence);
    if (shaped > 0) forEvidence.push(`${plural(shaped, 'block')} of CPD fields (${cpdFieldLabels(ev.blocks)})`);
  }

  // A table set aside speaks only for its own rows: an empty template sheet beside a one-row log does not make the
  // file a template. The file is no log when it has no records, when every table with records was set aside, or
  // when the text says clearly what else it is and the records kept are weak evidence of a log.
  const clearText = textClues.filter((c) => c.clear);
  const clear = [...clearText, ...unitsAgainst];
  const kept = records.length - [...dropTables.keys()].reduce((n, i) => n + ((tableEnds[i] ?? 0) - (i === 0 ? 0 : tableEnds[i - 1] ?? 0)), 0);
  if (records.length === 0 || kept === 0 || (clearText.length > 0 && forScore < WEAK_FOR) || scheduleOnly(unitsAgainst, records, tableEnds, dropTables)) {
    const best = pick(clear);
    const evidence = best ? mergeEvidence(best, [...clear, ...unitsAgainst]) : [];
    return best ? { isLog: false, looksLike: best.kind, evidence, support: forEvidence, dropTables: new Map() } : { isLog: false, evidence, support: forEvidence, dropTables: new Map() };
  }
  return { isLog: true, evidence: forEvidence, support: forEvidence, dropTables };
}

/**
 * A timetable's workbook: a table set aside as a weekly timetable, and what else the file holds is names and dates
 * only — no hours, reflections or other CPD fields (a course's key dates: "Reading week", "Exams"). The dates are
 * the course's calendar, not the member's activities (trial 6).
 */
function scheduleOnly(against: readonly Clue[], records: readonly CpdRecord[], tableEnds: readonly number[], dropped: ReadonlyMap<number, LogVerdict>): boolean {
  if (!against.some((c) => c.kind === 'timetable')) return false;
  let start = 0;
  const kept: CpdRecord[] = [];
  tableEnds.forEach((end, i) => {
    if (!dropped.has(i)) kept.push(...records.slice(start, end));
    start = end;
  });
  kept.push(...records.slice(start));
  return kept.every((r) => r.hours === null && !isWritten(r.reflection) && ![...CPD_ONLY].some((f) => stated(r, f)));
}

/** True when the file gives the record a value for the field (a non-empty text, code list or category), not inferred. */
function stated(r: CpdRecord, f: RecordField): boolean {
  const v = (r as unknown as Record<string, unknown>)[f];
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return false;
  return !r.gaps.some((g) => g.field === f && g.code === 'inferred');
}

function cpdFieldLabels(blocks: readonly LabelledBlock[]): string {
  const labels = new Set<string>();
  for (const b of blocks) for (const v of b.values) if (matchHeading(v.label) !== null) labels.add(v.label);
  return [...labels].slice(0, 6).join(', ');
}

/** Most specific kinds first: a certificate's prose is still a certificate, an invoice's table still an invoice. */
const SPECIFICITY: readonly LooksLike[] = ['code', 'invoice', 'certificate', 'minutes', 'agenda', 'timetable', 'teaching', 'survey', 'timesheet', 'journeys', 'media', 'job', 'cv', 'letter', 'measurements', 'requirements', 'form', 'template', 'catalogue', 'prose'];

function pick(clues: readonly Clue[]): Clue | null {
  let best: Clue | null = null;
  for (const c of clues) if (best === null || SPECIFICITY.indexOf(c.kind) < SPECIFICITY.indexOf(best.kind)) best = c;
  return best;
}

/**
 * The chosen clue's evidence, then what the other clear clues add: other kinds (a template beside a catalogue), or
 * another part of the same kind (prose, and a revision-history table in it); prose under another kind is left out
 * (a certificate's sentences are the certificate's).
 */
function mergeEvidence(best: Clue, others: readonly Clue[]): string[] {
  const out = [...best.evidence];
  for (const c of others) {
    if (c === best || (c.kind === 'prose' && best.kind !== 'prose')) continue;
    for (const e of c.evidence) if (!out.includes(e)) out.push(e);
  }
  return out;
}

/** How each kind is named in a note. */
const DESCRIBE: Record<LooksLike, string> = {
  certificate: 'a certificate for one course or event',
  form: 'a filled form whose fields are not CPD fields',
  prose: 'prose (an essay, policy or letter)',
  code: 'source code',
  template: 'a blank CPD template',
  catalogue: 'a course catalogue or price list',
  invoice: 'an invoice, a receipt or a statement of account',
  agenda: 'a meeting agenda or an event programme',
  minutes: 'meeting minutes or an action log (actions owned by several people)',
  cv: 'a CV',
  job: 'a job description or advert',
  survey: 'a survey export (many people’s answers, such as feedback on an event)',
  timesheet: 'a timesheet (hours of work by day)',
  timetable: 'a timetable (classes by day of the week and time)',
  letter: 'a letter to the member (a request for records or feedback on them)',
  measurements: 'a data export of measurements (distances, speeds, readings)',
  journeys: 'a travel or flight log (journeys from place to place, with their times)',
  media: 'a library or media list (books, audiobooks, films or music bought, borrowed or listened to)',
  teaching: 'a teaching plan (a scheme of work or lesson plans: what pupils or students are to be taught)',
  requirements: 'a table of requirements and progress (hours required, done and remaining by category)',
};

/**
 * The file-level note for a file judged not to be a log: `no_activities`, severity `info` (the file was read; it
 * holds no log). Null when the verdict names nothing (the caller keeps its generic "no activities" warning).
 */
export function notLogNote(v: LogVerdict): Gap | null {
  if (v.isLog || v.looksLike === undefined) return null;
  const what = v.looksLike === 'certificate' ? certificateName(v.evidence) : v.looksLike === 'template' && v.evidence.some((e) => /\blists \d+ items? with\b/.test(e)) ? 'a blank CPD template beside a course catalogue or price list' : DESCRIBE[v.looksLike];
  return gap(null, 'no_activities', 'info', `the file looks like ${what}, not a CPD log: ${v.evidence.join('; ')}. No records were imported.`);
}

function certificateName(evidence: readonly string[]): string {
  const w = evidence.join(' ').toLowerCase();
  if (/\bcredentials?\b/.test(w)) return 'a list of certificates or badges';
  if (/attend/.test(w)) return 'a certificate of attendance';
  if (/complet/.test(w)) return 'a certificate of completion';
  return DESCRIBE.certificate;
}

/** The file-level note for a table of a log that is no log itself (a catalogue sheet beside the log). */
export function droppedTableNote(v: LogVerdict): Gap {
  return gap(null, 'skipped', 'info', `${v.evidence.join('; ')}: it looks like ${v.looksLike === undefined ? 'no log' : DESCRIBE[v.looksLike]}, not activities, and its rows were not imported`);
}

/**
 * Judges the file and applies the verdict: returns the records to keep and adds the notes to `fileGaps` — for a
 * file that is no log, one `no_activities` info note saying what it looks like and why (and no record is kept);
 * for a log, one `skipped` info note per table set aside (its records are not kept). A file without records gets
 * the note only when the extraction has not already said why it holds none (`no_activities` from the extractor).
 * @param records the records built, tables' records first in table order, then the blocks'
 * @param tableEnds for each table of the extraction, the index in `records` just past its last record
 */
export function settleLog(ev: LogEvidence, records: CpdRecord[], tableEnds: readonly number[], fileGaps: Gap[]): CpdRecord[] {
  const v = judgeLog(ev, records, tableEnds);
  if (!v.isLog) {
    const note = notLogNote(v);
    if (note !== null && !ev.explained && !fileGaps.some((g) => g.code === 'no_activities')) fileGaps.push(note);
    return records.length === 0 || note === null ? records : [];
  }
  if (v.dropTables.size === 0) return records;
  const kept: CpdRecord[] = [];
  let start = 0;
  ev.tables.forEach((_, i) => {
    const end = tableEnds[i] ?? start;
    const drop = v.dropTables.get(i);
    if (drop) fileGaps.push(droppedTableNote(drop));
    else for (let k = start; k < end; k++) kept.push(records[k]!);
    start = end;
  });
  for (let k = start; k < records.length; k++) kept.push(records[k]!);
  return kept;
}
