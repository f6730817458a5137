/**
 * Normalise stage: turns the data rows of a mapped segment (or a labelled block) into CPD records with typed
 * values, raw source text, provenance and the gaps found while reading values.
 *
 * Sources: dates docs/domain/CPD.md §7 (day/month order per column from the evidence), units docs/domain/CPD.md §6 (conversions only
 * with a `converted` gap), TWAVES docs/domain/CPD.md §3 (inferred ones flagged), UK-SPEC docs/domain/CPD.md §4 (unknown codes flagged).
 */
import { hoursInName } from './normalise/name-hours.js';
import { dateInSentence } from './normalise/prose-date.js';
import { DEFAULT_TIME_ZONE, localTime } from './normalise/zone.js';
import { emptyRecord, gap, TWAVES_NAMES, type CpdRecord, type Gap, type RecordField, type SourceRef, type Twaves } from '../domain/index.js';
import { columnLetter, timeColumnPair, type ColumnPlan, type Segment } from './map.js';
import { LOW_CONFIDENCE } from './map/assign.js';
import { fieldLabel } from './map/meaning.js';
import { parseSkillType, parseTwaves } from './normalise/category.js';
import { addDays, excelSerialToIso, extendedForm, inferDateOrder, lastDay, parseDate, type DateOk, type DateOptions, type DateOrder, type DateParse, type OrderEvidence } from './normalise/dates.js';
import { isEmptyValue } from './normalise/empty.js';
import { dayColumns, daysWithTime, readDayOfMonth, weekdayOf, type DayColumn, type DayOfMonth } from './normalise/week-days.js';
import { spanHours } from './normalise/clock-span.js';
import { ceuRuleOf, cpeRuleOf } from './normalise/cpe.js';
import { excelDurationToHours, isTimeFormat, parseHours, rateFromHeading, unitFromHeading, type HoursFail, type HoursOk, type HoursOptions, type HoursUnit, type StatedRate } from './normalise/hours.js';
import { mayHoldHtml } from './normalise/html.js';
import { readTick, tickedOptions } from './normalise/ticks.js';
import { readStatus } from './normalise/status.js';
import { hoursStatedIn } from './normalise/stated-hours.js';
import { cleanLine, cleanText, isPlaceholderText } from './normalise/text.js';
import { parseUkSpec, type UkSpecParse } from './normalise/ukspec.js';
import type { YearSpan } from './normalise/years.js';
import { matchHeading } from './headings.js';
import { cellText, type Cell, type CellInfo, type ExtractedRow, type LabelledBlock } from './types.js';

/** Options for normalising (all have defaults in {@link importFile}). */
export interface NormaliseOptions {
  /** `auto`: decide per column from the evidence, falling back to `dmy` (UK logs are day-first, docs/domain/CPD.md §7). */
  dateOrder: DateOrder | 'auto';
  /** Hours per day when a duration is given in days (our choice, default 6: ICE's 6 h of learning = 1 day). */
  hoursPerDay: number;
  /** Year to use for dates written without one (from a title row, the preamble or the file name). */
  yearHint?: number;
  /** Today as `YYYY-MM-DD`: completed activities cannot be after it, which helps decide day/month order. */
  today?: string;
  /**
   * Hours per CPD point, credit or unit (docs/domain/CPD.md §6: one point or credit is one hour in UK and Irish CPD);
   * default 1. US CPE credits (50 minutes), CEUs and PDUs have rates of their own.
   */
  hoursPerPoint?: number;
  /**
   * IANA time zone in which a date-time with a zone (`2024-06-30T23:30:00Z`) is dated; default Europe/London (the
   * body's zone, issue 9 scope 5). Must be a valid zone name (normalise/zone.ts `isTimeZone`).
   */
  timeZone?: string;
}

/** The options of {@link parseDate} for a column read in `order`. */
function dateOptions(order: DateOrder, yearHint: number | undefined, timeZone: string | undefined): DateOptions {
  const o: DateOptions = { order, labels: true };
  if (yearHint !== undefined) o.yearHint = yearHint;
  if (timeZone !== undefined) o.timeZone = timeZone;
  return o;
}

const DATE_FIELDS = ['startDate', 'endDate', 'targetDate'] as const;
type DateField = (typeof DATE_FIELDS)[number];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-04-03" → "3 April 2024" (for gap messages). */
export function humanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (m === undefined) return y ?? iso;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

function ref(letter: string, index: number, a1: boolean): string {
  return a1 ? `${letter}${index}` : `row ${index}, column ${letter}`;
}

/**
 * Where a table value was read: A1 (`C7`), a document table's `row 3, column 2`, or for a PDF row (which knows
 * its page and line) `page 2, line 14, column 3`; a value read by OCR adds its confidence (`, OCR 91%`).
 */
function cellRef(letter: string, row: ExtractedRow, a1: boolean, c: Cell): string {
  const base = !a1 && row.page !== undefined && row.line !== undefined ? `page ${row.page}, line ${row.line}, column ${letter}` : ref(letter, row.index, a1);
  return typeof c === 'object' && c !== null && c.confidence !== undefined ? `${base}, OCR ${Math.round(c.confidence)}%` : base;
}

/** A CSV cell holding an Excel date serial, perhaps with the time as a fraction ("45292", "45292.375"). */
const SERIAL_TEXT_RE = /^\d{5}(?:\.\d+)?$/;

/** Date-order decision per date column of a segment. */
/** Day/month order stated in a heading: "Date (dd/mm/yyyy)" → dmy, "Date (mm/dd/yy)" → mdy. */
function orderFromHeading(heading: string): DateOrder | null {
  const h = heading.toLowerCase();
  if (/\bd{1,2}\s*[/.-]\s*m{1,2}\s*[/.-]\s*y{2,4}\b/.test(h)) return 'dmy';
  if (/\bm{1,2}\s*[/.-]\s*d{1,2}\s*[/.-]\s*y{2,4}\b/.test(h)) return 'mdy';
  return null;
}

/** Raw text of the date cells of a column (typed date cells carry their own date and need no order). */
function dateTexts(seg: Segment, index: number): Array<string | null> {
  return seg.rows.map((r) => {
    const c = r.cells[index];
    if (typeof c === 'string') return c === '' ? null : c;
    if (c && typeof c === 'object' && c.date === undefined && c.text !== '') return c.text;
    return null;
  });
}

/**
 * Counts, for one reading order, the dates that break the rules of docs/domain/CPD.md §7 — a completed activity's date after
 * today, an end before its start — over the rows of a segment (start and end columns read in the same order).
 */
function violations(order: DateOrder, starts: Array<string | null> | null, ends: Array<string | null> | null, today: string, yearHint: number | undefined): number {
  const read = (t: string | null): string | null => {
    if (t === null) return null;
    const d = yearHint === undefined ? parseDate(t, { order }) : parseDate(t, { order, yearHint });
    return d.ok && d.precision === 'day' ? d.start : null;
  };
  const n = Math.max(starts?.length ?? 0, ends?.length ?? 0);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const s = starts ? read(starts[i] ?? null) : null;
    const e = ends ? read(ends[i] ?? null) : null;
    if ((s !== null && s > today) || (e !== null && e > today)) bad++;
    if (s !== null && e !== null && e < s) bad++;
  }
  return bad;
}

/**
 * Day/month order per date column of a segment (docs/domain/CPD.md §7: "decide day/month order per column from the evidence —
 * any day > 12, start ≤ end, completed not in the future; when the column gives no evidence use the configured
 * default and flag ambiguous"). A `--date-order` setting or an order written in the heading ("dd/mm/yyyy") wins.
 */
function decideOrders(seg: Segment, opts: NormaliseOptions): Map<number, OrderEvidence> {
  const out = new Map<number, OrderEvidence>();
  const undecided: ColumnPlan[] = [];
  for (const f of DATE_FIELDS) {
    for (const col of seg.byField.get(f) ?? []) {
      if (opts.dateOrder !== 'auto') {
        out.set(col.index, { order: opts.dateOrder, decided: true, reason: `day/month order set to ${opts.dateOrder} by the user` });
        continue;
      }
      const stated = orderFromHeading(col.heading);
      if (stated) {
        out.set(col.index, { order: stated, decided: true, reason: `the heading "${col.heading}" gives the order` });
        continue;
      }
      const raws = dateTexts(seg, col.index).filter((t): t is string => t !== null);
      const ev = inferDateOrder(raws, 'dmy');
      out.set(col.index, ev);
      if (!ev.decided && f !== 'targetDate') undecided.push(col);
    }
  }
  // No day above 12 anywhere: try the other rules on the start and end columns, read in the same order.
  if (undecided.length > 0 && opts.today !== undefined) {
    const startCol = seg.byField.get('startDate')?.[0];
    const endCol = seg.byField.get('endDate')?.[0];
    const orderOf = (col: ColumnPlan | undefined): OrderEvidence | undefined => (col ? out.get(col.index) : undefined);
    const sTexts = startCol ? dateTexts(seg, startCol.index) : null;
    const eTexts = endCol ? dateTexts(seg, endCol.index) : null;
    const hint = seg.yearHint ?? opts.yearHint;
    const fixedOrder = (col: ColumnPlan | undefined, o: DateOrder): DateOrder => {
      const ev = orderOf(col);
      return ev && ev.decided ? ev.order : o;
    };
    const count = (o: DateOrder): number =>
      violations(fixedOrder(startCol, o), sTexts, null, opts.today!, hint) +
      violations(fixedOrder(endCol, o), null, eTexts, opts.today!, hint) +
      pairViolations(fixedOrder(startCol, o), fixedOrder(endCol, o), sTexts, eTexts, hint);
    const dmy = count('dmy');
    const mdy = count('mdy');
    if (dmy !== mdy && Math.min(dmy, mdy) === 0) {
      const order: DateOrder = dmy === 0 ? 'dmy' : 'mdy';
      const worse = Math.max(dmy, mdy);
      const reason = `no day is above 12, but read ${order === 'dmy' ? 'month first' : 'day first'} ${worse} date${worse === 1 ? '' : 's'} would be in the future or end before the start, and none ${order === 'dmy' ? 'day first' : 'month first'}`;
      for (const col of undecided) out.set(col.index, { order, decided: true, reason });
    }
  }
  return out;
}

/** End-before-start count for start and end columns read in the given orders. */
function pairViolations(so: DateOrder, eo: DateOrder, starts: Array<string | null> | null, ends: Array<string | null> | null, yearHint: number | undefined): number {
  if (!starts || !ends) return 0;
  let bad = 0;
  for (let i = 0; i < starts.length; i++) {
    const st = starts[i] ?? null;
    const en = ends[i] ?? null;
    if (st === null || en === null) continue;
    const a = yearHint === undefined ? parseDate(st, { order: so }) : parseDate(st, { order: so, yearHint });
    const b = yearHint === undefined ? parseDate(en, { order: eo }) : parseDate(en, { order: eo, yearHint });
    if (a.ok && b.ok && a.precision === 'day' && b.precision === 'day' && b.start < a.start) bad++;
  }
  return bad;
}

