import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { decodeBytes, decodeText, extractCsv, sniffCsvLayout, sniffEncoding } from '../../src/pipeline/extract/csv.js';
import type { Extraction } from '../../src/pipeline/types.js';

const FIXTURES = new URL('../../fixtures/csv/', import.meta.url);
/** Parser-suite files (fixtures/realworld/SOURCES.md: sources and licences). */
const REALWORLD = new URL('../../fixtures/realworld/parsers/papaparse/', import.meta.url);

const fixture = (name: string): Uint8Array => readFileSync(new URL(name, FIXTURES));
const realworld = (name: string): Uint8Array => readFileSync(new URL(name, REALWORLD));

/** Rows as `[line, ...cells]` for compact exact assertions. */
function rowsOf(ex: Extraction): (string | number)[][] {
  expect(ex.tables).toHaveLength(1);
  expect(ex.blocks).toEqual([]);
  return ex.tables[0]!.rows.map((r) => [r.index, ...r.cells.map((c) => (typeof c === 'string' ? c : `?${String(c)}`))]);
}

const extract = (bytes: Uint8Array, fileName = 'log.csv'): Extraction => extractCsv(bytes, { fileName });

describe('decodeText', () => {
  it('strips a UTF-8 BOM so it is not part of the first heading', () => {
    const d = decodeText(fixture('utf8-bom.csv'));
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('Activity,Type')).toBe(true);
    expect(d.gaps).toEqual([]);
  });

  it('reads UTF-16 LE and BE with BOM, and LE without BOM (with an info gap)', () => {
    const expected = 'Name,Activity,Hours,Cost\r\nSiân Evans,IET webinar: Power electronics,1.5,£0\r\n';
    const le = decodeText(fixture('utf16le-bom.csv'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.text.startsWith(expected)).toBe(true);
    expect(le.gaps).toEqual([]);
    const be = decodeText(fixture('utf16be-bom.csv'));
    expect(be.encoding).toBe('utf-16be');
    expect(be.text).toBe(le.text);
    const nobom = decodeText(fixture('utf16le-nobom.csv'));
    expect(nobom.encoding).toBe('utf-16le');
    expect(nobom.text).toBe(le.text);
    expect(nobom.gaps).toEqual([
      { field: null, code: 'format', severity: 'info', message: 'text read as UTF-16LE (no byte-order mark; every other byte is NUL)' },
    ]);
  });

  it('falls back to Windows-1252 with £, é and curly quotes intact', () => {
    const d = decodeText(fixture('windows-1252.csv'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('Siân Evans,Course: Functional safety (IEC 61508),14,£1200,Engineer’s view of SIL targets');
    expect(d.text).toContain('“Wide-bandgap” devices – notes shared');
    expect(d.gaps).toEqual([
      { field: null, code: 'format', severity: 'info', message: 'text is not UTF-8; read as Windows-1252 (Western European)' },
    ]);
  });

  it('decodes every Windows-1252 byte 0x80–0x9F (Node 20 TextDecoder drops them)', () => {
    const bytes = Uint8Array.from([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9c, 0x9f, 0x81]);
    expect(decodeBytes(bytes, 'windows-1252')).toBe('€…‘’“”–—™œŸ\u0081');
  });

  it('reads clearly Shift_JIS text as Shift_JIS with a warning gap (realworld sjis-sample.csv)', () => {
    const d = decodeText(realworld('sjis-sample.csv'));
    expect(d.encoding).toBe('shift_jis');
    expect(d.text).toBe('コントロールカラム,商品管理番号（商品URL）\n');
    expect(d.gaps).toEqual([
      {
        field: null,
        code: 'format',
        severity: 'warning',
        message: 'text is not UTF-8; read as Shift_JIS (Japanese): check the characters came out right, or save the file as UTF-8 CSV',
      },
    ]);
  });

  it('does not take Windows-1252 text whose accents happen to form Shift_JIS pairs for Japanese', () => {
    // "Engineer’s née" — 0x92 0x73 and 0xE9 0x65 are valid Shift_JIS pairs, but isolated.
    const bytes = Uint8Array.from([...Buffer.from('Engineer'), 0x92, ...Buffer.from('s n'), 0xe9, ...Buffer.from('e,1\n')]);
    expect(sniffEncoding(bytes).encoding).toBe('windows-1252');
    expect(decodeText(bytes).text).toBe('Engineer’s née,1\n');
  });

  it('refuses text in other multi-byte or non-Latin encodings instead of garbling it', () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xb2, 0xe2, 0xca, 0xd4, 0x2c, 0x31, 0x0a, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]); // 中文测试,1 / 中文 in GBK
    const cp1251 = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0xec, 0xe8, 0xf0, 0x0a]); // Привет,мир in Windows-1251
    for (const bytes of [gbk, cp1251]) {
      expect(() => decodeText(bytes)).toThrow(ImportError);
      try {
        decodeText(bytes);
      } catch (e) {
        expect((e as ImportError).code).toBe('unsupported_format');
        expect((e as ImportError).message).toBe(
          'text in an encoding we cannot read reliably (not UTF-8, and its accented bytes do not look like Western European ' +
            'Windows-1252: probably a multi-byte East Asian or a non-Latin code page); save as UTF-8 CSV',
        );
      }
    }
  });

  it('refuses UTF-32', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]);
    expect(() => decodeText(bytes)).toThrow('text in UTF-32, which we do not read; save as UTF-8 CSV');
  });

  it('UTF-8 with a few stray Windows-1252 bytes (BOM or not): valid UTF-8 kept, stray bytes read as 1252, with a warning', () => {
    const warning = {
      field: null,
      code: 'format',
      severity: 'warning',
      message: 'the text is UTF-8 except for 1 byte(s) that are not; those were read as Windows-1252 (e.g. £, é): check them',
    };
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('Name,Cost\nSiân,'), 0xa3, ...Buffer.from('5\n')]);
    expect(decodeText(withBom)).toEqual({ text: 'Name,Cost\nSiân,£5\n', encoding: 'utf-8', gaps: [warning] });
    const noBom = Uint8Array.from([...Buffer.from('Name,Cost\nZoë Siân,'), 0xa3, ...Buffer.from('5\n')]);
    expect(decodeText(noBom)).toEqual({ text: 'Name,Cost\nZoë Siân,£5\n', encoding: 'utf-8', gaps: [warning] });
  });
});

