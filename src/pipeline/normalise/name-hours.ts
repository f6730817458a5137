/**
 * Hours written inside an activity's name, for logs that keep no hours column: "Webinar: heat pump sizing (1.5h)",
 * "Site visit to the energy centre – 4 hrs", "GDPR refresher [45 min]", "Read CIBSE TM54 (approx. 2 hours)",
 * "Mentoring sessions x2 (1h each)". The name is kept whole; the hours are read from it with an `inferred` gap
 * (build stage). Found in a log kept as a list of titles (corpus trial 5).
 */
import { parseHours } from './hours.js';

/** Hours read from a name: decimal hours, and the part of the name they were read from (for the gap). */
export interface NameHours {
  hours: number;
  text: string;
}

/** A number followed by a unit of time. */
const AMOUNT_RE = /\d\s*(?:h|hrs?|hours?|mins?|minutes?)\b/i;
/** Bracketed parts of a name: "(1.5h)", "[45 min]". */
const BRACKETS_RE = /[([]([^()[\]]{1,40})[)\]]/g;
/** A tail after a spaced dash or a comma: "… – 4 hrs", "…, 2 hours". */
const TAIL_RE = /(?:\s[–—-]\s|,\s*)([^–—,]{1,30})$/;
/** Words of approximation before an amount: "approx. 2 hours", "about 1h", "c. 3 hrs", "~45 min". */
const ROUGHLY_RE = /^(?:approx(?:imately|\.)?|about|around|roughly|circa|c\.|ca\.|~)\s*/i;
/** "each" after the amount, and the count it multiplies: "x2", "× 3", "2 x", "3 sessions". */
const EACH_RE = /\beach\b/i;
const TIMES_RE = /(?:[x×]\s*(\d{1,2})\b|\b(\d{1,2})\s*[x×]\s)/i;

/**
 * The hours a name states, or null when it states none or more than one amount (several activities in one cell are
 * flagged elsewhere, never summed here).
 * @param name the activity name as read (one line)
 * @returns decimal hours (an amount "each" multiplied by the count the name gives: "x2 (1h each)" → 2) and the text
 */
export function hoursInName(name: string): NameHours | null {
  const found: string[] = [];
  for (const m of name.matchAll(BRACKETS_RE)) if (AMOUNT_RE.test(m[1]!)) found.push(m[0]);
  const tail = TAIL_RE.exec(name);
  if (found.length === 0 && tail !== null && AMOUNT_RE.test(tail[1]!)) found.push(tail[1]!);
  if (found.length !== 1) return null;
  const text = found[0]!;
  let amount = text.replace(/^[([]|[)\]]$/g, '').trim().replace(ROUGHLY_RE, '');
  let times = 1;
  if (EACH_RE.test(amount)) {
    amount = amount.replace(EACH_RE, '').trim();
    const t = TIMES_RE.exec(name.replace(text, ''));
    if (t === null) return null;
    times = Number(t[1] ?? t[2]);
  }
  const h = parseHours(amount, {});
  if (!h.ok || h.hours <= 0) return null;
  return { hours: Math.round(h.hours * times * 100) / 100, text };
}