/**
 * The `extras` of records without any: one frozen, prototype-free empty object shared by all of them (a large log
 * would otherwise allocate one per record). {@link RecordBuilder.extra} replaces it before the first write.
 */
const NO_EXTRAS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * Appends a gap to a record. A record's first gap gets an array of its own size (replacing the empty one):
 * most records of a large log carry one gap, and a first push would give the empty array room for sixteen.
 */
export function addGap(rec: CpdRecord, g: Gap): void {
  if (rec.gaps.length === 0) rec.gaps = [g];
  else rec.gaps.push(g);
}

/** Collects values for the record being built; keeps provenance and gaps together. */
class RecordBuilder {
  readonly rec: CpdRecord;
  constructor(source: SourceRef) {
    this.rec = emptyRecord(source, NO_EXTRAS);
  }
  /** Sets an extra (a column or label mapped to no field); the first one gives the record its own object. */
  extra(key: string, value: string): void {
    if (this.rec.extras === NO_EXTRAS) this.rec.extras = Object.create(null) as Record<string, string>;
    this.rec.extras[key] = value;
  }
  cell(field: string, where: string): void {
    (this.rec.source.cells ??= {})[field] = where;
  }
  gap(g: Gap): void {
    addGap(this.rec, g);
  }
}

/** Most distinct texts remembered per column by a {@link ColumnParses} cache (a column of unique texts stops there). */
const PARSES_PER_COLUMN = 4096;

/**
 * What was read from each distinct text of one column, by text: a log repeats its dates, hours, categories and codes
 * from row to row, so each is read once. The entries are shared by the records and never changed (UK-SPEC codes are
 * copied into each record). Each parse depends only on the text and on what is fixed for the column (its unit, its
 * date order, the segment's year hint).
 */
interface ColumnParses {
  dates?: Map<string, DateParse>;
  hours?: Map<string, HoursRead>;
  ukSpec?: Map<string, UkSpecRead>;
  twaves?: Map<string, Twaves | null>;
}

/** A parsed hours text, and whether the text differs from the hours it gives (then it is kept in `raw`). */
interface HoursRead {
  h: HoursOk | HoursFail;
  rawDiffers: boolean;
}

/** Parsed UK-SPEC codes, and whether the text differs from the codes written back (then it is kept in `raw`). */
interface UkSpecRead {
  u: UkSpecParse;
  rawDiffers: boolean;
}

/** Looks `text` up in a column's cache (none for labelled blocks); `undefined` when not read yet. */
function recall<T>(cache: Map<string, T> | undefined, text: string): T | undefined {
  return cache === undefined ? undefined : cache.get(text);
}

/** Stores what was read from `text` (while the cache has room) and returns it. */
function remember<T>(cache: Map<string, T> | undefined, text: string, value: T): T {
  if (cache !== undefined && cache.size < PARSES_PER_COLUMN) cache.set(text, value);
  return value;
}

/** One field's input for a row: its non-empty cells, where they were read, and the column's unit and date order. */
interface FieldInput {
  cell: Cell;
  where: string;
  heading: string;
  unit?: HoursUnit | undefined;
  /** For hours: a conversion rate the heading states ("(1 credit = 50 min)"). */
  rate?: StatedRate | undefined;
  order?: OrderEvidence | undefined;
  /** The column's parse cache (table columns; labelled blocks have none). */
  parses?: ColumnParses | undefined;
  /** A column of days of the month: the month (`YYYY-MM`) that dates them, or null when none was found. */
  month?: string | null | undefined;
  /** An hours column whose values add to those of its sibling columns (`ColumnPlan.sum`). */
  sum?: boolean | undefined;
  /** For hours: two-part clock values are minutes and seconds (`ColumnPlan.clock`). */
  clock?: 'm:ss' | undefined;
  /** For dates: the year of the dates in the rows around this one, for a date written without a year (`rowYears`). */
  rowYear?: { year: number; from: string } | undefined;
  /** For dates: the tax, financial or academic year the table is kept over (`Segment.yearSpan`), if named. */
  span?: YearSpan | undefined;
  /** An hours column of one month in a row of month columns (`ColumnPlan.month`). */
  monthOf?: { month: number; year?: number; next?: true; day?: number } | undefined;
  /** An hours column of one TWAVES category in a set of such columns (`ColumnPlan.category`). */
  categoryOf?: Twaves | undefined;
}

/** Text of several cells joined (first cell alone in the common case, without allocating). */
function joined(inputs: readonly FieldInput[], sep: string): string {
  if (inputs.length === 1) return cellText(inputs[0]!.cell);
  let out = '';
  for (let i = 0; i < inputs.length; i++) out += (i === 0 ? '' : sep) + cellText(inputs[i]!.cell);
  return out;
}

/**
 * Applies one field's non-empty inputs (`present`, at least one) to the record. Text fields fed by several cells
 * are joined (two reflection columns → one reflection, paragraphs kept).
 */
function applyField(b: RecordBuilder, field: RecordField, present: readonly FieldInput[], opts: NormaliseOptions, yearHint: number | undefined): void {
  const rec = b.rec;
  const first = present[0]!;
  b.cell(field, present.length === 1 || field === 'hours' ? first.where : present.map((p) => p.where).join(', '));
  const merged = typeof first.cell === 'object' && first.cell !== null ? first.cell.mergedFrom : undefined;
  if (merged !== undefined && field !== 'hours') {
    b.gap(gap(field, 'inferred', 'info', `taken from the merged cell ${merged}, which spans this row`));
  }
  switch (field) {
    case 'activityName':
    case 'activityType': {
      const text = joined(present, ' — ');
      // A line of boxes ("☐ Course ☒ Webinar ☐ Reading"): the ticked option is the type, the line stays in raw.
      const v = cleanLine(boxedValue(text) ?? text);
      rec[field] = v !== null && isPlaceholderText(v) ? null : v;
      if (v !== text) rec.raw[field] = text;
      // "Webinar on arc flash (1.5 h)\nRead E&T article (0.5 h)": several activities in one cell, each with its own
      // hours, read as one record (Word/PDF trial 2: merged without a word). Said so; the member should split them.
      if (field === 'activityName' && (text.includes('\n') || text.includes(';'))) {
        const withHours = Math.max(text.split('\n').filter((l) => LINE_HOURS_RE.test(l)).length, text.match(BRACKETED_HOURS_RE)?.length ?? 0);
        if (withHours >= 2) b.gap(gap('activityName', 'ambiguous', 'warning', `the cell names ${withHours} activities, each with its own hours: they were read as one record; split them into one row each`, text));
      }
      break;
    }
    case 'description':
    case 'reflection':
    case 'objective': {
      if (present.length === 1) {
        const raw = cellText(first.cell);
        const t = cleanText(raw);
        rec[field] = t === null || isPlaceholderText(t) ? null : t;
        // HTML from an export (`<p>…</p>`, `&amp;`) is read as plain text; the HTML stays in `raw`
        if (t !== raw && mayHoldHtml(raw)) rec.raw[field] = raw;
      } else {
        const raws = present.map((p) => cellText(p.cell));
        const parts = raws.map((r) => cleanText(r)).filter((t): t is string => t !== null && !isPlaceholderText(t));
        rec[field] = parts.length === 0 ? null : parts.join('\n\n');
        if (raws.some((r) => mayHoldHtml(r))) rec.raw[field] = raws.join('\n\n');
      }
      break;
    }
    case 'twaves': {
      if (tickedCategory(b, present)) break;
      const line = cellText(first.cell).trim();
      // A line of boxes ("☒ Training course ☐ Work experience …"): the ticked option is the category.
      const text = boxedValue(line) ?? line;
      if (text !== line) rec.raw.twaves = line;
      if (text === '') break;
      const cache = first.parses === undefined ? undefined : (first.parses.twaves ??= new Map());
      let t = recall(cache, text);
      if (t === undefined) t = remember(cache, text, parseTwaves(text));
      if (t) {
        rec.twaves = t;
        if (text !== t && rec.raw.twaves === undefined) rec.raw.twaves = text;
      } else {
        rec.raw.twaves = text;
        b.gap(gap('twaves', 'invalid', 'warning', `"${text}" is not a TWAVES category (T, W, A, V, E or S)`, text));
      }
      break;
    }
    case 'skillType': {
      const line = cellText(first.cell).trim();
      // "☐ Technical ☒ Soft": the ticked option.
      const text = boxedValue(line) ?? line;
      rec.raw.skillType = line;
      if (text === '') break;
      const s = parseSkillType(text);
      if (s.skillType) rec.skillType = s.skillType;
      else if (s.ambiguous) {
        b.gap(gap('skillType', 'ambiguous', 'warning', `"${text}" does not say whether the technical skill is personal or for the job role`, text));
      } else {
        b.gap(gap('skillType', 'invalid', 'warning', `"${text}" is not a skill type (technical-personal, technical-job or soft)`, text));
      }
      break;
    }
    case 'ukSpec': {
      if (tickedCodes(b, present)) break;
      const line = joined(present, ', ');
      // A line of boxes ("☒ A1 ☐ A2 ☒ B3"): only the ticked codes.
      const text = boxedValue(line) ?? line;
      if (text !== line) rec.raw.ukSpec = line;
      const cache = first.parses === undefined ? undefined : (first.parses.ukSpec ??= new Map());
      let read = recall(cache, text);
      if (read === undefined) {
        const parsed = parseUkSpec(text);
        read = remember(cache, text, { u: parsed, rawDiffers: text !== (parsed.codes.length === 1 ? parsed.codes[0] : parsed.codes.join(', ')) });
      }
      const u = read.u;
      rec.ukSpec = u.codes.slice();
      if (read.rawDiffers && rec.raw.ukSpec === undefined) rec.raw.ukSpec = text;
      if (u.readAs !== undefined) b.gap(gap('ukSpec', 'inferred', 'warning', `${u.readAs.join('; ')}: a letter taken for the digit of a code; check it`, text));
      if (u.unknown.length > 0) {
        b.gap(gap('ukSpec', 'invalid', 'warning', `${u.unknown.join(', ')} ${u.unknown.length === 1 ? 'is not a UK-SPEC competence code' : 'are not UK-SPEC competence codes'} (A1–E5)`, text));
      } else if (u.codes.length === 0 && !isPlaceholderText(text)) {
        b.gap(gap('ukSpec', 'invalid', 'warning', `no UK-SPEC competence code (A1–E5) found in "${text.trim()}"`, text));
      }
      break;
    }
    case 'hours':
      if (typeof first.cell === 'object' && first.cell !== null && first.cell.mergedFrom !== undefined) {
        b.gap(gap('hours', 'inferred', 'info', `the hours cell is part of a merged range starting at ${first.cell.mergedFrom}; its hours are counted once, on that row`, first.cell.text));
        break;
      }
      if (monthHours(b, present, opts, yearHint)) break;
      if (categoryHours(b, present, opts)) break;
      applyHours(b, first, opts);
      if (addMinutes(b, present)) break;
      // Hours split by kind ("Formal hours", "Informal hours"): each part is kept under its heading too, so a review
      // can tell the kinds apart (issue 16 §4: RICS formal hours).
      if (first.sum === true) for (const p of present) b.extra(p.heading, cellText(p.cell).trim());
      if (addSiblings(b, present, opts)) break;
      // Several hours columns filled on one row ("Hours" and "Days"): the first is used, the others kept as extras.
      for (let i = 1; i < present.length; i++) b.extra(present[i]!.heading, cellText(present[i]!.cell).trim());
      break;
    case 'startDate':
    case 'endDate':
    case 'targetDate':
      applyDate(b, field, first, yearHint, opts.timeZone);
      break;
    case 'status':
      rec.raw.status = cellText(first.cell).trim();
      break;
  }
}