describe('sniffCsvLayout', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ',', '\n'],
    ['a;b;c\r\n1,5;2;3\r\n0,5;1;2\r\n', ';', '\r\n'],
    ['a\tb\n"x\ty"\tz\n', '\t', '\n'],
    ['a|b\r1|2\r', '|', '\r'],
    ['"a;b",c\n"d;e",f\n', ',', '\n'],
    ['single column\nvalue\n', ',', '\n'],
  ])('%j → delimiter %j, newline %j', (text, delimiter, newline) => {
    const l = sniffCsvLayout(text);
    expect(l.delimiter).toBe(delimiter);
    expect(l.newline).toBe(newline);
  });

  it('picks ; over a comma that appears once in every data row (decimal comma) but not in the header', () => {
    expect(sniffCsvLayout('Activity;Hours;Type\nWebinar;1,5;T\nVisit;0,5;E\nCourse;2,5;T\n').delimiter).toBe(';');
  });

  it('picks the tab found on every line over a comma found only in dates such as "5/21/26, 12:58:40 PM" (a Teams report, trial 2)', () => {
    const text = ['1. Summary', 'Meeting title\tToolbox talk', 'Start time\t5/21/26, 12:58:40 PM', 'End time\t5/21/26, 2:03:12 PM',
      'Meeting duration\t1h 4m 32s', '', 'Name\tFirst Join\tLast Leave\tIn-Meeting Duration', 'Owen Pritchard\t5/21/26, 12:58:40 PM\t5/21/26, 2:03:12 PM\t1h 4m'].join('\n');
    expect(sniffCsvLayout(text).delimiter).toBe('\t');
  });

  it('ignores delimiters and line breaks inside quoted fields', () => {
    const l = sniffCsvLayout('a,b\n"x\r\ny; z",1\n"p;q",2\n');
    expect(l).toEqual({ delimiter: ',', newline: '\n', mixed: false });
  });
});

