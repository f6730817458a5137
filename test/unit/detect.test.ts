import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isImportError, type ImportErrorCode } from '../../src/domain/index.js';
import { detectFormat } from '../../src/pipeline/detect.js';
import { DEFAULT_BUDGET, type Budget, type Detection } from '../../src/pipeline/types.js';

const BAD = new URL('../../fixtures/bad/', import.meta.url);
const CSV = new URL('../../fixtures/csv/', import.meta.url);
/** Parser-suite files (fixtures/realworld/SOURCES.md: sources and licences). */
const REALWORLD = new URL('../../fixtures/realworld/parsers/', import.meta.url);

const bad = (name: string): Uint8Array => readFileSync(new URL(name, BAD));

/** Detection result, or the ImportError's `{ code, message }`. */
async function outcome(
  bytes: Uint8Array,
  name: string,
  budget: Budget = DEFAULT_BUDGET,
): Promise<Detection | { code: ImportErrorCode; message: string }> {
  try {
    return await detectFormat(bytes, name, budget);
  } catch (e) {
    if (isImportError(e)) return { code: e.code, message: e.message };
    throw e;
  }
}

const NOT_READ = 'we read CSV, Excel .xlsx, Word .docx, PDF, web pages (.html), calendars (.ics) and PNG/JPEG files';

describe('detectFormat on real-world parser test files', () => {
  const expected: Record<string, 'csv' | 'xlsx' | 'docx' | 'pdf'> = {};
  const folders: [string, (f: string) => boolean][] = [
    ['papaparse', () => true],
    ['exceljs', (f) => f.endsWith('.csv') || f.endsWith('.xlsx')],
    ['mammoth', () => true],
    ['python-docx', () => true],
    ['pdf-parse', () => true],
    ['pdfjs', () => true],
  ];
  const byExt = { csv: 'csv', tsv: 'csv', xlsx: 'xlsx', docx: 'docx', pdf: 'pdf' } as const;
  for (const [folder, keep] of folders) {
    for (const f of readdirSync(new URL(`${folder}/`, REALWORLD)).filter(keep).sort()) {
      expected[`${folder}/${f}`] = byExt[f.split('.').pop() as keyof typeof byExt];
    }
  }

  it('finds the expected files', () => {
    expect(Object.keys(expected)).toHaveLength(9 + 16 + 10 + 2 + 13 + 11);
    expect(Object.values(expected).every((v) => v !== undefined)).toBe(true);
  });

  it.each(Object.entries(expected))('%s → %s', async (path, format) => {
    const d = await outcome(readFileSync(new URL(path, REALWORLD)), path.split('/')[1]!);
    expect(d).toMatchObject({ format, gaps: [] });
    const via = { csv: 'text sniffing', xlsx: 'zip entries xl/', docx: 'zip entries word/', pdf: 'magic bytes %PDF-' }[format];
    expect((d as Detection).via).toBe(via);
  });

  it('an encrypted PDF is still a PDF at detection (password-123456.pdf, issue6010_1.pdf)', async () => {
    expect(await outcome(readFileSync(new URL('pdf-parse/password-123456.pdf', REALWORLD)), 'password-123456.pdf')).toEqual({
      format: 'pdf',
      via: 'magic bytes %PDF-',
      gaps: [],
    });
    expect(await outcome(readFileSync(new URL('pdfjs/issue6010_1.pdf', REALWORLD)), 'issue6010_1.pdf')).toMatchObject({ format: 'pdf' });
  });
});

describe('detectFormat on our CSV fixtures', () => {
  it.each(readdirSync(CSV).filter((f) => /\.(csv|tsv)$/.test(f)))('%s → csv by text sniffing', async (f) => {
    expect(await outcome(readFileSync(new URL(f, CSV)), f)).toEqual({ format: 'csv', via: 'text sniffing', gaps: [] });
  });
});

