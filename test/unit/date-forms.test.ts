/**
 * Date cells that name a span or carry words around the date (src/pipeline/normalise/dates.ts `wordsAround`,
 * periods.ts): ranges with arrows, hedges ("various, Mar–Jun 2026"), labels ("INSET day 1 Sept"), ISO weeks and
 * school terms. Each value read keeps its text in `raw` and a note; each one not read fails with a reason.
 */
import { describe, expect, it } from 'vitest';
import { inferDateOrder, parseDate, type DateParse } from '../../src/pipeline/normalise/dates.js';

const DMY = { order: 'dmy' as const };
const Y2025 = { order: 'dmy' as const, yearHint: 2025, labels: true };

describe('parseDate: spans and words around a date', () => {
  it.each<[string, typeof DMY | typeof Y2025, DateParse]>([
    ['March 10, 2026 → March 11, 2026', DMY, { ok: true, start: '2026-03-10', precision: 'day', end: '2026-03-11', endPrecision: 'day' }],
    ['3 Mar 2026 -> 5 Mar 2026', DMY, { ok: true, start: '2026-03-03', precision: 'day', end: '2026-03-05', endPrecision: 'day' }],
    ['06/04/2026 ⇒ 02/05/2026', DMY, { ok: true, start: '2026-04-06', precision: 'day', end: '2026-05-02', endPrecision: 'day', orderDependent: true }],
    ['various, Mar–Jun 2026', DMY, { ok: true, start: '2026-03', precision: 'month', end: '2026-06', endPrecision: 'month', note: '"various": the exact dates are not given; the span written is recorded' }],
    ['approx. May 2026', DMY, { ok: true, start: '2026-05', precision: 'month', note: '"approx": the exact dates are not given; the period written is recorded' }],
    ['early March 2024', DMY, { ok: true, start: '2024-03', precision: 'month', note: '"early": the exact dates are not given; the period written is recorded' }],
    ['INSET day 1 Sept', Y2025, { ok: true, start: '2025-09-01', precision: 'day', yearInferred: true, note: '"inset day" read as the name of the occasion, not part of the date' }],
    ['Oct half-term', Y2025, { ok: true, start: '2025-10', precision: 'month', yearInferred: true, note: '"half-term" read as the name of the occasion, not part of the date' }],
    ['2026-W14', DMY, { ok: true, start: '2026-03-30', precision: 'day', end: '2026-04-05', endPrecision: 'day', note: 'ISO week 14 of 2026: Monday 30 March 2026 to Sunday 5 April 2026; the day is not given, so the whole week is recorded' }],
    ['W1 2026', DMY, { ok: true, start: '2025-12-29', precision: 'day', end: '2026-01-04', endPrecision: 'day', note: 'ISO week 1 of 2026: Monday 29 December 2025 to Sunday 4 January 2026; the day is not given, so the whole week is recorded' }],
    ['by the end of May 2027', DMY, { ok: true, start: '2027-05-31', precision: 'day', note: '"end of" read as the last day of the period, 31 May 2027' }],
    ['at the end of March 2026', DMY, { ok: true, start: '2026-03-31', precision: 'day', note: '"end of" read as the last day of the period, 31 March 2026' }],
    ['Autumn term 2026', DMY, { ok: true, start: '2026-09', precision: 'month', end: '2026-12', endPrecision: 'month', note: 'the autumn term 2026 read as September–December 2026 (English school terms); the days are not given' }],
  ])('%s', (raw, opts, want) => {
    expect(parseDate(raw, opts)).toEqual(want);
  });

  it.each<[string, typeof DMY | typeof Y2025, string]>([
    ['2025-W53', DMY, '2025 has weeks 1 to 52, not week 53'],
    ['Spring term', Y2025, 'a time named by an event or a period, not a date'],
    ['end of summer term', Y2025, 'a time named by an event or a period, not a date'],
    ['INSET day 2', Y2025, '"inset" is not part of a date'],
    ['Starts 12 Jan 2027', Y2025, '"starts" is not part of a date'],
    ['Lecture 12 May 2026', DMY, '"lecture" is not part of a date'],
    ['Week 3 March 2026', DMY, '"week" is not part of a date'],
    ['next March', Y2025, '"next" is not part of a date'],
    ['by the end of the year', DMY, 'a time named by an event or a period, not a date'],
  ])('%s is not read: %s', (raw, opts, reason) => {
    const d = parseDate(raw, opts);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toBe(reason);
  });
});

describe('day/month order from weekdays', () => {
  it('a weekday that fits only one order decides the column', () => {
    expect(inferDateOrder(['Mon 02/03/2026', 'Wed 04/03/2026', '05/03/2026'], 'mdy')).toEqual({
      order: 'dmy', decided: true, reason: 'no day is above 12, but the weekday of 2 dates fits only day first (e.g. Mon 02/03/2026: 2 March 2026)',
    });
    expect(inferDateOrder(['Mon 03/02/2026'], 'dmy')).toEqual({
      order: 'mdy', decided: true, reason: 'no day is above 12, but the weekday of 1 date fits only month first (e.g. Mon 03/02/2026: 2 March 2026)',
    });
  });
  it('a day above 12 still decides first; weekdays that fit both orders say nothing', () => {
    expect(inferDateOrder(['Mon 02/03/2026', '25/03/2026'], 'dmy').reason).toBe('1 date in this column has a day above 12 first (e.g. 25/03/2026) and none has one second');
    expect(inferDateOrder(['Thu 05/05/2026'], 'dmy').decided).toBe(false);
  });
});