/**
 * Hours stated in the description or reflection ("CPD hours: 21") of a record that has none from a column, with an
 * `inferred` gap naming where they came from (normalise/stated-hours.ts).
 */
function hoursFromText(b: RecordBuilder): void {
  const rec = b.rec;
  if (rec.hours !== null || rec.gaps.some((g) => g.field === 'hours')) return;
  for (const field of ['description', 'reflection'] as const) {
    const text = rec[field];
    if (text === null) continue;
    const h = hoursStatedIn(text);
    if (h === null) continue;
    rec.hours = h;
    b.gap(gap('hours', 'inferred', 'info', `no hours given in a column; ${h} h taken from the ${fieldLabel(field)}, which states them`, text.length > 80 ? `${text.slice(0, 79)}…` : text));
    return;
  }
}

/** Settles `status` from a Status column's text ("Planned", "In progress" → planned; "Completed" → completed). */
function applyStatus(b: RecordBuilder): void {
  const rec = b.rec;
  const statusText = rec.raw.status;
  if (statusText === undefined) return;
  // "☒ Completed ☐ In progress": the ticked option is the status (none ticked: nothing said).
  const boxed = boxedValue(statusText);
  const read = boxed === '' ? null : readStatus(boxed ?? statusText);
  if (read === null) return;
  rec.status = read.status;
  if (read.cancelled) {
    b.gap(gap('status', 'invalid', 'warning', `the status "${statusText}" says the activity did not take place, so it is not counted as completed CPD; correct the status if it did`, statusText));
  }
}

/**
 * The column of an export that dates completion ("Completion date", "completed_at", "Date finished (if
 * finished)"), when it is filled on most rows (three in five, and at least two): a row without it there is a course
 * not finished. Null when the segment has no such column.
 */
function completionColumn(seg: Segment): { col: ColumnPlan; filled: number } | null {
  const col = seg.byField.get('endDate')?.[0];
  if (col === undefined || !/\b(complet|finish)/i.test(col.heading.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' '))) return null;
  let filled = 0;
  for (const r of seg.rows) if (!isEmptyCell(r.cells[col.index])) filled++;
  return filled >= 2 && filled * 5 >= seg.rows.length * 3 && filled < seg.rows.length ? { col, filled } : null;
}

/**
 * The value of a line of boxes: its ticked options (`☒ Training course ☐ Event` → `Training course`; two ticked are
 * joined with ` / `), `''` when none is ticked. Null when the text is no line of boxes (normalise/ticks.ts).
 */
function boxedValue(text: string): string | null {
  const boxes = tickedOptions(text);
  return boxes === null ? null : boxes.ticked.join(' / ');
}

/**
 * Category columns of tick boxes (a tracker's `T | W | A | V | E | S` columns, or `Training | Events | …`, holding
 * `☒` / `☐`, `✓`, `x`, `yes`): the category is the heading of the column ticked on the row (map/assign.ts
 * `tickedCategoryColumns` maps such columns to TWAVES). True when the inputs are ticks, whether or not one is ticked;
 * two different categories ticked on one row keep the first with an `ambiguous` warning.
 */
function tickedCategory(b: RecordBuilder, present: readonly FieldInput[]): boolean {
  const letters: { letter: Twaves; input: FieldInput }[] = [];
  for (const p of present) {
    const letter = parseTwaves(p.heading, true);
    const tick = readTick(cellText(p.cell));
    if (letter === null || tick === null) return false;
    if (tick && !letters.some((l) => l.letter === letter)) letters.push({ letter, input: p });
  }
  const first = letters[0];
  if (first === undefined) return true;
  b.rec.twaves = first.letter;
  b.rec.raw.twaves = `${cellText(first.input.cell).trim()} under "${first.input.heading}"`;
  b.cell('twaves', first.input.where);
  if (letters.length > 1) {
    b.gap(gap('twaves', 'ambiguous', 'warning', `boxes are ticked under ${letters.map((l) => `"${l.input.heading}"`).join(' and ')}: read as ${first.letter} (${TWAVES_NAMES[first.letter]}), the first; untick the others if it is one category`));
  }
  return true;
}

/**
 * UK-SPEC tick-box columns (`A1 | A2 | B1 | …` holding `✓`, `x`, `☒` / `☐`; map/assign.ts `tickedCodeColumns`): the
 * record's codes are the headings of the columns ticked. True when every input is a tick mark under a code heading.
 */
function tickedCodes(b: RecordBuilder, present: readonly FieldInput[]): boolean {
  const codes: string[] = [];
  const where: string[] = [];
  for (const p of present) {
    const tick = readTick(cellText(p.cell));
    const u = parseUkSpec(p.heading);
    if (tick === null || u.codes.length !== 1) return false;
    if (tick && !codes.includes(u.codes[0]!)) {
      codes.push(u.codes[0]!);
      where.push(p.where);
    }
  }
  b.rec.ukSpec = codes;
  if (codes.length > 0) {
    b.rec.raw.ukSpec = `ticked under ${codes.join(', ')}`;
    b.cell('ukSpec', where.join(', '));
  }
  return true;
}

/** A ticked box's word: what a checkbox column holds where it is ticked (Airtable `checked`, `TRUE`, `✓`). */
const TICKED_RE = /^(?:yes|y|true|checked|ticked|done|✓|✔|☑|☒|✅|x)$/i;

/**
 * The status column of a checkbox ("Completed" holding `checked` or nothing, as Airtable and Notion export a box):
 * every filled cell is a tick, and some cells are empty. An empty cell there is a box not ticked — an activity not
 * done — rather than an unknown status. Null when the segment has no such column.
 */
function checkboxColumn(seg: Segment): { col: ColumnPlan; ticked: number } | null {
  const col = seg.byField.get('status')?.[0];
  if (col === undefined) return null;
  let ticked = 0;
  for (const r of seg.rows) {
    const c = r.cells[col.index];
    if (isEmptyCell(c)) continue;
    if (!TICKED_RE.test(cellText(c).trim())) return null;
    ticked++;
  }
  return ticked >= 1 && ticked < seg.rows.length ? { col, ticked } : null;
}

/**
 * The "All day event" column of a calendar export (Outlook, Google Calendar): where it is ticked, the end date is
 * exclusive — the event ends at midnight starting that day, so "10/03 to 11/03, all day" is one day, 10 March
 * (RFC 5545 §3.6.1: DTEND of an all-day event is the day after its last day). Null when there is none.
 */
function allDayColumn(seg: Segment): ColumnPlan | null {
  return seg.columns.find((c) => c.field === null && /\ball[\s_-]*day\b/i.test(c.heading)) ?? null;
}

/**
 * True when the end column is a calendar's: some of its cells hold a machine-written ISO 8601 date-time
 * (`20260113T133000Z`, `2026-01-13T13:30:00+00:00`), so the rows whose start and end hold a bare date are all-day
 * events, whose end is exclusive (RFC 5545 §3.6.1: DTEND of an all-day event is the day after its last day). Not
 * for a hand-kept log that times some sessions (`14/01/2026 09:30`): a person writes a course's last day.
 */
function isCalendarEnd(seg: Segment, end: ColumnPlan): boolean {
  return seg.rows.some((row) => ISO_DATE_TIME_RE.test(cellText(row.cells[end.index]).trim()));
}
/** An ISO 8601 date-time, basic or extended (`20260113T133000Z`, `2026-01-13T13:30`). */
const ISO_DATE_TIME_RE = /^\d{4}-?\d{2}-?\d{2}T\d{2}:?\d{2}/;

/** True when the row's start or end cell carries a time of day. */
function hasTime(row: ExtractedRow, cols: { start: ColumnPlan; end: ColumnPlan }, timeZone: string): boolean {
  return timeInDateCell(row.cells[cols.start.index], timeZone) !== '' || timeInDateCell(row.cells[cols.end.index], timeZone) !== '';
}

/** A cell text that names a year: four digits, or a numeric date ending in a two-digit year (`3/4/24`). */
const HAS_YEAR_RE = /\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}(?!\d)/;

/** True for a date written without its year (`2 Dec`, `Tue 03/03`): it reads as a date once a year is given. */
function isYearless(t: string, order: DateOrder): boolean {
  const d = parseDate(t, { order });
  return !d.ok && /has no year|no year given/.test(d.reason);
}

/**
 * For a table with no year above it, the year of each date written without one, from the dates of the rows around
 * it in the same column (`14 Mar 2026`, then `2 Apr`, `18 Apr`): the nearest full date above (else below) gives the
 * year, and a column whose dates run forward (or back) moves to the next (or previous) year where the month and day
 * go back (`20 Dec 2025`, then `8 Jan` is 2026). Our rule. By column index, an array by row (undefined where the cell
 * has its year, or no date is near); null when no date column needs it.
 */
