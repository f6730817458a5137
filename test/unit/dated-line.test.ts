/**
 * Dated lines of a Word or PDF diary (src/pipeline/extract/blocks.ts `datedLine`): date, name, hours and a note
 * (fresh-eyes finding: hours inside a line followed by a sentence, or after a comma, were lost).
 */
import { describe, expect, it } from 'vitest';
import { datedLine } from '../../src/pipeline/extract/blocks.js';

describe('datedLine', () => {
  it.each<[string, ReturnType<typeof datedLine>]>([
    ['10/01/2024 – CIBSE webinar on overheating risk in homes (1.5 h)', { date: '10/01/2024', name: 'CIBSE webinar on overheating risk in homes', hours: '1.5 h' }],
    ['12/01/2025 - IET webinar on heat pumps (1.5 hrs). Learnt about COP at low flow temps.', { date: '12/01/2025', name: 'IET webinar on heat pumps', hours: '1.5 hrs', note: 'Learnt about COP at low flow temps.' }],
    ['03/02/2025 - Read CIBSE guide chapter on ventilation, 2 hours.', { date: '03/02/2025', name: 'Read CIBSE guide chapter on ventilation', hours: '2 hours' }],
    ['20/03/2025 - Site visit to Ffestiniog hydro, full day. Great overview of pumped storage.', { date: '20/03/2025', name: 'Site visit to Ffestiniog hydro', hours: 'full day', note: 'Great overview of pumped storage.' }],
    // A comma that does not lead to an amount of time leaves the name whole; bracketed hours still win.
    ['14/03/2025 – Heat pump installer course, day 1 of 2 (7 h)', { date: '14/03/2025', name: 'Heat pump installer course, day 1 of 2', hours: '7 h' }],
    ['15/03/2025 – Heat pump installer course, part 2', { date: '15/03/2025', name: 'Heat pump installer course, part 2' }],
  ])('%j', (line, expected) => {
    expect(datedLine(line)).toEqual(expected);
  });
});