describe('extractCsv', () => {
  it('UTF-8 with BOM: clean first heading, line numbers from 1', () => {
    const ex = extract(fixture('utf8-bom.csv'), 'utf8-bom.csv');
    expect(ex.tables[0]!.name).toBe('utf8-bom.csv');
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Type', 'Start date', 'End date', 'Hours', 'Reflection'],
      [2, 'IET webinar: Power electronics', 'Webinar', '14/03/2024', '14/03/2024', '1.5', 'Revised loss estimation for SiC MOSFETs'],
      [3, 'Site visit: Hinkley Point C', 'Technical visit', '02/05/2024', '02/05/2024', '6', 'Saw the turbine hall commissioning plan'],
      [4, 'Reading: BS 7671 amendment 2', 'Self-study', '10/06/2024', '12/06/2024', '3', 'Updated our RCD selection checklist'],
    ]);
    expect(ex.gaps).toEqual([]);
  });

  it.each(['utf16le-bom.csv', 'utf16be-bom.csv'])('%s (CRLF records)', (name) => {
    const ex = extract(fixture(name));
    expect(rowsOf(ex)).toEqual([
      [1, 'Name', 'Activity', 'Hours', 'Cost'],
      [2, 'Siân Evans', 'IET webinar: Power electronics', '1.5', '£0'],
      [3, 'Zoë Clarke', 'Café-style workshop – résumé writing', '2', '£45'],
    ]);
    expect(ex.gaps).toEqual([]);
  });

  it('Windows-1252', () => {
    const ex = extract(fixture('windows-1252.csv'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Name', 'Activity', 'Hours', 'Cost', 'Reflection'],
      [2, 'Siân Evans', 'Course: Functional safety (IEC 61508)', '14', '£1200', 'Engineer’s view of SIL targets'],
      [3, 'Tom Okafor', 'Mentoring an apprentice', '3', '£0', 'Planned the apprentice’s résumé and portfolio'],
      [4, 'Zoë Clarke', 'IET webinar: Power electronics', '1.5', '£0', '“Wide-bandgap” devices – notes shared'],
    ]);
    expect(ex.gaps.map((g) => g.code)).toEqual(['format']);
  });

  it('semicolons with decimal commas', () => {
    expect(rowsOf(extract(fixture('semicolon-decimal-comma.csv')))).toEqual([
      [1, 'Activity', 'Type', 'Start date', 'Hours', 'UK-SPEC'],
      [2, 'IET webinar: Power electronics', 'Webinar', '14.03.2024', '1,5', 'A1'],
      [3, 'Site visit: Hinkley Point C', 'Technical visit', '02.05.2024', '6', 'B3, C1'],
      [4, 'Reading: BS 7671 amendment 2', 'Self-study', '10.06.2024', '0,75', 'E2'],
      [5, 'Mentoring an apprentice', 'Volunteering', '21.06.2024', '2', 'D1'],
    ]);
  });

  it('tab-separated, commas in values kept', () => {
    expect(rowsOf(extract(fixture('tab-separated.tsv'), 'tab-separated.tsv'))).toEqual([
      [1, 'Activity', 'Type', 'Date', 'Hours', 'Notes'],
      [2, 'IET webinar: Power electronics', 'Webinar', '2024-03-14', '1.5', 'GaN, SiC and thermal design'],
      [3, 'Course: Functional safety (IEC 61508)', 'Training', '2024-04-08', '14', 'SIL 2, proof testing'],
      [4, 'Reading: IET Wiring Regulations, 18th edition', 'Self-study', '2024-05-20', '4', ''],
    ]);
  });

  it('pipe-separated', () => {
    expect(rowsOf(extract(fixture('pipe-separated.csv')))).toEqual([
      [1, 'Activity', 'Type', 'Date', 'Hours'],
      [2, 'IET webinar: Power electronics', 'Webinar', '2024-03-14', '1.5'],
      [3, 'Site visit: Hinkley Point C, turbine hall', 'Technical visit', '2024-05-02', '6'],
      [4, 'Mentoring an apprentice', 'Volunteering', '2024-06-21', '2'],
    ]);
  });

  it('quoted multi-line values: LF records, CRLF inside quotes → \\n, blank line dropped, start lines kept', () => {
    const ex = extract(fixture('multiline-lf-crlf.csv'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Hours', 'Reflection'],
      [2, 'IET webinar: Power electronics', '1.5', 'Learnt the loss model.\nWill apply it to the inverter review.\nShared notes with the team.'],
      [5, 'Site visit: Hinkley Point C', '6', 'Saw the "cold" commissioning tests'],
      [7, 'Mentoring an apprentice', '2', 'Two sessions:\n- portfolio\n- UK-SPEC evidence'],
    ]);
    expect(ex.gaps).toEqual([]);
  });

  it('CRLF records with CRLF inside quotes, and old Mac CR-only files', () => {
    const crlf = Buffer.from('Activity,Reflection\r\n"Webinar","line one\r\nline two"\r\nVisit,short\r\n');
    expect(rowsOf(extract(crlf))).toEqual([
      [1, 'Activity', 'Reflection'],
      [2, 'Webinar', 'line one\nline two'],
      [4, 'Visit', 'short'],
    ]);
    const cr = Buffer.from('Activity,Reflection\r"Webinar","line one\rline two"\rVisit,short\r');
    expect(rowsOf(extract(cr))).toEqual([
      [1, 'Activity', 'Reflection'],
      [2, 'Webinar', 'line one\nline two'],
      [4, 'Visit', 'short'],
    ]);
  });

  it('CRLF file with a few LF-only records: one convention, no stray \\r', () => {
    const mixed = Buffer.from('Activity,Hours\r\nWebinar,1.5\nVisit,6\r\nCourse,14\r\n');
    expect(rowsOf(extract(mixed))).toEqual([
      [1, 'Activity', 'Hours'],
      [2, 'Webinar', '1.5'],
      [3, 'Visit', '6'],
      [4, 'Course', '14'],
    ]);
  });

  it('title rows above the header are kept (the mapper finds the header); the blank row is dropped', () => {
    expect(rowsOf(extract(fixture('title-rows.csv')))).toEqual([
      [1, 'CPD record for Priya Raman MIET', '', '', ''],
      [2, 'Membership no. 1234567 - year 2024', '', '', ''],
      [4, 'Activity', 'Type', 'Date', 'Hours'],
      [5, 'IET webinar: Power electronics', 'Webinar', '14/03/2024', '1.5'],
      [6, 'Site visit: Hinkley Point C', 'Technical visit', '02/05/2024', '6'],
    ]);
  });

  it('trailing empty headers are kept as empty strings', () => {
    const ex = extract(fixture('trailing-empty-headers.csv'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Date', 'Hours', '', '', ''],
      [2, 'IET webinar: Power electronics', '14/03/2024', '1.5', '', '', ''],
      [3, 'Site visit: Hinkley Point C', '02/05/2024', '6', '', '', ''],
    ]);
    expect(ex.gaps).toEqual([]);
  });

  it('duplicate and hostile headings stay plain array cells; nothing is polluted', () => {
    const ex = extract(fixture('duplicate-proto-headers.csv'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Hours', 'Notes', 'Notes', '__proto__', 'toString', 'constructor'],
      [2, 'IET webinar: Power electronics', '1.5', 'first note', 'second note', 'polluted?', 'not a function', 'x'],
    ]);
    for (const row of ex.tables[0]!.rows) expect(Array.isArray(row.cells)).toBe(true);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('ragged rows and an unterminated quote: data kept, truncated gaps name the rows', () => {
    const ex = extract(fixture('ragged.csv'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Type', 'Date', 'Hours'],
      [2, 'IET webinar: Power electronics', 'Webinar', '14/03/2024', '1.5'],
      [3, 'Site visit: Hinkley Point C', 'Technical visit', '02/05/2024'],
      [4, 'Mentoring an apprentice', 'Volunteering', '21/06/2024', '2'],
      [5, 'Reading: BS 7671', 'Self-study'],
      [6, 'Course: Functional safety', 'Training', '08/04/2024', '14', 'extra'],
      [7, 'Lecture', '"Event', '12/09/2024', '1'],
      [8, 'Conference: All-Energy', 'Event', '15/05/2024', '7'],
    ]);
    expect(ex.gaps).toEqual([
      {
        field: null,
        code: 'truncated',
        severity: 'warning',
        message:
          '3 row(s) have a different number of fields from the usual 4: row 3 has 3, row 5 has 2, row 6 has 5; values were kept as they stand, so check their columns',
      },
      {
        field: null,
        code: 'truncated',
        severity: 'warning',
        message: 'a quoted value is not closed on its line (an opening " without its closing quote) on row 7; the rest of that line was read as plain text, quote included',
      },
    ]);
  });

  it('a value starting with a quoted phrase does not swallow the following records', () => {
    const text = 'Activity,Type,Hours\n"Best practice" guide,Self-study,2\nWebinar,Webinar,1.5\n"Quoted, fine",Event,3\n';
    const ex = extract(Buffer.from(text));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Type', 'Hours'],
      [2, '"Best practice" guide', 'Self-study', '2'],
      [3, 'Webinar', 'Webinar', '1.5'],
      [4, 'Quoted, fine', 'Event', '3'],
    ]);
    expect(ex.gaps.map((g) => g.message)).toEqual([
      'a quoted value is not closed on its line (an opening " without its closing quote) on row 2; the rest of that line was read as plain text, quote included',
    ]);
  });

  it('a malformed quote closed on the same line is kept as papaparse reads it, with a gap', () => {
    const ex = extract(Buffer.from('Activity,Hours\n"IET "Power" webinar",1.5\nVisit,6\n'));
    expect(rowsOf(ex)).toEqual([
      [1, 'Activity', 'Hours'],
      [2, 'IET "Power" webinar', '1.5'],
      [3, 'Visit', '6'],
    ]);
    expect(ex.gaps.map((g) => g.message)).toEqual([
      'malformed quoting (a closing " not followed by a delimiter or line end) on row 2; check those values',
    ]);
  });

  it('lists at most 5 ragged rows', () => {
    const lines = ['a,b,c', ...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? `x${i},y` : `x${i},y,z`)), 'p,q,r'];
    const ex = extract(Buffer.from(lines.join('\n')));
    expect(ex.gaps.map((g) => g.message)).toEqual([
      '4 row(s) have a different number of fields from the usual 3: row 2 has 2, row 4 has 2, row 6 has 2, row 8 has 2; values were kept as they stand, so check their columns',
    ]);
    const many = ['a,b,c', ...Array.from({ length: 12 }, () => 'x,y,z'), ...Array.from({ length: 7 }, () => 'x,y')];
    expect(extract(Buffer.from(many.join('\n'))).gaps[0]!.message).toBe(
      '7 row(s) have a different number of fields from the usual 3: row 14 has 2, row 15 has 2, row 16 has 2, row 17 has 2, row 18 has 2 and 2 more; values were kept as they stand, so check their columns',
    );
  });

  it('an Excel "sep=;" line sets the delimiter and is not a row', () => {
    expect(rowsOf(extract(fixture('sep-line.csv')))).toEqual([
      [2, 'Activity', 'Hours'],
      [3, 'IET webinar: Power electronics', '1,5'],
      [4, 'Mentoring an apprentice', '2'],
    ]);
  });

  it('throws ImportError empty for blank text', () => {
    expect(() => extract(Buffer.from('\uFEFF \r\n\t\n'))).toThrow(new ImportError('empty', 'the file is empty'));
  });
});

