/**
 * `cpd-import review FILE --body ID (--year | --period)` and `cpd-import review --bodies` as a user runs them (the
 * built bin in a child process), on a fictional nurse's revalidation log kept for the NMC
 * (fixtures/review/bodies/siobhan-achterberg-nmc-2022-2025.csv: "Participatory or individual" and "How it relates to
 * my practice" columns, as the NMC's record form asks); figures as in test/review/rulesets/bodies.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import type { BodyReview } from '../../src/review/rulesets/index.js';

const NMC_LOG = join(ROOT, 'fixtures/review/bodies/siobhan-achterberg-nmc-2022-2025.csv');

const cli = (args: string[]) => runCli(args);

describe('cpd-import review --body', () => {
  it('--body nmc --period 2022-04-01..2025-03-31: 32.5 h of 35 (not met), 20.5 h participatory (met), the journal club without a reflection, each with its rule', async () => {
    const out = await cli(['review', NMC_LOG, '--body', 'nmc', '--period', '2022-04-01..2025-03-31', '--date-order', 'dmy']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('CPD review 2022-04-01 to 2025-03-31 — NMC (Nursing and Midwifery Council)  (1 file: siobhan-achterberg-nmc-2022-2025.csv)');
    expect(lines).toContain('✖ not met        CPD hours: 32.5 h of completed CPD in 2022-04-01 to 2025-03-31 from 7 activities; 35 h required: 2.5 h short');
    expect(lines).toContain('    rule: NMC revalidation: at least 35 h of CPD in the 3 years since the last renewal');
    expect(lines).toContain('✔ met            Participatory CPD hours: 20.5 h participatory in 2022-04-01 to 2025-03-31 (10 h individual, 2 h on 1 activity that do not say); at least 20 h participatory required');
    expect(lines).toContain('    · lacking: Journal club on falls prevention — siobhan-achterberg-nmc-2022-2025.csv, row 7 (reflection)');
    expect(lines.at(-2)).toBe('Overall: ✖ not met');
  });
  it('--json with --year 2024 reviews the 3 years 2022–2024: 6 activities from 2022-06-14 on, 29.5 h', async () => {
    const out = await cli(['review', NMC_LOG, '--body', 'NMC', '--year', '2024', '--date-order', 'dmy', '--json']);
    const r = JSON.parse(out.stdout) as BodyReview & { files: string[] };
    expect(r.body).toEqual({ id: 'nmc', name: 'NMC (Nursing and Midwifery Council)' });
    expect(r.period).toEqual({ from: '2022-01-01', to: '2024-12-31', label: '2022-01-01 to 2024-12-31', years: 3 });
    // 7 + 3 + 6 + 4 + 7.5 + 2 = 29.5 (the e-learning of 2025-02-11 is after the period).
    expect(r.criteria.find((c) => c.key === 'hours')!.figures.completedHours).toBe(29.5);
  });
  it('--bodies lists the thirteen bodies, the IET first and the default', async () => {
    const out = await cli(['review', '--bodies']);
    expect(out.code).toBe(0);
    const heads = out.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(' ')[0]);
    expect(heads).toEqual(['iet', 'cibse', 'cipd', 'engineers-australia', 'engineers-ireland', 'hcpc', 'ice', 'imeche', 'istructe', 'nmc', 'riba', 'rics', 'science-council']);
    expect(out.stdout).toContain('riba                 RIBA (Royal Institute of British Architects): a calendar year, points (1–4 an activity)');
  });
  it('usage errors exit 2 with one line: an unknown body, a reversed period, the IET over a non-calendar period, no period', async () => {
    const cases: [string[], string][] = [
      [['review', NMC_LOG, '--body', 'rcvs', '--year', '2024'], 'cpd-import: no rule set for body "rcvs"; known bodies: iet, cibse, cipd, engineers-australia, engineers-ireland, hcpc, ice, imeche, istructe, nmc, riba, rics, science-council\n'],
      [['review', NMC_LOG, '--body', 'nmc', '--period', '2025-03-31..2022-04-01'], 'cpd-import: the period ends (2022-04-01) before it starts (2025-03-31)\n'],
      [['review', NMC_LOG, '--period', '2022-04-01..2025-03-31'], 'cpd-import: the IET reviews a calendar year: give --year YYYY\n'],
      [['review', NMC_LOG, '--body', 'nmc'], 'cpd-import: give the period reviewed: --year YYYY or --period YYYY-MM-DD..YYYY-MM-DD (or --trend for every year)\n'],
    ];
    for (const [args, err] of cases) {
      const out = await cli(args);
      expect([args.join(' '), out.code, out.stderr, out.stdout]).toEqual([args.join(' '), 2, err, '']);
    }
  });
});
