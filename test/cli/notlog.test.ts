/**
 * Files that hold no CPD log, through the `cpd-import` command (the built `dist/src/cli/bin.js`): the file was read,
 * so the exit code is 0; the readable output and the JSON carry the note saying what the file looks like; a folder
 * of such files and of near-miss logs gives each its own verdict.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { ImportResult } from '../../src/domain/index.js';

const cli = (args: string[]) => runCli(args, ['--today', '2026-11-29']);

describe('a file that is no CPD log', () => {
  it('exits 0 (it was read) and says what it looks like, as a note', async () => {
    const out = await cli(['fixtures/notlog/certificate-of-completion.pdf']);
    expect(out).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'fixtures/notlog/certificate-of-completion.pdf  (pdf, 0 records)\n' +
        '  ● the file looks like a certificate of completion, not a CPD log: certificate wording (“CERTIFICATE OF COMPLETION”, “This is to certify that”, “has successfully completed”); one person named (Jordan Blake); one course or event (“Functional Safety Fundamentals (IEC 61508 and IEC 61511)”); a signature line. No records were imported.\n' +
        'Summary: 0 records (0 completed, 0 planned), 0 h completed; 0 with gaps — record gaps: ✖ 0 errors, ▲ 0 warnings, ● 0 info\n\n',
    });
  });

  it('--read-anyway reads it as a log all the same: the entry it holds, and no note', async () => {
    const out = await cli(['fixtures/notlog/certificate-of-completion.pdf', '--json', '--read-anyway']);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as ImportResult;
    expect(r.records.map((x) => x.activityName)).toEqual(['Functional Safety Fundamentals (IEC 61508 and IEC 61511)']);
    expect(r.fileGaps.filter((g) => g.code === 'no_activities')).toEqual([]);
  });

  it('source code named .js is read when named (not taken from folders) and judged as code', async () => {
    const out = await cli(['fixtures/notlog/export-records.js', '--json']);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as ImportResult;
    expect([r.format, r.records.length, r.fileGaps.filter((g) => g.code === 'no_activities').map((g) => [g.severity, g.message.slice(0, 44)])]).toEqual(['csv', 0, [['info', 'the file looks like source code, not a CPD l']]]);
  });

  it('a folder: every non-log gives 0 records and its note, every near-miss log its records; exit 0', async () => {
    const out = await cli(['fixtures/notlog', '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('cpd-import: note: 3 files in fixtures/notlog are not a CPD log format and were not read: fixtures/notlog/export-records.js, fixtures/notlog/make.mjs, fixtures/notlog/README.md\n');
    const results = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as ImportResult);
    const verdict = (r: ImportResult): [string, number, string | null] => [r.file, r.records.length, r.fileGaps.find((g) => g.code === 'no_activities' && g.severity === 'info')?.message.replace(/, not a CPD log:.*/s, '') ?? null];
    expect(results.map(verdict)).toEqual([
      ['fixtures/notlog/activity-loader.txt', 0, 'the file looks like source code'],
      ['fixtures/notlog/blank-template.docx', 0, 'the file looks like a blank CPD template'],
      ['fixtures/notlog/certificate-of-attendance.pdf', 0, 'the file looks like a certificate of attendance'],
      ['fixtures/notlog/certificate-of-completion.pdf', 0, 'the file looks like a certificate of completion'],
      ['fixtures/notlog/conference-programme.pdf', 0, 'the file looks like a meeting agenda or an event programme'],
      ['fixtures/notlog/cpd_summary.csv', 0, 'the file looks like source code'],
      ['fixtures/notlog/cpd-policy.docx', 0, 'the file looks like prose (an essay, policy or letter)'],
      ['fixtures/notlog/cv.docx', 0, 'the file looks like a CV'],
      ['fixtures/notlog/export-records.csv', 0, 'the file looks like source code'],
      ['fixtures/notlog/invoice.pdf', 0, 'the file looks like an invoice, a receipt or a statement of account'],
      ['fixtures/notlog/logs/month-dates.xlsx', 4, null],
      ['fixtures/notlog/logs/plan-targets.xlsx', 4, null],
      ['fixtures/notlog/logs/prose-reflections.docx', 3, null],
      ['fixtures/notlog/logs/reflective-account.docx', 1, null],
      ['fixtures/notlog/logs/report-with-cover.pdf', 5, null],
      ['fixtures/notlog/logs/single-activity-record.docx', 1, null],
      ['fixtures/notlog/logs/single-activity-record.pdf', 1, null],
      ['fixtures/notlog/logs/two-row-log.csv', 2, null],
      ['fixtures/notlog/meeting-agenda.docx', 0, 'the file looks like a meeting agenda or an event programme'],
      ['fixtures/notlog/price-list.csv', 0, 'the file looks like a course catalogue or price list'],
      ['fixtures/notlog/statement-of-account.csv', 0, 'the file looks like an invoice, a receipt or a statement of account'],
      ['fixtures/notlog/tax-return-form.pdf', 0, 'the file looks like a filled form whose fields are not CPD fields'],
      ['fixtures/notlog/template-and-catalogue.xlsx', 0, 'the file looks like a blank CPD template beside a course catalogue or price list'],
    ]);
  });
});
