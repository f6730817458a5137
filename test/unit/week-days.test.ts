import { describe, expect, it } from 'vitest';
import { dayColumns, daysWithTime, readDayOfMonth, weekdayHeading } from '../../src/pipeline/normalise/week-days.js';

describe('a week laid across a log (trial 7: every activity dated on the Monday of its week)', () => {
  const days = dayColumns(['Week commencing', 'Activity', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((heading, index) => ({ index, heading })))!;
  it('reads the weekday headings, Monday first', () => {
    expect(days).toEqual([2, 3, 4, 5, 6, 7, 8].map((index, day) => ({ index, day })));
    expect([weekdayHeading('Tuesday'), weekdayHeading('Sun.'), weekdayHeading('Total')]).toEqual([1, 6, null]);
  });
  it('dates a row by its days with time, from the week\'s start or its end', () => {
    const filled = (set: number[]) => (i: number) => set.includes(i);
    expect(daysWithTime('2026-01-05', false, days, filled([3]))).toEqual({ start: '2026-01-06', end: '2026-01-06', count: 1 });
    expect(daysWithTime('2026-01-26', false, days, filled([7, 8]))).toEqual({ start: '2026-01-31', end: '2026-02-01', count: 2 });
    // "Week ending" Friday 16 January: Monday is the 12th.
    expect(daysWithTime('2026-01-16', true, days, filled([2, 6]))).toEqual({ start: '2026-01-12', end: '2026-01-16', count: 2 });
    expect(daysWithTime('2026-01-05', false, days, filled([]))).toBeNull();
    expect(daysWithTime('2026-01', false, days, filled([2]))).toBeNull();
  });
});

describe('a day of the month written alone (trial 8: Word tables per month, "Day" column)', () => {
  it('reads plain, ordinal and weekday forms', () => {
    expect(readDayOfMonth('13')).toEqual({ day: 13 });
    expect(readDayOfMonth('27th')).toEqual({ day: 27 });
    expect(readDayOfMonth('Wed 4')).toEqual({ day: 4, weekday: 2 });
    expect(readDayOfMonth('19 (Fri)')).toEqual({ day: 19, weekday: 4 });
    expect(readDayOfMonth('Friday, 19th')).toEqual({ day: 19, weekday: 4 });
  });
  it('refuses what is no day of the month', () => {
    expect(readDayOfMonth('32')).toBeNull();
    expect(readDayOfMonth('Wed 4 Fri')).toBeNull();
    expect(readDayOfMonth('Week 4')).toBeNull();
    expect(readDayOfMonth('4 hours')).toBeNull();
  });
});