function rowYears(seg: Segment, orders: Map<number, OrderEvidence>): Map<number, Array<{ year: number; from: string } | undefined>> | null {
  let out: Map<number, Array<{ year: number; from: string } | undefined>> | null = null;
  for (const f of DATE_FIELDS) {
    for (const col of seg.byField.get(f) ?? []) {
      const order = orders.get(col.index)?.order ?? 'dmy';
      const texts = dateTexts(seg, col.index);
      // (most cells name their year: a cheap look first, so a large log pays nothing more)
      const yearless = texts.map((t) => t !== null && !HAS_YEAR_RE.test(t) && isYearless(t, order));
      if (!yearless.includes(true)) continue;
      const full: Array<{ iso: string; text: string } | undefined> = texts.map((t) => {
        if (t === null) return undefined;
        const d = parseDate(t, { order });
        return d.ok && d.precision === 'day' ? { iso: d.start, text: t } : undefined;
      });
      // typed date cells (no text) date their rows too
      seg.rows.forEach((r, i) => {
        const c = r.cells[col.index];
        if (typeof c === 'object' && c !== null && c.date !== undefined) full[i] = { iso: c.date, text: c.text };
      });
      const dated = full.filter((x): x is { iso: string; text: string } => x !== undefined);
      let up = 0;
      let down = 0;
      for (let i = 1; i < dated.length; i++) {
        if (dated[i]!.iso > dated[i - 1]!.iso) up++;
        else if (dated[i]!.iso < dated[i - 1]!.iso) down++;
      }
      const dir = up > down ? 1 : down > up ? -1 : 0;
      const years: Array<{ year: number; from: string } | undefined> = new Array(texts.length).fill(undefined);
      for (let i = 0; i < texts.length; i++) {
        if (!yearless[i]) continue;
        let ref: { iso: string; text: string } | undefined;
        let above = true;
        for (let j = i - 1; j >= 0 && ref === undefined; j--) ref = full[j];
        if (ref === undefined) {
          above = false;
          for (let j = i + 1; j < texts.length && ref === undefined; j++) ref = full[j];
        }
        if (ref === undefined) continue;
        const refYear = Number(ref.iso.slice(0, 4));
        let year = refYear;
        const probe = parseDate(texts[i]!, { order, yearHint: year });
        if (probe.ok && dir !== 0) {
          // running forward, a day before the one above is in the next year; below, a day after the one below the year before
          if (above && dir > 0 && probe.start < ref.iso) year++;
          else if (above && dir < 0 && probe.start > ref.iso) year--;
          else if (!above && dir > 0 && probe.start > ref.iso) year--;
          else if (!above && dir < 0 && probe.start < ref.iso) year++;
        }
        const turn = year === refYear ? '' : `, and the column's dates run ${dir > 0 ? 'forward' : 'back'}`;
        years[i] = { year, from: `"${ref.text}" ${above ? 'above' : 'below'}${turn}` };
      }
      (out ??= new Map()).set(col.index, years);
    }
  }
  return out;
}

/**
 * The start and end time columns of a segment that gives no hours for some rows: columns kept out of the record
 * because their heading names a start or an end ("Start Time", "End time", "From") while their values are times of
 * day (map/assign.ts). Null when there is not one of each.
 */
/**
 * A record with no hours (none given, or a cell that could not be read: a formula's `#VALUE!`) on one day, whose
 * row gives a start and an end time: the hours between them (normalise/clock-span.ts), with an `inferred` gap
 * naming the times; the unreadable cell's gap is folded into it, its text kept.
 */
function hoursFromTimes(b: RecordBuilder, row: ExtractedRow, times: { start: ColumnPlan; end: ColumnPlan }, a1: boolean, read: (c: Cell | undefined) => string = cellText): void {
  const rec = b.rec;
  if (rec.hours !== null || (rec.endDate !== null && rec.startDate !== null && rec.endDate !== rec.startDate)) return;
  const span = spanHours(read(row.cells[times.start.index]), read(row.cells[times.end.index]));
  if (span === undefined) return;
  const unread = rec.gaps.find((g) => g.field === 'hours' && g.code === 'invalid');
  if (rec.gaps.some((g) => g.field === 'hours' && g !== unread)) return;
  if (unread !== undefined) rec.gaps = rec.gaps.filter((g) => g !== unread);
  rec.hours = span.hours;
  const where = `columns ${times.start.letter} and ${times.end.letter} ("${times.start.heading}", "${times.end.heading}")`;
  b.cell('hours', a1 ? `${times.start.letter}${row.index}:${times.end.letter}${row.index}` : where);
  const why = unread === undefined ? 'no hours given' : `the hours cell could not be read ("${unread.raw ?? ''}")`;
  b.gap(gap('hours', 'inferred', 'info', `${why}; ${span.hours} h taken from the start and end times in ${where}: ${span.times}`, unread?.raw ?? span.times));
}

/** A time of day written after a date in one cell ("14/01/2026 09:30", "2026-01-14 9:30 am"). */
const TIME_AFTER_DATE_RE = /\d\s*[T\s,]\s*(\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\s*$/i;

/**
 * The time of day a date cell gives beside its date — a spreadsheet date-time cell's time, or a time written after
 * the date in the text — or '' when it gives none. A time with a zone ("2026-07-08T23:00:00Z", a calendar's
 * "20260708T230000Z") is read on the clock of `timeZone`, where the record is dated (00:00 BST on 9 July).
 */
function timeInDateCell(c: Cell | undefined, timeZone: string): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object' && c.date !== undefined) return c.time ?? '';
  const text = extendedForm(cellText(c).trim());
  if (ZONED_ISO_RE.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? '' : localTime(ms, timeZone).time;
  }
  return TIME_AFTER_DATE_RE.exec(text)?.[1] ?? '';
}
/** An ISO 8601 date-time with a zone: `Z` or an offset (`+01:00`, `+0100`). */
const ZONED_ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The date a row writes over a day column and its month and year columns (map/date-parts.ts) as one text: ISO
 * when the month is a number (`2026-06-02`, so no day/month order applies), else `14 Jan 2026`; without a year
 * column, `14 Jan` (dated by the log's year as any yearless date is). Null when the day is empty.
 */
function datePartsCell(row: ExtractedRow, day: number, parts: { month: number; year?: number }): Cell {
  const d = cellText(row.cells[day]).trim();
  if (d === '') return null;
  const m = cellText(row.cells[parts.month]).trim();
  const y = parts.year === undefined ? '' : cellText(row.cells[parts.year]).trim();
  if (/^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) && /^\d{1,2}$/.test(d)) return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return [d, m, y].filter((t) => t !== '').join(' ');
}

/** Applies a map of field → inputs (labelled blocks), skipping empty cells. */
function applyInputs(b: RecordBuilder, inputs: Map<RecordField, FieldInput[]>, opts: NormaliseOptions, yearHint: number | undefined): void {
  for (const [field, list] of inputs) {
    const present = list.filter((i) => !isEmptyCell(i.cell));
    if (present.length > 0) applyField(b, field, present, opts, yearHint);
  }
  applyStatus(b);
}

/**
 * True for an empty cell: nothing, only spaces, or a "no value" placeholder that exports write for an empty cell
 * (`N/A`, `-`, `—`, `null`, `None`, `undefined`, `NaN`, `#N/A`, `0000-00-00`; normalise/empty.ts). Such a cell gives
 * no value, no gap and no extra in any field (issue 9 scope 5); a missing value is then flagged by validation as
 * for an empty cell. Typed date and number cells are never empty.
 */
function isEmptyCell(c: Cell | undefined): boolean {
  if (c === null || c === undefined) return true;
  const typed = typeof c === 'object' && (c.date !== undefined || c.number !== undefined);
  const t = typeof c === 'string' ? c : c.text;
  if (t === '') return !typed;
  const ch = t.charCodeAt(0);
  if (ch > 32 && ch !== 160) return !typed && isEmptyValue(t);
  return t.trim() === '' || (!typed && isEmptyValue(t));
}

/**
 * Hours split over sibling columns by kind ("External credits" 2, "Internal credits" 1, "Personal credits" 1): the
 * values are added (4 h), with a note naming each. Returns false (nothing done) unless the inputs are such columns.
 */
function addSiblings(b: RecordBuilder, present: readonly FieldInput[], opts: NormaliseOptions): boolean {
  if (present.length < 2 || !present.every((p) => p.sum === true) || b.rec.hours === null) return false;
  let total = b.rec.hours;
  const parts = [`"${present[0]!.heading}" ${b.rec.hours}`];
  for (let i = 1; i < present.length; i++) {
    const p = present[i]!;
    const o: HoursOptions = { hoursPerDay: opts.hoursPerDay, hoursPerPoint: opts.hoursPerPoint };
    if (p.unit !== undefined) o.unit = p.unit;
    const h = parseHours(cellText(p.cell).trim(), o);
    if (!h.ok) return false;
    total += h.hours;
    parts.push(`"${p.heading}" ${h.hours}`);
  }
  total = Math.round(total * 100) / 100;
  b.rec.hours = total;
  b.rec.raw.hours = present.map((p) => cellText(p.cell).trim()).join(' + ');
  b.gap(gap('hours', 'inferred', 'info', `the hours are split by kind over ${present.length} columns: ${parts.join(' + ')} = ${total} h`, b.rec.raw.hours));
  return true;
}

/**
 * Hours under TWAVES category columns (`T | W | A | V | E | S` holding hours; map/assign.ts `categoryHourColumns`):
 * the row's hours are the sum of its categories (decimal hours) and its category the one with hours; hours under
 * two categories keep the one with more (the first when equal) with an `ambiguous` warning naming both. A total
 * column beside them is checked against the sum. Returns false (nothing done) when the row has no category value.
 */
