/**
 * UK-SPEC competence codes from the many ways members write them.
 *
 * Source: UK-SPEC 4th edition (2020) codes A1–E5, docs/domain/CPD.md §4 ("Members write codes as `A1, B2`, `A1/B2`, `C1-C3`,
 * `E4 (CPD)`, or as titles. Codes outside A1–E5 are flagged, not dropped").
 */
import { isUkSpecCode, UKSPEC_COMPETENCES } from '../../domain/index.js';

/** Parsed codes: known ones (in source order, deduplicated) and unknown ones (kept as written, for a gap). */
export interface UkSpecParse {
  codes: string[];
  unknown: string[];
  /** Codes read from a look-alike character (`"Al"` → A1, a letter l for the digit 1), as `"Al" read as A1`. */
  readAs?: string[];
}

/** A code written with a look-alike for its digit 1, as a whole word: "Al", "AI", "A|" (scanners and typists). */
const LOOKALIKE_RE = /(?<![\w|])([A-Ea-e])([lI|])(?![\w|])/g;
/** What is left of a text once its codes are taken out, split into tokens. */
const LEFTOVER_SPLIT_RE = /[\s,;/&+()]+/;

const CODE_RE = /\b([A-Ea-e])\s?\.?\s?(\d{1,2})(?:\s*(?:-|–|—|to)\s*(?:([A-Ea-e])\s?\.?\s?)?(\d{1,2}))?\b/g;
const OTHER_CODE_RE = /\b([F-Zf-z])(\d{1,2})\b/g;

/** Title keywords → code, for members who write titles instead of codes (a few distinctive phrases only). */
const TITLE_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/\bcodes? of conduct\b/i, 'E1'],
  [/\bsafe systems? of work\b|\bhealth and safety\b/i, 'E2'],
  [/\bsustainab(le|ility)\b/i, 'E3'],
  [/\b(record|recording) (of )?cpd\b|\bcarry out and record cpd\b/i, 'E4'],
  [/\bethic(s|al)\b/i, 'E5'],
];

/**
 * Parses UK-SPEC codes: `"A1, B2"`, `"A1/B2"`, `"C1-C3"` (→ C1, C2, C3), `"E4 (CPD)"`, `"a2"`, `"B 3"`.
 * Codes with a letter A–E but a number outside the grid (`"C7"`), and letter-number codes with other letters
 * (`"F1"`), go to `unknown`. When no code is written, a few distinctive competence titles are recognised
 * (e.g. "Ethics" → E5).
 */
export function parseUkSpec(written: string): UkSpecParse {
  const codes: string[] = [];
  const unknown: string[] = [];
  const add = (code: string): void => {
    if (isUkSpecCode(code)) {
      if (!codes.includes(code)) codes.push(code);
    } else if (!unknown.includes(code)) unknown.push(code);
  };
  // A look-alike digit ("Al, E2": a letter l for the 1) is read as the digit, and said so (Word/PDF trial 2: the
  // code vanished without a gap).
  const readAs: string[] = [];
  const text = written.replace(LOOKALIKE_RE, (all: string, letter: string) => {
    const code = `${letter.toUpperCase()}1`;
    readAs.push(`"${all}" read as ${code}`);
    return code;
  });
  let m: RegExpExecArray | null;
  CODE_RE.lastIndex = 0;
  while ((m = CODE_RE.exec(text)) !== null) {
    const letter = m[1]!.toUpperCase();
    const from = Number(m[2]);
    const toLetter = m[3]?.toUpperCase();
    const to = m[4] === undefined ? undefined : Number(m[4]);
    if (to !== undefined && (toLetter === undefined || toLetter === letter) && to >= from && to - from <= 9) {
      for (let n = from; n <= to; n++) add(`${letter}${n}`);
    } else {
      add(`${letter}${from}`);
      if (to !== undefined) add(`${toLetter ?? letter}${to}`);
    }
  }
  OTHER_CODE_RE.lastIndex = 0;
  while ((m = OTHER_CODE_RE.exec(text)) !== null) add(`${m[1]!.toUpperCase()}${m[2]}`);
  // In a list of codes, a short token that looks like a code but is none ("A1, B?") is kept as unknown, so a gap
  // names it rather than it vanishing.
  if (codes.length + unknown.length > 0) {
    for (const token of text.replace(CODE_RE, ' ').replace(OTHER_CODE_RE, ' ').split(LEFTOVER_SPLIT_RE)) {
      const t = token.trim();
      if (/^[A-Ea-e][\w?]?$/.test(t) && !unknown.includes(t)) unknown.push(t);
    }
  }
  if (codes.length === 0 && unknown.length === 0) {
    for (const [re, code] of TITLE_HINTS) if (re.test(text) && !codes.includes(code)) codes.push(code);
  }
  return readAs.length > 0 ? { codes, unknown, readAs } : { codes, unknown };
}

/** The UK-SPEC title of a code, or undefined for an unknown code. */
export function ukSpecTitle(code: string): string | undefined {
  return UKSPEC_COMPETENCES[code];
}
