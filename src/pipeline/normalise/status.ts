/**
 * An activity's status from what a log or an export writes: a status word (`Completed`, `In progress`,
 * `NOT_STARTED`, `Booked`, `Registered`), a yes/no answer (`Yes`, `TRUE`, `✓`), or a completion percentage (`40%`,
 * or a bare `40` in a progress column). Only `completed` counts as CPD done; an activity not done (yet) is read as
 * `planned` (docs/DESIGN.md §2 `status`), and one that did not take place (`Cancelled`) too, with a gap.
 *
 * Sources: docs/domain/CPD.md §1 (the record's target date for planned activities); the platform words are those of
 * real exports (fixtures/corpus/README.md: LinkedIn Learning, Udemy, Cornerstone, Docebo, Pluralsight).
 */

/** What a status text says. `cancelled`: the activity did not take place (not counted, flagged). */
export interface StatusReading {
  status: 'completed' | 'planned';
  cancelled: boolean;
}

/**
 * Words of an activity not done (yet): planned, booked, and what learning platforms write for a course begun or
 * only signed up for (in progress, registered, enrolled, assigned, viewed, past due), what task boards write for work
 * under way (monday.com's "Working on it", "Stuck", "On hold"; trial 7), and a "no" answer.
 */
const NOT_DONE =
  /\b(plan(ned)?|future|not\s+(yet\s+)?(started|complete(d)?|finished|done)|incomplete|unfinished|to do|todo|intended|proposed|in progress|ongoing|started|booked|scheduled|registered|enrolled|assigned|viewed|past due|overdue|pending|wait ?listed|provisional|no|n|false|unchecked|unticked|working on( it)?|under ?way|in review|on hold|stuck|blocked|waiting|doing)\b|✗|☐|❌/i;
const CANCELLED = /\b(cancell?ed|withdrawn|did not attend|didn'?t attend|not attended|postponed|abandoned|dropped|no show)\b/i;
const DONE = /\b(complete(d)?|done|finished|attended|achieved|passed|yes|y|true|checked|ticked)\b|✓|✔|☑|☒|✅/i;
/** A completion percentage (`40%`, `100 %`), or a bare number in a status or progress column (`40`, `100`). */
const PERCENT_RE = /^(\d{1,3}(?:[.,]\d+)?)\s*(%?)$/;

/**
 * Reads a status text. Returns null when the text says nothing we can read (the status is then left as it is).
 * Platform styles are read as words: `IN_PROGRESS`, `not-started`. A bare `1` or `0` is a yes/no flag; any other
 * bare number up to 100 is a percentage complete.
 */
export function readStatus(text: string): StatusReading | null {
  const t = text.trim().replace(/[_-]+/g, ' ');
  if (t === '') return null;
  if (CANCELLED.test(t)) return { status: 'planned', cancelled: true };
  const pct = PERCENT_RE.exec(t);
  if (pct) {
    const n = Number(pct[1]!.replace(',', '.'));
    const done = n >= 100 || (n === 1 && pct[2] === '');
    return { status: done ? 'completed' : 'planned', cancelled: false };
  }
  if (NOT_DONE.test(t) && !/\bnot\s+(yet\s+)?planned\b/i.test(t)) return { status: 'planned', cancelled: false };
  if (DONE.test(t)) return { status: 'completed', cancelled: false };
  return null;
}

/**
 * True when an activity's name says it has not happened yet: a status word in brackets or after a dash at its end
 * (`Conflicts of interest course (booked)`, `Site visit – planned`).
 */
export function nameSaysNotDone(name: string): boolean {
  const m = /(?:\(([^()]{2,30})\)|[-–—:]\s*([^-–—:]{2,30}))\s*$/.exec(name);
  const note = m?.[1] ?? m?.[2];
  if (note === undefined) return false;
  const r = readStatus(note);
  return r !== null && r.status === 'planned' && !r.cancelled && !/\b(no|n|false)\b/i.test(note);
}
