/**
 * One benchmark measurement in its own process (so peak memory is this measurement's alone):
 * `node dist/bench/run-one.js MODE FILE` prints `{"ms":…, "cpuMs":…, "maxRssMiB":…, "records":…}` (`cpuMs`: user + system
 * CPU time of the timed region, all threads of the process).
 * Modes: `papaparse` (decode + papaparse, raw), `exceljs-stream` (exceljs streaming reader, every cell read),
 * `pipeline` (importFile in-process: detect, extract, map, normalise, validate).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

const [mode, file] = process.argv.slice(2);
if (!mode || !file) {
  process.stderr.write('usage: run-one MODE FILE\n');
  process.exit(2);
}

let cpu0 = process.cpuUsage();

async function run(): Promise<number> {
  const bytes = readFileSync(file!);
  cpu0 = process.cpuUsage();
  // Each timed region loads its parser library, as the pipeline does (importFile loads its extractor, and with it
  // papaparse or exceljs, on first use): the ratio compares like with like.
  if (mode === 'papaparse') {
    const t0 = performance.now();
    const { default: Papa } = await import('papaparse');
    const text = new TextDecoder('utf-8').decode(bytes);
    const res = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' });
    report(performance.now() - t0, res.data.length);
    return 0;
  }
  if (mode === 'exceljs-stream') {
    const t0 = performance.now();
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    let n = 0;
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<{ values: unknown[] }>) {
        const v = row.values;
        for (let i = 1; i < v.length; i++) if (v[i] !== undefined) n++;
      }
    }
    report(performance.now() - t0, n);
    return 0;
  }
  if (mode === 'pipeline') {
    const { importFile } = await import('../src/pipeline/import.js');
    const t0 = performance.now();
    // The benchmark files are past the default 20 MB and 50,000-row limits on purpose; limits are not what is measured.
    const res = await importFile(bytes, file!, { today: '2026-11-29', budget: { maxBytes: 2 ** 30, maxInflatedBytes: 2 ** 31, maxRows: 10_000_000 } });
    report(performance.now() - t0, res.records.length);
    return 0;
  }
  process.stderr.write(`unknown mode ${mode}\n`);
  return 2;
}

function report(ms: number, records: number): void {
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMiB: Math.round(maxRssMiB), records })}\n`);
}

process.exitCode = await run();
