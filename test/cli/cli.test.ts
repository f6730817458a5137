/**
 * The `cpd-import` command as a user runs it (the built `dist/src/cli/bin.js` in a child process): NDJSON output,
 * the readable table, exit codes 0/1/2, `cpd-import: FILE: reason` lines, folders, `--out` exports with gap cells
 * marked and formula injection neutralised, `--mapping`, the per-file time limit. Outputs go to a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/domain/index.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const AISHA = join(ROOT, 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx');
const TOMASZ = join(ROOT, 'fixtures/golden/tomasz-nowak-cpd.csv');
/** The same files as a user in the project folder names them: the output names files exactly as given. */
const AISHA_ARG = 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx';
const TOMASZ_ARG = 'fixtures/golden/tomasz-nowak-cpd.csv';
const run = promisify(execFile);

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = ROOT): Promise<Out> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--today', '2026-11-29', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'cpd-cli-'));

describe('cpd-import FILE --json', () => {
  it('prints one ImportResult per file as NDJSON and nothing else on stdout', async () => {
    const out = await cli([AISHA_ARG, TOMASZ_ARG, '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [a, t] = lines.map((l) => JSON.parse(l) as ImportResult);
    expect([a!.file, a!.format, a!.records.length, a!.summary.totalHours]).toEqual(['fixtures/golden/aisha-okonkwo-cpd-2024.xlsx', 'xlsx', 11, 39.75]);
    expect([t!.file, t!.format, t!.records.length]).toEqual(['fixtures/golden/tomasz-nowak-cpd.csv', 'csv', 5]);
    expect(a!.records[1]).toMatchObject({ activityName: 'NEBOSH General Certificate (week 1)', startDate: '2024-02-05', endDate: '2024-02-09', hours: 30 });
  });
});

describe('readable output', () => {
  it('marks gap cells with a symbol that reads without colour, lists the gaps and sums up', async () => {
    const out = await cli([AISHA_ARG]);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
    expect(out.stdout).toContain('aisha-okonkwo-cpd-2024.xlsx  (xlsx, 11 records)');
    expect(out.stdout).toContain('✖ #6 hours: the hours "see certificate" could not be read');
    expect(out.stdout).toContain('▲ #9 ukSpec: F9 is not a UK-SPEC competence code (A1–E5)');
    expect(out.stdout).toContain('Summary: 11 records (9 completed, 2 planned), 39.75 h completed; 11 with gaps — record gaps: ✖ 4 errors, ▲ 12 warnings, ● 19 info');
    expect(out.stdout).toMatch(/│ ✖ +│ D2 /); // the hours cell of record 6 carries the error symbol
  });

  it('names the columns kept in extras in one line, and says a file\'s name once', async () => {
    const out = await cli(['fixtures/corpus/titlecase-bracket-headings.csv']);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('fixtures/corpus/titlecase-bracket-headings.csv  (csv, 6 records)');
    expect(lines).toContain('  ▲ 3 columns or labels hold values that map to no record field; kept in extras (why, with examples: --json): B "Provider", C "Instructor", H "Course URL"');
    expect(lines.filter((l) => l.includes('titlecase-bracket-headings.csv'))).toHaveLength(1);
  });
});

describe('exit codes and errors', () => {
  it('exits 1 with one line per unreadable file, and still imports the others in a folder', async () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(dir);
    copyFileSync(TOMASZ, join(dir, 'a-good.csv'));
    copyFileSync(join(ROOT, 'fixtures/bad/encrypted.xlsx'), join(dir, 'b-locked.xlsx'));
    writeFileSync(join(dir, 'c-empty.csv'), '');
    copyFileSync(join(ROOT, 'fixtures/bad/legacy.xls'), join(dir, 'd-old.xls'));
    copyFileSync(join(ROOT, 'fixtures/bad/zip-bomb.xlsx'), join(dir, 'e-bomb.xlsx'));
    copyFileSync(join(ROOT, 'fixtures/bad/truncated.xlsx'), join(dir, 'f-cut.xlsx'));
    writeFileSync(join(dir, 'notes.md'), '# not taken from a folder');
    const out = await cli(['mixed', '--json'], tmp);
    expect(out.code).toBe(1);
    expect(out.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as ImportResult).file)).toEqual(['mixed/a-good.csv']);
    expect(out.stderr.trimEnd().split('\n')).toEqual([
      'cpd-import: note: 1 file in mixed is not a CPD log format and was not read: mixed/notes.md',
      'cpd-import: mixed/b-locked.xlsx: password-protected workbook or document (encrypted Office file); remove the password and try again',
      'cpd-import: mixed/c-empty.csv: the file is empty',
      // Followed by how to enable conversion (no LibreOffice) or why LibreOffice could not convert this fake .xls.
      expect.stringMatching(/^cpd-import: mixed\/d-old\.xls: legacy Excel 97-2003 \.xls workbook; save it as \.xlsx[,;] /),
      'cpd-import: mixed/e-bomb.xlsx: inflates to 300 MB, over the limit of 200 MB',
      expect.stringMatching(/^cpd-import: mixed\/f-cut\.xlsx: a damaged or truncated zip archive/),
    ]);
    expect(out.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('exits 1 for a folder with nothing to import', async () => {
    const dir = join(tmp, 'empty-folder');
    mkdirSync(dir);
    const out = await cli([dir]);
    expect(out).toMatchObject({ code: 1, stdout: '', stderr: `cpd-import: ${dir}: the folder holds no CSV, XLSX, Word, PDF or image files\n` });
  });

  it('imports a file named twice once', async () => {
    const out = await cli([TOMASZ, TOMASZ, '--json']);
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses to write --out over a file being imported (exit 2, the log untouched)', async () => {
    const log = join(tmp, 'keep-me.csv');
    copyFileSync(TOMASZ, log);
    const before = readFileSync(log);
    const out = await cli([log, '--out', log]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`cpd-import: --out ${log} is one of the files to import; choose another output file\n`);
    expect(readFileSync(log).equals(before)).toBe(true);
  });

  it('exits 1 for a PNG with no image data (it crashed the native image decoder once), and does not crash', async () => {
    const out = await cli(['fixtures/bad/no-image-data.png']);
    expect(out).toMatchObject({ code: 1, stdout: '', stderr: 'cpd-import: fixtures/bad/no-image-data.png: the image is damaged and cannot be decoded\n' });
  });

  it('names a file given by its absolute path by that path, in results and errors alike (trial finding)', async () => {
    const ok = await cli([AISHA, '--json']);
    expect((JSON.parse(ok.stdout) as ImportResult).file).toBe(AISHA);
    const bad = await cli([join(ROOT, 'fixtures/bad/no-image-data.png')]);
    expect(bad.stderr).toBe(`cpd-import: ${join(ROOT, 'fixtures/bad/no-image-data.png')}: the image is damaged and cannot be decoded\n`);
  });

  it('exits 1 for a missing file', async () => {
    const out = await cli(['no-such-log.xlsx']);
    expect(out).toMatchObject({ code: 1, stdout: '', stderr: 'cpd-import: no-such-log.xlsx: no such file or folder\n' });
  });

  it('exits 1 with "timed out" when a file runs past --timeout', async () => {
    const out = await cli([AISHA_ARG, '--timeout', '0.001', '--json']);
    expect(out).toMatchObject({ code: 1, stdout: '' });
    expect(out.stderr).toBe(`cpd-import: fixtures/golden/aisha-okonkwo-cpd-2024.xlsx: reading the file took longer than the limit of 0.001 s\n`);
  });

  it('exits 1 with "too large" past --max-size', async () => {
    const out = await cli([AISHA_ARG, '--max-size', '0.001']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^cpd-import: fixtures\/golden\/aisha-okonkwo-cpd-2024\.xlsx: the file is 10,131 bytes, over the limit of 1,049 bytes\n$/);
  });

  it('exits 1 past --max-rows (a file far longer than a CPD log)', async () => {
    const out = await cli([TOMASZ_ARG, '--max-rows', '5']);
    expect(out).toMatchObject({ code: 1, stderr: 'cpd-import: fixtures/golden/tomasz-nowak-cpd.csv: the file holds 8 rows, over the limit of 5 for one CPD log; split it or check it is the right file\n' });
  });

  it.each([
    [[], 'give at least one file or folder'],
    [[AISHA, '--out', 'records.txt'], '--out must end in .json, .csv or .xlsx'],
    [[AISHA, '--date-order', 'ymd'], "argument 'ymd' is invalid"],
    [[AISHA, '--no-such-flag'], "unknown option '--no-such-flag'"],
    [[AISHA, '--timeout', '-3'], '--timeout must be a positive number'],
    [[AISHA, '--time-zone', 'Mars/Olympus_Mons'], '"Mars/Olympus_Mons" is not a time zone name; give an IANA name such as Europe/London, Europe/Dublin or UTC'],
    [[AISHA, '--hours-per-point', '0'], '--hours-per-point must be a positive number'],
  ])('exits 2 for usage errors: %j', async (args, message) => {
    const out = await cli(args);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });
});

describe('--out', () => {
  it('writes JSON: an array of ImportResults', async () => {
    const file = join(tmp, 'out.json');
    const out = await cli([AISHA_ARG, TOMASZ, '--out', file]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(`Saved 16 records to ${file}\n`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as ImportResult[];
    expect(data.map((r) => r.records.length)).toEqual([11, 5]);
  });

  it('writes CSV with formula injection neutralised', async () => {
    const file = join(tmp, 'out.csv');
    expect((await cli([TOMASZ, '--out', file, '--json'])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeffFile,Source,Status,Activity name,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""Webinar on HVDC"")’"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('writes XLSX with gap cells filled and a comment holding the gap message', async () => {
    const file = join(tmp, 'out.xlsx');
    expect((await cli([AISHA_ARG, TOMASZ, '--out', file, '--json'])).code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Records')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(['File', 'Source', 'Status', 'Activity name', 'Activity type', 'TWAVES', 'Start date', 'End date', 'Target date', 'CPD hours', 'Description', 'Reflection', 'UK-SPEC', 'Skill type', 'Objective', 'Gaps', 'Other columns']);
    // Record 6 of Aisha's log (row 7 of the export): hours unreadable → red fill and the message as a comment.
    const hours = ws.getRow(7).getCell(10);
    expect(ws.getRow(7).getCell(4).value).toBe('Judging IET Present Around the World heat');
    expect(hours.value).toBeNull();
    expect(hours.fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4B6B6' } });
    const note = hours.note as { texts: { text: string }[] } | string;
    const noteText = typeof note === 'string' ? note : note.texts.map((t) => t.text).join('');
    expect(noteText).toContain('ERROR (invalid): the hours "see certificate" could not be read');
    // Tomasz's HYPERLINK activity is text with a leading apostrophe, not a formula.
    const inj = ws.getRow(16).getCell(4);
    expect(inj.value).toBe(`'=HYPERLINK("http://example.invalid","Webinar on HVDC")’`);
    expect(inj.formula).toBeUndefined();
    expect(wb.getWorksheet('Gaps')!.rowCount).toBeGreaterThan(40);
  });
});

describe('--no-ocr', () => {
  it('reports a scan as having no text layer instead of reading it', async () => {
    const out = await cli([join(ROOT, 'fixtures/scan/scan-1p.png'), '--no-ocr', '--json']);
    const res = JSON.parse(out.stdout) as ImportResult;
    expect([out.code, res.records.length]).toEqual([0, 0]);
    expect(res.fileGaps).toEqual([{ field: null, code: 'no_activities', severity: 'error', message: 'no text layer: the file is an image (a scan or photo) and could not be read (OCR is switched off); nothing was imported' }]);
  });
});

describe('--save-mapping', () => {
  it('writes the mapping the file was read with in the --mapping shape; edited and passed back, it reads the file so', async () => {
    const csv = join(tmp, 'cols.csv');
    writeFileSync(csv, 'Col A,Col B,Col C,Col D\nIET webinar on battery safety,12/03/2024,1.5,Learnt about thermal runaway\nSite visit to substation,02/04/2024,3,Saw protection relays in service\n');
    const saved = join(tmp, 'cols-mapping.json');
    const out = await cli([csv, '--save-mapping', saved]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(`Saved the mapping of 4 columns to ${saved}: edit it and pass it back with --mapping ${saved}\n`);
    expect(readFileSync(saved, 'utf8')).toBe('{\n  "Col A": "activityName",\n  "Col B": "startDate",\n  "Col C": "hours",\n  "Col D": null\n}\n');
    writeFileSync(saved, JSON.stringify({ ...(JSON.parse(readFileSync(saved, 'utf8')) as object), 'Col D': 'reflection' }));
    const again = await cli([csv, '--mapping', saved, '--json']);
    const r = JSON.parse(again.stdout) as ImportResult;
    expect(r.records.map((x) => [x.activityName, x.reflection])).toEqual([
      ['IET webinar on battery safety', 'Learnt about thermal runaway'],
      ['Site visit to substation', 'Saw protection relays in service'],
    ]);
  });

  it('takes one file (exit 2 for two), and never the file it imports', async () => {
    const two = await cli([AISHA_ARG, TOMASZ_ARG, '--save-mapping', join(tmp, 'two.json')]);
    expect([two.code, two.stderr]).toEqual([2, 'cpd-import: --save-mapping saves the mapping of one file: give one file\n']);
    const self = await cli([TOMASZ_ARG, '--save-mapping', TOMASZ_ARG]);
    expect([self.code, self.stderr]).toEqual([2, `cpd-import: --save-mapping ${TOMASZ_ARG} is the file to import; choose another file to save the mapping in\n`]);
  });
});

describe('--mapping', () => {
  it('overrides the heading mapping from a JSON file', async () => {
    const csv = join(tmp, 'custom.csv');
    writeFileSync(csv, 'Learning activity,When,Learning points,Ref\nRead IET guidance note 3,14/03/2024,Inspection intervals for offices,R7\n');
    const map = join(tmp, 'map.json');
    writeFileSync(map, JSON.stringify({ 'Learning points': 'reflection', Ref: null }));
    const out = await cli([csv, '--mapping', map, '--json']);
    const res = JSON.parse(out.stdout) as ImportResult;
    expect(res.records[0]).toMatchObject({ activityName: 'Read IET guidance note 3', startDate: '2024-03-14', reflection: 'Inspection intervals for offices', extras: { Ref: 'R7' } });
  });

  it('a mapping may say the unit of the hours: {"field": "hours", "unit": "minutes"}; a unit on another field is refused (tryout A4)', async () => {
    const csv = join(tmp, 'portal.csv');
    writeFileSync(csv, 'Col A,Col B,Col C\n2025-01-22,Webinar: transformer monitoring,1.5\n2025-03-05,Reading: cyber security code,2\n');
    const map = join(tmp, 'unit-map.json');
    writeFileSync(map, JSON.stringify({ 'Col C': { field: 'hours', unit: 'days' } }));
    const out = await cli([csv, '--mapping', map, '--hours-per-day', '7', '--json']);
    expect((JSON.parse(out.stdout) as ImportResult).records.map((r) => r.hours)).toEqual([10.5, 14]);
    writeFileSync(map, JSON.stringify({ 'Col A': { field: 'startDate', unit: 'minutes' } }));
    const bad = await cli([csv, '--mapping', map]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Col A" maps to {"field":"startDate","unit":"minutes"}, which is not a field');
  });

  it('rejects a mapping to an unknown field with exit 2', async () => {
    const map = join(tmp, 'bad-map.json');
    writeFileSync(map, JSON.stringify({ Foo: 'colour' }));
    const out = await cli([AISHA_ARG, '--mapping', map]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^cpd-import: the mapping file .*bad-map\.json: "Foo" maps to "colour", which is not a field/);
  });
});
