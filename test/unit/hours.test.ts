/**
 * Hours normaliser (src/pipeline/normalise/hours.ts): forms and conversions from docs/domain/CPD.md §6.
 */
import { describe, expect, it } from 'vitest';
import {
  excelDurationToHours,
  isDateFormat,
  isTimeFormat,
  parseHours,
  rateFromHeading,
  unitFromHeading,
  type HoursOk,
  type HoursUnit,
  type StatedRate,
} from '../../src/pipeline/normalise/hours.js';

type Opts = { unit?: HoursUnit; hoursPerDay?: number; hoursPerPoint?: number; rate?: StatedRate };
const CREDIT_50_MIN: StatedRate = { unit: 'credits', hours: 50 / 60, text: '1 credit = 50 min' };
const NONE: Opts = {};

const DAYS_RULE = '6 h per day (setting; the default, after ICE: 6 h of learning = 1 day)';
// docs/domain/CPD.md §6: in UK and Irish CPD one point or credit is one hour, unless the source says US CPE (50 min)
const CONVENTION = 'the UK and Irish CPD convention: one point or credit per hour of learning; hours per point is a setting';
const CPE_RULE = '1 US CPE credit = 50 minutes';
const CREDITS_RULE = `1 credit = 1 h (${CONVENTION}); a US CPE credit would be 50 minutes`;
const UNITS_RULE = `1 unit = 1 h (${CONVENTION}); under the old BCS scheme 1 unit was 2 h`;
const POINTS_RULE = `1 point = 1 h (${CONVENTION}); some bodies' points are not time (RIBA) — check`;
const CEU_RULE = '1 CEU = 10 contact hours (IACET)';
const PDU_RULE = '1 PDU = 1 hour (PMI)';
const ISO_DAY_RULE = 'an ISO 8601 duration: 1 day = 24 h of elapsed time (not a learning day)';

const h = (hours: number, extra: Partial<HoursOk> = {}): HoursOk => ({ ok: true, hours, ...extra });
const days = (hours: number, rule = DAYS_RULE): HoursOk => ({ ok: true, hours, converted: { from: 'days', rule } });

