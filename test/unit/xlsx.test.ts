/**
 * XLSX extraction (src/pipeline/extract/xlsx/): fixtures from fixtures/xlsx/make.mjs, the exceljs test files
 * under fixtures/realworld/parsers/exceljs (fixtures/realworld/SOURCES.md), both readers (full and streaming) compared, and the
 * date arithmetic checked in child processes with other TZ settings.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  extractXlsx,
  formatSerial,
  numFmtKind,
  serialToDate,
  yearFromFileName,
  DEFAULT_STREAM_ABOVE,
} from '../../src/pipeline/extract/xlsx/index.js';
import { ImportError } from '../../src/domain/errors.js';
import type { Cell, Extraction } from '../../src/pipeline/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'fixtures/xlsx');
const REALWORLD = join(ROOT, 'fixtures/realworld/parsers/exceljs');

const FULL = Infinity;
const STREAM = 0;

function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name));
}

function run(bytes: Uint8Array, streamAbove: number, fileName = 'log.xlsx'): Promise<Extraction> {
  return extractXlsx(bytes, { fileName, streamAbove });
}

/** Reads with both readers, checks they agree, returns the result. */
async function both(name: string, dir = FIXTURES): Promise<Extraction> {
  const bytes = readFileSync(join(dir, name));
  const full = await run(bytes, FULL, name);
  const stream = await run(bytes, STREAM, name);
  expect(stream).toEqual(full);
  return full;
}

/** Cells of sheet `sheet`, row `index` (Excel row number). */
function row(x: Extraction, sheet: string, index: number): Cell[] | undefined {
  return x.tables.find(t => t.name === sheet)?.rows.find(r => r.index === index)?.cells;
}

