/**
 * CSV / TSV extraction (docs/DESIGN.md §1 "extract"): bytes → text (our own encoding sniffing) → rows of string cells.
 *
 * - Encoding is decided here, never by papaparse (docs/DESIGN.md §5 trap: papaparse reads Windows-1252 as UTF-8 silently).
 * - Parsing is papaparse 5.7's synchronous string parser in array mode (no header mode: the mapper finds the header),
 *   with the delimiter and the record newline chosen by us from unquoted text.
 * - Nothing here builds objects keyed by header text (hostile headings like `__proto__` stay plain array strings).
 * - Data problems (ragged rows, unbalanced quotes) are file-level `truncated` gaps; the data is kept.
 */
import Papa from 'papaparse';
import { ImportError, gap, type Gap } from '../../domain/index.js';
import { cellText, MAX_TEXT_CHARS, type Cell, type ExtractedRow, type ExtractedTable, type Extraction } from '../types.js';
import { blocksFromParas, datedLine, type BlockResult, type Para } from './blocks.js';

/** Options for {@link extractCsv}. `fileName` names the single table returned (and appears in gap messages). */
export interface CsvOptions {
  fileName: string;
}

/**
 * The encodings {@link decodeText} can return, by their WHATWG label (what `new TextDecoder(label)` accepts).
 * `shift_jis` is read only when the bytes are clearly Japanese Shift_JIS (see {@link sniffEncoding}).
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'shift_jis';

/** What {@link sniffEncoding} found: the encoding to decode with, and how it was decided (for messages). */
export interface EncodingGuess {
  encoding: TextEncodingName;
  /** `bom`: a byte-order mark; `nul-pattern`: UTF-16 without BOM (every other byte NUL); `valid`: strict UTF-8
   * decoding succeeded; `mixed`: mostly UTF-8 with a few stray bytes (read as Windows-1252 one by one);
   * `fallback`: not UTF-8, read with a legacy code page chosen by byte statistics. */
  how: 'bom' | 'nul-pattern' | 'valid' | 'mixed' | 'fallback';
}

const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true });

/** Bytes sampled for statistics (UTF-16 NUL pattern, legacy code-page choice). */
const SAMPLE_BYTES = 64 * 1024;

const UNREADABLE_ENCODING =
  'text in an encoding we cannot read reliably (not UTF-8, and its accented bytes do not look like Western European ' +
  'Windows-1252: probably a multi-byte East Asian or a non-Latin code page); save as UTF-8 CSV';

/**
 * Decides the text encoding of `bytes` without decoding the whole input twice where avoidable.
 *
 * Rules, in order:
 * 1. byte-order marks: UTF-8 `EF BB BF`, UTF-32 (`FF FE 00 00`, `00 00 FE FF` — refused), UTF-16 LE `FF FE`, BE `FE FF`;
 * 2. UTF-16 without BOM: in the first 64 KB, at least half of the odd (LE) / even (BE) bytes are NUL and
 *    almost none of the others are;
 * 3. strict UTF-8 (`TextDecoder('utf-8', { fatal: true })`; pure ASCII is UTF-8); when that fails but the file
 *    holds at least as many valid multi-byte UTF-8 sequences as invalid bytes, it is UTF-8 with stray legacy bytes
 *    (`how: 'mixed'`: e.g. a UTF-8 export later edited as "ANSI"), each stray byte read as Windows-1252;
 * 4. otherwise a legacy code page: Shift_JIS when strict Shift_JIS decoding succeeds and yields runs of kana/kanji
 *    (at least 2 CJK characters, at least half of them next to another one, few half-width katakana or other
 *    symbols); refused (ImportError `unsupported_format`) when most bytes ≥ 0x80 sit next to another such byte
 *    (multi-byte or non-Latin text that Windows-1252 would garble); else Windows-1252 (Western European text, where
 *    accented letters, `£`, curly quotes stand alone between ASCII letters).
 *
 * `partial`: the bytes are a prefix of the file (detection sniffing); a multi-byte sequence cut at the end is not an error.
 * Throws ImportError `unsupported_format` for UTF-32 and for unreadable legacy encodings.
 */