const OK_CASES: Array<[string, Opts, HoursOk]> = [
  // plain numbers
  ['1.5', NONE, h(1.5)],
  ['  2 ', NONE, h(2)],
  ['0', NONE, h(0)],
  ['-2', NONE, h(-2)],
  ['.5', NONE, h(0.5)],
  ['1,5', NONE, h(1.5)],
  ['0,75', NONE, h(0.75)],
  ['1.25', NONE, h(1.25)],
  ['1.23456', NONE, h(1.2346)],
  ['1000', NONE, h(1000)],
  ['1.30', NONE, h(1.3, { note: '1.30 read as 1.3 h; if it meant 1 h 30 min it would be 1.5 h' })],
  ['2.45 hrs', NONE, h(2.45, { note: '2.45 read as 2.45 h; if it meant 2 h 45 min it would be 2.75 h' })],
  // fractions
  ['1½', NONE, h(1.5)],
  ['1 ½', NONE, h(1.5)],
  ['½', NONE, h(0.5)],
  ['¼', NONE, h(0.25)],
  ['¾', NONE, h(0.75)],
  ['2¾ hours', NONE, h(2.75)],
  ['1 1/2', NONE, h(1.5)],
  ['1/2', NONE, h(0.5)],
  ['⅓', NONE, h(0.3333)],
  // hours with a unit
  ['1.5 hrs', NONE, h(1.5)],
  ['1.5h', NONE, h(1.5)],
  ['1.5 Hrs.', NONE, h(1.5)],
  ['2 hours', NONE, h(2)],
  ['1 hour', NONE, h(1)],
  ['1 hr', NONE, h(1)],
  ['3 hour(s)', NONE, h(3)],
  ['2 CPD hours', NONE, h(2)],
  ['3 CPD', NONE, h(3)],
  ['-2 hours', NONE, h(-2)],
  ['an hour', NONE, h(1)],
  ['half an hour', NONE, h(0.5)],
  ['two hours', NONE, h(2)],
  // hours and minutes
  ['1h30', NONE, h(1.5)],
  // several equal sessions, and units in the other languages logs arrive in (trial 2)
  ['2 x 1h', NONE, h(2, { note: '2 × 1h = 2 h' })],
  ['2 x 45 min', NONE, h(1.5, { note: '2 × 45 min = 1.5 h' })],
  ['3 × 1 h', NONE, h(3, { note: '3 × 1 h = 3 h' })],
  ['1,5 Std.', NONE, h(1.5)],
  ['3 horas', NONE, h(3)],
  ['2 jours', NONE, days(12)],
  ['2 jours (14 h)', NONE, h(14, { note: '"2 jours" not used: the value in brackets needs no conversion' })],
  ['1h30m', NONE, h(1.5)],
  ['1h 30m', NONE, h(1.5)],
  ['1 hr 30 mins', NONE, h(1.5)],
  ['1 hour and 30 minutes', NONE, h(1.5)],
  ['1h20', NONE, h(1.3333)],
  ['2h05', NONE, h(2.0833)],
  ['1:30', NONE, h(1.5)],
  ['01:30:00', NONE, h(1.5)],
  ['0:45', NONE, h(0.75)],
  ['0:20', NONE, h(0.3333)],
  ['1:30 hrs', NONE, h(1.5)],
  ['100:00', NONE, h(100)],
  // minutes (time, not converted; noted)
  ['90 mins', NONE, h(1.5, { note: '90 min = 1.5 h' })],
  ['90 minutes', NONE, h(1.5, { note: '90 min = 1.5 h' })],
  ['45 min.', NONE, h(0.75, { note: '45 min = 0.75 h' })],
  ['50 min', NONE, h(0.8333, { note: '50 min = 0.8333 h' })],
  ['30m', NONE, h(0.5, { note: '30 min = 0.5 h' })],
  ['90 (mins)', NONE, h(1.5, { note: '90 min = 1.5 h' })],
  ['90', { unit: 'minutes' }, h(1.5, { note: '90 min = 1.5 h' })],
  ['-90 mins', NONE, h(-1.5, { note: '-90 min = -1.5 h' })],
  // days
  ['half day', NONE, days(3)],
  ['half-day', NONE, days(3)],
  ['Half a day', NONE, days(3)],
  ['½ day', NONE, days(3)],
  ['1/2 day', NONE, days(3)],
  ['full day', NONE, days(6)],
  ['a day', NONE, days(6)],
  ['1 day', NONE, days(6)],
  ['2 days', NONE, days(12)],
  ['0.5 day', NONE, days(3)],
  ['1.5 days', NONE, days(9)],
  ['3 day(s)', NONE, days(18)],
  ['3', { unit: 'days' }, days(18)],
  ['0,5', { unit: 'days' }, days(3)],
  ['1 day', { hoursPerDay: 7.5 }, days(7.5, '7.5 h per day (setting)')],
  ['half day', { hoursPerDay: 7 }, days(3.5, '7 h per day (setting)')],
  ['1 day', { hoursPerDay: 0 }, days(6)],
  ['1 day', { hoursPerDay: 6 }, days(6)],
  // points, credits, units: one hour each (docs/domain/CPD.md §6; credits were read as US CPE credits of 50 min and
  // units by the old BCS rule of 2 h before — a reading the UK and Irish convention does not support)
  ['3 points', NONE, { ok: true, hours: 3, converted: { from: 'points', rule: POINTS_RULE } }],
  ['2 CPD points', NONE, { ok: true, hours: 2, converted: { from: 'points', rule: POINTS_RULE } }],
  ['1 pt', NONE, { ok: true, hours: 1, converted: { from: 'points', rule: POINTS_RULE } }],
  ['4', { unit: 'points' }, { ok: true, hours: 4, converted: { from: 'points', rule: POINTS_RULE } }],
  ['4 credits', NONE, { ok: true, hours: 4, converted: { from: 'credits', rule: CREDITS_RULE } }],
  ['1 credit', NONE, { ok: true, hours: 1, converted: { from: 'credits', rule: CREDITS_RULE } }],
  ['2 CPD credits', NONE, { ok: true, hours: 2, converted: { from: 'credits', rule: CREDITS_RULE } }],
  ['6', { unit: 'credits' }, { ok: true, hours: 6, converted: { from: 'credits', rule: CREDITS_RULE } }],
  ['2 units', NONE, { ok: true, hours: 2, converted: { from: 'units', rule: UNITS_RULE } }],
  ['0.5', { unit: 'units' }, { ok: true, hours: 0.5, converted: { from: 'units', rule: UNITS_RULE } }],
  // hours per point is a setting
  ['3 points', { hoursPerPoint: 0.5 }, { ok: true, hours: 1.5, converted: { from: 'points', rule: "1 point = 0.5 h (hours per point, a setting); some bodies' points are not time (RIBA) — check" } }],
  ['2', { unit: 'credits', hoursPerPoint: 2 }, { ok: true, hours: 4, converted: { from: 'credits', rule: '1 credit = 2 h (hours per point, a setting); a US CPE credit would be 50 minutes' } }],
  ['2 points', { hoursPerPoint: 0 }, { ok: true, hours: 2, converted: { from: 'points', rule: POINTS_RULE } }],
  // other schemes' units, by their own rules
  ['4 CPE', NONE, { ok: true, hours: 3.3333, converted: { from: 'cpe', rule: CPE_RULE } }],
  ['4 CPE credits', NONE, { ok: true, hours: 3.3333, converted: { from: 'cpe', rule: CPE_RULE } }],
  ['6', { unit: 'cpe' }, { ok: true, hours: 5, converted: { from: 'cpe', rule: CPE_RULE } }],
  ['3 CEUs', NONE, { ok: true, hours: 30, converted: { from: 'ceus', rule: CEU_RULE } }],
  ['0.5 CEU', NONE, { ok: true, hours: 5, converted: { from: 'ceus', rule: CEU_RULE } }],
  ['4', { unit: 'ceus' }, { ok: true, hours: 40, converted: { from: 'ceus', rule: CEU_RULE } }],
  ['2 PDUs', NONE, { ok: true, hours: 2, converted: { from: 'pdus', rule: PDU_RULE } }],
  ['4', { unit: 'pdus' }, { ok: true, hours: 4, converted: { from: 'pdus', rule: PDU_RULE } }],
  ['3 credit hours', NONE, h(3)],
  ['2 contact hours', NONE, h(2)],
  // durations as exports and APIs write them: time, so no conversion
  ['PT1H30M', NONE, h(1.5)],
  ['pt1h30m', NONE, h(1.5)],
  ['PT45M', NONE, h(0.75)],
  ['PT5400S', NONE, h(1.5)],
  ['PT0.5H', NONE, h(0.5)],
  ['PT1,5H', NONE, h(1.5)],
  ['PT1H30M', { unit: 'minutes' }, h(1.5, { note: "the cell's unit (an ISO 8601 duration) used, not the column's (minutes)" })],
  ['P1DT2H', NONE, { ok: true, hours: 26, converted: { from: 'days', rule: ISO_DAY_RULE } }],
  ['P2W', NONE, { ok: true, hours: 336, converted: { from: 'days', rule: ISO_DAY_RULE } }],
  ['1h 30m 15s', NONE, h(1.5042)],
  ['1 hour, 30 minutes and 15 seconds', NONE, h(1.5042)],
  ['2 min 30 s', NONE, h(0.0417)],
  ['45m', NONE, h(0.75, { note: '45 min = 0.75 h' })],
  ['90 min', NONE, h(1.5, { note: '90 min = 1.5 h' })],
  ['1 hr 30 min', NONE, h(1.5)],
  // seconds (time, not converted; noted like minutes)
  ['5400', { unit: 'seconds' }, h(1.5, { note: '5400 s = 1.5 h' })],
  ['5400 s', NONE, h(1.5, { note: '5400 s = 1.5 h' })],
  ['5400 seconds', NONE, h(1.5, { note: '5400 s = 1.5 h' })],
  ['90 sec', NONE, h(0.025, { note: '90 s = 0.025 h' })],
  // the cell's unit wins over the column's
  ['2 hours', { unit: 'days' }, h(2, { note: "the cell's unit (hours) used, not the column's (days)" })],
  ['1:30', { unit: 'days' }, h(1.5, { note: "the cell's unit (hours) used, not the column's (days)" })],
  ['90 mins', { unit: 'days' }, h(1.5, { note: "the cell's unit (minutes) used, not the column's (days); 90 min = 1.5 h" })],
  ['1.5', { unit: 'hours' }, h(1.5)],
  // approximate
  ['~2', NONE, h(2, { approximate: true })],
  ['≈ 2', NONE, h(2, { approximate: true })],
  ['approx 2', NONE, h(2, { approximate: true })],
  ['approx. 2 hrs', NONE, h(2, { approximate: true })],
  ['approximately 1.5 hours', NONE, h(1.5, { approximate: true })],
  ['c. 2', NONE, h(2, { approximate: true })],
  ['c 2', NONE, h(2, { approximate: true })],
  ['circa 2', NONE, h(2, { approximate: true })],
  ['about 2 hours', NONE, h(2, { approximate: true })],
  ['2ish', NONE, h(2, { approximate: true })],
  ['2 (approx)', NONE, h(2, { approximate: true })],
  ['2 hours approx.', NONE, h(2, { approximate: true })],
  ['~1 day', NONE, { ok: true, hours: 6, approximate: true, converted: { from: 'days', rule: DAYS_RULE } }],
  ['2+', NONE, h(2, { approximate: true, note: 'written with "+" (at least)' })],
  // remarks
  ['2 hrs (online)', NONE, h(2, { note: '"(online)" ignored' })],
  // one time given twice: the value that needs no conversion is used
  ['21\n(3 days)', NONE, h(21, { note: '"(3 days)" not used: the value before it is' })],
  ['1.5 (90 mins)', NONE, h(1.5, { note: '"(90 mins)" not used: the value before it is' })],
  ['3 days (21 h)', NONE, h(21, { note: '"3 days" not used: the value in brackets needs no conversion' })],
  ['3 (21 h)', { unit: 'days' }, h(21, { note: '"3" not used: the value in brackets needs no conversion' })],
  ['~21 (3 days)', NONE, h(21, { approximate: true, note: '"(3 days)" not used: the value before it is' })],
  // a rate the source states wins over the settings
  ['2', { unit: 'credits', rate: CREDIT_50_MIN }, { ok: true, hours: 1.6667, converted: { from: 'credits', rule: '1 credit = 50 min, as the column heading states' } }],
  ['6', { unit: 'credits', rate: CREDIT_50_MIN, hoursPerPoint: 2 }, { ok: true, hours: 5, converted: { from: 'credits', rule: '1 credit = 50 min, as the column heading states' } }],
  ['3', { unit: 'days', rate: { unit: 'days', hours: 7.5, text: '1 day = 7.5 hours' } }, { ok: true, hours: 22.5, converted: { from: 'days', rule: '1 day = 7.5 hours, as the column heading states' } }],
  ['2 hours', { unit: 'credits', rate: CREDIT_50_MIN }, h(2, { note: "the cell's unit (hours) used, not the column's (credits)" })],
];

