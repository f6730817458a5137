/**
 * UK-SPEC competence codes from the many ways members write them.
 *
 * Source: UK-SPEC 4th edition (2020) codes A1–E5, CPD.md §4 ("Members write codes as `A1, B2`, `A1/B2`, `C1-C3`,
 * `E4 (CPD)`, or as titles. Codes outside A1–E5 are flagged, not dropped").
 */
import { isUkSpecCode, UKSPEC_COMPETENCES } from '../../domain/index.js';

/** Parsed codes: known ones (in source order, deduplicated) and unknown ones (kept as written, for a gap). */
export interface UkSpecParse {
  codes: string[];
  unknown: string[];
}

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
export function parseUkSpec(text: string): UkSpecParse {
  const codes: string[] = [];
  const unknown: string[] = [];
  const add = (code: string): void => {
    if (isUkSpecCode(code)) {
      if (!codes.includes(code)) codes.push(code);
    } else if (!unknown.includes(code)) unknown.push(code);
  };
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
  if (codes.length === 0 && unknown.length === 0) {
    for (const [re, code] of TITLE_HINTS) if (re.test(text) && !codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** The UK-SPEC title of a code, or undefined for an unknown code. */
export function ukSpecTitle(code: string): string | undefined {
  return UKSPEC_COMPETENCES[code];
}