describe('detectFormat on files it must refuse or flag', () => {
  it.each([
    ['legacy.xls', 'unsupported_format', 'legacy Excel 97-2003 .xls workbook; save it as .xlsx'],
    ['legacy.doc', 'unsupported_format', 'legacy Word 97-2003 .doc document; save it as .docx'],
    [
      'encrypted.xlsx',
      'password_protected',
      'password-protected workbook or document (encrypted Office file); remove the password and try again',
    ],
    ['other-ole2.msg', 'unsupported_format', `an Office 97-2003 / OLE2 file that is not a workbook or document; ${NOT_READ}`],
    ['zip-bomb.xlsx', 'too_large', 'inflates to 300 MB, over the limit of 200 MB'],
    ['not-office.zip', 'unsupported_format', 'a zip archive that is not a workbook or Word document (holds: a.txt, b.png)'],
    ['empty.zip', 'empty', 'an empty zip archive'],
    ['open-document.ods', 'unsupported_format', 'an OpenDocument spreadsheet (.ods); save it as .xlsx'],
    ['truncated.xlsx', 'corrupt', 'a damaged or truncated zip archive'],
    ['rtf-named.docx', 'unsupported_format', 'an RTF document (named .docx), save it as .docx'],
    ['export.csv.gz', 'unsupported_format', `a gzip-compressed file (.gz); ${NOT_READ}`],
    ['empty.csv', 'empty', 'the file is empty'],
    ['blank-bom.csv', 'empty', 'the file is empty'],
    ['unknown.bin', 'unsupported_format', `an unrecognised binary file (named .bin) (starts with 00 01 02 03 DE AD BE EF); ${NOT_READ}`],
    ['program.csv', 'unsupported_format', `a Windows program (.exe/.dll) (named .csv); ${NOT_READ}`],
  ])('%s → %s', async (name, code, message) => {
    expect(await outcome(bad(name), name)).toEqual({ code, message });
  });

  it('zip bomb within the total budget is still refused by its compression ratio', async () => {
    const budget: Budget = { ...DEFAULT_BUDGET, maxInflatedBytes: 1024 * 1024 * 1024 };
    const r = await outcome(bad('zip-bomb.xlsx'), 'zip-bomb.xlsx', budget);
    expect(r).toMatchObject({ code: 'too_large' });
    expect((r as { message: string }).message).toMatch(
      /^inflates to 300 MB from 0\.3 MB \(\d{3,4}:1, over the limit of 200:1 for entries over 10 MB\)$/,
    );
  });

  it('a file over budget.maxBytes is too large', async () => {
    const budget: Budget = { ...DEFAULT_BUDGET, maxBytes: 1024 * 1024 };
    expect(await outcome(new Uint8Array(1536 * 1024).fill(0x41), 'big.csv', budget)).toEqual({
      code: 'too_large',
      message: 'the file is 1.5 MB, over the limit of 1 MB',
    });
  });

  it('content wins over the extension, with a format warning', async () => {
    expect(await outcome(bad('csv-named.xlsx'), 'csv-named.xlsx')).toEqual({
      format: 'csv',
      via: 'text sniffing',
      gaps: [{ field: null, code: 'format', severity: 'warning', message: 'named .xlsx but holds CSV text; read as CSV' }],
    });
    expect(await outcome(bad('xlsx-named.csv'), 'xlsx-named.csv')).toEqual({
      format: 'xlsx',
      via: 'zip entries xl/',
      gaps: [
        { field: null, code: 'format', severity: 'warning', message: 'named .csv but holds an Excel workbook (.xlsx); read as a workbook' },
      ],
    });
    expect(await outcome(bad('png-named.csv'), 'png-named.csv')).toEqual({
      format: 'image',
      via: 'magic bytes PNG',
      gaps: [{ field: null, code: 'format', severity: 'warning', message: 'named .csv but holds a PNG image; read as an image' }],
    });
    const docx = readFileSync(new URL('mammoth/tables.docx', REALWORLD));
    expect(await outcome(docx, 'CPD log.pdf')).toEqual({
      format: 'docx',
      via: 'zip entries word/',
      gaps: [{ field: null, code: 'format', severity: 'warning', message: 'named .pdf but holds a Word document (.docx); read as a Word document' }],
    });
  });

  it('no extension, or one that promises nothing, gives no warning', async () => {
    expect(await outcome(bad('csv-named.xlsx'), 'export')).toEqual({ format: 'csv', via: 'text sniffing', gaps: [] });
    expect(await outcome(bad('csv-named.xlsx'), 'export.dat')).toEqual({ format: 'csv', via: 'text sniffing', gaps: [] });
  });

  it('JPEG magic bytes → image', async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    expect(await outcome(jpeg, 'scan.jpg')).toEqual({ format: 'image', via: 'magic bytes JPEG', gaps: [] });
  });

  it('Windows-1252, UTF-16 and Shift_JIS text are CSV; unreadable encodings are refused', async () => {
    expect(await outcome(readFileSync(new URL('windows-1252.csv', CSV)), 'w.csv')).toMatchObject({ format: 'csv' });
    expect(await outcome(readFileSync(new URL('utf16le-nobom.csv', CSV)), 'u.csv')).toMatchObject({ format: 'csv' });
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xb2, 0xe2, 0xca, 0xd4, 0x2c, 0x31, 0x0a, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    expect(await outcome(gbk, 'gbk.csv')).toMatchObject({ code: 'unsupported_format' });
  });

  it('text with many control characters is binary, not CSV', async () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0x01 : 0x41 + (i % 26)));
    expect(await outcome(bytes, 'x.csv')).toEqual({
      code: 'unsupported_format',
      message: `an unrecognised binary file (named .csv) (starts with 01 42 43 44 45 46 47 01); ${NOT_READ}`,
    });
  });

  it('HTML saved as .xls or .docx by a web app is read as a web page, with a warning; Excel 2003 XML is named', async () => {
    expect(await outcome(Buffer.from('\r\n<html><body><table><tr><td>1</td></tr></table></body></html>'), 'export.xls')).toEqual({
      format: 'html',
      via: 'text sniffing: HTML',
      gaps: [{ field: null, code: 'format', severity: 'warning', message: 'named .xls but holds a web page (HTML); read as a web page' }],
    });
    expect(await outcome(bad('html-named.docx'), 'html-named.docx')).toMatchObject({ format: 'html' });
    const xml =
      '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>';
    expect(await outcome(Buffer.from(xml), 'log.xls')).toEqual({
      code: 'unsupported_format',
      message: 'an Excel 2003 XML spreadsheet (named .xls); save it as .xlsx',
    });
  });

  it('a file of zero bytes only is corrupt', async () => {
    expect(await outcome(new Uint8Array(64), 'log.csv')).toEqual({
      code: 'corrupt',
      message: 'the file holds only zero bytes (a failed download or copy?)',
    });
  });
});
