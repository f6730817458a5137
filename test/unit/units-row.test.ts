/**
 * A row of formats, units or choices under the header (map.ts `isUnitsRow`): a second header row, not an activity.
 */
import { describe, expect, it } from 'vitest';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import type { Cell, ExtractedTable } from '../../src/pipeline/types.js';

function run(rows: Cell[][]) {
  const table: ExtractedTable = { name: 'record.csv', rows: rows.map((cells, i) => ({ index: i + 1, cells })), a1Refs: true };
  return recordsFromExtraction({ tables: [table], blocks: [], gaps: [] }, 'record.csv', { today: '2026-11-29' });
}

describe('a units row under the header', () => {
  it('is passed over with a note naming its cells; the rows under it are read', () => {
    const out = run([
      ['CPD Record 2026 – Siobhán Keane, Solicitor'],
      ['Date', 'Course / activity title', 'Category', 'Method', 'Hours'],
      ['(dd/mm/yyyy)', '', '(MPDS / Regulatory / General)', '(Group study / eLearning / Self-study)', '(hh:mm)'],
      ['14/01/2026', 'Conveyancing update 2026', 'General', 'Group study', '2:30'],
      ['09/02/2026', 'AML refresher', 'Regulatory Matters', 'eLearning', '1:00'],
    ]);
    expect(out.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Conveyancing update 2026', '2026-01-14', 2.5],
      ['AML refresher', '2026-02-09', 1],
    ]);
    expect(out.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      'record.csv row 3 under the header gives the columns\' formats, units or choices ("(dd/mm/yyyy)", "(MPDS / Regulatory / General)", "(Group study / eLearning / Self-study)", "(hh:mm)"), not an activity',
    ]);
  });

  it('a survey tool’s row of answer kinds under the questions (SurveyMonkey) is a second header row', () => {
    const out = run([
      ['Respondent ID', 'Title of the activity', 'Date of the activity', 'How many hours?', 'What did you learn?'],
      ['', 'Response', 'Response', 'Open-Ended Response', 'Open-Ended Response'],
      ['114052', 'Cyber security for OT networks', '21/01/2026', '3', 'Zoning and conduits.'],
    ]);
    expect(out.records.map((r) => r.activityName)).toEqual(['Cyber security for OT networks']);
    expect(out.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      'record.csv row 2 under the header names the kind of answer under each question ("Response", "Open-Ended Response"), a survey tool\'s second header row, not an activity',
    ]);
  });

  it('a first activity with a bracketed note among real values is an activity', () => {
    const out = run([
      ['Date', 'Activity', 'Hours'],
      ['14/01/2026', '(Online) Conveyancing update', '2'],
    ]);
    expect(out.records.map((r) => r.activityName)).toEqual(['(Online) Conveyancing update']);
  });
});
