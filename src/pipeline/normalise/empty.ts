/**
 * Placeholders that mean "no value": what spreadsheets, databases and program exports write in a cell that holds
 * nothing. Such a cell is empty in every field — no value, no `invalid` gap, no extra (issue 9 scope 5) — and the
 * date, hours and text normalisers agree on it through this module.
 *
 * Read by the shape of the text, not by a list of spellings:
 * - `dash`: punctuation only — `-`, `--`, `—`, `–`, `.`, `…`, `_` (a cell "left blank" by hand);
 * - `not-applicable`: the letters N and A with any dots, slashes or spaces (`N/A`, `n/a`, `NA`, `N.A.`), Excel's
 *   `#N/A` ("no value available"), and the words `not applicable` / `not available`;
 * - `null`: a program's or database's null written out — `null`, `NULL`, `nil`, `None` (Python), `undefined`
 *   (JavaScript), `NaN` (a number that is none), optionally in brackets (`(null)`, `<NULL>`);
 * - `zero-date`: a date that stands for none — every part zero (`0000-00-00`, MySQL's zero date, `00/00/0000`), Excel's
 *   serial 0 shown as `1900-01-00` (or `1899-12-31` / `1899-12-30`, the same zero in the 1900 and OLE systems),
 *   .NET's `DateTime.MinValue` `0001-01-01`; optionally with a midnight time.
 *
 * "Not known yet" (`TBC`, `?`) is a different statement: see {@link isNotYetGiven}.
 */

/** What kind of "no value" a cell holds (see the module comment). */
export type EmptyKind = 'dash' | 'not-applicable' | 'null' | 'zero-date';

/** Longest text that can be an empty value (`0000-00-00T00:00:00.000Z`, with a little room). */
const MAX_EMPTY_LENGTH = 28;

const DASH_ONLY_RE = /^[-_.…\u2010-\u2015\u2212\s]+$/;
const NA_RE = /^#?n[\s./\\]*a[\s.]*$/;
const NA_WORDS_RE = /^not\s+(?:applicable|available)$/;
const NULL_RE = /^[([{<]?\s*(?:null|nil|none|undefined|nan)\s*[)\]}>]?$/;
/** A year-first date with an optional midnight time: `0000-00-00`, `1900-01-00 00:00:00`, `0001-01-01T00:00:00Z`. */
const YMD_RE = /^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[\st]+0{1,2}:00(?::00(?:\.0+)?)?\s*z?)?$/;
/** A day- or month-first date whose parts are all zero: `00/00/0000`, `0.0.00`. */
const ZERO_DMY_RE = /^0{1,2}([/.-])0{1,2}\1(?:0{2}|0{4})$/;

/** The year-month-day triples that stand for "no date" (see the module comment for whose they are). */
function isZeroYmd(y: string, m: string, d: string): boolean {
  if (y === '0000') return m === '00' || d === '00' || (m === '01' && d === '01');
  if (y === '0001') return m === '01' && d === '01';
  if (y === '1900') return m === '01' && d === '00';
  if (y === '1899') return m === '12' && (d === '30' || d === '31');
  return false;
}

/**
 * The kind of "no value" placeholder `text` is (see the module comment), or `undefined` when it holds a value.
 * Case and surrounding spaces are ignored. Fast for the common cell: a text longer than any placeholder, or one
 * starting with a letter or digit that no placeholder starts with, is rejected at once.
 */
export function emptyValueKind(text: string): EmptyKind | undefined {
  const t = text.trim();
  const n = t.length;
  if (n === 0 || n > MAX_EMPTY_LENGTH) return undefined;
  const c = t.charCodeAt(0) | 0x20; // ASCII lower case for letters
  if (c >= 0x30 && c <= 0x39) {
    // digits: only a zero date, which starts 0… or 1899/1900 (most cells, `03/04/2024` or `1.5`, stop here)
    if (c !== 0x30 && !(n >= 10 && (t.startsWith('1899') || t.startsWith('1900')))) return undefined;
    const m = YMD_RE.exec(t.toLowerCase());
    if (m !== null) return isZeroYmd(m[1]!, m[2]!, m[3]!) ? 'zero-date' : undefined;
    return ZERO_DMY_RE.test(t) ? 'zero-date' : undefined;
  }
  if (c >= 0x61 && c <= 0x7a && c !== 0x6e /* n */ && c !== 0x75 /* u */) return undefined;
  const s = t.toLowerCase();
  if (DASH_ONLY_RE.test(s)) return 'dash';
  if (NA_RE.test(s) || NA_WORDS_RE.test(s)) return 'not-applicable';
  if (NULL_RE.test(s)) return 'null';
  return undefined;
}

/** True when `text` is a "no value" placeholder such as `N/A`, `-`, `null`, `#N/A` or `0000-00-00`. */
export function isEmptyValue(text: string): boolean {
  return emptyValueKind(text) !== undefined;
}

/** "To be confirmed / arranged / decided / agreed / advised". */
const NOT_YET_RE = /^(?:tb[acd]|to\s+be\s+(?:confirmed|arranged|decided|agreed|advised|determined)|\?+)\.?$/;

/**
 * True when `text` says a value is not known yet: `TBC`, `TBA`, `TBD`, `to be confirmed` (arranged, decided,
 * agreed, advised, determined), `?`, `??`. In a text field that is as good as empty; in a date field it is a
 * placeholder (a date not set yet), which the date reader reports.
 */
export function isNotYetGiven(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 24) return false;
  return NOT_YET_RE.test(t.toLowerCase());
}