export function sniffEncoding(bytes: Uint8Array, partial = false): EncodingGuess {
  return sniff(bytes, partial, false);
}

/** {@link sniffEncoding}; `notUtf8`: strict UTF-8 decoding of these bytes is already known to fail. */
function sniff(bytes: Uint8Array, partial: boolean, notUtf8: boolean): EncodingGuess {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', how: 'bom' };
  if ((b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    throw new ImportError('unsupported_format', 'text in UTF-32, which we do not read; save as UTF-8 CSV');
  }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', how: 'bom' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', how: 'bom' };
  const nul = utf16NulPattern(bytes);
  if (nul) return { encoding: nul, how: 'nul-pattern' };
  if (!notUtf8 && isUtf8(bytes, partial)) return { encoding: 'utf-8', how: 'valid' };
  const st = utf8Stats(bytes);
  if (st.validMulti > 0 && st.validMulti >= st.invalid) return { encoding: 'utf-8', how: 'mixed' };
  return { encoding: legacyEncoding(bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES * 4))), how: 'fallback' };
}

/**
 * Decodes a whole CSV/text file to a string, BOM removed, in one `TextDecoder` call on the success path
 * (a 36 MB UTF-8 file decodes in one pass of strict UTF-8 decoding).
 *
 * Returns the text, the encoding used ({@link TextEncodingName}) and file-level `format` gaps:
 * - info "read as Windows-1252" when the file is not UTF-8 and was read as Western European text;
 * - warning "read as Shift_JIS" when the file was read as Japanese Shift_JIS (our choice: decode it, since
 *   the bytes are unambiguous, and ask the reviewer to check — instead of refusing it);
 * - info for UTF-16 found without a byte-order mark;
 * - warning when a file is UTF-8 (by its BOM, or by most of its non-ASCII bytes) except for a few stray bytes,
 *   which are read as Windows-1252 one by one (a UTF-8 export later edited as "ANSI").
 * Throws ImportError `unsupported_format` for UTF-32 and for legacy encodings we cannot tell apart reliably
 * (see {@link sniffEncoding}).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string; gaps: Gap[] } {
  const gaps: Gap[] = [];
  const b0 = bytes[0];
  const b1 = bytes[1];
  // Fast path first: most files are UTF-8 without BOM; strict decoding both validates and decodes.
  const hasUtf16Bom = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
  const hasUtf8Bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  let notUtf8 = false;
  if (!hasUtf16Bom && !(b0 === 0 && b1 === 0)) {
    const nul = hasUtf8Bom ? null : utf16NulPattern(bytes);
    if (!nul) {
      try {
        // TextDecoder strips a leading UTF-8 BOM by default (ignoreBOM: false).
        return { text: UTF8_FATAL.decode(bytes), encoding: 'utf-8', gaps };
      } catch {
        if (hasUtf8Bom) return decodeMixed(bytes, gaps);
        notUtf8 = true;
      }
    }
  }
  const guess = sniff(bytes, false, notUtf8);
  if (guess.how === 'mixed') return decodeMixed(bytes, gaps);
  const text = decodeBytes(bytes, guess.encoding);
  if (guess.how === 'nul-pattern') {
    gaps.push(gap(null, 'format', 'info', `text read as ${guess.encoding.toUpperCase()} (no byte-order mark; every other byte is NUL)`));
  } else if (guess.encoding === 'windows-1252') {
    gaps.push(gap(null, 'format', 'info', 'text is not UTF-8; read as Windows-1252 (Western European)'));
  } else if (guess.encoding === 'shift_jis') {
    gaps.push(
      gap(null, 'format', 'warning', 'text is not UTF-8; read as Shift_JIS (Japanese): check the characters came out right, or save the file as UTF-8 CSV'),
    );
  }
  return { text, encoding: guess.encoding, gaps };
}

/**
 * Windows-1252 characters of bytes 0x80–0x9F (the five undefined bytes stay as C1 controls, as in WHATWG).
 * Needed because Node 20's `TextDecoder('windows-1252')` DROPS these bytes (checked on Node 20.20:
 * `decode([0x41, 0x92, 0x42])` gives "AB"), losing €, curly quotes and dashes.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Decodes bytes with a {@link TextEncodingName}, dropping a leading BOM. Windows-1252 is decoded here (Latin-1 +
 * the 0x80–0x9F table) rather than by Node's TextDecoder, which loses those bytes. `partial`: the bytes are a prefix
 * of a longer file, a multi-byte sequence cut at the end is dropped instead of becoming U+FFFD.
 * Never throws (invalid sequences become U+FFFD).
 */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncodingName, partial = false): string {
  if (encoding === 'windows-1252') {
    const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
  }
  return new TextDecoder(encoding).decode(bytes, { stream: partial });
}

