/**
 * A calendar exported to CSV with iCalendar's property names and basic-format UTC times (RFC 5545: DTSTART,
 * DTEND, "20260708T230000Z"): dated and timed in the body's zone, hours from start to end (trial 6). Fictional events.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const table = (rows: Cell[][]): ExtractedTable => ({ name: 'calendar.csv', rows: rows.map((cells, i) => ({ index: i + 1, cells })) });

describe('a calendar export', () => {
  it('reads DTSTART / DTEND in basic format, dated in Europe/London, hours from the times', () => {
    const res = recordsFromExtraction({ tables: [table([
      ['SUMMARY', 'DTSTART', 'DTEND', 'LOCATION'],
      ['Webinar: protection relay testing', '20260113T123000Z', '20260113T133000Z', 'Online'],
      ['Evening talk: heat networks (live from Boston)', '20260708T230000Z', '20260709T000000Z', 'Online'],
      ['Authorised person refresher', '20261103T090000Z', '20261103T123000Z', 'Training centre'],
    ])], blocks: [], gaps: [] }, 'calendar.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => [r.activityName, r.startDate, r.endDate, r.hours])).toEqual([
      ['Webinar: protection relay testing', '2026-01-13', '2026-01-13', 1],
      ['Evening talk: heat networks (live from Boston)', '2026-07-09', '2026-07-09', 1],
      ['Authorised person refresher', '2026-11-03', '2026-11-03', 3.5],
    ]);
    expect(res.records[1]!.gaps.find((g) => g.field === 'hours')?.message).toBe(
      'no hours given; 1 h taken from the start and end times in columns B and C ("DTSTART", "DTEND"): 00:00 to 01:00',
    );
  });
});
