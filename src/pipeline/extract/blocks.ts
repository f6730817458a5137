/**
 * Labelled blocks from document paragraphs, shared by the Word, PDF and OCR extractors.
 *
 * Layouts read (docs/domain/CPD.md §8, "Word: … one block per activity under a heading with `Label: value` paragraphs; or a
 * two-column label/value table per activity"):
 * - a heading ("Activity 3: Safety course", a Word heading style, a bold line) followed by `Label: value`
 *   paragraphs; a label alone on its line takes the paragraphs under it as its value;
 * - label/value pairs without headings, one activity after another: a label that repeats starts the next block;
 * - label/value table rows, passed in as paragraphs with `label` and `value` already split.
 *
 * The preamble (member name, membership number, year) is not an activity: a block is an activity only when at
 * least one of its labels names an activity field other than the name (a date, hours, type, description,
 * reflection, TWAVES, UK-SPEC, skill type, objective). A year stated in the preamble or in a heading that is not
 * itself an activity is returned as a hint for dates written without a year (docs/domain/CPD.md §8 "a year only in the
 * file name", "a year in a merged title row above a block").
 */
import { gap, type Gap, type RecordField } from '../../domain/index.js';
import { matchHeading } from '../headings.js';
import { yearFromTitle } from '../map.js';
import { parseDate } from '../normalise/dates.js';
import { parseHours } from '../normalise/hours.js';
import { dateInSentence } from '../normalise/prose-date.js';
import { readStatus } from '../normalise/status.js';
import { UNLABELLED, type Cell, type LabelledBlock, type LabelledValue } from '../types.js';

/** One paragraph of document text in reading order (a Word body paragraph, a PDF line group, an OCR line). */
export interface Para {
  /** The paragraph's text; line breaks inside it are kept as `\n`. */
  text: string;
  /** `heading`: a Word heading style or a PDF line set larger or in bold on its own; `para`: body text. */
  kind: 'heading' | 'para';
  /** The whole paragraph is bold (read as a heading when short and not a `Label: value`). */
  bold?: boolean;
  /** Text of a leading bold run (`"Reflection:"`): a label written in bold is accepted even if unknown. */
  boldLead?: string;
  /** A label/value pair already split by the extractor (label/value table rows, PDF form rows). */
  label?: string;
  value?: string;
  /** Provenance of values read from this paragraph: `"paragraph 12"`, `"page 2, line 14"`, `"table 3, row 2"`. */
  ref: string;
  page?: number;
  line?: number;
  table?: number;
  /** A wrapped line of the previous paragraph (PDF): joined with a space, not a line break. */
  wrapped?: boolean;
  /** Starts a new block (the first row of a label/value table): the block open before it is closed. */
  blockStart?: boolean;
  /** OCR: the lowest word confidence in the paragraph, 0–100. */
  confidence?: number;
  /** An item of a bulleted or numbered list (a Word list paragraph, an HTML `<li>`). */
  item?: boolean;
}

/** What {@link blocksFromParas} found. */
export interface BlockResult {
  /** Activity blocks, in document order. */
  blocks: LabelledBlock[];
  /** The year stated in the preamble or a title heading, for dates written without one. */
  yearHint?: number;
  /** File-level notes: blocks read as the preamble, not imported as activities. */
  gaps: Gap[];
  /** Number of paragraphs that read as `Label: value`. */
  labelled: number;
}

