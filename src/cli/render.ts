/**
 * The readable CLI output of one import: a table of records in which every cell with a gap carries a symbol
 * (✖ error, ▲ warning, ● info) and, with colour on, a colour — so it reads without colour — followed by the gap
 * messages per record and a summary.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CpdRecord, Gap, ImportResult } from '../domain/index.js';

const SYMBOL: Record<Gap['severity'], string> = { error: '✖', warning: '▲', info: '●' };
const RANK: Record<Gap['severity'], number> = { error: 3, warning: 2, info: 1 };

type Paint = (s: string) => string;

function painter(color: boolean): Record<Gap['severity'], Paint> & { dim: Paint; bold: Paint } {
  const c = pc.createColors(color);
  return { error: c.red, warning: c.yellow, info: c.cyan, dim: c.dim, bold: c.bold };
}

function worst(gaps: readonly Gap[]): Gap['severity'] | null {
  let w: Gap['severity'] | null = null;
  for (const g of gaps) if (w === null || RANK[g.severity] > RANK[w]) w = g.severity;
  return w;
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** Where a record was read: `Log!12` (sheet and row), `p2:14` (page and line), `t3 r5` (table and row), a block. */
function sourceLabel(r: CpdRecord): string {
  const s = r.source;
  if (s.page !== undefined) return `p${s.page}${s.line !== undefined ? `:${s.line}` : ''}`;
  if (s.row !== undefined) return `${s.sheet !== undefined ? `${truncate(s.sheet, 12)}!` : s.table !== undefined ? `t${s.table} r` : ''}${s.row}`;
  return s.block ?? '';
}

const COLUMNS: ReadonlyArray<[string, string, (r: CpdRecord) => string, number]> = [
  ['Source', 'source', sourceLabel, 16],
  ['Activity', 'activityName', (r) => r.activityName ?? '', 34],
  ['Type', 'activityType', (r) => r.activityType ?? '', 14],
  ['TW', 'twaves', (r) => r.twaves ?? '', 4],
  ['Start', 'startDate', (r) => r.startDate ?? '', 10],
  ['End', 'endDate', (r) => r.endDate ?? '', 10],
  ['Target', 'targetDate', (r) => r.targetDate ?? '', 10],
  ['Hours', 'hours', (r) => (r.hours === null ? '' : String(r.hours)), 6],
  ['UK-SPEC', 'ukSpec', (r) => r.ukSpec.join(' '), 12],
  ['Desc', 'description', (r) => (r.description === null ? '' : '✓'), 4],
  ['Refl', 'reflection', (r) => (r.reflection === null ? '' : '✓'), 4],
];

function newTable(): InstanceType<typeof Table> {
  return new Table({ head: ['#', 'Status', ...COLUMNS.map((c) => c[0])], style: { head: [], border: [] }, wordWrap: false });
}

/**
 * The unmapped-column warnings in one line (a wide export has twenty such columns): each named by its column
 * and heading; the reasons and sample values are in `--json` and in `--out`.
 */
function unmappedLine(gaps: readonly Gap[]): string {
  const names = gaps.map((g) => {
    const col = /\bcolumn (\S+) "/.exec(g.message)?.[1];
    return col !== undefined ? `${col} "${g.raw ?? ''}"` : `"${g.raw ?? ''}"`;
  });
  const what = gaps.length === 1 ? '1 column or label holds values that map' : `${gaps.length} columns or labels hold values that map`;
  return `${what} to no record field; kept in extras (why, with examples: --json): ${names.join(', ')}`;
}

/** Renders one import result for the terminal. `label` names the file; `color` switches ANSI colour. */
export function renderResult(result: ImportResult, label: string, color: boolean): string {
  const p = painter(color);
  const out: string[] = [];
  out.push(p.bold(`${label}  (${result.format}, ${result.records.length} record${result.records.length === 1 ? '' : 's'})`));
  // The file is named above: a message that starts with its name says it once.
  const own = (m: string): string => (m.startsWith(`${result.file} `) ? m.slice(result.file.length + 1) : m);
  const unmapped = result.fileGaps.filter((g) => g.code === 'unmapped');
  for (const g of result.fileGaps) if (g.code !== 'unmapped') out.push(`  ${p[g.severity](SYMBOL[g.severity])} ${own(g.message)}`);
  if (unmapped.length > 0) out.push(`  ${p.warning(SYMBOL.warning)} ${unmappedLine(unmapped)}`);
  if (result.records.length > 0) {
    // cli-table3 slows down sharply past a few hundred rows; long logs are printed as tables of 100 rows.
    let table = newTable();
    result.records.forEach((r, i) => {
      if (i > 0 && i % 100 === 0) {
        out.push(table.toString());
        table = newTable();
      }
      const cells = COLUMNS.map(([, field, get, width]) => {
        const gaps = r.gaps.filter((g) => g.field === field);
        const w = worst(gaps);
        const text = truncate(get(r), width);
        return w === null ? text : p[w](`${SYMBOL[w]} ${text}`);
      });
      const rw = worst(r.gaps.filter((g) => g.field === null));
      const n = rw === null ? String(i + 1) : p[rw](`${SYMBOL[rw]}${i + 1}`);
      table.push([n, r.status === 'planned' ? 'plan' : 'done', ...cells]);
    });
    out.push(table.toString());
    const lines: string[] = [];
    result.records.forEach((r, i) => {
      for (const g of r.gaps) {
        if (g.severity === 'info') continue;
        lines.push(`  ${p[g.severity](SYMBOL[g.severity])} #${i + 1} ${g.field ?? 'record'}: ${g.message}`);
      }
    });
    if (lines.length > 0) {
      out.push(p.bold('Gaps (errors and warnings; --json or --out for all, with info):'));
      out.push(...lines);
    }
  }
  const s = result.summary;
  out.push(
    `${p.bold('Summary')}: ${s.records} records (${s.completed} completed, ${s.planned} planned), ${s.totalHours} h completed; ` +
      `${s.recordsWithGaps} with gaps — record gaps: ${p.error(`${SYMBOL.error} ${s.gaps.error} errors`)}, ${p.warning(`${SYMBOL.warning} ${s.gaps.warning} warnings`)}, ${p.info(`${SYMBOL.info} ${s.gaps.info} info`)}`,
  );
  return `${out.join('\n')}\n\n`;
}