function categoryHours(b: RecordBuilder, present: readonly FieldInput[], opts: NormaliseOptions): boolean {
  const parts = present.filter((p) => p.categoryOf !== undefined);
  if (parts.length === 0) return false;
  const o: HoursOptions = { hoursPerDay: opts.hoursPerDay, hoursPerPoint: opts.hoursPerPoint };
  const filled: { p: FieldInput; hours: number }[] = [];
  for (const p of parts) {
    const h = partHours(b, p, o);
    if (h === null) return true;
    if (h > 0) filled.push({ p, hours: h });
  }
  if (filled.length === 0) return false;
  const rec = b.rec;
  rec.hours = Math.round(filled.reduce((n, f) => n + f.hours, 0) * 100) / 100;
  rec.raw.hours = filled.map((f) => `${f.p.categoryOf} ${f.hours}`).join(' + ');
  b.cell('hours', filled.map((f) => f.p.where).join(', '));
  const main = filled.reduce((a, f) => (f.hours > a.hours ? f : a));
  if (rec.twaves === null) {
    rec.twaves = main.p.categoryOf!;
    rec.raw.twaves = `hours under "${main.p.heading}"`;
    b.cell('twaves', main.p.where);
  }
  if (filled.length > 1) {
    b.gap(gap('hours', 'inferred', 'info', `hours by category: ${rec.raw.hours} = ${rec.hours} h`, rec.raw.hours));
    b.gap(gap('twaves', 'ambiguous', 'warning', `hours are given under ${filled.map((f) => `"${f.p.heading}"`).join(' and ')}: read as ${main.p.categoryOf} (${TWAVES_NAMES[main.p.categoryOf!]}), the one with the most hours; split the row if they are separate activities`));
  }
  checkTotal(b, present, o, 'categories');
  return true;
}

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Hours under month columns (`Jan | Feb | … | Dec`, map/assign.ts `monthColumns`): the row's hours are the sum of its
 * months (decimal hours), its start date the first month with hours (`YYYY-MM`, the year from the heading or the
 * title — README trial 5: "a month-column row spread over several months gives its first month and the summed
 * hours") and, spread over several months, its end date the last; every month is named in an `inferred` note, so
 * none is dropped. A total column beside them is checked against the sum (a warning when they differ). Returns false
 * (nothing done) when the row has no month value.
 */
function monthHours(b: RecordBuilder, present: readonly FieldInput[], opts: NormaliseOptions, yearHint: number | undefined): boolean {
  const months = present.filter((p) => p.monthOf !== undefined);
  if (months.length === 0) return false;
  const o: HoursOptions = { hoursPerDay: opts.hoursPerDay, hoursPerPoint: opts.hoursPerPoint };
  const parts: string[] = [];
  const filled: FieldInput[] = [];
  let total = 0;
  for (const p of months) {
    const h = partHours(b, p, o);
    if (h === null) return true;
    if (h === 0) continue;
    total += h;
    parts.push(`${p.monthOf!.day === undefined ? MONTH_SHORT[p.monthOf!.month - 1] : p.heading} ${h}`);
    filled.push(p);
  }
  if (filled.length === 0) return false;
  const rec = b.rec;
  rec.hours = Math.round(total * 100) / 100;
  rec.raw.hours = parts.join(' + ');
  b.cell('hours', filled.map((p) => p.where).join(', '));
  const firstOf = filled[0]!.monthOf!;
  const lastOf = filled[filled.length - 1]!.monthOf!;
  // A month after the turn of a financial year (Apr … Dec, Jan … Mar) falls in the year after the title's.
  const yearOf = (m: { year?: number; next?: true }): number | undefined => m.year ?? (yearHint === undefined ? undefined : yearHint + (m.next ? 1 : 0));
  // A day column (a timesheet grid's `Tue 10/03`) dates to the day, a month column to the month.
  const iso = (y: number, m: { month: number; day?: number }): string => `${y}-${String(m.month).padStart(2, '0')}${m.day === undefined ? '' : `-${String(m.day).padStart(2, '0')}`}`;
  const unit = firstOf.day === undefined ? 'month' : 'day';
  const year = yearOf(firstOf);
  let dated = '';
  if (year !== undefined && rec.startDate === null && rec.endDate === null) {
    rec.startDate = iso(year, firstOf);
    b.cell('startDate', filled[0]!.where);
    if (filled.length > 1) {
      rec.endDate = iso(yearOf(lastOf) ?? year, lastOf);
      b.cell('endDate', filled[filled.length - 1]!.where);
    }
    dated = filled.length > 1 ? `; dated from the first ${unit} with hours to the last (${rec.startDate} to ${rec.endDate})` : `; dated by its ${unit} (${rec.startDate})`;
  } else if (year === undefined) {
    dated = `; no year is given in the headings or a title, so the ${unit}s give no date`;
  }
  b.gap(gap('hours', 'inferred', 'info', `hours by ${unit}: ${parts.join(' + ')} = ${rec.hours} h${dated}`, rec.raw.hours));
  checkTotal(b, present, o, `${unit}s`);
  return true;
}

/**
 * The row's total column beside hours split by month or category (the input that is neither): a warning when it
 * differs from the sum already in the record (`what`: "months", "categories").
 */
function checkTotal(b: RecordBuilder, present: readonly FieldInput[], o: HoursOptions, what: string): void {
  const totalCol = present.find((p) => p.monthOf === undefined && p.categoryOf === undefined);
  const sum = b.rec.hours;
  if (totalCol === undefined || sum === null) return;
  const text = cellText(totalCol.cell).trim();
  const t = parseHours(text, o);
  if (t.ok && Math.abs(t.hours - sum) > 0.01) {
    b.gap(gap('hours', 'ambiguous', 'warning', `the ${what} add up to ${sum} h but "${totalCol.heading}" says ${t.hours} h: the ${what}' sum is used; check both`, text));
  }
}

/**
 * One part of hours split over columns (a month's, a category's), in decimal hours; on a value that cannot be read,
 * an `invalid` error naming the column and null.
 */
function partHours(b: RecordBuilder, p: FieldInput, o: HoursOptions): number | null {
  const t = cellText(p.cell).trim();
  const h = parseHours(t, p.unit === undefined ? o : { ...o, unit: p.unit });
  if (h.ok) return h.hours;
  b.rec.raw.hours = t;
  b.gap(gap('hours', 'invalid', 'error', `the hours "${t}" under "${p.heading}" could not be read: ${h.reason}`, t));
  return null;
}

/**
 * A duration split over an hours column and a minutes (or seconds) column ("Time spent: Hours | Minutes", 1 and 30):
 * the parts are added (1.5 h), with a note. Returns false (nothing done) for any other set of hours columns.
 */
function addMinutes(b: RecordBuilder, present: readonly FieldInput[]): boolean {
  if (present.length < 2 || (present[0]!.unit !== undefined && present[0]!.unit !== 'hours') || b.rec.hours === null) return false;
  const parts: string[] = [`${cellText(present[0]!.cell).trim()} h`];
  let extra = 0;
  for (let i = 1; i < present.length; i++) {
    const p = present[i]!;
    const t = cellText(p.cell).trim();
    const n = typeof p.cell === 'object' && p.cell !== null && p.cell.number !== undefined ? p.cell.number : /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : NaN;
    if ((p.unit !== 'minutes' && p.unit !== 'seconds') || !Number.isFinite(n)) return false;
    extra += p.unit === 'minutes' ? n / 60 : n / 3600;
    parts.push(`${t} ${p.unit === 'minutes' ? 'min' : 's'}`);
  }
  const total = Math.round((b.rec.hours + extra) * 100) / 100;
  b.rec.raw.hours = parts.join(' + ');
  b.rec.hours = total;
  b.gap(gap('hours', 'inferred', 'info', `the duration is split over ${present.length} columns (${present.map((p) => `"${p.heading}"`).join(', ')}): ${parts.join(' + ')} = ${total} h`, parts.join(' + ')));
  return true;
}

function applyHours(b: RecordBuilder, input: FieldInput, opts: NormaliseOptions): void {
  const rec = b.rec;
  const c = input.cell;
  const text = cellText(c).trim();
  if (typeof c === 'object' && c !== null && c.number !== undefined && !c.missingResult) {
    if (c.numFmt && isTimeFormat(c.numFmt)) {
      if (/am\/pm|a\/p/i.test(c.numFmt)) {
        // "9:00 AM" is a clock time, not a duration: the start time was probably typed in the hours column.
        rec.raw.hours = text;
        b.gap(gap('hours', 'invalid', 'error', `the hours cell shows a time of day (${text}), not a duration; type the hours spent`, text));
        return;
      }
      rec.hours = excelDurationToHours(c.number);
      rec.raw.hours = text;
      return;
    }
    if (!input.unit || input.unit === 'hours') {
      rec.hours = c.number;
      if (text !== String(c.number)) rec.raw.hours = text;
      return;
    }
  }
  if (typeof c === 'object' && c !== null && c.missingResult) {
    rec.raw.hours = text;
    b.gap(gap('hours', 'invalid', 'error', `the hours cell holds a formula (${text}) with no saved result; open and save the file in Excel, or type the hours`, text));
    return;
  }
  const cache = input.parses === undefined ? undefined : (input.parses.hours ??= new Map());
  let read = recall(cache, text);
  if (read === undefined) {
    const opt: HoursOptions = { hoursPerDay: opts.hoursPerDay };
    if (opts.hoursPerPoint !== undefined) opt.hoursPerPoint = opts.hoursPerPoint;
    if (input.unit) opt.unit = input.unit;
    if (input.rate) opt.rate = input.rate;
    if (input.clock) opt.clock = input.clock;
    const parsed = parseHours(text, opt);
    read = remember(cache, text, { h: parsed, rawDiffers: String(parsed.ok ? parsed.hours : '') !== text });
  }
  const h = read.h;
  if (read.rawDiffers) rec.raw.hours = text;
  if (!h.ok) {
    if (h.kind === 'missing') return;
    b.gap(gap('hours', h.kind === 'range' ? 'ambiguous' : 'invalid', 'error', `the hours "${text}" could not be read: ${h.reason}`, text));
    return;
  }
  rec.hours = h.hours;
  if (h.converted) {
    b.gap(gap('hours', 'converted', 'warning', `"${text}" converted to ${h.hours} h: ${h.converted.rule}`, text));
  }
  if (h.approximate) {
    b.gap(gap('hours', 'ambiguous', 'info', `"${text}" is approximate; read as ${h.hours} h`, text));
  }
  if (h.note) {
    // "1.30 read as 1.3 h; if it meant 1 h 30 min it would be 1.5 h" needs a look; other notes are for the record.
    const doubtful = h.note.includes('would be');
    b.gap(gap('hours', doubtful ? 'ambiguous' : 'inferred', doubtful ? 'warning' : 'info', `"${text}": ${h.note}`, text));
  }
}

function dateGaps(b: RecordBuilder, field: DateField, d: DateOk, text: string, order: OrderEvidence | undefined, yearHint: number | undefined, span?: YearSpan): void {
  const ranged = field === 'targetDate' && d.end !== undefined;
  const precision = ranged ? d.endPrecision ?? d.precision : d.precision;
  if (precision !== 'day') {
    b.gap(gap(field, 'reduced_precision', 'info', `"${text}" gives only a ${precision}; kept as ${ranged ? d.end : d.start}`, text));
  }
  if (d.yearInferred && span !== undefined && span.year === yearHint) {
    b.gap(gap(field, 'inferred', 'warning', `"${text}" has no year; ${d.start.slice(0, 4)} taken from ${span.label}, named in the sheet name or a title row`, text));
  } else if (d.yearInferred && yearHint !== undefined) {
    b.gap(gap(field, 'inferred', 'warning', `"${text}" has no year; ${yearHint} taken from the sheet name, a title row or the file name`, text));
  }
  if (d.orderDependent && order && !order.decided) {
    const other = order.order === 'dmy' ? 'month first (US style)' : 'day first (UK style)';
    b.gap(
      gap(field, 'ambiguous', 'warning', `"${text}" read as ${humanDate(d.start)} (${order.order === 'dmy' ? 'day first' : 'month first'}): ${order.reason}; it could also be ${other}`, text),
    );
  }
  if (d.note) {
    b.gap(gap(field, 'inferred', 'info', `"${text}": ${d.note}`, text));
  }
  if (d.twoDigitYear) {
    b.gap(gap(field, 'inferred', 'info', `"${text}" has a two-digit year, read as ${d.start.slice(0, 4)} (00–29 → 20xx, 30–99 → 19xx)`, text));
  }
}

/**
 * The precision a date cell's number format shows: `mmm-yy` → month, `yyyy` → year, anything with a day → day.
 * Quoted text, escaped characters and bracketed sections (`[$-809]`, colours) are ignored.
 */
export function formatPrecision(numFmt: string): 'day' | 'month' | 'year' {
  const f = numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  if (/d/.test(f) || /[hs]/.test(f)) return 'day';
  if (/m/.test(f)) return 'month';
  if (/y/.test(f)) return 'year';
  return 'day';
}

function applyDate(b: RecordBuilder, field: DateField, input: FieldInput, yearHint: number | undefined, timeZone: string | undefined): void {
  const rec = b.rec;
  const c = input.cell;
  const text = cellText(c).trim();
  if (input.month !== undefined) {
    const day = readDayOfMonth(text);
    if (day !== null) return applyDayOfMonth(b, field, text, day, input.month);
  }
  if (typeof c === 'object' && c !== null && c.date !== undefined) {
    const precision = c.numFmt !== undefined ? formatPrecision(c.numFmt) : 'day';
    const value = precision === 'day' ? c.date : precision === 'month' ? c.date.slice(0, 7) : c.date.slice(0, 4);
    rec[field] = value;
    if (text !== value) rec.raw[field] = text;
    if (c.time !== undefined) b.gap(gap(field, 'inferred', 'info', `the cell also holds a time (${c.time}); only the date is kept`, text));
    if (precision !== 'day') {
      b.gap(gap(field, 'reduced_precision', 'info', `the cell shows only a ${precision} ("${text}"); kept as ${value}`, text));
    }
    return;
  }
  if (typeof c === 'object' && c !== null && c.missingResult) {
    rec.raw[field] = text;
    b.gap(gap(field, 'invalid', 'error', `the date cell holds a formula (${text}) with no saved result`, text));
    return;
  }
  // A date typed as a plain number (a General-formatted cell), or saved so in a CSV ("45292", "45292.5" with a time):
  // read as an Excel date serial (1900 system), 1954–2119 only.
  const typed = typeof c === 'object' && c !== null ? c.number : undefined;
  const serial = typed !== undefined ? (Number.isInteger(typed) ? typed : NaN) : SERIAL_TEXT_RE.test(text) ? Number(text) : NaN;
  if (serial >= 20_000 && serial <= 80_000) {
    const iso = excelSerialToIso(Math.floor(serial), false);
    if (iso !== null) {
      rec[field] = iso;
      rec.raw[field] = text;
      b.gap(gap(field, 'inferred', 'warning', `${text} is a plain number in a date column; read as an Excel date serial: ${humanDate(iso)}`, text));
      return;
    }
  }
  const cache = input.parses === undefined ? undefined : (input.parses.dates ??= new Map());
  let d = recall(cache, text);
  if (d === undefined) {
    const order = input.order?.order ?? 'dmy';
    const o = dateOptions(order, yearHint, timeZone);
    if (input.span !== undefined && input.span.year === yearHint) o.yearStart = input.span.start;
    d = remember(cache, text, parseDate(text, o));
  }
  let fromRows: { year: number; from: string } | undefined;
  if (!d.ok && input.rowYear !== undefined && yearHint === undefined) {
    const again = parseDate(text, { ...dateOptions(input.order?.order ?? 'dmy', input.rowYear.year, timeZone) });
    if (again.ok && again.yearInferred) {
      d = again;
      fromRows = input.rowYear;
    }
  }
  if (text !== (d.ok ? d.start : '')) rec.raw[field] = text;
  if (!d.ok) {
    const label = field === 'startDate' ? 'start date' : field === 'endDate' ? 'end date' : 'target date';
    let prose: DateOk | null;
    if (d.kind === 'placeholder') {
      b.gap(gap(field, 'missing', field === 'targetDate' ? 'warning' : 'error', `the ${label} is a placeholder ("${text}"): ${d.reason}`, text));
    } else if (field === 'targetDate' && (prose = dateInSentence(text, input.order?.order ?? 'dmy')?.date ?? null) !== null) {
      // A target written as a sentence that names one month or day ("before my HCPC renewal in August 2027", "at my
      // next appraisal (Feb 2027)"): that date, inferred, the sentence kept in raw.
      rec.targetDate = prose.end ?? prose.start;
      b.gap(gap(field, 'inferred', 'info', `the target "${text}" names one date, ${humanDate(rec.targetDate)}: taken as the target date`, text));
    } else if (field === 'targetDate' && (d.kind === 'relative' || d.noDate === true)) {
      // A plan's target written as a duration or in words ("6 weeks", "by end of term"): a planned activity whose
      // target is not set (issue 9 scope 7); the text is kept in raw.
      const what = d.kind === 'relative' ? d.reason : 'text, not a date';
      b.gap(gap(field, 'missing', 'warning', `"${text}" is ${what}: the target date is not set (give the date it is due by, e.g. 30 June 2025)`, text));
    } else {
      b.gap(gap(field, 'invalid', 'error', `the ${label} "${text}" could not be read: ${d.reason}`, text));
    }
    return;
  }
  rec[field] = d.start;
  if (fromRows !== undefined) {
    b.gap(gap(field, 'inferred', 'warning', `"${text}" has no year; ${fromRows.year} taken from the dates of the rows around it (${fromRows.from})`, text));
    dateGaps(b, field, { ...d, yearInferred: false }, text, input.order, undefined, undefined);
  } else dateGaps(b, field, d, text, input.order, yearHint, input.span);
  if (d.end !== undefined) {
    // A range in one cell: the end goes to the end date (unless that has its own value).
    if (field === 'startDate') {
      if (rec.endDate === null) {
        b.cell('endDate', input.where);
        rec.endDate = d.end;
        rec.raw.endDate = text;
      }
    } else if (field === 'targetDate') {
      rec.targetDate = d.end;
      b.gap(gap('targetDate', 'inferred', 'info', `"${text}" is a range; the target date is taken as its end, ${d.end}`, text));
    } else {
      rec.endDate = d.end;
    }
  }
}

/**
 * A day of the month ("6") in a column of days, dated by the month of the sheet's title or name (`month`,
 * `YYYY-MM`): 6 → 2026-01-06 with an `inferred` gap naming the month; without a month, an `invalid` gap.
 */
function applyDayOfMonth(b: RecordBuilder, field: DateField, text: string, { day, weekday }: DayOfMonth, month: string | null): void {
  const rec = b.rec;
  rec.raw[field] = text;
  const label = field === 'startDate' ? 'start date' : field === 'endDate' ? 'end date' : 'target date';
  if (month === null) {
    b.gap(gap(field, 'invalid', 'error', `the ${label} "${text}" is a day of the month, and no month is named in a title or the sheet's name`, text));
    return;
  }
  const iso = `${month}-${String(day).padStart(2, '0')}`;
  if (lastDay(month) < iso) {
    b.gap(gap(field, 'invalid', 'error', `the ${label} "${text}" is no day of ${humanDate(month)}`, text));
    return;
  }
  rec[field] = iso;
  b.gap(gap(field, 'inferred', 'info', `"${text}" is a day of the month; ${humanDate(month)} taken from the title or the sheet's name`, text));
  if (weekday !== undefined && weekdayOf(iso) !== weekday) {
    b.gap(gap(field, 'ambiguous', 'warning', `"${text}" names a weekday that ${iso} is not: check the day or the month`, text));
  }
}

/**
 * Builds records for every data row of a segment. `file` is the file name for provenance. Returns the records
 * in row order and file-level notes (column date-order decisions) in `fileGaps`.
 */
export function buildSegmentRecords(seg: Segment, file: string, opts: NormaliseOptions, fileGaps: Gap[]): CpdRecord[] {
  const orders = decideOrders(seg, opts);
  const a1 = seg.source.a1Refs !== false;
  const where = seg.source.sheet !== undefined ? `sheet '${seg.source.sheet}' ` : seg.source.table !== undefined ? `table ${seg.source.table} ` : '';
  for (const col of seg.columns) {
    const o = orders.get(col.index);
    if (o && o.decided && opts.dateOrder === 'auto') {
      fileGaps.push(gap(col.field, 'inferred', 'info', `${where}column ${col.letter} ("${col.heading}"): dates read ${o.order === 'dmy' ? 'day first' : 'month first'} — ${o.reason}`));
    }
  }
  const yearHint = seg.yearHint ?? opts.yearHint;
  // A fallback column ("Planned hrs" beside "Actual hrs") is read after the others, so only where they are empty.
  const mapped: Array<[RecordField, ColumnPlan[]]> = [...seg.byField].map(([f, cols]) => [f, cols.some((c) => c.fallback) ? [...cols.filter((c) => !c.fallback), ...cols.filter((c) => c.fallback)] : cols]);
  const extrasCols = seg.columns.filter((c) => c.field === null);
  // Extras are keyed by heading; a heading used twice gets its column letter so no value is overwritten.
  const extrasKeys = extrasCols.map((c) =>
    extrasCols.filter((o) => o.heading === c.heading).length > 1 ? `${c.heading} (${c.letter})` : c.heading,
  );
  // Per column, one FieldInput reused for every row (applyField keeps no reference to it): a 100,000-row log
  // would otherwise allocate one object per cell.
  // CPE credits of a body that counts them by the hour (ISC2), named by the file or its credit groups (cpe.ts).
  const cpe = seg.columns.some((c) => c.field === 'hours' && c.unit === 'cpe')
    ? cpeRuleOf([file, ...(seg.source.sheet !== undefined ? [seg.source.sheet] : [])], seg.columns.filter((c) => c.field === null || c.field === 'activityType').map((c) => seg.rows.slice(0, 50).map((r) => cellText(r.cells[c.index]))))
    : undefined;
  // CEUs counted by the hour (a certification body's, not IACET's ten hours), told by their values (cpe.ts).
  const ceuCol = seg.columns.find((c) => c.field === 'hours' && c.unit === 'ceus');
  const ceu = ceuCol === undefined ? undefined : ceuRuleOf(seg.rows.slice(0, 200).map((r) => cellText(r.cells[ceuCol.index])));
  const plans = mapped.map(([field, cols]) => ({
    field,
    cols,
    scratch: cols.map((col): FieldInput => ({
      cell: null, where: '', heading: col.heading, unit: col.unit, rate: field === 'hours' ? rateFromHeading(col.heading) ?? (col.unit === 'cpe' ? cpe : col.unit === 'ceus' ? ceu : undefined) : undefined, order: orders.get(col.index), parses: {},
      month: col.dayOfMonth && col.parts === undefined ? seg.monthHint ?? null : undefined,
      sum: col.sum === true,
      clock: col.clock,
      span: seg.yearSpan,
      monthOf: col.month,
      categoryOf: col.category,
    })),
    one: [] as FieldInput[],
  }));
  const planned = new Set(seg.columns.map((c) => c.index));
  // Columns mapped on weak evidence: each value read through them says so.
  const unsure = seg.columns.filter((c) => c.field !== null && c.how !== 'override' && c.confidence < LOW_CONFIDENCE);
  const completion = completionColumn(seg);
  const checkbox = checkboxColumn(seg);
  const allDay = allDayColumn(seg);
  const times = timeColumnPair(seg.columns);
  const startCols = seg.byField.get('startDate');
  const endCols = seg.byField.get('endDate');
  // (Not in a learning platform's record of progress, which has a status column: "Time started" and "Time
  // completed" there are when a course was opened and finished, not a timed session; corpus: a Moodle export.)
  const dateTimes = startCols?.length === 1 && endCols?.length === 1 && !seg.byField.has('hours') && !seg.byField.has('status') ? { start: startCols[0]!, end: endCols[0]! } : null;
  const years = yearHint === undefined ? rowYears(seg, orders) : null;
  const calendar = allDay === null && dateTimes !== null && isCalendarEnd(seg, dateTimes.end);
  const week = weekLayout(seg);
  const total = seg.rows.length;
  const width = seg.columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
  const out: CpdRecord[] = [];
  let objective = objectiveWrittenOnce(seg);
  const rows = seg.rows as Array<ExtractedRow | undefined>;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    // The row is not needed after this: let it go so a large import holds rows and records only briefly together.
    rows[r] = undefined;
    const source: SourceRef = { file, row: row.index };
    if (seg.source.sheet !== undefined) source.sheet = seg.source.sheet;
    const table = row.table ?? seg.source.table;
    if (table !== undefined) source.table = table;
    const page = row.page ?? seg.source.page;
    if (page !== undefined) source.page = page;
    if (row.line !== undefined) source.line = row.line;
    const b = new RecordBuilder(source);
    for (let f = 0; f < plans.length; f++) {
      const plan = plans[f]!;
      const cols = plan.cols;
      if (cols.length === 1) {
        const col = cols[0]!;
        const c = col.parts === undefined ? row.cells[col.index] : datePartsCell(row, col.index, col.parts);
        if (isEmptyCell(c)) continue;
        const input = plan.scratch[0]!;
        input.cell = c!;
        input.where = a1 ? col.letter + row.index : cellRef(col.letter, row, a1, c!);
        if (col.parts !== undefined && a1) input.where = `${col.letter}${row.index}:${columnLetter(Math.max(col.index, col.parts.month, col.parts.year ?? 0))}${row.index}`;
        if (years !== null) input.rowYear = years.get(col.index)?.[r];
        if (col.dayOfMonth === true && col.parts === undefined) input.month = row.month ?? seg.monthHint ?? null;
        plan.one[0] = input;
        applyField(b, plan.field, plan.one, opts, yearHint);
        continue;
      }
      let present: FieldInput[] | null = null;
      for (let k = 0; k < cols.length; k++) {
        const col = cols[k]!;
        const c = row.cells[col.index];
        if (isEmptyCell(c)) continue;
        (present ??= []).push({ ...plan.scratch[k]!, cell: c!, where: a1 ? col.letter + row.index : cellRef(col.letter, row, a1, c!), rowYear: years?.get(col.index)?.[r] });
      }
      if (present !== null) applyField(b, plan.field, present, opts, yearHint);
    }
    applyStatus(b);
    hoursFromText(b);
    if (times !== null) hoursFromTimes(b, row, times, a1);
    // A log whose start and end cells carry their times ("14/01/2026 09:30" to "14/01/2026 12:00") and gives no
    // hours: a same-day activity's hours are the time between them, as for separate time columns.
    else if (dateTimes !== null) hoursFromTimes(b, row, dateTimes, a1, (c) => timeInDateCell(c, opts.timeZone ?? DEFAULT_TIME_ZONE));
    if (row.section !== undefined && b.rec.twaves === null) {
      const letter = parseTwaves(row.section, true);
      if (letter !== null) {
        b.rec.twaves = letter;
        b.gap(gap('twaves', 'inferred', 'info', `${letter} (${TWAVES_NAMES[letter]}) from the section title "${row.section}" above the row`));
      }
    }
    if (row.goal !== undefined && b.rec.objective === null) {
      b.rec.objective = row.goal;
      b.gap(gap('objective', 'inferred', 'info', `from the goal titling the rows above ("${row.goal.length > 80 ? `${row.goal.slice(0, 79)}…` : row.goal}")`));
    }
    if (completion !== null && b.rec.status === 'completed' && b.rec.raw.status === undefined && isEmptyCell(row.cells[completion.col.index])) {
      // An export listing courses begun: no completion date where most rows have one is a course not finished.
      b.rec.status = 'planned';
      b.gap(gap('endDate', 'inferred', 'warning', `no completion date, while ${completion.filled} of ${total} rows have one in column ${completion.col.letter} ("${completion.col.heading}"): read as not completed (not counted); give the date if it was completed`));
    }
    const rec = b.rec;
    if (week !== null) datesFromDays(b, row, week);
    if (allDay !== null && rec.startDate?.length === 10 && rec.endDate?.length === 10 && rec.endDate > rec.startDate && TICKED_RE.test(cellText(row.cells[allDay.index]).trim())) {
      const last = addDays(rec.endDate, -1);
      b.gap(gap('endDate', 'inferred', 'info', `an all-day event (column ${allDay.letter}, "${allDay.heading}") ends at midnight starting ${rec.endDate}, so its last day is ${last}`, rec.raw.endDate));
      rec.endDate = last;
    } else if (calendar && rec.startDate?.length === 10 && rec.endDate?.length === 10 && rec.endDate > rec.startDate && !hasTime(row, dateTimes!, opts.timeZone ?? DEFAULT_TIME_ZONE)) {
      const last = addDays(rec.endDate, -1);
      b.gap(gap('endDate', 'inferred', 'info', `a calendar's all-day event (dates without times where the other events have them) ends at midnight starting ${rec.endDate}, so its last day is ${last}`, rec.raw.endDate));
      rec.endDate = last;
    }
    if (checkbox !== null && b.rec.status === 'completed' && b.rec.raw.status === undefined && isEmptyCell(row.cells[checkbox.col.index])) {
      b.rec.status = 'planned';
      b.gap(gap('status', 'inferred', 'info', `the box in column ${checkbox.col.letter} ("${checkbox.col.heading}") is not ticked, while ${checkbox.ticked} of ${total} rows are: read as not completed (not counted); tick it if it was done`));
    }
    for (const col of unsure) if (b.rec.source.cells?.[col.field!] !== undefined) b.gap(gap(col.field, 'inferred', 'info', unsureMessage(col)));
    if (row.cells.length > width || hasUnplanned(row.cells, planned)) overflow(b, row.cells, planned, row.index, a1);
    for (let k = 0; k < extrasCols.length; k++) {
      const t = cellText(row.cells[extrasCols[k]!.index]).trim();
      if (t !== '' && !isEmptyValue(t)) b.extra(extrasKeys[k]!, t);
    }
    if (seg.kind === 'plan' && !(seg.byField.has('status') && b.rec.raw.status !== undefined)) b.rec.status = 'planned';
    if (objective !== null) objective = objectiveCarried(b, objective);
    if (opts.today !== undefined) futureIsBooked(b, opts.today, yearHint === undefined ? undefined : yearHint + (seg.yearSpan?.year === yearHint ? 1 : 0));
    if (!seg.byField.has('hours')) hoursFromName(b);
    lowConfidence(b, row.cells, seg);
    footnotesOf(b, row.cells, seg);
    out.push(b.rec);
  }
  return out;
}

