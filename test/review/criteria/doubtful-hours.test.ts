/**
 * "Met" must not rest on hours flagged doubtful (issue 11 tryout, finding A4): a portal's minutes read as hours gave
 * 1,140 h and a "met" review. With the person's word that the column is hours (plain `"hours"`), each value carries a
 * warning ("90 hours dated by one day only"); the hours criterion (IET) and a body's hours criterion (ICE) are then
 * not assessable, naming the activities; the same hours with their warnings accepted, or hours beyond the doubt, are
 * met. Fixtures: the tester's exports (fixtures/tryout/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpdRecord } from '../../../src/domain/index.js';
import { importFile } from '../../../src/pipeline/import.js';
import { reviewYear } from '../../../src/review/criteria/index.js';
import { periodFor, reviewForBody, ruleSetFor } from '../../../src/review/rulesets/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/tryout');

async function asHours(name: string): Promise<CpdRecord[]> {
  const res = await importFile(readFileSync(join(DIR, name)), name, { today: '2026-12-06', mapping: { 'Col D': 'hours' } });
  return res.records;
}

const records = [...(await asHours('portalx_P4001.csv')), ...(await asHours('portalx_P4002.csv'))];

/** The records with their hours warnings accepted by a reviewer (as `applyAcceptances` shows them). */
function accepted(list: readonly CpdRecord[]): CpdRecord[] {
  return list.map((r) => ({ ...r, gaps: r.gaps.map((g) => (g.field === 'hours' && g.severity === 'warning' ? { ...g, code: 'accepted' as const, severity: 'info' as const } : g)) }));
}

describe('hours flagged doubtful', () => {
  it('every hours value is asked about: 1,140 h rest on them, not assessable, each activity named with its hours', () => {
    expect(records.map((r) => [r.hours, r.gaps.filter((g) => g.field === 'hours' && g.severity === 'warning').map((g) => g.code)])).toEqual([
      [90, ['ambiguous']], [120, ['ambiguous']], [45, ['ambiguous']], [360, ['ambiguous']], [75, ['ambiguous']], [300, ['ambiguous']], [150, ['ambiguous']],
    ]);
    const h = reviewYear(records, { year: 2025, activityStatus: 'active' }).criteria.hours;
    expect(h.outcome).toBe('not_assessable');
    expect(h.summary).toBe(
      '1140 h of completed CPD in 2025 from 7 activities; 30 h required (professionally active); but 1140 h are on 7 activities whose hours are flagged doubtful (Webinar: Transformer condition monitoring; Reading: IET Code of Practice for Cyber Security in the Built Environment; Mentoring session with apprentice; …), and 0 h without them: check their hours to decide',
    );
    expect(h.figures.completedHours).toBe(1140);
    expect(h.figures.hoursInDoubt!.map((r) => [r.index, r.note])).toEqual([[0, '90 h'], [1, '120 h'], [2, '45 h'], [3, '360 h'], [4, '75 h'], [5, '300 h'], [6, '150 h']]);
  });

  it('accepted by a reviewer, the same hours are met, with the figures as before (no hoursInDoubt)', () => {
    const h = reviewYear(accepted(records), { year: 2025, activityStatus: 'active' }).criteria.hours;
    expect(h.outcome).toBe('met');
    expect(h.summary).toBe('1140 h of completed CPD in 2025 from 7 activities; 30 h required (professionally active)');
    expect(Object.keys(h.figures)).toEqual(['activityStatus', 'required', 'completedHours', 'activities', 'withoutHours', 'doubtfulHours', 'undated', 'dateErrors']);
  });

  it('when the hours beyond the doubtful ones meet the requirement, it is met', () => {
    const mixed = [...accepted(records.slice(0, 1)), ...records.slice(1)];
    // 90 h accepted: 30 h are met without the doubtful ones.
    expect(reviewYear(mixed, { year: 2025, activityStatus: 'active' }).criteria.hours.outcome).toBe('met');
  });

  it("a body's hours criterion (ICE, 30 h a year) is not assessable on them too", () => {
    const ice = ruleSetFor('ice');
    const c = reviewForBody(records, ice, { period: periodFor(ice, { year: 2025 }) }).criteria.find((k) => k.key === 'hours')!;
    expect(c.outcome).toBe('not_assessable');
    expect(c.summary).toBe(
      // (A body's criteria take the activities in date order.)
      '1140 h of completed CPD in 2025 from 7 activities; 30 h required (6 h = 1 day); but 1140 h are on 7 activities whose hours are flagged doubtful (Webinar: Transformer condition monitoring; E-learning: Arc flash NFPA 70E basics; Reading: IET Code of Practice for Cyber Security in the Built Environment; …), and 0 h without them: check their hours to decide',
    );
    const ok = reviewForBody(accepted(records), ice, { period: periodFor(ice, { year: 2025 }) }).criteria.find((k) => k.key === 'hours')!;
    expect([ok.outcome, 'hoursInDoubt' in ok.figures]).toEqual(['met', false]);
  });

  it('read as minutes (the default now), the same files are 16 h: not met, nothing in doubt', async () => {
    const read = async (n: string) => (await importFile(readFileSync(join(DIR, n)), n, { today: '2026-12-06' })).records;
    const h = reviewYear([...(await read('portalx_P4001.csv')), ...(await read('portalx_P4002.csv'))], { year: 2025, activityStatus: 'active' }).criteria.hours;
    expect([h.outcome, h.summary]).toEqual(['not_met', '19 h of completed CPD in 2025 from 7 activities; 30 h required (professionally active): 11 h short']);
  });
});
