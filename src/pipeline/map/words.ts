/**
 * The words of a column heading or a block label, as the mapper reads them: database and program case styles split
 * (`activity_dt` → `activity dt`, `finishedAt` → `finished at`, `CPDHours` → `cpd hours`), a bracketed note kept
 * apart from the heading's own words (`Date finished (if finished)`), punctuation and `&` read as separators, each
 * word reduced to a stem so that `completed`, `completion` and `complete` meet, and abbreviations (`Categ.`,
 * `Dur.`, `Refl.`) left for the lexicon to expand by prefix (see `meaning.ts`).
 *
 * Our own code (docs/domain/CPD.md §5: headings vary in case, word order, small words, units in brackets).
 */

/** A heading split into its words. */
export interface HeadingWords {
  /** The heading's own words, lower case, in order (brackets removed). `"Date of event"` → `["date", "of", "event"]`. */
  words: string[];
  /** Words inside brackets or after a dash/colon that qualifies the heading: `"Hours (approx.)"` → `["approx"]`. */
  note: string[];
  /** The raw texts inside brackets, for value lists: `"Category (Training, Work, …)"` → `["Training, Work, …"]`. */
  noteTexts: string[];
  /** Words that were written with a trailing full stop (`"Categ."`, `"Dur."`): abbreviations. */
  abbreviated: Set<string>;
  /** The heading is written as a question (`"What did you learn?"`, `"When?"`). */
  question: boolean;
}

/** Splits camelCase and PascalCase runs: `finishedAt` → `finished At`, `CPDHours` → `CPD Hours`, `courseID` → `course ID`. */
export function splitCase(text: string): string {
  return text
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    // (An acronym's plural stays whole: "PDUs", "URLs", "IDs".)
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2');
}

/**
 * Reads the words of a heading. Never throws; an empty heading gives no words.
 * `"Date finished (if finished)"` → words `date finished`, note `if finished`;
 * `"time_spent_seconds"` → `time spent seconds`; `"Comments & learning"` → `comments and learning`.
 */
export function headingWords(heading: string): HeadingWords {
  const noteTexts: string[] = [];
  let main = heading.replace(/\(([^)]*)\)|\[([^\]]*)\]|\{([^}]*)\}/g, (_m, a?: string, b?: string, c?: string) => {
    noteTexts.push((a ?? b ?? c ?? '').trim());
    return ' ';
  });
  // An unclosed bracket ("Hours (approx"): the rest is a note too.
  const open = main.search(/[([]/);
  if (open >= 0) {
    noteTexts.push(main.slice(open + 1).trim());
    main = main.slice(0, open);
  }
  const question = /\?\s*$/.test(heading.trim());
  const abbreviated = new Set<string>();
  const words = tokens(main, abbreviated);
  const note: string[] = [];
  for (const t of noteTexts) note.push(...tokens(t, abbreviated));
  return { words, note, noteTexts, abbreviated, question };
}

function tokens(text: string, abbreviated: Set<string>): string[] {
  const out: string[] = [];
  const spaced = splitCase(text).replace(/&|\+/g, ' and ').replace(/_/g, ' ');
  for (const m of spaced.matchAll(/[\p{L}\p{N}]+(\.(?![\p{L}\p{N}]))?/gu)) {
    let w = m[0].toLowerCase();
    if (w.endsWith('.')) {
      w = w.slice(0, -1);
      if (w.length >= 2 && /\p{L}/u.test(w)) abbreviated.add(w);
    }
    out.push(w);
  }
  return out;
}

/**
 * A word's stem for matching (a light suffix-stripper, not a full stemmer): plurals, `-ed`, `-ing`, `-ion`, `-ive`
 * and `-ly` come off when a stem of three letters or more remains. `completed`, `completion`, `completes` →
 * `complet`; `reflections`, `reflective` → `reflect`; `hours` → `hour`; `activities` → `activit`.
 * Words of three letters or fewer are returned as they are (`hrs`, `dt`, `to`).
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of ['ation', 'ition', 'ions', 'ion', 'ive', 'ing', 'ed', 'ly', 'al', 'er', 'e', 'y']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) return w.slice(0, -suffix.length);
  }
  return w;
}