describe('parseHours: readable values', () => {
  it.each(OK_CASES)('%j (%j)', (raw, opts, expected) => {
    expect(parseHours(raw, opts)).toEqual(expected);
  });
});

const FAIL_CASES: Array<[string, Opts, 'missing' | 'invalid' | 'range', RegExp]> = [
  ['', NONE, 'missing', /no hours given/],
  ['   ', NONE, 'missing', /no hours given/],
  ['-', NONE, 'missing', /"-" means no hours/],
  ['–', NONE, 'missing', /"–" means no hours/],
  ['n/a', NONE, 'missing', /"n\/a" means no hours/],
  ['N/A', NONE, 'missing', /"n\/a" means no hours/],
  ['none', NONE, 'missing', /"none" means no hours/],
  // "no value" placeholders of exports (normalise/empty.ts): empty, as in every other field
  ['null', NONE, 'missing', /^"null" means no hours recorded$/],
  ['NULL', NONE, 'missing', /^"null" means no hours recorded$/],
  ['None', NONE, 'missing', /^"none" means no hours recorded$/],
  ['undefined', NONE, 'missing', /^"undefined" means no hours recorded$/],
  ['NaN', NONE, 'missing', /^"nan" means no hours recorded$/],
  ['#N/A', NONE, 'missing', /^"#n\/a" means no hours recorded$/],
  ['—', NONE, 'missing', /^"–" means no hours recorded$/],
  ['TBD', NONE, 'invalid', /^"TBD" is a placeholder, not a number of hours$/],
  ['to be confirmed', NONE, 'invalid', /^"to be confirmed" is a placeholder/],
  ['P1M', NONE, 'invalid', /^P1M is an ISO 8601 duration in years or months, which have no fixed number of hours$/],
  ['P1Y2M', NONE, 'invalid', /^P1Y2M is an ISO 8601 duration in years or months/],
  ['3/3', NONE, 'invalid', /^"3\/3" reads as a count \(3 of 3\), not a fraction of an hour$/],
  ['PT', NONE, 'invalid', /^PT is an ISO 8601 duration with no value$/],
  ['1h 75m 3s', NONE, 'invalid', /minutes and seconds after a larger unit must be below 60/],
  ['2m 75s', NONE, 'invalid', /minutes and seconds after a larger unit must be below 60/],
  ['2-3', NONE, 'range', /a range \(2–3\), not one value/],
  ['2–3 hours', NONE, 'range', /a range \(2–3 hours\)/],
  ['2 - 3 hrs', NONE, 'range', /a range \(2–3 hours\)/],
  ['2 to 3', NONE, 'range', /a range \(2–3\)/],
  ['1.5-2', NONE, 'range', /a range \(1\.5–2\)/],
  ['1-2 days', NONE, 'range', /a range \(1–2 days\)/],
  ['~2-3', NONE, 'range', /a range/],
  ['see certificate', NONE, 'invalid', /no number of hours/],
  ['TBC', NONE, 'invalid', /"TBC" is a placeholder/],
  ['tba', NONE, 'invalid', /"TBA" is a placeholder/],
  ['?', NONE, 'invalid', /"\?" is a placeholder/],
  ['various', NONE, 'invalid', /"various" is a placeholder/],
  ['hours', NONE, 'invalid', /no number of hours/],
  ['1,250', NONE, 'invalid', /could be 1\.250 or 1250/],
  ['1:75', NONE, 'invalid', /minutes and seconds must be below 60/],
  ['1h75', NONE, 'invalid', /75 minutes after whole hours: write 2 h 15 min/],
  ['3 weeks', NONE, 'invalid', /"weeks" is not a unit/],
  ['1.5.2', NONE, 'invalid', /not a number of hours/],
  ['1 1/0', NONE, 'invalid', /divides by zero/],
  ['03/04/2024', NONE, 'invalid', /not a number of hours/],
];

