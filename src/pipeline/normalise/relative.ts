/**
 * Texts in a date cell that name a time without dating it — a duration (`6 weeks`, `within 3 months`), a time
 * relative to when the text was written (`next year`, `this term`), or one named by an event or period (`by end of
 * term`, `when the project finishes`). Development plans write targets this way (issue 9 scope 7); the record then
 * has no date, and the gap says why in the words of this module.
 *
 * Read by structure: a number (or number word) followed by a unit of time is a duration; a word that points from
 * "now" (`next`, `this`, `coming`, `following`) before a period is relative to the writing; a marker of an event or
 * of the edge of a period (`end`, `start`, `after`, `once`, `when`, `until`) or a period word alone is an event.
 * Only called for text that did not read as a date (no month name or year in it makes sense as a date).
 * Pure functions.
 */

/** Units of time that make a duration or name a period: `weeks`, `mths`, `term`, `semester`, `summer` (of no year). */
const UNIT_WORDS = new Set([
  'min', 'mins', 'minute', 'minutes', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'night', 'nights', 'week', 'weeks', 'wk',
  'wks', 'fortnight', 'fortnights', 'month', 'months', 'mth', 'mths', 'mo', 'mos', 'year', 'years', 'yr', 'yrs',
  'term', 'terms', 'semester', 'semesters', 'quarter', 'quarters', 'trimester', 'trimesters', 'session', 'sessions',
  'spring', 'summer', 'autumn', 'fall', 'winter',
]);

/** Words counting the units of a duration (`a few weeks`, `two months`). */
const COUNT_WORDS = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'few', 'several', 'couple', 'half',
]);

/** Words pointing from the time of writing. */
const FROM_NOW_WORDS = new Set(['next', 'this', 'coming', 'following', 'upcoming', 'current', 'now', 'today', 'tomorrow', 'soon']);

/** Words marking an event or the edge of a period. */
const EVENT_WORDS = new Set([
  'end', 'start', 'beginning', 'begin', 'mid', 'middle', 'close', 'after', 'before', 'once', 'when', 'until', 'till',
  'following', 'completion', 'finish', 'finishes', 'finished', 'ends', 'starts', 'review', 'appraisal',
]);

const WORD_RE = /[a-z]+|\d+(?:[.,]\d+)?/g;

/** How a text names a time it does not date (see the module comment), as a clause for a reviewer. */
export type RelativeKind = 'duration' | 'from-now' | 'event';

/**
 * Classifies a text that is not a date: `duration` (`6 weeks`, `within 3 months`, `a couple of months`, `6-8 weeks`),
 * `from-now` (`next year`, `this term`, `the coming months`), `event` (`by end of term`, `end of the year`, `after the
 * course`, `when the project finishes`), or `undefined` (some other text: `see certificate`). `text` may be in any
 * case; a text with a four-digit year is never relative (it is an unreadable date instead).
 */
export function relativeKind(text: string): RelativeKind | undefined {
  const s = text.toLowerCase();
  if (/\b\d{4}\b/.test(s)) return undefined;
  const words = s.match(WORD_RE);
  if (words === null) return undefined;
  let unit = false;
  let counted = false;
  let fromNow = false;
  let event = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (UNIT_WORDS.has(w)) {
      unit = true;
      const prev = words[i - 1];
      const prev2 = words[i - 2];
      // "6 weeks", "6-8 weeks", "a few weeks", "a couple of months", "two terms"
      if (prev !== undefined && (/^\d/.test(prev) || COUNT_WORDS.has(prev) || (prev === 'of' && prev2 === 'couple'))) counted = true;
      continue;
    }
    if (FROM_NOW_WORDS.has(w)) fromNow = true;
    else if (EVENT_WORDS.has(w)) event = true;
  }
  if (counted) return 'duration';
  if (fromNow && (unit || words.length <= 2)) return 'from-now';
  if (event || unit) return 'event';
  return undefined;
}

/** The reason clause for each kind, embedded in gap messages (`"6 weeks" is a duration, not a date`). */
export const RELATIVE_REASONS: Readonly<Record<RelativeKind, string>> = {
  duration: 'a duration, not a date',
  'from-now': 'a time relative to when it was written (which the log does not give), not a date',
  event: 'a time named by an event or a period, not a date',
};