/**
 * Length of the valid UTF-8 sequence starting with a byte ≥ 0x80 at `i` (WHATWG ranges: no overlongs, no
 * surrogates, ≤ U+10FFFF), or 0 when the byte starts no valid sequence.
 */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const ok1 = b0 === 0xe0 ? cont(1, 0xa0) : b0 === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok1 && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const ok1 = b0 === 0xf0 ? cont(1, 0x90) : b0 === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok1 && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Valid multi-byte UTF-8 sequences and bytes that start none (a byte loop; only run once strict decoding failed). */
function utf8Stats(b: Uint8Array): { validMulti: number; invalid: number } {
  let validMulti = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(b, i);
    if (n > 0) {
      validMulti++;
      i += n;
    } else {
      invalid++;
      i++;
    }
  }
  return { validMulti, invalid };
}

/** {@link decodeMixedUtf8} plus its warning gap. */
function decodeMixed(bytes: Uint8Array, gaps: Gap[]): { text: string; encoding: string; gaps: Gap[] } {
  const { text, stray } = decodeMixedUtf8(bytes);
  gaps.push(
    gap(null, 'format', 'warning', `the text is UTF-8 except for ${stray} byte(s) that are not; those were read as Windows-1252 (e.g. £, é): check them`),
  );
  return { text, encoding: 'utf-8', gaps };
}

/** UTF-8 with stray bytes: valid runs decoded as UTF-8, each stray byte as Windows-1252. */
function decodeMixedUtf8(b: Uint8Array): { text: string; stray: number } {
  const parts: string[] = [];
  let start = 0;
  let stray = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    parts.push(UTF8_FATAL.decode(b.subarray(start, i)), decodeBytes(b.subarray(i, i + 1), 'windows-1252'));
    stray++;
    i++;
    start = i;
  }
  parts.push(UTF8_FATAL.decode(b.subarray(start)));
  return { text: parts.join(''), stray };
}

/** Strict UTF-8 check; `partial` allows a sequence cut at the end (streaming decode). */
function isUtf8(bytes: Uint8Array, partial: boolean): boolean {
  try {
    if (partial) new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    else UTF8_FATAL.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without BOM: most odd (LE) or even (BE) bytes of the first 64 KB are NUL and almost no others. */
function utf16NulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.5 && evenNul <= oddNul * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.5 && oddNul <= evenNul * 0.05) return 'utf-16be';
  return null;
}

/** Chooses between Shift_JIS, refusal and Windows-1252 for non-UTF-8 bytes (rules in {@link sniffEncoding}). */
function legacyEncoding(sample: Uint8Array): 'windows-1252' | 'shift_jis' {
  if (looksLikeShiftJis(sample)) return 'shift_jis';
  let high = 0;
  let highAdjacent = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i]! < 0x80) continue;
    high++;
    if ((i > 0 && sample[i - 1]! >= 0x80) || (i + 1 < sample.length && sample[i + 1]! >= 0x80)) highAdjacent++;
  }
  if (high >= 6 && highAdjacent >= high * 0.6) throw new ImportError('unsupported_format', UNREADABLE_ENCODING);
  return 'windows-1252';
}

