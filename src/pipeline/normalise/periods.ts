/**
 * Periods named rather than dated, read as the span they cover: ISO 8601 weeks (`2026-W14`, `W14 2026`, `week 14
 * 2026`) and school terms (`Autumn term 2026`, `Spring term`), for the date normaliser (dates.ts).
 *
 * Shapes: a {@link Period} is an ISO 8601 start and end (`YYYY-MM-DD` for a week, `YYYY-MM` for a term), their
 * precision and a note for the reviewer.
 *
 * Rules: an ISO week runs Monday to Sunday, week 1 being the week with the year's first Thursday (ISO 8601-1:2019
 * §3.2.10; the year's last week is 52 or 53). School terms are the English ones *(our choice: the months of the
 * terms as gov.uk "School term and holiday dates" lists them)*: autumn September–December, spring January–March,
 * summer April–July. A term without its year (`Spring term`, `end of summer term`) is relative to when it was
 * written, as `this term` is (relative.ts): no date. Pure functions; calendar arithmetic with `Date.UTC`, independent of the process time zone.
 */

/** A named period: its span and a note. */
export interface Period {
  start: string;
  end: string;
  precision: 'day' | 'month';
  note: string;
}

const ISO_WEEK_RE = /^(?:(\d{4})\s*-?\s*w\s*(\d{1,2})|(?:w|wk|week)\s*\.?\s*(\d{1,2})\s*[,/-]?\s*(?:of\s+)?(\d{4}))$/;
const TERM_RE = /^(autumn|spring|summer)\s+term(?:\s*[,-]?\s*(\d{4}))?$|^(\d{4})\s+(autumn|spring|summer)\s+term$/;
const TERM_MONTHS: Readonly<Record<string, [number, number]>> = { autumn: [9, 12], spring: [1, 3], summer: [4, 7] };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function human(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return `${DAYS[(d.getUTCDay() + 6) % 7]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Monday of ISO week 1 of `y` (the week holding 4 January), in ms since the epoch. */
function week1Monday(y: number): number {
  const jan4 = Date.UTC(y, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * 86_400_000;
}

/**
 * Reads a named period from a normalised (lower-case) date line. Returns the period, a failure reason (a week
 * the year does not have), `relative` for a term without its year, or undefined when the line names none.
 */
export function namedPeriod(line: string): Period | { reason: string } | { relative: true } | undefined {
  const w = ISO_WEEK_RE.exec(line);
  if (w !== null) {
    const y = Number(w[1] ?? w[4]);
    const n = Number(w[2] ?? w[3]);
    const weeks = (week1Monday(y + 1) - week1Monday(y)) / (7 * 86_400_000);
    if (y < 1900 || y > 2099) return { reason: `${y} is outside 1900–2099` };
    if (n < 1 || n > weeks) return { reason: `${y} has weeks 1 to ${weeks}, not week ${n}` };
    const mon = week1Monday(y) + (n - 1) * 7 * 86_400_000;
    const start = iso(mon);
    const end = iso(mon + 6 * 86_400_000);
    return { start, end, precision: 'day', note: `ISO week ${n} of ${y}: ${human(start)} to ${human(end)}; the day is not given, so the whole week is recorded` };
  }
  const t = TERM_RE.exec(line);
  if (t !== null) {
    const name = (t[1] ?? t[4])!;
    const written = t[2] ?? t[3];
    const [m1, m2] = TERM_MONTHS[name]!;
    if (written === undefined) return { relative: true };
    const y = Number(written);
    if (y < 1900 || y > 2099) return { reason: `${y} is outside 1900–2099` };
    return {
      start: `${y}-${String(m1).padStart(2, '0')}`,
      end: `${y}-${String(m2).padStart(2, '0')}`,
      precision: 'month',
      note: `the ${name} term ${y} read as ${MONTHS[m1 - 1]}–${MONTHS[m2 - 1]} ${y} (English school terms); the days are not given`,
    };
  }
  return undefined;
}

/** A year of dates that starts on `start` (`MM-DD`) in calendar year `year`; `label` says which, for messages. */
export interface YearSpan {
  year: number;
  start: string;
  label: string;
}

/** Kinds of named year, by the words that name them, with the day each starts (`MM-DD`). */
const KINDS: ReadonlyArray<{ re: RegExp; start: string; what: string }> = [
  { re: /\btax[\s-]+year\b/i, start: '04-06', what: 'tax year' },
  { re: /\b(?:financial[\s-]+year|fiscal[\s-]+year)\b|\bfy(?![a-z])/i, start: '04-01', what: 'financial year' },
  { re: /\b(?:academic|school|teaching)[\s-]+year\b|\bay(?![a-z])/i, start: '09-01', what: 'academic year' },
];

/** A year range right after the name of the year: "2024-25", "2024/25", "2024–2025", "24/25", or "FY26" (ending 2026). */
const YEARS_RE = /(?:^|[^\d])((?:19|20)\d\d|\d\d)\s*[-/–]\s*((?:19|20)?\d\d)(?!\d)/;
const FY_SHORT_RE = /\bfy\s*'?(\d\d|(?:19|20)\d\d)\b(?!\s*[-/–]\s*\d)/i;

/** The first calendar year of a two-part year range: `2024`, `25` → 2024; null when the parts are not consecutive. */
function firstOf(a: string, b: string): number | null {
  const y1 = a.length === 2 ? 2000 + Number(a) : Number(a);
  const y2 = b.length === 2 ? y1 - (y1 % 100) + Number(b) : Number(b);
  return y2 === y1 + 1 ? y1 : null;
}

/** `04-06` → `6 April`. */
export function dayName(mmdd: string): string {
  return `${Number(mmdd.slice(3))} ${MONTHS[Number(mmdd.slice(0, 2)) - 1] ?? mmdd}`;
}

/**
 * A tax, financial or academic year named with its years (`FY2024-25`, `Tax year 2024/25`, `2025/26 academic year`,
 * `FY26`), or undefined; years.ts `yearSpanOf` gives where the rules come from.
 */
export function namedYear(text: string): YearSpan | undefined {
  for (const k of KINDS) {
    const named = k.re.exec(text);
    if (named === null) continue;
    const after = text.slice(named.index);
    const before = text.slice(Math.max(0, named.index - 12), named.index + named[0].length);
    const yr = YEARS_RE.exec(after) ?? YEARS_RE.exec(before);
    if (yr !== null) {
      const y = firstOf(yr[1]!, yr[2]!);
      if (y !== null) return { year: y, start: k.start, label: `the ${k.what} ${y}–${String(y + 1).slice(2)} (from ${dayName(k.start)})` };
    }
    if (k.what === 'financial year') {
      const fy = FY_SHORT_RE.exec(text);
      if (fy !== null) {
        const end = fy[1]!.length === 2 ? 2000 + Number(fy[1]) : Number(fy[1]);
        return { year: end - 1, start: k.start, label: `the financial year ${end - 1}–${String(end).slice(2)} (FY${fy[1]}, from ${dayName(k.start)})` };
      }
    }
  }
  return undefined;
}

/** A quarter or half of a named financial year: `Q1 FY28`, `H1 FY28`, `FY28 Q3`, `Q2 FY2027/28`. */
const FY_PART_RE = /^(?:([qh])([1-4])\s*[-/,]?\s*(fy\s*'?\d{2,4}(?:\s*[-/–]\s*\d{2,4})?)|(fy\s*'?\d{2,4}(?:\s*[-/–]\s*\d{2,4})?)\s*[-/,]?\s*([qh])([1-4]))$/;

/**
 * Reads a quarter or half of a financial year from a normalised (lower-case) date line, as plans dated by a
 * company's year write their targets ("Q1 FY28", "H2 FY28"; trial 8). The year is read as {@link namedYear} reads
 * it (FY28: the year ending in 2028); it starts on `given.start` when the title or sheet defined the same year
 * (`given.year` equal: "our financial year runs 1 April 2027 – 31 March 2028"), else on 1 April (the UK financial
 * year, docs/domain/CPD.md §7), said in the note. Returns the span in months (`YYYY-MM`), a failure reason (Q5, H3),
 * or undefined when the line names no such part.
 */
export function financialYearPart(line: string, given?: { year: number; start: string }): Period | { reason: string } | undefined {
  const m = FY_PART_RE.exec(line);
  if (m === null) return undefined;
  const kind = (m[1] ?? m[5])!;
  const n = Number(m[2] ?? m[6]);
  const fy = namedYear((m[3] ?? m[4])!);
  if (fy === undefined) return undefined;
  if (kind === 'h' && n > 2) return { reason: `a financial year has two halves, not H${n}` };
  const defined = given !== undefined && given.year === fy.year;
  const start = defined ? given.start : fy.start;
  const months = kind === 'q' ? 3 : 6;
  const first = Number(start.slice(0, 2)) - 1 + (n - 1) * months;
  const month = (k: number): string => `${fy.year + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  const from = month(first);
  const to = month(first + months - 1);
  const part = kind === 'q' ? `quarter ${n}` : `half ${n}`;
  const why = defined ? 'as the title defines the year' : `the financial year taken to start on ${dayName(start)}`;
  return { start: from, end: to, precision: 'month', note: `${line.toUpperCase()} read as ${part} of the year from ${dayName(start)} ${fy.year}: ${MONTHS[Number(from.slice(5)) - 1]} ${from.slice(0, 4)} – ${MONTHS[Number(to.slice(5)) - 1]} ${to.slice(0, 4)} (${why})` };
}
