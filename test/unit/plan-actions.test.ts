/**
 * Development plans that list their actions under each objective (Word bullets under "Objective 1: …", or under a
 * question heading "How will I address it?"), with the target inside the action's sentence or under "When?":
 * one planned record per action (extract/blocks.ts expandActions, normalise/prose-date.ts, map/meaning.ts).
 */
import { describe, expect, it } from 'vitest';
import { blocksFromParas, type Para } from '../../src/pipeline/extract/blocks.js';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import { readHeading } from '../../src/pipeline/map/meaning.js';
import { dateInSentence } from '../../src/pipeline/normalise/prose-date.js';

let n = 0;
const para = (text: string, kind: Para['kind'] = 'para'): Para => ({ text, kind, ref: `paragraph ${++n}` });
const item = (text: string): Para => ({ ...para(text), item: true });

function read(paras: Para[]) {
  const blocks = blocksFromParas(paras);
  const out = recordsFromExtraction({ text: paras.map((p) => p.text).join('\n'), tables: [], blocks: blocks.blocks, gaps: blocks.gaps }, 'plan.docx', { today: '2026-11-29' });
  return { ...out, records: out.records.map((r) => [r.activityName, r.objective, r.targetDate, r.status]) };
}

describe('dateInSentence', () => {
  it('finds the one month or day a sentence names, "the end of" a month as its last day', () => {
    expect(dateInSentence('Complete the assessor course by March 2027')?.date.start).toBe('2027-03');
    expect(dateInSentence('Assess two students before the end of June 2027')).toEqual({ text: 'end of June 2027', date: expect.objectContaining({ start: '2027-06-30' }) });
    expect(dateInSentence('Audit our dressing choices by 31 July 2027')?.date.start).toBe('2027-07-31');
    expect(dateInSentence('Shadow the ward manager when staffing allows')).toBeNull();
    expect(dateInSentence('Between March 2027 and May 2027')).toBeNull();
    expect(dateInSentence('Finish in 2027')).toBeNull();
  });
});

describe('plan headings read by their words', () => {
  it('"How will I …?" asks for the planned actions; "How will I know …?" for a measure of success', () => {
    expect(readHeading('How will I address it?')).toMatchObject({ field: 'activityName', score: 0.75, coverage: 1 });
    expect(readHeading('How will I know I’ve succeeded?')).toMatchObject({ field: null, what: 'a measure of success' });
    expect(readHeading('How will I apply this?')?.field).toBe('reflection');
  });
  it('a development, growth or focus area is the objective; a subject area is not', () => {
    for (const h of ['Growth area', 'Area for development', 'Development areas', 'Focus area']) expect(readHeading(h)?.field, h).toBe('objective');
    expect(readHeading('Subject area')?.field).toBe('activityName');
  });
});

describe('actions listed under an objective', () => {
  it('bullets under "Objective n: …" are one planned action each, the target from the sentence', () => {
    const out = read([
      para('Development plan 2027', 'heading'),
      para('Agreed at my appraisal on 16 November 2026'),
      para('Objective 1: Become a practice assessor', 'heading'),
      item('Complete the practice assessor preparation course by March 2027'),
      item('Assess two students before the end of June 2027'),
      para('Objective 2: Develop as a leader', 'heading'),
      item('Shadow the ward manager for a week when staffing allows'),
    ]);
    expect(out.records).toEqual([
      ['Complete the practice assessor preparation course by March 2027', 'Become a practice assessor', '2027-03', 'planned'],
      ['Assess two students before the end of June 2027', 'Become a practice assessor', '2027-06-30', 'planned'],
      ['Shadow the ward manager for a week when staffing allows', 'Develop as a leader', null, 'planned'],
    ]);
    expect(out.fileGaps.map((g) => g.message)).toEqual([
      'the document: the text at paragraph 1 ("Agreed at my appraisal on 16 November 2026") introduces the plan\'s objectives, and is not an action',
    ]);
  });

  it('question headings as labels: actions under "How will I address it?", their target under "When?"', () => {
    const out = read([
      para('Growth area 1: Questioning that stretches students', 'heading'),
      para('How will I address it?', 'heading'),
      item('Observe two colleagues'),
      item('Read the chapter on questioning'),
      para('When?', 'heading'),
      para('By the end of January 2027'),
      para('How will I know I’ve succeeded?', 'heading'),
      para('Lesson observations show more open questions.'),
      para('Growth area 2: Using assessment data', 'heading'),
      para('How will I address it?', 'heading'),
      item('Complete the data literacy course'),
      para('When?', 'heading'),
      para('Q1 2027'),
    ]);
    expect(out.records).toEqual([
      ['Observe two colleagues', 'Questioning that stretches students', '2027-01-31', 'planned'],
      ['Read the chapter on questioning', 'Questioning that stretches students', '2027-01-31', 'planned'],
      ['Complete the data literacy course', 'Using assessment data', '2027-03', 'planned'],
    ]);
    expect(out.mapping[0]!.columns.map((c) => [c.heading, c.field])).toEqual([
      ['Growth area 1', 'objective'],
      ['When?', 'targetDate'],
      ['How will I know I’ve succeeded?', null],
      ['How will I address it?', 'activityName'],
      ['Growth area 2', 'objective'],
    ]);
  });
});
