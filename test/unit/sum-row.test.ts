/**
 * Row numbers, Polish month names and a totals row labelled in another language (src/pipeline/map/profile.ts
 * `counting`, src/pipeline/normalise/dates.ts foreign months, src/pipeline/map/sum-row.ts; trial 9: a Polish
 * engineer's training list). Fictional engineer.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { isSumRow } from '../../src/pipeline/map/sum-row.js';
import { parseDate } from '../../src/pipeline/normalise/dates.js';
import type { Cell } from '../../src/pipeline/types.js';

const rows = (cells: Cell[][]) => cells.map((c, i) => ({ index: i + 2, cells: c }));

describe('isSumRow', () => {
  const above = rows([['1', 'Course', '8'], ['2', 'Webinar', '1,5'], ['3', 'Reading', '45 min'], ['4', 'Conference', '16']]);
  it('an undated label and figure equal to the hours of all the rows above, or of the first of them', () => {
    expect(isSumRow({ index: 7, cells: ['', 'Razem', '27'] }, above, [2], [0])).toBe(false);
    expect(isSumRow({ index: 7, cells: ['', 'Razem', '26,25'] }, above, [2], [0])).toBe(true);
    expect(isSumRow({ index: 7, cells: ['', 'Razem', '26.25'] }, above, [2], [])).toBe(true);
    expect(isSumRow({ index: 7, cells: [null, 'Summe (erledigt)', '10.25'] }, above, [2], [])).toBe(true);
  });
  it('not a dated row, nor one as full as the activities, nor a figure no larger than one above', () => {
    expect(isSumRow({ index: 7, cells: ['2026-05-01', 'Razem', '26.25'] }, above, [2], [0])).toBe(false);
    expect(isSumRow({ index: 7, cells: ['5', 'Mentoring', '9.5', 'notes'] }, above, [2], [])).toBe(false);
    expect(isSumRow({ index: 7, cells: ['', 'Workshop', '8'] }, above, [2], [])).toBe(false);
  });
});

describe('month names as Polish, Portuguese and Czech write them, and "de" between the parts', () => {
  it('declined after a day, and alone', () => {
    expect(parseDate('12 stycznia 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-01-12', precision: 'day' });
    expect(parseDate('5–6 marca 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-03-05', precision: 'day', end: '2026-03-06', endPrecision: 'day' });
    expect(parseDate('kwiecień 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-04', precision: 'month' });
    expect(parseDate('15. ledna 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-01-15', precision: 'day' });
    expect(parseDate('5 de março de 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-03-05', precision: 'day' });
    expect(parseDate('5 de marzo del 2026', { order: 'dmy' })).toEqual({ ok: true, start: '2026-03-05', precision: 'day' });
  });
  it('short forms that are English words stay no month', () => {
    expect(parseDate('led 2026', { order: 'dmy' }).ok).toBe(false);
    expect(parseDate('pro 2026', { order: 'dmy' }).ok).toBe(false);
  });
});

describe('a Polish training list: "Lp." row numbers, dates with month names, "Liczba godzin", a total row', () => {
  const csv = [
    'Wykaz szkoleń – mgr inż. Marek Zieliński – 2026',
    'Lp.;Data;Nazwa szkolenia;Organizator;Liczba godzin;Uwagi',
    '1;12.01.2026;Szkolenie: Prawo budowlane 2026;Izba Inżynierów;8;',
    '2;5–6 marca 2026;Konferencja mostowa;Politechnika;2 dni (16 h);',
    '3;kwiecień 2026;Samokształcenie: Eurokod 2;—;6;',
    '4;18 czerwca 2026;Webinar: BIM;Stowarzyszenie BIM;1,5;',
    '5;14.12.2026;Kurs: zarządzanie projektem;Akademia;16;zapisany',
    ';;Razem (odbyte);;31,5;',
  ].join('\n');
  it('reads each value in its field and leaves the row numbers and the total out', async () => {
    const res = await importFile(Buffer.from(csv), 'szkolenia.csv', { today: '2026-11-29' });
    const cols = res.mapping[0]!.columns;
    expect(cols.find((c) => c.heading === 'Lp.')?.field).toBeNull();
    expect(cols.find((c) => c.heading === 'Data')?.field).toBe('startDate');
    expect(cols.find((c) => c.heading === 'Liczba godzin')?.field).toBe('hours');
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.status])).toEqual([
      ['Szkolenie: Prawo budowlane 2026', '2026-01-12', 8, 'completed'],
      ['Konferencja mostowa', '2026-03-05', 16, 'completed'],
      ['Samokształcenie: Eurokod 2', '2026-04', 6, 'completed'],
      ['Webinar: BIM', '2026-06-18', 1.5, 'completed'],
      ['Kurs: zarządzanie projektem', '2026-12-14', 16, 'planned'],
    ]);
    expect(res.fileGaps.find((g) => g.message.includes('totals row'))?.raw).toBe('Razem (odbyte) | 31,5');
  });
});