/** A label numbered as one of a series: "Goal 1", "Objective no. 2", "Learning need #3". Group 1: the label's words. */
const SERIES_LABEL_RE = /^(\p{L}[\p{L}\s'’-]*?)\s*(?:no\.?|#)?\s*\d{1,3}[a-z]?$/iu;
/** Fields a series number may follow: texts that are listed one by one (a value field's number is its value: "Day 2"). */
const SERIES_FIELDS: ReadonlySet<RecordField> = new Set(['objective', 'activityName', 'description', 'reflection']);

/**
 * Label → record field, as `importFile` matches block labels (column-heading synonyms, docs/domain/CPD.md §5). A
 * label numbered as one of a series ("Goal 1", "Objective 3") is read without its number, when what it names is
 * listed item by item (an objective, an activity, a description or a reflection): plans number their goals.
 */
export function labelField(label: string): RecordField | null {
  const m = matchHeading(label);
  if (m) return m.fields.find((f) => f !== 'twaves') ?? m.fields[0]!;
  return seriesLabel(label)?.field ?? null;
}

/**
 * A label numbered as one of a series ("Goal 1", "Growth area 3", "Learning need #2") whose words without the number
 * name a field listed item by item (objective, activity, description, reflection): that field and the label's words.
 * Null for any other label.
 */
export function seriesLabel(label: string): { field: RecordField; base: string } | null {
  const seq = SERIES_LABEL_RE.exec(label.trim());
  const s = seq ? matchHeading(seq[1]!) : null;
  const f = s ? s.fields.find((x) => x !== 'twaves') ?? s.fields[0]! : null;
  return f !== null && SERIES_FIELDS.has(f) ? { field: f, base: seq![1]!.trim() } : null;
}

/**
 * The goal a plan's title line names ("Goal 1: Integrate CAD into the Year 10 course", "Learning need: negotiation"):
 * the text after a label that names the objective, or null.
 */
export function goalOf(text: string): string | null {
  const s = splitLabel(text.trim());
  return s !== null && s.field === 'objective' && s.value.trim() !== '' ? s.value.trim() : null;
}

/** Labels that describe the member or the log, not an activity (preamble of a CPD record). Lower case. */
const PREAMBLE_LABEL_RE =
  /^(member(ship)?(\s+(name|no\.?|number|id|grade|category))?|(full\s+|your\s+|member'?s?\s+)name|name of (member|engineer|applicant)|engineer|employee|applicant|prepared by|submitted by|registration(\s+(no\.?|number))?|(cpd\s+)?year|(reporting\s+|cpd\s+|record\s+)?period|year of record|employer|organisation|organization|company|job title|position|current role|grade|department|discipline|email|e-mail|phone|telephone|address|signed|signature|date submitted|date of submission|reviewed by|professional registration|institution)$/i;

/** Preamble labels that sign a record off ("Signed: …"): after an activity they end it rather than join it. */
const SIGN_OFF_LABEL_RE = /^(signed|signature|date submitted|date of submission|reviewed by|submitted by)$/i;

/** A signature line without a label: "Signature of member", "Signed ____", "Signature / date". */
const SIGN_OFF_LINE_RE = /^(signed|signature)\b[^:]{0,40}(?<![.!?])$/i;

/** Labels that may carry an activity's extra details (kept in `extras`). Lower case. */
const EXTRA_LABEL_RE =
  /^(provider|organiser|organizer|organised by|organized by|location|venue|where|cost|fee|evidence|certificate|certificate no\.?|reference|ref\.?|cpd ref\.?|trainer|presenter|speaker|delivered by|website|url|link|supervisor|verified by|attachments?|follow[- ]up|next steps?|priority|relevance)$/i;

/** A heading numbered like a list item: "1. Title", "2) Title", "(3) Title", "4 – Title". Group 1: the title. */
const NUMBERED_HEADING_RE = /^\s*(?:\(?\d{1,3}[.)]|\d{1,3}\s*[-–—:])\s+(\p{L}.*)$/u;

/** Headings that introduce one activity: "Activity 3", "Entry 12 –", "CPD activity no. 4". */
const ACTIVITY_HEADING_RE = /^\s*(cpd\s+)?(activity|entry|record|item|event|course|log entry)\s*(no\.?|number|#)?\s*\d+\b/i;

/** Fields whose presence makes a block an activity (the name alone does not: "Name: …" is a preamble label). */
const EVIDENCE: ReadonlySet<RecordField> = new Set([
  'startDate', 'endDate', 'targetDate', 'hours', 'description', 'reflection', 'activityType', 'twaves', 'ukSpec',
  'skillType', 'objective', 'status',
]);

/** A label split off a paragraph. */
interface LabelSplit {
  label: string;
  value: string;
  field: RecordField | null;
  preamble: boolean;
}

const LABEL_RE = /^\s*([\p{L}(][^:\n\t]{0,58}?)\s*[:：]\s*([\s\S]*)$/u;
const QUESTION_RE = /^\s*(\p{L}[^?:\n\t]{2,70}\?)\s*([\s\S]*)$/u;

/**
 * Splits `Label: value` when the label is a known one (a field synonym, a preamble or extras label) or is
 * written in bold; also `Question? answer` when the question is a known label ("What did I learn?") or bold.
 * Returns null for ordinary sentences ("Note that: …" is not bold and not known).
 */
export function splitLabel(text: string, boldLead?: string): LabelSplit | null {
  const m = LABEL_RE.exec(text);
  if (!m) {
    // A question as the label, without a colon: "What did I learn? Passive filters …" (known questions only,
    // or a question written in bold).
    const q = QUESTION_RE.exec(text);
    if (!q) return null;
    const question = q[1]!.trim();
    const s = classifyLabel(question, q[2]!.trim(), boldLead !== undefined && normLead(boldLead) === normLead(question));
    return s && (s.field !== null || (boldLead !== undefined && normLead(boldLead) === normLead(question))) ? s : null;
  }
  const label = m[1]!.trim();
  const value = m[2]!.trim();
  const words = label.split(/\s+/).length;
  if (words > 7 || /^\d/.test(label)) return null;
  // A colon inside a word ("Hours are shown as h:mm.") is no label's: a label written without a space after its
  // colon ("Hours:2.5") is short (Word/PDF trial finding: the note became an activity with hours "mm.").
  if (words > 3 && /^\S/u.test(m[2]!)) return null;
  return classifyLabel(label, value, boldLead !== undefined && normLead(boldLead) === normLead(label));
}

function normLead(s: string): string {
  return s.replace(/[:：\s]+$/u, '').trim().toLowerCase();
}

/** Classifies an already-split label (also used for label/value table rows). */
export function classifyLabel(label: string, value: string, emphasised: boolean): LabelSplit | null {
  const clean = label.replace(/[:：]\s*$/u, '').trim();
  if (clean === '') return null;
  const lower = clean.toLowerCase();
  const preamble = PREAMBLE_LABEL_RE.test(lower);
  const field = preamble ? null : labelField(clean);
  if (field === null && !preamble && !EXTRA_LABEL_RE.test(lower) && !emphasised) return null;
  return { label: clean, value, field, preamble };
}

/** Separators between several labels on one line: a bar, tabs, three or more spaces, or a middle dot / bullet. */
const INLINE_SEPARATOR_RE = /\s+\|\s+|\s*\|\s*(?=[\p{L}(][^:|]{0,58}[:：])|\t+|\s{3,}|\s+[·•]\s+/u;

/**
 * Several `Label: value` pairs written on one line ("Date: 3rd March 2025 | Hours: 2.5 | Type: Webinar", or the
 * same with tabs): the pairs, when the line splits on a separator into two or more parts that are each a known
 * label (a field synonym or an extras label) with its value — or, beside two that name a field, a short label we do
 * not know ("Tags: …", kept in extras); null otherwise, so a value that merely contains a bar or a tab stays whole, and a line with a preamble label (a signature and its date) is left as it is. (Word/PDF
 * trial finding: the whole line became the start date.)
 */
export function splitInlineLabels(text: string): LabelSplit[] | null {
  if (!INLINE_SEPARATOR_RE.test(text)) return null;
  const parts = text.split(new RegExp(INLINE_SEPARATOR_RE.source, 'gu')).map((x) => x.trim()).filter((x) => x !== '');
  if (parts.length < 2) return null;
  const out: LabelSplit[] = [];
  let known = 0;
  for (const part of parts) {
    const split = splitLabel(part);
    if (split !== null) {
      if (split.field !== null) known++;
      out.push(split);
      continue;
    }
    // A label we do not know beside known ones ("Tags: Cardiology, Prescribing" after "Date: … | Credits: 1.5"):
    // a short label of a few words, kept (its value goes to extras).
    const m = LABEL_RE.exec(part);
    if (m === null || m[1]!.length > 30 || m[1]!.split(/\s+/).length > 4 || m[2]!.trim() === '') return null;
    out.push({ label: m[1]!.trim(), value: m[2]!.trim(), field: null, preamble: false });
  }
  if (known < 2 && out.some((x) => x.field === null && !isKnownLabel(x))) return null;
  // "Signed: … | Date: 14 January 2026": a date beside a signature or other preamble label is not an activity's.
  if (out.some((x) => x.preamble)) return null;
  return out;
}

/** A split whose label is a known one (a field's, a preamble or an extras label), as {@link splitLabel} accepts. */
function isKnownLabel(x: LabelSplit): boolean {
  return splitLabel(`${x.label}: ${x.value}`) !== null;
}

/** Separators of an unlabelled details line under a heading: a middle dot, bullet, bar or spaced dash. */
const DETAIL_SEPARATOR_RE = /\s+[·•|]\s+|\s+[–—]\s+/u;
/** An hours phrase with its unit word ("2.5 hours", "90 mins", "half a day"): a bare number is not enough here. */
const HOURS_WORD_RE = /\b(h|hrs?|hours?|mins?|minutes?|days?)\b/i;

/** A date field named by the word before a date in a details line ("Started 2 Sep 2026", "Due 5 May 2027"). */
const DATED_PART_RE = /^(\p{L}[\p{L}'’]*(?:\s+\p{L}[\p{L}'’]*)?)\s+(\S.*\d.*)$/u;
const DATE_FIELDS: ReadonlySet<RecordField> = new Set(['startDate', 'endDate', 'targetDate']);

/**
 * An unlabelled details line under an activity's heading — "3 March 2025 · 2.5 hours · Events (IET seminar)", a
 * learning portal's card "Completed · 14 Jan 2026 · 2 hr · E-learning", "In progress · Started 2 Sep 2026 · 60%
 * complete", "Enrolled · Starts 12 Jan 2027 · 7 hr" — as labelled values: each part that reads as a date (bare, or
 * after a word naming which date: "Started", "Due", "Completed"), an hours phrase with its unit, a status word, a
 * percentage done (its progress), or (once a date or hours is found) a short category, in the order written. Null
 * unless a date is there beside hours or a status (so an ordinary sentence is never taken apart). (Word/PDF trial 2:
 * these lines went to extras and the record was flagged as having no date and no hours; trial 4: cards not
 * completed, with a status and a "Started" date but no hours, were dropped.)
 */
export function detailsLine(text: string, dated = false): Array<{ label: string; value: string }> | null {
  const parts = text.split(DETAIL_SEPARATOR_RE).map((x) => x.trim()).filter((x) => x !== '');
  if (parts.length < 2 || parts.length > 4) return null;
  const out: Array<{ label: string; value: string }> = [];
  let date = false;
  let hours = false;
  let status = false;
  for (const part of parts) {
    const named = date ? null : DATED_PART_RE.exec(part);
    const field = named ? labelField(named[1]!) : null;
    if (!date && parseDate(part, { order: 'dmy' }).ok) {
      out.push({ label: 'Date', value: part });
      date = true;
    } else if (named && field !== null && DATE_FIELDS.has(field) && parseDate(named[2]!, { order: 'dmy' }).ok) {
      out.push({ label: named[1]!, value: named[2]! });
      date = true;
    } else if (!hours && HOURS_WORD_RE.test(part) && parseHours(part, {}).ok) {
      out.push({ label: 'Hours', value: part });
      hours = true;
    } else if (/^\d{1,3}(?:[.,]\d+)?\s*%/.test(part)) {
      out.push({ label: 'Progress', value: part });
    } else if (!status && part.split(/\s+/).length <= 3 && readStatus(part) !== null) {
      out.push({ label: 'Status', value: part });
      status = true;
    } else if (part.split(/\s+/).length <= 5) out.push({ label: 'Type', value: part });
    else return null;
  }
  return (date || dated) && (hours || status) ? out : null;
}

/** A line that starts with a date and goes on with what was done: "• 10/01/2024 – CIBSE webinar (1.5 h)". */
const DATED_LINE_RE = /^\s*(?:[•·▪◦*-]\s*)?(.{4,32}?)\s*(?:[–—:|]|\s-\s)\s*(\S.*)$/u;
/** Hours in brackets or after a dash at the end of a line: "(1.5 h)", "– 2 hours", "[90 mins]". */
const TRAILING_HOURS_RE = /\s*[([]\s*([^()[\]]{1,20}?)\s*[)\]]\s*$/u;
/** Hours after a spaced dash or a comma at the end of a line ("… – 2 hours", "…, full day"). */
const TRAILING_TAIL_HOURS_RE = /\s*(?:[–—-]|,)\s*([^,–—-]{1,20}?)\s*$/u;
/** The end of a line's first sentence: a full stop before a capital ("… (1.5 hrs). Learnt about COP …"). */
const FIRST_SENTENCE_END_RE = /\.\s+(?=\p{Lu})/u;

/**
 * Reads a dated line — a date, a separator, then what was done, perhaps with its hours at the end:
 * `• 10/01/2024 – CIBSE webinar on overheating risk in homes (1.5 h)` → date, name and hours (also after a comma:
 * `…, 2 hours`, `…, full day`); sentences after the first are a note on it; a block heading
 * `14 January 2026 – Near-miss review on the gas compressor skid` → date and name. The date must read as a whole
 * day or month (a phrase such as "Note: …" is no date); null otherwise. (Trial 2: logs written as dated lines
 * under month headings, and diary entries headed by their date, lost every date.)
 */
export function datedLine(text: string): { date: string; name: string; hours?: string; note?: string } | null {
  const m = DATED_LINE_RE.exec(text);
  if (!m || !/\d/.test(m[1]!)) return null;
  const d = parseDate(m[1]!, { order: 'dmy' });
  if (!d.ok || d.precision === 'year') return null;
  let name = m[2]!.trim();
  // "… heat pumps (1.5 hrs). Learnt about COP at low flow temps.": the first sentence names the activity, the rest
  // is a note on it (kept as the description).
  let note: string | undefined;
  const end = FIRST_SENTENCE_END_RE.exec(name);
  if (end !== null) {
    note = name.slice(end.index + 1).trim();
    name = name.slice(0, end.index).trim();
  }
  name = name.replace(/\.$/, '').trim();
  let hours: string | undefined;
  const h = TRAILING_HOURS_RE.exec(name) ?? TRAILING_TAIL_HOURS_RE.exec(name);
  const inner = h?.[1];
  if (h && inner !== undefined && HOURS_WORD_RE.test(inner) && parseHours(inner, {}).ok) {
    hours = inner.trim();
    name = name.slice(0, h.index).trim();
  }
  if (name === '' || !/\p{L}/u.test(name)) return null;
  const out: { date: string; name: string; hours?: string; note?: string } = { date: m[1]!.trim(), name };
  if (hours !== undefined) out.hours = hours;
  if (note !== undefined && note !== '') out.note = note;
  return out;
}

/** A dash or bar set off by spaces: what separates a title from its date ("… — 30 April 2026"). */
const SPACED_DASH_RE = /\s+(?:[–—|]|-)\s+/gu;

/**
 * Reads a line that names an activity and ends with its date — `Secondment to the asset planning team — 2 to 13
 * March 2026`, `CIWEM annual conference — 17–18 June 2026` — as its name and its date (a day, a month or a range of
 * them, after the last spaced dash or bar that leaves a date; a year alone is no date: "CPD log – 2026"). The name
 * must be title-like (short, no full stop at its end) and must not end in a date or a year (then the dash is a
 * range's: "Period: 01/09/2025 – 31/08/2026"). Null otherwise. (Trial 4: a Word numbered list of such items kept
 * the date in the name and lost it.)
 */
export function titleDatedLine(text: string): { date: string; name: string } | null {
  const t = text.trim().replace(/^[•·▪◦*]\s*/u, '');
  if (t.length > 160) return null;
  const seps = [...t.matchAll(SPACED_DASH_RE)];
  for (let k = seps.length - 1; k >= 0; k--) {
    const sep = seps[k]!;
    const date = t.slice(sep.index + sep[0].length).trim();
    const name = t.slice(0, sep.index).trim();
    if (date.length < 4 || date.length > 40 || !/\d/.test(date) || !/^\p{L}/u.test(name)) continue;
    if (!isTitleLine(name) || /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|\b(19|20)\d\d$/.test(name)) return null;
    const d = parseDate(date, { order: 'dmy' });
    if (!d.ok || d.precision === 'year') return null;
    return { date, name };
  }
  return null;
}

/** Paragraphs with several labels on one line become one pre-split paragraph per label (same provenance). */
function expandInlineLabels(paras: readonly Para[]): readonly Para[] {
  let out: Para[] | null = null;
  paras.forEach((p, i) => {
    const parts = p.label === undefined ? splitInlineLabels(p.text.trim()) : null;
    if (parts === null) {
      out?.push(p);
      return;
    }
    out ??= paras.slice(0, i);
    parts.forEach((x, k) => {
      const q: Para = { ...p, text: `${x.label}: ${x.value}`, label: x.label, value: x.value };
      if (k > 0) delete q.blockStart;
      out!.push(q);
    });
  });
  return out ?? paras;
}

/** True for a heading that names one activity ("Activity 3: …"). */
export function isActivityHeading(text: string): boolean {
  return ACTIVITY_HEADING_RE.test(text);
}

interface OpenBlock {
  heading?: string;
  headingRef?: string;
  page?: number;
  line?: number;
  table?: number;
  values: LabelledValue[];
  labels: Set<string>;
  fields: Set<RecordField>;
  /** Text under the heading before any label. */
  loose: string[];
  preambleLabels: number;
  yearHint?: number;
  firstRef: string;
  /** Its date came from a bare date line printed above its heading (see {@link kickerDate}). */
  kicker?: boolean;
  /** The objective written in this block ("Objective 1: …", "Growth area 2: …"), whose list items are its actions. */
  goal?: LabelledValue;
  /** A label with no value of its own that asks for the actions ("How will I address it?", "Actions:"). */
  actionLabel?: LabelledValue;
  /** List items under the objective or the action label: one planned action each. */
  actions?: Array<{ text: string; p: Para }>;
}

/** Joins continuation text onto a value (wrapped line → space, new paragraph → line break). */
function appendValue(v: LabelledValue, text: string, wrapped: boolean, confidence: number | undefined): void {
  const old = typeof v.value === 'string' ? v.value : v.value === null ? '' : v.value.text;
  const sep = old === '' ? '' : wrapped ? (old.endsWith('-') ? '' : ' ') : '\n';
  const joined = old + sep + text;
  const oldConf = typeof v.value === 'object' && v.value !== null ? v.value.confidence : undefined;
  const conf = minDefined(oldConf, confidence);
  v.value = conf === undefined ? joined : { text: joined, confidence: conf };
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function valueCell(text: string, confidence: number | undefined): Cell {
  return confidence === undefined ? text : { text, confidence };
}

/** A year in a preamble text: titles and short lines, never inside a full date ("submitted 15/01/2025"). */
function preambleYear(text: string): number | undefined {
  if (text.length > 120) return undefined;
  if (/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\b\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+(19|20)\d\d\b/.test(text)) return undefined;
  return yearFromTitle(text);
}

/**
 * Groups paragraphs into labelled blocks (see the module comment for the rules).
 * @param paras the document's paragraphs in reading order (tables that are activity logs left out)
 * @param where how the file is named in gap messages (e.g. `"the document"`)
 * @returns activity blocks with provenance (`heading`, `page`/`line` or `table`, value refs), the preamble year,
 *   and info gaps for blocks not imported (preamble, headings without labelled values are silent)
 */
export function blocksFromParas(given: readonly Para[], where = 'the document'): BlockResult {
  const paras = expandInlineLabels(given).map(questionHeading);
  const out: BlockResult = { blocks: [], gaps: [], labelled: 0 };
  const closed: OpenBlock[] = [];
  let cur: OpenBlock | null = null;
  let last: LabelledValue | null = null;
  let sectionYear: number | undefined;
  const preambleYears: number[] = [];
  let sawHeadingBlock = false;
  let kicker: Para | null = null;
  /** The paragraph before was read as one of a block's actions (the next list item is another). */
  let afterAction = false;

  const close = (): void => {
    if (cur) closed.push(cur);
    cur = null;
    last = null;
  };
  const open = (p: Para, heading?: string): OpenBlock => {
    const b: OpenBlock = { values: [], labels: new Set(), fields: new Set(), loose: [], preambleLabels: 0, firstRef: p.ref };
    if (heading !== undefined) {
      b.heading = heading;
      b.headingRef = p.ref;
    }
    if (p.page !== undefined) b.page = p.page;
    if (p.line !== undefined) b.line = p.line;
    if (p.table !== undefined) b.table = p.table;
    if (sectionYear !== undefined) b.yearHint = sectionYear;
    return b;
  };

  /** Adds a value read from a paragraph's own words (a dated line or heading) under a known label. */
  const addValue = (b: OpenBlock, p: Para, label: string, value: string): void => {
    const split = classifyLabel(label, value, true)!;
    b.labels.add(label.toLowerCase());
    if (split.field) b.fields.add(split.field);
    const v: LabelledValue = { label, value: valueCell(value, p.confidence), ref: p.ref };
    if (p.page !== undefined) v.page = p.page;
    if (p.line !== undefined) v.line = p.line;
    b.values.push(v);
  };
  const splitOf = (q: Para | undefined): LabelSplit | null =>
    q === undefined ? null : q.label !== undefined ? classifyLabel(q.label, q.value ?? '', true) : splitLabel(q.text.trim(), q.boldLead);
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi]!;
    const text = p.text.trim();
    if (text === '' && p.label === undefined) continue;
    const afterItem = afterAction;
    afterAction = false;
    if (p.blockStart) close();
    // A pre-split label/value pair (label/value table row).
    let split: LabelSplit | null = null;
    if (p.label !== undefined) split = classifyLabel(p.label, p.value ?? '', true);
    // A bare date printed above a heading (a card's or a newsletter column's "14 January 2026" over its title):
    // held for the heading's block, not appended to the block before.
    if (kickerDate(p) && headingLike(paras[pi + 1])) {
      kicker = p;
      continue;
    }
    if (headingLike(p)) {
      close();
      const dated = datedLine(text) ?? titleDatedLine(text);
      cur = open(p, (dated?.name ?? text).replace(/\s+/g, ' '));
      // A heading that starts or ends with its date ("14 January 2026 – Near-miss review…", "Site visit — 3 May
      // 2026"): the date is the activity's.
      if (dated) addValue(cur, p, 'Date', dated.date);
      else if (kicker !== null) {
        addValue(cur, kicker, 'Date', kicker.text.trim());
        cur.kicker = true;
      }
      kicker = null;
      sawHeadingBlock = true;
      continue;
    }
    if (split === null && p.label === undefined) split = splitLabel(text, p.boldLead);
    if (split) {
      out.labelled++;
      const key = split.label.toLowerCase();
      // A label numbered as one of a series ("Objective 2:", "Goal 3:") starts the next item, whatever came before.
      const nextInSeries = split.field !== null && /\d[a-z]?$/i.test(split.label) && SERIES_LABEL_RE.test(split.label) && (cur as OpenBlock | null)?.fields.has(split.field) === true;
      const repeats =
        cur !== null && ((cur as OpenBlock).labels.has(key) || nextInSeries || (split.field === 'activityName' && (cur as OpenBlock).fields.has('activityName')));
      const signOff = cur !== null && split.preamble && SIGN_OFF_LABEL_RE.test(key) && isActivity(cur as OpenBlock);
      if (cur === null || repeats || signOff) {
        close();
        cur = open(p);
      }
      const b = cur as OpenBlock;
      if (b.table === undefined && p.table !== undefined && b.values.length === 0) b.table = p.table;
      b.labels.add(key);
      if (split.field) b.fields.add(split.field);
      if (split.preamble) {
        b.preambleLabels++;
        if (/year|period/i.test(split.label)) {
          const y = preambleYear(split.value);
          if (y !== undefined) {
            b.yearHint = y;
            sectionYear = y;
          }
        }
      }
      const v: LabelledValue = { label: split.label, value: valueCell(split.value, p.confidence), ref: p.ref };
      if (p.page !== undefined) v.page = p.page;
      if (p.line !== undefined) v.line = p.line;
      b.values.push(v);
      last = v;
      if (split.field === 'objective' && b.goal === undefined) b.goal = v;
      else if (split.field === 'activityName' && split.value.trim() === '' && b.goal !== undefined) b.actionLabel = v;
      continue;
    }
    // A list item under an objective ("Objective 1: Become a practice assessor" over "• Complete the preparation
    // course by March 2027"), or under a label asking for its actions ("How will I address it?"): one planned
    // action of that objective; the block is read as one activity per action when it closes (see expandActions).
    const item = cur !== null && p.label === undefined && p.wrapped !== true ? listItemText(p) : null;
    const o = cur as OpenBlock | null;
    if (item !== null && o !== null && o.goal !== undefined && (last === o.goal || (last !== null && last === o.actionLabel) || afterItem)) {
      (o.actions ??= []).push({ text: item, p });
      last = null;
      afterAction = true;
      continue;
    }
    // A line naming an activity and ending with its date ("Careers talk at Ysgol Bro Idris — 30 April 2026", a
    // list item): it heads a block of its own, and the labelled details under it ("Time: 2 hours") are its values.
    const titled = p.wrapped !== true && p.label === undefined ? titleDatedLine(text) : null;
    if (titled) {
      close();
      cur = open(p, titled.name.replace(/\s+/g, ' '));
      addValue(cur, p, 'Date', titled.date);
      sawHeadingBlock = true;
      continue;
    }
    // A short title line right before the labels of a new block ("Fire risk assessment" / "Date: …") names it.
    if (p.wrapped !== true && isTitleLine(text)) {
      const next = splitOf(paras[pi + 1]);
      const o = cur as OpenBlock | null;
      const startsNew =
        next !== null &&
        (o === null
          ? !next.preamble
          : o.values.length > 0 &&
            (o.labels.has(next.label.toLowerCase()) ||
              (next.field === 'activityName' && o.fields.has('activityName')) ||
              // after the preamble ("Member: …"), a title line and an activity label start the first activity
              (!isActivity(o) && !next.preamble && next.field !== null)));
      // …or right before an unlabelled details line ("20 Jan 2026 · 6 hours" under a card's title; trial 7).
      const after = paras[pi + 1];
      const beforeDetails = after !== undefined && after.label === undefined && detailsLine(after.text.trim()) !== null;
      if (startsNew || beforeDetails) {
        close();
        cur = open(p, text.replace(/\s+/g, ' '));
        sawHeadingBlock = true;
        continue;
      }
    }
    // A signature line with no label ("Signature of member", "Signed ________") ends the form; it is nobody's value.
    if (p.wrapped !== true && SIGN_OFF_LINE_RE.test(text)) continue;
    // A dated line ("• 10/01/2024 – CIBSE webinar (1.5 h)") is an activity of its own, whatever block it sits in.
    const dated = p.wrapped !== true && p.label === undefined ? datedLine(text) : null;
    if (dated) {
      close();
      cur = open(p);
      addValue(cur, p, 'Date', dated.date);
      addValue(cur, p, 'Activity', dated.name);
      if (dated.hours !== undefined) addValue(cur, p, 'Hours', dated.hours);
      if (dated.note !== undefined) addValue(cur, p, 'Notes', dated.note);
      close();
      continue;
    }
    // Plain text: continues the last value, or sits under a heading, or is preamble.
    if (last !== null && acceptsMore(last, p.wrapped === true)) {
      appendValue(last, text, p.wrapped === true, p.confidence);
      continue;
    }
    if (cur !== null) {
      const o = cur as OpenBlock;
      const details = o.heading !== undefined && (o.values.length === 0 || (o.kicker === true && o.values.length === 1)) ? detailsLine(text, o.kicker === true) : null;
      if (details) {
        for (const d of details) addValue(o, p, d.label, d.value);
        continue;
      }
      o.loose.push(text);
      continue;
    }
    const y = preambleYear(text);
    if (y !== undefined) {
      preambleYears.push(y);
      sectionYear = y;
    }
  }
  close();

  // Classify: activity blocks vs preamble / section headings.
  let firstActivity = -1;
  closed.forEach((b, i) => {
    if (firstActivity === -1 && isActivity(b)) firstActivity = i;
  });
  for (let i = 0; i < closed.length; i++) {
    const b = closed[i]!;
    if (b.actions !== undefined && b.actions.length > 0) {
      out.blocks.push(...expandActions(b));
      if (b.loose.length > 0) {
        const text = b.loose.join(' ');
        out.gaps.push(gap(null, 'skipped', 'info', `${where}: the text at ${b.headingRef ?? b.firstRef} ("${text.length > 100 ? `${text.slice(0, 99)}…` : text}") introduces the plan's objectives, and is not an action`, text));
      }
      continue;
    }
    const activity = isActivity(b) && !(sawHeadingBlock && b.heading === undefined && i < firstActivity);
    if (!activity) {
      // A title heading or preamble block: its year (if any) is a hint for the blocks after it.
      const y = b.heading !== undefined ? preambleYear(b.heading) : undefined;
      const years = [b.yearHint, y].filter((n): n is number => n !== undefined);
      if (years.length > 0) {
        preambleYears.push(years[0]!);
        for (let k = i + 1; k < closed.length; k++) {
          const nb = closed[k]!;
          const nby = nb.heading !== undefined && !isActivity(nb) ? preambleYear(nb.heading) : undefined;
          if (nby !== undefined) break;
          nb.yearHint ??= years[0]!;
        }
      }
      if (b.values.length > 0) {
        const labels = b.values.map((v) => v.label).join(', ');
        const name = b.heading !== undefined ? `"${b.heading}" ` : '';
        out.gaps.push(
          gap(null, 'skipped', 'info', isSignOff(b)
            ? `${where}: the block ${name}at ${b.headingRef ?? b.firstRef} (${labels}) is a declaration or sign-off, not an activity, and was not imported`
            : b.values.some(isCount)
            ? `${where}: the block ${name}at ${b.headingRef ?? b.firstRef} (${labels}) is a summary of the whole log or plan (a count of its entries beside its totals), not an activity, and was not imported`
            : `${where}: the block ${name}at ${b.headingRef ?? b.firstRef} (${labels}) reads as the record's preamble or a note, not an activity (no date, hours, type or reflection), and was not imported`),
        );
      }
      continue;
    }
    const block: LabelledBlock = { values: b.values };
    if (b.heading !== undefined) block.heading = b.heading;
    if (b.page !== undefined) block.page = b.page;
    if (b.line !== undefined) block.line = b.line;
    if (b.table !== undefined) block.table = b.table;
    if (b.yearHint !== undefined) block.yearHint = b.yearHint;
    if (b.loose.length > 0) block.values.push({ label: UNLABELLED, value: b.loose.join('\n'), ref: b.headingRef ?? b.firstRef });
    // A numbered heading ("1. Harmonic filter workshop") names the activity without its number.
    const numbered = b.heading !== undefined && !b.fields.has('activityName') ? NUMBERED_HEADING_RE.exec(b.heading) : null;
    if (numbered) block.values.unshift({ label: 'Activity', value: numbered[1]!.trim(), ref: b.headingRef ?? b.firstRef });
    out.blocks.push(block);
  }
  const distinct = [...new Set(preambleYears)];
  if (distinct.length >= 1) out.yearHint = distinct[0]!;
  return out;
}

/**
 * A block of a development plan whose objective lists its actions (bullets under "Objective 1: …", or under "How
 * will I address it?"): one activity per action, each with the block's other values (the objective, "When?", the
 * measure of success). An action's date is its target: the block's own date ("When? By the end of January 2027"),
 * read as the target date, else the one date the action's sentence names ("… by March 2027"). Each is planned
 * unless dated as done (build.ts, validation). Plans laid out this way: docs/domain/CPD.md §8.
 */
function expandActions(b: OpenBlock): LabelledBlock[] {
  // The section's answers, a start or end date among them read as when its actions are due.
  const shared = b.values
    .filter((v) => v !== b.actionLabel)
    .map((v): LabelledValue => {
      const f = labelField(v.label);
      return f === 'startDate' || f === 'endDate' ? { ...v, field: 'targetDate' } : v;
    });
  const dated = shared.some((v) => (v.field ?? labelField(v.label)) === 'targetDate');
  return b.actions!.map(({ text, p }) => {
    const values: LabelledValue[] = shared.map((v) => ({ ...v }));
    const action: LabelledValue = { label: b.actionLabel?.label ?? 'Activity', value: valueCell(text, p.confidence), ref: p.ref, field: 'activityName' };
    if (p.page !== undefined) action.page = p.page;
    if (p.line !== undefined) action.line = p.line;
    values.push(action);
    if (!dated) {
      const target = dateInSentence(text);
      if (target !== null) values.push({ label: 'Target date', value: target.text, ref: p.ref, field: 'targetDate' });
    }
    const block: LabelledBlock = { values, planItem: true };
    if (b.heading !== undefined) block.heading = b.heading;
    const page = p.page ?? b.page;
    if (page !== undefined) block.page = page;
    const line = p.line ?? b.line;
    if (line !== undefined) block.line = line;
    if (b.table !== undefined) block.table = b.table;
    if (b.yearHint !== undefined) block.yearHint = b.yearHint;
    return block;
  });
}

/** Bullet marks that open a list item written as text (a PDF's or a plain-text list): "• ", "– ", "* ", "▪ ". */
const BULLET_RE = /^[•▪◦‣∙●○■□➢➤►✓✔\-–—*]\s+/u;

/**
 * The text of a list item that can be one planned action: a Word or HTML list item, or a line opened by a bullet
 * mark; short enough to be an action (at most 300 characters), not a label. Null otherwise.
 */
function listItemText(p: Para): string | null {
  const text = p.text.trim();
  const bulleted = BULLET_RE.test(text);
  if (p.item !== true && !bulleted) return null;
  const body = text.replace(BULLET_RE, '').trim();
  return body === '' || body.length > 300 ? null : body;
}

/**
 * A heading written as a question ("How will I know I've succeeded?", "What did I learn?") is a form's label, as a
 * question in bold is: the text under it is its answer. Other paragraphs are returned as they are.
 */
function questionHeading(p: Para): Para {
  const text = p.text.trim();
  if (p.kind !== 'heading' || p.label !== undefined || p.boldLead !== undefined || text.length > 100 || !/\?$/.test(text)) return p;
  return { ...p, boldLead: text };
}

/** A line that can title an activity: short, not a sentence (no final full stop), not a label. */
function isTitleLine(text: string): boolean {
  return text.length <= 100 && text.split(/\s+/).length <= 14 && !/[.:;,]$/.test(text) && !/^\d+([.,]\d+)?$/.test(text);
}

/** A paragraph that heads a block: an activity heading, or a short heading or bold line that is not a label. */
function headingLike(p: Para | undefined): boolean {
  if (p === undefined || p.label !== undefined) return false;
  const text = p.text.trim();
  return isActivityHeading(text) || ((p.kind === 'heading' || p.bold === true) && text !== '' && text.length <= 150 && splitLabel(text, p.boldLead) === null);
}

/**
 * A paragraph that is a date and nothing else, to a day or a month ("14 January 2026", "March 2026"), not wrapped
 * onto from the line before: printed above a heading it dates that heading's activity, as cards and newsletter
 * columns print it (Word/PDF trial 5: a dietitian's two-column summary lost all six activities).
 */
function kickerDate(p: Para): boolean {
  const text = p.text.trim();
  if (p.label !== undefined || p.wrapped === true || text.length > 40 || !/\d/.test(text)) return false;
  const d = parseDate(text, { order: 'dmy' });
  return d.ok && d.precision !== 'year';
}

/** Text fields (and unknown labels) take the paragraphs under them; a date or hours value takes only wrapped lines. */
function acceptsMore(v: LabelledValue, wrapped: boolean): boolean {
  const text = typeof v.value === 'string' ? v.value : v.value === null ? '' : v.value.text;
  if (text.trim() === '' || wrapped) return true;
  if (PREAMBLE_LABEL_RE.test(v.label.toLowerCase())) return false;
  const f = labelField(v.label);
  return f === null || f === 'description' || f === 'reflection' || f === 'objective';
}

/**
 * A count under a plural label that names a kind of entry ("Objectives: 4", "Activities: 7", "Goals: 3"): a figure
 * about the whole log or plan, as a portal prints above its table — not an entry's value.
 */
function isCount(v: LabelledValue): boolean {
  const t = typeof v.value === 'string' ? v.value : v.value === null ? '' : v.value.text;
  if (!/^\d{1,4}$/.test(t.trim()) || !/\p{L}{3,}s$/u.test(v.label.trim())) return false;
  const f = labelField(v.label);
  return f === 'objective' || f === 'activityName' || f === 'description' || f === 'reflection';
}

function isActivity(b: OpenBlock): boolean {
  if (isSignOff(b)) return false;
  // A summary of the log (counts of its entries, with its totals): "Objectives: 4", "Planned hours: 46".
  if (b.values.some(isCount)) return false;
  // A date line above a title and nothing else (a letter's date over its heading) makes no activity.
  if (b.kicker === true && [...b.fields].every((f) => f === 'startDate' || f === 'activityName')) return false;
  for (const f of b.fields) if (EVIDENCE.has(f)) return true;
  return false;
}

/** Words of a sign-off: a signature, a declaration, a witness or countersignature. */
const SIGN_OFF_RE = /\b(sign(ature|ed|[\s-]?off)|declar(ation|e)|countersign|witness(ed)?)\b/i;

/**
 * A declaration or sign-off block ("3. Declaration — Signature: O. Hart, Date: 20/11/2026"): its date is the day it
 * was signed, not an activity's (trial 2: it became an activity named "Declaration"). Only a date beside the
 * signature; a block with hours, a reflection or a type is an activity whatever its heading.
 */
function isSignOff(b: OpenBlock): boolean {
  const signed = (b.heading !== undefined && SIGN_OFF_RE.test(b.heading)) || [...b.labels].some((l) => SIGN_OFF_RE.test(l));
  if (!signed) return false;
  for (const f of b.fields) if (f !== 'startDate' && f !== 'endDate' && f !== 'activityName') return false;
  return true;
}