async function rejection(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('extractXlsx — fixtures (both readers give the same output)', () => {
  it('title block above the header, real date cells, date with a time', async () => {
    const x = await both('title-block.xlsx');
    expect(x.gaps).toEqual([]);
    expect(x.blocks).toEqual([]);
    expect(x.yearHint).toBeUndefined();
    expect(x.tables).toHaveLength(1);
    const t = x.tables[0]!;
    expect({ name: t.name, sheet: t.sheet, a1Refs: t.a1Refs }).toEqual({ name: 'CPD Log', sheet: 'CPD Log', a1Refs: true });
    expect(t.rows.map(r => r.index)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
    // Merged title A1:F1: the value once, in the top-left cell; the rest of the range is empty (trimmed).
    expect(row(x, 'CPD Log', 1)).toEqual(['CPD Record 2024']);
    expect(row(x, 'CPD Log', 2)).toEqual(['Name:', 'Priya Raman']);
    expect(row(x, 'CPD Log', 3)).toEqual(['IET membership no.:', '1100234567']);
    expect(row(x, 'CPD Log', 6)).toEqual(['Date', 'Activity', 'Type', 'Hours', 'Description', 'Reflection']);
    expect(row(x, 'CPD Log', 7)).toEqual([
      { text: '17/01/2024', date: '2024-01-17', numFmt: 'dd/mm/yyyy' },
      'IET webinar: Power electronics for EVs',
      'Webinar',
      { text: '1.5', number: 1.5 },
      'Live webinar on SiC inverters and thermal design.',
      'Will review our inverter cooling margins.',
    ]);
    expect(row(x, 'CPD Log', 8)?.[0]).toEqual({ text: '03/04/2024', date: '2024-04-03', numFmt: 'dd/mm/yyyy' });
    expect(row(x, 'CPD Log', 9)?.[0]).toEqual({ text: '12/06/2024 14:30', date: '2024-06-12', time: '14:30', numFmt: 'dd/mm/yyyy hh:mm' });
    expect(row(x, 'CPD Log', 10)?.[3]).toEqual({ text: '0.75', number: 0.75 });
  });

  it('date-formatted serials in many formats, text dates kept as text, serial 60 is no date', async () => {
    const x = await both('dates.xlsx');
    const col = (r: number): Cell | undefined => row(x, 'Dates', r)?.[0];
    expect(col(2)).toEqual({ text: '20/03/2024', date: '2024-03-20', numFmt: 'dd/mm/yyyy' });
    expect(col(3)).toEqual({ text: '3 Apr 2024', date: '2024-04-03', numFmt: 'd mmm yyyy' });
    expect(col(4)).toEqual({ text: 'Sep-24', date: '2024-09-01', numFmt: 'mmm-yy' });
    expect(col(5)).toEqual({ text: '2024-05-14', date: '2024-05-14', numFmt: 'yyyy-mm-dd' });
    expect(col(6)).toEqual({ text: 'Monday, 8 July 2024', date: '2024-07-08', numFmt: 'dddd, d mmmm yyyy' });
    expect(col(7)).toEqual({ text: '21/10/2024 09:00', date: '2024-10-21', time: '09:00', numFmt: 'dd/mm/yyyy hh:mm' });
    expect(col(8)).toEqual({ text: '22/10/2024 00:00', date: '2024-10-22', numFmt: 'dd/mm/yyyy hh:mm' });
    // Built-in format 14 (exceljs's string "mm-dd-yy") is the locale's short date: shown UK-style.
    expect(col(9)).toEqual({ text: '29/02/2024', date: '2024-02-29', numFmt: 'mm-dd-yy' });
    expect(col(10)).toEqual({ text: '2-Dec-24', date: '2024-12-02', numFmt: 'd-mmm-yy' });
    expect([11, 12, 13, 14].map(col)).toEqual(['3rd March 2024', '03/04/2024', 'Q1 2024', 'TBC']);
    expect(col(15)).toEqual({ text: '45000', number: 45000 });
    expect(col(16)).toEqual({ text: '29/02/1900', number: 60, numFmt: 'dd/mm/yyyy' });
  });

  it('1904 date system (workbookPr date1904="1") gives the right dates', async () => {
    const x = await both('date1904.xlsx');
    expect(x.tables.map(t => t.name)).toEqual(['Log 2024']);
    expect(row(x, 'Log 2024', 2)).toEqual([
      { text: '06/02/2024', date: '2024-02-06', numFmt: 'dd/mm/yyyy' },
      'IET Present Around the World heat',
      { text: '2', number: 2 },
    ]);
    expect(row(x, 'Log 2024', 3)?.[0]).toEqual({ text: '23/05/2024', date: '2024-05-23', numFmt: 'dd/mm/yyyy' });
    // A serial typed in: 43921 days after 1 January 1904.
    expect(row(x, 'Log 2024', 4)?.[0]).toEqual({ text: '01/04/2024', date: '2024-04-01', numFmt: 'dd/mm/yyyy' });
  });

  it('1904 flag written as date1904="true" (LibreOffice) is honoured too', async () => {
    const a = await both('date1904-true.xlsx');
    const b = await both('date1904.xlsx');
    expect(a.tables).toEqual(b.tables);
  });

  it('rich text, hyperlinks, _x000D_ escapes, booleans, an error value', async () => {
    const x = await both('text-cells.xlsx');
    expect(row(x, 'Log', 2)).toEqual([
      'IET webinar: Power electronics for EVs',
      'Recording',
      'Slides: 42\r\nQ&A: 15 min',
      'TRUE',
      { text: '#N/A' },
    ]);
    expect(row(x, 'Log', 3)).toEqual([
      'Reading: IET Wiring Matters, issue 101',
      'https://example.org/wiring-matters/101',
      'Template code _x000D_ kept literally',
      'FALSE',
      { text: '0.85', number: 0.85 },
    ]);
  });

  it('formulas: cached results (number, date, text), an empty-string result, a SUM totals row, one never calculated', async () => {
    const x = await both('formulas.xlsx');
    expect(row(x, 'Log', 2)?.[4]).toEqual({ text: '3', number: 3, formula: 'B2-A2+1' });
    expect(row(x, 'Log', 3)?.[1]).toEqual({ text: '06/03/2024', date: '2024-03-06', numFmt: 'dd/mm/yyyy', formula: 'A3+1' });
    expect(row(x, 'Log', 4)?.[1]).toEqual({ text: '18/04/2024', date: '2024-04-18', numFmt: 'dd/mm/yyyy', formula: 'IF(A4="","",A4)' });
    // IF(…,"",…) returned "" in a date-formatted cell: empty, not a formula without a result, not 30/12/1899.
    expect(row(x, 'Log', 5)).toEqual([
      { text: '09/05/2024', date: '2024-05-09', numFmt: 'dd/mm/yyyy' },
      null,
      'Reading: transformer condition monitoring',
      { text: '1', number: 1 },
      { text: 'N/A', formula: 'UPPER("n/a")' },
    ]);
    expect(row(x, 'Log', 6)).toEqual([
      'Total',
      null,
      null,
      { text: '36.5', number: 36.5, formula: 'SUM(D2:D5)' },
      { text: '=SUM(E2:E4)', formula: 'SUM(E2:E4)', missingResult: true },
    ]);
  });

  it('a merged range over the whole sheet (A2:XFD1048576) is cut to the cells the sheet has: read at once by both readers, the log intact', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRows([
      ['Date', 'Activity', 'Hours'],
      ['12/03/2025', 'Webinar: arc flash', 1.5],
      ['02/04/2025', 'Read IET Wiring Matters', 2],
    ]);
    ws.mergeCells('E5:E6');
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const part = 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)!.async('string')).replace(/<mergeCell ref="E5:E6"\/>/, '<mergeCell ref="A2:XFD1048576"/>');
    expect(xml).toContain('A2:XFD1048576');
    zip.file(part, xml);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    for (const streamAbove of [FULL, STREAM]) {
      const x = await run(bytes, streamAbove, 'hostile.xlsx');
      // The range, cut to the cells the sheet has (A2:C3), still merges as Excel shows it: the first cell keeps its
      // value and is copied down the first column, the other cells are emptied.
      expect(x.tables[0]!.rows.map(r => r.cells)).toEqual([['Date', 'Activity', 'Hours'], ['12/03/2025'], [{ text: '12/03/2025', mergedFrom: 'A2' }]]);
      expect(x.gaps).toEqual([]);
    }
  });

  it('a cell with an impossible address: our own words to the user, the library text kept as detail for the log', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Log').addRows([
      ['Date', 'Activity', 'Hours'],
      ['12/03/2025', 'Webinar: arc flash', 1.5],
    ]);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const part = 'xl/worksheets/sheet1.xml';
    zip.file(part, (await zip.file(part)!.async('string')).replace('r="B2"', 'r="%%"'));
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    for (const streamAbove of [FULL, STREAM]) {
      const e = await rejection(run(bytes, streamAbove));
      expect([e.code, e.message, e.detail]).toEqual(['corrupt', 'not a valid workbook: a cell address or range in it is not valid', 'A Cell needs a Row']);
    }
  });

  it('merged ranges over the budget are not applied and named in a warning; the first cells keep their values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRows([
      ['Category', 'Activity', 'Hours'],
      ['Training', 'Course: protection relays', 7],
      [null, 'Course: cable sizing', 3],
      ['Events', 'IET lecture', 1],
    ]);
    ws.mergeCells('A2:A3');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    for (const streamAbove of [FULL, STREAM]) {
      const x = await extractXlsx(bytes, { fileName: 'log.xlsx', streamAbove, maxMergedCells: 1 });
      expect(x.tables[0]!.rows.map(r => r.cells[0])).toEqual(['Category', 'Training', null, 'Events']);
      expect(x.gaps).toEqual([
        {
          field: null,
          code: 'truncated',
          severity: 'warning',
          message: "sheet 'Log': merged ranges A2:A3 (2 cells) cover more than the limit of 1 merged cells per sheet and were not applied: each range's first cell keeps its value, the cells below it were not filled with a copy",
        },
      ]);
    }
  });

  it('merged cells: a vertical merge carries its value down, marked mergedFrom; a merged title is not repeated', async () => {
    const x = await both('merged.xlsx');
    const t = x.tables[0]!;
    expect(t.rows.map(r => r.cells[0])).toEqual([
      'CPD Log — Tomasz Nowak',
      'Category',
      'Training courses',
      { text: 'Training courses', mergedFrom: 'A3' },
      { text: 'Training courses', mergedFrom: 'A3' },
      'Events',
      { text: 'Events', mergedFrom: 'A6' },
      'Self-study',
    ]);
    expect(row(x, 'CPD', 1)).toEqual(['CPD Log — Tomasz Nowak']);
    expect(row(x, 'CPD', 4)).toEqual([
      { text: 'Training courses', mergedFrom: 'A3' },
      { text: '05/02/2024', date: '2024-02-05', numFmt: 'dd/mm/yyyy' },
      'NEBOSH general certificate, unit 2',
      { text: '10', number: 10 },
      'E2',
    ]);
  });

  it('sheets: hidden and very hidden skipped with a gap, empty sheet omitted, tab order kept (7 sheets)', async () => {
    // 7 sheets written before sharedStrings.xml: the layout that makes exceljs's own streaming zip walk crash.
    const x = await both('sheets.xlsx');
    expect(x.tables.map(t => t.name)).toEqual(['Notes', 'CPD Log', 'Plan', 'Data dictionary']);
    expect(x.gaps).toEqual([
      { field: null, code: 'skipped', severity: 'info', message: "sheet 'Old 2022' is hidden and was not imported" },
      { field: null, code: 'skipped', severity: 'info', message: "sheet 'Lists' is hidden and was not imported" },
    ]);
    expect(row(x, 'Notes', 2)).toEqual(['Record each activity on the CPD Log sheet, one row per activity.']);
    // Hidden row 3 and hidden column E are kept.
    expect(row(x, 'CPD Log', 3)).toEqual([
      { text: '20/02/2024', date: '2024-02-20', numFmt: 'dd/mm/yyyy' },
      'Draft paper, withdrawn',
      'Self-study',
      { text: '2', number: 2 },
      'S',
    ]);
    expect(row(x, 'Plan', 1)).toEqual(['Objective', 'Planned activity', 'Target date']);
    expect(row(x, 'Plan', 2)).toEqual([
      'Become chartered (CEng)',
      'Complete the UK-SPEC competence review',
      { text: '30/06/2025', date: '2025-06-30', numFmt: 'dd/mm/yyyy' },
    ]);
    expect(row(x, 'Data dictionary', 3)).toEqual(['TWAVES', 'IET category letter (T, W, A, V, E, S)']);
  });

  it('two tables stacked on one sheet: blank rows show as gaps in the row numbers', async () => {
    const x = await both('stacked.xlsx');
    expect(x.tables).toHaveLength(1);
    expect(x.tables[0]!.rows.map(r => r.index)).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
    expect(row(x, 'Log', 7)).toEqual(['CPD 2024']);
    expect(row(x, 'Log', 9)).toEqual([
      { text: '30/01/2024', date: '2024-01-30', numFmt: 'dd/mm/yyyy' },
      'Reading: CIBSE Guide K',
      { text: '3', number: 3 },
    ]);
  });

  it('time and duration formats stay numbers of days with their format (never dates)', async () => {
    const x = await both('time-hours.xlsx');
    const col = (r: number): Cell | undefined => row(x, 'Hours', r)?.[1];
    expect(col(2)).toEqual({ text: '1:30', number: 0.0625, numFmt: '[h]:mm' });
    expect(col(3)).toEqual({ text: '30:00', number: 1.25, numFmt: '[h]:mm' });
    expect(col(4)).toEqual({ text: '12:00', number: 0.5, numFmt: 'h:mm' });
    expect(col(5)).toEqual({ text: '01:30:00', number: 0.0625, numFmt: 'hh:mm:ss' });
    expect(col(6)).toEqual({ text: '15:00', number: 15 / 1440, numFmt: 'mm:ss' });
    expect(col(7)).toEqual({ text: '9:00 AM', number: 0.375, numFmt: 'h:mm AM/PM' });
    expect(col(8)).toEqual({ text: '144', number: 0.1, numFmt: '[mm]' });
  });

  it('typical 200-row log: 8 columns, dates in 2024', async () => {
    const x = await both('typical-200.xlsx');
    const t = x.tables[0]!;
    expect(t.name).toBe('CPD Log 2024');
    expect(t.rows).toHaveLength(201);
    expect(t.rows[0]!.cells).toEqual(['Date', 'Activity', 'Type', 'Hours', 'Description', 'Reflection', 'TWAVES', 'UK-SPEC']);
    expect(t.rows[1]!.cells[0]).toEqual({ text: '01/01/2024', date: '2024-01-01', numFmt: 'dd/mm/yyyy' });
    expect(t.rows[200]!.cells[0]).toEqual({ text: '30/11/2024', date: '2024-11-30', numFmt: 'dd/mm/yyyy' });
    for (const r of t.rows.slice(1)) {
      expect(r.cells).toHaveLength(8);
      const d = r.cells[0];
      expect(typeof d === 'object' && d !== null && d.date?.startsWith('2024-')).toBe(true);
      const h = r.cells[3];
      expect(typeof h === 'object' && h !== null && typeof h.number === 'number').toBe(true);
      expect(typeof r.cells[1]).toBe('string');
    }
  });

  it('yearHint from the file name', async () => {
    const x = await run(fixture('stacked.xlsx'), FULL, 'cpd-2024.xlsx');
    expect(x.yearHint).toBe(2024);
  });
});

