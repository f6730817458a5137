/**
 * Page layout → tables and paragraphs, for PDF text layers and OCR output (issue 3 §2–3, issue 9 §6).
 *
 * Input: positioned text items per page (points, origin top-left, `y` = baseline). Output: column tables rebuilt
 * from x/y positions (pdf-parse's `getTable` only finds ruled tables; CPD exports are often unruled, docs/DESIGN.md
 * §5) and the remaining lines as paragraphs for labelled blocks.
 *
 * Stages: lines (lines.ts: items on one baseline, touching items joined into words, letter-spaced text and
 * ligatures normalised) → page furniture removed (here) → pages set in two columns of prose read column by column
 * (here) → tables and paragraphs (tables.ts, with headers from table-header.ts, column regions from columns.ts and
 * rows cut by page breaks from page-break.ts).
 *
 * Page furniture (docs/domain/CPD.md §8 "page furniture ("Page 9 of 19")"): "Page 9 of 19", "- 3 -" and bare page
 * numbers (centred or at the right edge) in the top or bottom 8% of a page, and lines repeated (digits aside) at
 * the same place in that zone on two or more pages (running titles, print dates) are removed, with one info gap
 * quoting them; a table header (any of its lines) is never furniture.
 */
import { gap, type Gap } from '../../domain/index.js';
import { yearFromTitle } from '../map.js';
import type { ExtractedTable } from '../types.js';
import type { Para } from './blocks.js';
import { fitLine } from './columns.js';
import { chunks, medianSize, pageLines, textOf, type Line, type PageItems, type Word } from './lines.js';
import { buildTables } from './tables.js';
import { findHeader, type Column } from './table-header.js';

export { normaliseRunText, pageLines, type Line, type PageItems, type TextItem } from './lines.js';

export interface Layout {
  tables: ExtractedTable[];
  /** Lines outside tables, in reading order, as paragraphs for {@link blocksFromParas}. */
  paras: Para[];
  /** Notes: furniture removed. */
  gaps: Gap[];
  /** Years seen in removed running titles (a year stated only there still dates the log). */
  furnitureYears: number[];
  /** All text, lines joined with `\n` (for certificate detection). */
  text: string;
  /** Number of lines on all pages. */
  lineCount: number;
}

