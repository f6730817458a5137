/**
 * Durations of several terms or in words (src/pipeline/normalise/duration-terms.ts, read through parseHours):
 * sums, sessions times a length, number words in English, Welsh and Irish, minutes with a prime, and a part of the
 * day restated in brackets; and a log that writes its time so (fictional people).
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { parseHours, type HoursOk } from '../../src/pipeline/normalise/hours.js';

const DAYS_RULE = '6 h per day (setting; the default, after ICE: 6 h of learning = 1 day)';
const h = (hours: number, note: string, extra: Partial<HoursOk> = {}): HoursOk => ({ ok: true, hours, note, ...extra });

describe('parseHours: several terms, words, other languages', () => {
  it.each<[string, HoursOk]>([
    ['1.5 + 2', h(3.5, 'read as 1.5 + 2 = 3.5 h')],
    ['45 mins + 30 mins Q&A', h(1.25, 'read as 45 mins + 30 mins = 1.25 h; "q&a" ignored')],
    ['1 hour plus 1 hour preparation', h(2, 'read as 1 hour + 1 hour = 2 h; "preparation" ignored')],
    ['20 min x 3', h(1, 'read as 3 × 20 min = 1 h')],
    ['3 x 1hr sessions', h(3, '3 × 1hr sessions = 3 h')],
    ['two and a half hours', h(2.5, 'read as 2.5 hours = 2.5 h')],
    ['an hour and a half', h(1.5, 'read as 1.5 hour = 1.5 h')],
    ['three quarters of an hour', h(0.75, 'read as 0.75 hour = 0.75 h')],
    ['forty-five minutes', h(0.75, 'read as 45 minutes = 0.75 h')],
    ['twenty five minutes', h(0.4167, 'read as 25 minutes = 0.4167 h')],
    ["90'", h(1.5, 'read as 90 minutes = 1.5 h')],
    // Welsh: awr (hour), munud (minute), hanner (half); "a" is "and"
    ['1 awr 15 munud', h(1.25, 'read as 1 awr + 15 munud = 1.25 h')],
    ['dwy awr a hanner', h(2.5, 'read as 2.5 awr = 2.5 h')],
    ['hanner awr', h(0.5, 'read as 0.5 awr = 0.5 h')],
    // Irish: uair (hour; huaire after trí), go leith (and a half), leathuair (half an hour)
    ['uair go leith', h(1.5, 'read as 1.5 hour = 1.5 h')],
    ['dhá uair go leith', h(2.5, 'read as 2.5 hour = 2.5 h')],
    ['trí huaire', h(3, 'read as 3 hour = 3 h')],
    ['leathuair', h(0.5, 'read as 0.5 hour = 0.5 h')],
    ['2 days 3 hours', h(15, 'read as 2 days + 3 hours = 15 h', { converted: { from: 'days', rule: DAYS_RULE } })],
    ['an evening (3 hrs)', h(3, '"an evening" is no number of hours; the hours in brackets are used')],
    ['1 morning (3 hrs)', h(3, '"1 morning" is no number of hours; the hours in brackets are used')],
  ])('%s', (raw, want) => {
    expect(parseHours(raw, {})).toEqual(want);
  });

  it('bare numbers of a sum take the column unit', () => {
    expect(parseHours('30 + 45', { unit: 'minutes' })).toEqual(h(1.25, 'read as 30 + 45 = 1.25 h'));
  });

  it.each(['1.5.2', '1 hour = 1 CPE', '1 day = 6 hours', '2 hours per week', '2 or 3 hours', '1 morning', 'a couple of hours', '3 sessions', 'see notes', 'Half day first aid course', 'an hour with the CEO', 'Module 2 (3 hours)', 'IOSH Managing Safely (3 days)'])(
    '%s is no duration (kept as an invalid value)',
    (raw) => {
      expect(parseHours(raw, {}).ok).toBe(false);
    },
  );
});

describe('a bilingual log with time in Welsh and sums', () => {
  const csv = [
    'Dyddiad / Date,Gweithgaredd / Activity,Amser / Time',
    '13/01/2026,Cwrs diogelwch / Safety course,3 awr',
    '07/05/2026,Mentora prentis / Mentoring an apprentice,30 munud',
    '22/07/2026,Cysgodi tîm modelu / Shadowing the modelling team,1 awr 15 munud',
    '11/08/2026,Sgwrs amser cinio / Lunchtime talk,45 mins + 30 mins Q&A',
    '02/09/2026,Darllen / Reading,rywbryd / some time',
  ].join('\n');

  it('the Time column is read as hours by its content, each value exactly; what cannot be read keeps its text', async () => {
    const res = await importFile(Buffer.from(csv), 'cofnod-dysgu-2026.csv', { today: '2026-11-29' });
    expect(res.mapping[0]!.columns[2]).toMatchObject({ heading: 'Amser / Time', field: 'hours' });
    expect(res.records.map((r) => [r.activityName, r.hours, r.raw.hours])).toEqual([
      ['Cwrs diogelwch / Safety course', 3, '3 awr'],
      ['Mentora prentis / Mentoring an apprentice', 0.5, '30 munud'],
      ['Cysgodi tîm modelu / Shadowing the modelling team', 1.25, '1 awr 15 munud'],
      ['Sgwrs amser cinio / Lunchtime talk', 1.25, '45 mins + 30 mins Q&A'],
      ['Darllen / Reading', null, 'rywbryd / some time'],
    ]);
    expect(res.records[3]!.gaps.filter((g) => g.field === 'hours')).toEqual([
      { field: 'hours', code: 'inferred', severity: 'info', message: '"45 mins + 30 mins Q&A": read as 45 mins + 30 mins = 1.25 h; "q&a" ignored', raw: '45 mins + 30 mins Q&A' },
    ]);
    expect(res.records[4]!.gaps.find((g) => g.field === 'hours')).toMatchObject({ code: 'invalid', severity: 'error', raw: 'rywbryd / some time' });
  });
});
