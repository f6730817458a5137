/**
 * A duration written as several parts, or in words: the terms of an hours cell that the single-value forms of
 * hours.ts do not read. Members write time as they would say it:
 * - sums: `1.5 + 2`, `45 mins + 30 mins Q&A`, `1 hour plus 1 hour preparation`, and parts side by side in any of
 *   the languages hours.ts knows (`1 awr 15 munud`: Welsh, 1 hour 15 minutes);
 * - products: `2 x 45 min`, `20 min x 3`, `3 x 1hr sessions`;
 * - number words: `two and a half hours`, `an hour and a half`, `three quarters of an hour`, `forty-five minutes`,
 *   Welsh `dwy awr a hanner` (two and a half hours), `hanner awr` (half an hour), Irish `uair go leith` (an hour and
 *   a half), `dhá uair` (two hours), `leathuair` (half an hour);
 * - minutes written with a prime, as sports and broadcast logs do: `90'` (and seconds `30"`).
 * Words after a term's unit that are no number or unit (`sessions`, `Q&A`, `preparation`) are a remark: returned in
 * `ignored` so the caller notes them — in a text with digits only (`Half day first aid course` is a title). Words that make the text a rate or a choice (`per`, `each week`, `or`, `to`)
 * or words before the first number make it no duration: `undefined`.
 *
 * Shape: {@link readTerms} returns terms `{ count, qty, unit }` — `qty` of `unit` (a unit word as written, or
 * undefined for a bare number), `count` times — for hours.ts to convert and add (units, conversions and their gaps
 * stay there). Words: English; Welsh awr / oriau (hour), munud (minute), diwrnod (day), hanner (half), chwarter
 * (quarter), the numbers un … deg with their feminine and mutated forms; Irish uair / huaire (hour), nóiméad
 * (minute), lá (day), go leith (and a half), leath (half), the numbers aon … deich (Geiriadur Prifysgol Cymru;
 * Ó Dónaill, Foclóir Gaeilge–Béarla). Pure functions.
 */

/** One term: `count` × `qty` of `unit` (a unit word as written, or undefined for a bare number). */
export interface DurationTerm {
  count: number;
  qty: number;
  unit?: string;
}

/** The terms of a duration and the remark passed over at its end (`Q&A`, `sessions`), if any. */
export interface DurationTerms {
  terms: DurationTerm[];
  ignored: string[];
}

/** Number words (English, Welsh, Irish). */
const NUMBER_WORDS = new Map<string, number>([
  ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['fifteen', 15], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['ninety', 90],
  // Welsh (with the soft and feminine forms used before awr and munud)
  ['un', 1], ['dau', 2], ['dwy', 2], ['ddwy', 2], ['tri', 3], ['tair', 3], ['pedwar', 4], ['pedair', 4], ['pum', 5], ['pump', 5],
  ['chwe', 6], ['chwech', 6], ['saith', 7], ['wyth', 8], ['naw', 9], ['deg', 10], ['ugain', 20], ['deugain', 40],
  // Irish
  ['aon', 1], ['dhá', 2], ['dá', 2], ['trí', 3], ['ceithre', 4], ['cúig', 5], ['sé', 6], ['seacht', 7], ['ocht', 8], ['naoi', 9],
  ['deich', 10], ['fiche', 20], ['tríocha', 30], ['daichead', 40],
]);

/** Fraction words: alone they are that fraction (`half an hour`), after a count they multiply it (`three quarters`). */
const FRACTION_WORDS = new Map<string, number>([
  ['half', 0.5], ['quarter', 0.25], ['quarters', 0.25], ['third', 1 / 3], ['thirds', 1 / 3],
  ['hanner', 0.5], ['chwarter', 0.25], ['leath', 0.5],
]);

/** "and a half" after a number or a unit: Welsh `a hanner`, Irish `go leith`. Longest first. */
const AND_FRACTION: ReadonlyArray<[string[], number]> = [
  [['and', 'a', 'half'], 0.5], [['and', 'a', 'quarter'], 0.25], [['and', 'three', 'quarters'], 0.75],
  [['a', 'hanner'], 0.5], [['a', 'chwarter'], 0.25], [['go', 'leith'], 0.5],
];

/** Words that are a whole duration by themselves: Irish `leathuair` (half an hour). */
const WHOLE_WORDS = new Map<string, DurationTerm>([['leathuair', { count: 1, qty: 0.5, unit: 'hour' }]]);

