/**
 * Headings read by their words (src/pipeline/map/meaning.ts, words.ts): headings no synonym list foresaw, as found
 * in real exports and trackers (issue 9 scope 1).
 */
import { classifyLabel } from '../../src/pipeline/extract/blocks.js';
import { describe, expect, it } from 'vitest';
import { conceptsOf, listsTwaves, readHeading, readsAsClause } from '../../src/pipeline/map/meaning.js';
import { headingWords, splitCase, stem } from '../../src/pipeline/map/words.js';
import { matchHeading } from '../../src/pipeline/headings.js';

describe('words of a heading', () => {
  it.each([
    ['finishedAt', 'finished At'],
    ['courseName', 'course Name'],
    ['CPDHours', 'CPD Hours'],
    ['courseID', 'course ID'],
  ])('splitCase(%j) → %j', (input, out) => {
    expect(splitCase(input)).toBe(out);
  });

  it('keeps a bracketed note apart, marks abbreviations and questions', () => {
    expect(headingWords('Date finished (if finished)')).toEqual({
      words: ['date', 'finished'], note: ['if', 'finished'], noteTexts: ['if finished'], abbreviated: new Set(), question: false,
    });
    expect(headingWords('time_spent_seconds').words).toEqual(['time', 'spent', 'seconds']);
    expect(headingWords('Comments & learning').words).toEqual(['comments', 'and', 'learning']);
    expect(headingWords('Categ.').abbreviated).toEqual(new Set(['categ']));
    expect(headingWords('When?').question).toBe(true);
  });

  it.each([
    ['completed', 'complet'], ['completion', 'complet'], ['reflections', 'reflect'], ['reflective', 'reflect'],
    ['hours', 'hour'], ['activities', 'activit'], ['hrs', 'hrs'], ['dt', 'dt'],
  ])('stem(%j) = %j', (word, s) => {
    expect(stem(word)).toBe(s);
  });

  it('expands an abbreviation by prefix only when written with a full stop or standing alone', () => {
    expect(conceptsOf('refl', true)).toEqual(['reflect']);
    expect(conceptsOf('desc', false, true)).toEqual(['describe']);
    expect(conceptsOf('over', false, false)).toEqual([]);
    expect(conceptsOf('needed')).toEqual([]);
  });
});

