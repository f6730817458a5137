/**
 * Values from real exports, read through the whole pipeline (issue 9 scope 5 and 7): learning-platform exports with
 * zoned date-times, seconds, ISO durations, "no value" placeholders and HTML; CPD points and other schemes' units;
 * development-plan targets written as durations or prose. Each file is small and made up in the shape of a real one.
 */
import { describe, expect, it } from 'vitest';
import type { CpdRecord, ImportResult } from '../../src/domain/index.js';
import { importFile, type ImportOptions } from '../../src/pipeline/import.js';

const TODAY = '2026-01-10';

async function run(csv: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importFile(new TextEncoder().encode(csv), 'export.csv', { today: TODAY, ...options });
}

function gapsOf(rec: CpdRecord, field: string): string[] {
  return rec.gaps.filter((g) => g.field === field).map((g) => `${g.code}/${g.severity}: ${g.message}`);
}

const PLATFORM = [
  'Course Title,Date,Duration (s),Type,Description',
  'Python Essentials,2024-06-30T23:30:00Z,5400,Online course,"<p>Learn <b>Python</b> basics</p><ul><li>Variables</li><li>Loops &amp; functions</li></ul>"',
  'Excel Tips &amp; Tricks,2024-01-15T23:30:00Z,1800,N/A,N/A',
  'Negotiation Skills,2024-03-05T00:00:00.000Z,PT1H30M,null,—',
].join('\n');

describe('a learning-platform export', async () => {
  const res = await run(PLATFORM);
  const [python, excel, negotiation] = res.records as [CpdRecord, CpdRecord, CpdRecord];

  it('dates a zoned date-time in Europe/London, saying so', () => {
    expect(python.startDate).toBe('2024-07-01');
    expect(python.raw.startDate).toBe('2024-06-30T23:30:00Z');
    expect(gapsOf(python, 'startDate')).toEqual([
      'inferred/info: "2024-06-30T23:30:00Z": time 23:30:00Z is 00:30 BST on 1 July 2024 in Europe/London: the date there is kept, not 30 June 2024 as written',
    ]);
    expect(excel.startDate).toBe('2024-01-15');
    expect(negotiation.startDate).toBe('2024-03-05');
  });

  it('reads seconds under a seconds heading and an ISO 8601 duration as hours, without a conversion', () => {
    expect([python.hours, excel.hours, negotiation.hours]).toEqual([1.5, 0.5, 1.5]);
    expect(gapsOf(python, 'hours')).toEqual(['inferred/info: "5400": 5400 s = 1.5 h']);
    expect(negotiation.raw.hours).toBe('PT1H30M');
    expect(res.records.flatMap((r) => r.gaps).filter((g) => g.code === 'converted')).toEqual([]);
  });

  it('reads HTML as plain text with its lines, and keeps the HTML in raw', () => {
    expect(python.description).toBe('Learn Python basics\n\n- Variables\n- Loops & functions');
    expect(python.raw.description).toBe('<p>Learn <b>Python</b> basics</p><ul><li>Variables</li><li>Loops &amp; functions</li></ul>');
    expect(excel.activityName).toBe('Excel Tips & Tricks');
    expect(excel.raw.activityName).toBe('Excel Tips &amp; Tricks');
  });

  it('takes N/A, null and — as empty: no value, no invalid gap, no extra', () => {
    for (const rec of [excel, negotiation]) {
      expect(rec.activityType).toBeNull();
      expect(rec.description).toBeNull();
      expect(rec.extras).toEqual({});
      expect(rec.raw.activityType).toBeUndefined();
      expect(rec.gaps.filter((g) => g.code === 'invalid')).toEqual([]);
      // validation says what is missing, as for an empty cell
      expect(gapsOf(rec, 'description')).toEqual(['missing/warning: no description']);
    }
  });

  it('dates in another time zone when the setting says so', async () => {
    const ny = await run(PLATFORM, { timeZone: 'America/New_York' });
    expect(ny.records.map((r) => r.startDate)).toEqual(['2024-06-30', '2024-01-15', '2024-03-05']);
    await expect(run(PLATFORM, { timeZone: 'Mars/Olympus_Mons' })).rejects.toThrow(/"Mars\/Olympus_Mons" is not a time zone name/);
  });
});

const POINTS = [
  'Activity,Date,CPD points,Type',
  'Webinar on arc flash,05-Mar-2024,2,Webinar',
  'US accounting course,"March 5th, 2024",4 CPE,Course',
  'IACET module,"5 March, 2024",0.5 CEU,Course',
].join('\n');

