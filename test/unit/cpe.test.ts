/**
 * Whose CPE credits (src/pipeline/normalise/cpe.ts): a US CPE credit is 50 minutes (NASBA), an ISC2 CPE credit one
 * hour, decided by what the file says of itself. Fictional member.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { ceuRuleOf, cpeRuleOf } from '../../src/pipeline/normalise/cpe.js';

const ISC2 = { unit: 'cpe', hours: 1, text: '1 CPE credit = 1 hour (ISC2)' };

describe('cpeRuleOf', () => {
  it('a name of ISC2 or one of its credentials', () => {
    expect(cpeRuleOf(['CISSP CPE log 2026.xlsx'], [])).toEqual({ ...ISC2, where: 'as "CISSP CPE log 2026.xlsx" names ISC2' });
    expect(cpeRuleOf(['(ISC)² CPE record'], [])).toEqual({ ...ISC2, where: 'as "(ISC)² CPE record" names ISC2' });
  });
  it("a column of ISC2's credit groups", () => {
    expect(cpeRuleOf(['cpe.csv'], [['Webinar', 'Course'], ['Group A', 'Group A', 'Group B', '']])).toEqual({ ...ISC2, where: "as the credits are sorted into ISC2's Group A and Group B" });
  });
  it('nothing naming a body: no rule (the US CPE default of 50 minutes holds)', () => {
    expect(cpeRuleOf(['cpe-tracker.csv', 'CPE 2026'], [['Ethics', 'Tax update'], ['A', 'B']])).toBeUndefined();
  });
});

describe('a CPE list sorted into Group A / Group B', () => {
  const csv = [
    'Activity Date,Title,CPE Type,CPE Credits',
    '01/20/2026,Webinar: Zero trust architecture for OT networks,Group A,1.5',
    '02/24/2026,BSides conference,Group A,7',
    '04/08/2026,Negotiation skills course,Group B,6',
  ].join('\n');
  const us = ['Date,Course,CPE Credits', '01/20/2026,Revenue recognition update,2', '02/24/2026,Ethics for CPAs,4'].join('\n');

  it('counts each credit as an hour, and says why', async () => {
    const res = await importFile(Buffer.from(csv), 'portal-export.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => r.hours)).toEqual([1.5, 7, 6]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'hours')).toEqual({
      field: 'hours', code: 'converted', severity: 'warning', message: "\"1.5\" converted to 1.5 h: 1 CPE credit = 1 hour (ISC2), as the credits are sorted into ISC2's Group A and Group B", raw: '1.5',
    });
  });

  it('a US CPE tracker keeps 50 minutes per credit', async () => {
    const res = await importFile(Buffer.from(us), 'cpe-tracker.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => r.hours)).toEqual([1.6667, 3.3333]);
  });
});

describe('ceuRuleOf', () => {
  it('whole CEUs, some of 8 or more: one CEU per hour (CompTIA), with why', () => {
    expect(ceuRuleOf(['12', '16', '8', '1'])).toEqual({ unit: 'ceus', hours: 1, text: '1 CEU = 1 hour', where: "as the CEUs are written in whole units up to 16 (at IACET's 10 hours per CEU one activity would take 160 h)" });
  });
  it("tenths of a CEU, or small whole numbers, or too few values: IACET's rate stands", () => {
    expect(ceuRuleOf(['0.3', '1.2', '2.4', '0.6'])).toBeUndefined();
    expect(ceuRuleOf(['1', '2', '3', '2'])).toBeUndefined();
    expect(ceuRuleOf(['12', '16'])).toBeUndefined();
  });
});

describe('credits written with their unit in each cell', () => {
  it('"CPE Credits" over "2.0 CPE" cells is the hours column, at 50 minutes a credit', async () => {
    const csv = ['Date Completed,Course Title,Provider,CPE Credits', '03/14/2026,Revenue recognition update,Becker,2.0 CPE', '05/02/2026,Ethics for CPAs,AICPA,4.0 CPE', '09/18/2026,Data analytics in audit,Surgent,8.0 CPE'].join('\n');
    const res = await importFile(Buffer.from(csv), 'cpe-history.csv', { today: '2026-11-29' });
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'CPE Credits')?.field).toBe('hours');
    expect(res.records.map((r) => [r.endDate, r.hours])).toEqual([['2026-03-14', 1.6667], ['2026-05-02', 3.3333], ['2026-09-18', 6.6667]]);
  });
  it('a CEU column of whole units counts one CEU as an hour', async () => {
    const csv = ['Completed,Activity,CEUs', '2026-02-10,CompTIA Security+ renewal webinar series,12', '2026-04-22,Vendor training: firewall administration,16', '2026-07-09,Industry conference (two days),8', '2026-10-01,Article: zero trust review,1'].join('\n');
    const res = await importFile(Buffer.from(csv), 'ceu-log.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => r.hours)).toEqual([12, 16, 8, 1]);
    expect(res.records[3]!.gaps.find((g) => g.field === 'hours')?.message).toBe("\"1\" converted to 1 h: 1 CEU = 1 hour, as the CEUs are written in whole units up to 16 (at IACET's 10 hours per CEU one activity would take 160 h)");
  });
});
