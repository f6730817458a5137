/**
 * Map stage: find the header row(s) in each extracted table, assign each column to a record field, and split
 * a sheet holding several stacked tables into segments. Title rows above a header give a year hint; totals
 * rows are not activities; sheets without a header row hold no log.
 *
 * Sources: heading synonyms and layout patterns in docs/domain/CPD.md §5 and §8.
 */
import { gap, type Gap, type RecordField, type TableMapping } from '../domain/index.js';
import { goalOf } from './extract/blocks.js';
import { matchHeading, normaliseHeading } from './headings.js';
import { groupingColumn } from './map/plan-groups.js';
import { overrideField, planColumns, type ColumnPlan, type MappingOverride } from './map/assign.js';
import { columnLetter } from './map/letters.js';
import { readHeading } from './map/meaning.js';
import { formBlocks } from './map/form.js';
import { kindGridBlocks } from './map/kind-grid.js';
import { periodGridBlocks } from './map/period-grid.js';
import { transposedBlocks } from './map/transposed.js';
import { splitSideBySide } from './map/side-by-side.js';
import { isSumRow } from './map/sum-row.js';
import { readLongFormat } from './map/long-format.js';
import { isLearningLine, workDiaryKind } from './map/timesheet.js';
import { headingWords } from './map/words.js';
import { parseTwaves } from './normalise/category.js';
import { parseDate } from './normalise/dates.js';
import { parseHours } from './normalise/hours.js';
import { yearSpanOf, type YearSpan } from './normalise/years.js';
import { cellText, type Cell, type ExtractedRow, type ExtractedTable, type LabelledBlock } from './types.js';

export type { ColumnPlan, MappingOverride } from './map/assign.js';
export { columnLetter } from './map/letters.js';

/** One table found in an extracted table: its header, its columns and its data rows. */
export interface Segment {
  source: ExtractedTable;
  /** 1-based source row number of the header row (the lower one of a two-row header). */
  headerRow: number;
  kind: 'log' | 'plan';
  columns: ColumnPlan[];
  /** Columns by field, in column order. */
  byField: Map<RecordField, ColumnPlan[]>;
  rows: ExtractedRow[];
  /** A year stated in a title row above the table (or between stacked tables). */
  yearHint?: number;
  /**
   * A tax, financial or academic year named in that title or the sheet's name ("FY2024-25"; normalise/years.ts):
   * its `year` is the `yearHint`, and dates without a year before its first day fall in the next calendar year.
   */
  yearSpan?: YearSpan;
  /** A timesheet or a calendar (map/timesheet.ts): only its learning lines are read; `workRows` counts the others passed over. */
  diary?: { kind: 'timesheet' | 'calendar'; workRows: number; firstWork?: ExtractedRow };
  /** A column marking rows archived or deleted (Trello's "Archived": true): those rows are passed over and counted. */
  archived?: { col: ColumnPlan; rows: number; first?: ExtractedRow };
  /**
   * A month stated in a title row above the table or in the sheet's name (`YYYY-MM`: "Development diary – January
   * 2026", a sheet "Jan 2026"): dates a column of days of the month (map/assign.ts `dayOfMonth`).
   */
  monthHint?: string;
}

/** A row in messages: `row 7`, or for a PDF row (which knows its page and line) `row 7 (page 2, line 14)`. */
function rowWhere(row: ExtractedRow): string {
  return row.page !== undefined && row.line !== undefined ? `row ${row.index} (page ${row.page}, line ${row.line})` : `row ${row.index}`;
}


/** Fields whose presence makes a row of headings a header row. */
const ANCHORS: ReadonlySet<RecordField> = new Set(['activityName', 'startDate', 'endDate', 'targetDate', 'hours']);

interface HeaderScore {
  fields: Set<RecordField>;
  /** Columns whose heading reads as a field, by position. */
  byColumn: Map<number, RecordField>;
  matched: number;
  nonEmpty: number;
  /**
   * `words`: two or more fields with an anchor, and known headings make at least half the row (or three fields);
   * `loose`: the headings name fewer (a row of mostly unknown headings, or one field): a header only if the values
   * under it confirm it (see {@link confirmedBelow}).
   */
  strength: 'words' | 'loose';
}

function isTyped(c: Cell | undefined): boolean {
  return typeof c === 'object' && c !== null && (c.date !== undefined || c.number !== undefined);
}

const NUMERIC_RE = /^[\d\s.,:/-]+$/;

function scoreHeaderRow(cells: readonly Cell[], override: MappingOverride | undefined): HeaderScore | null {
  const fields = new Set<RecordField>();
  const byColumn = new Map<number, RecordField>();
  let matched = 0;
  let nonEmpty = 0;
  let dayCells = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const t = cellText(c).trim();
    if (t === '') continue;
    nonEmpty++;
    // A long cell is a heading only when it reads as one: a form's "The type of activity you undertook (workplace
    // learning, formal learning etc.) and what it was" is; a sentence of a reflection is not.
    if (isTyped(c) || NUMERIC_RE.test(t) || (t.length > 80 && (t.length > 200 || /[.!]\s+\p{Lu}|\.$/u.test(t)))) return null;
    // A value is no heading: an amount of time ("a full day (6 hrs)", "90 mins") or a day of a month ("Tue 13 Jan")
    // says the row is data, whatever words it shares with headings ("day", "progression") — unless the days run
    // across the row as a grid's columns ("Mon 09/03 | Tue 10/03 | Wed 11/03", counted below).
    const value = valueCell(t);
    if (value === 'amount') return null;
    if (value === 'date') dayCells++;
    // Braces, semicolons, arrows and backticks are program text, never a heading ("hours) {", "console.log(").
    if (CODE_MARK_RE.test(t)) return null;
    const o = overrideField(override, t);
    if (o !== undefined) {
      matched++;
      if (o !== null) {
        fields.add(o);
        byColumn.set(i, o);
      }
      continue;
    }
    const m = matchHeading(t, 'header-row');
    if (m) {
      matched++;
      fields.add(m.fields[0]!);
      byColumn.set(i, m.fields[0]!);
    } else if (t.length <= 40 && !/\d/.test(t) && (readHeading(t)?.score ?? 0) >= 0.7) {
      // A heading we know names no record field ("Provider", "Course ID", "Instructor"): still a heading.
      matched++;
    }
  }
  if (dayCells > 0 && dayCells < 3) return null;
  let anchor = false;
  for (const f of fields) if (ANCHORS.has(f)) anchor = true;
  // Two known headings making at least half the row, or three or more known headings whatever else is there.
  if (anchor && fields.size >= 2 && (fields.size >= 3 || matched * 2 >= nonEmpty)) return { fields, byColumn, matched, nonEmpty, strength: 'words' };
  // Fewer: perhaps a header of unusual headings ("When?", "What", "Code", "Amount"; "Col1", "Details", "Col3").
  if (nonEmpty >= 2 && cellsAreHeadingLike(cells)) return { fields, byColumn, matched, nonEmpty, strength: 'loose' };
  return null;
}

/** A number with a unit of time after it: "6 hrs", "(1.5h)", "90 mins" — an amount, never a heading. */
const AMOUNT_OF_TIME_RE = /\d\s*(h|hrs?|hours?|mins?|minutes?)\b/i;

/** A word of bound or goal just before a figure: "to 35 h", "target 30 hrs", "over 5 h", "max. 10 h", "≥ 6 h". */
const BOUND_BEFORE_AMOUNT_RE = /(\b(to|towards|target|of|over|under|above|below|max|maximum|min|minimum|least|exceeding)\.?|[<>≤≥])\s*\d/i;

