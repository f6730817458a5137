/**
 * `npm run bench`: generates a 100,000-row CSV and a 100,000-row Excel-like XLSX (shared strings, date cells; eight
 * columns of realistic, varied values: bench/generate.ts) and prints, per file, the raw parser alone (papaparse;
 * exceljs streaming reader), the in-process pipeline (importFile) and the CLI end to end (`cpd-import FILE --json`
 * to /dev/null under `/usr/bin/time -v`), each in its own process: CPU time (user + system, the figure to trust on
 * a shared machine), wall time, peak RSS and the 1-minute load average when it ran, medians of `--runs N`
 * (default 3; peak RSS: the maximum), and the CPU ratios to the raw parser.
 * Targets (issue 13): CLI CPU ≤ 5× papaparse and ≤ 400 MiB for the CSV; ≤ 1.3× exceljs and ≤ 300 MiB for the XLSX.
 * The worker end to end is `npm run bench:service`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv, writeXlsx } from './generate.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const dir = join(tmpdir(), 'cpd-import-bench');
mkdirSync(dir, { recursive: true });
// v2: the Excel-like, varied inputs of issue 13 (the v1 files had inline strings and little variety).
const csv = join(dir, `log-v2-${ROWS}.csv`);
const xlsx = join(dir, `log-v2-${ROWS}.xlsx`);
if (!existsSync(csv)) await writeCsv(csv, ROWS);
if (!existsSync(xlsx)) await writeXlsx(xlsx, ROWS);

const runner = fileURLToPath(new URL('./run-one.js', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));

/** One measurement: CPU and wall time (ms), peak RSS (MiB), records or cells read, 1-minute load average. */
interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMiB: number;
  records: number;
  load: number;
}

function inProcess(mode: string, file: string): Measure {
  const load = loadavg()[0]!;
  const out = execFileSync(process.execPath, [runner, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<Measure, 'load'>), load };
}

/** `cpd-import FILE --json > /dev/null` under `/usr/bin/time -v` (limits raised: limits are not what is measured). */
function endToEnd(file: string): Measure {
  const load = loadavg()[0]!;
  const args = ['-v', process.execPath, cli, file, '--json', '--max-size', '1024', '--max-rows', '10000000', '--timeout', '600', '--today', '2026-11-29'];
  const res = spawnSync('/usr/bin/time', args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const err = res.stderr;
  const num = (re: RegExp): number => Number(re.exec(err)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const ms = wall ? ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000 : NaN;
  if (res.status !== 0) throw new Error(`cpd-import exited ${res.status}: ${err.slice(0, 500)}`);
  return {
    ms: Math.round(ms),
    cpuMs: Math.round((num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000),
    maxRssMiB: Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024),
    records: NaN,
    load,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(run: () => Measure): Measure {
  const all = Array.from({ length: RUNS }, run);
  return {
    ms: median(all.map((m) => m.ms)),
    cpuMs: median(all.map((m) => m.cpuMs)),
    maxRssMiB: Math.max(...all.map((m) => m.maxRssMiB)),
    records: all[0]!.records,
    load: median(all.map((m) => m.load)),
  };
}

const mib = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(1)} MiB`;
console.log(`cpd-import benchmark — ${ROWS.toLocaleString('en-GB')} rows × 8 columns, median of ${RUNS} runs, node ${process.version}, load at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const lines: string[][] = [['input', 'stage', 'CPU (ms)', 'wall (ms)', 'peak RSS (MiB)', 'load (1 min)', 'rows/records', 'CPU ratio to raw', 'target']];
for (const [label, file, raw, target] of [
  [`CSV ${mib(csv)}`, csv, 'papaparse', 'CLI ≤ 5×, ≤ 400 MiB'],
  [`XLSX ${mib(xlsx)}`, xlsx, 'exceljs-stream', 'CLI ≤ 1.3×, ≤ 300 MiB'],
] as const) {
  const r = measure(() => inProcess(raw, file));
  const p = measure(() => inProcess('pipeline', file));
  const c = measure(() => endToEnd(file));
  const row = (stage: string, m: Measure, ratio: string, t: string): string[] =>
    [label, stage, String(m.cpuMs), String(m.ms), String(m.maxRssMiB), m.load.toFixed(2), Number.isNaN(m.records) ? '' : String(m.records), ratio, t];
  lines.push(row(`raw (${raw})`, r, '', ''));
  lines.push(row('pipeline (importFile)', p, (p.cpuMs / r.cpuMs).toFixed(2), ''));
  lines.push(row('CLI --json > /dev/null', c, (c.cpuMs / r.cpuMs).toFixed(2), target));
}
const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i]!)).join('  '));