describe('extractCsv on real-world papaparse files', () => {
  it('utf-8-bom-sample.csv: BOM not in the first heading', () => {
    expect(rowsOf(extract(realworld('utf-8-bom-sample.csv')))).toEqual([
      [1, 'A', 'B', 'C'],
      [2, 'X', 'Y', 'Z'],
    ]);
  });

  it('sample.csv: no final newline', () => {
    expect(rowsOf(extract(realworld('sample.csv')))).toEqual([
      [1, 'A', 'B', 'C'],
      [2, 'X', 'Y', 'Z'],
    ]);
  });

  it('sjis-sample.csv: read as Shift_JIS with a warning', () => {
    const ex = extract(realworld('sjis-sample.csv'));
    expect(rowsOf(ex)).toEqual([[1, 'コントロールカラム', '商品管理番号（商品URL）']]);
    expect(ex.gaps.map((g) => [g.code, g.severity])).toEqual([['format', 'warning']]);
  });

  it('malformed.tsv: ragged rows and an unterminated quote, every record kept', () => {
    const ex = extract(realworld('malformed.tsv'), 'malformed.tsv');
    const rows = rowsOf(ex);
    expect(rows).toHaveLength(10);
    expect(rows[2]).toEqual([3, 'BTV', '-73.15', '44.47', '14', '-9', '0.00', '0.0', '7', '52']);
    expect(rows[5]).toEqual([6, 'MSS', '-74.85', '44.93', '4', '-150.00', '-99', '-99']);
    expect(rows[8]).toEqual([9, 'SLK', '-74.20', '"44.39', '7', '-12', '0.00', '-99', '-99']);
    expect(rows[9]).toEqual([10, 'VSF', '-72.50', '43.34', '20', '-1', '0.04', '-99', '-99']);
    expect(ex.gaps.map((g) => g.message)).toEqual([
      '2 row(s) have a different number of fields from the usual 8: row 3 has 9, row 6 has 7; values were kept as they stand, so check their columns',
      'a quoted value is not closed on its line (an opening " without its closing quote) on row 9; the rest of that line was read as plain text, quote included',
    ]);
  });

  it('long-sample-with-errors.csv: short rows flagged', () => {
    const ex = extract(realworld('long-sample-with-errors.csv'));
    const rows = rowsOf(ex);
    expect(rows).toHaveLength(25);
    expect(rows[0]!.slice(0, 4)).toEqual([1, 'Segment', 'Punkt', 'Breitengrad (°)']);
    expect(rows[24]).toEqual([25, '1', '24', '52.496561', '26.361702', '56.5', '12.0', '33', '9', '2015-02-17T17:46:58.008Z', '']);
    expect(ex.gaps).toEqual([
      {
        field: null,
        code: 'truncated',
        severity: 'warning',
        message:
          '2 row(s) have a different number of fields from the usual 12: row 23 has 11, row 25 has 10; values were kept as they stand, so check their columns',
      },
    ]);
  });

  it('poisoned-sample.csv and duplicate-headers.csv: headings stay array cells', () => {
    expect(rowsOf(extract(realworld('poisoned-sample.csv')))).toEqual([
      [1, '__proto__', 'toString', 'valueOf', '__proto__'],
      [2, 'X', 'Y', 'Z', 'A'],
    ]);
    const dup = extract(realworld('duplicate-headers.csv')).tables[0]!;
    expect(dup.rows[0]!.cells).toHaveLength(148);
    expect(dup.rows.every((r) => r.cells.length === 148)).toBe(true);
    expect(dup.rows).toHaveLength(558);
  });
});

