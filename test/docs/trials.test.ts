/**
 * Layouts found by trying the importer as a new user would, on Word and PDF logs made afresh (not in the shapes
 * of the first fixtures). Each one once gave a wrong or missing value; the fixtures reproduce them
 * (fixtures/docx/make.mjs 7–9, fixtures/pdf/make.mjs 8–9) and the values are checked field by field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fields, imp } from './helpers.js';

const base = { targetDate: null, skillType: null, objective: null, status: 'completed', description: null, ukSpec: [], activityType: null } as const;

describe('alt-headings.docx: "Activity / event" and other headings with alternatives', async () => {
  const res = await imp('fixtures/docx/alt-headings.docx');
  it('maps "Activity / event" to the activity name (it went to extras, every record missing its name)', () => {
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field])).toEqual([
      ['No.', null],
      ['Date(s)', 'startDate'],
      ['Activity / event', 'activityName'],
      ['Provider', null],
      ['CPD hours', 'hours'],
      ['Learning outcome', 'reflection'],
    ]);
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Lightning protection design', twaves: null, startDate: '2024-03-03', endDate: '2024-03-03', hours: 1.5, reflection: 'BS EN 62305 risk assessment steps.' },
      { ...base, activityName: 'Protection & control conference', twaves: 'E', startDate: '2024-06-12', endDate: '2024-06-14', hours: 18, reflection: 'Process bus architectures are now common.' },
      { ...base, activityName: 'Reading: Electrical Review articles', twaves: 'S', startDate: '2024-01', endDate: '2024-01', hours: 1.5, reflection: 'Kept up with the BS 7671 changes.' },
      { ...base, activityName: 'Toolbox talk delivered to site team', twaves: null, startDate: '2024-11-21', endDate: '2024-11-21', hours: 3, reflection: 'Presenting to fitters needs short sentences.' },
    ]);
    expect(res.records[0]!.extras).toEqual({ 'No.': '1', Provider: 'IET Academy' });
    expect(res.records[3]!.gaps.find((g) => g.field === 'hours')).toMatchObject({ code: 'converted', raw: '½ day' });
  });
});

describe('lv-titled.docx: label/value tables with a merged title row', async () => {
  const res = await imp('fixtures/docx/lv-titled.docx');
  it('takes the title row as the block heading (it was read as a label and reported as a preamble block)', () => {
    expect(res.fileGaps).toEqual([]);
    expect(res.records.map((r) => [r.source.block, r.source.table, r.activityName, r.activityType, r.startDate, r.hours, r.reflection])).toEqual([
      ['Activity 1', 1, 'Cyber security for OT networks', 'E-learning', '2024-02-14', 4, 'Network segmentation per IEC 62443 zones.'],
      ['Activity 2', 2, 'IET Present Around the World heat', 'Volunteering', '2024-05-09', 3, 'Judging talks taught me what makes a clear slide.'],
    ]);
  });
});

describe('plain-blocks.docx: a plain title line before each activity\'s labels', async () => {
  const res = await imp('fixtures/docx/plain-blocks.docx');
  it('names each activity by its title line (the next title was appended to the reflection before)', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Fire risk assessment refresher', activityType: 'Course', twaves: 'T', startDate: '2024-02-07', endDate: '2024-02-07', hours: 3, reflection: 'Compartmentation surveys need photos of every penetration.' },
      { ...base, activityName: 'Mentoring an apprentice electrician', activityType: 'Volunteering', twaves: 'V', startDate: '2024-03-15', endDate: '2024-04-30', hours: 6, reflection: 'Weekly check-ins worked better than monthly ones.' },
    ]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', raw: '7 February' });
  });
});

describe('side-labels.pdf: labels side by side on one line, a preamble before the first activity', async () => {
  const res = await imp('fixtures/pdf/side-labels.pdf');
  it('does not fold the first activity into the preamble (it was named "CPD Record 2024")', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Offshore wind O&M seminar', activityType: 'Seminar', twaves: 'E', startDate: '2024-03-12', endDate: '2024-03-12', hours: 2, reflection: 'Blade inspections by drone are cutting downtime; I will look at drone surveys for our substations next year as part of the asset plan.' },
      { ...base, activityName: 'Power quality measurement course', activityType: 'Course', twaves: 'T', startDate: '2024-04-19', endDate: '2024-04-19', hours: 7, reflection: 'Class A meters per IEC 61000-4-30; our portable meters are class S only.' },
    ]);
    expect(res.records[0]!.source.cells).toMatchObject({ startDate: 'page 1, line 4', hours: 'page 1, line 4', activityType: 'page 1, line 4', reflection: 'page 1, line 5' });
  });
});

describe('centred-headings.pdf: headings centred over wider columns, one wrapped over two lines', async () => {
  const res = await imp('fixtures/pdf/centred-headings.pdf');
  it('finds the columns from the gutters of the data (no table was found before)', () => {
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field])).toEqual([
      ['Date attended', 'startDate'],
      ['Course / event title', 'activityName'],
      ['Time spent', 'hours'],
      ['What did you learn and how will you apply it?', 'reflection'],
    ]);
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.reflection])).toEqual([
      ['Introduction to machine learning for engineers', '2024-03-04', 6, 'How to validate models on held-out data; I will use it for load forecasting.'],
      ['Site safety induction', '2024-03-28', 0.5, 'Exclusion zones around the crane.'],
      ['Battery storage fire safety webinar', '2024-05-02', 1, 'Thermal runaway propagates between racks faster than I thought; spacing matters.'],
    ]);
  });
});

describe('row-notes.docx: a "Reflection: …" row merged across the table under each activity', async () => {
  const res = await imp('fixtures/docx/row-notes.docx');
  it('attaches each note to the activity above (each note was a bogus record of its own)', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.reflection, r.source.row])).toEqual([
      ['Switchgear maintenance course', '2024-01-16', 7, 'Vacuum interrupters need a different test regime from SF6 breakers.', 2],
      ['Lecture: HVDC interconnectors', '2024-02-20', 1.5, 'Converter losses dominate at low load.', 4],
    ]);
    expect(res.mapping[0]!.columns.map((c) => `${c.heading}=${c.field}`)).toEqual(['Date=startDate', 'Activity=activityName', 'Type=activityType', 'Hours=hours', 'Reflection=reflection']);
  });
});

describe('transposed.docx: labels down the first column, one activity per column', async () => {
  const res = await imp('fixtures/docx/transposed.docx');
  it('gives one record per column (it gave one record mixing all three)', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Cable fault location course', activityType: 'Course', twaves: 'T', startDate: '2024-03-04', endDate: '2024-03-04', hours: 6, reflection: 'TDR traces need practice to read.' },
      { ...base, activityName: 'Mentoring two apprentices', activityType: 'Volunteering', twaves: 'V', startDate: '2024-05-01', endDate: '2024-06-30', hours: 8, reflection: 'Explaining why, not just how.' },
      { ...base, activityName: 'IET lecture on fusion', activityType: 'Event', twaves: 'E', startDate: '2024-09-18', endDate: '2024-09-18', hours: 1.5, reflection: 'Tritium breeding is the hard part.' },
    ]);
    expect(res.records[1]!.source.cells?.startDate).toBe('table 1, row 2, column 3');
  });
});

describe('chrome-report.pdf: a bordered table printed by Chromium over two pages', async () => {
  const res = await imp('fixtures/pdf/chrome-report.pdf');
  const expected = JSON.parse(readFileSync('fixtures/pdf/chrome-report.expected.json', 'utf8')) as Array<Record<string, unknown>>;
  it('keeps right-aligned hours out of the reflection 7 pt to their right (they were read as "3 Understood …")', () => {
    expect(res.records).toHaveLength(36);
    res.records.forEach((r, i) => {
      const e = expected[i]!;
      expect({ activityName: r.activityName, activityType: r.activityType, startDate: r.startDate, hours: r.hours, reflection: r.reflection }).toEqual(e);
    });
    expect(res.records[35]!.source.page).toBe(2);
    // the "Total hours: 132" paragraph under the table is no activity
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([expect.stringContaining('"CPD Record 2024"')]);
  });
});

describe('chrome-blocks.pdf: numbered headings, bold labels, a question as a label', async () => {
  const res = await imp('fixtures/pdf/chrome-blocks.pdf');
  it('reads "What did I learn?" as the reflection label (it was appended to the category) and drops the heading numbers', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Harmonic filter design workshop', activityType: null, twaves: 'T', startDate: '2023-11-14', endDate: '2023-11-14', hours: 6, reflection: 'Passive filters can resonate with the network impedance; always run a frequency scan.' },
      { ...base, activityName: 'Reading the ENA G5/5 engineering recommendation', activityType: null, twaves: 'S', startDate: '2023-12-02', endDate: '2023-12-02', hours: 2.5, reflection: 'The planning levels changed from G5/4.' },
    ]);
    expect(res.records.map((r) => r.source.block)).toEqual(['1. Harmonic filter design workshop', '2. Reading the ENA G5/5 engineering recommendation']);
    expect(res.records[0]!.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', raw: '14 November' });
  });
});