describe('extractXlsx — the two readers where exceljs differs (formula-edge.xlsx)', () => {
  const header = ['Hours', 'Per day', 'Over 5?', 'Double'];
  it('full reader: error and boolean results by name, shared formula translated', async () => {
    const x = await run(fixture('formula-edge.xlsx'), FULL);
    expect(x.tables[0]!.rows).toEqual([
      { index: 1, cells: header },
      {
        index: 2,
        cells: [
          { text: '10', number: 10 },
          { text: '#DIV/0!', formula: 'A2/0' },
          { text: 'TRUE', formula: 'A2>5' },
          { text: '20', number: 20, formula: 'A2*2' },
        ],
      },
      {
        index: 3,
        cells: [
          { text: '4', number: 4 },
          { text: '2', number: 2, formula: 'A3/2' },
          { text: 'FALSE', formula: 'A3>5' },
          { text: '8', number: 8, formula: 'A3*2' },
        ],
      },
    ]);
  });

  it('streaming reader: #ERROR for a cached error, 1/0 for booleans, empty text for a shared-formula follower', async () => {
    const x = await run(fixture('formula-edge.xlsx'), STREAM);
    expect(x.tables[0]!.rows).toEqual([
      { index: 1, cells: header },
      {
        index: 2,
        cells: [
          { text: '10', number: 10 },
          { text: '#ERROR', formula: 'A2/0' },
          { text: '1', number: 1, formula: 'A2>5' },
          { text: '20', number: 20, formula: 'A2*2' },
        ],
      },
      {
        index: 3,
        cells: [
          { text: '4', number: 4 },
          { text: '2', number: 2, formula: 'A3/2' },
          { text: '0', number: 0, formula: 'A3>5' },
          { text: '8', number: 8, formula: '' },
        ],
      },
    ]);
  });
});

