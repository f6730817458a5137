/**
 * Text clean-up for record fields: spaces and line breaks, HTML from exports turned into plain text (html.ts), and
 * placeholders that mean "nothing written" (empty.ts).
 */
import { isEmptyValue, isNotYetGiven } from './empty.js';
import { htmlToText, mayHoldHtml } from './html.js';

/** Odd spaces and control characters that clean-up replaces. */
const ODD_SPACE = /[\t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]/;

/**
 * Whether clean-up would change `text` (fast path: most cells are already clean). Uses `indexOf` scans, which are
 * much faster than one regex with alternatives on long reflections.
 */
function needsWork(text: string, multiline: boolean): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  if (first <= 32 || last <= 32 || first === 160 || last === 160) return true;
  if (text.indexOf('  ') !== -1) return true;
  if ((text.indexOf('<') !== -1 || text.indexOf('&') !== -1) && mayHoldHtml(text)) return true;
  if (multiline) {
    if (text.indexOf('\n') !== -1 && (text.indexOf(' \n') !== -1 || text.indexOf('\n ') !== -1 || text.indexOf('\n\n\n') !== -1)) return true;
    // Long texts: only tabs and CR matter here (a stray no-break space in a reflection is harmless, and scanning
    // every reflection for them costs more than the rest of the clean-up).
    return text.indexOf('\t') !== -1 || text.indexOf('\r') !== -1;
  }
  if (text.indexOf('\n') !== -1) return true;
  return ODD_SPACE.test(text);
}

/** `text` as plain text: HTML (a tag-like `<x` or a character reference such as `&amp;`) read by {@link htmlToText}. */
function plain(text: string): string {
  return mayHoldHtml(text) ? htmlToText(text) ?? text : text;
}

/**
 * Cleans a single-line field (activity name, type): HTML read as plain text (`<b>Python</b> &amp; R` → `Python & R`),
 * non-breaking and other odd spaces → space, runs of whitespace (including line breaks) → one space, trimmed.
 * Returns null for an empty result.
 */
export function cleanLine(text: string): string | null {
  if (!needsWork(text, false)) return text === '' ? null : text;
  const t = plain(text).replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * Cleans a multi-line field (description, reflection): HTML read as plain text with its line structure
 * (paragraphs, `<br>`, list items `- …`; see {@link htmlToText}), line breaks kept (CRLF/CR → LF), spaces within a
 * line collapsed, trailing spaces and blank lines at the ends removed, three or more line breaks → two.
 * Returns null for an empty result.
 */
export function cleanText(text: string): string | null {
  if (!needsWork(text, true)) return text === '' ? null : text;
  text = plain(text);
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
  const t = text
    .replace(/[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return t === '' ? null : t;
}

/** True when {@link cleanLine} / {@link cleanText} read `text` as HTML (then the record keeps `text` in `raw`). */
export function isHtmlText(text: string): boolean {
  return mayHoldHtml(text) && htmlToText(text) !== undefined;
}

/**
 * True when a text field holds only a placeholder, so it is empty: a "no value" placeholder (`N/A`, `-`, `—`,
 * `null`, `None`, `undefined`, `NaN`, `#N/A`, `0000-00-00`; empty.ts) or a "not known yet" one (`TBC`, `TBA`, `?`).
 * The date and hours readers treat the same texts as no value (dates.ts, hours.ts).
 */
export function isPlaceholderText(text: string): boolean {
  return isEmptyValue(text) || isNotYetGiven(text);
}
