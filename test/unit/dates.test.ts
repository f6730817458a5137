/**
 * Date normaliser (src/pipeline/normalise/dates.ts): forms from docs/domain/CPD.md §7 and common others.
 * Must pass in any process time zone (run with TZ=America/Los_Angeles and TZ=Pacific/Kiritimati too; the zoned
 * date-times are also checked in child processes with those zones).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, inferDateOrder, parseDate, type DateFail, type DateOk, type DateOrder, type DateParse } from '../../src/pipeline/normalise/dates.js';

type Opts = { order: DateOrder; yearHint?: number };
const DMY: Opts = { order: 'dmy' };
const MDY: Opts = { order: 'mdy' };
const HINT: Opts = { order: 'dmy', yearHint: 2023 };

const day = (start: string, extra: Partial<DateOk> = {}): DateOk => ({ ok: true, start, precision: 'day', ...extra });
const month = (start: string, extra: Partial<DateOk> = {}): DateOk => ({ ok: true, start, precision: 'month', ...extra });
const year = (start: string, extra: Partial<DateOk> = {}): DateOk => ({ ok: true, start, precision: 'year', ...extra });
const dayRange = (start: string, end: string, extra: Partial<DateOk> = {}): DateOk => ({
  ok: true,
  start,
  end,
  precision: 'day',
  endPrecision: 'day',
  ...extra,
});

const OK_CASES: Array<[string, Opts, DateOk]> = [
  // numeric, fast path
  ['2024-03-03', DMY, day('2024-03-03')],
  ['2024-03-03', MDY, day('2024-03-03')],
  ['2024-3-3', DMY, day('2024-03-03')],
  ['2024/03/05', DMY, day('2024-03-05')],
  ['03/04/2024', DMY, day('2024-04-03', { orderDependent: true })],
  ['03/04/2024', MDY, day('2024-03-04', { orderDependent: true })],
  ['3/4/24', DMY, day('2024-04-03', { orderDependent: true, twoDigitYear: true })],
  ['3/4/24', MDY, day('2024-03-04', { orderDependent: true, twoDigitYear: true })],
  ['03-04-2024', DMY, day('2024-04-03', { orderDependent: true })],
  ['03.04.2024', DMY, day('2024-04-03', { orderDependent: true })],
  ['4.4.14', DMY, day('2014-04-04', { twoDigitYear: true })],
  ['25/03/2024', DMY, day('2024-03-25')],
  ['03/25/2024', MDY, day('2024-03-25')],
  ['12/12/2024', DMY, day('2024-12-12')],
  ['29/02/2024', DMY, day('2024-02-29')],
  ['1/1/99', DMY, day('1999-01-01', { twoDigitYear: true })],
  ['1/1/29', DMY, day('2029-01-01', { twoDigitYear: true })],
  ['1/1/30', DMY, day('1930-01-01', { twoDigitYear: true })],
  ['01/01/00', DMY, day('2000-01-01', { twoDigitYear: true })],
  ['  03/04/2024  ', DMY, day('2024-04-03', { orderDependent: true })],
  ['20240303', DMY, day('2024-03-03')],
  // times (00:00 means no time)
  ['03/04/2024 00:00', DMY, day('2024-04-03', { orderDependent: true, note: 'time 00:00 dropped (00:00 means no time)' })],
  ['03/04/2024 00:00:00', DMY, day('2024-04-03', { orderDependent: true, note: 'time 00:00:00 dropped (00:00 means no time)' })],
  ['13/04/2024 09:30', DMY, day('2024-04-13', { note: 'time 09:30 dropped' })],
  ['13/04/2024 09:30:15', DMY, day('2024-04-13', { note: 'time 09:30:15 dropped' })],
  ['13/04/2024 9:30 am', DMY, day('2024-04-13', { note: 'time 9:30 am dropped' })],
  ['2024-03-03 00:00:00', DMY, day('2024-03-03', { note: 'time 00:00:00 dropped (00:00 means no time)' })],
  // a zone dates the time in Europe/London (issue 9 scope 5; these two read "date kept as written" before, which
  // put 23:30 in New York on the wrong London day)
  ['2024-03-03T09:00:00Z', DMY, day('2024-03-03', { note: 'time 09:00:00Z dropped (09:00 GMT on 3 March 2024 in Europe/London, the same date)' })],
  [
    '2024-03-03T23:30:00-05:00',
    DMY,
    day('2024-03-04', { note: 'time 23:30:00-05:00 is 04:30 GMT on 4 March 2024 in Europe/London: the date there is kept, not 3 March 2024 as written' }),
  ],
  ['2024-03-03T00:00:00.000Z', DMY, day('2024-03-03', { note: 'time 00:00:00.000Z dropped (00:00 means no time)' })],
  ['5 March 2024 00:00', DMY, day('2024-03-05', { note: 'time 00:00 dropped (00:00 means no time)' })],
  // month names
  ['3rd March 2024', DMY, day('2024-03-03')],
  ['3rd March 2024', MDY, day('2024-03-03')],
  ['March 3rd, 2024', DMY, day('2024-03-03')],
  ['March 3 2024', MDY, day('2024-03-03')],
  ['Mar 3, 2024', DMY, day('2024-03-03')],
  ['3 Mar 24', DMY, day('2024-03-03', { twoDigitYear: true })],
  ['3-Mar-2024', DMY, day('2024-03-03')],
  ['03-MAR-24', DMY, day('2024-03-03', { twoDigitYear: true })],
  ['21st of september 2023', DMY, day('2023-09-21')],
  ['3 Sept 2024', DMY, day('2024-09-03')],
  ['3 Sept. 2024', DMY, day('2024-09-03')],
  ['22nd JUNE 2024', DMY, day('2024-06-22')],
  ['  3 March, 2024. ', DMY, day('2024-03-03')],
  ['Tue 5 March 2024', DMY, day('2024-03-05')],
  ['Tuesday, 5th of March, 2024.', DMY, day('2024-03-05')],
  ['Tues. 5 Mar 2024', DMY, day('2024-03-05')],
  // no year: hint
  ['March 3rd', HINT, day('2023-03-03', { yearInferred: true })],
  ['3 March', HINT, day('2023-03-03', { yearInferred: true })],
  ['03/04', HINT, day('2023-04-03', { yearInferred: true, orderDependent: true })],
  ['25/12', HINT, day('2023-12-25', { yearInferred: true })],
  ['March', HINT, month('2023-03', { yearInferred: true })],
  // month and year precision
  ['Mar-24', DMY, month('2024-03', { twoDigitYear: true })],
  ["Mar '24", DMY, month('2024-03', { twoDigitYear: true })],
  ['Mar 2024', DMY, month('2024-03')],
  ['March 2024', DMY, month('2024-03')],
  ['SEPT 2024', DMY, month('2024-09')],
  ['march 2024.', DMY, month('2024-03')],
  ['03/2024', DMY, month('2024-03')],
  ['2024-03', DMY, month('2024-03')],
  ['2024 March', DMY, month('2024-03')],
  ['2024', DMY, year('2024')],
  // placeholder parts
  ['DD/11/2024', DMY, month('2024-11', { note: 'day given as placeholder DD' })],
  ['DD/11/2024', MDY, month('2024-11', { note: 'day given as placeholder DD' })],
  ['11/DD/2024', DMY, month('2024-11', { note: 'day given as placeholder DD' })],
  ['??/11/2024', DMY, month('2024-11', { note: 'day given as placeholder ??' })],
  ['XX/11/2024', DMY, month('2024-11', { note: 'day given as placeholder XX' })],
  ['DD/MM/2024', DMY, year('2024', { note: 'day and month given as placeholders DD/MM' })],
  ['DD March 2024', DMY, month('2024-03', { note: 'day given as placeholder DD' })],
  // quarters and year spans
  [
    'Q1 2024',
    DMY,
    { ok: true, start: '2024-01', end: '2024-03', precision: 'month', endPrecision: 'month', note: 'Q1 read as the calendar quarter January–March' },
  ],
  [
    'q3-24',
    DMY,
    { ok: true, start: '2024-07', end: '2024-09', precision: 'month', endPrecision: 'month', twoDigitYear: true, note: 'Q3 read as the calendar quarter July–September' },
  ],
  [
    '2024 Q4',
    DMY,
    { ok: true, start: '2024-10', end: '2024-12', precision: 'month', endPrecision: 'month', note: 'Q4 read as the calendar quarter October–December' },
  ],
  // seasons (UK meteorological) and weeks commencing (Word/PDF trial finding: both were refused)
  ['Spring 2025', DMY, { ok: true, start: '2025-03', end: '2025-05', precision: 'month', endPrecision: 'month', note: "spring read as March–May (the season's months)" }],
  ["Autumn '24", DMY, { ok: true, start: '2024-09', end: '2024-11', precision: 'month', endPrecision: 'month', twoDigitYear: true, note: "autumn read as September–November (the season's months)" }],
  ['2025 summer', DMY, { ok: true, start: '2025-06', end: '2025-08', precision: 'month', endPrecision: 'month', note: "summer read as June–August (the season's months)" }],
  ['w/c 10 March 2025', DMY, { ok: true, start: '2025-03-10', end: '2025-03-16', precision: 'day', endPrecision: 'day', note: 'the week commencing 2025-03-10: the day is not given, so the whole week (to 2025-03-16) is recorded' }],
  [
    'Week commencing 29/12/2025',
    DMY,
    { ok: true, start: '2025-12-29', end: '2026-01-04', precision: 'day', endPrecision: 'day', note: 'the week commencing 2025-12-29: the day is not given, so the whole week (to 2026-01-04) is recorded' },
  ],
  ['2023-24', DMY, { ok: true, start: '2023', end: '2024', precision: 'year', endPrecision: 'year' }],
  ['2023/24', DMY, { ok: true, start: '2023', end: '2024', precision: 'year', endPrecision: 'year' }],
  ['2023 - 24', DMY, { ok: true, start: '2023', end: '2024', precision: 'year', endPrecision: 'year' }],
  ['2023–2024', DMY, { ok: true, start: '2023', end: '2024', precision: 'year', endPrecision: 'year' }],
  ['1999-00', DMY, { ok: true, start: '1999', end: '2000', precision: 'year', endPrecision: 'year' }],
  ['2023 to 2025', DMY, { ok: true, start: '2023', end: '2025', precision: 'year', endPrecision: 'year' }],
  // ranges in one cell
  ['5–9 February 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['5-9 February 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['5th - 9th February 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['5 to 9 February 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['5—9 Feb 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['5 Feb – 9 Mar 2024', DMY, dayRange('2024-02-05', '2024-03-09')],
  ['5 Feb 2024 - 9 Feb 2024', DMY, dayRange('2024-02-05', '2024-02-09')],
  ['Tue 5 – Fri 8 March 2024', DMY, dayRange('2024-03-05', '2024-03-08')],
  ['01/03/2024 – 05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['01/03/2024 – 05/03/2024', MDY, dayRange('2024-01-03', '2024-05-03', { orderDependent: true })],
  ['01/03/2024 to 05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['01/03/2024-05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['01/03 – 05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['from 1 March 2024 to 5 March 2024', DMY, dayRange('2024-03-01', '2024-03-05')],
  ['between 1 March and 5 March 2024', DMY, dayRange('2024-03-01', '2024-03-05')],
  ['31/12/2023 – 02/01/2024', DMY, dayRange('2023-12-31', '2024-01-02', { orderDependent: true })],
  ['05/03/2024 – 01/03/2024', DMY, dayRange('2024-03-05', '2024-03-01', { orderDependent: true })],
  ['1-3 March', HINT, dayRange('2023-03-01', '2023-03-03', { yearInferred: true })],
  ['01/03/2024\n05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['01/03/2024\r\nto\r\n05/03/2024', DMY, dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
  ['3 March\n2024', DMY, day('2024-03-03')],
  [
    '01/03/2024 09:00\n05/03/2024 17:00',
    DMY,
    dayRange('2024-03-01', '2024-03-05', { orderDependent: true, note: 'time 09:00 dropped; time 17:00 dropped' }),
  ],
  // ISO 8601 basic format, as calendars (iCalendar DTSTART) write it
  ['20260310', DMY, day('2026-03-10')],
  ['20260113T1230', DMY, day('2026-01-13', { note: 'time 12:30 dropped' })],
  // days of one month listed: sessions, read from the first to the last
  ['3 & 10 Nov 2026', DMY, dayRange('2026-11-03', '2026-11-10', { note: '2 days of one month listed: read as the range from the first to the last' })],
  ['3, 10 and 17 November 2026', DMY, dayRange('2026-11-03', '2026-11-17', { note: '3 days of one month listed: read as the range from the first to the last' })],
  ['March – April 2024', DMY, { ok: true, start: '2024-03', end: '2024-04', precision: 'month', endPrecision: 'month' }],
  ['Jan-Mar 2024', DMY, { ok: true, start: '2024-01', end: '2024-03', precision: 'month', endPrecision: 'month' }],
  ['1 March 2024 – TBC', DMY, day('2024-03-01', { note: 'end given as placeholder "TBC"' })],
  ['March 2024 – ongoing', DMY, month('2024-03', { note: 'end given as placeholder "ongoing"' })],
];

describe('parseDate: readable dates', () => {
  it.each(OK_CASES)('%j (%j)', (raw, opts, expected) => {
    expect(parseDate(raw, opts)).toEqual(expected);
  });
});

const PLACEHOLDER_CASES: Array<[string, RegExp]> = [
  ['TBC', /"TBC"/],
  ['tbc.', /"TBC"/],
  ['TBA', /"TBA"/],
  ['TBD', /"TBD"/],
  ['ongoing', /"ongoing"/],
  ['On-going', /"on-going"/],
  ['ASAP', /"ASAP"/],
  ['n/a', /"N\/A"/],
  ['N/A', /"N\/A"/],
  ['-', /"-"/],
  ['—', /"–"/],
  ['?', /"\?"/],
  ['??', /"\?\?"/],
  ['to be confirmed', /to be confirmed/],
  ['DD/MM/YYYY', /"DD\/MM\/YYYY"/],
  ['03/04/YYYY', /year is a placeholder \(YYYY\)/],
  ['MM/2024', /month is a placeholder \(MM\)/],
  ['TBC – 1 March 2024', /start of the range is a placeholder/],
];

describe('parseDate: month names in other languages (trial 7: a Québec log, a Welsh teacher\'s record)', () => {
  it.each([
    ['12 janvier 2026', '2026-01-12', undefined],
    ['3 févr. 2026', '2026-02-03', undefined],
    ['1er octobre 2026', '2026-10-01', undefined],
    ['du 16 au 18 mars 2026', '2026-03-16', '2026-03-18'],
    ['14 Ionawr 2026', '2026-01-14', undefined],
    ['3 Chwefror 2026', '2026-02-03', undefined],
    ['vom 3. bis 5. März 2026', '2026-03-03', '2026-03-05'],
    ['12 dic 2025', '2025-12-12', undefined],
  ])('%s', (text, start, end) => {
    const d = parseDate(text, { order: 'dmy' }) as DateOk;
    expect([d.ok, d.start, d.end]).toEqual([true, start, end]);
  });

  it('a month in Welsh or French with no day is a month', () => {
    expect(parseDate('Mai 2026', { order: 'dmy' })).toMatchObject({ ok: true, start: '2026-05', precision: 'month' });
  });
});

describe('parseDate: placeholders', () => {
  it.each(PLACEHOLDER_CASES)('%j', (raw, reason) => {
    const r = parseDate(raw, DMY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('placeholder');
    expect(r.reason).toMatch(reason);
  });
});

const INVALID_CASES: Array<[string, Opts, RegExp]> = [
  ['', DMY, /no date given/],
  ['   ', DMY, /no date given/],
  ['31/02/2024', DMY, /31 February 2024 does not exist \(February 2024 has 29 days; read day first\)/],
  ['29/02/2023', DMY, /29 February 2023 does not exist/],
  ['2024-02-30', DMY, /30 February 2024 does not exist/],
  ['31/04/2024', DMY, /31 April 2024 does not exist \(April 2024 has 30 days/],
  ['13/13/2024', DMY, /month 13 does not exist/],
  ['03/00/2024', DMY, /month 0 does not exist/],
  ['00/03/2024', DMY, /day 0 does not exist/],
  ['2024-13-01', DMY, /month 13 does not exist/],
  ['25/03/2024', MDY, /month 25 does not exist.*25 can only be a day/],
  ['03/25/2024', DMY, /month 25 does not exist.*read day first/],
  ['32 March 2024', DMY, /32 March 2024 does not exist/],
  ['March 32nd 2024', DMY, /32 March 2024 does not exist/],
  ['see certificate', DMY, /no date found/],
  ['various', DMY, /no date found/],
  ['3 Marc 2024', DMY, /"marc" is not part of a date/],
  ['March 3rd', DMY, /no year given/],
  ['3 March', DMY, /no year given/],
  ['03/04', DMY, /no year given/],
  ['Q1', DMY, /no year given for Q1/],
  ['1-3 March', DMY, /start of the range has no year/],
  ['Mar 24', DMY, /could be 24 March \(no year\) or March 2024/],
  ['Sept. 24', DMY, /could be 24 September \(no year\) or September 2024/],
  ['2011-12', DMY, /could be December 2011 or the years 2011–2012/],
  ['2024-25-01', DMY, /month 25 does not exist/],
  ['45352', DMY, /plain number.*Excel date serial/],
  ['12', DMY, /only a day number/],
  ['3024-01-01', DMY, /year 3024 is outside 1900–2099/],
  ['1850', DMY, /year 1850 is outside 1900–2099/],
  ['3/4/202', DMY, /not a year/],
  ['03/04/2024 25:00', DMY, /"25:00" is not a time of day/],
  ['Mon 5 March 2024', DMY, /5 March 2024 is a Tuesday, not a Monday/],
  ['Mon 3 March', HINT, /Friday, not a Monday \(the year was taken from the title or file name\)/],
  ['03/04-2024', DMY, /mixed separators/],
  ['03/04 - 2024', DMY, /do not fit together/],
  ['1 March 2024 to 5 March 2024 to 7 March 2024', DMY, /more than two dates/],
  ['1/3/2024\n2/3/2024\n3/3/2024', DMY, /3 lines of text/],
  ['3 March 2024\n(rescheduled)', DMY, /end of the range/],
  ['03/04/2024 (approx)', DMY, /unexpected character "\("/],
  ['5 – March 2024', DMY, /do not fit together/],
  ['Winter 2025', DMY, /^winter 2025 could be December 2024–February 2025 or December 2025–February 2026; give the months$/],
  ['w/c March 2025', DMY, /^after "w\/c" or "week commencing", give the one date the week starts on$/],
];

describe('parseDate: invalid dates', () => {
  it.each(INVALID_CASES)('%j (%j)', (raw, opts, reason) => {
    const r = parseDate(raw, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('invalid');
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.reason).toMatch(reason);
  });
});

describe('inferDateOrder', () => {
  it.each<[string, string[], DateOrder, { order: DateOrder; decided: boolean }, RegExp]>([
    ['day-first evidence', ['03/04/2024', '25/03/2024', '01/02/2024'], 'mdy', { order: 'dmy', decided: true }, /1 date .* day above 12 first \(e\.g\. 25\/03\/2024\)/],
    ['month-first evidence', ['03/04/2024', '03/25/2024', '12/31/2023'], 'dmy', { order: 'mdy', decided: true }, /2 dates .* day above 12 second \(e\.g\. 03\/25\/2024\)/],
    ['evidence inside a range cell', ['01/03/2024 – 15/03/2024'], 'mdy', { order: 'dmy', decided: true }, /e\.g\. 15\/03\/2024/],
    ['two-digit years and dots', ['13.4.24', '1.2.24'], 'mdy', { order: 'dmy', decided: true }, /13\.4\.24/],
    ['no evidence: fallback dmy', ['03/04/2024', '01/02/2024', '12/11/2023'], 'dmy', { order: 'dmy', decided: false }, /none of the 3 numeric dates .* above 12.*default day first/],
    ['no evidence: fallback mdy', ['03/04/2024'], 'mdy', { order: 'mdy', decided: false }, /default month first/],
    ['no numeric dates', ['3 March 2024', '2024-03-25', 'TBC', ''], 'dmy', { order: 'dmy', decided: false }, /no numeric day\/month dates/],
    ['empty column', [], 'dmy', { order: 'dmy', decided: false }, /no numeric/],
    ['conflicting, majority dmy', ['25/03/2024', '26/03/2024', '03/27/2024'], 'mdy', { order: 'dmy', decided: true }, /mixes orders: 2 dates read only day first .* 1 date only month first .* majority, day first/],
    ['conflicting, majority mdy', ['03/25/2024', '03/26/2024', '27/03/2024'], 'dmy', { order: 'mdy', decided: true }, /majority, month first/],
    ['conflicting tie → fallback, undecided', ['25/03/2024', '03/25/2024'], 'dmy', { order: 'dmy', decided: false }, /no majority/],
    ['ISO dates give no evidence', ['2024-03-25', '2024-12-13'], 'mdy', { order: 'mdy', decided: false }, /no numeric/],
  ])('%s', (_name, raws, fallback, expected, reason) => {
    const r = inferDateOrder(raws, fallback);
    expect({ order: r.order, decided: r.decided }).toEqual(expected);
    expect(r.reason).toMatch(reason);
  });

  it('accepts any iterable (a generator)', () => {
    function* gen(): Generator<string> {
      yield '13/01/2024';
    }
    expect(inferDateOrder(gen(), 'mdy').order).toBe('dmy');
  });
});

describe('excelSerialToIso', () => {
  it.each<[number, boolean, string | null]>([
    [1, false, '1900-01-01'],
    [31, false, '1900-01-31'],
    [59, false, '1900-02-28'],
    [60, false, null], // Excel's fictitious 29 February 1900
    [61, false, '1900-03-01'],
    [36526, false, '2000-01-01'],
    [43831, false, '2020-01-01'],
    [45292, false, '2024-01-01'],
    [45351, false, '2024-02-29'],
    [45352, false, '2024-03-01'],
    [45352.75, false, '2024-03-01'], // time fraction dropped
    [45352.9999999999, false, '2024-03-02'], // float noise just below midnight = that midnight
    [2958465, false, '9999-12-31'],
    [2958466, false, null],
    [0, false, null],
    [-1, false, null],
    [Number.NaN, false, null],
    [Number.POSITIVE_INFINITY, false, null],
    [0, true, '1904-01-01'],
    [1, true, '1904-01-02'],
    [43830, true, '2024-01-01'],
    [43890, true, '2024-03-01'],
    [43890.5, true, '2024-03-01'],
    [-1, true, null],
  ])('%d (1904: %s) → %s', (serial, date1904, expected) => {
    expect(excelSerialToIso(serial, date1904)).toBe(expected);
  });

  it('agrees with Date.UTC arithmetic for every serial from 61 to 80000', () => {
    const base = Date.UTC(1899, 11, 30);
    for (let s = 61; s <= 80000; s++) {
      const expected = new Date(base + s * 86_400_000).toISOString().slice(0, 10);
      if (excelSerialToIso(s, false) !== expected) {
        expect(excelSerialToIso(s, false)).toBe(expected);
      }
    }
  });

  it('1904 serial = 1900 serial − 1462', () => {
    for (const s of [1462, 20000, 45352, 50000]) {
      expect(excelSerialToIso(s - 1462, true)).toBe(excelSerialToIso(s, false));
    }
  });

  it('does not depend on the process time zone', () => {
    // The implementation uses integer day arithmetic only; this records the zone the suite ran under.
    expect(excelSerialToIso(45352, false)).toBe('2024-03-01');
    expect(parseDate('2024-03-03T23:30:00-05:00', DMY)).toMatchObject({ ok: true, start: '2024-03-04' });
    expect(typeof Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('string');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real exports (issue 9 scope 5 and 7): date-times with a zone, export date forms, plan targets, "no value" placeholders

const SHIFTED_30_JUNE = 'is 00:30 BST on 1 July 2024 in Europe/London: the date there is kept, not 30 June 2024 as written';

const ZONED_CASES: Array<[string, Opts & { timeZone?: string }, DateOk]> = [
  // midnight: a date serialised as a date-time (00:00 means no time, docs/domain/CPD.md §7), whatever the zone
  ['2024-03-05T00:00:00Z', DMY, day('2024-03-05', { note: 'time 00:00:00Z dropped (00:00 means no time)' })],
  ['2024-03-05T00:00:00.000Z', DMY, day('2024-03-05', { note: 'time 00:00:00.000Z dropped (00:00 means no time)' })],
  ['2024-03-05T00:00:00+10:00', DMY, day('2024-03-05', { note: 'time 00:00:00+10:00 dropped (00:00 means no time)' })],
  // dated in Europe/London: 23:30 UTC in summer is 00:30 BST the next day; in winter GMT is UTC
  ['2024-06-30T23:30:00Z', DMY, day('2024-07-01', { note: `time 23:30:00Z ${SHIFTED_30_JUNE}` })],
  ['2024-06-30T23:30:00.000Z', DMY, day('2024-07-01', { note: `time 23:30:00.000Z ${SHIFTED_30_JUNE}` })],
  ['2024-06-30T23:30:00+00:00', DMY, day('2024-07-01', { note: `time 23:30:00+00:00 ${SHIFTED_30_JUNE}` })],
  ['30/06/2024 23:30 UTC', DMY, day('2024-07-01', { note: `time 23:30 UTC ${SHIFTED_30_JUNE}` })],
  ['Sun Jun 30 2024 23:30:00 GMT+0000 (Coordinated Universal Time)', DMY, day('2024-07-01', { note: `time 23:30:00 GMT+0000 ${SHIFTED_30_JUNE}` })],
  ['2024-01-15T23:30:00Z', DMY, day('2024-01-15', { note: 'time 23:30:00Z dropped (23:30 GMT on 15 January 2024 in Europe/London, the same date)' })],
  ['2024-06-30 22:59:59Z', DMY, day('2024-06-30', { note: 'time 22:59:59Z dropped (23:59 BST on 30 June 2024 in Europe/London, the same date)' })],
  // a London date stored as UTC: midnight BST is 23:00 UTC the day before
  ['2024-06-30T23:00:00Z', DMY, day('2024-07-01', { note: 'time 23:00:00Z is 00:00 BST on 1 July 2024 in Europe/London: the date there is kept, not 30 June 2024 as written' })],
  ['2024-03-05T10:00:00-05:00', DMY, day('2024-03-05', { note: 'time 10:00:00-05:00 dropped (15:00 GMT on 5 March 2024 in Europe/London, the same date)' })],
  ['2024-03-05T10:00:00+0100', DMY, day('2024-03-05', { note: 'time 10:00:00+0100 dropped (09:00 GMT on 5 March 2024 in Europe/London, the same date)' })],
  ['2023-11-02 23:40 UTC', DMY, day('2023-11-02', { note: 'time 23:40 UTC dropped (23:40 GMT on 2 November 2023 in Europe/London, the same date)' })],
  ['2023-11-02 23:40:12 GMT', DMY, day('2023-11-02', { note: 'time 23:40:12 GMT dropped (23:40 GMT on 2 November 2023 in Europe/London, the same date)' })],
  ['2024-03-05 10:00 UTC+1', DMY, day('2024-03-05', { note: 'time 10:00 UTC+1 dropped (09:00 GMT on 5 March 2024 in Europe/London, the same date)' })],
  ['Tue Mar 05 2024 10:00:00 GMT+0000', DMY, day('2024-03-05', { note: 'time 10:00:00 GMT+0000 dropped (10:00 GMT on 5 March 2024 in Europe/London, the same date)' })],
  ['5 March 2024 11:30pm UTC', DMY, day('2024-03-05', { note: 'time 11:30pm UTC dropped (23:30 GMT on 5 March 2024 in Europe/London, the same date)' })],
  ['Mon 1 Jul 2024 00:30 GMT+02:00', DMY, day('2024-06-30', { note: 'time 00:30 GMT+02:00 is 23:30 BST on 30 June 2024 in Europe/London: the date there is kept, not 1 July 2024 as written' })],
  [
    '2024-03-01T09:00Z – 2024-03-02T23:30Z',
    DMY,
    dayRange('2024-03-01', '2024-03-02', {
      note: 'time 09:00Z dropped (09:00 GMT on 1 March 2024 in Europe/London, the same date); time 23:30Z dropped (23:30 GMT on 2 March 2024 in Europe/London, the same date)',
    }),
  ],
  // no zone: the date as written
  ['2024-03-05T10:00:00', DMY, day('2024-03-05', { note: 'time 10:00:00 dropped' })],
  // the time zone is a setting
  [
    '2024-03-05T02:00:00Z',
    { order: 'dmy', timeZone: 'America/New_York' },
    day('2024-03-04', { note: 'time 02:00:00Z is 21:00 GMT-5 on 4 March 2024 in America/New_York: the date there is kept, not 5 March 2024 as written' }),
  ],
  ['2024-03-05T02:00:00Z', { order: 'dmy', timeZone: 'UTC' }, day('2024-03-05', { note: 'time 02:00:00Z dropped (02:00 UTC on 5 March 2024 in UTC, the same date)' })],
];

describe('parseDate: date-times with a zone are dated in the body\'s time zone', () => {
  it.each(ZONED_CASES)('%j (%j)', (raw, opts, expected) => {
    expect(parseDate(raw, opts)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['2024-03-05 10:00 EST', /^the time zone "EST" is not one we read \(several zones share some abbreviations\): write UTC, GMT or an offset such as -05:00$/],
    ['2024-03-05T10:00:00+15:00', /^"\+15:00" is not an offset from UTC/],
  ])('%j is refused', (raw, reason) => {
    const r = parseDate(raw, DMY);
    expect(r).toMatchObject({ ok: false, kind: 'invalid' });
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('parseDate: date forms of exports', () => {
  it.each<[string, DateOk]>([
    ['05-Mar-2024', day('2024-03-05')],
    ['5-Mar-24', day('2024-03-05', { twoDigitYear: true })],
    ['Mar 5, 2024', day('2024-03-05')],
    ['March 5th, 2024', day('2024-03-05')],
    ['5 March, 2024', day('2024-03-05')],
    ['2024/03/05', day('2024-03-05')],
    ['20240305', day('2024-03-05')],
  ])('%j', (raw, expected) => {
    expect(parseDate(raw, DMY)).toEqual(expected);
  });
});

describe('parseDate: targets in development plans', () => {
  it.each<[string, Opts, DateOk]>([
    ['Jan,3rd 2025', DMY, day('2025-01-03')],
    ['June, 2024', DMY, month('2024-06')],
    ['Sept 2025', DMY, month('2025-09')],
    ['2025', DMY, year('2025')],
    ['31st Dec', { order: 'dmy', yearHint: 2025 }, day('2025-12-31', { yearInferred: true })],
    ['Summer 2025', DMY, { ok: true, start: '2025-06', end: '2025-08', precision: 'month', endPrecision: 'month', note: "summer read as June–August (the season's months)" }],
    // a deadline is the date itself
    ['by March 2025', DMY, month('2025-03')],
    ['by 31/03/2025', DMY, day('2025-03-31')],
    ['due by 30 June 2025', DMY, day('2025-06-30')],
    ['no later than Sept 2025', DMY, month('2025-09')],
    // the edge of a period: its first or last day
    ['end of Q2 2025', DMY, day('2025-06-30', { note: 'Q2 read as the calendar quarter April–June; "end of" read as the last day of the period, 30 June 2025' })],
    ['end of March 2025', DMY, day('2025-03-31', { note: '"end of" read as the last day of the period, 31 March 2025' })],
    ['by end of 2025', DMY, day('2025-12-31', { note: '"end of" read as the last day of the period, 31 December 2025' })],
    ['start of Q3 2025', DMY, day('2025-07-01', { note: 'Q3 read as the calendar quarter July–September; "start of" read as the first day of the period, 1 July 2025' })],
    ['end of Q2', { order: 'dmy', yearHint: 2025 }, day('2025-06-30', { yearInferred: true, note: 'Q2 read as the calendar quarter April–June; "end of" read as the last day of the period, 30 June 2025' })],
    ['mid-March 2025', DMY, month('2025-03', { note: '"mid" read as within the period given (no day is given)' })],
  ])('%j → a date', (raw, opts, expected) => {
    expect(parseDate(raw, opts)).toEqual(expected);
  });

  const DURATION = 'a duration, not a date';
  const FROM_NOW = 'a time relative to when it was written (which the log does not give), not a date';
  const EVENT = 'a time named by an event or a period, not a date';
  it.each<[string, string]>([
    ['6 weeks', DURATION],
    ['within 3 months', DURATION],
    ['6-8 weeks', DURATION],
    ['2 to 3 weeks', DURATION],
    ['a couple of months', DURATION],
    ["in 2 weeks' time", DURATION],
    ['next year', FROM_NOW],
    ['this academic year', FROM_NOW],
    ['by end of term', EVENT],
    ['end of term', EVENT],
    ['end of year', EVENT],
    ['after the course', EVENT],
    ['when the project finishes', EVENT],
    ['Summer', EVENT],
  ])('%j → no date: %s', (raw, reason) => {
    expect(parseDate(raw, DMY)).toEqual({ ok: false, kind: 'relative', reason });
  });

  it.each<[string, DateOk]>([
    // a cell of labelled dates: the completion (end, due) date is the one, or start and end make a range
    ['Review: 31/03/2027\nComplete: 30/06/2027', day('2027-06-30', { note: 'the date labelled "complete" is kept; "Review: 31/03/2027" is not used' })],
    [
      'Review: 31/03/2027\nReview 2: 30/06/2027\nComplete: 1/9/2027',
      day('2027-09-01', { orderDependent: true, note: 'the date labelled "complete" is kept; "Review: 31/03/2027", "Review 2: 30/06/2027" are not used' }),
    ],
    ['Start: 01/03/2024\nEnd: 05/03/2024', dayRange('2024-03-01', '2024-03-05', { orderDependent: true })],
    ['Completed: 30/06/2027', day('2027-06-30')],
  ])('%j → a labelled date', (raw, expected) => {
    expect(parseDate(raw, DMY)).toEqual(expected);
  });

  it.each<[string, DateFail]>([
    ['Review: 31/03/2027\nCheck-in: 30/06/2027', { ok: false, kind: 'invalid', reason: '2 labelled dates (review, check-in) and none labelled as the end, completion or due date' }],
    ['ongoing', { ok: false, kind: 'placeholder', reason: '"ongoing" stands for a date not given (yet)' }],
    ['TBC', { ok: false, kind: 'placeholder', reason: '"TBC" stands for a date not given (yet)' }],
    ['end of TBC', { ok: false, kind: 'placeholder', reason: '"TBC" stands for a date not given (yet)' }],
    ['31st Dec', { ok: false, kind: 'invalid', reason: 'no year given' }],
    ['end of Q2', { ok: false, kind: 'invalid', reason: 'no year given for Q2' }],
    ['before 5 March', { ok: false, kind: 'invalid', reason: '"before" is not part of a date' }],
    ['see certificate', { ok: false, kind: 'invalid', reason: 'no date found (no digits or month names)', noDate: true }],
  ])('%j → %j', (raw, expected) => {
    expect(parseDate(raw, DMY)).toEqual(expected);
  });
});

describe('parseDate: "no value" placeholders (as every other field reads them, normalise/empty.ts)', () => {
  it.each<[string, string]>([
    ['N/A', '"N/A" means no date was given'],
    ['n/a', '"N/A" means no date was given'],
    ['NA', '"NA" means no date was given'],
    ['#N/A', '"#N/A" means no date was given'],
    ['-', '"-" means no date was given'],
    ['—', '"–" means no date was given'],
    ['null', '"null" means no date was given'],
    ['NULL', '"null" means no date was given'],
    ['None', '"none" means no date was given'],
    ['undefined', '"undefined" means no date was given'],
    ['NaN', '"nan" means no date was given'],
    ['0000-00-00', '"0000-00-00" means no date was given'],
    ['0000-00-00 00:00:00', '"0000-00-00 00:00:00" means no date was given'],
    ['1900-01-00', '"1900-01-00" means no date was given'],
    ['1899-12-30', '"1899-12-30" means no date was given'],
    ['0001-01-01T00:00:00', '"0001-01-01T00:00:00" means no date was given'],
    ['00/00/0000', '"00/00/0000" means no date was given'],
  ])('%j', (raw, reason) => {
    expect(parseDate(raw, DMY)).toEqual({ ok: false, kind: 'placeholder', reason });
  });

  it('a zero day or month in a real date is a mistake, not a placeholder', () => {
    expect(parseDate('03/00/2024', DMY)).toEqual({ ok: false, kind: 'invalid', reason: 'month 0 does not exist (read day first)' });
  });
});

describe('zoned date-times do not depend on the server TZ (child processes)', () => {
  const ROOT = join(import.meta.dirname, '../..');
  const inputs = ZONED_CASES.map(([raw, opts]) => [raw, opts] as const);
  const script = `
    import { createServer } from 'vite';
    const server = await createServer({ root: ${JSON.stringify(ROOT)}, configFile: false, logLevel: 'error',
      server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', optimizeDeps: { noDiscovery: true, include: [] } });
    try {
      const m = await server.ssrLoadModule('/src/pipeline/normalise/dates.ts');
      const z = await server.ssrLoadModule('/src/pipeline/normalise/zone.ts');
      const out = { offset: new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset(), today: z.todayIn('Europe/London', Date.UTC(2024, 5, 30, 23, 30)),
        results: ${JSON.stringify(inputs)}.map(([raw, opts]) => m.parseDate(raw, opts)) };
      process.stdout.write(JSON.stringify(out));
    } finally {
      await server.close();
    }
  `;
  for (const [tz, offset] of [
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ] as const) {
    it(`TZ=${tz}: the same dates as here`, () => {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const out = JSON.parse(child.stdout) as { offset: number; today: string; results: DateParse[] };
      expect(out.offset).toBe(offset); // the child really runs in that zone
      expect(out.today).toBe('2024-07-01');
      expect(out.results).toEqual(ZONED_CASES.map(([, , expected]) => expected));
    });
  }
});
