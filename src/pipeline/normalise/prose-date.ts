/**
 * The one date a sentence names — "Complete the assessor course by March 2027", "Audit our dressing choices by 31
 * July 2027", "before the end of June 2027", "before my HCPC renewal in August 2027" — as development plans write a
 * target inside the action (docs/domain/CPD.md §6: plans name when each action is due). Only a month with a four-digit
 * year, or a day, month and year, counts (a bare year or a weekday is too vague to be a target); "the end of" a month
 * is its last day, as {@link parseDate} reads it. A sentence naming two or more dates names none (which one is the
 * target is not ours to guess). Pure functions.
 */
import { parseDate, type DateOk, type DateOrder } from './dates.js';

/** A month and a four-digit year, or a day, month and year, optionally after "(the) end of". */
const DATE_IN_PROSE_RE =
  /\b(?:(?:the\s+)?end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+\d{4}\b/gi;

/** A date found in a sentence: the words that name it as written, and how {@link parseDate} reads them. */
export interface SentenceDate {
  /** The date's words as written in the sentence ("end of June 2027", "31 July 2027"). */
  text: string;
  /** The date read (ISO 8601 `start`, month precision or better; `end` for a range). */
  date: DateOk;
}

/**
 * The one date (month precision or better) a sentence names.
 * @param text a sentence or short text, e.g. "Attend the assessor update day in September 2027"
 * @param order day/month order for numeric parts (only names of months are matched, so it rarely matters)
 * @returns the date's words and reading, or null when the text names no such date or more than one
 */
export function dateInSentence(text: string, order: DateOrder = 'dmy'): SentenceDate | null {
  const found = text.match(DATE_IN_PROSE_RE);
  if (found === null || found.length !== 1) return null;
  const words = found[0]!.replace(/^the\s+/i, '');
  const d = parseDate(words, { order });
  return d.ok && d.precision !== 'year' ? { text: words, date: d } : null;
}