/** Kana, CJK punctuation, CJK ideographs, full-width ASCII forms. */
function isCjk(c: number): boolean {
  return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff60);
}

function looksLikeShiftJis(sample: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('shift_jis', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return false;
  }
  let cjk = 0;
  let paired = 0;
  let other = 0;
  let prevCjk = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      prevCjk = false;
      continue;
    }
    if (isCjk(c)) {
      cjk++;
      const next = i + 1 < text.length && isCjk(text.charCodeAt(i + 1));
      if (prevCjk || next) paired++;
      prevCjk = true;
    } else {
      other++; // half-width katakana (a 1252 `£`, `é` + space …) and symbols
      prevCjk = false;
    }
  }
  return cjk >= 2 && paired >= cjk * 0.5 && other <= cjk * 0.2;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout sniffing: delimiter and record newline, from unquoted text.

/** Candidate delimiters, in order of preference on a tie. */
const DELIMITERS = [',', ';', '\t', '|'] as const;
type Delimiter = (typeof DELIMITERS)[number];
type Newline = '\n' | '\r\n' | '\r';

/** Records sampled for delimiter detection. */
const SNIFF_RECORDS = 50;
/** Characters scanned at most for delimiter detection. */
const SNIFF_CHARS = 256 * 1024;

/**
 * The delimiter and record newline of a CSV text, decided from the first ~50 records outside quoted fields
 * (a `"` opens a quoted field only at the start of a line or right after a candidate delimiter).
 *
 * Delimiter: among `,` `;` tab `|`, the one whose per-record count (> 0) is the same in the largest share of
 * non-empty records; ties go to the larger field count, then to that order. This copes with decimal commas in
 * `;` files (`1,5` hours: the comma count varies, the header has none). No candidate → `,` (single column).
 * Newline: the unquoted record terminators seen; `mixed` when both CRLF and lone LF end records.
 */
