/**
 * `cpd-import review FILES --trend` as a user runs it (the built bin in a child process): a member's figures year
 * by year as a table, the same figures as `GET /members/:id/dashboard` (test/http/dashboard-api.test.ts) for the
 * fictional Priya Ramanathan (fixtures/dashboard/): 2023 6 h; 2024 32 h (T 18, W 8, V 6; technical-personal 8,
 * technical-job 14, soft 10; a 10 h plan entry missed; four reflections, one weak); 2025 a 7 h plan entry open.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import type { MemberTrend } from '../../src/review/dashboard/member-trend.js';

const PRIYA = join(ROOT, 'fixtures/dashboard/priya-ramanathan-cpd.csv');
const ROSA = join(ROOT, 'fixtures/dashboard/rosa-delgado-cpd.csv');

const cli = (args: string[]) => runCli(args);

describe('cpd-import review --trend', () => {
  it('prints one row per year: hours against 30 h, TWAVES and skills hours, planned and done, reflections, criteria met', async () => {
    const out = await cli(['review', PRIYA, '--trend', '--today', '2025-02-01']);
    expect([out.code, out.stderr]).toEqual([0, '']);
    const rows = out.stdout.split('\n').filter((l) => /^│ \d{4}/.test(l)).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
    expect(rows).toEqual([
      ['2023', '✖ 6', '30', '6', '0', '0', '0', '0', '0', '0', '6', '0', '0', '0', '1 of 1', '3 of 8'],
      ['2024', '32', '30', '18', '8', '0', '6', '0', '0', '8', '14', '10', '10', '0', '4 of 4', '4 of 8'],
      ['2025', '✖ 0', '30', '0', '0', '0', '0', '0', '0', '0', '0', '0', '7', '0', '0 of 0', '1 of 8'],
    ]);
    expect(out.stdout.split('\n')[0]).toBe('CPD year by year — The IET (Institution of Engineering and Technology)  (1 file: priya-ramanathan-cpd.csv)');
  });

  it('--json prints the figures as one object; --body takes another body\'s requirement', async () => {
    const out = await cli(['review', ROSA, '--trend', '--body', 'rics', '--json', '--today', '2025-02-01']);
    expect(out.code).toBe(0);
    const t = JSON.parse(out.stdout) as MemberTrend & { files: string[] };
    expect([t.files, t.body.id, t.years.map((y) => [y.year, y.hours, y.required.value])]).toEqual([['rosa-delgado-cpd.csv'], 'rics', [[2024, 22, 20]]]);
  });

  it('refuses --trend with --year (usage error, exit 2)', async () => {
    const out = await cli(['review', PRIYA, '--trend', '--year', '2024']);
    expect([out.code, out.stdout, out.stderr]).toEqual([2, '', 'cpd-import: --trend shows every year the records count in: leave out --year and --period\n']);
  });
});
