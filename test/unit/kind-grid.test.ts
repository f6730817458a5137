/**
 * Plans laid out by kind of learning (src/pipeline/map/kind-grid.ts; trial 6: a 70-20-10 plan read as one record).
 * Fictional architect and surveyor.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

const table = (rows: Cell[][]): ExtractedTable => ({ name: 'Plan', sheet: 'Plan', rows: rows.map((cells, i) => ({ index: i + 1, cells })) });
const run = (rows: Cell[][]) => recordsFromExtraction({ tables: [table(rows)], blocks: [], gaps: [] }, 'plan.xlsx', { today: '2026-11-29' });

describe('a plan with one column per kind of learning', () => {
  it('reads each filled kind cell as a planned activity of that kind, the row\'s goal, target and measure shared', () => {
    const res = run([
      ['Development plan 2027 – Tomasz Nowak'],
      [],
      ['Development goal', '70% – Experience (on the job)', '20% – Exposure (learning from others)', '10% – Education (formal)', 'Target date', 'Success measure'],
      ['Run client workshops', 'Facilitate the Q1 briefing workshop', 'Shadow Ana at two workshops', 'Facilitation skills course', '2027-04-30', 'Client feedback 4/5'],
      ['Commercial awareness', 'Prepare one fee proposal', '', 'APM Project Fundamentals', 'by end of Q4 2027', 'Proposal accepted'],
    ]);
    expect(res.records.map((r) => [r.activityName, r.activityType, r.objective, r.targetDate, r.status, r.extras['Success measure'] ?? null])).toEqual([
      ['Facilitate the Q1 briefing workshop', '70% – Experience (on the job)', 'Run client workshops', '2027-04-30', 'planned', 'Client feedback 4/5'],
      ['Shadow Ana at two workshops', '20% – Exposure (learning from others)', 'Run client workshops', '2027-04-30', 'planned', 'Client feedback 4/5'],
      ['Facilitation skills course', '10% – Education (formal)', 'Run client workshops', '2027-04-30', 'planned', 'Client feedback 4/5'],
      ['Prepare one fee proposal', '70% – Experience (on the job)', 'Commercial awareness', '2027-12-31', 'planned', 'Proposal accepted'],
      ['APM Project Fundamentals', '10% – Education (formal)', 'Commercial awareness', '2027-12-31', 'planned', 'Proposal accepted'],
    ]);
    expect(res.records[0]!.source).toMatchObject({ sheet: 'Plan' });
    expect(res.fileGaps.find((g) => g.code === 'inferred')?.message).toBe(
      'sheet \'Plan\' is a plan laid out by kind of learning (goals down the first column, one column per kind: "70% – Experience (on the job)", "20% – Exposure (learning from others)", "10% – Education (formal)"): each filled cell was read as a planned activity of that kind',
    );
  });

  it('reads a plan with a column per TWAVES category the same way', () => {
    const res = run([
      ['Learning need', 'Training', 'Work-based', 'Self-study', 'By when'],
      ['Grid code compliance', 'G99 workshop (IET)', 'Witness a BESS commissioning test', 'Read the G99 guidance notes', 'June 2027'],
    ]);
    expect(res.records.map((r) => [r.activityName, r.twaves, r.objective, r.targetDate])).toEqual([
      ['G99 workshop (IET)', 'T', 'Grid code compliance', '2027-06'],
      ['Witness a BESS commissioning test', 'W', 'Grid code compliance', '2027-06'],
      ['Read the G99 guidance notes', 'S', 'Grid code compliance', '2027-06'],
    ]);
  });

  it('leaves a plan whose columns are means, resources and measures, not kinds, to the table reader', () => {
    const res = run([
      ['Development objective', 'How I\'ll get there', 'Resources / support', 'How I\'ll know I\'ve succeeded', 'By when'],
      ['Chartered status (CEng)', 'Write the competence report', 'IET mentor', 'Application submitted', 'March 2027'],
      ['Better report writing', 'Attend a technical writing course', 'Training budget', 'Manager feedback on two reports', 'ongoing'],
    ]);
    expect(res.records.map((r) => r.objective)).toEqual(['Chartered status (CEng)', 'Better report writing']);
  });

  it('leaves a plan that heads its activity column as such to the table reader', () => {
    const res = run([
      ['Objective', 'Planned activity', 'Resources', 'Target date'],
      ['Chartership', 'APC final assessment preparation course', 'RICS online library', '2027-03-31'],
      ['Valuation skills', 'Red Book update webinar', 'Firm training budget', '2027-05-31'],
    ]);
    expect(res.records.map((r) => [r.activityName, r.objective, r.extras.Resources])).toEqual([
      ['APC final assessment preparation course', 'Chartership', 'RICS online library'],
      ['Red Book update webinar', 'Valuation skills', 'Firm training budget'],
    ]);
  });
});