const PAGE_NO_RE = /^(page|p\.|pg\.?|seite)?\s*\d{1,4}(\s*(of|\/|von)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

const URL_CHUNK_RE = /^(?:https?:\/\/|file:\/\/|www\.)\S+$/i;
/** A browser's page count ("1/3") or print stamp ("25/11/2026, 14:11", "11/25/26, 2:11 PM"). */
const PAGE_COUNT_RE = /^\d{1,3}\s*\/\s*\d{1,3}$/;
const PRINT_STAMP_RE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$/i;

/**
 * A browser's print header or footer on one page (docs/domain/CPD.md §8): at the foot, the page's address with or
 * without its page count ("https://…/plan?year=2027   1/1"); at the head, the print date and time beside the page's
 * title ("25/11/2026, 14:11   My development plan | MemberHub"). A one-page print repeats nothing, so these are
 * known by their kind, not by repetition.
 */
function browserPrint(l: Line, zone: 'top' | 'bottom', width: number): boolean {
  const parts = chunks(l.words);
  const cs = parts.map(textOf);
  if (cs.length > 3) return false;
  const url = cs.some((t) => URL_CHUNK_RE.test(t));
  if (zone === 'bottom') return url && cs.every((t) => URL_CHUNK_RE.test(t) || PAGE_COUNT_RE.test(t) || PAGE_NO_RE.test(t));
  // The print stamp at the left, the page's title centred (a table row at the top of a page that starts with a
  // date and time has its next cell beside it, not in the middle of the page).
  if (cs.length !== 2 || !PRINT_STAMP_RE.test(cs[0]!)) return url && cs.length >= 2;
  const title = parts[1]!;
  const mid = (title[0]!.x0 + title[title.length - 1]!.x1) / 2;
  return Math.abs(mid - width / 2) <= width * 0.15;
}

/**
 * Removes page furniture (see the module comment) from the lines of all pages. Returns the kept lines per page,
 * the years found in removed lines, and one info gap naming what was removed.
 */
export function removeFurniture(pages: ReadonlyArray<{ page: number; width?: number; height: number; lines: Line[] }>): {
  kept: Line[][];
  years: number[];
  gaps: Gap[];
} {
  // Table headers repeated on every page are not furniture, even close to the top edge (nor any line of a header
  // whose labels wrap over several lines).
  const inHeader = new Set<Line>();
  for (const p of pages) {
    for (let i = 0; i < p.lines.length && p.lines[i]!.y < p.height * 0.08; i++) {
      const h = inHeader.has(p.lines[i]!) ? null : findHeader(p.lines, i);
      if (h) for (const l of h.lines) inHeader.add(l);
    }
  }
  const zoneOf = (l: Line, h: number): 'top' | 'bottom' | null => (l.y < h * 0.08 ? (inHeader.has(l) ? null : 'top') : l.y > h * 0.92 ? 'bottom' : null);
  // Same text (digits aside) at the same place: a running title or footer.
  const key = (l: Line): string => `${Math.round((l.words[0]?.x0 ?? 0) / 15)}|${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;
  const seen = new Map<string, Set<number>>();
  const zones = new Map<Line, 'top' | 'bottom' | null>();
  for (const p of pages) {
    for (const l of p.lines) {
      const z = zoneOf(l, p.height);
      zones.set(l, z);
      if (!z) continue;
      const k = `${z}|${key(l)}`;
      const s = seen.get(k) ?? new Set<number>();
      s.add(p.page);
      seen.set(k, s);
    }
  }
  const removed: string[] = [];
  const years: number[] = [];
  const kept = pages.map((p) =>
    p.lines.filter((l) => {
      const z = zones.get(l) ?? null;
      if (!z) return true;
      const repeated = pages.length >= 2 && (seen.get(`${z}|${key(l)}`)?.size ?? 0) >= 2;
      // A page number on its own: written as one ("Page 3", "3 of 9", "- 3 -"), or a bare number centred or at
      // the right edge (a bare number under a table column is data: a wrapped "2024").
      const w = p.width ?? 595;
      const pageNo = chunks(l.words).every((c) => {
        const t = textOf(c);
        if (/\bpage\s+\d+\s*(of\s*\d+)?\b/i.test(t) || (PAGE_NO_RE.test(t) && /\D/.test(t.replace(/\s/g, '')))) return true;
        if (!PAGE_NO_RE.test(t)) return false;
        const mid = (c[0]!.x0 + c[c.length - 1]!.x1) / 2;
        return Math.abs(mid - w / 2) < w * 0.08 || c[c.length - 1]!.x1 > w * 0.85;
      });
      if (!repeated && !pageNo && !browserPrint(l, z, p.width ?? 595)) return true;
      const y = yearFromTitle(l.text);
      if (y !== undefined && !/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(l.text)) years.push(y);
      const show = l.text.replace(/\d+/g, 'N');
      if (!removed.includes(show)) removed.push(show);
      return false;
    }),
  );
  const gaps: Gap[] = [];
  if (removed.length > 0) {
    gaps.push(gap(null, 'skipped', 'info', `page furniture removed (page numbers, running titles repeated on each page): ${removed.slice(0, 4).map((s) => `"${s}"`).join(', ')}${removed.length > 4 ? ` and ${removed.length - 4} more` : ''}`));
  }
  return { kept, years, gaps };
}

/**
 * A page set in two columns of text (a newsletter, a profile): the lines read left column first, then the right
 * one, band by band between the lines that run across both (titles, footers). Returns the lines as they are when
 * the page has no such gutter. A gutter: an x position that falls in a gap of at least 2 em on six or more lines
 * and inside no word, where the text on each side is prose (lines of four or more words, mostly) or the two sides
 * mirror each other (cards set two to a row: {@link mirrored}; trial 7); a page with a
 * table header, or whose lines fit the columns of a table headed on an earlier page (a table continued without
 * its header), is a table, whatever its gaps. (Word/PDF trial 2: a two-column page was read across the columns,
 * joining two activities into one.)
 */
function readColumns(lines: Line[], tableAbove: () => readonly Column[] | null): Line[] {
  if (lines.length < 6) return lines;
  const gaps: Array<[number, number]> = [];
  for (const l of lines) {
    for (let k = 1; k < l.words.length; k++) {
      const a = l.words[k - 1]!;
      const b = l.words[k]!;
      if (b.x0 - a.x1 >= 2 * Math.max(a.size, b.size)) gaps.push([a.x1, b.x0]);
    }
  }
  if (gaps.length < 6) return lines;
  // The x covered by the most gaps (a sweep over the gaps' ends).
  const events = gaps.flatMap(([a, b]): Array<[number, number]> => [[a, 1], [b, -1]]).sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  let depth = 0;
  let best = 0;
  let at = 0;
  for (let e = 0; e < events.length; e++) {
    depth += events[e]![1];
    if (depth > best && e + 1 < events.length) {
      best = depth;
      at = (events[e]![0] + events[e + 1]![0]) / 2;
    }
  }
  if (best < 6) return lines;
  const crosses = (l: Line): boolean => l.words.some((w) => w.x0 < at && w.x1 > at);
  const left = (l: Line): Word[] => l.words.filter((w) => w.x1 <= at);
  const right = (l: Line): Word[] => l.words.filter((w) => w.x0 >= at);
  const inBand = lines.filter((l) => !crosses(l));
  const wordy = (ws: Word[]): boolean => ws.length >= 4;
  const lefts = inBand.map(left).filter((ws) => ws.length > 0);
  const rights = inBand.map(right).filter((ws) => ws.length > 0);
  if (lefts.length < 3 || rights.length < 3) return lines;
  const prose = lefts.filter(wordy).length * 2 >= lefts.length && rights.filter(wordy).length * 2 >= rights.length;
  if (!prose && !mirrored(inBand.map((l) => [left(l), right(l)]))) return lines;
  for (let i = 0; i < lines.length; i++) if (findHeader(lines, i) !== null) return lines;
  // A page without a header whose lines fit the columns of the table on the pages before: that table goes on.
  const cols = tableAbove();
  if (cols !== null) {
    const multi = lines.filter((l) => chunks(l.words).length >= 2);
    if (multi.filter((l) => (fitLine(cols, l)?.size ?? 0) >= 2).length * 2 >= multi.length) return lines;
  }
  const out: Line[] = [];
  let band: Line[] = [];
  const part = (l: Line, ws: Word[]): Line => ({ ...l, words: ws, text: textOf(ws), size: medianSize(ws) });
  const flush = (): void => {
    for (const l of band) if (left(l).length > 0) out.push(part(l, left(l)));
    for (const l of band) if (right(l).length > 0) out.push(part(l, right(l)));
    band = [];
  };
  for (const l of lines) {
    if (crosses(l)) {
      flush();
      out.push(l);
    } else band.push(l);
  }
  flush();
  return out;
}

/**
 * The shape of a side of a line, for telling cards set side by side from a table's columns: `label:<label>` for a
 * `Label: value`, `dated` for text holding a date, else `text` (figures alone are `number`).
 */
function sideShape(ws: readonly Word[]): string {
  const t = textOf(ws);
  const label = /^([^:\d]{1,30}):/.exec(t);
  if (label !== null) return `label:${label[1]!.trim().toLowerCase()}`;
  if (/^[\d\s.,]+$/.test(t)) return 'number';
  if (/\d/.test(t) && /\b(19|20)\d\d\b/.test(t)) return 'dated';
  return 'text';
}

/**
 * True when the two sides of a page's lines mirror each other, as cards set two to a row do ("Type: Course" beside
 * "Type: Workshop", a date beside a date, a title beside a title): on three lines or more holding both sides, two
 * in three alike, and among them a labelled or dated pair. A table's columns hold different things side by side
 * (a date beside an activity), and a label column holds labels beside values.
 */
function mirrored(pairs: ReadonlyArray<readonly [Word[], Word[]]>): boolean {
  const both = pairs.filter(([a, b]) => a.length > 0 && b.length > 0);
  if (both.length < 3) return false;
  const alike = both.filter(([a, b]) => sideShape(a) === sideShape(b));
  return alike.length * 3 >= both.length * 2 && alike.some(([a]) => sideShape(a) !== 'text');
}

/**
 * Lays out pages of positioned text: lines, furniture removed, pages set in two columns read column by column,
 * tables rebuilt, the rest as paragraphs.
 * @param pages items per page (points, origin top-left)
 */
export function layoutPages(pages: readonly PageItems[]): Layout {
  const withLines = pages.map((p) => ({ page: p.page, width: p.width, height: p.height, lines: pageLines(p) }));
  const lineCount = withLines.reduce((n, p) => n + p.lines.length, 0);
  const furniture = removeFurniture(withLines);
  const kept = furniture.kept;
  // The columns of the last header on the pages before page k (looked for only when a page seems set in columns).
  const headerBefore = (k: number): readonly Column[] | null => {
    for (let q = k - 1; q >= 0; q--) {
      const ls = kept[q]!;
      let found: Column[] | null = null;
      for (let i = 0; i < ls.length; i++) found = findHeader(ls, i)?.cols ?? found;
      if (found) return found;
    }
    return null;
  };
  const { tables, paras, notes } = buildTables(kept.map((ls, k) => readColumns(ls, () => headerBefore(k))));
  for (const n of notes) furniture.gaps.push(gap(null, 'inferred', 'info', n));
  const text = furniture.kept.map((ls) => ls.map((l) => l.text).join('\n')).join('\n');
  return { tables, paras, gaps: furniture.gaps, furnitureYears: furniture.years, text, lineCount };
}