/** The objective column of a plan and the objective last written in it (null before the first). */
interface CarriedObjective {
  col: ColumnPlan;
  text: string | null;
}

/**
 * The objective column of a plan that writes each objective once over the actions under it, or null: one objective
 * column, filled on the segment's first row, where no objective is written twice (a log or plan that repeats an
 * objective on each row it serves means a blank one has none: fixtures/review, Grace Lindqvist's log).
 */
function objectiveWrittenOnce(seg: Segment): CarriedObjective | null {
  const cols = seg.byField.get('objective');
  if (cols?.length !== 1 || isEmptyCell(seg.rows[0]?.cells[cols[0]!.index])) return null;
  const seen = new Set<string>();
  for (const row of seg.rows) {
    const t = cellText(row.cells[cols[0]!.index]).trim().toLowerCase();
    if (t === '') continue;
    if (seen.has(t)) return null;
    seen.add(t);
  }
  return { col: cols[0]!, text: null };
}

/**
 * A plan row with no objective of its own under one that has it takes that objective, with an `inferred` gap: plans
 * write a goal once over the actions that serve it (trial 8: a financial-year plan). Returns the carried state.
 */
function objectiveCarried(b: RecordBuilder, carried: CarriedObjective): CarriedObjective {
  const rec = b.rec;
  if (rec.objective !== null) return { col: carried.col, text: rec.objective };
  if (carried.text === null) return carried;
  rec.objective = carried.text;
  const shown = carried.text.length > 80 ? `${carried.text.slice(0, 79)}…` : carried.text;
  b.gap(gap('objective', 'inferred', 'info', `column ${carried.col.letter} ("${carried.col.heading}") is empty on this row: the objective written above it ("${shown}") is taken, as a plan writes a goal once over its actions`));
  return carried;
}

