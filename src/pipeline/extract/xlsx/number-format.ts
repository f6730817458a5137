/**
 * Excel number formats and serial dates (docs/DESIGN.md §1 "extract", XLSX): classifies a format code as a date,
 * time or plain number and renders a serial number the way Excel displays it. Pure integer arithmetic (no JS Date),
 * so results never depend on TZ. Used by the XLSX cell conversion (cells.ts); the public functions are re-exported
 * by index.ts for tests.
 */

/** How a number format shows a number: a calendar date, a time of day / duration, or a plain number. */
export type NumFmtKind = 'date' | 'time' | 'number';

/**
 * Classifies an Excel number format code: `date` when it has a year, month or day token (`d`, `m` not next to
 * `h`/`s`, `y`), `time` when it has only hour/minute/second tokens (`h:mm`, `[h]:mm`, `mm:ss`, `hh:mm:ss`,
 * `h:mm AM/PM`), otherwise `number` (`General`, `0.00`, `#,##0`). Quoted text, `\x` escapes, `[colour]` and
 * `[$-locale]` tags are ignored; only the first `;` section counts.
 */
export function numFmtKind(fmt: string): NumFmtKind {
  const k = compiledFormat(fmt).kind;
  return k === KIND_DATE ? 'date' : k === KIND_TIME ? 'time' : 'number';
}

/**
 * The calendar date and time of day of an Excel serial number (days), or `null` when the serial is no calendar
 * date: negative, 0 in the 1900 system (Excel shows 00/01/1900), 60 in the 1900 system (Excel's fictitious
 * 29 Feb 1900, a Lotus 1-2-3 bug), or past 9999-12-31.
 * 1900 system: serial 1 = 1900-01-01, serial 61 = 1900-03-01. 1904 system: serial 0 = 1904-01-01.
 * The time is rounded to the nearest second; `time` is `HH:MM` and left out at 00:00.
 * Pure integer arithmetic: the result never depends on the TZ environment variable.
 */
export function serialToDate(serial: number, date1904: boolean): { date: string; time?: string } | null {
  const p = serialParts(serial, date1904, 1);
  if (!p.valid) return null;
  const date = isoDate(p.y, p.mo, p.d);
  return p.h === 0 && p.mi === 0 ? { date } : { date, time: `${pad2(p.h)}:${pad2(p.mi)}` };
}

/**
 * Formats a serial number with a date/time format code as Excel would display it (`dd/mm/yyyy` → `03/04/2024`,
 * `[h]:mm` → `1:30`, `mmmm d, yyyy` → `March 3, 2017`). Month and day names are English. A format that is no
 * date/time format gives `String(serial)` (binary noise cut: 0.1 + 0.2 → `0.3`).
 */
export function formatSerial(serial: number, fmt: string, date1904: boolean): string {
  const f = compiledFormat(fmt);
  return f.kind === KIND_NUMBER ? numberText(serial) : renderSerial(f, serial, date1904);
}

/** Kinds of a compiled format: a plain number, a calendar date, a time of day / duration. */
export const KIND_NUMBER = 0;
export const KIND_DATE = 1;
export const KIND_TIME = 2;

// Token kinds of a compiled format.
const T_LIT = 0;
const T_YEAR = 1;
const T_MONTH = 2;
const T_DAY = 3;
const T_HOUR = 4;
const T_MINUTE = 5;
const T_SECOND = 6;
const T_FRAC = 7;
const T_EL_H = 8;
const T_EL_M = 9;
const T_EL_S = 10;
const T_AMPM = 11;
const T_M_OR_MIN = 12;

interface FmtToken {
  t: number;
  /** Run length (`yyyy` → 4), fraction digits for T_FRAC. */
  n: number;
  /** Literal text (T_LIT) or the AM/PM token as written (T_AMPM). */
  s: string;
}

/** A number format code compiled once: its kind and display tokens (see {@link compiledFormat}). */
export interface CompiledFormat {
  kind: number;
  toks: FmtToken[];
  /** 10^fraction-of-second digits (1 when none). */
  scale: number;
  h12: boolean;
  /** `General` (or no digits shown differently): the number's `numFmt` is left out. */
  general: boolean;
}

