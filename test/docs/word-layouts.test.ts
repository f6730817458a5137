/**
 * Word logs laid out in ways no table reader expects (trial 7): a CPD table nested in a form's layout table, a log
 * typed as tab-aligned lines, activities as bullets with their details as labelled bullets under them.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { TODAY } from './helpers.js';

async function word(children: Array<Paragraph | Table>): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const cell = (...content: Array<string | Table>): TableCell =>
  new TableCell({ children: content.map((c) => (typeof c === 'string' ? new Paragraph(c) : c)) });
const row = (...cells: TableCell[]): TableRow => new TableRow({ children: cells });
const brief = (r: { activityName: unknown; startDate: unknown; hours: unknown }): unknown[] => [r.activityName, r.startDate, r.hours];

describe('Word logs in layouts of their own', () => {
  it('reads a CPD table nested in the cell of a layout table, the form fields around it as the preamble', async () => {
    const log = new Table({
      rows: [
        row(cell('Date'), cell('Activity'), cell('Hours')),
        row(cell('14/01/2026'), cell('Medicines reconciliation e-learning'), cell('2')),
        row(cell('09/02/2026'), cell('Near-miss huddle'), cell('0.5')),
      ],
    });
    const bytes = await word([
      new Table({ rows: [row(cell('Name: Ewa Nowak'), cell('Role: Pharmacy technician')), row(cell('Record of learning', log), cell('')), row(cell('Signed: E. Nowak'), cell('Date: 20/11/2026'))] }),
    ]);
    const r = await importFile(bytes, 'nested.docx', { today: TODAY });
    expect(r.records.map(brief)).toEqual([
      ['Medicines reconciliation e-learning', '2026-01-14', 2],
      ['Near-miss huddle', '2026-02-09', 0.5],
    ]);
  });

  it('reads tab-aligned lines as a table: one tab per column, or tabs to the default stops', async () => {
    const bytes = await word([
      new Paragraph('My CPD – 2026'),
      new Paragraph({ children: [new TextRun('Date\tActivity\tHours')] }),
      new Paragraph({ children: [new TextRun('06/01/2026\tFire engineering webinar\t1.5')] }),
      new Paragraph({ children: [new TextRun('20/01/2026\tBS 9999 course\t\t7')] }),
      new Paragraph({ children: [new TextRun('11/02/2026\t\t2')] }),
    ]);
    const r = await importFile(bytes, 'tabs.docx', { today: TODAY });
    expect(r.records.map(brief)).toEqual([
      ['Fire engineering webinar', '2026-01-06', 1.5],
      ['BS 9999 course', '2026-01-20', 7],
      [null, '2026-02-11', 2],
    ]);
    expect(r.records[1]!.source).toEqual({ file: 'tabs.docx', row: 3, cells: { activityName: 'row 3, column 2', hours: 'row 3, column 3', startDate: 'row 3, column 1' } });
    expect(r.mapping?.map((m) => m.table)).toEqual(['the tab-aligned lines, paragraphs 2–5']);
  });

  it('reads an activity bullet with its details as labelled bullets under it', async () => {
    const bullet = (text: string, level: number): Paragraph => new Paragraph({ text, bullet: { level } });
    const bytes = await word([
      new Paragraph('My CPD notes 2026'),
      bullet('NIPE update', 0),
      bullet('Dates: 15/01/2026', 1),
      bullet('Time: 3 hours', 1),
      bullet('Perinatal mental health webinar', 0),
      bullet('Dates: 21/05/2026', 1),
      bullet('Time: 90 minutes', 1),
    ]);
    const r = await importFile(bytes, 'bullets.docx', { today: TODAY });
    expect(r.records.map(brief)).toEqual([
      ['NIPE update', '2026-01-15', 3],
      ['Perinatal mental health webinar', '2026-05-21', 1.5],
    ]);
  });

  it('reads a headerless table under a "(continued)" title as the rest of the table above when its columns hold the same kinds', async () => {
    const bytes = await word([
      new Table({ rows: [row(cell('Date'), cell('Activity'), cell('CPD hours')), row(cell('08/01/2026'), cell('Structural glass course'), cell('6')), row(cell('29/01/2026'), cell('Peer review'), cell('2'))] }),
      new Paragraph('CPD log 2026 (continued)'),
      new Table({ rows: [row(cell('16/04/2026'), cell('Visit to a CLT factory'), cell('4'))] }),
      new Paragraph('Other memberships'),
      new Table({ rows: [row(cell('IStructE'), cell('Chartered member'), cell('since 2019'))] }),
    ]);
    const r = await importFile(bytes, 'continued.docx', { today: TODAY });
    expect(r.records.map(brief)).toEqual([
      ['Structural glass course', '2026-01-08', 6],
      ['Peer review', '2026-01-29', 2],
      ['Visit to a CLT factory', '2026-04-16', 4],
    ]);
    expect(r.fileGaps.map((g) => g.message).filter((m) => m.includes('continued'))).toEqual([
      'table 2 has no header row and follows table 1 with only the title "CPD log 2026 (continued)" between them and the same 3 columns, holding the same kinds of values: read as the rest of table 1 (a table continued), under its headings',
    ]);
  });
});
