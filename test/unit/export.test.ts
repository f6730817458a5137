import { describe, expect, it } from 'vitest';
import type { CpdRecord, ImportResult } from '../../src/domain/index.js';
import { neutralise, toCsv, toXlsx } from '../../src/export/export.js';
import { summarise } from '../../src/pipeline/import.js';

function record(over: Partial<CpdRecord>): CpdRecord {
  return {
    activityName: 'Reading: IET Code of Practice for EV charging', activityType: 'Reading', twaves: 'S',
    startDate: '2024-03-01', endDate: '2024-03-01', targetDate: null, hours: 2, description: null, reflection: null,
    ukSpec: ['A1'], skillType: null, objective: null, status: 'completed', extras: {}, raw: {}, gaps: [],
    source: { file: 'log.csv', row: 2 }, ...over,
  };
}

function result(records: CpdRecord[]): ImportResult {
  return { file: 'log.csv', sha256: '0'.repeat(64), format: 'csv', records, fileGaps: [], mapping: [], summary: summarise(records, '2026-11-29') };
}

describe('neutralise', () => {
  it.each([
    ['=1+2', "'=1+2"], ['+44 20 7946 0000', "'+44 20 7946 0000"], ['-a', "'-a"], ['@SUM(1)', "'@SUM(1)"],
    ['\tTab', "'\tTab"], ['Plain text', 'Plain text'], ['', ''], ['a=b', 'a=b'],
  ])('%j → %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes one row per record with a BOM and CRLF, text neutralised and gaps listed', () => {
    const csv = toCsv([result([record({ activityName: '=cmd|/C calc', gaps: [{ field: 'hours', code: 'missing', severity: 'error', message: 'no CPD hours' }], hours: null })])]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeffFile,Source,Status,Activity name,Activity type,TWAVES,Start date,End date,Target date,CPD hours,Description,Reflection,UK-SPEC,Skill type,Objective,Gaps,Other columns');
    expect(lines[1]).toBe("log.csv,row 2,completed,'=cmd|/C calc,Reading,S,2024-03-01,2024-03-01,,,,,A1,,,error hours missing: no CPD hours,");
  });
});

describe('toXlsx', () => {
  it("cuts a text past Excel's 32,767-character cell limit and says so", async () => {
    const long = 'x'.repeat(40_000);
    const bytes = await toXlsx([result([record({ reflection: long })])]);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const v = wb.getWorksheet('Records')!.getRow(2).getCell(12).value as string;
    expect(v.length).toBe(32_767);
    expect(v.endsWith("… [cut at Excel's cell limit; the full text is in the JSON export]")).toBe(true);
  });
});

describe('summarise', () => {
  it('counts completed hours once each, leaving out exact repeats and future-dated activities', () => {
    const dup = { field: null, code: 'duplicate' as const, severity: 'warning' as const, message: 'exact duplicate' };
    const s = summarise(
      [
        record({ hours: 1.5, gaps: [dup] }),
        record({ hours: 1.5, gaps: [dup] }),
        record({ activityName: 'Future course', startDate: '2027-01-10', endDate: '2027-01-10', hours: 7 }),
        record({ activityName: 'Plan', status: 'planned', targetDate: '2027-06-30', hours: 10 }),
        record({ activityName: 'Other', hours: 2 }),
      ],
      '2026-11-29',
    );
    expect(s).toEqual({ records: 5, completed: 4, planned: 1, recordsWithGaps: 2, gaps: { error: 0, warning: 2, info: 0 }, totalHours: 3.5 });
  });
});
