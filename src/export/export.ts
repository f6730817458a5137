/**
 * Exports of imported CPD records: JSON, CSV and XLSX (used by the CLI `--out` and, later, the review exports).
 * Spreadsheet outputs neutralise formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is
 * prefixed with `'` (OWASP "CSV injection" advice), so no spreadsheet program runs it as a formula.
 */
import Papa from 'papaparse';
import type { CpdRecord, Gap, ImportResult, RecordField } from '../domain/index.js';

/** One export column: heading, the record field it shows (for gap highlighting), and how to read it. */
interface ExportColumn {
  heading: string;
  field: RecordField | 'source' | 'gaps' | 'extras';
  value: (r: CpdRecord) => string | number | null;
}

function where(r: CpdRecord): string {
  const s = r.source;
  const parts: string[] = [];
  if (s.sheet !== undefined) parts.push(`sheet ${s.sheet}`);
  if (s.page !== undefined) parts.push(`page ${s.page}`);
  if (s.table !== undefined) parts.push(`table ${s.table}`);
  if (s.row !== undefined) parts.push(`row ${s.row}`);
  if (s.line !== undefined) parts.push(`line ${s.line}`);
  if (s.block !== undefined) parts.push(s.block);
  return parts.join(', ');
}

/** The columns of CSV and XLSX exports, in order. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { heading: 'File', field: 'source', value: (r) => r.source.file },
  { heading: 'Source', field: 'source', value: where },
  { heading: 'Status', field: 'status', value: (r) => r.status },
  { heading: 'Activity name', field: 'activityName', value: (r) => r.activityName },
  { heading: 'Activity type', field: 'activityType', value: (r) => r.activityType },
  { heading: 'TWAVES', field: 'twaves', value: (r) => r.twaves },
  { heading: 'Start date', field: 'startDate', value: (r) => r.startDate },
  { heading: 'End date', field: 'endDate', value: (r) => r.endDate },
  { heading: 'Target date', field: 'targetDate', value: (r) => r.targetDate },
  { heading: 'CPD hours', field: 'hours', value: (r) => r.hours },
  { heading: 'Description', field: 'description', value: (r) => r.description },
  { heading: 'Reflection', field: 'reflection', value: (r) => r.reflection },
  { heading: 'UK-SPEC', field: 'ukSpec', value: (r) => r.ukSpec.join(', ') },
  { heading: 'Skill type', field: 'skillType', value: (r) => r.skillType },
  { heading: 'Objective', field: 'objective', value: (r) => r.objective },
  { heading: 'Gaps', field: 'gaps', value: (r) => r.gaps.map(gapLine).join('\n') },
  { heading: 'Other columns', field: 'extras', value: (r) => Object.entries(r.extras).map(([k, v]) => `${k}: ${v}`).join('\n') },
];

/** `"error hours missing: no CPD hours"` — one line per gap, for CSV and the Gaps column. */
export function gapLine(g: Gap): string {
  return `${g.severity} ${g.field ?? 'record'} ${g.code}: ${g.message}`;
}

const INJECTION = /^[=+\-@\t\r]/;

/** Neutralises a text that a spreadsheet would run as a formula: `=1+2` → `'=1+2`. Other text is unchanged. */
export function neutralise(text: string): string {
  return INJECTION.test(text) ? `'${text}` : text;
}

function allRecords(results: readonly ImportResult[]): CpdRecord[] {
  return results.flatMap((r) => r.records);
}

/** Excel's limit on the characters in one cell. */
const XLSX_CELL_LIMIT = 32_767;

/** Text for an XLSX cell: neutralised, and cut to Excel's cell limit with a note (the JSON export keeps it whole). */
function xlsxText(text: string): string {
  const t = neutralise(text);
  if (t.length <= XLSX_CELL_LIMIT) return t;
  const note = ' … [cut at Excel\'s cell limit; the full text is in the JSON export]';
  return t.slice(0, XLSX_CELL_LIMIT - note.length) + note;
}

/** JSON export: the import results as a JSON array, pretty-printed. */
export function toJson(results: readonly ImportResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** CSV export: one row per record with the columns of {@link EXPORT_COLUMNS}, UTF-8 with BOM (Excel reads it). */
export function toCsv(results: readonly ImportResult[]): string {
  const rows = allRecords(results).map((r) =>
    EXPORT_COLUMNS.map((c) => {
      const v = c.value(r);
      return v === null ? '' : typeof v === 'number' ? String(v) : neutralise(v);
    }),
  );
  return `\ufeff${Papa.unparse({ fields: EXPORT_COLUMNS.map((c) => c.heading), data: rows }, { newline: '\r\n' })}\r\n`;
}

const SEVERITY_FILL: Record<Gap['severity'], string> = { error: 'FFF4B6B6', warning: 'FFFFE699', info: 'FFDDEBF7' };
const RANK: Record<Gap['severity'], number> = { error: 3, warning: 2, info: 1 };

/**
 * XLSX export: a "Records" sheet (one row per record) where every cell with a gap has a fill by severity
 * (red error, amber warning, blue info) and a comment holding the gap messages; record-level gaps mark the
 * Gaps cell. A "Gaps" sheet lists every gap, and "Files" the file-level gaps. Returns the workbook bytes.
 */
export async function toXlsx(results: readonly ImportResult[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cpd-import';
  const ws = wb.addWorksheet('Records', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.heading, width: c.field === 'description' || c.field === 'reflection' || c.field === 'gaps' ? 50 : 18 }));
  ws.getRow(1).font = { bold: true };
  const fieldCol = new Map<string, number>();
  EXPORT_COLUMNS.forEach((c, i) => fieldCol.set(c.field, i + 1));
  for (const r of allRecords(results)) {
    const row = ws.addRow(
      EXPORT_COLUMNS.map((c) => {
        const v = c.value(r);
        return v === null ? null : typeof v === 'number' ? v : xlsxText(v);
      }),
    );
    const byCol = new Map<number, Gap[]>();
    for (const g of r.gaps) {
      const col = (g.field !== null ? fieldCol.get(g.field) : undefined) ?? fieldCol.get('gaps')!;
      const list = byCol.get(col) ?? [];
      list.push(g);
      byCol.set(col, list);
    }
    for (const [col, gaps] of byCol) {
      const cell = row.getCell(col);
      const worst = gaps.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[worst.severity] } };
      cell.note = gaps.map((g) => `${g.severity.toUpperCase()} (${g.code}): ${g.message}${g.raw !== undefined ? ` [source text: ${g.raw}]` : ''}`).join('\n');
    }
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const gs = wb.addWorksheet('Gaps');
  gs.columns = [
    { header: 'File', width: 24 },
    { header: 'Source', width: 20 },
    { header: 'Activity name', width: 30 },
    { header: 'Field', width: 14 },
    { header: 'Severity', width: 10 },
    { header: 'Code', width: 16 },
    { header: 'Message', width: 70 },
    { header: 'Source text', width: 30 },
  ];
  gs.getRow(1).font = { bold: true };
  for (const res of results) {
    for (const g of res.fileGaps) gs.addRow([res.file, 'file', null, g.field, g.severity, g.code, xlsxText(g.message), g.raw === undefined ? null : xlsxText(g.raw)]);
    for (const r of res.records) {
      for (const g of r.gaps) {
        gs.addRow([r.source.file, where(r), r.activityName === null ? null : xlsxText(r.activityName), g.field, g.severity, g.code, xlsxText(g.message), g.raw === undefined ? null : xlsxText(g.raw)]);
      }
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
