/**
 * One measurement of `npm run bench:docs`, in its own process: `node docs-one.js MODE FILE` prints a JSON line
 * `{ ms, cpuMs, maxRssMiB, records, extra? }` (cpuMs: the process's user + system CPU time over the same span).
 * Modes: `mammoth` (convertToHtml alone), `pdf-parse` (PDFParse.getText alone), `pipeline` (importFile: detect →
 * extract → map → normalise → validate), `ocr` (importFile on a scanned PDF, with the OCR engine start and the
 * per-page recognition time reported separately).
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { importFile } from '../src/pipeline/import.js';

const [mode, file] = process.argv.slice(2) as [string, string];
const cpu0 = process.cpuUsage();
const bytes = new Uint8Array(readFileSync(file));
let records: number;
const extra: Record<string, number> = {};
const t0 = performance.now();
if (mode === 'mammoth') {
  const { default: mammoth } = await import('mammoth');
  const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  records = r.value.split('<tr>').length - 2;
} else if (mode === 'pdf-parse') {
  const { PDFParse } = await import('pdf-parse');
  const p = new PDFParse({ data: new Uint8Array(bytes) });
  const r = await p.getText();
  records = r.text.split('\n').length;
  await p.destroy();
} else if (mode === 'pipeline') {
  const res = await importFile(bytes, file);
  records = res.records.length;
} else if (mode === 'ocr') {
  const ocr = await import('../src/pipeline/extract/ocr.js');
  const s = performance.now();
  const engine = await ocr.createOcrEngine(60_000);
  extra.engineStartMs = Math.round(performance.now() - s);
  const { extractPdf } = await import('../src/pipeline/extract/pdf.js');
  const p = performance.now();
  const ex = await extractPdf(bytes, { fileName: file, ocr: engine });
  extra.pageMs = Math.round(performance.now() - p);
  records = ex.tables.reduce((n, t) => n + t.rows.length - 1, 0);
  await engine.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = Math.round(performance.now() - t0);
const cpu = process.cpuUsage(cpu0);
// cpuMs: this thread's user + system CPU time for the same span (less sensitive to other load on the machine)
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
console.log(JSON.stringify({ ms, cpuMs, maxRssMiB: Math.round(resourceUsage().maxRSS / 1024), records, ...extra }));
