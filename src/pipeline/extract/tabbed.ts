/**
 * Logs typed as tab-aligned lines in a document ("Date⇥Activity⇥Type⇥Hours", one activity per paragraph): a table in
 * all but name. Read as paragraphs, every line was one block of prose and no record came out (trial 7: a fire
 * engineer's Word log). A run of consecutive paragraphs each holding a tab becomes a table of its own, its rows the
 * paragraphs, its cells the text between tabs.
 *
 * Our own code. Two ways of aligning by tabs are met: one tab per column (tab stops set), where an empty cell is two
 * tabs together; and several tabs to reach Word's default stops, where a short value is followed by more tabs than a
 * long one. Each line is split one tab to a cell when that gives the header's number of cells, else at each run of
 * tabs when that does.
 */
import type { Cell, ExtractedRow, ExtractedTable } from '../types.js';
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
 * them as tables (`a1Refs: false`; each row keeps its paragraph's number as its index, so a value's reference is
 * "row 4, column 2" of "the tab-aligned lines, paragraphs 3–10"). Headings, list items and paragraphs already read
 * as label/value pairs are left alone. Never throws.
 */
export function tabbedTables(paras: readonly Para[]): TabbedResult {
  const tables: ExtractedTable[] = [];
  const kept: Para[] = [];
  let run: Para[] = [];
  const flush = (): void => {
    if (run.length >= MIN_LINES) {
      const header = run[0]!.text.split('\t').map((c) => c.trim());
      const width = header.length;
      const rows: ExtractedRow[] = run.map((p, k) => {
        const cells: Cell[] = cellsOf(p.text, k === 0 ? null : width).map((c) => (c === '' ? null : c));
        const row: ExtractedRow = { index: k + 1, cells };
        if (p.page !== undefined) row.page = p.page;
        if (p.line !== undefined) row.line = p.line;
        return row;
      });
      const first = paraNo(run[0]!);
      const last = paraNo(run[run.length - 1]!);
      const span = first !== null && last !== null ? `, paragraphs ${first}–${last}` : '';
      tables.push({ name: `the tab-aligned lines${span}`, rows, a1Refs: false });
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
  return { tables, paras: kept };
}

/** The number in a paragraph's reference ("paragraph 12" → 12), or null for other references. */
function paraNo(p: Para): number | null {
  const m = /^paragraph (\d+)$/.exec(p.ref);
  return m === null ? null : Number(m[1]);
}
