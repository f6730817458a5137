/**
 * Logs typed as aligned lines in a document, a web page or an e-mail's body: a table in all but name. Read as
 * paragraphs, every line was one block of prose and no record came out (trial 7: a fire engineer's Word log typed
 * with tabs; staff try-out: a log pasted into a plain-text e-mail, its columns lined up with spaces). Three ways of
 * lining up are read, each as a run of three or more consecutive paragraphs (a header and two rows):
 * - tabs: "Date⇥Activity⇥Hours". One tab per column (tab stops set), where an empty cell is two tabs together; or
 *   several tabs to reach Word's default stops, where a short value is followed by more tabs than a long one. Each
 *   line is split one tab to a cell when that gives the header's number of cells, else at each run of tabs;
 * - spaces, in a fixed-width font: "Date         Activity            Hours". The header's words, set two spaces or
 *   more apart, give each column's start; a row's text goes to the column it starts under;
 * - bars, as Markdown writes a table: "| Date | Activity | Hours |", its "|---|" rule line dropped.
 *
 * Our own code.
 */
import type { ExtractedRow, ExtractedTable } from '../types.js';
import type { Para } from './blocks.js';

/** Fewest tab-aligned paragraphs in a row read as a table (a header and two rows). */
const MIN_LINES = 3;

/** What {@link tabbedTables} found: the tables, and the paragraphs left for labelled blocks. */
export interface TabbedResult {
  tables: ExtractedTable[];
  paras: Para[];
}

/** The cells of one tab-aligned line, to `width` cells when either split gives that many. */
function cellsOf(text: string, width: number | null): string[] {
  const single = text.split('\t').map((c) => c.trim());
  if (width === null || single.length === width) return single;
  const runs = text.split(/\t+/).map((c) => c.trim());
  return runs.length === width ? runs : single;
}

/**
 * Takes the runs of {@link MIN_LINES} or more consecutive body paragraphs holding a tab out of `paras` and returns
 * them as tables (`a1Refs: false`; rows numbered from 1 in the run, so a value's reference is "row 4, column 2" of
 * "the tab-aligned lines, paragraphs 3–10"), then the space-aligned and bar-separated runs the same way. Headings, list items and paragraphs already read
 * as label/value pairs are left alone. Never throws.
 */
export function tabbedTables(paras: readonly Para[]): TabbedResult {
  const tables: ExtractedTable[] = [];
  const kept: Para[] = [];
  let run: Para[] = [];
  const flush = (): void => {
    if (run.length >= MIN_LINES) {
      const width = run[0]!.text.split('\t').length;
      tables.push(toTable(run.map((p, k) => cellsOf(p.text, k === 0 ? null : width)), run, 'tab-aligned lines'));
    } else kept.push(...run);
    run = [];
  };
  for (const p of paras) {
    if (p.kind === 'para' && p.label === undefined && p.item !== true && p.text.includes('\t') && !p.text.includes('\n')) {
      run.push(p);
      continue;
    }
    flush();
    kept.push(p);
  }
  flush();
  const spaced = alignedRuns(kept, tables);
  return { tables, paras: spaced };
}

/** A line's runs of text set two spaces or more apart (one space joins words), with the offset each starts at. */
function spacedChunks(text: string): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ at: m.index, text: m[0] });
  return out;
}

