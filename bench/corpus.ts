/**
 * `npm run corpus`: the independent yardstick. Imports every file of fixtures/corpus/ in-process with the public
 * entry point (importFile, today 2026-11-29) and scores it against its hand-written `<file>.expect.json`
 * (test/corpus/score.ts). Prints one line per file (checks, right, first misses), then the totals by kind and by
 * field, and writes nothing.
 *
 *   node dist/bench/corpus.js [SUBSTRING…] [--misses]
 *
 * SUBSTRING keeps only the files whose name contains it; `--misses` lists every miss of every file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../src/pipeline/import.js';
import { scoreFile, type Expectation, type Score, type ScoredResult } from '../test/corpus/score.js';

const TODAY = '2026-11-29';
const DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const args = process.argv.slice(2);
const allMisses = args.includes('--misses');
const filters = args.filter((a) => !a.startsWith('--'));

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.slice(0, -'.expect.json'.length))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

interface Row {
  file: string;
  kind: string;
  score: Score;
  note: string;
}

const rows: Row[] = [];
for (const file of files) {
  const expect = JSON.parse(readFileSync(join(DIR, `${file}.expect.json`), 'utf8')) as Expectation;
  const path = join(DIR, file);
  let result: ScoredResult;
  let note = '';
  try {
    result = JSON.parse(JSON.stringify(await importFile(readFileSync(path), path, { today: TODAY }))) as ScoredResult;
  } catch (err) {
    // A file the importer refuses has no records (right for a non-log, every record missed for a log).
    result = { records: [], fileGaps: [] };
    note = `refused: ${err instanceof Error ? err.message : String(err)}`;
  }
  const score = scoreFile(expect, result);
  if (note !== '' && expect.kind !== 'not-a-log') score.misses.unshift(note);
  rows.push({ file, kind: expect.kind, score, note });
}

const pct = (right: number, checks: number): string => (checks === 0 ? '-' : `${((100 * right) / checks).toFixed(1)}%`);
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function table(head: string[], body: string[][]): void {
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...body.map((r) => (i === head.length - 1 ? 0 : r[i]!.length))));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  console.log(line(head));
  for (const r of body) console.log(line(r));
}

console.log(`cpd-import corpus — ${rows.length} files, hand-written expectations, today ${TODAY}\n`);
table(
  ['file', 'kind', 'checks', 'right', '%', 'first misses'],
  rows.map((r) => [r.file, r.kind, String(r.score.checks), String(r.score.right), pct(r.score.right, r.score.checks), clip(r.score.misses.slice(0, 2).join(' · '), 150)]),
);

if (allMisses) {
  for (const r of rows) {
    if (r.score.misses.length === 0) continue;
    console.log(`\n${r.file}`);
    for (const m of r.score.misses) console.log(`  ${m}`);
  }
}

function totals(title: string, key: (r: Row, field: string) => string): void {
  const acc = new Map<string, { checks: number; right: number }>();
  for (const r of rows) {
    for (const c of r.score.detail) {
      const k = key(r, c.field);
      const t = acc.get(k) ?? { checks: 0, right: 0 };
      t.checks++;
      if (c.ok) t.right++;
      acc.set(k, t);
    }
  }
  console.log('');
  table([title, 'checks', 'right', '%'], [...acc].map(([k, t]) => [k, String(t.checks), String(t.right), pct(t.right, t.checks)]));
}

totals('kind', (r) => r.kind);
totals('field', (_, f) => f);
const checks = rows.reduce((a, r) => a + r.score.checks, 0);
const right = rows.reduce((a, r) => a + r.score.right, 0);
console.log(`\noverall: ${right} of ${checks} checks right (${pct(right, checks)}) over ${rows.length} files`);
