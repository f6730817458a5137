/**
 * Text clean-up for record fields.
 */

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
  if (multiline) {
    if (text.indexOf('\n') !== -1 && (text.indexOf(' \n') !== -1 || text.indexOf('\n ') !== -1 || text.indexOf('\n\n\n') !== -1)) return true;
    // Long texts: only tabs and CR matter here (a stray no-break space in a reflection is harmless, and scanning
    // every reflection for them costs more than the rest of the clean-up).
    return text.indexOf('\t') !== -1 || text.indexOf('\r') !== -1;
  }
  if (text.indexOf('\n') !== -1) return true;
  return ODD_SPACE.test(text);
}

/**
 * Cleans a single-line field (activity name, type): non-breaking and other odd spaces → space, runs of
 * whitespace (including line breaks) → one space, trimmed. Returns null for an empty result.
 */
export function cleanLine(text: string): string | null {
  if (!needsWork(text, false)) return text === '' ? null : text;
  const t = text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * Cleans a multi-line field (description, reflection): line breaks kept (CRLF/CR → LF), spaces within a line
 * collapsed, trailing spaces and blank lines at the ends removed, three or more line breaks → two.
 * Returns null for an empty result.
 */
export function cleanText(text: string): string | null {
  if (!needsWork(text, true)) return text === '' ? null : text;
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
  const t = text
    .replace(/[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return t === '' ? null : t;
}

/** Placeholder texts that mean "nothing written" in a text field: `-`, `n/a`, `none`, `tbc`, `…`. */
const EMPTY_TEXT = /^(-+|–|—|n\/?a|none|nil|tbc|tba|\?+|\.+|…)$/i;

/** True when a text field holds only a placeholder such as `n/a` or `-`. */
export function isPlaceholderText(text: string): boolean {
  return EMPTY_TEXT.test(text.trim());
}
