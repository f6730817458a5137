/**
 * Rules over single records shared by the annual review criteria (docs/domain/CPD.md §2): the year a record counts in,
 * duplicate copies, impossible dates, plan relation, reflection quality, and the small number formats of summaries.
 */
import type { CpdRecord } from '../../domain/index.js';
import { DEFAULT_REVIEW_RULES, type RecordRef } from './types.js';

/**
 * The calendar year a record counts in: its end date's year, else its start date's, else its target date's; null
 * when it has no date (docs/domain/CPD.md §2: an activity spanning two years counts in its end-date year, our choice). The
 * store files records by the same rule (`recordYear` in `src/store/store.ts`).
 */
export function countingYear(r: Pick<CpdRecord, 'endDate' | 'startDate' | 'targetDate'>): number | null {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : Number(d.slice(0, 4));
}

/** Hours rounded to 2 decimal places (no `-0`). */
export function h2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/** `1.5` → `"1.5 h"`. */
export function fmtH(x: number): string {
  return `${h2(x)} h`;
}

/** `part / whole` as a whole percentage (0 when `whole` is 0). */
export function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

/** `plural(2, 'activity', 'activities')` → `"2 activities"`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `"log.xlsx, sheet CPD Log 2024, row 9"`, `"log.pdf, page 2, line 14"`, `"log.docx, “Activity 3”"`. */
export function describeSource(src: CpdRecord['source']): string {
  const parts = [src.file];
  if (src.sheet !== undefined) parts.push(`sheet ${src.sheet}`);
  if (src.page !== undefined) parts.push(`page ${src.page}`);
  if (src.table !== undefined) parts.push(`table ${src.table}`);
  if (src.row !== undefined) parts.push(`row ${src.row}`);
  if (src.line !== undefined) parts.push(`line ${src.line}`);
  if (src.block !== undefined) parts.push(`“${src.block}”`);
  return parts.join(', ');
}

/** The {@link RecordRef} naming `records[index]`, with an optional note. */
export function ref(records: readonly CpdRecord[], index: number, note?: string): RecordRef {
  const rec = records[index]! as CpdRecord & { id?: unknown };
  const where = describeSource(rec.source);
  const r: RecordRef = typeof rec.id === 'string' ? { index, id: rec.id, activityName: rec.activityName, where } : { index, activityName: rec.activityName, where };
  if (note !== undefined) r.note = note;
  return r;
}

const WORD = /[\p{L}\p{N}]+/gu;
const NAME_STOP = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'at', 'by', 'with']);

/** Words of a name for matching: lower case, stop words and plural "s" dropped, sorted (order aside). */
export function nameKey(name: string | null): string {
  if (name === null) return '';
  const words = (name.toLowerCase().match(WORD) ?? []).filter((w) => !NAME_STOP.has(w)).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  return words.sort().join(' ');
}

/**
 * Stock phrases that say nothing about what was learnt or how it will be applied (our choice). A reflection made
 * only of these words (e.g. "Good course.", "Very useful and interesting") is weak whatever its length.
 */
const STOCK_WORDS = new Set([
  'good', 'great', 'very', 'really', 'quite', 'useful', 'interesting', 'informative', 'helpful', 'excellent', 'ok', 'okay', 'fine',
  'course', 'webinar', 'event', 'session', 'talk', 'day', 'training', 'enjoyed', 'it', 'this', 'was', 'a', 'an', 'the', 'and',
  'nice', 'learnt', 'learned', 'lot', 'lots', 'some', 'things', 'stuff', 'as', 'above', 'see', 'done', 'attended', 'completed', 'booked',
  'n', 'na', 'none', 'nothing', 'tbc', 'to', 'follow', 'i', 'we', 'of', 'well', 'worthwhile', 'relevant',
]);

/**
 * Reflection quality rule (docs/domain/CPD.md §2 point 6 asks for "a brief reflection per activity: what was learnt, how it
 * will be applied"; the thresholds are our choice): a reflection is weak when it has fewer than `minWords` words
 * (letters/digits runs), or when every word is a stock word ("good course", "very useful", "enjoyed it",
 * "as above"). Returns the reason (`"3 words"`, `"only stock phrases"`) or null when it is not weak.
 */
export function isWeakReflection(text: string, minWords: number = DEFAULT_REVIEW_RULES.minReflectionWords): string | null {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.every((w) => STOCK_WORDS.has(w))) return words.length === 0 ? 'no words' : 'only stock phrases';
  if (words.length < minWords) return plural(words.length, 'word');
  return null;
}