/**
 * exceljs's strings for two locale-dependent built-in formats, shown the way UK Excel shows them: id 14 (the short
 * date, exceljs `mm-dd-yy`, also what exceljs writes for a JS Date) and id 22 (exceljs `m/d/yy "h":mm`).
 */
const RENDER_AS: Readonly<Record<string, string>> = {
  'mm-dd-yy': 'dd/mm/yyyy',
  'm/d/yy "h":mm': 'dd/mm/yyyy hh:mm',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Compiled formats by code; formats are few per workbook, the cache is cleared when it grows past 2000. */
const FORMAT_CACHE = new Map<string, CompiledFormat>();

/** The compiled form of a number format code (first `;` section), from a cache keyed by the code. */
export function compiledFormat(fmt: string): CompiledFormat {
  let c = FORMAT_CACHE.get(fmt);
  if (c === undefined) {
    if (FORMAT_CACHE.size > 2000) FORMAT_CACHE.clear();
    c = compileFormat(fmt);
    FORMAT_CACHE.set(fmt, c);
  }
  return c;
}

/** The first `;` section of a format code (outside quotes and brackets). */
function firstSection(fmt: string): string {
  let q = false;
  let b = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '\\' && !q) i++;
    else if (ch === '"') q = !q;
    else if (!q && ch === '[') b = true;
    else if (!q && ch === ']') b = false;
    else if (!q && !b && ch === ';') return fmt.slice(0, i);
  }
  return fmt;
}

