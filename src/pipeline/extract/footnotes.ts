/**
 * Footnote markers on values read from PDF tables (trial 9, fixtures/corpus/t9-pdf-footnote-markers.pdf): a cell value followed by a marker —
 * a superscript digit ("3.5¹"), a symbol ("6*", "Bridge inspection course†", "‡", "§", "¶") or a bracketed number
 * ("2.0 (1)") — that refers to a footnote printed under the table ("* Hours estimated; no attendance record.").
 * Left in, a marker spoils the value: "3.5" + a raised "1" reads as 3.51 hours, "12/03/2026*" as no date, and the
 * name keeps its "†".
 *
 * Two stages:
 * - {@link attachMarkerItems} (text items, before lines are built): a short item of digits or marker symbols set
 *   in a smaller font and/or on a raised baseline, touching the end of a larger item, is that item's marker; it is
 *   joined to it written in superscript characters ("3.5" + small "1" → "3.5¹"), so that the layout stage neither
 *   reads it as a line of its own nor runs it into the value's digits;
 * - {@link footnoteTables} (tables after layout): a marker at the end of a cell is cut off and the cell keeps it in
 *   `CellInfo.footnote`, with the footnote's text when a line starting with the same marker is printed under the
 *   table (or anywhere else in the file's loose text). Bracketed numbers are cut only when such a line defines them
 *   (a "(2)" at the end of a value is otherwise kept: it may be a count). The footnote lines themselves stay where
 *   the layout put them (a one-text row read as a note, or a paragraph): they do not become activities.
 */
import type { Cell, CellInfo, ExtractedTable, LabelledBlock } from '../types.js';
import { cellText } from '../types.js';
import type { Para } from './blocks.js';
import type { TextItem } from './lines.js';

/** Superscript forms of the digits 0–9. */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** Marker symbols (typographic footnote order: * † ‡ § ¶, and their doubled forms). */
const SYMBOLS = '*†‡§¶';
/** A text that can be a marker item: 1–3 digits or marker symbols (superscript digits and brackets allowed). */
const MARKER_ITEM_RE = /^[([]?(?:\d{1,2}|[*†‡§¶]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})[)\]]?$/u;
/** A marker at the end of a value: superscript digits, or symbols (possibly after a space). */
const TRAILING_MARKER_RE = /^(.*?\S)\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[*†‡§¶]{1,3})$/su;
/** A bracketed number at the end of a value ("2.0 (1)", "Webinar [2]"): a marker only when a footnote defines it. */
const TRAILING_BRACKET_RE = /^(.*?\S)\s*([([]\d{1,2}[)\]])$/su;
/** A footnote definition's marker at the start of a text, followed by its text. */
const DEFINITION_RE = /^([*†‡§¶]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[([]\d{1,2}[)\]]|\d{1,2}(?=[.)]?\s))[.)]?\s+(\S.*)$/su;
/** Where a second definition starts inside a joined text ("* Hours estimated. † Three-day course …"). */
const NEXT_DEFINITION_RE = /\s(?=(?:[*†‡§¶]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[([]\d{1,2}[)\]])\s+\S)/u;

/** Writes a marker item's digits as superscript digits ("1" → "¹"); symbols are kept. */
function superscript(text: string): string {
  return text.replace(/[()[\]]/g, '').replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]!);
}

/**
 * Joins footnote-marker items to the values they follow. A marker item is short ({@link MARKER_ITEM_RE}), starts
 * within 0.3 em of the end of a host item (em = the host's font size; from 0.1 em before it), and is set in a font
 * at most 85% of the host's size or on a baseline raised by 0.15–0.7 em above the host's (never lowered by more
 * than 0.1 em, never larger). Its text is appended to the host in superscript digits; the item is dropped.
 * @param items a page's text items (points, origin top-left, `y` the baseline); not modified
 * @returns the items with markers joined to their hosts (the same array when there is none)
 */
export function attachMarkerItems(items: readonly TextItem[]): TextItem[] {
  const candidates: number[] = [];
  for (let i = 0; i < items.length; i++) if (MARKER_ITEM_RE.test(items[i]!.text.trim())) candidates.push(i);
  if (candidates.length === 0) return items as TextItem[];
  const joined = new Map<number, string>();
  const dropped = new Set<number>();
  for (const m of candidates) {
    const mk = items[m]!;
    let best = -1;
    let bestGap = Infinity;
    for (let h = 0; h < items.length; h++) {
      if (h === m || dropped.has(h)) continue;
      const host = items[h]!;
      const em = host.size;
      if (!(em > 0) || mk.size > em * 1.001) continue;
      const end = host.x + host.width;
      const gap = mk.x - end;
      if (gap < -0.1 * em || gap > 0.3 * em) continue;
      const raised = host.y - mk.y;
      if (raised < -0.1 * em || raised > 0.7 * em) continue;
      const smaller = mk.size <= 0.85 * em;
      if (!smaller && raised < 0.15 * em) continue;
      if (host.text.trim() === '' || MARKER_ITEM_RE.test(host.text.trim())) continue;
      if (Math.abs(gap) < bestGap) {
        best = h;
        bestGap = Math.abs(gap);
      }
    }
    if (best < 0) continue;
    joined.set(best, (joined.get(best) ?? '') + superscript(mk.text.trim()));
    dropped.add(m);
  }
  if (dropped.size === 0) return items as TextItem[];
  const out: TextItem[] = [];
  for (let i = 0; i < items.length; i++) {
    if (dropped.has(i)) continue;
    const add = joined.get(i);
    out.push(add === undefined ? items[i]! : { ...items[i]!, text: items[i]!.text.replace(/\s+$/, '') + add });
  }
  return out;
}

