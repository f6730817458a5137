/**
 * Hours stated in words inside a free text (a card's description, a note): `CPD hours: 21`, `Hours = 1.5`,
 * `3 CPD hours`, `logged 2 CPE hours`. Boards and trackers with no hours column (Trello, Notion, Asana) keep the
 * figure there (trial 3: a Trello export's "CPD hours: 4" in every description, while each record said "no hours").
 *
 * Our own rule: only a figure labelled as hours (a heading word followed by a colon or equals sign, or a number
 * followed by "CPD/CPE hours") counts, and only when the text states one such figure — "09:00–16:30", "Two days" or
 * two different figures are no statement of the hours.
 */

/** `CPD hours: 21`, `Hours claimed = 1.5`, `Learning hrs: 3`. */
const LABELLED_RE = /\b(?:cpd|cpe|learning|study|training|total)?\s*(?:hours?|hrs?)\s*(?:claimed|logged|spent|recorded)?\s*[:=]\s*(\d{1,3}(?:[.,]\d{1,2})?)\b(?!\s*[:/-]\d)/gi;
/** `3 CPD hours`, `1.5 CPE hrs`. */
const COUNTED_RE = /\b(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:cpd|cpe)\s*(?:hours?|hrs?)\b/gi;

/**
 * The hours (decimal hours) a text states, or null when it states none or more than one different figure.
 * Values over 500 are not taken (no single activity claims more).
 */
export function hoursStatedIn(text: string): number | null {
  const found = new Set<number>();
  for (const re of [LABELLED_RE, COUNTED_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) found.add(Number(m[1]!.replace(',', '.')));
  }
  if (found.size !== 1) return null;
  const [n] = found;
  return n! > 0 && n! <= 500 ? n! : null;
}
