/**
 * `npm run bench:docs`: the document part of the benchmark (issue 3 §7). From one run it prints
 * - a Word log with a 2,000-row table: mammoth `convertToHtml` alone beside the full pipeline (importFile);
 * - a 50-page PDF table report: pdf-parse `getText` alone beside the full pipeline;
 * - OCR of a dense A4 table page scanned at 300 dpi: engine start and seconds per page (render + binarise +
 *   recognise + layout).
 * Each measurement runs in its own process; raw and pipeline runs alternate; times are the median of `--runs N`
 * (default 5; OCR at most 3).
 * Targets (issue 3): pipeline/raw ≤ 1.3 for the DOCX and the PDF; OCR ≤ 10 s per A4 page at 300 dpi.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocxLog, writePdfReport, writeScannedPage } from './docs-generate.js';

const DOCX_ROWS = Number(process.env.BENCH_DOCX_ROWS ?? 2000);
const PDF_PAGES = Number(process.env.BENCH_PDF_PAGES ?? 50);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const dir = join(tmpdir(), 'cpd-import-bench');
mkdirSync(dir, { recursive: true });
const docx = join(dir, `log-${DOCX_ROWS}.docx`);
const pdf = join(dir, `report-${PDF_PAGES}p.pdf`);
const scan = join(dir, 'scan-a4-300dpi.pdf');
if (!existsSync(docx)) await writeDocxLog(docx, DOCX_ROWS);
if (!existsSync(pdf)) await writePdfReport(pdf, PDF_PAGES);
if (!existsSync(scan)) await writeScannedPage(scan);

const runner = fileURLToPath(new URL('./docs-one.js', import.meta.url));

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMiB: number;
  records: number;
  engineStartMs?: number;
  pageMs?: number;
}

function once(mode: string, file: string): Measure {
  const out = execFileSync(process.execPath, ['--expose-gc', runner, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

function median(all: Measure[]): Measure {
  const mid = <K extends keyof Measure>(k: K): number => {
    const v = all.map((m) => Number(m[k] ?? 0)).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  return { ms: mid('ms'), cpuMs: mid('cpuMs'), maxRssMiB: Math.max(...all.map((m) => m.maxRssMiB)), records: all[0]!.records, engineStartMs: mid('engineStartMs'), pageMs: mid('pageMs') };
}

/** Raw and pipeline runs interleaved (raw, pipeline, raw, …) so that a change in machine load hits both alike. */
function measurePair(raw: string, file: string): { raw: Measure; pipeline: Measure } {
  const r: Measure[] = [];
  const p: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    r.push(once(raw, file));
    p.push(once('pipeline', file));
  }
  return { raw: median(r), pipeline: median(p) };
}

const mib = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(2)} MiB`;
console.log(`cpd-import document benchmark — median of ${RUNS} runs, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const lines: string[][] = [['input', 'stage', 'time (ms)', 'CPU (ms)', 'peak RSS (MiB)', 'records', 'ratio pipeline/raw (time, CPU)', 'target']];
for (const [label, file, raw] of [
  [`DOCX ${DOCX_ROWS} rows ${mib(docx)}`, docx, 'mammoth'],
  [`PDF ${PDF_PAGES} pages ${mib(pdf)}`, pdf, 'pdf-parse'],
] as const) {
  const { raw: r, pipeline: p } = measurePair(raw, file);
  lines.push([label, `raw (${raw})`, String(r.ms), String(r.cpuMs), String(r.maxRssMiB), '', '', '']);
  lines.push([label, 'pipeline (importFile)', String(p.ms), String(p.cpuMs), String(p.maxRssMiB), String(p.records), `${(p.ms / r.ms).toFixed(2)}, ${(p.cpuMs / r.cpuMs).toFixed(2)}`, '≤ 1.3']);
}
const o = median(Array.from({ length: Math.min(RUNS, 3) }, () => once('ocr', scan)));
lines.push([`scan A4 300 dpi ${mib(scan)}`, 'OCR engine start', String(o.engineStartMs), '', '', '', '', '']);
lines.push([`scan A4 300 dpi`, 'OCR page (render+read+layout)', String(o.pageMs), '', String(o.maxRssMiB), String(o.records), `${((o.pageMs ?? 0) / 1000).toFixed(1)} s/page`, '≤ 10 s/page']);
const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i]!)).join('  '));
