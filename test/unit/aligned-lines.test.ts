import { describe, expect, it } from 'vitest';
import { tabbedTables } from '../../src/pipeline/extract/tabbed.js';
import type { Para } from '../../src/pipeline/extract/blocks.js';
import { importFile } from '../../src/pipeline/import.js';
import { cellText } from '../../src/pipeline/types.js';

const paras = (...lines: string[]): Para[] => lines.map((text, i) => ({ text, kind: 'para', ref: `paragraph ${i + 1}` }));
const grid = (t: { rows: Array<{ cells: unknown[] }> }): string[][] => t.rows.map((r) => r.cells.map((c) => cellText(c as Parameters<typeof cellText>[0])));

describe('logs typed as aligned lines (staff try-out: a log pasted into a plain-text e-mail gave no records)', () => {
  it('reads space-aligned columns by where the header puts them, a value with one space kept whole', () => {
    const r = tabbedTables(paras(
      'As requested:',
      'Date         Activity                                 Hours',
      '12 Jan 2026  Lean Six Sigma Green Belt day 1          7',
      '02 Mar 2026  Toolbox talk on manual handling          0.5',
      '16 Apr 2026  Read "The Goal"  (Goldratt)              6',
      'Cheers',
    ));
    expect(r.tables.map((t) => t.name)).toEqual(['the space-aligned lines, paragraphs 2–5']);
    expect(grid(r.tables[0]!)).toEqual([
      ['Date', 'Activity', 'Hours'],
      ['12 Jan 2026', 'Lean Six Sigma Green Belt day 1', '7'],
      ['02 Mar 2026', 'Toolbox talk on manual handling', '0.5'],
      ['16 Apr 2026', 'Read "The Goal" (Goldratt)', '6'],
    ]);
    expect(r.paras.map((p) => p.text)).toEqual(['As requested:', 'Cheers']);
  });

  it('reads a Markdown table, its rule line dropped', () => {
    const r = tabbedTables(paras('| Date | Activity | Hours |', '|------|:--------:|------:|', '| 05/05/2026 | Fire marshal refresher | 3 |', '| 06/06/2026 | Webinar: ISO 45001 | 1 |'));
    expect(grid(r.tables[0]!)).toEqual([['Date', 'Activity', 'Hours'], ['05/05/2026', 'Fire marshal refresher', '3'], ['06/06/2026', 'Webinar: ISO 45001', '1']]);
  });

  it('leaves prose with two spaces after its full stops alone', () => {
    const r = tabbedTables(paras('I went to the course.  It was good.', 'Then I read the guide.  It helped.', 'Finally a webinar.  Short.'));
    expect(r.tables).toEqual([]);
    expect(r.paras).toHaveLength(3);
  });

  it('gives records from a web page of such lines', async () => {
    const html = '<html><body><p>Date         Activity                    Hours</p><p>12 Jan 2026  Green Belt day 1            7</p><p>13 Jan 2026  Green Belt day 2            7</p></body></html>';
    const r = await importFile(new TextEncoder().encode(html), 'message body.html', { today: '2026-11-29' });
    expect(r.records.map((x) => [x.activityName, x.startDate, x.hours])).toEqual([['Green Belt day 1', '2026-01-12', 7], ['Green Belt day 2', '2026-01-13', 7]]);
  });
});
