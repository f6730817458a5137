/**
 * `npm run bench`: generates a 100,000-row CSV and a 100,000-row XLSX (eight columns, realistic values) and prints,
 * from one run, the time and peak memory of the raw parser alone (papaparse; exceljs streaming reader) next to
 * the full pipeline (importFile), and their ratio. Each measurement runs in its own process; the figure shown is
 * the median of `--runs N` (default 3) for time, the maximum for memory.
 * Targets (issue 2): CSV ratio ≤ 1.6, XLSX ratio ≤ 1.2, XLSX pipeline peak ≤ 300 MiB.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv, writeXlsx } from './generate.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const dir = join(tmpdir(), 'cpd-import-bench');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `log-${ROWS}.csv`);
const xlsx = join(dir, `log-${ROWS}.xlsx`);
if (!existsSync(csv)) await writeCsv(csv, ROWS);
if (!existsSync(xlsx)) await writeXlsx(xlsx, ROWS);

const runner = fileURLToPath(new URL('./run-one.js', import.meta.url));

interface Measure {
  ms: number;
  maxRssMiB: number;
  records: number;
}

function measure(mode: string, file: string): Measure {
  const all: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [runner, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    all.push(JSON.parse(out.trim().split('\n').pop()!) as Measure);
  }
  const ms = all.map((m) => m.ms).sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)]!, maxRssMiB: Math.max(...all.map((m) => m.maxRssMiB)), records: all[0]!.records };
}

const mib = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(1)} MiB`;
console.log(`cpd-import benchmark — ${ROWS.toLocaleString('en-GB')} rows × 8 columns, median of ${RUNS} runs, node ${process.version}`);
const lines: string[][] = [['input', 'stage', 'time (ms)', 'peak RSS (MiB)', 'rows/records', 'ratio pipeline/raw', 'target']];
for (const [label, file, raw, target] of [
  [`CSV ${mib(csv)}`, csv, 'papaparse', '≤ 1.6'],
  [`XLSX ${mib(xlsx)}`, xlsx, 'exceljs-stream', '≤ 1.2, ≤ 300 MiB'],
] as const) {
  const r = measure(raw, file);
  const p = measure('pipeline', file);
  lines.push([label, `raw (${raw})`, String(r.ms), String(r.maxRssMiB), String(r.records), '', '']);
  lines.push([label, 'pipeline (importFile)', String(p.ms), String(p.maxRssMiB), String(p.records), (p.ms / r.ms).toFixed(2), target]);
}
const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i]!)).join('  '));