describe('CPD points and other schemes\' units', async () => {
  const res = await run(POINTS);
  const [webinar, cpe, ceu] = res.records as [CpdRecord, CpdRecord, CpdRecord];

  it('counts a point as an hour (UK and Irish convention) with a converted gap showing the text and the rule', () => {
    expect(webinar.hours).toBe(2);
    expect(gapsOf(webinar, 'hours')).toEqual([
      'converted/warning: "2" converted to 2 h: 1 point = 1 h (the UK and Irish CPD convention: one point or credit per hour of learning; hours per point is a setting); some bodies\' points are not time (RIBA) — check',
    ]);
  });

  it('converts US CPE credits and CEUs by their own rules', () => {
    expect([cpe.hours, ceu.hours]).toEqual([3.3333, 5]);
    expect(gapsOf(cpe, 'hours')[0]).toBe('converted/warning: "4 CPE" converted to 3.3333 h: 1 US CPE credit = 50 minutes');
    expect(gapsOf(ceu, 'hours')[0]).toBe('converted/warning: "0.5 CEU" converted to 5 h: 1 CEU = 10 contact hours (IACET)');
  });

  it('reads the export date forms', () => {
    expect(res.records.map((r) => r.startDate)).toEqual(['2024-03-05', '2024-03-05', '2024-03-05']);
  });

  it('takes hours per point from the setting', async () => {
    const half = await run(POINTS, { hoursPerPoint: 0.5 });
    expect(half.records[0]!.hours).toBe(1);
    expect(gapsOf(half.records[0]!, 'hours')).toEqual([
      'converted/warning: "2" converted to 1 h: 1 point = 0.5 h (hours per point, a setting); some bodies\' points are not time (RIBA) — check',
    ]);
  });
});

const PLAN = [
  'Objective,Planned activity,Target date,Success measure',
  'Get chartered,Submit application,end of Q2 2025,Registered as CEng',
  'Learn Rust,Online course,6 weeks,Build a CLI tool',
  'Lead a team,Shadow the manager,by end of term,Feedback from the team',
  'Improve report writing,Writing course,"Jan,3rd 2025",Reports accepted first time',
  'Present at a conference,Give a talk,"June, 2024",Talk given',
  'Mentor a graduate,Mentoring,ongoing,Graduate chartered',
  'Read standards,Read BS 7671,by March 2025,Notes written',
].join('\n');

describe('a development plan\'s targets', async () => {
  const res = await run(PLAN);
  const byName = (n: string): CpdRecord => res.records.find((r) => r.activityName === n)!;

  it('every row is a planned record; a target that is a date is read, with the conventions for reduced precision', () => {
    expect(res.records.map((r) => [r.objective, r.activityName, r.status, r.targetDate])).toEqual([
      ['Get chartered', 'Submit application', 'planned', '2025-06-30'],
      ['Learn Rust', 'Online course', 'planned', null],
      ['Lead a team', 'Shadow the manager', 'planned', null],
      ['Improve report writing', 'Writing course', 'planned', '2025-01-03'],
      ['Present at a conference', 'Give a talk', 'planned', '2024-06'],
      ['Mentor a graduate', 'Mentoring', 'planned', null],
      ['Read standards', 'Read BS 7671', 'planned', '2025-03'],
    ]);
    expect(res.records[0]!.extras).toEqual({ 'Success measure': 'Registered as CEng' });
    expect(gapsOf(byName('Submit application'), 'targetDate')[0]).toBe(
      'inferred/info: "end of Q2 2025": Q2 read as the calendar quarter April–June; "end of" read as the last day of the period, 30 June 2025',
    );
    expect(gapsOf(byName('Give a talk'), 'targetDate')[0]).toBe('reduced_precision/info: "June, 2024" gives only a month; kept as 2024-06');
  });

  it('a target that is a duration or prose gets a gap saying so, its text kept', () => {
    const rust = byName('Online course');
    expect(rust.raw.targetDate).toBe('6 weeks');
    expect(gapsOf(rust, 'targetDate')).toEqual([
      'missing/warning: "6 weeks" is a duration, not a date: the target date is not set (give the date it is due by, e.g. 30 June 2025)',
    ]);
    const term = byName('Shadow the manager');
    expect(term.raw.targetDate).toBe('by end of term');
    expect(gapsOf(term, 'targetDate')).toEqual([
      'missing/warning: "by end of term" is a time named by an event or a period, not a date: the target date is not set (give the date it is due by, e.g. 30 June 2025)',
    ]);
    expect(gapsOf(byName('Mentoring'), 'targetDate')).toEqual(['missing/warning: the target date is a placeholder ("ongoing"): "ongoing" stands for a date not given (yet)']);
  });
});
