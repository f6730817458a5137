/**
 * Budgets on characters per cell and cells per table (src/pipeline/bounds.ts, issue 12): a huge cell is cut and
 * named in a gap, a huge table refused with a plain `too_large` message.
 */
import { describe, expect, it } from 'vitest';
import { boundExtraction } from '../../src/pipeline/bounds.js';
import { importFile } from '../../src/pipeline/import.js';
import type { Extraction } from '../../src/pipeline/types.js';

const TODAY = '2026-11-29';

describe('characters per cell', () => {
  it('keeps the first 32,767 characters of a 19 MB reflection and names the cut cell', async () => {
    const long = 'I learnt a lot. '.repeat(1_250_000); // 20,000,000 characters
    const csv = `Date,Activity,Hours,Reflection\n12/03/2026,IET webinar: Power electronics for EVs,1.5,"${long}"\n15/03/2026,BS 7671 briefing,3,Short note.\n`;
    const res = await importFile(new TextEncoder().encode(csv), 'log.csv', { today: TODAY, budget: { maxBytes: 30 * 1024 * 1024 } });
    expect(res.records).toHaveLength(2);
    expect(res.records[0]!.reflection).toHaveLength(32_767);
    expect(res.records[0]!.reflection!.startsWith('I learnt a lot. I learnt')).toBe(true);
    expect(res.records[1]!.reflection).toBe('Short note.');
    const cut = res.fileGaps.filter((g) => g.code === 'truncated');
    expect(cut).toEqual([
      {
        field: null,
        code: 'truncated',
        severity: 'warning',
        message:
          'a value is longer than the limit of 32,767 characters per cell and only its first 32,767 characters were kept (D2: 20,000,000 characters); the whole text is in the original file',
      },
    ]);
  });

  it('names five cut cells by sheet and cell, counts the rest, and cuts labelled values too', () => {
    const big = 'x'.repeat(50);
    const ex: Extraction = {
      tables: [{ name: 'Log', sheet: 'Log', rows: Array.from({ length: 7 }, (_, i) => ({ index: i + 2, cells: ['a', { text: big, number: 1 }] })) }],
      blocks: [{ values: [{ label: 'Reflection', value: big, ref: 'page 1, line 4' }] }],
      gaps: [],
    };
    const gaps = boundExtraction(ex, { maxCellChars: 10 });
    expect(gaps.map((g) => g.message)).toEqual([
      "8 values are longer than the limit of 10 characters per cell and only their first 10 characters were kept ('Log'!B2: 50 characters; 'Log'!B3: 50 characters; 'Log'!B4: 50 characters; 'Log'!B5: 50 characters; 'Log'!B6: 50 characters; and 3 more); the whole text is in the original file",
    ]);
    expect(ex.tables[0]!.rows[0]!.cells[1]).toEqual({ text: 'xxxxxxxxxx', number: 1 });
    expect(ex.blocks[0]!.values[0]!.value).toBe('xxxxxxxxxx');
  });

  it('leaves values within the limit alone and adds no gap', () => {
    const ex: Extraction = { tables: [{ name: 'Table 1', table: 1, a1Refs: false, rows: [{ index: 1, cells: ['short', null] }] }], blocks: [], gaps: [] };
    expect(boundExtraction(ex)).toEqual([]);
    expect(ex.tables[0]!.rows[0]!.cells).toEqual(['short', null]);
  });
});

describe('cells per table', () => {
  it('refuses a table of more cells than the limit, saying which table and by how much', () => {
    const ex: Extraction = {
      tables: [{ name: 'Data', sheet: 'Data', rows: Array.from({ length: 30 }, (_, i) => ({ index: i + 1, cells: Array.from({ length: 40 }, () => null) })) }],
      blocks: [],
      gaps: [],
    };
    expect(() => boundExtraction(ex, { maxTableCells: 1000 })).toThrow(
      "sheet 'Data' holds 1,200 cells, over the limit of 1,000 for one table of a CPD log (by 200); check it is the right file",
    );
    try {
      boundExtraction(ex, { maxTableCells: 1000 });
    } catch (e) {
      expect((e as { code?: string }).code).toBe('too_large');
    }
  });
});