/** The cells of a Markdown-style bar line ("| Date | Activity |"), or null when the line has fewer than two bars. */
function barCells(text: string): string[] | null {
  if ((text.match(/\|/g) ?? []).length < 2) return null;
  return text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** A Markdown table's rule line under its header: "|---|:---:|", "---- | ----". */
const BAR_RULE_RE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * Takes runs of space-aligned or bar-separated lines out of `paras` (see the module comment), appending their tables
 * to `tables`; returns the paragraphs left.
 */
function alignedRuns(paras: readonly Para[], tables: ExtractedTable[]): Para[] {
  const kept: Para[] = [];
  let i = 0;
  while (i < paras.length) {
    const found = barRun(paras, i) ?? spacedRun(paras, i);
    if (found === null) {
      kept.push(paras[i]!);
      i++;
      continue;
    }
    tables.push(toTable(found.rows, found.lines, found.how));
    i += found.lines.length;
  }
  return kept;
}

/** A candidate line of an aligned table: a body paragraph of one line, no label read from it. */
function candidate(p: Para | undefined): p is Para {
  return p !== undefined && p.kind === 'para' && p.label === undefined && p.item !== true && !p.text.includes('\n');
}

interface Run {
  rows: string[][];
  lines: Para[];
  how: string;
}

/** Bar-separated lines from `paras[i]` with the header's number of cells (the rule line skipped), or null. */
function barRun(paras: readonly Para[], i: number): Run | null {
  const header = candidate(paras[i]) ? barCells(paras[i]!.text) : null;
  if (header === null || header.length < 2) return null;
  const rows = [header];
  const lines = [paras[i]!];
  for (let k = i + 1; k < paras.length && candidate(paras[k]); k++) {
    const text = paras[k]!.text;
    if (BAR_RULE_RE.test(text)) {
      lines.push(paras[k]!);
      continue;
    }
    const cells = barCells(text);
    if (cells === null) break;
    rows.push(cells);
    lines.push(paras[k]!);
  }
  return rows.length >= MIN_LINES ? { rows, lines, how: 'bar-separated lines' } : null;
}

/**
 * Space-aligned lines from `paras[i]`: a header of two or more runs set two spaces or more apart, and following lines
 * whose runs each start within a character of a column's start (the header's, or one a row opened), or null.
 */
function spacedRun(paras: readonly Para[], i: number): Run | null {
  const head = candidate(paras[i]) ? spacedChunks(paras[i]!.text) : [];
  // Headings are short and no sentence: two sentences set two spaces apart are prose.
  if (head.length < 2 || head.some((c) => c.text.length > 40 || /[.!?]$/.test(c.text))) return null;
  const starts = head.map((c) => c.at);
  const rows: string[][] = [head.map((c) => c.text)];
  const lines = [paras[i]!];
  for (let k = i + 1; k < paras.length && candidate(paras[k]); k++) {
    const chunks = spacedChunks(paras[k]!.text);
    if (chunks.length < 2) break;
    // Each run goes to the last column starting at or before it (a character's slack); a run left of every column
    // ends the table.
    const cells = new Array<string>(starts.length).fill('');
    let fits = true;
    for (const c of chunks) {
      let col = -1;
      for (let s = 0; s < starts.length; s++) if (starts[s]! <= c.at + 1) col = s;
      if (col < 0) {
        fits = false;
        break;
      }
      cells[col] = cells[col] === '' ? c.text : `${cells[col]} ${c.text}`;
    }
    if (!fits || cells.filter((c) => c !== '').length < 2) break;
    rows.push(cells);
    lines.push(paras[k]!);
  }
  return rows.length >= MIN_LINES ? { rows, lines, how: 'space-aligned lines' } : null;
}

/** An aligned run as a table named by what it is and where ("the space-aligned lines, paragraphs 4–8"). */
function toTable(grid: readonly string[][], lines: readonly Para[], how: string): ExtractedTable {
  let n = 0;
  const rows: ExtractedRow[] = [];
  for (const cells of grid) {
    const row: ExtractedRow = { index: ++n, cells: cells.map((c) => (c === '' ? null : c)) };
    // (Rows of a run keep their paragraph's page and line when it has them: one paragraph per row.)
    const p = grid.length === lines.length ? lines[n - 1] : undefined;
    if (p?.page !== undefined) row.page = p.page;
    if (p?.line !== undefined) row.line = p.line;
    rows.push(row);
  }
  const first = paraNo(lines[0]!);
  const last = paraNo(lines[lines.length - 1]!);
  const span = first !== null && last !== null ? `, paragraphs ${first}–${last}` : '';
  return { name: `the ${how}${span}`, rows, a1Refs: false };
}

/** The number in a paragraph's reference ("paragraph 12" → 12), or null for other references. */
function paraNo(p: Para): number | null {
  const m = /^paragraph (\d+)$/.exec(p.ref);
  return m === null ? null : Number(m[1]);
}