describe('extractXlsx — streaming path robustness', () => {
  const TEXT = (i: number): string => `Zoë Brontë – £${i} “quoted” € 日本語のテキストとカタカナ`;

  it('multi-byte UTF-8 split across zip chunks stays intact (shared strings)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    for (let i = 1; i <= 3000; i++) ws.getCell(i, 1).value = TEXT(i);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const full = await run(bytes, FULL);
    const stream = await run(bytes, STREAM);
    expect(stream).toEqual(full);
    const rows = stream.tables[0]!.rows;
    expect(rows).toHaveLength(3000);
    rows.forEach((r, i) => expect(r.cells[0]).toBe(TEXT(i + 1)));
  });

  it('multi-byte UTF-8 split across zip chunks stays intact (inline strings of the streaming writer)', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('Log');
    for (let i = 1; i <= 3000; i++) ws.addRow([TEXT(i), i / 10]).commit();
    ws.commit();
    await wb.commit();
    const bytes = new Uint8Array(Buffer.concat(chunks));
    const stream = await run(bytes, STREAM);
    expect(stream).toEqual(await run(bytes, FULL));
    const rows = stream.tables[0]!.rows;
    expect(rows).toHaveLength(3000);
    rows.forEach((r, i) => expect(r.cells).toEqual([TEXT(i + 1), { text: String((i + 1) / 10), number: (i + 1) / 10 }]));
  });

  it('default threshold is 2 MB', () => {
    expect(DEFAULT_STREAM_ABOVE).toBe(2 * 1024 * 1024);
  });
});

