/**
 * Whose CPE credits (src/pipeline/normalise/cpe.ts): a US CPE credit is 50 minutes (NASBA), an ISC2 CPE credit one
 * hour, decided by what the file says of itself. Fictional member.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { cpeRuleOf } from '../../src/pipeline/normalise/cpe.js';

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