/** The key a marker is looked up by: superscript digits and brackets read as plain digits ("¹", "(1)", "1" → "1"). */
function markerKey(marker: string): string {
  return [...marker.replace(/[()[\]]/g, '')].map((c) => {
    const d = SUPERSCRIPT_DIGITS.indexOf(c);
    return d >= 0 ? String(d) : c;
  }).join('');
}

/**
 * Footnote definitions in a text: one or more "marker text" pieces ("* Hours estimated; no attendance record.
 * † Three-day course …"). A plain number starts a definition only at the start of the text ("1 Self-assessed").
 * @returns marker key ({@link markerKey}) → the footnote as printed (marker included)
 */
export function footnoteDefinitions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const t = text.replace(/\s+/g, ' ').trim();
  if (!DEFINITION_RE.test(t)) return out;
  for (const piece of t.split(NEXT_DEFINITION_RE)) {
    const m = DEFINITION_RE.exec(piece.trim());
    if (m) out.set(markerKey(m[1]!), piece.trim());
  }
  return out;
}

/** A value with its footnote marker cut off. */
export interface MarkedValue {
  /** The value without the marker ("6"). */
  value: string;
  /** The marker as written, in superscript digits for a small or raised number ("*", "¹", "(1)"). */
  marker: string;
}

/**
 * Cuts a footnote marker off the end of a value: superscript digits or marker symbols always (a value is never
 * only a marker); a bracketed number only when `defined` says a footnote with that number exists.
 * @returns the value and marker, or null when the value ends in no marker
 */
export function splitMarker(text: string, defined: (key: string) => boolean = () => false): MarkedValue | null {
  const m = TRAILING_MARKER_RE.exec(text) ?? TRAILING_BRACKET_RE.exec(text);
  if (!m) return null;
  const value = m[1]!;
  const marker = m[2]!;
  if (/^[([]/.test(marker) && !defined(markerKey(marker))) return null;
  // A run of symbols alone ("**", a rating) is a value, not a marker on one.
  if ([...value].every((c) => SYMBOLS.includes(c))) return null;
  return { value, marker };
}

/** The footnotes defined in a file's loose text: marker key ({@link markerKey}) → the footnote as printed. */
export type FootnoteDefinitions = ReadonlyMap<string, string>;

/** The one text of a row with a single filled cell, else null. */
function singleText(cells: readonly Cell[]): string | null {
  const filled = cells.filter((c) => cellText(c).trim() !== '');
  return filled.length === 1 ? cellText(filled[0]).trim() : null;
}

/**
 * Footnote definitions of a laid-out file: from table rows with a single text (a line under the table read into
 * it) and from the lines of the paragraphs; the first definition of a marker wins.
 */
export function definitionsOf(tables: readonly ExtractedTable[], paras: readonly Para[]): FootnoteDefinitions {
  const defs = new Map<string, string>();
  const learn = (text: string): void => {
    for (const [k, v] of footnoteDefinitions(text)) if (!defs.has(k)) defs.set(k, v);
  };
  for (const t of tables) {
    for (const r of t.rows) {
      const s = singleText(r.cells);
      if (s !== null) learn(s);
    }
  }
  for (const p of paras) for (const line of p.text.split('\n')) learn(line);
  return defs;
}

/**
 * A cell with its footnote marker cut off ({@link splitMarker}) and noted in `footnote` (the definition as printed,
 * or the marker alone); null when the cell ends in no marker.
 */
export function markedCell(c: Cell, defs: FootnoteDefinitions): CellInfo | null {
  const text = cellText(c);
  if (text === '') return null;
  const m = splitMarker(text, (k) => defs.has(k));
  if (!m) return null;
  const info: CellInfo = typeof c === 'object' && c !== null ? { ...c, text: m.value } : { text: m.value };
  info.footnote = defs.get(markerKey(m.marker)) ?? m.marker;
  return info;
}

/**
 * Cuts footnote markers off the cells of PDF tables and notes them on the cell (`CellInfo.footnote`: the marker,
 * and the footnote as printed under the table when a line defines it). A table whose header carries a marker
 * ("Hours*") loses it from the header too, so the heading is matched. Rows that are footnote definitions are left
 * as they are (read as notes).
 * @param tables the layout's tables (cells replaced in place)
 * @param defs   the file's footnote definitions ({@link definitionsOf})
 * @returns the number of values a marker was cut from
 */
export function footnoteTables(tables: readonly ExtractedTable[], defs: FootnoteDefinitions): number {
  let cut = 0;
  for (const t of tables) {
    for (const r of t.rows) {
      const s = singleText(r.cells);
      if (s !== null && footnoteDefinitions(s).size > 0) continue;
      for (let i = 0; i < r.cells.length; i++) {
        const info = markedCell(r.cells[i] ?? null, defs);
        if (info === null) continue;
        r.cells[i] = info;
        cut++;
      }
    }
  }
  return cut;
}

/**
 * Cuts footnote markers off the values of labelled blocks ("Hours: 3.5¹"), as {@link footnoteTables} does for cells.
 * @param blocks the blocks read from the paragraphs (values replaced in place)
 * @returns the number of values a marker was cut from
 */
export function footnoteBlocks(blocks: readonly LabelledBlock[], defs: FootnoteDefinitions): number {
  let cut = 0;
  for (const b of blocks) {
    for (const v of b.values) {
      const info = markedCell(v.value, defs);
      if (info === null) continue;
      v.value = info;
      cut++;
    }
  }
  return cut;
}
