/**
 * Lines outside tables → paragraphs for the labelled-block reader (blocks.ts), for PDF text layers and OCR output
 * (issue 3 §3). Each paragraph keeps its page and line.
 *
 * Rules: a line right under the previous one (within the line pitch + 0.35 em, same size) that ran to within 20% of
 * the page's right text edge is its wrapped continuation; a line set 15% larger than the text around it is a
 * heading; a line with several `Label: value` pairs side by side gives one paragraph each; a leading label set in
 * another font (bold) is kept as the paragraph's bold lead; a known label and its value set apart by a wide gap
 * without a colon ("Activity      Safety course") are split.
 */
import { labelField, splitLabel, type Para } from './blocks.js';
import { chunks, textOf, type Line } from './lines.js';
import type { PageGeometry } from './tables.js';

/** Paragraphs gathered line by line, in reading order. */
export class ProseLines {
  /** The paragraphs so far. */
  readonly paras: Para[] = [];
  /** The last line read as prose (a title right above a table header is read from it). */
  last: Line | null = null;
  private lastPara: Para | null = null;

  /**
   * @param all every line of the file in reading order (the body text size is taken around each line)
   * @param geo line pitch and text edges of the pages
   */
  constructor(
    private readonly all: readonly Line[],
    private readonly geo: PageGeometry,
  ) {}

  /** Adds all[i] (`l`) as a paragraph, or as the wrapped continuation of the one before. */
  push(l: Line, i: number): void {
    const prev = this.last;
    // A wrapped line: right under the previous one, which ran to (near) the right edge of the text.
    const e = this.geo.edges.get(l.page);
    const prevEnd = prev?.words[prev.words.length - 1]?.x1 ?? 0;
    const prevFull = e !== undefined && prevEnd >= e.right - 0.2 * (e.right - e.left);
    const wrapped = prev !== null && prev.page === l.page && prevFull && l.y - prev.y <= (this.geo.pitchEm + 0.35) * l.size && Math.abs(l.size - prev.size) < 0.5;
    const emphasis = leadingEmphasis(l);
    const labelledChunks = splitLabelledChunks(l);
    const conf = lineConf(l);
    if (labelledChunks.length >= 2) {
      for (const c of labelledChunks) {
        const p: Para = { text: c, kind: 'para', ref: `page ${l.page}, line ${l.no}`, page: l.page, line: l.no };
        if (conf !== undefined) p.confidence = conf;
        this.paras.push(p);
      }
      this.last = l;
      this.lastPara = this.paras[this.paras.length - 1]!;
      return;
    }
    const kind: Para['kind'] = l.size >= bodySizeAround(this.all, i) * 1.15 ? 'heading' : 'para';
    const p: Para = { text: l.text, kind, ref: `page ${l.page}, line ${l.no}`, page: l.page, line: l.no };
    if (wrapped && kind === 'para' && this.lastPara?.kind === 'para') p.wrapped = true;
    if (emphasis !== undefined) p.boldLead = emphasis;
    if (conf !== undefined) p.confidence = conf;
    const twoCol = twoColumnLabel(l) ?? alignedLabel(this.all, i);
    if (twoCol) {
      p.label = twoCol.label;
      p.value = twoCol.value;
    }
    this.paras.push(p);
    this.last = l;
    this.lastPara = p;
  }
}

/** Lowest OCR confidence among a line's words (undefined for text-layer lines). */
function lineConf(l: Line): number | undefined {
  let c: number | undefined;
  for (const w of l.words) if (w.confidence !== undefined) c = c === undefined ? w.confidence : Math.min(c, w.confidence);
  return c;
}

/** Median font size of the lines around index i (the body text size). */
function bodySizeAround(all: readonly Line[], i: number): number {
  const sizes: number[] = [];
  for (let k = Math.max(0, i - 15); k < Math.min(all.length, i + 15); k++) sizes.push(all[k]!.size);
  sizes.sort((a, b) => a - b);
  return sizes.length === 0 ? all[i]!.size : sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * 0.5))]!;
}

/** The label of a line whose first words (ending with ':') are set in another font than the rest (bold label). */
function leadingEmphasis(l: Line): string | undefined {
  const k = l.words.findIndex((w) => /[:：]$/.test(w.text));
  if (k < 0 || k > 6 || k + 1 >= l.words.length) return undefined;
  const f = l.words[0]!.font;
  if (f === undefined) return undefined;
  for (let j = 0; j <= k; j++) if (l.words[j]!.font !== f) return undefined;
  if (l.words[k + 1]!.font === f) return undefined;
  return textOf(l.words.slice(0, k + 1));
}

/** Several `Label: value` pairs side by side on one line ("Date: 12/03/2024     Hours: 3"). */
function splitLabelledChunks(l: Line): string[] {
  const cs = chunks(l.words);
  if (cs.length < 2) return [];
  const groups: string[] = [];
  let labelled = 0;
  for (const c of cs) {
    const t = textOf(c);
    if (splitLabel(t) !== null) {
      labelled++;
      groups.push(t);
    } else if (groups.length > 0) groups[groups.length - 1] += ` ${t}`;
    else groups.push(t);
  }
  return labelled >= 2 ? groups : [];
}

/** A short label, and where it and its value start on the line (points). */
interface LabelCut {
  label: string;
  value: string;
  labelX: number;
  valueX: number;
}

function labelCut(l: Line): LabelCut | null {
  const cs = chunks(l.words);
  if (cs.length < 2) return null;
  const label = textOf(cs[0]!);
  if (/[:：.;,]$/.test(label) || label.length > 30 || label.split(/\s+/).length > 3 || !/\p{L}/u.test(label)) return null;
  return { label, value: cs.slice(1).map(textOf).join(' '), labelX: cs[0]![0]!.x0, valueX: cs[1]![0]!.x0 };
}

/**
 * A label the field words do not know, in a column of labels one of which they do (a SMART table printed without
 * rules: "Specific … / Measurable … / Achievable … / Time-bound …"): three or more lines near each other on the
 * page whose labels start at one x and values at another (within 2 pt), at least one label naming a record field.
 * The unknown labels then end the value above instead of running into it; their values are kept under their own
 * label (extras). Our rule (trial 5: a SMART plan's five rows read as one run of text).
 */
function alignedLabel(all: readonly Line[], i: number): { label: string; value: string } | null {
  const l = all[i]!;
  const cut = labelCut(l);
  if (cut === null) return null;
  const same = (j: number): LabelCut | null => {
    const o = all[j];
    if (o === undefined || o.page !== l.page) return null;
    const c = labelCut(o);
    return c !== null && Math.abs(c.labelX - cut.labelX) <= 2 && Math.abs(c.valueX - cut.valueX) <= 2 ? c : null;
  };
  const run: LabelCut[] = [cut];
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    const c = same(j);
    if (c === null) break;
    run.push(c);
  }
  for (let j = i + 1; j <= Math.min(all.length - 1, i + 4); j++) {
    const c = same(j);
    if (c === null) break;
    run.push(c);
  }
  if (run.length < 3 || !run.some((c) => labelField(c.label) !== null)) return null;
  return { label: cut.label, value: cut.value };
}

/** A label and its value set apart by a wide gap, without a colon ("Activity      Safety course"). */
function twoColumnLabel(l: Line): { label: string; value: string } | null {
  const cs = chunks(l.words);
  if (cs.length < 2) return null;
  const label = textOf(cs[0]!);
  if (/[:：]/.test(label) || label.length > 40) return null;
  if (labelField(label) === null) return null;
  return { label, value: cs.slice(1).map(textOf).join(' ') };
}