/** Unit words that stand for one of themselves without a number (`uair go leith`, `hour and a half`). */
const SINGULAR_UNITS = new Set(['hour', 'awr', 'uair', 'day', 'diwrnod', 'lá', 'minute', 'munud']);

/** Words linking a unit to a fraction before it or a count to a unit: "half *an* hour", "quarter *of an* hour". */
const LINK_WORDS = new Set(['a', 'an', 'of']);

/** Words that make a text a rate, a range or a choice rather than one duration. */
const REFUSE_WORDS = new Set(['=', '/', 'per', 'every', 'each', 'weekly', 'daily', 'monthly', 'or', 'to', 'between', 'week', 'month', 'year']);

/** Words joining two terms of a sum (Welsh `a` is "and"). */
const PLUS_WORDS = new Set(['+', 'plus', 'and', '&', ',', 'a']);

const TOKEN_RE = /\d+(?:[.,]\d+)?|\p{L}+(?:-\p{L}+)*|[^\s\p{L}\d]/gu;

/** Irish forms of the hour (initial mutations, plural), minute and day, as the unit word hours.ts knows. */
const UNIT_ALIASES = new Map<string, string>([
  ['uair', 'hour'], ['huaire', 'hour'], ['uaire', 'hour'], ['n-uaire', 'hour'],
  ['nóiméad', 'minute'], ['noiméad', 'minute'], ['nóiméid', 'minute'], ['lá', 'day'],
]);

const TIMES = new Set(['x', '×', '*']);

/**
 * Reads the terms of `text` (lower case). `isUnit(word)` says whether a word is a unit hours.ts reads (`hrs`,
 * `awr`, `days`, `cpe`…). Returns undefined when the text is no duration of these forms.
 */
