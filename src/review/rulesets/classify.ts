/**
 * What a record says about itself for another body's rules (issue 16 §4): its category in the body's vocabulary,
 * formal or participatory, and its topics. Read from the record's type and from extra columns whose heading names
 * the point ("Formal/Informal", "Participatory?", "Topic", "Tags"); a topic found only in the activity's name or
 * description is `inferred`, and the criteria name such records so the reviewer can confirm them.
 */
import type { CpdRecord } from '../../domain/index.js';
import type { RuleSet } from './schema.js';

/** Headings of extra columns that classify a record (formal/participatory/type), and those that tag its topics. */
const CLASS_HEADING = /formal|particip|type|method|structur|mode|categor|kind/i;
const TOPIC_HEADING = /topic|tag|subject|theme/i;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One compiled test per word list: true when lower-cased text holds any of the words as whole words. Built once per
 * list and kept while the list lives (the rule sets' lists live as long as the process), so a review compiles no
 * regular expression per record. Measured on 2,000 records (`npm run bench:rulesets`, 2 cores at load 5–8): a
 * pattern compiled per word check took Engineers Australia's review 294 ms (median), compiled once 37 ms.
 */
const compiled = new WeakMap<readonly string[], RegExp>();

function matcher(words: readonly string[]): RegExp {
  let re = compiled.get(words);
  if (re === undefined) {
    const alternatives = words.map((w) => escape(w.toLowerCase())).join('|');
    re = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives})(?:$|[^\\p{L}\\p{N}])`, 'u');
    compiled.set(words, re);
  }
  return re;
}

/** True when lower-cased `text` holds any of `words` as whole words, case aside ("informal" does not hold "formal"). */
function hasAny(lowerText: string, words: readonly string[]): boolean {
  return words.length > 0 && matcher(words).test(lowerText);
}

function classText(r: CpdRecord): string {
  const parts = [r.activityType ?? ''];
  for (const [k, v] of Object.entries(r.extras)) if (CLASS_HEADING.test(k)) parts.push(v);
  return parts.join(' | ').toLowerCase();
}

/**
 * Whether a record is in a class (`formal`, `participatory`): true or false when its type or a classifying column
 * says (the `no` words are tried first), null when nothing says.
 */
export function classOf(r: CpdRecord, words: { yes: readonly string[]; no: readonly string[] }): boolean | null {
  const t = classText(r);
  if (hasAny(t, words.no)) return false;
  if (hasAny(t, words.yes)) return true;
  return null;
}

/** The record's category in the body's vocabulary: by its words in the type or a classifying column, else by its TWAVES letter; null when neither. */
export function categoryOf(r: CpdRecord, rs: Pick<RuleSet, 'categories'>): string | null {
  const t = classText(r);
  for (const c of rs.categories) if (hasAny(t, c.words)) return c.name;
  if (r.twaves !== null) for (const c of rs.categories) if (c.twaves === r.twaves) return c.name;
  return null;
}

/** How a record shows a topic: from a topic column, inferred from its name or description, or not at all. */
export type TopicEvidence = 'column' | 'inferred' | null;

/** Whether a record is on `topic` (its words in `rs.topics`), and how that is known. */
export function topicOf(r: CpdRecord, words: readonly string[]): TopicEvidence {
  const col = Object.entries(r.extras).filter(([k]) => TOPIC_HEADING.test(k)).map(([, v]) => v).join(' | ').toLowerCase();
  if (hasAny(col, words)) return 'column';
  return hasAny(`${r.activityName ?? ''} | ${r.description ?? ''}`.toLowerCase(), words) ? 'inferred' : null;
}

/** Headings of extra columns that hold a number of hours (or of points) for one kind of learning: "Formal hours". */
const HOURS_HEADING = /\b(hours?|hrs?|time|duration)\b|\(h\)/i;

function numberOf(text: string): number | null {
  const t = text.trim().replace(/\s*(h|hrs?|hours?)$/i, '');
  if (t === '' || !/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * A record's hours of a class read from columns that give them as numbers (issue 16 §4): the NMC's "Number of
 * participatory hours", a surveyor's "Formal hours" beside "Informal hours" (the import adds those into the record's
 * hours and keeps each part under its heading). `yes` sums the columns whose heading names the class (its `yes`
 * words), `no` those naming the other class (its `no` words, tried first). Null when no such column has a number.
 */
export function classHoursOf(r: CpdRecord, words: { yes: readonly string[]; no: readonly string[] }): { yes: number; no: number } | null {
  let yes = 0;
  let no = 0;
  let found = false;
  for (const [heading, value] of Object.entries(r.extras)) {
    if (!HOURS_HEADING.test(heading)) continue;
    const h = heading.toLowerCase();
    const side = hasAny(h, words.no) ? 'no' : hasAny(h, words.yes) ? 'yes' : null;
    const n = side === null ? null : numberOf(value);
    if (side === null || n === null) continue;
    found = true;
    if (side === 'yes') yes += n;
    else no += n;
  }
  return found ? { yes, no } : null;
}

/**
 * A record's hours on a topic read from a column of numbers whose heading names the topic and hours (Engineers
 * Australia's "Risk management (h)", "Area of practice hours"); null when it has no such column with a number.
 */
export function topicHoursOf(r: CpdRecord, words: readonly string[]): number | null {
  let found: number | null = null;
  for (const [heading, value] of Object.entries(r.extras)) {
    if (!HOURS_HEADING.test(heading) || !hasAny(heading.toLowerCase(), words)) continue;
    const n = numberOf(value);
    if (n !== null) found = (found ?? 0) + n;
  }
  return found;
}

/** Headings of a column of learning points (RIBA's "Learning points", "CPD points", "Points"). */
const POINTS_HEADING = /\bpoints?\b|\bpts\b/i;

/**
 * A record's points for a body counting points (RIBA), and where they were read: a column of numbers headed
 * "points" that the import kept aside (beside a time column, the import takes the time for the hours), else the
 * record's hours (a log whose only figure is its points, read at 1 h a point). Null when neither holds a number.
 */
export function pointsOf(r: CpdRecord): { points: number; from: string } | null {
  for (const [heading, value] of Object.entries(r.extras)) {
    if (!POINTS_HEADING.test(heading)) continue;
    const n = numberOf(value);
    if (n !== null) return { points: n, from: heading };
  }
  return r.hours !== null && r.hours > 0 ? { points: r.hours, from: 'hours' } : null;
}

/** The first non-empty value of an extra column whose heading holds any of `words` (whole words); null when none. */
export function columnValue(r: CpdRecord, words: readonly string[]): { heading: string; value: string } | null {
  for (const [heading, value] of Object.entries(r.extras)) if (hasAny(heading.toLowerCase(), words) && value.trim() !== '') return { heading, value };
  return null;
}

