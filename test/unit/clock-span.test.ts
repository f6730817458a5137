/**
 * Hours from a start and an end time of day (src/pipeline/normalise/clock-span.ts, build.ts `hoursFromTimes`):
 * a calendar export or a log with Start / End time columns and no hours, or an hours formula that failed.
 * Fictional engineer.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import { spanHours, timeOfDay } from '../../src/pipeline/normalise/clock-span.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

describe('timeOfDay and spanHours', () => {
  it.each<[string, number | undefined]>([
    ['12:30', 750], ['12:30:00', 750], ['12.30', 750], ['9:00 am', 540], ['5.30pm', 1050], ['12:00 am', 0], ['24:00', undefined], ['13:00 pm', undefined], ['noon', undefined],
  ])('%s → %s', (t, mins) => {
    expect(timeOfDay(t)).toBe(mins);
  });
  it('gives the hours between two times, none for all-day or reversed pairs', () => {
    expect(spanHours('12:30:00', '13:30:00')).toEqual({ hours: 1, times: '12:30 to 13:30' });
    expect(spanHours('10:00', '12.30')).toEqual({ hours: 2.5, times: '10:00 to 12:30' });
    expect(spanHours('09:00', '12:20')).toEqual({ hours: 3.3333, times: '09:00 to 12:20' });
    expect(spanHours('00:00:00', '00:00:00')).toBeUndefined();
    expect(spanHours('17:00', '09:00')).toBeUndefined();
    expect(spanHours('10:00', '')).toBeUndefined();
  });
});

describe('a log with start and end times', () => {
  const rows: Cell[][] = [
    ['Date', 'Start time', 'End time', 'Hours', 'Activity'],
    ['12/01/2026', '09:00', '12:30', '3.5', 'Cable jointing demonstration'],
    ['03/03/2026', '10:00', '12.30', '#VALUE!', 'Manufacturer CPD: surge protection'],
    ['24/03/2026', '13:00', '', '', 'Site visit: UPS room'],
    ['15/04/2026', '18:30', '20:00', '', 'Evening talk: solar PV fire safety'],
  ];
  const t: ExtractedTable = { name: 'Log', sheet: 'Log', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
  const res = recordsFromExtraction({ tables: [t], blocks: [], gaps: [] }, 'log.xlsx', { today: '2026-11-29' });

  it('fills hours from the times where none are given or the cell cannot be read, and says so', () => {
    expect(res.records.map((r) => r.hours)).toEqual([3.5, 2.5, null, 1.5]);
    expect(res.records[1]!.gaps.filter((g) => g.field === 'hours')).toEqual([
      { field: 'hours', code: 'inferred', severity: 'info', message: 'the hours cell could not be read ("#VALUE!"); 2.5 h taken from the start and end times in columns B and C ("Start time", "End time"): 10:00 to 12:30', raw: '#VALUE!' },
    ]);
    expect(res.records[1]!.source.cells?.hours).toBe('B3:C3');
    expect(res.records[3]!.gaps.filter((g) => g.field === 'hours').map((g) => g.message)).toEqual([
      'no hours given; 1.5 h taken from the start and end times in columns B and C ("Start time", "End time"): 18:30 to 20:00',
    ]);
    expect(res.records[2]!.gaps.find((g) => g.field === 'hours')?.code).toBe('missing');
  });
});

describe('a log whose From and To cells carry their times (trial 5)', () => {
  const rows: Cell[][] = [
    ['From', 'To', 'Activity', 'Type'],
    ['14/01/2026 09:30', '14/01/2026 12:00', 'Manual therapy refresher', 'Course'],
    [{ text: '05/02/2026 13:00', date: '2026-02-05', time: '13:00' }, { text: '05/02/2026 14:15', date: '2026-02-05', time: '14:15' }, 'In-service: falls prevention', 'Teaching'],
    ['03/03/2026 09:00', '04/03/2026 17:00', 'Acupuncture foundation course (days 1–2)', 'Course'],
  ];
  const t: ExtractedTable = { name: 'Log', sheet: 'Log', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
  const res = recordsFromExtraction({ tables: [t], blocks: [], gaps: [] }, 'log.xlsx', { today: '2026-11-29' });

  it('takes a same-day activity\'s hours from the times, not a two-day one\'s', () => {
    expect(res.records.map((r) => r.hours)).toEqual([2.5, 1.25, null]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'hours')?.message).toBe(
      'no hours given; 2.5 h taken from the start and end times in columns A and B ("From", "To"): 09:30 to 12:00',
    );
  });

  it('leaves a learning platform\'s started and completed times alone (a status column says it records progress)', () => {
    const lms: Cell[][] = [
      ['Course', 'Time started', 'Time completed', 'Completion status'],
      ['Fire Safety Awareness', '08/01/2024 9:02 AM', '08/01/2024 10:15 AM', 'Yes'],
    ];
    const r = recordsFromExtraction({ tables: [{ name: 'x', rows: lms.map((cells, i) => ({ index: i + 1, cells })) }], blocks: [], gaps: [] }, 'moodle.csv', { today: '2026-11-29' });
    expect(r.records.map((x) => [x.startDate, x.hours])).toEqual([['2024-01-08', null]]);
  });
});
