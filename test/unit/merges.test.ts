/** Merged ranges held within budget (src/pipeline/extract/merges.ts): cut to the sheet's cells, the rest dropped. */
import { describe, expect, it } from 'vitest';
import { boundMerges, columnLetters, columnNumber, mergesNote, parseRange } from '../../src/pipeline/extract/merges.js';

describe('merged ranges within budget', () => {
  it('reads references and column letters both ways', () => {
    expect(parseRange('A2:XFD1048576')).toEqual({ ref: 'A2:XFD1048576', r1: 2, c1: 1, r2: 1048576, c2: 16384 });
    expect(parseRange('$C$7:B2')).toEqual({ ref: '$C$7:B2', r1: 2, c1: 2, r2: 7, c2: 3 });
    expect(parseRange('A0:B2')).toBeNull();
    expect(parseRange('Sheet1!A1')).toBeNull();
    expect([columnNumber('A'), columnNumber('Z'), columnNumber('AA'), columnNumber('XFD')]).toEqual([1, 26, 27, 16384]);
    expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(16384)]).toEqual(['A', 'Z', 'AA', 'XFD']);
  });

  it('a range reaching past the sheet is cut to its last row and column; one wholly outside is dropped silently', () => {
    const b = boundMerges(['A2:XFD1048576', 'B3:B4', 'K40:L41'], { rows: 30, cols: 8 });
    expect(b.keep.map((r) => r.ref)).toEqual(['A2:H30', 'B3:B4']);
    expect(b.clipped).toEqual([{ ref: 'A2:XFD1048576', to: 'A2:H30' }]);
    expect(b.dropped).toEqual([]);
  });

  it('over the budget, the largest ranges are left out and named; the order of the others is kept', () => {
    const b = boundMerges(['A1:F1', 'A2:A5', 'C2:D3'], { rows: 10, cols: 6 }, 9);
    expect(b.keep.map((r) => r.ref)).toEqual(['A2:A5', 'C2:D3']);
    expect(b.dropped).toEqual([{ ref: 'A1:F1', cells: 6 }]);
    expect(mergesNote('Log', b, 9)).toBe(
      "sheet 'Log': merged ranges A1:F1 (6 cells) cover more than the limit of 9 merged cells per sheet and were not applied: each range's first cell keeps its value, the cells below it were not filled with a copy",
    );
    expect(mergesNote('Log', boundMerges(['A2:A5'], { rows: 10, cols: 6 }, 9), 9)).toBeNull();
  });
});