/** A week laid across a table: the week's date column (its start, or its end: "Week ending") and the day columns. */
interface WeekLayout {
  week: ColumnPlan;
  ending: boolean;
  days: DayColumn[];
}

/**
 * The week laid across a segment (normalise/week-days.ts), or null: five or more columns headed by a weekday, and one
 * start-date column whose heading names the week ("Week commencing", "Week ending", "w/c").
 */
function weekLayout(seg: Segment): WeekLayout | null {
  const starts = seg.byField.get('startDate');
  if (starts?.length !== 1 || !/\bweek\b|\bw\/?[ce]\b/i.test(starts[0]!.heading)) return null;
  const days = dayColumns(seg.columns);
  if (days === null) return null;
  return { week: starts[0]!, ending: /\bend(ing|s)?\b|\bw\/?e\b/i.test(starts[0]!.heading), days };
}

/**
 * Dates a row of a week laid across by its days with time: the first such day is the start, the last the end (one
 * day: both), with an `inferred` note naming the week's date it replaces.
 */
function datesFromDays(b: RecordBuilder, row: ExtractedRow, week: WeekLayout): void {
  const rec = b.rec;
  if (rec.startDate === null || rec.startDate.length !== 10 || rec.source.cells?.startDate === undefined) return;
  const found = daysWithTime(rec.startDate, week.ending, week.days, (i) => {
    const t = cellText(row.cells[i]).trim();
    if (t === '' || isEmptyValue(t)) return false;
    const n = Number(t.replace(',', '.'));
    return !(Number.isFinite(n) && n <= 0);
  });
  if (found === null) return;
  const given = rec.startDate;
  rec.startDate = found.start;
  rec.endDate = found.end;
  const days = found.count === 1 ? `the one day with time (${humanDate(found.start)})` : `the days with time (${humanDate(found.start)} to ${humanDate(found.end)})`;
  b.gap(gap('startDate', 'inferred', 'info', `dated by ${days} in the week of ${humanDate(given)} (column ${week.week.letter}, "${week.week.heading}"), not by the week's own date`, given));
}

