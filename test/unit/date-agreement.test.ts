/**
 * Which date column dates the activity, read by content (map/assign.ts `startApartFromTheRow`, map/meaning.ts): a
 * session report's "SessionDate" (when the session was created) matches none of the row's other dates, while the
 * attendee's first join agrees with the room's opening and closing. Fictional attendee.
 */
import { describe, expect, it } from 'vitest';
import { readHeading } from '../../src/pipeline/map/meaning.js';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

describe('headings of moments', () => {
  it('"first join time" is a start date, "join time" and "last leave time" are record-keeping, "time in session" a duration', () => {
    expect(readHeading('AttendeeFirstJoinTime')).toMatchObject({ field: 'startDate', score: 0.8 });
    expect(readHeading('Join time')).toMatchObject({ field: null });
    expect(readHeading('AttendeeLastLeaveTime')).toMatchObject({ field: null });
    expect(readHeading('AttendeeTotalTimeInSession')).toMatchObject({ field: 'hours' });
  });
});

describe('a session attendance report', () => {
  const rows: Cell[][] = [
    ['SessionDate', 'SessionName', 'RoomOpened', 'RoomClosed', 'AttendeeFirstJoinTime', 'AttendeeLastLeaveTime', 'AttendeeTotalTimeInSession'],
    ['01/08/2026 09:12', 'Water Regulations Update', '01/22/2026 17:45', '01/22/2026 19:05', '01/22/2026 17:58', '01/22/2026 19:02', '01:04:00'],
    ['02/03/2026 10:00', 'Legionella Refresher', '02/11/2026 12:25', '02/11/2026 14:02', '02/11/2026 12:30', '02/11/2026 13:59', '01:29:00'],
    ['08/19/2026 11:30', 'Pipework Sizing', '09/09/2026 12:55', '09/09/2026 13:50', '09/09/2026 13:00', '09/09/2026 13:45', '00:45:00'],
  ];
  const t: ExtractedTable = { name: 'report.csv', rows: rows.map((cells, i) => ({ index: i + 1, cells })) };
  const res = recordsFromExtraction({ tables: [t], blocks: [], gaps: [] }, 'report.csv', { today: '2026-11-29' });

  it('dates each activity by the first join, not the creation date, and says why', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Water Regulations Update', '2026-01-22', 1.0667],
      ['Legionella Refresher', '2026-02-11', 1.4833],
      ['Pipework Sizing', '2026-09-09', 0.75],
    ]);
    const cols = res.mapping[0]!.columns;
    expect(cols[0]).toMatchObject({ heading: 'SessionDate', field: null });
    expect(cols[0]!.reason).toContain('on 100% of rows its date matches no other date of the row');
    expect(cols[4]).toMatchObject({ heading: 'AttendeeFirstJoinTime', field: 'startDate', how: 'content' });
    expect(res.records[0]!.extras.SessionDate).toBe('01/08/2026 09:12');
  });
});