function compileFormat(fmt: string): CompiledFormat {
  const src = firstSection(RENDER_AS[fmt] ?? fmt);
  const toks: FmtToken[] = [];
  const lit = (s: string): void => {
    const last = toks[toks.length - 1];
    if (last !== undefined && last.t === T_LIT) last.s += s;
    else toks.push({ t: T_LIT, n: 0, s });
  };
  let general = src.trim().toLowerCase() === 'general';
  for (let i = 0; i < src.length; ) {
    const ch = src[i] as string;
    const lo = ch.toLowerCase();
    if (ch === '"') {
      const j = src.indexOf('"', i + 1);
      const end = j < 0 ? src.length : j;
      lit(src.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '\\') {
      lit(src[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      lit(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2;
    } else if (ch === '[') {
      const j = src.indexOf(']', i + 1);
      const end = j < 0 ? src.length : j;
      const inner = src.slice(i + 1, end);
      const low = inner.toLowerCase();
      if (/^h+$/.test(low)) toks.push({ t: T_EL_H, n: inner.length, s: '' });
      else if (/^m+$/.test(low)) toks.push({ t: T_EL_M, n: inner.length, s: '' });
      else if (/^s+$/.test(low)) toks.push({ t: T_EL_S, n: inner.length, s: '' });
      else if (inner.startsWith('$')) {
        const dash = inner.indexOf('-');
        lit(inner.slice(1, dash < 0 ? undefined : dash));
      }
      i = end + 1;
    } else if (lo === 'g' && src.slice(i, i + 7).toLowerCase() === 'general') {
      general = true;
      i += 7;
    } else if (lo === 'a' && src.slice(i, i + 5).toLowerCase() === 'am/pm') {
      toks.push({ t: T_AMPM, n: 5, s: src.slice(i, i + 5) });
      i += 5;
    } else if (lo === 'a' && src.slice(i, i + 3).toLowerCase() === 'a/p') {
      toks.push({ t: T_AMPM, n: 3, s: src.slice(i, i + 3) });
      i += 3;
    } else if (lo === 'e' && (src[i + 1] === '+' || src[i + 1] === '-')) {
      i += 2; // scientific notation
    } else if (lo === 'y' || lo === 'e' || lo === 'm' || lo === 'd' || lo === 'h' || lo === 's') {
      let n = 1;
      while (i + n < src.length && (src[i + n] as string).toLowerCase() === lo) n++;
      const t = lo === 'y' || lo === 'e' ? T_YEAR : lo === 'm' ? T_M_OR_MIN : lo === 'd' ? T_DAY : lo === 'h' ? T_HOUR : T_SECOND;
      toks.push({ t, n: lo === 'e' ? 4 : n, s: '' });
      i += n;
    } else if (ch === '.' && src[i + 1] === '0' && lastNonLit(toks, toks.length)?.t === T_SECOND) {
      let n = 0;
      while (src[i + 1 + n] === '0') n++;
      toks.push({ t: T_FRAC, n: Math.min(n, 3), s: '' });
      i += 1 + n;
    } else if (ch === '0' || ch === '#' || ch === '?' || ch === '@') {
      i++;
    } else {
      lit(ch);
      i++;
    }
  }
  // m / mm: minutes right after an hour or right before a second, else month (Excel's rule).
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k] as FmtToken;
    if (tok.t !== T_M_OR_MIN) continue;
    if (tok.n > 2) {
      tok.t = T_MONTH;
      continue;
    }
    const prev = lastNonLit(toks, k);
    const next = nextNonLit(toks, k);
    const minute =
      (prev !== undefined && (prev.t === T_HOUR || prev.t === T_EL_H)) ||
      (next !== undefined && (next.t === T_SECOND || next.t === T_EL_S));
    tok.t = minute ? T_MINUTE : T_MONTH;
  }
  let kind = KIND_NUMBER;
  let scale = 1;
  let h12 = false;
  for (const tok of toks) {
    if (tok.t === T_YEAR || tok.t === T_MONTH || tok.t === T_DAY) kind = KIND_DATE;
    else if (tok.t !== T_LIT && tok.t !== T_AMPM && kind === KIND_NUMBER) kind = KIND_TIME;
    if (tok.t === T_FRAC) scale = 10 ** tok.n;
    if (tok.t === T_AMPM) h12 = true;
  }
  return { kind, toks, scale, h12, general };
}

function lastNonLit(toks: readonly FmtToken[], before: number): FmtToken | undefined {
  for (let k = before - 1; k >= 0; k--) {
    const t = toks[k] as FmtToken;
    if (t.t !== T_LIT) return t;
  }
  return undefined;
}

function nextNonLit(toks: readonly FmtToken[], after: number): FmtToken | undefined {
  for (let k = after + 1; k < toks.length; k++) {
    const t = toks[k] as FmtToken;
    if (t.t !== T_LIT) return t;
  }
  return undefined;
}

/** Date/time parts of a serial (one scratch object: the conversion is synchronous). */
export interface SerialParts {
  valid: boolean;
  negative: boolean;
  y: number;
  mo: number;
  d: number;
  /** Day of week, 0 = Sunday. */
  wd: number;
  h: number;
  mi: number;
  s: number;
  /** Fraction of a second in units of 1/scale. */
  frac: number;
  /** Whole seconds of the absolute value (elapsed-time formats). */
  totalSeconds: number;
}

const PARTS: SerialParts = { valid: false, negative: false, y: 0, mo: 0, d: 0, wd: 0, h: 0, mi: 0, s: 0, frac: 0, totalSeconds: 0 };

/** Unix day number of 1899-12-30 (1900 system, serials ≥ 61), 1899-12-31 (serials 1–59) and 1904-01-01. */
export const EPOCH_1900 = -25569;
const EPOCH_1900_EARLY = -25568;
export const EPOCH_1904 = -24107;
/** Unix day number of 9999-12-31. */
const MAX_UNIX_DAY = 2932896;

/**
 * The date/time parts of a serial in the given date system, fraction of a second in units of 1/`scale`; written into
 * one shared scratch object (valid until the next call). `valid` is false for serials that are no calendar date.
 */
export function serialParts(serial: number, date1904: boolean, scale: number): SerialParts {
  const p = PARTS;
  const negative = serial < 0;
  const perDay = 86400 * scale;
  const units = Math.round(Math.abs(serial) * perDay);
  const day = Math.floor(units / perDay);
  const rem = units - day * perDay;
  const sod = Math.floor(rem / scale);
  p.negative = negative;
  p.frac = rem - sod * scale;
  p.totalSeconds = Math.floor(units / scale);
  p.h = Math.floor(sod / 3600);
  p.mi = Math.floor((sod % 3600) / 60);
  p.s = sod % 60;
  p.valid = false;
  p.wd = 0;
  if (negative || !Number.isFinite(serial)) {
    p.y = 1900;
    p.mo = 1;
    p.d = 0;
    return p;
  }
  let unixDay: number;
  if (date1904) unixDay = day + EPOCH_1904;
  else if (day >= 61) unixDay = day + EPOCH_1900;
  else if (day >= 1 && day <= 59) unixDay = day + EPOCH_1900_EARLY;
  else {
    // 0 → 00/01/1900, 60 → 29/02/1900: what Excel shows, but no calendar date.
    p.y = 1900;
    p.mo = day === 0 ? 1 : 2;
    p.d = day === 0 ? 0 : 29;
    return p;
  }
  if (unixDay > MAX_UNIX_DAY) {
    p.y = 10000;
    p.mo = 1;
    p.d = 1;
    return p;
  }
  civilFromDays(unixDay, p);
  p.wd = (((unixDay + 4) % 7) + 7) % 7;
  p.valid = true;
  return p;
}

/** Howard Hinnant's days → civil date (proleptic Gregorian), written into `p`. */
function civilFromDays(days: number, p: SerialParts): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  p.d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  p.mo = mp < 10 ? mp + 3 : mp - 9;
  p.y = yoe + era * 400 + (p.mo <= 2 ? 1 : 0);
}

/** Two-digit zero-padded number (`7` → `07`). */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO 8601 date `YYYY-MM-DD` of a year, month (1–12) and day. */
export function isoDate(y: number, m: number, d: number): string {
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

/** A serial as a compiled date/time format displays it (see {@link formatSerial}). */
export function renderSerial(f: CompiledFormat, serial: number, date1904: boolean): string {
  return renderParts(f, serialParts(serial, date1904, f.scale), serial);
}

/** The display text of already computed serial parts under a compiled date/time format. */
export function renderParts(f: CompiledFormat, p: SerialParts, serial: number): string {
  if (f.kind === KIND_DATE && (p.negative || p.y > 9999)) return numberText(serial);
  let out = p.negative ? '-' : '';
  for (const tok of f.toks) {
    switch (tok.t) {
      case T_LIT:
        out += tok.s;
        break;
      case T_YEAR:
        out += tok.n <= 2 ? pad2(p.y % 100) : String(p.y);
        break;
      case T_MONTH:
        if (tok.n === 1) out += String(p.mo);
        else if (tok.n === 2) out += pad2(p.mo);
        else {
          const name = MONTHS[p.mo - 1] ?? '';
          out += tok.n === 3 ? name.slice(0, 3) : tok.n === 5 ? name.slice(0, 1) : name;
        }
        break;
      case T_DAY:
        if (tok.n === 1) out += String(p.d);
        else if (tok.n === 2) out += pad2(p.d);
        else {
          const name = DAYS[p.wd] ?? '';
          out += tok.n === 3 ? name.slice(0, 3) : name;
        }
        break;
      case T_HOUR: {
        const h = f.h12 ? p.h % 12 || 12 : p.h;
        out += tok.n >= 2 ? pad2(h) : String(h);
        break;
      }
      case T_MINUTE:
        out += tok.n >= 2 ? pad2(p.mi) : String(p.mi);
        break;
      case T_SECOND:
        out += tok.n >= 2 ? pad2(p.s) : String(p.s);
        break;
      case T_FRAC:
        out += '.' + String(p.frac).padStart(tok.n, '0');
        break;
      case T_EL_H: {
        const v = Math.floor(p.totalSeconds / 3600);
        out += String(v).padStart(tok.n, '0');
        break;
      }
      case T_EL_M: {
        const v = Math.floor(p.totalSeconds / 60);
        out += String(v).padStart(tok.n, '0');
        break;
      }
      case T_EL_S:
        out += String(p.totalSeconds).padStart(tok.n, '0');
        break;
      case T_AMPM: {
        const pm = p.h >= 12;
        if (tok.n === 5) {
          const upper = tok.s[0] === 'A' || tok.s[0] === 'P';
          const s = pm ? 'PM' : 'AM';
          out += upper ? s : s.toLowerCase();
        } else {
          const c = tok.s[0] ?? 'A';
          const s = pm ? 'P' : 'A';
          out += c === c.toUpperCase() ? s : s.toLowerCase();
        }
        break;
      }
    }
  }
  return out;
}

/** Text of a plain number: `String(value)`, with binary noise of sums cut (0.1 + 0.2 → `0.3`). */
export function numberText(v: number): string {
  const s = String(v);
  // At most 15 significant digits already (a string this short has no more): rounding to 15 changes nothing.
  if (s.length <= 15 || Number.isInteger(v) || !Number.isFinite(v)) return s;
  return String(Number(v.toPrecision(15)));
}
