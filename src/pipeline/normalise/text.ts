/**
 * Text clean-up for record fields.
 */

/**
 * Cleans a single-line field (activity name, type): non-breaking and other odd spaces → space, runs of
 * whitespace (including line breaks) → one space, trimmed. Returns null for an empty result.
 */
export function cleanLine(text: string): string | null {
  const t = text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * Cleans a multi-line field (description, reflection): line breaks kept (CRLF/CR → LF), spaces within a line
 * collapsed, trailing spaces and blank lines at the ends removed, three or more line breaks → two.
 * Returns null for an empty result.
 */
export function cleanText(text: string): string | null {
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
