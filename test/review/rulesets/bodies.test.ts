/**
 * Every body's rule set (src/review/rulesets/bodies/, rules in docs/domain/RULESETS.md) over a fictional member's
 * records, with the figures worked out by hand beside each assertion: met, not met and not assessable cases. The IET
 * rule set gives exactly `reviewYear`'s criteria on the hand-worked Grace Lindqvist log.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CpdRecord } from '../../../src/domain/index.js';
import { importFile } from '../../../src/pipeline/import.js';
import { reviewYear } from '../../../src/review/criteria/index.js';
import { RULE_SETS, loadRuleSet, parsePeriod, periodFor, reviewForBody, ruleSetFor, type BodyReview } from '../../../src/review/rulesets/index.js';

const GOOD = 'Learnt how to apply the new guidance at work and will share it with the team next month';

interface Row {
  name: string;
  date: string;
  hours?: number | null;
  type?: string | null;
  extras?: Record<string, string>;
  reflection?: string | null;
  status?: 'completed' | 'planned';
}

let row = 1;
function rec(r: Row): CpdRecord {
  const x = emptyRecord({ file: 'log.xlsx', sheet: 'CPD', row: ++row }, r.extras ?? {});
  return { ...x, activityName: r.name, startDate: r.date, endDate: r.date, hours: r.hours === undefined ? 1 : r.hours, activityType: r.type ?? null, reflection: r.reflection === undefined ? GOOD : r.reflection, status: r.status ?? 'completed' };
}

const crit = (review: BodyReview, key: string) => {
  const c = review.criteria.find((k) => k.key === key);
  if (c === undefined) throw new Error(`no criterion ${key}: ${review.criteria.map((k) => k.key).join(', ')}`);
  return c;
};
const outcomes = (review: BodyReview) => Object.fromEntries(review.criteria.map((c) => [c.key, c.outcome]));

describe('the rule sets load and are validated', () => {
  it('holds the IET and the twelve bodies of docs/domain/RULESETS.md, the IET first', () => {
    expect([...RULE_SETS.keys()]).toEqual(['iet', 'cibse', 'cipd', 'engineers-australia', 'engineers-ireland', 'hcpc', 'ice', 'imeche', 'istructe', 'nmc', 'riba', 'rics', 'science-council']);
    for (const rs of RULE_SETS.values()) for (const c of rs.criteria) expect(c.source.length).toBeGreaterThan(10);
  });
  it('every file in src/review/rulesets/bodies/ is loaded (a body added as a file and not imported fails here)', () => {
    const files = readdirSync(join(import.meta.dirname, '../../../src/review/rulesets/bodies')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect([...RULE_SETS.keys()].sort()).toEqual(files);
  });
  it('a malformed file is refused with its name and the bad field', () => {
    expect(() => loadRuleSet('bad.json', { id: 'bad', name: 'Bad', sources: ['x'], period: { kind: 'calendar_year' }, units: { kind: 'hours' }, criteria: [{ kind: 'hours', perYear: -1, source: 'nowhere' }] })).toThrow(/^rule set bad\.json: criteria\.0\.perYear: /);
    expect(() => loadRuleSet('x.json', { ...ruleSetFor('nmc'), id: 'nmc' })).toThrow('rule set x.json: its id "nmc" is not its file name');
    expect(() => loadRuleSet('y.json', { ...ruleSetFor('iet'), id: 'y', period: { kind: 'years', years: 3 } })).toThrow('IET criteria need a calendar-year period');
  });
  it('an unknown body names the known ones', () => {
    expect(() => ruleSetFor('rcvs')).toThrow(/^no rule set for body "rcvs"; known bodies: iet, cibse, /);
  });
  it('periods: a year, N years ending with a year, exact dates', () => {
    expect(periodFor(ruleSetFor('rics'), { year: 2024 })).toEqual({ from: '2024-01-01', to: '2024-12-31', label: '2024', year: 2024, years: 1 });
    expect(periodFor(ruleSetFor('nmc'), { year: 2024 })).toEqual({ from: '2022-01-01', to: '2024-12-31', label: '2022-01-01 to 2024-12-31', years: 3 });
    expect(parsePeriod(ruleSetFor('nmc'), '2022-04-01..2025-03-31')).toEqual({ from: '2022-04-01', to: '2025-03-31', label: '2022-04-01 to 2025-03-31', years: 3 });
    expect(() => parsePeriod(ruleSetFor('nmc'), '2025-03-31..2022-04-01')).toThrow('the period ends (2022-04-01) before it starts (2025-03-31)');
    expect(() => parsePeriod(ruleSetFor('nmc'), '2022')).toThrow('a period is two dates YYYY-MM-DD..YYYY-MM-DD, not "2022"');
  });
});

describe('IET: the rule set gives reviewYear\'s criteria unchanged (Grace Lindqvist 2024)', async () => {
  const path = 'review/grace-lindqvist-cpd-2024.xlsx';
  const res = await importFile(readFileSync(join(import.meta.dirname, '../../../fixtures', path)), path, { today: '2025-02-01' });
  it('every criterion, figure and summary equal', () => {
    const iet = ruleSetFor('iet');
    const a = reviewYear(res.records, { year: 2024, activityStatus: 'active', today: '2025-02-01' });
    const b = reviewForBody(res.records, iet, { period: periodFor(iet, { year: 2024 }), activityStatus: 'active', today: '2025-02-01' });
    expect(b.criteria.map((c) => c.title)).toEqual(['CPD hours', 'Range of TWAVES categories', 'Technical and soft skills', 'CPD plan', 'Planned CPD hours', 'UK-SPEC competences', 'Reflections', 'Year of each activity']);
    const byKey = Object.values(a.criteria);
    b.criteria.forEach((c, i) => expect({ outcome: c.outcome, summary: c.summary, source: c.source, figures: c.figures }).toEqual(byKey[i]));
    expect(b.overall).toBe(a.overall);
  });
});

describe('NMC: Siobhán Achterberg, revalidation 2022-04-01 to 2025-03-31', () => {
  const records = [
    rec({ name: 'Sepsis recognition workshop', type: 'Participatory - workshop', date: '2022-06-14', hours: 7 }),
    rec({ name: 'Reading: NICE guideline on pressure ulcers', type: 'Individual - reading', date: '2022-09-02', hours: 3 }),
    rec({ name: 'Team simulation: obstetric emergency', type: 'Participatory', date: '2023-03-20', hours: 6 }),
    rec({ name: 'Online module: safeguarding adults level 3', type: 'Individual', date: '2023-11-08', hours: 4 }),
    rec({ name: 'Regional nursing conference', type: 'Participatory', date: '2024-05-16', hours: 7.5 }),
    rec({ name: 'Journal club on falls prevention', date: '2024-10-01', hours: 2, reflection: null }),
    rec({ name: 'Medicines management e-learning', type: 'Individual', date: '2025-02-11', hours: 3 }),
    rec({ name: 'Wound care study day', type: 'Participatory', date: '2022-03-10', hours: 6 }),
  ];
  const nmc = ruleSetFor('nmc');
  const r = reviewForBody(records, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') });
  it('7 activities in the period (the study day of 2022-03-10 is before it): 7 + 3 + 6 + 4 + 7.5 + 2 + 3 = 32.5 h < 35 h → not met, 2.5 h short', () => {
    expect(r.counts).toEqual({ records: 8, inPeriod: 7, completed: 7, otherPeriods: 1, undated: 0, duplicates: 0 });
    expect(crit(r, 'hours').outcome).toBe('not_met');
    expect(crit(r, 'hours').summary).toBe('32.5 h of completed CPD in 2022-04-01 to 2025-03-31 from 7 activities; 35 h required: 2.5 h short');
    expect(crit(r, 'hours').source).toMatch(/^NMC revalidation: at least 35 h/);
  });
  it('participatory 7 + 6 + 7.5 = 20.5 h ≥ 20 h → met; individual 3 + 4 + 3 = 10 h; the journal club (2 h) does not say', () => {
    const c = crit(r, 'class_hours:participatory');
    expect(c.outcome).toBe('met');
    expect(c.title).toBe('Participatory CPD hours');
    expect(c.summary).toBe('20.5 h participatory in 2022-04-01 to 2025-03-31 (10 h individual, 2 h on 1 activity that do not say); at least 20 h participatory required');
  });
  it('the journal club records no method and no reflection → not met; the log has no Code or evidence column → those not assessable, named', () => {
    expect(crit(r, 'record_fields').summary).toBe('activities in 2022-04-01 to 2025-03-31 recording method 6 of 7, topic 7 of 7, how it relates to practice 6 of 7, link to the Code not in the log, evidence not in the log; the log has no column for link to the Code, evidence: ask the member');
    expect((crit(r, 'record_fields').figures.lacking as { note: string }[])[0]!.note).toBe('method, how it relates to practice');
    expect(outcomes(r)).toEqual({ hours: 'not_met', 'class_hours:participatory': 'met', record_fields: 'not_met' });
    expect(r.overall).toBe('not_met');
  });
  it('"how it relates to practice" is met by a description as well as a reflection; Code and evidence columns (extras) are read', () => {
    const full: CpdRecord[] = records.map((x) => ({ ...x, activityType: x.activityType ?? 'Discussion', reflection: null, description: 'Relates to my practice on the ward', extras: { 'Link to the Code': 'Practise effectively', Evidence: 'Certificate' } }));
    expect(crit(reviewForBody(full, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') }), 'record_fields').outcome).toBe('met');
    full[2] = { ...full[2]!, extras: { 'Link to the Code': 'Preserve safety' } };
    const c = crit(reviewForBody(full, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') }), 'record_fields');
    expect([c.outcome, (c.figures.lacking as { activityName: string; note: string }[]).map((x) => `${x.activityName}: ${x.note}`)]).toEqual(['not_met', ['Team simulation: obstetric emergency: evidence']]);
  });
  it('participatory hours as a number per activity (the NMC log\'s "Number of participatory hours"): 7 of the conference\'s 7.5 h → 7 + 6 + 7 = 20 h → met', () => {
    const withCol = records.map((x) => (x.activityName === 'Regional nursing conference' ? { ...x, extras: { 'Number of participatory hours': '7' } } : x));
    const c = crit(reviewForBody(withCol, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') }), 'class_hours:participatory');
    expect(c.summary).toBe("20 h participatory in 2022-04-01 to 2025-03-31 (10.5 h individual, 2 h on 1 activity that do not say; the participatory hours of 1 activity read from the log's own hours columns); at least 20 h participatory required");
  });
  it('the conference\'s hours left blank: 25 h and an activity of no hours → hours not assessable (10 h short, it could make them up)', () => {
    const blank = records.map((x) => (x.activityName === 'Regional nursing conference' ? { ...x, hours: null } : x));
    const c = crit(reviewForBody(blank, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') }), 'hours');
    expect([c.outcome, c.summary]).toEqual(['not_assessable', '25 h of completed CPD in 2022-04-01 to 2025-03-31 from 7 activities; 35 h required; 10 h short, but 1 activity has no hours or no date: correct them to decide']);
  });
  it('2 h participatory short with no activity unclassified → not met', () => {
    const few = records.filter((x) => x.activityName !== 'Regional nursing conference' && x.activityName !== 'Journal club on falls prevention');
    const c = crit(reviewForBody(few, nmc, { period: parsePeriod(nmc, '2022-04-01..2025-03-31') }), 'class_hours:participatory');
    // 7 + 6 = 13 h participatory, individual 3 + 4 + 3 = 10 h.
    expect([c.outcome, c.summary]).toEqual(['not_met', '13 h participatory in 2022-04-01 to 2025-03-31 (10 h individual); at least 20 h participatory required: 7 h short']);
  });
  it('--year 2024 reviews 2022-01-01 to 2024-12-31: the study day in, the e-learning of 2025 out: 35.5 h → met; participatory 26.5 h', () => {
    const y = reviewForBody(records, nmc, { period: periodFor(nmc, { year: 2024 }) });
    expect(crit(y, 'hours').outcome).toBe('met');
    expect(crit(y, 'hours').figures.completedHours).toBe(35.5);
    expect(crit(y, 'class_hours:participatory').figures.hours).toBe(26.5);
  });
});

describe('RICS: Dominic Okafor-Hale 2024', () => {
  const records = [
    rec({ name: 'RICS webinar: valuation standards', type: 'Formal', date: '2024-02-07', hours: 1.5 }),
    rec({ name: 'Reading RICS Journal articles', type: 'Informal', date: '2024-03-15', hours: 4 }),
    rec({ name: 'Construction contracts course', type: 'Formal - structured course', date: '2024-05-21', hours: 7 }),
    rec({ name: 'Site visit with mentor', type: 'Informal', date: '2024-07-09', hours: 3 }),
    rec({ name: 'Ethics module', extras: { 'Formal/Informal': 'formal' }, date: '2024-09-30', hours: 1 }),
    rec({ name: 'Team knowledge share', date: '2024-11-12', hours: 2 }),
  ];
  const rics = ruleSetFor('rics');
  const period = periodFor(rics, { year: 2024 });
  it('18.5 h < 20 h → not met; formal 1.5 + 7 + 1 (from the Formal/Informal column) = 9.5 h, 2 h unclassified could make 10 → not assessable', () => {
    const r = reviewForBody(records, rics, { period });
    expect(crit(r, 'hours').summary).toBe('18.5 h of completed CPD in 2024 from 6 activities; 20 h required: 1.5 h short');
    expect(crit(r, 'class_hours:formal').outcome).toBe('not_assessable');
    expect(crit(r, 'class_hours:formal').summary).toBe('9.5 h formal in 2024 (7 h informal, 2 h on 1 activity that do not say); at least 10 h formal required: say whether the unclassified activities are formal to decide');
  });
  it('ethics: the "Ethics module" of 2024 counts for the rolling 3 years 2022–2024 (inferred from its name) → met', () => {
    const c = crit(reviewForBody(records, rics, { period }), 'mandated_topics');
    expect([c.outcome, c.summary]).toEqual(['met', 'ethics: 1 activity (1 inferred) in 2022-01-01 to 2024-12-31; at least 1 on each required']);
  });
  it('ethics: none in 2024, and no record before 2024 → not assessable (the earlier years are not here); with records of 2022–2023 and still none → not met', () => {
    const noEthics = records.filter((x) => x.activityName !== 'Ethics module');
    const c = crit(reviewForBody(noEthics, rics, { period }), 'mandated_topics');
    expect([c.outcome, c.summary]).toEqual(['not_assessable', "ethics: 0 activities in 2022-01-01 to 2024-12-31; at least 1 on each required; none on ethics in these records, which start in 2024: review the earlier years' records too"]);
    const older = [...noEthics, rec({ name: 'Rating appeals seminar', type: 'Formal', date: '2022-05-10', hours: 2 })];
    expect(crit(reviewForBody(older, rics, { period }), 'mandated_topics').outcome).toBe('not_met');
    const ethics2022 = [...noEthics, rec({ name: 'Professional standards and conduct webinar', type: 'Formal', date: '2022-05-10', hours: 1 })];
    expect(crit(reviewForBody(ethics2022, rics, { period }), 'mandated_topics').outcome).toBe('met');
  });
  it('with a 2 h formal seminar in December: 20.5 h → met, formal 11.5 h → met', () => {
    const r = reviewForBody([...records, rec({ name: 'Dispute resolution seminar', type: 'Formal', date: '2024-12-03', hours: 2 })], rics, { period });
    expect(outcomes(r)).toEqual({ hours: 'met', 'class_hours:formal': 'met', mandated_topics: 'met' });
    expect(crit(r, 'class_hours:formal').figures.hours).toBe(11.5);
  });
  it('formal and informal hours in two columns (a conference day split 4 + 2): the formal part counts, the informal the rest', () => {
    const split = [rec({ name: 'Commercial property conference', date: '2024-04-10', hours: 6, extras: { 'Formal hours': '4', 'Informal hours': '2' } }), rec({ name: 'Valuation course', date: '2024-06-05', hours: 7, extras: { 'Formal hours': '7' } }), rec({ name: 'Reading', date: '2024-07-01', hours: 3, extras: { 'Informal hours': '3' } })];
    const c = crit(reviewForBody(split, rics, { period }), 'class_hours:formal');
    expect([c.outcome, c.summary]).toEqual(['met', "11 h formal in 2024 (5 h informal; the formal hours of 3 activities read from the log's own hours columns); at least 10 h formal required"]);
  });
});

describe('IStructE: Priya Venkataraman-Boyd 2024', () => {
  const records = [
    rec({ name: 'CDM 2015 duties for designers', type: 'Course', date: '2024-01-18', hours: 4, extras: { Topic: 'Health and safety' } }),
    rec({ name: 'Eurocode 2 masterclass', date: '2024-03-05', hours: 8 }),
    rec({ name: 'Temporary works safety briefing', date: '2024-04-22', hours: 2 }),
    rec({ name: 'Embodied carbon in structures webinar', date: '2024-06-11', hours: 1.5, extras: { Topic: 'Sustainability' } }),
    rec({ name: 'Steel connection design', date: '2024-08-20', hours: 6 }),
    rec({ name: 'Seismic assessment reading', date: '2024-10-02', hours: 10 }),
  ];
  const rs = ruleSetFor('istructe');
  it('31.5 h ≥ 30 → met; health and safety 4 (Topic column) + 2 (inferred from "safety") = 6 h ≥ 6 of every 30 → met; sustainability 1 activity → met', () => {
    const r = reviewForBody(records, rs, { period: periodFor(rs, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ hours: 'met', 'topic_hours:health and safety': 'met', mandated_topics: 'met' });
    expect(crit(r, 'topic_hours:health and safety').summary).toBe('6 h on health and safety in 2024 (1 activity inferred from the name or description: confirm); 6 h required (6 h of every 30 h, on 31.5 h)');
    expect((crit(r, 'topic_hours:health and safety').figures.inferred as { activityName: string }[]).map((x) => x.activityName)).toEqual(['Temporary works safety briefing']);
  });
  it('30 h a year, or 90 h over 3 years: 25 h in 2024 but 35 + 32 + 25 = 92 h over 2022–2024 → met that way; with nothing before 2024 → not assessable; with 20 h in 2023 only → not met', () => {
    const y2024 = [rec({ name: 'Eurocode 2 masterclass', date: '2024-03-05', hours: 19, extras: { Topic: 'Sustainability, health and safety' } }), rec({ name: 'Steel connection design', date: '2024-08-20', hours: 6 })];
    const period = periodFor(rs, { year: 2024 });
    const met = crit(reviewForBody([...y2024, rec({ name: 'Bridge assessment course', date: '2022-05-10', hours: 35 }), rec({ name: 'Masonry arches seminar series', date: '2023-06-01', hours: 32 })], rs, { period }), 'hours');
    expect([met.outcome, met.summary, met.figures.over]).toEqual(['met', '25 h of completed CPD in 2024 from 2 activities; 30 h required; but 92 h in 2022-01-01 to 2024-12-31, 90 h required over 3 years: met that way', { from: '2022-01-01', to: '2024-12-31', hours: 92, required: 90 }]);
    const alone = crit(reviewForBody(y2024, rs, { period }), 'hours');
    expect([alone.outcome, alone.summary]).toEqual(['not_assessable', "25 h of completed CPD in 2024 from 2 activities; 30 h required: 5 h short; or 25 h in 2022-01-01 to 2024-12-31, 90 h required over 3 years, and the records hold nothing before 2024: review the earlier years' records too"]);
    const short = crit(reviewForBody([...y2024, rec({ name: 'Masonry arches seminar series', date: '2023-06-01', hours: 20 })], rs, { period }), 'hours');
    expect([short.outcome, short.summary]).toEqual(['not_met', '25 h of completed CPD in 2024 from 2 activities; 30 h required: 5 h short; nor 45 h in 2022-01-01 to 2024-12-31, 90 h required over 3 years']);
  });
  it('over 2022–2024 the same records fall short of 90 h: 58.5 h short → not met', () => {
    const r = reviewForBody(records, rs, { period: parsePeriod(rs, '2022-01-01..2024-12-31') });
    expect(crit(r, 'hours').summary).toBe('31.5 h of completed CPD in 2022-01-01 to 2024-12-31 from 6 activities; 90 h required (30 h a year × 3): 58.5 h short');
  });
});

describe('CIBSE: Marguerite Oyelaran 2024', () => {
  const records = [
    rec({ name: 'Heat pump design seminar', type: 'Semi-structured', date: '2024-02-13', hours: 3, extras: { Topic: 'Sustainability; heat pumps' } }),
    rec({ name: 'Building Safety Act briefing', type: 'Semi-structured', date: '2024-05-08', hours: 2, reflection: null }),
    rec({ name: 'Commissioning workshop', type: 'Structured', date: '2024-07-16', hours: 7, reflection: 'Good course.' }),
    rec({ name: 'Lighting design reading', type: 'Unstructured', date: '2024-09-03', hours: 1 }),
  ];
  const rs = ruleSetFor('cibse');
  const period = periodFor(rs, { year: 2024 });
  const r = reviewForBody(records, rs, { period });
  it('sustainability (Topic column) and building safety (inferred from the name), each on a semi-structured activity → met', () => {
    expect(crit(r, 'mandated_topics').summary).toBe('sustainability: 1 activity; building safety: 1 activity (1 inferred) in 2024; at least 1 (Semi-structured or Structured) on each required');
    expect(crit(r, 'mandated_topics').outcome).toBe('met');
  });
  it('the 7 h workshop (over 5 h) has only "Good course." → not met, though 2 reflections are good', () => {
    expect(crit(r, 'reflection').outcome).toBe('not_met');
    expect(crit(r, 'reflection').summary).toBe('2 of 4 activities in 2024 have a reflection of 10 words or more; 1 of 1 over 5 h lack one; at least 2 required');
  });
  it('with a reflection on the workshop → reflections met', () => {
    const fixed = records.map((x) => (x.activityName === 'Commissioning workshop' ? { ...x, reflection: GOOD } : x));
    expect(crit(reviewForBody(fixed, rs, { period }), 'reflection').outcome).toBe('met');
  });
  it('no building safety activity at all → mandated topics not met', () => {
    const r2 = reviewForBody([records[0]!, records[3]!], rs, { period });
    expect(crit(r2, 'mandated_topics').figures.missing).toEqual(['building safety']);
    expect(crit(r2, 'mandated_topics').outcome).toBe('not_met');
  });
  it('building safety only as unstructured reading → does not count (CIBSE asks a semi-structured activity) → not met', () => {
    const reading = records.map((x) => (x.activityName === 'Building Safety Act briefing' ? { ...x, activityName: 'Reading the Building Safety Act guidance', activityType: 'Unstructured' } : x));
    const c = crit(reviewForBody(reading, rs, { period }), 'mandated_topics');
    expect([c.outcome, c.summary]).toEqual(['not_met', 'sustainability: 1 activity; building safety: 0 activities (1 of another type not counted) in 2024; at least 1 (Semi-structured or Structured) on each required; none on building safety']);
  });
  it('building safety on an activity of no stated type → not assessable until its type is said', () => {
    const untyped = records.map((x) => (x.activityName === 'Building Safety Act briefing' ? { ...x, activityType: null } : x));
    const c = crit(reviewForBody(untyped, rs, { period }), 'mandated_topics');
    expect([c.outcome, c.summary]).toEqual(['not_assessable', 'sustainability: 1 activity; building safety: 0 activities (1 of no stated type) in 2024; at least 1 (Semi-structured or Structured) on each required; say the type of the activities on building safety to decide']);
  });
});

describe('HCPC: Tobias Nwachukwu-Lind, 2023-09-01 to 2025-08-31', () => {
  const records = [
    rec({ name: 'Clinical supervision sessions', type: 'Work-based learning', date: '2023-09-20', hours: 2 }),
    rec({ name: 'Dysphagia course', type: 'Formal / educational course', date: '2023-11-14', hours: null }),
    rec({ name: 'Reading: journal articles on aphasia', type: 'Self-directed', date: '2024-06-05', hours: null }),
    rec({ name: 'Mentoring a student', type: 'Professional activity', date: '2024-08-01', hours: null }),
    rec({ name: 'Team audit', type: 'Work-based', date: '2024-09-10', hours: null }),
  ];
  const rs = ruleSetFor('hcpc');
  const r = reviewForBody(records, rs, { period: parsePeriod(rs, '2023-09-01..2025-08-31') });
  it('4 types of learning ≥ 2 → met; every activity dated and named → met', () => {
    expect(crit(r, 'category_spread').summary).toBe('4 types of learning in 2023-09-01 to 2025-08-31 (Work-based learning 2, Professional activity 1, Formal / educational 1, Self-directed learning 1); at least 2 required');
    expect(crit(r, 'record_fields').outcome).toBe('met');
  });
  it('two gaps of 3 months or more (2023-11-14 to 2024-06-05, and from 2024-09-10 to the end) → not assessable: the member explains them', () => {
    expect(crit(r, 'chronology_gaps').figures.gaps).toEqual([{ from: '2023-11-14', to: '2024-06-05' }, { from: '2024-09-10', to: '2025-08-31' }]);
    expect(crit(r, 'chronology_gaps').outcome).toBe('not_assessable');
    expect(r.overall).toBe('not_assessable');
  });
  it('reviewed mid-cycle: the last gap runs to today, not to the period\'s end — none on 2024-11-30 (under 3 months since 2024-09-10), 2024-09-10 to 2025-01-20 on 2025-01-20', () => {
    const mid = reviewForBody(records, rs, { period: parsePeriod(rs, '2023-09-01..2025-08-31'), today: '2024-11-30' });
    expect(crit(mid, 'chronology_gaps').figures.gaps).toEqual([{ from: '2023-11-14', to: '2024-06-05' }]);
    const later = reviewForBody(records, rs, { period: parsePeriod(rs, '2023-09-01..2025-08-31'), today: '2025-01-20' });
    expect(crit(later, 'chronology_gaps').figures.gaps).toEqual([{ from: '2023-11-14', to: '2024-06-05' }, { from: '2024-09-10', to: '2025-01-20' }]);
  });
  it('only work-based learning → 1 type < 2 → not met', () => {
    const r2 = reviewForBody([records[0]!, records[4]!], rs, { period: parsePeriod(rs, '2023-09-01..2025-08-31') });
    expect(crit(r2, 'category_spread').outcome).toBe('not_met');
  });
});

describe('RIBA: Elowen Strachan-Achebe 2024, learning points', () => {
  const rs = ruleSetFor('riba');
  const period = periodFor(rs, { year: 2024 });
  const base = Array.from({ length: 24 }, (_, i) => rec({ name: `Practice seminar ${i + 1}`, date: `2024-${String((i % 12) + 1).padStart(2, '0')}-15`, hours: 4 }));
  it('24 × 4 = 96 points < 100 → not met, 4 short', () => {
    const r = reviewForBody(base, rs, { period });
    expect(crit(r, 'points').summary).toBe('96 points in 2024 from 24 activities; 100 required: 4 short');
    expect(crit(r, 'points').outcome).toBe('not_met');
  });
  it('96 + 2 + 2 = 100 → met', () => {
    const r = reviewForBody([...base, rec({ name: 'CPD reading A', date: '2024-11-01', hours: 2 }), rec({ name: 'CPD reading B', date: '2024-11-02', hours: 2 })], rs, { period });
    expect(crit(r, 'points').outcome).toBe('met');
  });
  it('an activity awarded 6 points (above the 1–4 a RIBA activity may carry) → not assessable', () => {
    const r = reviewForBody([...base, rec({ name: 'Study tour', date: '2024-06-01', hours: 6 })], rs, { period });
    expect(crit(r, 'points').summary).toBe('102 points in 2024 from 25 activities; 100 required; 1 activity outside 1–4 points each: check them');
    expect(crit(r, 'points').outcome).toBe('not_assessable');
  });
});

describe('Engineers Australia: Callum Reyes-Whitford, 2022–2024 (caps unconfirmed)', () => {
  const rs = ruleSetFor('engineers-australia');
  const records = [
    rec({ name: 'Design reviews on the job', type: 'Workplace', date: '2023-06-30', hours: 80 }),
    rec({ name: 'Risk management course', type: 'Course', date: '2023-09-12', hours: 12 }),
    rec({ name: 'Project management and finance seminar', type: 'Course', date: '2024-03-04', hours: 16 }),
    rec({ name: 'Private study: code updates', type: 'Private study', date: '2024-08-19', hours: 40 }),
  ];
  const r = reviewForBody(records, rs, { period: periodFor(rs, { year: 2024 }) });
  it('workplace 80 h, capped at 75: 75 + 12 + 16 + 40 = 143 h < 150 → not met, 7 h short; the cap says it is unconfirmed', () => {
    expect(crit(r, 'type_caps').summary).toBe("Workplace 80 h, 5 h over its cap of 75 h not counted (figure unconfirmed: found only on a third party's copy of the rules)");
    expect(crit(r, 'type_caps').unconfirmed).toBe(true);
    expect(crit(r, 'hours').summary).toBe('143 h of completed CPD in 2022-01-01 to 2024-12-31 from 4 activities (5 h over the caps per type not counted); 150 h required: 7 h short');
  });
  it('risk management 12 h ≥ 10 → met; business and management 16 h ≥ 15 → met', () => {
    expect(crit(r, 'topic_hours:risk management').figures.hours).toBe(12);
    expect(crit(r, 'topic_hours:business and management').figures.hours).toBe(16);
    expect(outcomes(r)).toEqual({ type_caps: 'met', hours: 'not_met', 'topic_hours:area of practice': 'not_assessable', 'topic_hours:risk management': 'met', 'topic_hours:business and management': 'met' });
  });
  it('the area of practice cannot be told from a name: without a column of its hours → not assessable, the member asked', () => {
    expect(crit(r, 'topic_hours:area of practice').summary).toBe('0 h on area of practice in 2022-01-01 to 2024-12-31; 50 h required; the log gives no hours on area of practice and an activity\'s name cannot show them: ask the member');
  });
  it('hours allocated in columns as the Engineers Australia record asks ("Area of practice (h)", "Risk management (h)"): 40 + 6 + 8 = 54 h in the area of practice → met; risk management 4 + 3 = 7 h < 10 → not met', () => {
    const allocated = [
      rec({ name: 'Design reviews on the job', type: 'Workplace', date: '2023-06-30', hours: 60, extras: { 'Area of practice (h)': '40', 'Risk management (h)': '4' } }),
      rec({ name: 'Geotechnical course', type: 'Course', date: '2023-09-12', hours: 12, extras: { 'Area of practice (h)': '6', 'Risk management (h)': '3' } }),
      rec({ name: 'Slope stability reading', type: 'Private study', date: '2024-08-19', hours: 8, extras: { 'Area of practice (h)': '8' } }),
    ];
    const a = reviewForBody(allocated, rs, { period: periodFor(rs, { year: 2024 }) });
    expect(crit(a, 'topic_hours:area of practice').summary).toBe("54 h on area of practice in 2022-01-01 to 2024-12-31 (read from the log's column of area of practice hours for 3 activities); 50 h required");
    // The course's name says nothing of risk: the column's 3 h count, not its 12 h.
    expect([crit(a, 'topic_hours:risk management').outcome, crit(a, 'topic_hours:risk management').figures.hours]).toEqual(['not_met', 7]);
  });
});

describe('the other bodies', () => {
  it('Engineers Ireland: Cathal Brennan 12 + 12 + 11 = 35 h ≥ 35 → met; the declaration cannot be read → overall not assessable', () => {
    const rs = ruleSetFor('engineers-ireland');
    const r = reviewForBody([rec({ name: 'Bridge inspection course', date: '2024-03-01', hours: 12 }), rec({ name: 'Water treatment seminar', date: '2024-06-01', hours: 12 }), rec({ name: 'Mentoring graduates', date: '2024-09-01', hours: 11 })], rs, { period: periodFor(rs, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ hours: 'met', declaration: 'not_assessable' });
    expect(r.overall).toBe('not_assessable');
  });
  it('Engineers Ireland: 12 + 12 = 24 h → not met, 11 h short; with a third activity of no hours → not assessable (it could make up the 11 h)', () => {
    const rs = ruleSetFor('engineers-ireland');
    const two = [rec({ name: 'Bridge inspection course', date: '2024-03-01', hours: 12 }), rec({ name: 'Water treatment seminar', date: '2024-06-01', hours: 12 })];
    expect(crit(reviewForBody(two, rs, { period: periodFor(rs, { year: 2024 }) }), 'hours').summary).toBe('24 h of completed CPD in 2024 from 2 activities; 35 h required: 11 h short');
    const c = crit(reviewForBody([...two, rec({ name: 'Mentoring graduates', date: '2024-09-01', hours: null })], rs, { period: periodFor(rs, { year: 2024 }) }), 'hours');
    expect([c.outcome, c.summary]).toEqual(['not_assessable', '24 h of completed CPD in 2024 from 3 activities; 35 h required; 11 h short, but 1 activity has no hours or no date: correct them to decide']);
  });
  it('ICE: 18 + 6 h and a site visit of no hours → hours not assessable; a reflection missing → record not met', () => {
    const rs = ruleSetFor('ice');
    const r = reviewForBody([rec({ name: 'Flood risk modelling course', date: '2024-02-01', hours: 18 }), rec({ name: 'Tunnel site visit', date: '2024-05-01', hours: null, reflection: null })], rs, { period: periodFor(rs, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ hours: 'not_assessable', plan: 'not_met', record_fields: 'not_met' });
    expect(crit(r, 'record_fields').summary).toBe('activities in 2024 recording the activity 2 of 2, a date 2 of 2, a reflection 1 of 2');
  });
  it('IStructE: 20 h and a 6 h course without a date (the year cannot be told) → hours not assessable; health and safety 0 of 6 h → not met', () => {
    const rs = ruleSetFor('istructe');
    const r = reviewForBody([rec({ name: 'Timber design course', date: '2024-04-01', hours: 20 }), { ...rec({ name: 'Concrete repair course', date: '2024-05-01', hours: 6 }), startDate: null, endDate: null }], rs, { period: periodFor(rs, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ hours: 'not_assessable', 'topic_hours:health and safety': 'not_met', mandated_topics: 'not_met' });
    expect(r.counts).toEqual({ records: 2, inPeriod: 1, completed: 1, otherPeriods: 0, undated: 1, duplicates: 0 });
  });
  it('IMechE: no activity in the year → reflections not assessable; objectives in the log → plan met', () => {
    const rs = ruleSetFor('imeche');
    const r = reviewForBody([{ ...rec({ name: 'Gearbox failure analysis', date: '2023-02-01', hours: 10 }), objective: 'Lead failure investigations' }], rs, { period: periodFor(rs, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ plan: 'met', reflection: 'not_assessable' });
    expect(crit(r, 'plan').summary).toBe('plan found: 0 planned entries, 1 objective');
  });
  it('Science Council: 2 types of learning < 3 → not met; with an activity of no type that could be a third → not assessable', () => {
    const sc = ruleSetFor('science-council');
    const two = [rec({ name: 'Gearbox failure analysis', type: 'Work-based', date: '2024-02-01', hours: 10 }), rec({ name: 'Thermodynamics refresher course', type: 'Course', date: '2024-04-01', hours: 12 })];
    const r = reviewForBody(two, sc, { period: periodFor(sc, { year: 2024 }) });
    expect([crit(r, 'category_spread').outcome, crit(r, 'category_spread').summary]).toEqual(['not_met', '2 types of learning in 2024 (Work-based learning 1, Formal / educational 1); at least 3 required']);
    const r2 = reviewForBody([...two, rec({ name: 'Lab safety induction', date: '2024-05-01', hours: 2 })], sc, { period: periodFor(sc, { year: 2024 }) });
    expect(crit(r2, 'category_spread').outcome).toBe('not_assessable');
  });
  it('CIPD: 30 h → met (the figure said to be unconfirmed); 20 h and an activity with no hours → not assessable', () => {
    const cipd = ruleSetFor('cipd');
    const thirty = [rec({ name: 'Employment law update', date: '2024-02-01', hours: 14 }), rec({ name: 'Coaching skills course', date: '2024-06-01', hours: 16 })];
    const r = reviewForBody(thirty, cipd, { period: periodFor(cipd, { year: 2024 }) });
    expect(outcomes(r)).toEqual({ hours: 'met', reflection: 'met' });
    expect(crit(r, 'hours').unconfirmed).toBe(true);
    const r2 = reviewForBody([thirty[0]!, rec({ name: 'HR analytics reading', date: '2024-03-01', hours: 6 }), rec({ name: 'Mentoring a new adviser', date: '2024-09-01', hours: null })], cipd, { period: periodFor(cipd, { year: 2024 }) });
    expect(crit(r2, 'hours').outcome).toBe('not_assessable');
  });
  it('ICE: Ruth Adebayo-Marsh 24 h < 30 h (5 days of 6 h) → not met; no Development Action Plan → not met; with a planned objective → plan met', () => {
    const rs = ruleSetFor('ice');
    const acts = [rec({ name: 'Flood risk modelling course', date: '2024-02-01', hours: 18 }), rec({ name: 'Tunnel site visit', date: '2024-05-01', hours: 6 })];
    const r = reviewForBody(acts, rs, { period: periodFor(rs, { year: 2024 }) });
    expect(crit(r, 'hours').summary).toBe('24 h of completed CPD in 2024 from 2 activities; 30 h required (6 h = 1 day): 6 h short');
    expect(outcomes(r)).toEqual({ hours: 'not_met', plan: 'not_met', record_fields: 'met' });
    const r2 = reviewForBody([...acts, rec({ name: 'Chartership review preparation', date: '2025-03-01', status: 'planned' })], rs, { period: periodFor(rs, { year: 2024 }) });
    expect(crit(r2, 'plan').summary).toBe('plan found: 1 planned entry, 0 objectives');
  });
  it('IMechE, Science Council and CIPD: Joanna Ferreira-Quist 2024 — three types of learning and good reflections', () => {
    const acts = [rec({ name: 'Gearbox failure analysis', type: 'Work-based', date: '2024-02-01', hours: 10 }), rec({ name: 'Thermodynamics refresher course', type: 'Course', date: '2024-04-01', hours: 12 }), rec({ name: 'Reading on additive manufacturing', type: 'Self-directed', date: '2024-07-01', hours: 5 })];
    const sc = ruleSetFor('science-council');
    expect(outcomes(reviewForBody(acts, sc, { period: periodFor(sc, { year: 2024 }) }))).toEqual({ category_spread: 'met', reflection: 'met' });
    const im = ruleSetFor('imeche');
    expect(outcomes(reviewForBody(acts, im, { period: periodFor(im, { year: 2024 }) }))).toEqual({ plan: 'not_met', reflection: 'met' });
    const cipd = ruleSetFor('cipd');
    const r = reviewForBody(acts, cipd, { period: periodFor(cipd, { year: 2024 }) });
    expect(crit(r, 'hours').summary).toBe("27 h of completed CPD in 2024 from 3 activities; 30 h required: 3 h short (figure unconfirmed: found only on a third party's copy of the rules)");
  });
});