/**
 * Plan relation rule (docs/domain/CPD.md §2 point 1, "the activities relate to it"; how to tell is our choice): a completed
 * activity relates to the plan when it names a plan objective (its `objective` field is filled in, e.g. from an
 * "Objective" or "Development objective" column), or when its name has the same words (case, punctuation, plural
 * "s" and word order aside) as a planned entry's name — the planned activity was carried out.
 */
export function relatesToPlan(r: Pick<CpdRecord, 'objective' | 'activityName'>, plannedNameKeys: ReadonlySet<string>): boolean {
  if (r.objective !== null && r.objective.trim() !== '') return true;
  const k = nameKey(r.activityName);
  return k !== '' && plannedNameKeys.has(k);
}

/**
 * The records among `indices` that repeat another: records carrying a `duplicate` gap (src/pipeline/validate.ts,
 * or a repeat across imports from the store) are grouped by date and name words; in each group of two or more,
 * every record but one is a copy: the one a reviewer corrected or accepted a gap on, else the one with the most
 * hours (the first, on a tie). Every criterion leaves copies out, so a log entered twice (or uploaded again in a
 * new version) does not count twice; the hours criterion names the copies' hours apart (our choice).
 */
export function duplicateCopies(records: readonly CpdRecord[], indices: readonly number[]): Set<number> {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const r = records[i]!;
    if (!r.gaps.some((g) => g.code === 'duplicate')) continue;
    const key = `${r.startDate ?? r.targetDate ?? ''}|${nameKey(r.activityName)}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const copies = new Set<number>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    // The one a reviewer corrected or accepted counts (their work decides); else the one with the most hours.
    const reviewed = (i: number): boolean => records[i]!.gaps.some((g) => g.code === 'corrected' || g.code === 'accepted');
    let kept = list.find(reviewed) ?? list[0]!;
    if (!reviewed(kept)) for (const i of list) if (positiveHours(records[i]!) > positiveHours(records[kept]!)) kept = i;
    for (const i of list) if (i !== kept) copies.add(i);
  }
  return copies;
}


/**
 * True when a record carries an error-level date gap that no reviewer accepted: the end date is before the start
 * date, or a completed activity is dated in the future (`out_of_range` errors on `startDate`/`endDate` from
 * src/pipeline/validate.ts). Such a record cannot be placed in a year, so the criteria count it in no year and
 * name it instead (our choice: a correction may leave a record like this while the reviewer is mid-fix).
 */
export function hasDateError(r: Pick<CpdRecord, 'gaps'>): boolean {
  return r.gaps.some((g) => g.severity === 'error' && g.code === 'out_of_range' && (g.field === 'startDate' || g.field === 'endDate'));
}

/** `"start 2030-03-03 is in the future; end 2024-06-05 is before the start"`: the record's date errors, short. */
export function impossibleNote(r: CpdRecord): string {
  const parts: string[] = [];
  for (const g of r.gaps) {
    if (!(g.severity === 'error' && g.code === 'out_of_range' && (g.field === 'startDate' || g.field === 'endDate'))) continue;
    const which = g.field === 'startDate' ? 'start' : 'end';
    const d = g.field === 'startDate' ? r.startDate : r.endDate;
    parts.push(/before the start/.test(g.message) ? `${which} ${d} is before the start ${r.startDate}` : `${which} ${d} is in the future`);
  }
  return [...new Set(parts)].join('; ');
}

/** Years any of a record's dates fall in. */
export function datedYears(r: Pick<CpdRecord, 'startDate' | 'endDate' | 'targetDate'>): number[] {
  return [r.startDate, r.endDate, r.targetDate].filter((d): d is string => d !== null).map((d) => Number(d.slice(0, 4)));
}

/** Gap codes that put a record's hours in doubt when a warning or an error: asked about, impossible, or guessed. */
const DOUBT_CODES: ReadonlySet<string> = new Set(['ambiguous', 'out_of_range', 'inferred']);

/**
 * True when a record's hours are flagged doubtful: a warning or error gap on its hours that asks about them ("90 hours
 * dated by one day only"), finds them impossible (more than 24 h a day) or guessed them, and that no reviewer
 * accepted (an accepted gap is an info `accepted` one) or corrected. A verdict of "met" must not rest on such hours
 * (our choice, from the tryout of issue 11: minutes read as hours made 525 h "met").
 */
export function hoursInDoubt(r: Pick<CpdRecord, 'gaps' | 'hours'>): boolean {
  return r.hours !== null && r.hours > 0 && r.gaps.some((g) => g.field === 'hours' && g.severity !== 'info' && DOUBT_CODES.has(g.code));
}

/** A record's hours when positive, else 0 (decimal hours). */
export function positiveHours(r: CpdRecord): number {
  return r.hours !== null && r.hours > 0 ? r.hours : 0;
}