/**
 * A row dated after today with no status given ("Power Systems Conference, 9/12/2026" in a log kept on 29 November):
 * a booking, read as planned with an `inferred` note. Not when the log names its year and the date is past it ("15
 * March 2027" in "CPD Log 2024" is a typing slip, left completed for validation to flag), nor when a status column
 * says it was done.
 */
function futureIsBooked(b: RecordBuilder, today: string, yearHint: number | undefined): void {
  const rec = b.rec;
  if (rec.status !== 'completed' || rec.raw.status !== undefined) return;
  const when = rec.startDate ?? rec.endDate;
  if (when === null || when <= today || (yearHint !== undefined && Number(when.slice(0, 4)) > yearHint)) return;
  rec.status = 'planned';
  b.gap(gap('status', 'inferred', 'info', `dated ${humanDate(when)}, after today, with no status given: read as planned (not counted until it is done)`));
}

/**
 * A log with no hours column that writes the time into the name ("Webinar: heat pump sizing (1.5h)"): the hours
 * are read from the name, which is kept whole, with an `inferred` gap (normalise/name-hours.ts).
 */
function hoursFromName(b: RecordBuilder): void {
  const name = b.rec.activityName;
  if (b.rec.hours !== null || name === null) return;
  const found = hoursInName(name);
  if (found === null) return;
  b.rec.hours = found.hours;
  b.gap(gap('hours', 'inferred', 'info', `no hours column: ${found.hours} h read from the activity name ("${found.text}")`, found.text));
}

/** The `inferred` gap of a value read through a column mapped on weak evidence. */
function unsureMessage(col: ColumnPlan): string {
  return `column ${col.letter} ("${col.heading}") was taken as the ${fieldLabel(col.field!)} on weak evidence (${col.reason}); check the mapping`;
}

function hasUnplanned(cells: readonly Cell[], planned: ReadonlySet<number>): boolean {
  for (let i = 0; i < cells.length; i++) if (!planned.has(i) && !isEmptyCell(cells[i])) return true;
  return false;
}

/**
 * Values in columns without a heading (usually past the last heading): kept in extras as "Column F", and the
 * record is flagged — the row's values may be shifted, e.g. by a comma inside an unquoted CSV value ("1,5").
 */
function overflow(b: RecordBuilder, cells: readonly Cell[], planned: ReadonlySet<number>, rowIndex: number, a1Refs: boolean): void {
  const found: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (planned.has(i) || isEmptyCell(cells[i])) continue;
    const letter = a1Refs ? columnLetter(i) : String(i + 1);
    const text = cellText(cells[i]).trim();
    b.extra(`Column ${letter}`, text);
    found.push(`${a1Refs ? `${letter}${rowIndex}` : `column ${letter}`} "${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`);
  }
  if (found.length === 0) return;
  b.gap(
    gap(null, 'invalid', 'warning', `this row has values beyond the table's headings (${found.join(', ')}): its values may be shifted, e.g. by a comma inside an unquoted value such as 1,5 — check the row against the source`, found.join('; ')),
  );
}

/** OCR-read values below the confidence threshold carry an `ocr_low_confidence` gap. */
function lowConfidence(b: RecordBuilder, cells: readonly Cell[], seg: Segment): void {
  for (const col of seg.columns) {
    const c = cells[col.index];
    if (typeof c === 'object' && c !== null && (c as CellInfo).confidence !== undefined && (c as CellInfo).confidence! < OCR_THRESHOLD) {
      b.gap(gap(col.field, 'ocr_low_confidence', 'warning', `read by OCR with ${Math.round((c as CellInfo).confidence!)}% confidence (below ${OCR_THRESHOLD}%): check "${c.text}" against the scan`, c.text));
    }
  }
}

/** The record's extra holding the footnotes its values refer to (PDF tables; extract/footnotes.ts). */
export const FOOTNOTE_EXTRA = 'Footnote';

/**
 * Values that carried a footnote marker (PDF tables and blocks, `CellInfo.footnote`; extract/footnotes.ts): the footnote is
 * kept in the record's `Footnote` extra as `Heading: footnote` ("Hours: * Hours estimated; no attendance record."),
 * several joined with " | ", so that what the marker said is not lost.
 */
function footnotesOf(b: RecordBuilder, cells: readonly Cell[], seg: Segment): void {
  const notes: string[] = [];
  for (const col of seg.columns) {
    const c = cells[col.index];
    if (typeof c === 'object' && c !== null && c.footnote !== undefined) notes.push(`${col.heading}: ${c.footnote}`);
  }
  if (notes.length > 0) b.extra(FOOTNOTE_EXTRA, notes.join(' | '));
}

/** A line of a name cell ending in its own hours: "… (1.5 h)", "… – 2 hours". */
const LINE_HOURS_RE = /[([–-]\s*\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|mins?)\s*[)\]]?\s*$/i;
/** Hours in brackets inside a name cell: "Mentoring (2 h); STEM visit (3 h)". */
const BRACKETED_HOURS_RE = /\(\s*\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|mins?)\s*\)/gi;

/** OCR word confidence (0–100) below which a value is flagged (our choice). */
export const OCR_THRESHOLD = 80;

/**
 * Builds one record from a labelled block (Word/PDF "Label: value" activity). Labels are matched like column
 * headings; unmatched labels go to `extras`. The heading, if any, becomes the activity name when no label gives one.
 */
export function buildBlockRecord(
  block: LabelledBlock,
  file: string,
  matchLabel: (label: string) => RecordField | null,
  opts: NormaliseOptions,
  orders: Map<RecordField, OrderEvidence>,
): CpdRecord {
  const source: SourceRef = { file };
  if (block.sheet !== undefined) source.sheet = block.sheet;
  if (block.page !== undefined) source.page = block.page;
  if (block.line !== undefined) source.line = block.line;
  if (block.table !== undefined) source.table = block.table;
  if (block.heading !== undefined) source.block = block.heading;
  const b = new RecordBuilder(source);
  const inputs = new Map<RecordField, FieldInput[]>();
  for (const v of block.values) {
    let field = v.field ?? matchLabel(v.label);
    // "Category: Self-study" — a label that may name TWAVES does so when its value is a TWAVES category.
    // "Category: ☐ Training course ☒ Event" — the same with a line of boxes: the ticked option is the value.
    if (field === 'activityType' && matchHeading(v.label)?.fields.includes('twaves') && parseTwaves(boxedValue(cellText(v.value)) ?? cellText(v.value), true) !== null) field = 'twaves';
    if (field === null) {
      const t = cellText(v.value).trim();
      if (t !== '' && !isEmptyValue(t)) b.extra(v.label in b.rec.extras ? `${v.label} (${v.ref ?? 'again'})` : v.label, t);
      continue;
    }
    const list = inputs.get(field) ?? [];
    // "Days: 3" — a label naming a unit is read like a column heading naming it (3 days, converted to hours).
    list.push({ cell: v.value, where: v.ref ?? v.label, heading: v.label, order: orders.get(field), unit: field === 'hours' ? unitFromHeading(v.label) : undefined, rate: field === 'hours' ? rateFromHeading(v.label) : undefined });
    inputs.set(field, list);
  }
  applyInputs(b, inputs, opts, block.yearHint ?? opts.yearHint);
  // An action listed under a plan's objective with no date at all ("Shadow the ward manager when staffing allows"):
  // planned, as the plan it is written in; a dated one is settled by its target date in validation.
  const action = b.rec;
  if (block.planItem === true && action.status === 'completed' && action.raw.status === undefined && action.startDate === null && action.endDate === null && action.targetDate === null) {
    action.status = 'planned';
    b.gap(gap('targetDate', 'missing', 'warning', `an action listed under the objective "${action.objective ?? ''}" with no date: read as planned; give the date it is due by`));
  }
  if (b.rec.activityName === null && block.heading) {
    const name = cleanLine(block.heading.replace(/^\s*(activity|entry|item|cpd activity)\s*\d*\s*[:.\-–—]?\s*/i, ''));
    if (name) {
      b.rec.activityName = name;
      b.rec.raw.activityName = block.heading;
      b.cell('activityName', 'heading');
    }
  }
  // No name, and a heading that only numbers the entry ("Entry 3") or none: a one-line description of what was done
  // ("What I did: Wind turbine foundation inspection visit") names the activity, as a column of short titles headed
  // "Details" does in a table (map/assign.ts namelessFallback).
  const what = b.rec.description;
  if (b.rec.activityName === null && what !== null && !what.includes('\n') && what.length <= 100 && what.split(/\s+/).length <= 14 && !/[.!?]\s+\p{Lu}/u.test(what)) {
    b.rec.activityName = what.replace(/\.$/, '');
    b.rec.description = null;
    const where = b.rec.source.cells?.description;
    if (where !== undefined) {
      b.cell('activityName', where);
      delete b.rec.source.cells!.description;
    }
    b.gap(gap('activityName', 'inferred', 'info', 'no label names the activity: its one-line description names it'));
  }
  const notes: string[] = [];
  for (const v of block.values) {
    const c = v.value;
    if (typeof c === 'object' && c !== null && c.confidence !== undefined && c.confidence < OCR_THRESHOLD) {
      b.gap(gap(matchLabel(v.label), 'ocr_low_confidence', 'warning', `read by OCR with ${Math.round(c.confidence)}% confidence (below ${OCR_THRESHOLD}%): check "${c.text}" against the scan`, c.text));
    }
    if (typeof c === 'object' && c !== null && c.footnote !== undefined) notes.push(`${v.label}: ${c.footnote}`);
  }
  if (notes.length > 0) b.extra(FOOTNOTE_EXTRA, notes.join(' | '));
  return b.rec;
}