export function sniffCsvLayout(text: string): { delimiter: Delimiter; newline: Newline; mixed: boolean } {
  const limit = Math.min(text.length, SNIFF_CHARS);
  const records: number[][] = [];
  let counts = [0, 0, 0, 0];
  let nonBlank = false;
  let inQuote = false;
  let fieldStart = true;
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let i = 0;
  for (; i < limit && records.length < SNIFF_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuote = false;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else if (c === 10) lf++;
      else cr++;
      if (nonBlank) records.push(counts);
      counts = [0, 0, 0, 0];
      nonBlank = false;
      fieldStart = true;
      continue;
    }
    nonBlank = true;
    if (c === 34 && fieldStart) {
      inQuote = true;
      fieldStart = false;
      continue;
    }
    const k = c === 44 ? 0 : c === 59 ? 1 : c === 9 ? 2 : c === 124 ? 3 : -1;
    if (k >= 0) {
      counts[k]!++;
      fieldStart = true;
    } else fieldStart = false;
  }
  if (nonBlank && records.length < SNIFF_RECORDS) records.push(counts);

  // The delimiter found on the most records wins (a tab-separated report whose dates read "5/21/26, 12:58 PM" has
  // commas only on its dated lines; trial 2), then the one whose count per record is steadiest, then the most.
  let best: Delimiter = ',';
  let bestCover = 0;
  let bestShare = 0;
  let bestCount = 0;
  DELIMITERS.forEach((d, k) => {
    const freq = new Map<number, number>();
    let with_ = 0;
    for (const r of records) {
      const n = r[k]!;
      if (n > 0) {
        freq.set(n, (freq.get(n) ?? 0) + 1);
        with_++;
      }
    }
    const cover = records.length === 0 ? 0 : with_ / records.length;
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) {
      if (f > modeFreq || (f === modeFreq && n > mode)) {
        mode = n;
        modeFreq = f;
      }
    }
    if (mode === 0) return;
    const share = modeFreq / records.length;
    const coverBetter = cover > bestCover + 0.1;
    const coverSame = Math.abs(cover - bestCover) <= 0.1;
    if (coverBetter || (coverSame && (share > bestShare + 1e-9 || (Math.abs(share - bestShare) <= 1e-9 && mode > bestCount)))) {
      best = d;
      bestCover = Math.max(bestCover, cover);
      bestShare = share;
      bestCount = mode;
    }
  });

  let newline: Newline;
  if (crlf + lf + cr === 0) {
    const p = text.indexOf('\n');
    newline = p > 0 && text.charCodeAt(p - 1) === 13 ? '\r\n' : p !== -1 ? '\n' : text.indexOf('\r') !== -1 ? '\r' : '\n';
  } else if (crlf >= lf && crlf >= cr) newline = '\r\n';
  else if (lf >= cr) newline = '\n';
  else newline = '\r';
  return { delimiter: best, newline, mixed: crlf > 0 && lf > 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Extraction.

/** Re-parses after an unterminated quote at most this many times (each recovery re-parses the rest of the file). */
const MAX_QUOTE_RECOVERIES = 20;
/** Rows listed by name in a gap message. */
const LIST_ROWS = 5;

interface PapaError {
  code: string;
  row?: number;
  index?: number;
}

/**
 * Extracts a CSV/TSV file as ONE table `{ name: fileName, rows }` whose cells are plain strings (`''` when empty).
 *
 * - Encoding: {@link decodeText} (BOM stripped, so it is not in the first heading); its gaps are returned.
 * - Delimiter and newline: {@link sniffCsvLayout}; an Excel `sep=X` first line sets the delimiter and is skipped.
 * - Quoted fields keep embedded line breaks, written as `\n` (CRLF inside quotes in an LF file too).
 * - Entirely empty (or blank) records are dropped; `row.index` is the 1-based line on which each record starts.
 * - Ragged rows (a field count other than the usual one, ignoring rows above the first usual-width row, and extra
 *   fields that are all empty), quotes not closed on their line (an unterminated quote, or a malformed one such as
 *   `"Best practice" guide` that made papaparse run into the following lines: the rest of that line is read as
 *   plain text, quote kept, and parsing resumes on the next line — up to 20 times), and other malformed quotes give
 *   one file-level `truncated` warning gap each, naming up to 5 rows; the data is kept.
 * Throws ImportError `empty` when the text is blank, `unsupported_format` from {@link decodeText}.
 */
export function extractCsv(bytes: Uint8Array, opts: CsvOptions): Extraction {
  const decoded = decodeText(bytes);
  const gaps = decoded.gaps;
  let text = decoded.text;
  if (text.trim() === '') throw new ImportError('empty', 'the file is empty');

  let firstLine = 1;
  let sepDelimiter: string | undefined;
  const sep = /^sep=(.)(\r\n|\n|\r|$)/.exec(text.slice(0, 8));
  if (sep) {
    sepDelimiter = sep[1];
    text = text.slice(sep[0].length);
    firstLine = 2;
  }
  const layout = sniffCsvLayout(text);
  const delimiter = sepDelimiter !== undefined && sepDelimiter !== '"' ? sepDelimiter : layout.delimiter;
  let newline = layout.newline;
  // LF records with CRLF somewhere (inside quoted values, or a few CRLF records): one LF convention for all,
  // which also gives the `\n` line breaks wanted inside values.
  if ((newline === '\n' || layout.mixed) && text.indexOf('\r\n') !== -1) {
    text = text.replace(/\r\n/g, '\n');
    newline = '\n';
  }
  const hasQuote = text.indexOf('"') !== -1;
  const lineChar = newline === '\r' ? '\r' : '\n';

  const rows: ExtractedRow[] = [];
  const widths = new Map<number, number>(); // field count → rows, for counts ≥ 256
  const widthCounts = new Uint32Array(256); // field count → rows, for counts < 256
  const unterminated: number[] = [];
  const malformed: number[] = [];
  /** Positions in `rows` of rows that follow a blank line. */
  const afterBlank = new Set<number>();

  let line = firstLine;
  let rest = text;
  for (let recoveries = 0; ; recoveries++) {
    const res = Papa.parse<string[]>(rest, { delimiter, newline, header: false, quoteChar: '"', skipEmptyLines: false, dynamicTyping: false });
    const data = res.data;
    const errors = res.errors as PapaError[];
    let next: string | null = null;
    let segmentEnd = rest.length;
    let repairedRow = -1;
    let repairedUnclosed: boolean;
    const broken = recoveries < MAX_QUOTE_RECOVERIES ? findSwallowingQuote(rest, data, errors, delimiter, newline) : null;
    if (broken) {
      // papaparse read past the end of the line looking for a closing quote (to the end of the file for an
      // unterminated quote, or to some later quote): keep the rows before, read that line from the quote on as
      // plain text, and parse the rest of the file again.
      data.length = broken.row;
      const end = rest.indexOf(newline, broken.quoteAt);
      const lineRest = end === -1 ? rest.slice(broken.quoteAt) : rest.slice(broken.quoteAt, end);
      data.push(broken.before.concat(lineRest.split(delimiter)));
      repairedRow = broken.row;
      repairedUnclosed = true;
      next = end === -1 ? null : rest.slice(end + newline.length);
      if (end !== -1) segmentEnd = end;
    } else {
      const missing = errors.find((e) => e.code === 'MissingQuotes');
      if (missing) repairedRow = missing.row ?? -1;
      repairedUnclosed = repairedRow >= 0;
    }
    const malformedRows = new Set<number>();
    for (const e of errors) {
      if (e.code === 'InvalidQuotes' && e.row !== undefined && e.row < data.length && !(repairedUnclosed && e.row === repairedRow)) malformedRows.add(e.row);
    }

    // Embedded line breaks can only sit in quoted fields; when the segment has exactly one line break per record
    // boundary there are none, and the per-field scan is skipped.
    const scanFields = hasQuote && countChar(rest, lineChar, segmentEnd) !== data.length - 1;
    for (let r = 0; r < data.length; r++) {
      const cells = data[r]!;
      const start = line;
      let extra = 0;
      if (scanFields) {
        for (let c = 0; c < cells.length; c++) {
          const f = cells[c]!;
          let p = f.indexOf(lineChar);
          if (p === -1 && (lineChar === '\n' || f.indexOf('\n') === -1)) continue;
          while (p !== -1) {
            extra++;
            p = f.indexOf(lineChar, p + 1);
          }
          if (f.indexOf('\r') !== -1) cells[c] = f.replace(/\r\n?/g, '\n');
        }
      }
      line += 1 + extra;
      if (r === repairedRow) unterminated.push(start);
      if (malformedRows.size > 0 && malformedRows.has(r)) malformed.push(start);
      const n = cells.length;
      // Fast non-blank test on the first cell before the full scan.
      const c0 = n > 0 ? cells[0]!.charCodeAt(0) : NaN;
      if (!(c0 > 32 && c0 !== 0xa0 && c0 !== 0xfeff) && isBlankRow(cells)) {
        afterBlank.add(rows.length);
        continue;
      }
      if (n < widthCounts.length) widthCounts[n]!++;
      else widths.set(n, (widths.get(n) ?? 0) + 1);
      rows.push({ index: start, cells });
    }
    if (next === null) break;
    rest = next;
  }

  widthCounts.forEach((f, w) => {
    if (f > 0) widths.set(w, f);
  });
  const stacked = stackedTables(rows, afterBlank);
  for (const part of stacked.length > 1 ? stacked : [rows]) {
    const ragged = raggedRows(part, stacked.length > 1 ? widthsOf(part) : widths);
    if (ragged) gaps.push(ragged);
  }
  if (unterminated.length > 0) {
    gaps.push(
      gap(
        null,
        'truncated',
        'warning',
        `a quoted value is not closed on its line (an opening " without its closing quote) on ${listRows(unterminated)}; the rest of that line was read as plain text, quote included`,
      ),
    );
  }
  if (malformed.length > 0) {
    gaps.push(
      gap(
        null,
        'truncated',
        'warning',
        `malformed quoting (a closing " not followed by a delimiter or line end) on ${listRows(malformed)}; check those values`,
      ),
    );
  }
  const notes = datedNotes(decoded.text);
  if (notes !== null) {
    // Lines of notes, not a table: read as a document's dated lines (src/pipeline/extract/blocks.ts).
    gaps.push(gap(null, 'format', 'info', `the file is lines of text, ${notes.dated} of them starting with a date, not a table: each dated line was read as an activity`));
    const ex: Extraction = { tables: [], blocks: notes.blocks.blocks, gaps: [...gaps, ...notes.blocks.gaps], text: decoded.text.slice(0, MAX_TEXT_CHARS) };
    if (notes.blocks.yearHint !== undefined) ex.yearHint = notes.blocks.yearHint;
    return ex;
  }
  const tables: ExtractedTable[] = stacked.length > 1 ? stacked.map((part, i) => ({ name: opts.fileName, table: i + 1, rows: part })) : [{ name: opts.fileName, rows }];
  return { tables, blocks: [], gaps, text: decoded.text.slice(0, MAX_TEXT_CHARS) };
}

/** Non-empty cells of a row, trailing empty ones not counted. */
function filledWidth(cells: readonly Cell[]): number {
  let n = cells.length;
  while (n > 0 && cellText(cells[n - 1]!).trim() === '') n--;
  return n;
}

/** A header cell: text that is no number, date or amount. */
function headingCell(c: Cell): boolean {
  const s = cellText(c).trim();
  return s !== '' && s.length <= 60 && /\p{L}/u.test(s) && !/\d/.test(s);
}

/**
 * Tables stacked one under another in one CSV (a report export: the course history, then its "Subject area
 * requirements" with other columns). A new table starts at a title line — one text, after a blank line — whose
 * next row is a header of another width than the rows above (two or more texts, no numbers) with a row of that
 * width under it. A log with a blank line and a note inside it keeps its columns and stays one table.
 * @returns the rows split into tables (one part when nothing is stacked)
 */
function stackedTables(rows: readonly ExtractedRow[], afterBlank: ReadonlySet<number>): ExtractedRow[][] {
  const parts: ExtractedRow[][] = [];
  let start = 0;
  let width = -1;
  for (let k = 0; k + 2 < rows.length; k++) {
    const w = filledWidth(rows[k]!.cells);
    if (k > start && afterBlank.has(k) && w === 1 && headingCell(rows[k]!.cells[0]!) && width > 1) {
      const header = rows[k + 1]!.cells.slice(0, filledWidth(rows[k + 1]!.cells));
      const hw = header.length;
      if (hw >= 2 && hw !== width && header.every(headingCell) && filledWidth(rows[k + 2]!.cells) === hw) {
        parts.push(rows.slice(start, k));
        start = k;
        width = hw;
        k++;
        continue;
      }
    }
    if (w > 1 && width === -1) width = w;
  }
  parts.push(rows.slice(start));
  return parts;
}

/** Field counts of rows → how many rows have each. */
function widthsOf(rows: readonly ExtractedRow[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.cells.length, (out.get(r.cells.length) ?? 0) + 1);
  return out;
}

/**
 * A text file of notes rather than a table ("12/01/2025 - IET webinar on heat pumps (1.5 hrs). Learnt …", one
 * activity a line under a title): two or more lines that start with a date followed by a dash, colon or bar, making
 * half or more of the lines after the first. Such lines never read as CSV rows (their commas are prose).
 * @returns the dated lines read as blocks, and their count; null for a table
 */
function datedNotes(text: string): { blocks: BlockResult; dated: number } | null {
  const lines = text.split(/\r?\n/).map((l, i) => ({ text: l.trim(), n: i + 1 })).filter((l) => l.text !== '');
  if (lines.length < 2 || lines.length > 5_000) return null;
  const dated = lines.filter((l) => datedLine(l.text) !== null).length;
  if (dated < 2 || dated * 2 < lines.length - 1) return null;
  const paras: Para[] = lines.map((l) => ({ text: l.text, kind: 'para', ref: `line ${l.n}` }));
  return { blocks: blocksFromParas(paras, 'the file'), dated };
}

/**
 * The first quote that made papaparse read past the end of its line: an unterminated quote (`MissingQuotes`, the
 * rest of the file became one field), or a malformed one (`InvalidQuotes`, a closing `"` not followed by a delimiter)
 * whose field then ran over a line break. Returns the data row it happened in, the quote's position in `text` and the
 * fields of that line before the quote (re-parsed from the line start), or null.
 */
function findSwallowingQuote(
  text: string,
  data: string[][],
  errors: PapaError[],
  delimiter: string,
  newline: Newline,
): { row: number; quoteAt: number; before: string[] } | null {
  const lineBreak = newline === '\r' ? '\r' : '\n';
  let lastRow = -1;
  for (const e of errors) {
    if ((e.code !== 'MissingQuotes' && e.code !== 'InvalidQuotes') || e.row === undefined || e.index === undefined) continue;
    if (e.row === lastRow) continue; // one error per row: the first is the opening quote of the field
    lastRow = e.row;
    const quoteAt = e.index - 1;
    const lineStart = quoteAt === 0 ? 0 : text.lastIndexOf(newline, quoteAt - 1);
    const prefix = text.slice(lineStart === -1 || quoteAt === 0 ? 0 : lineStart + newline.length, quoteAt);
    const before = prefix === '' ? [] : (Papa.parse<string[]>(prefix, { delimiter, newline }).data[0] ?? ['']).slice(0, -1);
    if (e.code === 'MissingQuotes') return { row: e.row, quoteAt, before };
    const field = data[e.row]?.[before.length];
    if (field !== undefined && field.includes(lineBreak)) return { row: e.row, quoteAt, before };
  }
  return null;
}

/** Occurrences of `ch` in `s` before position `end`. */
function countChar(s: string, ch: string, end: number): number {
  let n = 0;
  for (let p = s.indexOf(ch); p !== -1 && p < end; p = s.indexOf(ch, p + 1)) n++;
  return n;
}

/** True when every cell is empty or white space. */
function isBlankRow(cells: string[]): boolean {
  for (const f of cells) {
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0xfeff) return false;
    }
  }
  return true;
}

