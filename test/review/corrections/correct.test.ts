/**
 * Corrections as pure functions (src/review/corrections/correct.ts): the reviewer's text read by the pipeline's normalisers,
 * and the record's gaps recomputed — the corrected field's own gaps replaced, gaps validation derives from the
 * values worked out again, every other gap kept — plus acceptances.
 */
import { describe, expect, it } from 'vitest';
import type { CpdRecord, Gap } from '../../../src/domain/index.js';
import { recordsFromExtraction } from '../../../src/pipeline/import.js';
import type { Extraction } from '../../../src/pipeline/types.js';
import { applyAcceptances, consequencesOf, correctRecord, CorrectionError, parseFieldInput, type Acceptance } from '../../../src/review/corrections/correct.js';

const WHO = { label: 'Rita Reviewer', today: '2025-02-01' };

/** Records of a small CSV-like table run through map → normalise → validate, as an import would. */
function importTable(header: string[], rows: string[][]): CpdRecord[] {
  const ex: Extraction = {
    tables: [{ name: 'log.csv', rows: [header, ...rows].map((cells, i) => ({ index: i + 1, cells })) }],
    blocks: [],
    gaps: [],
  } as unknown as Extraction;
  return recordsFromExtraction(ex, 'log.csv', { today: '2025-02-01' }).records;
}

describe('parseFieldInput', () => {
  it.each([
    ['startDate', '3rd March 2024', '2024-03-03'],
    ['startDate', '03/04/2024', '2024-04-03'],
    ['endDate', '2024-12-31', '2024-12-31'],
    ['targetDate', 'March 2025', '2025-03'],
    ['hours', '1h30', 1.5],
    ['hours', '90 mins', 1.5],
    ['hours', '2 days', 12],
    ['twaves', 'Self-directed learning', 'S'],
    ['ukSpec', 'C1-C3', ['C1', 'C2', 'C3']],
    ['skillType', 'soft skills', 'soft'],
    ['status', 'Planned', 'planned'],
    ['activityName', '  Arc   flash\ttalk ', 'Arc flash talk'],
    ['reflection', 'Line one\r\n\r\n\r\nLine two  ', 'Line one\n\nLine two'],
    ['description', 'n/a', null],
    ['ukSpec', '', []],
    ['hours', '', null],
  ] as const)('%s "%s" → %j', (field, text, value) => {
    expect(parseFieldInput(field, text).value).toEqual(value);
  });

  it('keeps the gaps reading raised: days converted, a month only', () => {
    expect(parseFieldInput('hours', '2 days').gaps.map((g) => [g.code, g.severity])).toEqual([['converted', 'warning']]);
    expect(parseFieldInput('targetDate', 'March 2025').gaps).toEqual([{ field: 'targetDate', code: 'reduced_precision', severity: 'info', message: '"March 2025" gives only a month; kept as 2025-03', raw: 'March 2025' }]);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseFieldInput('endDate', '30/02/2024')).toThrow(CorrectionError);
    expect(() => parseFieldInput('hours', 'see certificate')).toThrow(/could not be read/);
    expect(() => parseFieldInput('targetDate', 'Q1 2025')).toThrow('"Q1 2025" is a range of dates: type the target date alone (the start and end dates have a field each)');
  });
});

