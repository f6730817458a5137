/**
 * `cpd-import review FILE... --year YYYY [--status …] [--json]` as a user runs it (the built bin in a child process):
 * the JSON object, the readable report (icons and words, no colour needed), exit codes 0 / 1 / 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import type { AnnualReview } from '../../src/review/criteria/index.js';

const GRACE = join(ROOT, 'fixtures/review/grace-lindqvist-cpd-2024.xlsx');

const cli = (args: string[]) => runCli(args);

describe('cpd-import review', () => {
  it('--json prints one object: the files read and the review (figures as in test/review/criteria/criteria.test.ts)', async () => {
    const out = await cli(['review', GRACE, '--year', '2024', '--json', '--today', '2025-02-01']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as AnnualReview & { files: string[] };
    expect(r.files).toEqual(['grace-lindqvist-cpd-2024.xlsx']);
    expect([r.year, r.activityStatus, r.overall]).toEqual([2024, 'active', 'not_met']);
    expect(r.criteria.hours.figures.completedHours).toBe(43);
    expect(r.criteria.skills.figures.hours).toEqual({ 'technical-personal': 22, 'technical-job': 11.5, soft: 8.5 });
    expect(r.criteria.reflection.figures.weak.map((w) => w.where)).toEqual(['grace-lindqvist-cpd-2024.xlsx, sheet CPD Log 2024, row 7', 'grace-lindqvist-cpd-2024.xlsx, sheet CPD Log 2024, row 13']);
  });

  it('--status reduced: 10 h required', async () => {
    const out = await cli(['review', GRACE, '--year', '2024', '--status', 'reduced', '--json']);
    const r = JSON.parse(out.stdout) as AnnualReview;
    expect([r.activityStatus, r.criteria.hours.figures.required, r.criteria.hours.outcome, r.criteria.skills.outcome]).toEqual(['reduced', 10, 'met', 'met']);
  });

  it('reads without colour: an icon and a word per criterion, the records behind it, the overall outcome', async () => {
    const out = await cli(['review', GRACE, '--year', '2024', '--today', '2025-02-01']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Annual CPD review 2024  (1 file: grace-lindqvist-cpd-2024.xlsx)',
      '14 records: 8 completed and 2 planned count in 2024; 3 in other years; 1 without a date',
      'Activity status: professionally active (30 h required)',
    ]);
    expect(lines).toContain('✔ met            CPD hours: 43 h of completed CPD in 2024 from 8 activities; 30 h required (professionally active)');
    expect(lines).toContain('✖ not met        Technical and soft skills: technical-personal 22 h, technical-job 11.5 h, soft 8.5 h against the suggested 10 h each; soft 1.5 h short');
    expect(lines).toContain('    · weak reflection: Mentoring two graduate engineers — grace-lindqvist-cpd-2024.xlsx, sheet CPD Log 2024, row 7 (only stock phrases)');
    expect(lines.filter((l) => l.startsWith('? not assessable'))).toHaveLength(1);
    expect(lines).toContain('Overall: ✖ not met');
    expect(out.stdout).not.toMatch(/\u001b\[/);
  });

  it('a file that cannot be read: exit 1 with one line on stderr; the review covers the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpd-review-'));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const out = await cli(['review', GRACE, empty, '--year', '2024', '--json']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^cpd-import: .*empty\.csv: .+\n$/);
    expect((JSON.parse(out.stdout) as AnnualReview).criteria.hours.figures.completedHours).toBe(43);
  });

  it('usage errors exit 2: no --year, a malformed year, an unknown status, no file', async () => {
    for (const args of [['review', GRACE], ['review', GRACE, '--year', '24'], ['review', GRACE, '--year', '2024', '--status', 'retired'], ['review', '--year', '2024']]) {
      const out = await cli(args);
      expect([args.join(' '), out.code]).toEqual([args.join(' '), 2]);
      expect(out.stdout).toBe('');
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