/** "row 9" / "rows 3, 8, 12, 20, 31 and 4 more". */
function listRows(lines: number[]): string {
  if (lines.length === 1) return `row ${lines[0]}`;
  const shown = lines.slice(0, LIST_ROWS).join(', ');
  return lines.length > LIST_ROWS ? `rows ${shown} and ${lines.length - LIST_ROWS} more` : `rows ${shown}`;
}

/**
 * Rows whose field count differs from the usual one (the most common; on a tie the larger), from the first row of
 * the usual width on (title rows above a header are not ragged), ignoring surplus fields that are all empty.
 */
function raggedRows(rows: ExtractedRow[], widths: Map<number, number>): Gap | null {
  let usual = 0;
  let usualFreq = 0;
  for (const [w, f] of widths) {
    if (f > usualFreq || (f === usualFreq && w > usual)) {
      usual = w;
      usualFreq = f;
    }
  }
  if (widths.size <= 1) return null;
  const found: string[] = [];
  let count = 0;
  let started = false;
  for (const row of rows) {
    const n = row.cells.length;
    if (!started) {
      started = n === usual;
      continue;
    }
    if (n === usual) continue;
    if (n > usual && row.cells.slice(usual).every((c) => c === '')) continue;
    count++;
    if (found.length < LIST_ROWS) found.push(`row ${row.index} has ${n}`);
  }
  if (count === 0) return null;
  const more = count > LIST_ROWS ? ` and ${count - LIST_ROWS} more` : '';
  return gap(
    null,
    'truncated',
    'warning',
    `${count} row(s) have a different number of fields from the usual ${usual}: ${found.join(', ')}${more}; values were kept as they stand, so check their columns`,
  );
}
