/**
 * The corpus of real-shaped files (fixtures/corpus/: platform exports, trackers, forms, plans and files that hold
 * no log, each with a hand-written expectation) read by the pipeline and checked field by field: every check the
 * importer gets wrong is listed, exactly, in fixtures/corpus/known-misses.json — the open work, file by file. A
 * change that fixes a miss or makes a new one fails here; after a deliberate change, regenerate with
 * `UPDATE_CORPUS=1 npx vitest run test/corpus/corpus.test.ts` and read the diff (a new miss is a regression
 * unless its expectation was wrong). `npm run corpus` prints the same figures as a table.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { scoreFile, type Expectation, type ScoredResult } from './score.js';

const DIR = join(import.meta.dirname, '../../fixtures/corpus');
const KNOWN = join(DIR, 'known-misses.json');
const TODAY = '2026-11-29';
const UPDATE = process.env.UPDATE_CORPUS === '1';

const files = readdirSync(DIR).filter((f) => f.endsWith('.expect.json')).map((f) => f.slice(0, -'.expect.json'.length)).sort();
const known = JSON.parse(readFileSync(KNOWN, 'utf8')) as Record<string, string[]>;
const found: Record<string, string[]> = {};
let checks = 0;
let right = 0;

async function misses(file: string): Promise<string[]> {
  const exp = JSON.parse(readFileSync(join(DIR, `${file}.expect.json`), 'utf8')) as Expectation;
  let result: ScoredResult;
  try {
    result = JSON.parse(JSON.stringify(await importFile(readFileSync(join(DIR, file)), join(DIR, file), { today: TODAY, name: file }))) as ScoredResult;
  } catch (err) {
    result = { records: [], fileGaps: [] };
    if (exp.kind !== 'not-a-log') return [`refused: ${err instanceof Error ? err.message : String(err)}`];
  }
  const score = scoreFile(exp, result);
  checks += score.checks;
  right += score.right;
  return score.misses;
}

describe('the corpus of real-shaped files: every miss is a known one', () => {
  it.each(files)('%s', async (file) => {
    const m = await misses(file);
    if (m.length > 0) found[file] = m;
    if (!UPDATE) expect(m).toEqual(known[file] ?? []);
  });

  afterAll(() => {
    if (UPDATE) writeFileSync(KNOWN, `${JSON.stringify(found, null, 2)}\n`);
  });

  it('lists no file that is no longer in the corpus', () => {
    expect(Object.keys(known).filter((f) => !files.includes(f))).toEqual([]);
  });
});

describe('the corpus score', () => {
  it('is at least 95 % of the checks (issue 9 aims at 95 % on unseen files)', async () => {
    if (checks === 0) for (const f of files) await misses(f);
    expect(right / checks).toBeGreaterThanOrEqual(0.95);
  });
});