describe('readHeading: field, score and reason from the words', () => {
  it.each([
    // two fields in one heading, word order and small words
    ['Outcome and next steps', 'reflection', 0.85],
    ['Comments & learning', 'reflection', 0.75],
    ['Name of event', 'activityName', 0.85],
    ['Event name', 'activityName', 0.85],
    ['Hours of CPD', 'hours', 0.9],
    ['Date of completion', 'endDate', 0.9],
    // abbreviations
    ['Categ.', 'activityType', 0.8],
    ['Dur.', 'hours', 0.9],
    ['Refl.', 'reflection', 0.85],
    // database and program styles
    ['activity_dt', 'startDate', 0.85],
    ['finishedAt', 'endDate', 0.9],
    ['completedAt', 'endDate', 0.9],
    ['courseName', 'activityName', 0.85],
    ['time_spent_seconds', 'hours', 0.9],
    ['durationMins', 'hours', 0.9],
    // notes in brackets
    ['Date finished (if finished)', 'endDate', 0.9],
    ['Learning time (hours)', 'hours', 0.8],
    // headings that list the TWAVES categories
    ['Category (Training, Work, Academic, Voluntary, Events, Self-study)', 'twaves', 0.95],
    ['T/W/A/V/E/S', 'twaves', 0.95],
    // questions
    ['When?', 'startDate', 0.85],
    ['How long?', 'hours', 0.8],
    ['What did you learn?', 'reflection', 0.85],
    ['What did you do?', 'description', 0.75],
    // a plan's question asks for the planned action (SMART columns: "Specific: what will I do?")
    ['Specific: what will I do?', 'activityName', 0.75],
    ['What are you going to do?', 'activityName', 0.75],
    ['What do I want to learn?', 'objective', 0.85],
    // the reflective model's questions
    ['What?', 'description', 0.75],
    ['So what?', 'reflection', 0.8],
    ['Now what?', 'reflection', 0.8],
    // plans
    ['Actions to achieve goal', 'activityName', 0.75],
    ['By when', 'targetDate', 0.9],
    ['Key points', 'reflection', 0.7],
    ['CPD points', 'hours', 0.9],
  ] as const)('%j → %s (%d)', (heading, field, score) => {
    const r = readHeading(heading);
    expect([r?.field, r?.score]).toEqual([field, score]);
  });

  it.each([
    ['Course ID', 'an identifier'],
    ['Instructor name', 'a person'],
    ['Course URL', 'a link'],
    ['Provider', 'a provider or organisation'],
    ['Delivered by', 'a provider or organisation'],
    ['Cost (£)', 'a cost'],
    ['Amount (£)', 'a cost'],
    ['Job title', 'a person'],
    ['Last viewed', 'a record-keeping detail (enrolment, views, updates, expiry), not the activity'],
    ['createdAt', 'a record-keeping detail (enrolment, views, updates, expiry), not the activity'],
  ])('%j names no record field: %s', (heading, what) => {
    expect(readHeading(heading)).toMatchObject({ field: null, what });
  });

  it('says why, and how much of the heading it understood', () => {
    expect(readHeading('Date finished (if finished)')).toEqual({
      field: 'endDate', score: 0.9, reason: 'heading words: "date" + "finished" → end date', coverage: 1, fieldsNamed: 1,
    });
    expect(readHeading('systems thinking and learning')).toMatchObject({ field: 'activityName', coverage: 1 / 3 });
    expect(readHeading('Hours Reflection')).toMatchObject({ field: 'hours', fieldsNamed: 2 });
  });

  it.each(['Col1', 'Misc', 'Support needed', 'Resources', ''])('%j names nothing', (heading) => {
    expect(readHeading(heading)).toBeNull();
  });

  it('reads past participles of a thing as qualifiers and the words of CPD itself as neutral ("Linked development activities")', () => {
    expect(readHeading('Linked development activities')).toMatchObject({ field: 'activityName', coverage: 1 });
    expect(readHeading('Linked')).toMatchObject({ field: null, what: 'a link' });
    expect(readHeading('Link to the Code')).toMatchObject({ field: null, what: 'a link' });
  });

  it('a sign-off date is the supervisor\'s, not the activity\'s ("Date signed off", trial 7)', () => {
    expect(readHeading('Date signed off')).toMatchObject({ field: null });
    expect(readHeading('Date of activity')?.field).toBe('startDate');
    // An xAPI statement's "stored" is when the learning record store saved it (trial 7).
    expect(readHeading('stored')).toMatchObject({ field: null });
  });

  it('a level on a scale is a score, not hours ("Current level (1-5)" in a skills-gap plan, trial 7)', () => {
    expect(readHeading('Current level (1-5)')).toMatchObject({ field: null, what: 'a score or result' });
  });

  it('reads a SMART plan\'s letters: Specific is the planned action, Time-bound its target, Measurable a measure of success', () => {
    expect(readHeading('Specific')?.field).toBe('activityName');
    expect(readHeading('Time-bound')?.field).toBe('targetDate');
    expect(readHeading('Measurable')).toMatchObject({ field: null, what: 'a measure of success' });
  });

  it('reads two concept words written as one: a calendar\'s DTSTART / DTEND', () => {
    expect(readHeading('DTSTART')).toMatchObject({ field: 'startDate', reason: 'heading words: "dt" + "start" → start date' });
    expect(readHeading('DTEND')?.field).toBe('endDate');
    expect(readHeading('UID')).toBeNull();
  });

  it.each(['Success measure', 'Success criteria', 'How I will measure success', 'KPIs'])('%j is a measure of success, no record field', (heading) => {
    expect(readHeading(heading)).toMatchObject({ field: null, what: 'a measure of success' });
  });

  it('tells a list of TWAVES categories and prose apart', () => {
    expect(listsTwaves('Training, Work, Academic')).toBe(true);
    expect(listsTwaves('T W A V E S')).toBe(true);
    expect(listsTwaves('Training and work')).toBe(false);
    expect(readsAsClause('Note that')).toBe(true);
    expect(readsAsClause('What was learnt')).toBe(false);
    expect(readsAsClause('Date of event')).toBe(false);
  });
});