describe('extractCsv performance', () => {
  it('parses 50k rows × 8 columns quickly and numbers lines right', () => {
    const line = (i: number): string =>
      `IET webinar #${i},Webinar,14/03/2024,14/03/2024,1.5,"Converters, thermal design",Will apply it to the next design review,A1`;
    const text = ['Activity,Type,Start,End,Hours,Description,Reflection,UK-SPEC', ...Array.from({ length: 50_000 }, (_, i) => line(i))].join('\n');
    const t = performance.now();
    const ex = extract(Buffer.from(text));
    const ms = performance.now() - t;
    const rows = ex.tables[0]!.rows;
    expect(rows).toHaveLength(50_001);
    expect(rows[50_000]!.index).toBe(50_001);
    expect(rows[50_000]!.cells[5]).toBe('Converters, thermal design');
    expect(ms).toBeLessThan(3000);
  });
});

describe('a text file of dated notes, not a table (fresh-eyes finding)', () => {
  it('reads each dated line as an activity: date, name, hours and the note after the first sentence', () => {
    const text = 'My CPD notes 2025 - Ieuan Roberts\n\n12/01/2025 - IET webinar on heat pumps (1.5 hrs). Learnt about COP at low flow temps.\n03/02/2025 - Read CIBSE guide chapter on ventilation, 2 hours.\n';
    const ex = extractCsv(new TextEncoder().encode(text), { fileName: 'notes.txt' });
    expect(ex.tables).toEqual([]);
    expect(ex.blocks.map((b) => b.values.map((v) => [v.label, v.value, v.ref]))).toEqual([
      [['Date', '12/01/2025', 'line 3'], ['Activity', 'IET webinar on heat pumps', 'line 3'], ['Hours', '1.5 hrs', 'line 3'], ['Notes', 'Learnt about COP at low flow temps.', 'line 3']],
      [['Date', '03/02/2025', 'line 4'], ['Activity', 'Read CIBSE guide chapter on ventilation', 'line 4'], ['Hours', '2 hours', 'line 4']],
    ]);
    expect(ex.gaps.map((g) => g.message)).toContain('the file is lines of text, 2 of them starting with a date, not a table: each dated line was read as an activity');
  });
});