/**
 * What a cell holds when it is a value rather than a heading: `'amount'` of time, or a `'date'` to the day (with or
 * without its year); null for anything a heading may be. Headings carry units and formats in words or letters
 * ("Hours (h)", "Date (dd/mm/yyyy)"), not figures with them.
 */
function valueCell(t: string): 'amount' | 'date' | null {
  // A rate stated in a heading ("CPE credits (1 credit = 50 min)", "Points (1 per hour)") is no amount.
  if (!/\d/.test(t) || t.length > 40 || /=|\bper\b/i.test(t)) return null;
  // A figure after a word of bound or goal is the bound a heading states ("Remaining to 35 h", "Target 30 hrs",
  // "Over 5 h?"), not a row's value.
  if (AMOUNT_OF_TIME_RE.test(t) && !BOUND_BEFORE_AMOUNT_RE.test(t)) return 'amount';
  const d = parseDate(t, { order: 'dmy' });
  return (d.ok ? d.precision === 'day' : /no year/i.test(d.reason)) ? 'date' : null;
}

/** A month or longer period with its year ("Jan 2026", "Q1 2027 (Jan–Mar)", "2026-03"): a column of a period grid. */
function isPeriodHeading(t: string): boolean {
  const d = parseDate(t.replace(/\([^)]*\)/g, ' ').trim(), { order: 'dmy' });
  return d.ok && d.precision === 'month';
}

/** Short texts, none a sentence or a value: a row that could be headings even if we know none of them. */
function cellsAreHeadingLike(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    const t = cellText(c).trim();
    if (t === '') continue;
    // (A month or quarter with its year, "Jan 2026" or "Q1 2027", is a period heading, not a value.)
    if (t.length > 60 || /[.!]\s+\p{L}/u.test(t) || ((/^\d/.test(t) || /\d{3,}/.test(t)) && !isPeriodHeading(t))) return false;
  }
  return true;
}

/** Most rows under a header read to plan its columns. */
const PLAN_SAMPLE = 200;

/**
 * The rows under the header at `r` that belong to its table, for planning its columns (at most
 * {@link PLAN_SAMPLE}): up to a blank row after which another table begins (a header row, or a one-cell title
 * such as "Attendee Details" above one). A report of stacked tables (a webinar report's summary, host and attendee
 * sections) would otherwise profile each table's columns with the values of the tables below it.
 */
function tableRowsBelow(rows: readonly ExtractedRow[], r: number, override: MappingOverride | undefined): ExtractedRow[] {
  const out: ExtractedRow[] = [];
  for (let k = r + 1; k < rows.length && out.length < PLAN_SAMPLE; k++) {
    const row = rows[k]!;
    if (isBlank(row) || (k > r + 1 && row.index > rows[k - 1]!.index + 1)) {
      let n = isBlank(row) ? k + 1 : k;
      while (n < rows.length && isBlank(rows[n]!)) n++;
      const next = rows[n];
      if (next === undefined) break;
      const lone = countNonEmpty(next) === 1;
      const after = lone ? rows[n + 1] : undefined;
      if (scoreHeaderRow(next.cells, override)?.strength === 'words' || (lone && after !== undefined && scoreHeaderRow(after.cells, override)?.strength === 'words')) break;
      if (isBlank(row)) continue;
    }
    // A month's section row ("January" across the table) says when the rows under it are, not what they hold.
    if (monthSectionOf(row) !== null) continue;
    out.push(row);
  }
  return out;
}

/** A month written alone ("January", "Sept", "March 2026"). Group 1: the month; group 2: the year. */
const MONTH_ALONE_RE = /^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+((?:19|20)\d\d))?$/i;

/**
 * A month's section row: one cell, the name of a month with or without its year ("January", "March 2026"), as a
 * diary kept month by month writes it across the table above that month's entries. Returns the month's text and
 * its year when written, or null.
 */
function monthSectionOf(row: ExtractedRow): { text: string; year?: number } | null {
  if (countNonEmpty(row) !== 1) return null;
  const c = row.cells.find((x) => cellText(x).trim() !== '');
  if (c === undefined || isTyped(c!)) return null;
  const text = cellText(c).trim();
  const m = MONTH_ALONE_RE.exec(text);
  if (m === null) return null;
  return m[2] === undefined ? { text } : { text, year: Number(m[2]) };
}

