/**
 * The corpus of real-shaped files (fixtures/corpus/: platform exports, trackers, forms, plans and files that hold
 * no log, each with a hand-written expectation) read by the pipeline and checked field by field: every check the
 * importer gets wrong is listed, exactly, in fixtures/corpus/known-misses.json — the open work, file by file. A
 * change that fixes a miss or makes a new one fails here; after a deliberate change, regenerate with
 * `UPDATE_CORPUS=1 npx vitest run test/corpus/corpus.test.ts` and read the diff (a new miss is a regression
 * unless its expectation was wrong). `npm run corpus` prints the score as a table. (The score itself is not held
 * to a floor: each new unseen set lowers it until its misses are fixed; the exact lists keep it from falling back.)
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

async function misses(file: string): Promise<string[]> {
  const exp = JSON.parse(readFileSync(join(DIR, `${file}.expect.json`), 'utf8')) as Expectation;
  let result: ScoredResult;
  try {
    result = JSON.parse(JSON.stringify(await importFile(readFileSync(join(DIR, file)), join(DIR, file), { today: TODAY, name: file }))) as ScoredResult;
  } catch (err) {
    result = { records: [], fileGaps: [] };
    if (exp.kind !== 'not-a-log') return [`refused: ${err instanceof Error ? err.message : String(err)}`];
  }
  return scoreFile(exp, result).misses;
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