describe('tables stacked in one CSV (trial 8)', () => {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('a title line after a blank line over a header of another width starts a second table', () => {
    const text = [
      'CE transcript',
      'Course,Provider,Completed,Hours,Subject',
      'Pain management update,Harbour CE,02/11/2026,2.00,General',
      'Ethics for pharmacists,Harbour CE,03/04/2026,1.00,Ethics',
      '',
      'Requirements by subject',
      'Subject,Required,Earned,Left',
      'General,10.00,2.00,8.00',
      'Ethics,1.00,1.00,0.00',
    ].join('\n');
    const ex = extract(utf8(text), 'ce.csv');
    expect(ex.tables.map((t) => [t.name, t.table, t.rows.map((r) => r.index)])).toEqual([
      ['ce.csv', 1, [1, 2, 3, 4]],
      ['ce.csv', 2, [6, 7, 8, 9]],
    ]);
    expect(ex.gaps.filter((g) => g.code === 'truncated')).toEqual([]);
  });

  it('a note under a blank line inside a log, with rows of the log’s width after it, stays one table', () => {
    const text = ['Date,Activity,Hours', '02/11/2026,Pain management update,2', '', 'Autumn term', '03/12/2026,Ethics for pharmacists,1', '04/12/2026,Audit training,3'].join('\n');
    const ex = extract(utf8(text));
    expect(ex.tables.map((t) => [t.table, t.rows.length])).toEqual([[undefined, 5]]);
  });
});