describe('extractXlsx — unreadable files', () => {
  for (const [label, mode] of [
    ['full', FULL],
    ['streaming', STREAM],
  ] as const) {
    it(`${label}: truncated, not a zip, empty`, async () => {
      const good = fixture('typical-200.xlsx');
      for (const cut of [0.3, 0.9, 0.999]) {
        const e = await rejection(run(good.subarray(0, Math.floor(good.length * cut)), mode));
        expect(e.code).toBe('corrupt');
        expect(e.message).toBe('not a valid workbook: the zip container is damaged or truncated');
      }
      // Bytes damaged inside the compressed sheet: a clear one-line reason, never a partial read.
      const damaged = Buffer.from(good);
      for (let i = 0; i < 40; i++) damaged[Math.floor(damaged.length * 0.2) + i]! ^= 0x5a;
      const d = await rejection(run(damaged, mode));
      expect(d.code).toBe('corrupt');
      expect(d.message).toMatch(/^not a valid workbook: [^\n]+$/);
      const junk = await rejection(run(new TextEncoder().encode('Date,Activity\n03/04/2024,Webinar\n'), mode));
      expect(junk.code).toBe('corrupt');
      expect(junk.message).toBe('not a valid workbook: the zip container is damaged or truncated');
      const empty = await rejection(run(new Uint8Array(0), mode));
      expect(empty.code).toBe('empty');
    });
  }
});

