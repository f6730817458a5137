/**
 * The corpus scorer itself (test/corpus/score.ts), on made-up results: what counts as a check, how records are
 * paired, and what counts as right. It does not run the importer (`npm run corpus` does).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { align, scoreFile, type Expectation } from './score.js';

const log: Expectation = {
  shape: 'test',
  kind: 'log',
  records: [
    { activityName: 'Arc flash workshop', startDate: '2024-03-14', hours: 1.67, status: 'completed', ukSpec: ['A1', 'B2'] },
    { activityName: 'Reading: HSG253', startDate: '2024-03-04', hours: null, status: 'completed' },
    { activityName: 'Agile fundamentals', status: 'planned' },
  ],
  unmapped: ['Email', 'Course URL'],
};

describe('scoreFile', () => {
  it('counts one check per listed field, one for the record count and one per unmapped heading', () => {
    const s = scoreFile(log, { records: [], fileGaps: [] });
    expect(s.checks).toBe(1 + 5 + 4 + 2 + 2);
    expect(s.right).toBe(0);
    expect(s.misses[0]).toBe('3 records wanted, got 0');
  });

  it('compares names case- and space-insensitively, hours within 0.01, UK-SPEC as a set, null as no value', () => {
    const s = scoreFile(log, {
      records: [
        { activityName: '  arc  FLASH workshop', startDate: '2024-03-14', hours: 1.666, status: 'completed', ukSpec: ['B2', 'A1'] },
        { activityName: 'Reading: HSG253', startDate: '2024-03-04', hours: null, status: 'completed', ukSpec: [] },
        { activityName: 'Agile fundamentals', status: 'planned' },
      ],
      fileGaps: [{ message: 'column E "User Email" maps to no record field' }, { message: 'column H "Course URL" maps to no record field' }],
    });
    expect(s.misses).toEqual([]);
    expect(s.right).toBe(s.checks);
  });

  it('pairs by name before order, and the rest in order so a misread name keeps its other checks', () => {
    const actual = [{ activityName: 'Agile fundamentals' }, { activityName: 'Total' }, { activityName: 'Arc flash workshop (day 1)' }, { activityName: null }];
    expect(align(log.records, actual)).toEqual([2, 1, 0]);
    expect(align(log.records, [{ activityName: 'x' }, { activityName: 'y' }])).toEqual([0, 1, -1]);
  });

  it('a wrong value, a missing record and an unnamed column are misses', () => {
    const s = scoreFile(log, {
      records: [{ activityName: 'Arc flash workshop', startDate: '2024-03-13', hours: 1.5, status: 'completed', ukSpec: ['A1'] }],
      fileGaps: [{ message: 'no emails here' }],
    });
    expect(s.misses).toEqual([
      '3 records wanted, got 1',
      '#1 "Arc flash workshop" startDate: want "2024-03-14", got "2024-03-13"',
      '#1 "Arc flash workshop" hours: want 1.67, got 1.5',
      '#1 "Arc flash workshop" ukSpec: want ["A1","B2"], got ["A1"]',
      '#2 "Reading: HSG253": no record',
      '#3 "Agile fundamentals": no record',
      'no warning names column "Email"',
      'no warning names column "Course URL"',
    ]);
  });

  it('a non-log has one check: zero records', () => {
    const notLog: Expectation = { shape: 'essay', kind: 'not-a-log', records: [] };
    expect(scoreFile(notLog, { records: [], fileGaps: [] })).toMatchObject({ checks: 1, right: 1 });
    expect(scoreFile(notLog, { records: [{ activityName: 'INVOICE' }], fileGaps: [] })).toMatchObject({ checks: 1, right: 0, misses: ['zero records wanted, got 1 (first: "INVOICE")'] });
  });
});

describe('the corpus expectations', () => {
  const dir = join(import.meta.dirname, '../../fixtures/corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.expect.json'));

  it('every corpus file has an expectation, and there are at least 45 logs or plans and 8 non-logs', () => {
    // Inputs in every format the corpus holds (trial 9 added web pages, calendars, OpenDocument, RTF and Markdown);
    // the folder's own README.md is prose about the corpus, not an input.
    const inputs = readdirSync(dir).filter((f) => /\.(csv|xlsx|docx|pdf|html|ics|ods|odt|rtf|md)$/.test(f) && f !== 'README.md');
    expect(files.map((f) => f.slice(0, -'.expect.json'.length)).sort()).toEqual(inputs.sort());
    const kinds = files.map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expectation).kind);
    expect(kinds.filter((k) => k !== 'not-a-log').length).toBeGreaterThanOrEqual(45);
    expect(kinds.filter((k) => k === 'not-a-log').length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s is well formed', (f) => {
    const e = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expectation;
    expect(e.shape).toBeTruthy();
    // A log or plan has at least one activity (a webinar attendance report records one).
    if (e.kind === 'not-a-log') expect(e.records).toEqual([]);
    else expect(e.records.length).toBeGreaterThanOrEqual(1);
    for (const r of e.records) {
      expect(r.status === 'completed' || r.status === 'planned').toBe(true);
      for (const k of ['startDate', 'endDate', 'targetDate'] as const) {
        if (r[k] !== undefined && r[k] !== null) expect(r[k]).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      }
      if (e.kind === 'plan') expect(r.status).toBe('planned');
    }
  });
});