describe('correctRecord', () => {
  const header = ['Date', 'Activity', 'Type', 'Hours', 'Reflection', 'Description'];

  it('a one-date log: correcting the date infers the end date again, with the one-date message', () => {
    const [rec] = importTable(header, [['31/02/2024', 'Cable sizing course', 'Course', '2 days', 'Learnt the derating rules for grouped cables and will apply them.', 'Vendor course']]);
    expect(rec!.gaps.map((g) => [g.field, g.code])).toEqual([['startDate', 'invalid'], ['hours', 'converted'], ['twaves', 'inferred'], ['endDate', 'missing']]);
    const c = correctRecord(rec!, 'startDate', '3 March 2024', 'typo in the log', WHO, { hasEndColumn: false });
    expect([c.record.startDate, c.record.endDate, c.oldValue, c.newValue]).toEqual(['2024-03-03', '2024-03-03', null, '2024-03-03']);
    const codes = c.record.gaps.map((g) => [g.field, g.code]);
    expect(codes).toContainEqual(['hours', 'converted']); // untouched field: kept
    expect(codes).toContainEqual(['twaves', 'inferred']); // kept (type and name unchanged)
    expect(codes).not.toContainEqual(['startDate', 'invalid']);
    expect(codes).not.toContainEqual(['endDate', 'missing']);
    expect(c.record.gaps.find((g) => g.field === 'endDate')).toEqual({ field: 'endDate', code: 'inferred', severity: 'info', message: 'the log gives one date per activity; the end date is taken as the start date' });
    expect(c.record.gaps.find((g) => g.code === 'corrected')).toEqual({ field: 'startDate', code: 'corrected', severity: 'info', message: 'corrected by Rita Reviewer on 1 February 2025 from (empty) (source text "31/02/2024") to 2024-03-03: typo in the log' });
    expect(rec!.startDate).toBeNull(); // the record given is not changed
  });

  it('correcting another field keeps the note on an end date inferred from the start date (service trial finding 5)', () => {
    const [rec] = importTable(header, [['03/02/2024', 'Cable sizing course', 'Course', '6', 'ok', 'Vendor course']]);
    expect(rec!.gaps.find((g) => g.field === 'endDate')?.code).toBe('inferred');
    const c = correctRecord(rec!, 'reflection', 'Learnt the derating rules for grouped cables; I will use them on the next design.', 'member sent a fuller reflection', WHO, { hasEndColumn: false });
    expect(c.record.endDate).toBe('2024-02-03');
    expect(c.record.gaps.filter((g) => g.field === 'endDate')).toEqual([
      { field: 'endDate', code: 'inferred', severity: 'info', message: 'the log gives one date per activity; the end date is taken as the start date' },
    ]);
  });

  it("a planned activity whose start date was taken as its target: correcting the start date moves the target with it", () => {
    const [rec] = importTable(['Start', 'Activity', 'Type', 'Hours', 'Status', 'Description'], [['10/03/2025', 'CEng interview', 'Interview', '3', 'Planned', 'd']]);
    expect([rec!.status, rec!.startDate, rec!.targetDate]).toEqual(['planned', '2025-03-10', '2025-03-10']);
    const c = correctRecord(rec!, 'startDate', '17/03/2025', 'rebooked', WHO);
    expect([c.record.startDate, c.record.targetDate]).toEqual(['2025-03-17', '2025-03-17']);
    expect(c.record.gaps.filter((g) => g.field === 'targetDate').map((g) => g.code)).toEqual(['inferred']);
  });

  it('correcting the activity type infers TWAVES again from it', () => {
    const [rec] = importTable(header, [['03/03/2024', 'Arc flash boundaries', 'Talk', '1', 'Boundaries are wider than I thought; I will re-mark the switch room.', 'x']]);
    expect([rec!.twaves, rec!.gaps.find((g) => g.field === 'twaves')?.code]).toEqual([null, 'missing']);
    const c = correctRecord(rec!, 'activityType', 'Conference', 'the talk was at a conference', WHO);
    expect(c.record.twaves).toBe('E');
    expect(c.record.gaps.filter((g) => g.field === 'twaves').map((g) => g.code)).toEqual(['inferred']);
  });

  it('an end date into the next year: counted there and flagged spans_years; moved back, the flag goes', () => {
    const [rec] = importTable(['Start', 'End', 'Activity', 'Type', 'Hours', 'Reflection', 'Description'], [['16/12/2024', '20/12/2024', 'Course', 'Course', '9', 'r', 'd']]);
    const a = correctRecord(rec!, 'endDate', '10/01/2025', 'the certificate says so', WHO);
    expect(a.record.gaps.filter((g) => g.code === 'spans_years').map((g) => g.message)).toEqual(['the activity runs from 2024 into 2025; it counts in 2025, the year of its end date']);
    const b = correctRecord(a.record, 'endDate', '20/12/2024', 'no, the log was right', WHO);
    expect(b.record.gaps.filter((g) => g.code === 'spans_years')).toEqual([]);
    expect(b.record.gaps.filter((g) => g.code === 'corrected').map((g) => g.message)).toEqual(['corrected by Rita Reviewer on 1 February 2025 from 2025-01-10 (source text "10/01/2025") to 2024-12-20: no, the log was right']);
  });

  it('nothing to change is refused', () => {
    const [rec] = importTable(header, [['03/03/2024', 'A', 'Course', '1', 'r', 'd']]);
    expect(() => correctRecord(rec!, 'hours', '1 hour', 'same', WHO)).toThrow('the CPD hours is already 1: nothing to correct (to keep it and clear its gap, accept the gap instead)');
  });
});

describe('applyAcceptances', () => {
  const dup: Gap = { field: null, code: 'duplicate', severity: 'warning', message: 'exact duplicate of row 13' };
  const acc: Acceptance = { field: null, code: 'duplicate', message: 'exact duplicate of row 13', note: 'two sessions', by: 'u1', byLabel: 'Rita Reviewer', at: '2025-02-01T10:00:00.000Z' };
  it('turns the matching gap into an accepted note; others stay', () => {
    const other: Gap = { field: 'hours', code: 'missing', severity: 'error', message: 'no CPD hours' };
    expect(applyAcceptances([dup, other], [acc])).toEqual([
      { field: null, code: 'accepted', severity: 'info', message: 'exact duplicate of row 13 — accepted (was warning duplicate) by Rita Reviewer on 2025-02-01: two sessions' },
      other,
    ]);
  });
  it('no longer applies once the gap changed', () => {
    const changed = { ...dup, message: 'exact duplicate of row 14' };
    expect(applyAcceptances([changed], [acc])).toEqual([changed]);
  });
});

describe('consequencesOf (issue 11 §6: correcting a name cleared its inferred TWAVES category silently)', () => {
  it('names a TWAVES category inferred from the old name that the new name cannot give, with the hours that leave it', () => {
    const [rec] = importTable(['Activity', 'Date', 'Hours'], [['Training course on HV switching', '12/03/2024', '35']]);
    expect([rec!.twaves, rec!.hours]).toEqual(['T', 35]);
    const c = correctRecord(rec!, 'activityName', 'HV switching', 'shorter name', WHO);
    const [q, ...rest] = consequencesOf(rec!, c.record, 'activityName');
    expect(rest).toEqual([]);
    const why = 'TWAVES category not stated and could not be inferred from the activity type or name';
    expect(q).toEqual({ field: 'twaves', oldValue: 'T', newValue: null, old: 'T', new: '(empty)', why, message: `TWAVES category T → (empty) as a consequence of the activity name (${why}); 35 h move from category T to no category` });
  });
});