describe('headings in the other languages logs arrive in (trial 2)', () => {
  it.each([
    ['Date de début', 'startDate'], ['Date de fin', 'endDate'], ['Intitulé de la formation', 'activityName'], ['Durée', 'hours'],
    ['Commentaires / acquis', 'reflection'], ['Organisme', null], ['Dyddiad', 'startDate'], ['Oriau', 'hours'], ['Myfyrdod', 'reflection'],
    ['Dauer (Stunden)', 'hours'], ['Fecha', 'startDate'],
  ])('%j → %s', (heading, field) => {
    expect(readHeading(heading)?.field).toBe(field);
  });
});

describe("a regulator's form asks long questions (trial 5: NMC reflective accounts read as no log)", () => {
  const Q1 = 'What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?';
  const Q3 = 'How did you change or improve your practice as a result?';
  it('reads a question by its one field-naming word', () => {
    expect(matchHeading(Q1)).toEqual({ fields: ['activityName'], how: 'words', synonym: 'heading words: "activity" → activity name' });
    expect(matchHeading(Q3)).toEqual({ fields: ['reflection'], how: 'words', synonym: 'heading words: "improve" → reflection' });
  });
  it('"as a result" is a consequence, not a score; a statement that long is still no label', () => {
    expect(readHeading('Result')?.field).toBeNull();
    expect(readHeading(Q3)?.field).toBe('reflection');
    expect(matchHeading('The nature of the CPD activity and the feedback or event or experience in your own practice')).toBeNull();
  });
});

describe('a running figure over the rows is no field of an activity (trial 7: a running total beside the hours)', () => {
  it.each([
    ['Cumulative hours'], ['Remaining to 35 h'], ['Hours to date'], ['Total so far'], ['Running total'], ['Hours YTD'], ['Accumulated CPD points'],
  ])('%j → no field, a running total', (heading) => {
    expect(readHeading(heading)).toMatchObject({ field: null, what: "a running total or balance over the rows, not an activity's own figure" });
  });
  it('a row figure keeps its field', () => {
    expect(readHeading('Hours')?.field).toBe('hours');
    expect(readHeading('Total hours')?.field).toBe('hours');
    expect(readHeading('Date to')?.field).toBe('endDate');
  });
});

describe('a key to the TWAVES letters and running balances are no activities (trial 8)', () => {
  it('a "Category:" line listing the TWAVES categories is a key, read as preamble', () => {
    expect(classifyLabel('Category', 'T training, W work experience, A academic, V voluntary, E events, S self-study', false)).toMatchObject({ field: null, preamble: true });
    expect(classifyLabel('Category', 'Training', false)).toMatchObject({ field: 'activityType', preamble: false });
  });
});

describe('the head of a compound heading and words that name any row (trial 8: a Planner export)', () => {
  it('the last noun heads the heading: "Course Status" is a status, "Status of course" too', () => {
    expect(readHeading('Course Status')?.field).toBe('status');
    expect(readHeading('Status of course')?.field).toBe('status');
    expect(readHeading('Course progress')?.field).toBe('status');
  });
  it('"Task Name" names the activity; "Task" alone (a timesheet\'s kind of work) does not; "Items" is weak', () => {
    expect(readHeading('Task Name')).toMatchObject({ field: 'activityName', score: 0.8 });
    expect(readHeading('Task')).toBeNull();
    expect(readHeading('Checklist Items')).toMatchObject({ field: 'activityName', score: 0.65 });
  });
});
