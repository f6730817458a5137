/**
 * Positioned text → lines of words, for the PDF text layer and OCR output (issue 3 §2). Points, origin top-left,
 * `y` the baseline. The layout stage (layout.ts) builds tables and paragraphs from these lines.
 */
/** A piece of text placed on a page: points, origin top-left, `y` the baseline, `size` the font size (≈ em). */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Font id: a change of font inside a line marks a bold label. */
  font?: string;
  /** OCR word confidence, 0–100. */
  confidence?: number;
}

/** One page of items. `height` in points (for the furniture zones). */
export interface PageItems {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
}

/** A word on a line: x-extent estimated from its item (points), the baseline of that item, its font size. */
export interface Word {
  text: string;
  x0: number;
  x1: number;
  /** Baseline of the item the word came from. */
  y: number;
  size: number;
  font?: string;
  confidence?: number;
}

/** A text line on a page; `no` is its 1-based line number from the top of the page (furniture included). */
export interface Line {
  page: number;
  no: number;
  y: number;
  size: number;
  words: Word[];
  text: string;
}

/** What {@link layoutPages} found. */

const LIGATURES: Readonly<Record<string, string>> = {
  '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st',
};

/**
 * Normalises text read from a PDF: ligatures (ﬁ → fi), soft hyphens dropped, odd spaces → space, and
 * letter-spaced text collapsed ("C P D  R e c o r d" → "CPD Record": when all of three or more, or 80% of four or
 * more, space-separated tokens are single characters, double spaces separate words and single spaces are dropped).
 */
export function normaliseRunText(text: string): string {
  // Fast path: nothing to replace and no run of single characters ("a b c").
  if (!ODD_CHARS.test(text) && !SPACED.test(text)) return text;
  let t = text.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c] ?? c).replace(/\u00ad/g, '').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  const tokens = t.trim().split(/ +/);
  if (tokens.length >= 3) {
    const single = tokens.filter((s) => [...s].length === 1).length;
    if (single === tokens.length || (tokens.length >= 4 && single >= tokens.length * 0.8)) {
      t = t
        .trim()
        .split(/ {2,}/)
        .map((w) => w.replace(/ /g, ''))
        .join(' ');
    }
  }
  return t;
}

const ODD_CHARS = /[\ufb00-\ufb06\u00ad\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const SPACED = /(^|\s)\S \S \S(\s|$)/;

/** A word of `it` spanning characters [a, b) of its `len` characters (x-extent proportional to characters). */
function wordOf(it: TextItem, a: number, b: number, len: number, t: string): Word {
  const w: Word = { text: t, x0: it.x + it.width * (a / len), x1: it.x + it.width * (b / len), y: it.y, size: it.size };
  if (it.font !== undefined) w.font = it.font;
  if (it.confidence !== undefined) w.confidence = it.confidence;
  return w;
}

/** Splits items into words with estimated x-extents (proportional to characters within an item). */
function itemWords(it: TextItem, out: Word[]): void {
  const text = normaliseRunText(it.text);
  const len = text.length;
  if (len === 0) return;
  // Fast path: one word without spaces (most OCR words and many PDF runs).
  if (text.indexOf(' ') === -1 && !/\s/.test(text)) {
    out.push(wordOf(it, 0, len, len, text));
    return;
  }
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(wordOf(it, m.index, m.index + m[0].length, len, m[0]));
}

/** Sorts words by x0 (stable), unless they already are in order (the usual case: no sort, no comparator calls). */
function sortByX(ws: Word[]): void {
  for (let i = 1; i < ws.length; i++) {
    if (ws[i]!.x0 < ws[i - 1]!.x0) {
      ws.sort((a, b) => a.x0 - b.x0);
      return;
    }
  }
}

/** Median font size of a line's words (the upper middle one); one pass when all share a size (the usual case). */
export function medianSize(ws: readonly Word[]): number {
  const first = ws[0]!.size;
  let same = true;
  for (let i = 1; i < ws.length && same; i++) same = ws[i]!.size === first;
  if (same) return first;
  const sizes = ws.map((w) => w.size).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)]!;
}

/** Groups a page's items into lines (top to bottom) of words (left to right). */
export function pageLines(p: PageItems): Line[] {
  const words: Word[] = [];
  for (const it of p.items) {
    if (!(it.size > 0) || !Number.isFinite(it.x) || !Number.isFinite(it.y)) continue;
    itemWords(it, words);
  }
  words.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  let i = 0;
  while (i < words.length) {
    // One baseline: words within 40% of the smaller font size of the first word's baseline.
    const first = words[i++]!;
    let size = first.size;
    const group: Word[] = [first];
    while (i < words.length && Math.abs(words[i]!.y - first.y) <= 0.4 * Math.min(size, words[i]!.size)) {
      const w = words[i++]!;
      group.push(w);
      if (w.size > size) size = w.size;
    }
    sortByX(group);
    const merged: Word[] = [];
    for (const w of group) {
      const last = merged[merged.length - 1];
      // Touching items are one word ("Wo" + "rd", split by kerning) — but not a capitalised word after a small
      // letter: two headings set edge to edge ("Planned hours" + "Target" printed as "Planned hoursTarget").
      if (last && w.x0 - last.x1 < 0.08 * Math.min(w.size, last.size) && w.x0 >= last.x0 && !(/\p{Ll}$/u.test(last.text) && /^\p{Lu}\p{Ll}/u.test(w.text))) {
        last.text += w.text;
        last.x1 = Math.max(last.x1, w.x1);
        if (w.confidence !== undefined) last.confidence = Math.min(last.confidence ?? 100, w.confidence);
      } else merged.push(w);
    }
    lines.push({ page: p.page, no: lines.length + 1, y: first.y, size: medianSize(merged), words: merged, text: textOf(merged) });
  }
  return lines;
}

/** Runs of words separated by less than 0.8 em: the cells (or phrases) of a line. */
export function chunks(words: readonly Word[]): Word[][] {
  const out: Word[][] = [];
  for (const w of words) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && w.x0 - prev.x1 < 0.8 * Math.max(w.size, prev.size)) cur.push(w);
    else out.push([w]);
  }
  return out;
}

/** The words' text joined with single spaces. */
export function textOf(ws: readonly Word[]): string {
  if (ws.length === 1) return ws[0]!.text;
  let s = '';
  for (let i = 0; i < ws.length; i++) s += i === 0 ? ws[i]!.text : ` ${ws[i]!.text}`;
  return s;
}