export function readTerms(text: string, isUnit: (word: string) => boolean): DurationTerms | undefined {
  const toks: string[] = [];
  const at: number[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    // The point of an abbreviated unit ("3 Std. 30 Min.") is no token of its own.
    if (m[0] === '.' && /\p{L}$/u.test(toks[toks.length - 1] ?? '')) continue;
    toks.push(m[0]);
    at.push(m.index);
  }
  const unitOf = (w: string | undefined): string | undefined => {
    if (w === undefined) return undefined;
    if (w === "'" || w === '’' || w === '′') return 'minutes';
    if (w === '"' || w === '″') return 'seconds';
    return UNIT_ALIASES.get(w) ?? (isUnit(w) ? w : undefined);
  };
  const terms: DurationTerm[] = [];
  let i = 0;
  /** A quantity (digits or number words, with a fraction word) at `i`, advancing past it; undefined when none. */
  const quantity = (): number | undefined => {
    const t = toks[i];
    if (t === undefined) return undefined;
    if (/^\d/.test(t)) {
      i++;
      return Number(t.replace(',', '.'));
    }
    let q: number | undefined;
    const parts = t.split('-');
    if (parts.every((p) => NUMBER_WORDS.has(p))) {
      q = parts.reduce((sum, p) => sum + NUMBER_WORDS.get(p)!, 0);
      // "a" / "an" count one only before a unit or a fraction ("an hour", "a half"), not in a remark ("Q&A")
      const next = toks[i + 1];
      if ((t === 'a' || t === 'an') && !(unitOf(next) !== undefined || (next !== undefined && FRACTION_WORDS.has(next)))) return undefined;
      i++;
      const units = toks[i] === undefined ? undefined : NUMBER_WORDS.get(toks[i]!);
      if (q >= 20 && q % 10 === 0 && units !== undefined && units < 10 && toks[i] !== 'a' && toks[i] !== 'an') {
        q += units; // "twenty five"
        i++;
      }
    }
    const f = toks[i] === undefined ? undefined : FRACTION_WORDS.get(toks[i]!);
    if (f !== undefined) {
      // "half an hour" 0.5; "a half" 0.5; "three quarters" 0.75
      q = (q === undefined || t === 'a' || t === 'an' ? 1 : q) * f;
      i++;
    }
    return q;
  };
  const andFraction = (): number => {
    for (const [words, v] of AND_FRACTION) {
      if (words.every((w, k) => toks[i + k] === w)) {
        i += words.length;
        return v;
      }
    }
    return 0;
  };
  let remarkFrom = -1;
  /** The term being read follows a joiner ("+", "plus", "and"). */
  let joined = false;
  while (i < toks.length) {
    const t = toks[i]!;
    const whole = WHOLE_WORDS.get(t);
    if (whole !== undefined) {
      if (remarkFrom >= 0) return undefined;
      terms.push({ ...whole });
      i++;
      continue;
    }
    if (PUNCT_RE.test(t) && remarkFrom < 0) {
      // a full stop between two numbers ("1.5.2") is no separator
      if (t === '.' && /^\d/.test(toks[i + 1] ?? '')) return undefined;
      i++;
      continue;
    }
    let count = 1;
    let qty = quantity();
    // "3 x 1hr", "2 × 45 min": a count of sessions first
    if (qty !== undefined && TIMES.has(toks[i] ?? '') && Number.isInteger(qty)) {
      i++;
      count = qty;
      qty = quantity();
      if (qty === undefined) return undefined;
    }
    if (qty === undefined && SINGULAR_UNITS.has(unitOf(t) ?? '')) qty = 1;
    if (qty === undefined) {
      // A remark after a term with a unit ("sessions", "Q&A", "preparation"); a rate or a choice is no duration,
      // and words before any number, or after a bare number ("1 morning"), make the text no duration of these forms.
      // (A text in words only takes no remark: "Half day first aid course" is a title, not a duration.)
      const last = terms[terms.length - 1];
      if (last === undefined || last.unit === undefined || REFUSE_WORDS.has(t) || !/\d/.test(text)) return undefined;
      if (remarkFrom < 0) remarkFrom = i;
      i++;
      continue;
    }
    // a number after a remark ("1 hour = 1 CPE", "2 hours with 1 hour break") makes it no plain sum
    if (remarkFrom >= 0) return undefined;
    // parts side by side with no joiner ("1 awr 15 munud") each name their unit, or follow hours as minutes
    if (terms.length > 0 && !joined && terms[terms.length - 1]!.unit === undefined) return undefined;
    qty += andFraction();
    let j = i;
    while (toks[j] !== undefined && LINK_WORDS.has(toks[j]!)) j++;
    if (j > i && unitOf(toks[j]) !== undefined) i = j; // "half an hour", "three quarters of an hour"
    let unit = unitOf(toks[i]);
    if (unit === undefined && SINGULAR_UNITS.has(unitOf(t) ?? '')) unit = unitOf(t); // "uair go leith": the unit came first
    else if (unit !== undefined) i++;
    if (unit !== undefined) {
      qty += andFraction();
      // "20 min x 3": a count of sessions after
      if (TIMES.has(toks[i] ?? '') && /^\d+$/.test(toks[i + 1] ?? '')) {
        count *= Number(toks[i + 1]);
        i += 2;
      }
    } else {
      // "1 awr 15": a bare number after hours is minutes, as in "1h 30"
      const prev = terms[terms.length - 1];
      if (prev !== undefined && prev.unit !== undefined && HOUR_WORDS.has(prev.unit) && /^\d+$/.test(t) && qty < 60) unit = 'minutes';
    }
    if (!Number.isFinite(qty) || count <= 0 || count > 50) return undefined;
    if (unit === undefined && terms.length > 0 && !joined) return undefined;
    terms.push(unit === undefined ? { count, qty } : { count, qty, unit });
    joined = false;
    // "+", "plus", "and", "&", ",": joins the next term when one follows (otherwise it is part of a remark)
    if (PLUS_WORDS.has(toks[i] ?? '')) {
      const save = i;
      i++;
      const starts = WHOLE_WORDS.has(toks[i] ?? '') || quantity() !== undefined;
      i = starts ? save + 1 : save;
      joined = starts;
      if (!starts && toks[i] === '+') return undefined;
    }
  }
  if (terms.length === 0) return undefined;
  return { terms, ignored: remarkFrom >= 0 ? [text.slice(at[remarkFrom]!).trim()] : [] };
}

/** Punctuation passed over between terms (a full stop after a unit, brackets). */
const PUNCT_RE = /^[.;:!?()[\]]$/;

/** Unit words of hours, after which a bare number is minutes ("1 awr 15"). */
const HOUR_WORDS = new Set(['h', 'hr', 'hrs', 'hour', 'hours', 'awr', 'oriau']);