/** Marks of program text in a cell: braces, a semicolon at the end, an arrow, a backtick, a call on an identifier. */
const CODE_MARK_RE = /[{}`]|;\s*$|=>|\b[a-z_$][\w$]*\.[a-z_$][\w$]*\(|^\s*(export|import|function|const|let|var|return)\b/;

/** Non-blank rows looked at under a candidate header to confirm it by the values. */
const CONFIRM_ROWS = 10;

/**
 * A header of unusual headings is confirmed by the values under it: some column holds dates (or numbers) under a
 * text heading in most of the next rows (a header names its columns; data rows hold values), and the headings that
 * do name a date field have a date under them. Returns the reason, or null when the rows below do not confirm it.
 */
function confirmedBelow(rows: readonly ExtractedRow[], r: number, score: HeaderScore): string | null {
  const below: ExtractedRow[] = [];
  for (let k = r + 1; k < rows.length && below.length < CONFIRM_ROWS; k++) if (!isBlank(rows[k]!)) below.push(rows[k]!);
  if (below.length === 0) return null;
  const header = rows[r]!;
  let dated = 0;
  let contrast = 0;
  for (let i = 0; i < header.cells.length; i++) {
    if (cellText(header.cells[i]).trim() === '') continue;
    let seen = 0;
    let values = 0;
    let dates = 0;
    for (const row of below) {
      const c = row.cells[i];
      const t = cellText(c).trim();
      if (t === '') continue;
      seen++;
      const date = isTyped(c) && typeof c === 'object' && c !== null && c.date !== undefined ? true : /\d/.test(t) && t.length <= 40 && parseDate(t, { order: 'dmy' }).ok;
      if (date) dates++;
      if (date || isTyped(c) || NUMERIC_RE.test(t) || planTiming(t)) values++;
    }
    const field = score.byColumn.get(i);
    if ((field === 'startDate' || field === 'endDate' || field === 'targetDate') && dates > 0) dated++;
    if (seen > 0 && values * 10 >= seen * 6) contrast++;
  }
  if (dated > 0 && score.fields.size >= 2) return 'its date headings have dates under them';
  if (contrast > 0 && dated + contrast >= 1) return `${contrast} of its columns hold dates or numbers under a text heading`;
  return null;
}

/** True when the next row under `r` has cells filled but leaves column `col` empty (action rows under a goal row). */
function actionsBelow(rows: readonly ExtractedRow[], r: number, col: number): boolean {
  const next = rows.slice(r + 1).find((x) => !isBlank(x));
  return next !== undefined && cellText(next.cells[col]).trim() === '' && countNonEmpty(next) >= 2;
}

/**
 * A plan's timing that is no calendar date ("by winter break", "ongoing", "within 3 months"): a value, as a date is,
 * under a "Timeline" or "When" heading (docs/domain/CPD.md §7 "Plan targets").
 */
function planTiming(t: string): boolean {
  if (t.length > 40 || !/^(by|before|within|until|ongoing|asap|end|start|next|over|during|after)\b/i.test(t)) return false;
  const d = parseDate(t, { order: 'dmy' });
  return !d.ok && (d.kind === 'relative' || d.kind === 'placeholder');
}

/** True when a cell holds more than white space (the usual cell, starting with a visible ASCII character, without trimming). */
function hasText(c: Cell | undefined): boolean {
  const t = cellText(c);
  if (t === '') return false;
  const c0 = t.charCodeAt(0);
  return (c0 > 32 && c0 < 127) || t.trim() !== '';
}

function isBlank(row: ExtractedRow): boolean {
  for (const c of row.cells) if (hasText(c)) return false;
  return true;
}

/** Number of non-empty cells in a row. */
function countNonEmpty(row: ExtractedRow): number {
  let n = 0;
  for (const c of row.cells) if (hasText(c)) n++;
  return n;
}

/** No columns (a field the segment does not map). */
const NO_COLUMNS: readonly ColumnPlan[] = [];

/** Stands for "more than one non-empty cell" where only the lone-cell case needs the cells themselves. */
const MANY: Cell[] = ['', ''];

function nonEmptyCells(row: ExtractedRow): Cell[] {
  const out: Cell[] = [];
  for (const c of row.cells) if (cellText(c).trim() !== '') out.push(c);
  return out;
}

const YEAR_RE = /\b(19[89]\d|20[0-9]\d)\b/;

/** A year named in a title text ("CPD Record 2024", "Log for 2023/24" → 2023 is not chosen: ranges give none). */
export function yearFromTitle(text: string): number | undefined {
  if (/\b(19|20)\d\d\s*[-/–]\s*(19|20)?\d\d\b/.test(text)) return undefined;
  const m = YEAR_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}

const MONTH_TITLE_RE = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*[-/ ]?\s*((?:19|20)\d\d)\b/i;

/** A month named with its year in a title or sheet name ("Development diary – January 2026", "Jan 2026") as `YYYY-MM`. */
export function monthFromTitle(text: string): string | undefined {
  const m = MONTH_TITLE_RE.exec(text);
  if (!m) return undefined;
  const d = parseDate(`${m[1]} ${m[2]}`, { order: 'dmy' });
  return d.ok && d.precision === 'month' ? d.start.slice(0, 7) : undefined;
}

/**
 * First texts of totals and summary rows (docs/domain/CPD.md §8 "a totals row (`Total`, `Total hours`, a SUM formula)"), and the
 * summary lines members add under a log: "Sub-total", "2023 total", "Hours required", "Hours remaining",
 * "T: 1  S: 2" (hours per TWAVES category).
 */
const TOTAL_RE =
  /^(grand\s+|sub[\s-]*)?totals?\b|^total\s+(cpd\s+)?hours\b|^sum\b|^(19|20)\d\d(\s*[-/]\s*\d{2,4})?\s+(sub[\s-]*)?totals?\b|^(cpd\s+)?hours\s+(required|remaining|achieved|completed|outstanding|needed|to\s+do|target|claimed|logged|so\s+far)\b|^(required|remaining|target)\s+(cpd\s+)?hours\b|^balance\b|^(carried|brought)\s+(forward|fwd|over|down)\b|^[bc]\/f(wd)?\b|^([TWAVES]\s*[:=]\s*[\d.,]+\s*(h|hrs?|hours)?[\s,;|]*){2,}$/i;

/** A label that ends in "total" ("Q1 Total", "Training courses total", "Self-study sub-total:"). */
const TRAILING_TOTAL_RE = /\b(?:sub[\s-]*)?totals?\s*:?$/i;
/** A label naming a kind of hours: "Verifiable hours", "Private study hrs", "Structured CPD points". */
const SUBTOTAL_LABEL_RE = /^[\p{L} /&-]+\s(?:hours|hrs|points|credits|pdus|cpd)$/iu;
/** First texts of a sign-off line under a log: "Signed: …", "Signature", "Declaration", "Approved by: …". */
const SIGN_OFF_RE = /^(?:signed|signature|sign[\s-]?off|declaration|countersigned|(?:certified|approved|verified|reviewed|checked)\s+by)\b\s*[:.]?/i;

/** A formula written as text in a CSV (`=SUM(C2:C3)`). */
const SUM_TEXT_RE = /^=\s*(sum|subtotal)\s*\(/i;

/**
 * True for a totals or summary row: its first text says "Total…" (or a summary line above; a longer sentence only
 * when the row has no date); or its activity column says so and the row has no date (a log whose first column is
 * the reflection or empty; Word/PDF trial finding); or it holds a SUM formula (a cell's formula, or formula text in
 * a CSV) and no activity name.
 */
function isTotalsRow(row: ExtractedRow, seg: Segment): boolean {
  let dated: boolean | undefined;
  const isDated = (): boolean => {
    if (dated === undefined) {
      dated = false;
      for (const f of DATE_FIELDS) for (const d of seg.byField.get(f) ?? NO_COLUMNS) if (hasText(row.cells[d.index])) dated = true;
    }
    return dated;
  };
  // A sentence in a dated row is not a totals label ("Total Quality Management was a refresher." as a reflection).
  for (const c of row.cells) {
    const t = cellText(c).trim();
    if (t === '') continue;
    // A bilingual label reads in either language: "Cyfanswm / Total".
    const parts = t.split(/\s+\/\s+/);
    if (parts.some((p) => TOTAL_RE.test(p)) && (t.split(/\s+/).length <= 5 || !isDated())) return true;
    break;
  }
  // "Verifiable hours 20", "Private study hours 2" under the log: an undated line naming a kind of hours, with only a
  // figure beside it — a sub-total by kind, however the kind is worded.
  if (!isDated()) {
    const texts = nonEmptyCells(row).map((c) => cellText(c).trim());
    if (texts.length === 2 && SUBTOTAL_LABEL_RE.test(texts[0]!) && texts[0]!.split(/\s+/).length <= 5 && /^\d+(?:[.,]\d+)?$/.test(texts[1]!)) return true;
  }
  const nameCols = seg.byField.get('activityName') ?? NO_COLUMNS;
  for (const col of nameCols) if (TOTAL_RE.test(cellText(row.cells[col.index]).trim()) && !isDated()) return true;
  // "Training courses total", "Q1 Total", "Self-study sub-total": a short label ending in "total", in an undated row —
  // a total by period or kind, however the period or kind is worded.
  if (!isDated()) {
    const first = nonEmptyCells(row)[0];
    const t = first === undefined ? '' : cellText(first).trim();
    if (TRAILING_TOTAL_RE.test(t) && t.split(/\s+/).length <= 6) return true;
  }
  // "Monthly OTJ total (January)" written in the date column, no activity named: a total however it is worded.
  if (!nameCols.some((col) => hasText(row.cells[col.index]))) {
    for (const c of row.cells) {
      const t = cellText(c).trim();
      if (t !== '' && t.split(/\s+/).length <= 6 && /\btotals?\b/i.test(t) && !(typeof c === 'object' && c !== null && c.date !== undefined)) return true;
    }
  }
  let hasSum = false;
  for (const c of row.cells) {
    if (typeof c === 'object' && c !== null && c.formula && /\b(SUM|SUBTOTAL)\s*\(/i.test(c.formula)) hasSum = true;
    else if (typeof c === 'string' && mayStartWithEquals(c) && SUM_TEXT_RE.test(c.trim())) hasSum = true;
  }
  if (!hasSum) return false;
  for (const col of nameCols) if (cellText(row.cells[col.index]).trim() !== '') return false;
  return true;
}

/** The indexes of the segment's columns mapped to any of `fields`. */
function columnsOf(seg: Segment, fields: readonly RecordField[]): number[] {
  return fields.flatMap((f) => (seg.byField.get(f) ?? NO_COLUMNS).map((c) => c.index));
}

/** False when the text visibly starts with something other than `=` (a visible ASCII character): no formula text. */
function mayStartWithEquals(t: string): boolean {
  const c0 = t.charCodeAt(0);
  return c0 === 61 || !(c0 > 32 && c0 < 127);
}

/** Plain numbers (an unlabelled total under the hours column). */
const NUMBER_TEXT_RE = /^[-+]?\d+([.,]\d+)?\s*(h|hrs?|hours)?$/i;

/** True for a row holding only numbers and no activity name or date: an unlabelled total (`,,3,`). */
const NAME_AND_DATES = ['activityName', 'startDate', 'endDate', 'targetDate'] as const;
const DATE_FIELDS = ['startDate', 'endDate', 'targetDate'] as const;

function isNumbersOnly(row: ExtractedRow, seg: Segment): boolean {
  for (const f of NAME_AND_DATES) {
    for (const col of seg.byField.get(f) ?? NO_COLUMNS) if (hasText(row.cells[col.index])) return false;
  }
  let any = false;
  for (const c of row.cells) {
    const t = cellText(c).trim();
    if (t === '') continue;
    if (typeof c === 'object' && c !== null && c.number !== undefined) {
      any = true;
      continue;
    }
    if (!NUMBER_TEXT_RE.test(t)) return false;
    any = true;
  }
  return any;
}

/** The one text of a row whose non-empty cells all hold it (a title merged across the row), as a one-cell list. */
function uniformText(row: ExtractedRow): Cell[] | null {
  let first: string | null = null;
  let at: Cell | null = null;
  for (const c of row.cells) {
    const t = cellText(c).trim();
    if (t === '') continue;
    if (first === null) {
      first = t;
      at = c!;
    } else if (t !== first) return null;
  }
  return first === null || at === null || isTyped(at) ? null : [at];
}

/** An example row a template leaves in ("EXAMPLE: Webinar on…", "e.g. IET lecture"). */
const EXAMPLE_RE = /^\s*(example|e\.\s?g\.?|eg)\b\s*[:.\-–—)]?/i;

function exampleText(row: ExtractedRow): string {
  for (const c of row.cells) {
    const t = cellText(c).trim();
    if (EXAMPLE_RE.test(t)) return t.length > 60 ? `${t.slice(0, 59)}…` : t;
  }
  return '';
}

/** A format or unit a template writes under a heading: `dd/mm/yyyy`, `yyyy-mm-dd`, `hh:mm`, `hours`, `£`, `Y/N`. */
const FORMAT_NOTE_RE =
  /^\(?\s*(?:(?:dd?[/.-]mm?[/.-]yy(?:yy)?|mm?[/.-]dd?[/.-]yy(?:yy)?|yyyy[/.-]mm(?:[/.-]dd)?|mm[/.-]yyyy|mmm[\s-]yy(?:yy)?)|h{1,2}[:.]mm(?:[:.]ss)?|(?:in\s+)?(?:hours?|hrs?|h|mins?|minutes?|days?|points?|credits?|units?)|[£€$%]|gbp|eur|y\/n|yes\/no)\s*\)?$/i;
/** A note in brackets (`(MPDS / Regulatory / General)`, `(optional)`): what a column holds, not a value. */
const BRACKETED_RE = /^\(.*\)$|^\[.*\]$/s;

/**
 * A row of notes right under the header (`units`): every filled cell gives its column's format, unit or choices —
 * `(dd/mm/yyyy)`, `(hh:mm)`, `hours`, `(Group study / eLearning / Self-study)` — and at least one is a format or
 * unit, or two are bracketed. A second header row, not an activity (trial 5: a solicitor's record's units row became
 * an empty record with two unreadable values). Or a survey's row of answer kinds (`answers`, {@link isAnswerKindRow}).
 * Null for any other row.
 */
function notesRow(row: ExtractedRow, seg: Segment): 'units' | 'answers' | null {
  if (seg.rows.length > 0) return null;
  const cells = nonEmptyCells(row);
  if (cells.length === 0 || cells.some(isTyped)) return null;
  let formats = 0;
  let bracketed = 0;
  for (const c of cells) {
    const t = cellText(c).trim();
    if (FORMAT_NOTE_RE.test(t)) formats++;
    else if (BRACKETED_RE.test(t)) bracketed++;
    else return isAnswerKindRow(cells) ? 'answers' : null;
  }
  return formats >= 1 || bracketed >= 2 ? 'units' : null;
}

/**
 * A survey tool's second header row, naming the kind of answer under each question (SurveyMonkey: `Response`,
 * `Open-Ended Response` — public parsers call it a "2-row header"): short words without digits, at most three
 * different texts, one of them in three or more cells or each in two. An activity row repeats no text across its
 * columns.
 */
function isAnswerKindRow(cells: readonly Cell[]): boolean {
  const texts = cells.map((c) => cellText(c).trim());
  if (texts.length < 3 || texts.some((t) => /\d/.test(t) || t.split(/\s+/).length > 3)) return false;
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t.toLowerCase(), (counts.get(t.toLowerCase()) ?? 0) + 1);
  return counts.size <= 3 && (Math.max(...counts.values()) >= 3 || [...counts.values()].every((n) => n >= 2));
}

/** True when the row's activity name (or, without one, its first text) starts as a template's example does. */
function isExampleRow(row: ExtractedRow, seg: Segment): boolean {
  const names = seg.byField.get('activityName') ?? NO_COLUMNS;
  for (const col of names) if (EXAMPLE_RE.test(cellText(row.cells[col.index]))) return true;
  if (names.length > 0) return false;
  for (const c of row.cells) {
    const t = cellText(c).trim();
    if (t !== '') return EXAMPLE_RE.test(t);
  }
  return false;
}

/** Fields that say what was done: a row with none of them and no date is no activity. */
const WHAT_FIELDS = ['activityName', 'description', 'reflection', 'objective'] as const;

/**
 * True for a row that names no activity (nothing under the activity, description, reflection or objective columns)
 * and gives no date: a summary line ("Formal | 21") or a category total, not an activity (trial 3: a summary sheet
 * of category hours gave six nameless records).
 */
function namesNothing(row: ExtractedRow, seg: Segment): boolean {
  for (const f of WHAT_FIELDS) {
    for (const col of seg.byField.get(f) ?? NO_COLUMNS) if (hasText(row.cells[col.index])) return false;
  }
  for (const f of DATE_FIELDS) for (const col of seg.byField.get(f) ?? NO_COLUMNS) if (hasText(row.cells[col.index])) return false;
  return true;
}

/** Section titles that start a summary block under the log ("Summary", "Totals by category", "Analysis"). */
const SUMMARY_TITLE_RE = /^(summary|totals?\b.*|analysis|breakdown|hours by\b.*|by category|category totals?)\s*:?$/i;

function sameHeader(row: ExtractedRow, seg: Segment): boolean {
  for (const col of seg.columns) {
    const t = cellText(row.cells[col.index]);
    // Cheap rejections first: this runs on every data row.
    if (t.length > col.heading.length * 2 + 8) return false;
    const a = t.trimStart().charAt(0).toLowerCase();
    if (a !== col.heading.trimStart().charAt(0).toLowerCase() && /[\p{L}\p{N}]/u.test(a)) return false;
    if (normaliseHeading(t) !== normaliseHeading(col.heading)) return false;
  }
  return true;
}

function byFieldOf(cols: readonly ColumnPlan[]): Map<RecordField, ColumnPlan[]> {
  const m = new Map<RecordField, ColumnPlan[]>();
  for (const c of cols) {
    if (c.field === null) continue;
    const list = m.get(c.field);
    if (list) list.push(c);
    else m.set(c.field, [c]);
  }
  return m;
}

function isPlanTable(table: ExtractedTable, byField: Map<RecordField, ColumnPlan[]>, cols: readonly ColumnPlan[]): boolean {
  // A sheet or file named as a plan is one, unless its columns say what was learnt: a reflection column is kept on
  // what was done ("staff-cpd-plan-2025-26.csv" with "Impact on my teaching" is a record with some rows still to do).
  if (/\bplan(ned|s)?\b|\bdevelopment action\b|\bdap\b/i.test(table.name) && !byField.has('reflection')) return true;
  if (cols.some((c) => /^planned\b/i.test(c.heading))) return true;
  return (
    byField.has('targetDate') &&
    byField.has('objective') &&
    !byField.has('startDate') &&
    !byField.has('endDate') &&
    !byField.has('reflection')
  );
}

function nextIsHeader(rows: readonly ExtractedRow[], r: number, override: MappingOverride | undefined): boolean {
  for (let k = r + 1; k < rows.length; k++) {
    if (isBlank(rows[k]!)) continue;
    return scoreHeaderRow(rows[k]!.cells, override) !== null;
  }
  return false;
}

/**
 * Finds the segments (tables) in one extracted table; tables set side by side are first split apart (`split`,
 * default true; map/side-by-side.ts). Label/value forms outside the tables (map/form.ts) are added to `forms`
 * when it is given. File-level gaps go to `gaps`: rows skipped as totals,
 * a sheet with no header row. Never throws.
 */
export function findSegments(table: ExtractedTable, override: MappingOverride | undefined, gaps: Gap[], forms?: LabelledBlock[], split = true): Segment[] {
  if (split) {
    const parts = splitSideBySide(table, (cells) => {
      const score = scoreHeaderRow(cells, override);
      return score?.strength === 'words' ? score.fields : null;
    });
    if (parts !== null) {
      const place = table.sheet !== undefined ? `sheet '${table.sheet}'` : table.name;
      gaps.push(gap(null, 'inferred', 'info', `${place} holds ${parts.length} tables side by side (${parts.map((p) => p.name.replace(/^.*\(columns /, '').replace(/\)$/, '')).join('; ')}); each was read as a table of its own`));
      return parts.flatMap((p) => findSegments(p, override, gaps, forms, false));
    }
  }
  // A plan laid out as goals × periods, the activities in the cells (map/period-grid.ts).
  const grid = forms !== undefined ? periodGridBlocks(table) : null;
  if (grid !== null) {
    forms!.push(...grid);
    const place = table.sheet !== undefined ? `sheet '${table.sheet}'` : table.name;
    gaps.push(gap(null, 'inferred', 'info', `${place} is a plan laid out by period (goals down the first column, one column per period): each filled cell was read as a planned activity, due by the end of its column's period`));
    return [];
  }
  // A plan laid out as goals × kinds of learning (70-20-10, TWAVES columns), the activities in the cells (map/kind-grid.ts).
  const kinds = forms !== undefined ? kindGridBlocks(table) : null;
  if (kinds !== null) {
    forms!.push(...kinds);
    const place = table.sheet !== undefined ? `sheet '${table.sheet}'` : table.name;
    gaps.push(gap(null, 'inferred', 'info', `${place} is a plan laid out by kind of learning (goals down the first column, one column per kind: ${[...new Set(kinds.map((b) => b.heading))].map((h) => `"${h}"`).join(', ')}): each filled cell was read as a planned activity of that kind`));
    return [];
  }
  // A table in long format, one row per entry and field (map/long-format.ts): each entry read as one activity.
  const long = forms !== undefined ? readLongFormat(table) : null;
  if (long !== null) {
    forms!.push(...long.blocks);
    const place = table.sheet !== undefined ? `sheet '${table.sheet}'` : table.name;
    const col = (c: number): string => `column ${table.a1Refs !== false ? columnLetter(c) : c + 1}${long.header !== null && cellText(long.header.cells[c]).trim() !== '' ? ` ("${cellText(long.header.cells[c]).trim()}")` : ''}`;
    const by = long.keyColumn !== null ? `one entry per value of ${col(long.keyColumn)}` : 'a new entry where a label comes again';
    gaps.push(gap(null, 'inferred', 'info', `${place} is in long format, one row per entry and field: the labels in ${col(long.labelColumn)}, their values in ${col(long.valueColumn)}, ${by}; each of its ${long.blocks.length} entries was read as one activity`));
    return [];
  }
  const segments: Segment[] = [];
  const a1 = table.a1Refs !== false;
  const rows = table.rows;
  let current: Segment | null = null;
  let titleYear: number | undefined;
  let titleSpan: YearSpan | undefined;
  let titleMonth: string | undefined;
  let prev: ExtractedRow | null = null;
  let prevBlank = true;
  let inSummary = false;
  /** Rows outside any table (above the first header, or all of a table with none): label/value forms are read there. */
  const loose: ExtractedRow[] = [];
  /** The TWAVES section title the rows now read sit under ("Training courses"), until the next table. */
  let section: string | undefined;
  /** The month a month's section row names (`YYYY-MM`), for the days of the month under it, until the next table. */
  let sectionMonth: string | undefined;
  /**
   * A year or a year span titling the rows that follow inside one table ("Academic year 2025/26" over the second
   * year's rows, under the same header): the next data row starts a segment of its own, dated in it.
   */
  let newYear: YearSpan | number | undefined;
  /** Under a header of a list of people: rows are passed over until the next header. */
  let skipping = false;
  /**
   * The plan goal a title row names ("Goal 1: …", "Objective 2: …", "Learning need: …"): the rows under it, until the
   * next goal or the next table, take it as their objective. `goalFresh`: no row has been read under it yet (a goal
   * above a header belongs to that table).
   */
  let goal: string | undefined;
  let goalFresh = false;
  const where = table.sheet !== undefined ? `sheet '${table.sheet}'` : table.name;

  // Non-empty cells of `prev` (every row that is not blank becomes `prev` at the end of its turn).
  let prevCount = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const count = countNonEmpty(row);
    if (count === 0) {
      prevBlank = true;
      continue;
    }
    const prevNonEmpty = prevCount;
    prevCount = count;
    // Extractors may leave out empty rows: a jump in row numbers is a blank row too.
    if (prev !== null && row.index > prev.index + 1) prevBlank = true;
    if (current && !prevBlank && current.rows.length > 0 && current.rows[current.rows.length - 1] === prev && sameHeader(row, current)) {
      prev = row;
      prevBlank = false;
      continue; // a header repeated (page break, pasted twice)
    }
    // Header candidates: only before any table, or after a blank row / a title row (stacked tables).
    const canStartTable = current === null || prevBlank || current.rows.length === 0 || prevNonEmpty <= 1;
    let score = canStartTable ? scoreHeaderRow(row.cells, override) : null;
    // A row of unusual headings starts a table only where a table may begin anew and the values under it say so;
    // the table's columns must then give a log's anchors (a date or hours, and what was done).
    if (score?.strength === 'loose' && !((current === null || prevBlank) && confirmedBelow(rows, r, score) !== null)) score = null;
    let looseColumns: ColumnPlan[] | null = null;
    if (score?.strength === 'loose') {
      looseColumns = planColumns(row, null, tableRowsBelow(rows, r, override), override, a1 ? columnLetter : (i) => String(i + 1));
      const has = (f: RecordField): boolean => looseColumns!.some((c) => c.field === f);
      const dated = has('startDate') || has('endDate') || has('targetDate') || has('hours');
      if (!dated || !(has('activityName') || has('objective'))) score = null;
    }
    if (score) {
      // Two-row header: the row right above (not blank, several cells, not itself data) holds group headings.
      const above: ExtractedRow | null = prev && !prevBlank && prev.index === row.index - 1 && nonEmptyCells(prev).length >= 1 &&
        (current === null || current.rows[current.rows.length - 1] !== prev) &&
        !nonEmptyCells(prev).some(isTyped) && nonEmptyCells(prev).length >= 2 ? prev : null;
      const columns: ColumnPlan[] = looseColumns ?? planColumns(row, above, tableRowsBelow(rows, r, override), override, a1 ? columnLetter : (i) => String(i + 1));
      const byField = byFieldOf(columns);
      // The upper row of a two-row header read as a header of its own (merged Word/Excel headings): replaced.
      if (above !== null && current !== null && current.rows.length === 0 && current.headerRow === above.index) segments.pop();
      if (listsPeople(columns, tableRowsBelow(rows, r, override))) {
        // A webinar or course report's attendee list: its rows are people, not activities (trial 2: every
        // participant of a Zoom report became an activity named by their join time).
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} heads a list of people (${columns.filter((c) => c.person).map((c) => `"${c.heading}"`).join(', ')}), not of activities; its rows were not imported`, nonEmptyCells(row).map(cellText).join(' | ')));
        current = null;
        skipping = true;
        prev = row;
        prevBlank = false;
        continue;
      }
      skipping = false;
      section = undefined;
      sectionMonth = undefined;
      newYear = undefined;
      if (!goalFresh) goal = undefined;
      current = {
        source: table,
        headerRow: row.index,
        kind: isPlanTable(table, byField, columns) ? 'plan' : 'log',
        columns,
        byField,
        rows: [],
      };
      if (current.kind === 'plan' && !byField.has('objective')) {
        const goals = groupingColumn(columns, tableRowsBelow(rows, r, override));
        if (goals !== null) {
          goals.field = 'objective';
          goals.how = 'content';
          goals.confidence = 0.7;
          goals.reason = `heading names no record field; its short texts group the plan's rows (each value on consecutive rows), as a plan's sections name its goals, so it is the objective`;
          byField.set('objective', [goals]);
        }
      }
      // A year from a title row above the table, else from the sheet's name ("2023", "CPD 2024": one sheet per year).
      const sheetYear = table.sheet !== undefined ? yearFromTitle(table.sheet) : undefined;
      // (A span named in the title, else a plain year there, else a span or a year in the sheet's name.)
      const span = titleSpan ?? (titleYear === undefined && table.sheet !== undefined ? yearSpanOf(table.sheet) : undefined);
      if (span !== undefined) {
        current.yearHint = span.year;
        current.yearSpan = span;
      } else if (titleYear !== undefined) current.yearHint = titleYear;
      else if (sheetYear !== undefined) current.yearHint = sheetYear;
      const month = titleMonth ?? (table.sheet !== undefined ? monthFromTitle(table.sheet) : undefined);
      if (month !== undefined) current.monthHint = month;
      const diary = workDiaryKind(columns);
      if (diary !== null) current.diary = { kind: diary, workRows: 0 };
      const archivedCol = columns.find((c) => c.field === null && ARCHIVED_RE.test(headingWords(c.heading).words.join(' ')));
      if (archivedCol !== undefined) current.archived = { col: archivedCol, rows: 0 };
      inSummary = false;
      segments.push(current);
      prev = row;
      prevBlank = false;
      continue;
    }
    if (skipping) {
      prev = row;
      prevBlank = false;
      continue;
    }
    if (!current) {
      // Title block above the first header (or a label/value form: read below).
      loose.push(row);
      const title = nonEmptyCells(row).map(cellText).join(' ');
      const g = count === 1 ? goalOf(title) : null;
      if (g !== null) {
        goal = g;
        goalFresh = true;
      }
      const y = yearFromTitle(title);
      if (y !== undefined) titleYear = y;
      titleSpan = yearSpanOf(title) ?? (y !== undefined ? undefined : titleSpan);
      titleMonth = monthFromTitle(title) ?? titleMonth;
      prev = row;
      prevBlank = false;
      continue;
    }
    // A title merged across the row ("Work-based learning" in every cell of a merged range) is one text.
    const cells = count <= 1 ? nonEmptyCells(row) : uniformText(row) ?? MANY;
    if (SIGN_OFF_RE.test(cellText(nonEmptyCells(row)[0]).trim())) {
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} is a sign-off line, not an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    if (isTotalsRow(row, current) || isSumRow(row, current.rows, columnsOf(current, ['hours']), columnsOf(current, DATE_FIELDS))) {
      gaps.push(
        gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} is a totals row and was not imported as an activity`, nonEmptyCells(row).map(cellText).join(' | ')),
      );
      prev = row;
      prevBlank = false;
      continue;
    }
    if (inSummary) {
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} is part of a summary under the log, not an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    const notes = prev !== null && prev.index === current.headerRow ? notesRow(row, current) : null;
    if (notes !== null) {
      const texts = [...new Set(nonEmptyCells(row).map((c) => `"${cellText(c).trim()}"`))].join(', ');
      const what = notes === 'units' ? `gives the columns' formats, units or choices (${texts})` : `names the kind of answer under each question (${texts}), a survey tool's second header row`;
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} under the header ${what}, not an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    if (isExampleRow(row, current)) {
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} is a template's example row ("${exampleText(row)}"), not an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    if (namesNothing(row, current)) {
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} names no activity and gives no date (a summary or category line?), so it was not imported as an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    if (isNumbersOnly(row, current)) {
      gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} holds only numbers and no activity name or date (an unlabelled total?), so it was not imported as an activity`, nonEmptyCells(row).map(cellText).join(' | ')));
      prev = row;
      prevBlank = false;
      continue;
    }
    if (cells.length === 1 && !isTyped(cells[0]!)) {
      const text = cellText(cells[0]).trim();
      if (SUMMARY_TITLE_RE.test(text)) {
        // "Summary" under the log: what follows are figures about the log, not activities.
        inSummary = true;
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} starts a summary ("${text}"); the rows under it were not imported as activities`, text));
        prev = row;
        prevBlank = false;
        continue;
      }
      // A plan's goal as a title over the rows under it ("Goal 2: Improve formative assessment"): their objective.
      const g = current.byField.has('objective') ? null : goalOf(text);
      if (g !== null) {
        goal = g;
        goalFresh = true;
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} names a goal of the plan; the rows under it take it as their objective`, text));
        prev = row;
        prevBlank = false;
        continue;
      }
      // A month's section row ("January") over a column of days: the days under it are of that month, in the year
      // of the title or the sheet (or its own: "March 2026").
      const ms = monthSectionOf(row);
      if (ms !== null && current.columns.some((c) => c.dayOfMonth === true && c.parts === undefined)) {
        const year = ms.year ?? current.yearHint;
        const m = year === undefined ? undefined : monthFromTitle(`${ms.text} ${year}`);
        if (m !== undefined) {
          sectionMonth = m;
          gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} names a month (${ms.text}); the days of the month in the rows under it are dated in ${m}`, text));
          prev = row;
          prevBlank = false;
          continue;
        }
      }
      // A section row naming a TWAVES category ("Training courses", "Self-study") heads the rows under it.
      const letter = text.length <= 40 ? parseTwaves(text, true) : null;
      if (letter !== null && !current.byField.has('twaves')) {
        section = text;
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} is a section title naming a TWAVES category (${text}); the rows under it take that category`, text));
        prev = row;
        prevBlank = false;
        continue;
      }
      const onlyCol = row.cells.findIndex((c) => cellText(c).trim() !== '');
      const col = current.columns.find((c) => c.index === onlyCol);
      // A goal alone on its row in the plan's goal column, over action rows that leave that column empty ("Goal |
      // Action | Target" with the goal written once above its actions): the rows under it take it as their objective.
      if (col !== undefined && col.field === 'objective' && actionsBelow(rows, r, onlyCol)) {
        goal = text;
        goalFresh = true;
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} names a goal of the plan; the rows under it take it as their objective`, text));
        prev = row;
        prevBlank = false;
        continue;
      }
      const titleLike = prevBlank || yearFromTitle(text) !== undefined || yearSpanOf(text) !== undefined || nextIsHeader(rows, r, override);
      if (titleLike && (!col || col.field !== 'activityName' || yearFromTitle(text) !== undefined)) {
        // A lone title between stacked tables ("2023", "Planned for next year", "March 2024") — a section heading.
        const y = yearFromTitle(text);
        if (y !== undefined) titleYear = y;
        const span = yearSpanOf(text);
        titleSpan = span ?? (y !== undefined ? undefined : titleSpan);
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} reads as a section title, not an activity`, text));
        if ((y !== undefined || span !== undefined) && current.rows.length > 0) newYear = span ?? y!;
        prev = row;
        prevBlank = false;
        continue;
      }
      // A lone value in a date or hours column is data only if it reads as one ("1. Courses, seminars and
      // conferences" in the date column is a numbered section title).
      const valueColumn = col !== undefined && (col.field === 'startDate' || col.field === 'endDate' || col.field === 'hours');
      const reads = valueColumn && /\d/.test(text) && (col.field === 'hours' ? parseHours(text, {}).ok : parseDate(text, { order: 'dmy' }).ok || parseDate(text, { order: 'mdy' }).ok);
      if (!reads) {
        // One text and nothing else — no date, no hours: a note ("NB: certificates on SharePoint", "(continued) …",
        // "Nothing this month"). Kept in the gap so nothing is lost.
        gaps.push(gap(null, 'skipped', 'info', `${where} ${rowWhere(row)} has a single text and no date or hours, so it reads as a note, not an activity`, text));
        prev = row;
        prevBlank = false;
        continue;
      }
    }
    if (current.archived !== undefined && YES_RE.test(cellText(row.cells[current.archived.col.index]).trim())) {
      // An archived or deleted card or entry: taken off the board by its owner, not an activity of the log.
      current.archived.rows++;
      current.archived.first ??= row;
      prev = row;
      prevBlank = false;
      continue;
    }
    if (current.diary !== undefined && !isLearningLine(row)) {
      // A timesheet's or a calendar's work line (a project, a meeting, leave, an appointment): not CPD.
      current.diary.workRows++;
      current.diary.firstWork ??= row;
      prev = row;
      prevBlank = false;
      continue;
    }
    if (newYear !== undefined) {
      const next: Segment = { ...current, rows: [] };
      delete next.yearHint;
      delete next.yearSpan;
      if (typeof newYear === 'number') next.yearHint = newYear;
      else {
        next.yearHint = newYear.year;
        next.yearSpan = newYear;
      }
      current = next;
      segments.push(current);
      newYear = undefined;
    }
    current.rows.push(section === undefined && goal === undefined && sectionMonth === undefined ? row : { ...row, ...(section !== undefined ? { section } : {}), ...(goal !== undefined ? { goal } : {}), ...(sectionMonth !== undefined ? { month: sectionMonth } : {}) });
    goalFresh = false;
    prev = row;
    prevBlank = false;
  }
  // A table whose rows sit under a plan's goals ("Goal 1: …" titles), with no column of when things were done, is a
  // plan: its rows are planned actions.
  for (const seg of segments) {
    if (seg.kind === 'log' && seg.rows.some((x) => x.goal !== undefined) && !seg.byField.has('startDate') && !seg.byField.has('endDate') && !seg.byField.has('reflection')) seg.kind = 'plan';
  }
  // Warned once the segments are settled: the upper row of a two-row header, read first as a header of its own and
  // then replaced, names no column.
  for (const seg of segments) {
    warnUnmapped(seg, where, gaps);
    if (seg.archived !== undefined && seg.archived.rows > 0) {
      const { col, rows: n } = seg.archived;
      gaps.push(gap(null, 'skipped', 'info', `${where}: ${n === 1 ? 'a row is' : `${n} rows are`} marked as archived or deleted in column ${col.letter} ("${col.heading}") and ${n === 1 ? 'was' : 'were'} not imported`, nonEmptyCells(seg.archived.first!).map(cellText).join(' | ')));
    }
    if (seg.diary !== undefined && seg.diary.workRows > 0) {
      const n = seg.diary.workRows;
      const first = nonEmptyCells(seg.diary.firstWork!).map(cellText).join(' | ');
      const all = seg.rows.length === 0;
      const some = all ? (n === 1 ? 'its one' : `its ${n}`) : n === 1 ? 'one of its' : `${n} of its`;
      const what = seg.diary.kind === 'timesheet'
        ? `is a timesheet: ${some} row${n === 1 && all ? '' : 's'} book${n === 1 ? 's' : ''} time to work (projects, meetings, leave)`
        : `is a calendar: ${some} entr${n === 1 && all ? 'y' : 'ies'} ${n === 1 ? 'is' : 'are'} meetings, leave or appointments`;
      gaps.push(
        seg.rows.length === 0
          ? gap(null, 'no_activities', 'info', `${where} ${what} and none is a training or CPD ${seg.diary.kind === 'timesheet' ? 'line' : 'entry'}, so no records were imported`, first)
          : gap(null, 'skipped', 'info', `${where} ${what}, not learning, and ${n === 1 ? 'was' : 'were'} not imported; its ${seg.rows.length} training or CPD ${seg.diary.kind === 'timesheet' ? 'line' : 'entr'}${seg.rows.length === 1 ? (seg.diary.kind === 'timesheet' ? ' was' : 'y was') : (seg.diary.kind === 'timesheet' ? 's were' : 'ies were')}`, first),
      );
    }
  }
  // A table with no date, no hours and no heading naming an activity ("Professional body | Grade | CPD hours per year
  // | Notes"): a reference table, not a log, however its text columns could be read.
  let setAside = false;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    if (!isBareList(seg)) continue;
    segments.splice(i, 1);
    setAside = true;
    gaps.push(gap(null, 'skipped', 'info', `${where} holds no CPD log: no column gives a date or hours, and no heading names an activity (the ${seg.rows.length} rows under "${seg.columns.map((c) => c.heading).slice(0, 4).join(' | ')}" read as a reference table) and was not imported`));
  }
  const formYear = titleYear ?? (table.sheet !== undefined ? yearFromTitle(table.sheet) : undefined);
  // Labels down a column and one activity per column (a transposed log), else label/value forms.
  const transposed = forms !== undefined && segments.length === 0 ? transposedBlocks(table, loose, formYear) : null;
  if (transposed !== null && transposed.totals.length > 0) {
    gaps.push(gap(null, 'skipped', 'info', `${where} column${transposed.totals.length === 1 ? '' : 's'} ${transposed.totals.join(', ')} ${transposed.totals.length === 1 ? 'is a totals column' : 'are totals columns'} and ${transposed.totals.length === 1 ? 'was' : 'were'} not imported as an activity`));
  }
  const found = transposed !== null ? transposed.blocks : forms !== undefined ? formBlocks(table, loose, formYear) : [];
  forms?.push(...found);
  if (segments.length === 0 && rows.length > 0 && found.length === 0 && !setAside) {
    gaps.push(
      gap(null, 'skipped', 'info', `${where} holds no CPD log (no heading row naming at least two record fields, e.g. Activity and Date) and was not imported`),
    );
  }
  return segments;
}

/**
 * True when a segment has nothing of a log but text: no column mapped to a date or to hours, and the activity name
 * found only by content (no heading names it). Such a table lists things (bodies and their rules, people, products).
 */
function isBareList(seg: Segment): boolean {
  for (const f of ['startDate', 'endDate', 'targetDate', 'hours'] as const) if (seg.byField.has(f)) return false;
  const names = seg.byField.get('activityName') ?? [];
  return names.length > 0 && names.every((c) => c.how === 'content') && seg.rows.length > 0;
}

/** Headings of a column marking a row taken away by its owner: "Archived", "Is deleted", "Trashed". */
const ARCHIVED_RE = /^(?:is )?(?:archived|deleted|trashed|in trash|in bin)$/;
/** A yes answer in such a column. */
const YES_RE = /^(?:yes|y|true|1|checked|✓|✔|x)$/i;

/**
 * True when a table's rows are people, not activities: a column names a person (by its heading, or it holds e-mail
 * addresses) and no column names what was done (activity, description, reflection, objective) by its heading.
 */
function listsPeople(columns: readonly ColumnPlan[], rows: readonly ExtractedRow[]): boolean {
  if (!columns.some((c) => c.person)) return false;
  // (A column counts as naming what was done by its heading even if its values moved it to the activity name.)
  const named = columns.filter((c) => (c.field === 'activityName' || c.field === 'description' || c.field === 'reflection' || c.field === 'objective') && !c.reason.startsWith('content:'));
  if (named.length === 0) return true;
  // A "Name" column whose names are those of each row's e-mail address (Owen Pritchard, owen.pritchard@…) names
  // the people (a Teams attendance list), whatever its heading says.
  const names = columns.filter((c) => c.field === 'activityName');
  const emails = columns.filter((c) => c.person && c.field === null);
  if (names.length !== 1 || named.length !== 1 || emails.length === 0) return false;
  let seen = 0;
  let same = 0;
  for (const row of rows) {
    const name = cellText(row.cells[names[0]!.index]).trim().toLowerCase();
    if (name === '') continue;
    const mail = emails.map((e) => cellText(row.cells[e.index]).trim().toLowerCase()).find((t) => t.includes('@'));
    if (mail === undefined) continue;
    seen++;
    const local = mail.slice(0, mail.indexOf('@'));
    const parts = name.split(/[\s.'’-]+/).filter((w) => w.length >= 2);
    // Every part of the name in the address, one of them perhaps as an initial (o.pritchard, owenp).
    const full = parts.filter((w) => local.includes(w)).length;
    if (parts.length > 0 && full >= 1 && full >= parts.length - 1 && parts.every((w) => local.includes(w) || local.includes(w[0]!))) same++;
  }
  if (seen === 0) return false;
  if (same * 10 >= seen * 6) {
    names[0]!.person = true;
    return true;
  }
  return false;
}

/**
 * No column dropped quietly: each column holding values that maps to no field gets a file-level `unmapped`
 * warning naming it with two sample values (its values stay in each record's `extras`).
 */
/**
 * The start and end time columns of a table kept out of the dates as times of day ("Start time" 12:30, "End time"
 * 13:30): the build stage takes the hours of a row that gives none from them (normalise/clock-span.ts). Null when
 * the table has no such pair.
 */
export function timeColumnPair(columns: readonly ColumnPlan[]): { start: ColumnPlan; end: ColumnPlan } | null {
  const unmapped = columns.filter((c) => c.field === null && /times of day/.test(c.reason));
  const start = unmapped.find((c) => readHeading(c.heading)?.field === 'startDate');
  const end = unmapped.find((c) => readHeading(c.heading)?.field === 'endDate');
  return start !== undefined && end !== undefined ? { start, end } : null;
}

function warnUnmapped(seg: Segment, where: string, gaps: Gap[]): void {
  const times = timeColumnPair(seg.columns);
  for (const c of seg.columns) {
    if (c.field !== null || c.samples.length === 0) continue;
    const col = seg.source.a1Refs === false ? `column ${c.letter}` : `column ${c.letter}`;
    const eg = c.samples
      .slice(0, 2)
      .map((t) => `"${t}"`)
      .join(', ');
    if (c.partOf !== undefined) {
      // Not dropped: part of a date written over several columns (map/date-parts.ts).
      gaps.push(gap(null, 'unmapped', 'info', `${where} ${col} "${c.heading}" holds ${c.reason}, read with it (e.g. ${eg}); its values are also kept in extras`, c.heading));
      continue;
    }
    if (times !== null && (c === times.start || c === times.end)) {
      // Not dropped and not unused: the pair gives the hours of rows that have none (build.ts hoursFromTimes).
      const other = c === times.start ? times.end : times.start;
      gaps.push(gap(null, 'unmapped', 'info', `${where} ${col} "${c.heading}" holds times of day, kept in extras (e.g. ${eg}); with column ${other.letter} ("${other.heading}") it gives the hours of rows that give none`, c.heading));
      continue;
    }
    if (c.chosenBy !== undefined) {
      // Left out on purpose: said once, as a note, not warned about as a column the tool could not place.
      gaps.push(gap(null, 'unmapped', 'info', `${where} ${col} "${c.heading}" left out by ${c.chosenBy}; its values are kept in extras, e.g. ${eg}`, c.heading));
      continue;
    }
    gaps.push(
      gap(null, 'unmapped', 'warning', `${where} ${col} "${c.heading}" maps to no record field (${c.reason}); its values are kept in extras, e.g. ${eg}`, c.heading),
    );
  }
}

/**
 * The mapping of one segment in the form reported in {@link TableMapping}; with `withSamples`, each column carries
 * its first three values as written (`samples`, for the mapping step).
 */
export function describeSegment(seg: Segment, index: number, count: number, withSamples = false): TableMapping {
  const t = seg.source;
  const name = count > 1 ? `${t.name} (table ${index + 1})` : t.name;
  const m: TableMapping = {
    table: name,
    headerRow: seg.headerRow,
    kind: seg.kind,
    columns: seg.columns.map((c) => ({ column: c.letter, heading: c.heading, field: c.field, how: c.how, confidence: c.confidence, reason: c.reason, ...(withSamples ? { samples: c.samples } : {}), ...(c.shownUnit !== undefined ? { unit: c.shownUnit } : {}) })),
  };
  if (t.sheet !== undefined) m.sheet = t.sheet;
  if (t.page !== undefined) m.page = t.page;
  return m;
}
