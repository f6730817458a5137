import { describe, expect, it } from 'vitest';
import { matchHeading, normaliseHeading } from '../../src/pipeline/headings.js';

describe('normaliseHeading', () => {
  it.each([
    ['Hours (h)', 'hours'],
    ['CPD Hours [hrs]', 'cpd hours'],
    ['What did I learn?', 'what did i learn'],
    ['  Date(s) ', 'date'],
    ['UK-SPEC', 'uk spec'],
    ['Formal/Informal', 'formal informal'],
    ['Skills & knowledge', 'skills and knowledge'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHeading(input)).toBe(expected);
  });
});

describe('matchHeading', () => {
  it.each([
    ['Activity', ['activityName'], 'synonym'],
    // Word/PDF trial 2: a plan's "Planned hours", a log's "Activities", a "Notes / reflection" column.
    ['Planned hours', ['hours'], 'synonym'],
    ['Activities', ['activityName'], 'synonym'],
    ['Notes / reflection', ['reflection'], 'synonym'],
    ['Course Title', ['activityName'], 'synonym'],
    ['Description of activity', ['activityName'], 'synonym'],
    ['Type of activity', ['activityType'], 'synonym'],
    ['Category', ['activityType'], 'synonym'],
    ['TWAVES', ['twaves'], 'synonym'],
    ['CPD Category', ['twaves'], 'synonym'],
    ['Date(s)', ['startDate'], 'synonym'],
    ['Date attended', ['startDate'], 'synonym'],
    ['Date Completed', ['endDate'], 'synonym'],
    ['Until', ['endDate'], 'synonym'],
    ['By when', ['targetDate'], 'synonym'],
    ['Expected date of completion', ['targetDate'], 'synonym'],
    ['Hours (h)', ['hours'], 'synonym'],
    ['CPD Value', ['hours'], 'synonym'],
    ['Days', ['hours'], 'synonym'],
    ['Time spent', ['hours'], 'synonym'],
    ['What I did', ['description'], 'synonym'],
    ['Notes', ['description'], 'synonym'],
    ['What did you learn and how will you apply it?', ['reflection'], 'synonym'],
    ['What? So what? Now what?', ['reflection'], 'synonym'],
    ['Lessons learnt', ['reflection'], 'synonym'],
    ['UKSPEC ref', ['ukSpec'], 'synonym'],
    ['Competencies', ['ukSpec'], 'synonym'],
    ['Technical/Soft', ['skillType'], 'synonym'],
    ['DAP objective', ['objective'], 'synonym'],
    ['Learning need', ['objective'], 'synonym'],
    ['Status', ['status'], 'synonym'],
    // close misspellings
    ['Reflecton', ['reflection'], 'fuzzy'],
    ['Desciption', ['description'], 'fuzzy'],
    ['Activty Type', ['activityType'], 'fuzzy'],
    // long headings that start with a field's name
    ['Reflection – what did I learn and how will I use it', ['reflection'], 'synonym'],
  ])('%j → %j (%s)', (heading, fields, how) => {
    const m = matchHeading(heading);
    expect(m?.fields.slice(0, fields.length)).toEqual(fields);
    expect(m?.how).toBe(how);
  });

  it('matches "Category" to activity type first and TWAVES second (the mapper decides by content)', () => {
    expect(matchHeading('Category')?.fields).toEqual(['activityType', 'twaves']);
  });

  it.each(['Ref', 'No.', 'Member', '__proto__', 'toString', 'Cost (£)', 'Provider', ''])('%j matches nothing', (h) => {
    expect(matchHeading(h)).toBeNull();
  });
});

describe('matchHeading: field named in brackets, US hours', () => {
  it.each([
    ['Type (TWAVES)', ['twaves']],
    ['Category [TWAVES]', ['twaves']],
    ['PDH', ['hours']],
    ['Professional development hours', ['hours']],
  ])('%j → %j', (heading, fields) => {
    expect(matchHeading(heading)?.fields).toEqual(fields);
  });
});