describe('extractXlsx — realworld exceljs test files', () => {
  const real = (f: string): Uint8Array => readFileSync(join(REALWORLD, f));

  it('every .xlsx either reads the same with both readers or throws the same one-line ImportError', async () => {
    const outcome: Record<string, string> = {};
    for (const f of readdirSync(REALWORLD).filter(n => n.endsWith('.xlsx')).sort()) {
      const results = await Promise.all(
        [FULL, STREAM].map(m =>
          run(real(f), m, f).then(
            x => ({ ok: true as const, x }),
            (e: unknown) => ({ ok: false as const, e }),
          ),
        ),
      );
      const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
      if (a.ok && b.ok) {
        expect(b.x.tables, f).toEqual(a.x.tables);
        outcome[f] = 'read';
      } else {
        expect(a.ok, f).toBe(false);
        expect(b.ok, f).toBe(false);
        for (const r of [a, b]) {
          if (r.ok) continue;
          expect(r.e, f).toBeInstanceOf(ImportError);
          const err = r.e as ImportError;
          expect(err.code).toBe('corrupt');
          expect(err.message).toMatch(/^not a valid workbook: [^\n]+$/);
          expect(err.message).not.toMatch(/\bat \w+ \(/);
        }
        outcome[f] = (a as { e: ImportError }).e.message;
      }
    }
    expect(outcome).toEqual({
      '1904.xlsx': 'read',
      'dateIssue.xlsx': 'read',
      'datetest.xlsx': 'read',
      'google-sheets.xlsx': 'read',
      'invalid-xml.xlsx': 'not a valid workbook: a part of it is not well-formed XML',
      'libre-calc-as-office-open-xml-spreadsheet.xlsx': 'read',
      'missing-bits.xlsx': 'not a valid workbook: it has no xl/workbook.xml part',
      'richtext_comments.xlsx': 'read',
      'shared_string_with_escape.xlsx': 'read',
      'test-issue-1669.xlsx': 'read',
      'test-issue-176.xlsx': 'read',
      'test-issue-988.xlsx': 'read',
      'third-party-export.xlsx': 'read',
      'xlsx-parse-test.xlsx': 'read',
    });
  });

  it('1904.xlsx: serial 0 in the 1904 system is 1 January 1904', async () => {
    const x = await both('1904.xlsx', REALWORLD);
    expect(x.tables.map(t => t.name)).toEqual(['Sheet1']);
    expect(x.tables[0]!.rows).toEqual([{ index: 4, cells: [null, { text: '01/01/1904', date: '1904-01-01', numFmt: 'mm-dd-yy' }] }]);
  });

  it('dateIssue.xlsx, datetest.xlsx, third-party-export.xlsx: custom date formats and their text', async () => {
    const a = await both('dateIssue.xlsx', REALWORLD);
    expect(row(a, 'Sheet1', 2)).toEqual([{ text: '20/11/20', date: '2020-11-20', numFmt: 'DD/MM/YY' }]);
    const b = await both('datetest.xlsx', REALWORLD);
    const fmt = 'mmmm" "d", "yyyy';
    expect(row(b, 'Sheet1', 1)).toEqual([{ text: 'March 3, 2017', date: '2017-03-03', numFmt: fmt }, 'Is March 3, 2017']);
    expect(row(b, 'Sheet1', 2)).toEqual([{ text: 'December 31, 2019', date: '2019-12-31', numFmt: fmt }, 'Is December 31, 2019']);
    const c = await both('third-party-export.xlsx', REALWORLD);
    expect(row(c, 'All data', 2)).toEqual([
      '8209375239',
      'Data 1',
      'Data 2',
      { text: '2022-03-17 15:10', date: '2022-03-17', time: '15:10', numFmt: 'yyyy-MM-dd HH:mm' },
      'Data 3',
    ]);
  });

  it('shared_string_with_escape.xlsx: _x005F_x000D_ is the literal text _x000D_ (decoded once)', async () => {
    const x = await both('shared_string_with_escape.xlsx', REALWORLD);
    expect(x.tables[0]!.rows).toEqual([{ index: 1, cells: ['_x000D_'] }]);
  });

  it('richtext_comments.xlsx: rich text concatenated, merged ranges carried down once marked', async () => {
    const x = await both('richtext_comments.xlsx', REALWORLD);
    expect(x.tables.map(t => t.name)).toEqual(['en', 'cn', 'attr']);
    expect(row(x, 'en', 9)).toEqual([null, 'Rows', 'first       {{loop.index}} {%yn row[0]%}']);
    expect(row(x, 'en', 10)).toEqual([null, { text: 'Rows', mergedFrom: 'B9' }, 'middle  {{loop.index}} {%yn loop.index % 2 %}']);
    expect(row(x, 'cn', 4)).toEqual([null, '姓  名', '{{name}}']);
  });

  it('test-issue-988.xlsx (data from row 2, no header) and test-issue-1669.xlsx (two sheets)', async () => {
    const a = await both('test-issue-988.xlsx', REALWORLD);
    expect(a.tables[0]!.rows[0]).toEqual({ index: 2, cells: [{ text: '1', number: 1 }, 'a'] });
    const b = await both('test-issue-1669.xlsx', REALWORLD);
    expect(b.tables.map(t => [t.name, t.rows.length])).toEqual([
      ['Sheet1', 6],
      ['Sheet2', 6],
    ]);
    expect(row(b, 'Sheet2', 6)).toEqual(['T123456793', 'Test 93']);
  });

  it('google-sheets.xlsx and the LibreOffice export read the same; hidden rows/columns are kept', async () => {
    const g = await both('google-sheets.xlsx', REALWORLD);
    const l = await both('libre-calc-as-office-open-xml-spreadsheet.xlsx', REALWORLD);
    expect(g.tables[0]!.rows).toEqual([
      { index: 1, cells: ['BEGIN', 'HIDDEN', 'VISIBLE'] },
      { index: 2, cells: ['HIDDEN'] },
      { index: 3, cells: ['VISIBLE'] },
    ]);
    expect(l.tables[0]!.rows).toEqual(g.tables[0]!.rows);
  });

  it('xlsx-parse-test.xlsx: the full reader rejects it, the streaming reader reads it (format warning)', async () => {
    const x = await run(real('xlsx-parse-test.xlsx'), FULL);
    expect(x.gaps).toHaveLength(1);
    expect(x.gaps[0]).toMatchObject({ field: null, code: 'format', severity: 'warning' });
    expect(row(x, 'Sheet1', 2)).toEqual(['test', 'test', 'P2', 'test', '合拍合拍', null, 'https://github.com/exceljs/exceljs', null, 'test', 'test', 'test']);
    const s = await run(real('xlsx-parse-test.xlsx'), STREAM);
    expect(s.gaps).toEqual([]);
    expect(s.tables).toEqual(x.tables);
  });
});

describe('number formats and serial dates', () => {
  it('numFmtKind: dates, times/durations, numbers', () => {
    const cases: [string, string][] = [
      ['dd/mm/yyyy', 'date'],
      ['d-mmm-yy', 'date'],
      ['mmm-yy', 'date'],
      ['mmmm" "d", "yyyy', 'date'],
      ['yyyy-MM-dd HH:mm', 'date'],
      ['[$-809]dd mmmm yyyy;@', 'date'],
      ['m/d/yy "h":mm', 'date'],
      ['[h]:mm', 'time'],
      ['h:mm', 'time'],
      ['hh:mm:ss', 'time'],
      ['mm:ss', 'time'],
      ['[mm]', 'time'],
      ['h:mm AM/PM', 'time'],
      ['[h]:mm:ss.00', 'time'],
      ['General', 'number'],
      ['0.00', 'number'],
      ['#,##0.0" hrs"', 'number'],
      ['0.00E+00', 'number'],
      ['[Red]0.0;[Blue]-0.0', 'number'],
      ['"Day "0', 'number'],
    ];
    for (const [fmt, kind] of cases) expect(numFmtKind(fmt), fmt).toBe(kind);
  });

  it('serialToDate: 1900 system with the fictitious 29 Feb 1900, 1904 system, times', () => {
    expect(serialToDate(1, false)).toEqual({ date: '1900-01-01' });
    expect(serialToDate(59, false)).toEqual({ date: '1900-02-28' });
    expect(serialToDate(60, false)).toBeNull();
    expect(serialToDate(61, false)).toEqual({ date: '1900-03-01' });
    expect(serialToDate(0, false)).toBeNull();
    expect(serialToDate(-1, false)).toBeNull();
    expect(serialToDate(45385, false)).toEqual({ date: '2024-04-03' });
    expect(serialToDate(45385.604166666664, false)).toEqual({ date: '2024-04-03', time: '14:30' });
    expect(serialToDate(45385.99999, false)).toEqual({ date: '2024-04-03', time: '23:59' });
    expect(serialToDate(45385.999999, false)).toEqual({ date: '2024-04-04' });
    expect(serialToDate(2958465, false)).toEqual({ date: '9999-12-31' });
    expect(serialToDate(2958466, false)).toBeNull();
    expect(serialToDate(0, true)).toEqual({ date: '1904-01-01' });
    expect(serialToDate(43921, true)).toEqual({ date: '2024-04-01' });
    expect(serialToDate(45385 - 1462, true)).toEqual({ date: '2024-04-03' });
  });

  it('formatSerial: Excel display text', () => {
    expect(formatSerial(45385, 'dd/mm/yyyy', false)).toBe('03/04/2024');
    expect(formatSerial(45385, 'mm-dd-yy', false)).toBe('03/04/2024');
    expect(formatSerial(45385, 'd mmmm yyyy', false)).toBe('3 April 2024');
    expect(formatSerial(45385, 'ddd d mmm yy', false)).toBe('Wed 3 Apr 24');
    expect(formatSerial(45385, 'mmmmm', false)).toBe('A');
    expect(formatSerial(45385.75, 'dd/mm/yyyy h:mm AM/PM', false)).toBe('03/04/2024 6:00 PM');
    expect(formatSerial(45385.75, 'dd/mm/yyyy h:mm a/p', false)).toBe('03/04/2024 6:00 p');
    expect(formatSerial(45385, '[$-F800]dddd, mmmm dd, yyyy', false)).toBe('Wednesday, April 03, 2024');
    expect(formatSerial(45385, 'dd\\.mm\\.yyyy', false)).toBe('03.04.2024');
    expect(formatSerial(0.0625, '[h]:mm', false)).toBe('1:30');
    expect(formatSerial(1.5, '[h]:mm', false)).toBe('36:00');
    expect(formatSerial(1.5, 'h:mm', false)).toBe('12:00');
    expect(formatSerial(0.0625, '[mm]:ss', false)).toBe('90:00');
    expect(formatSerial(1 / 86400 / 4, 'mm:ss.00', false)).toBe('00:00.25');
    expect(formatSerial(60, 'dd/mm/yyyy', false)).toBe('29/02/1900');
    expect(formatSerial(0, 'dd/mm/yyyy', false)).toBe('00/01/1900');
    expect(formatSerial(0, 'dd/mm/yyyy', true)).toBe('01/01/1904');
    expect(formatSerial(0.1 + 0.2, '0.00', false)).toBe('0.3');
  });

  it('yearFromFileName', () => {
    expect(yearFromFileName('cpd-2024.xlsx')).toBe(2024);
    expect(yearFromFileName('Priya_Raman_CPD_2024_v2.xlsx')).toBe(2024);
    expect(yearFromFileName('export-2024-03-01.xlsx')).toBe(2024);
    expect(yearFromFileName('/uploads/2019/cpd-2024.xlsx')).toBe(2024);
    expect(yearFromFileName('CPD 2023-24.xlsx')).toBeUndefined();
    expect(yearFromFileName('CPD 2023/24.xlsx')).toBeUndefined();
    expect(yearFromFileName('CPD 2023 and 2024.xlsx')).toBeUndefined();
    expect(yearFromFileName('cpd-log.xlsx')).toBeUndefined();
    expect(yearFromFileName('member 12024567.xlsx')).toBeUndefined();
  });
});

describe('TZ independence (child processes with another TZ)', () => {
  const files = ['title-block.xlsx', 'dates.xlsx', 'date1904.xlsx', 'formulas.xlsx', 'time-hours.xlsx', 'typical-200.xlsx'];
  // The child loads the TypeScript module through Vite's SSR loader (V8 caches TZ per process: a child is safest).
  const script = `
    import { createServer } from 'vite';
    import { readFileSync } from 'node:fs';
    const server = await createServer({ root: ${JSON.stringify(ROOT)}, configFile: false, logLevel: 'error',
      server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', optimizeDeps: { noDiscovery: true, include: [] } });
    try {
      const m = await server.ssrLoadModule('/src/pipeline/extract/xlsx/index.ts');
      const out = { offset: new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset(), results: {} };
      for (const f of ${JSON.stringify(files)}) {
        const bytes = readFileSync(${JSON.stringify(FIXTURES)} + '/' + f);
        out.results[f] = [await m.extractXlsx(bytes, { fileName: f, streamAbove: Infinity }), await m.extractXlsx(bytes, { fileName: f, streamAbove: 0 })];
      }
      process.stdout.write(JSON.stringify(out));
    } finally {
      await server.close();
    }
  `;

  for (const [tz, offset] of [
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ] as const) {
    it(`TZ=${tz}: same cells as here`, async () => {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const out = JSON.parse(child.stdout) as { offset: number; results: Record<string, [Extraction, Extraction]> };
      expect(out.offset).toBe(offset); // the child really runs in that zone
      for (const f of files) {
        const here = await run(fixture(f), FULL, f);
        expect(out.results[f]![0], `${f} full`).toEqual(here);
        expect(out.results[f]![1], `${f} streaming`).toEqual(here);
      }
    });
  }
});