describe('parseHours: failures', () => {
  it.each(FAIL_CASES)('%j (%j) → %s', (raw, opts, kind, reason) => {
    const r = parseHours(raw, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe(kind);
    expect(r.reason.length).toBeGreaterThan(0);
    expect(r.reason).toMatch(reason);
  });
});

describe('excelDurationToHours', () => {
  it.each<[number, number]>([
    [0.0625, 1.5], // 1:30 (docs/domain/CPD.md §6)
    [1 / 24, 1],
    [0.0416666666667, 1], // float noise
    [1 / 72, 0.3333], // 0:20
    [1.5, 36], // [h]:mm beyond a day
    [0, 0],
    [-0.0625, -1.5],
    [0.5 / 24 + 30 / 86400, 0.5083], // 0:30:30
  ])('%d days → %d h', (d, expected) => {
    expect(excelDurationToHours(d)).toBe(expected);
  });

  it('NaN for non-finite input', () => {
    expect(excelDurationToHours(Number.NaN)).toBeNaN();
    expect(excelDurationToHours(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('isTimeFormat / isDateFormat', () => {
  it.each<[string, boolean, boolean]>([
    ['h:mm', true, false],
    ['[h]:mm', true, false],
    ['[h]:mm:ss', true, false],
    ['hh:mm:ss', true, false],
    ['HH:MM', true, false],
    ['mm:ss', true, false],
    ['[mm]:ss', true, false],
    ['[m]', true, false],
    ['h:mm AM/PM', true, false],
    ['[$-409]h:mm:ss AM/PM', true, false],
    ['[h]:mm;@', true, false],
    ['[Red][h]:mm', true, false],
    ['dd/mm/yyyy', false, true],
    ['d-mmm-yy', false, true],
    ['mmm-yy', false, true],
    ['m/d/yyyy', false, true],
    ['mmmm d, yyyy', false, true],
    ['dd/mm/yyyy hh:mm', false, true],
    ['m', false, true],
    ['yyyy', false, true],
    ['[$-F800]dddd, mmmm dd, yyyy', false, true],
    ['General', false, false],
    ['0.00', false, false],
    ['@', false, false],
    ['#,##0', false, false],
    ['0.00E+00', false, false],
    ['0 "days"', false, false],
    ['0.00 "hrs"', false, false],
    ['"h"0', false, false],
    ['0\\h', false, false],
    ['[Red]0.00', false, false],
    ['_(* #,##0_)', false, false],
  ])('%j → time %s, date %s', (fmt, time, date) => {
    expect(isTimeFormat(fmt)).toBe(time);
    expect(isDateFormat(fmt)).toBe(date);
  });
});

describe('unitFromHeading', () => {
  it.each<[string, HoursUnit | undefined]>([
    ['Days', 'days'],
    ['No. of days', 'days'],
    ['Points', 'points'],
    ['CPD points', 'points'],
    ['CPD Pts', 'points'],
    ['Credits', 'credits'],
    ['CPE', 'cpe'],
    ['CPE credits', 'cpe'],
    ['Credits (CPE)', 'cpe'],
    ['CEUs', 'ceus'],
    ['PDUs', 'pdus'],
    ['PDUs earned', 'pdus'],
    ['Units', 'units'],
    ['units', 'units'],
    ['CPD Units', 'units'],
    ['Minutes', 'minutes'],
    ['Duration (mins)', 'minutes'],
    ['Time (min)', 'minutes'],
    ['Day(s)', 'days'],
    // database and API styles (issue 9 scope 5)
    ['duration_minutes', 'minutes'],
    ['durationMins', 'minutes'],
    ['timeSpentMinutes', 'minutes'],
    ['Length (min)', 'minutes'],
    ['Learner’s minutes', 'minutes'],
    ['time_spent_seconds', 'seconds'],
    ['videoLengthSecs', 'seconds'],
    ['TotalSeconds', 'seconds'],
    ['Duration (s)', 'seconds'],
    ['length_sec', 'seconds'],
    ['watch_time_s', 'seconds'],
    ['Time spent (hh:mm:ss)', undefined],
    ['Duration (h:mm)', undefined],
    ['Hour(s)', undefined],
    ['CPDHours', undefined],
    ['Credit hours', undefined],
    ["Member's time", undefined],
    ['Hours', undefined],
    ['Hours (h)', undefined],
    ['CPD hours', undefined],
    ['Time spent (hrs)', undefined],
    ['Days/Hours', undefined],
    ['Duration', undefined],
    ['CPD Value', undefined],
    // a stated rate explains the unit; its words are no second unit
    ['CPE credits (1 credit = 50 min)', 'cpe'],
    ['Credits (1 credit = 50 min)', 'credits'],
    ['Days (1 day = 7.5 hours)', 'days'],
    // two CPD point units share one rate (this read as hours, silently, before)
    ['Points or credits', 'points'],
    ['Points (CPE)', undefined],
  ])('%j → %s', (heading, unit) => {
    expect(unitFromHeading(heading)).toBe(unit);
  });
});

describe('rateFromHeading', () => {
  it.each<[string, StatedRate | undefined]>([
    ['CPE credits (1 credit = 50 min)', { unit: 'credits', hours: 50 / 60, text: '1 credit = 50 min' }],
    ['Days (1 day = 7.5 hours)', { unit: 'days', hours: 7.5, text: '1 day = 7.5 hours' }],
    ['CPD units (2 units = 1 h)', { unit: 'units', hours: 0.5, text: '2 units = 1 h' }],
    ['CEUs (1 CEU = 10 hours)', { unit: 'ceus', hours: 10, text: '1 CEU = 10 hours' }],
    ['Credits', undefined],
    ['Hours (1 hour = 60 min)', undefined],
    ['Score (1 = poor)', undefined],
  ])('%j → %j', (heading, rate) => {
    expect(rateFromHeading(heading)).toEqual(rate);
  });
});

describe('a session\'s times of day and abbreviated units of other languages (trial 8)', () => {
  it.each([
    ['09:30 - 12:45', 3.25, '3.25 h from the times 09:30 to 12:45'],
    ['9am - 1pm', 4, '4 h from the times 09:00 to 13:00'],
    ['3 Std. 30 Min.', 3.5, 'read as 3 std + 30 min = 3.5 h'],
    ['1 uur 30 min.', 1.5, 'read as 1 uur + 30 min = 1.5 h'],
  ])('%j → %d h', (text, hours, note) => {
    expect(parseHours(text, {})).toEqual({ ok: true, hours, note });
  });
  it('an end before the start, and a decimal range, are no session', () => {
    expect(parseHours('12:45 - 09:30', {})).toEqual({ ok: false, kind: 'invalid', reason: '"12:45 - 09:30" gives times of day whose end is not after the start: the hours cannot be told' });
    expect(parseHours('1.30-2.30', {}).ok).toBe(false);
  });
});
