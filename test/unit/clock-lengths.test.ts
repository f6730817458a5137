/**
 * Lengths written as a media player shows them (map/assign.ts `clock`, hours.ts `HoursOptions.clock`): `12:34` beside
 * `1:02:45` in one column is 12 min 34 s, and values such as `48:10` are no time of day, so the column is durations.
 * A fictional engineer's video and podcast log.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { parseHours } from '../../src/pipeline/normalise/hours.js';

describe('parseHours with clock m:ss', () => {
  it.each<[string, number]>([
    ['12:34', 0.2094],
    ['48:10', 0.8028],
    ['9:58', 0.1661],
    ['1:02:45', 1.0458],
  ])('%s → %s h', (raw, hours) => {
    const r = parseHours(raw, { clock: 'm:ss' });
    expect(r.ok && r.hours).toBe(hours);
  });

  it('without it, 12:34 is 12 h 34 min', () => {
    expect(parseHours('12:34', {})).toEqual({ ok: true, hours: 12.5667 });
  });
});

describe('a video and podcast log', () => {
  const csv = [
    'Watched,Title,Length,Link',
    '05 Jan 2026,How transformers really work,12:34,https://video.example.com/v/1',
    '18 Jan 2026,Engineering Leadership Podcast ep. 88,1:02:45,https://pod.example.com/88',
    '02 Feb 2026,Faraday lecture (recording),48:10,https://video.example.com/v/3',
    '10 Mar 2026,Grid-scale batteries interview,2:15:30,https://pod.example.com/301',
  ].join('\n');

  it('reads Length as hours, two-part values as minutes and seconds, and says why', async () => {
    const res = await importFile(Buffer.from(csv), 'watch-log.csv', { today: '2026-11-29' });
    const col = res.mapping[0]!.columns[2]!;
    expect(col).toMatchObject({ heading: 'Length', field: 'hours' });
    expect(col.reason).toBe(
      'heading "Length" is a known heading for the hours; 4 of 4 values are clock values, 1 of them past 24:00, no time of day: durations; 2 of 4 lengths are h:mm:ss, so the others (m:ss) are minutes and seconds, as media players show them',
    );
    expect(res.records.map((r) => [r.hours, r.raw.hours])).toEqual([
      [0.2094, '12:34'],
      [1.0458, '1:02:45'],
      [0.8028, '48:10'],
      [2.2583, '2:15:30'],
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'hours')).toEqual({
      field: 'hours', code: 'inferred', severity: 'info', message: '"12:34": 12:34 read as 12 min 34 s (minutes:seconds, as the column\'s other lengths show)', raw: '12:34',
    });
  });

  it('a column of m:ss lengths only, some past 24:00, is durations (no time of day), read as h:mm unless the heading says mm:ss', async () => {
    const only = ['Date,Video,Length (mm:ss)', '05/01/2026,Pump curves,25:00', '06/01/2026,Cavitation,48:10', '07/01/2026,Seals,09:30'].join('\n');
    const res = await importFile(Buffer.from(only), 'videos.csv', { today: '2026-11-29' });
    expect(res.mapping[0]!.columns[2]).toMatchObject({ field: 'hours' });
    expect(res.records.map((r) => r.hours)).toEqual([0.4167, 0.8028, 0.1583]);
  });
});
