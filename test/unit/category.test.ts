import { describe, expect, it } from 'vitest';
import { inferTwaves, parseSkillType, parseTwaves } from '../../src/pipeline/normalise/category.js';
import { parseUkSpec } from '../../src/pipeline/normalise/ukspec.js';

describe('parseTwaves', () => {
  it.each([
    ['T', 'T'], ['w', 'W'], ['Training', 'T'], ['Training courses', 'T'], ['Work experience', 'W'],
    ['Work-based learning', 'W'], ['Academic study', 'A'], ['Voluntary', 'V'], ['Volunteering', 'V'],
    ['Events and seminars', 'E'], ['Events', 'E'], ['Self-directed learning', 'S'], ['Self-study', 'S'],
    ['E - Events', 'E'], ['S (Self-study)', 'S'], ['Training courses (external)', 'T'],
  ])('%j → %s', (text, letter) => {
    expect(parseTwaves(text)).toBe(letter);
  });
  it.each(['', 'X', 'Webinar', 'Technical', 'T - Events'])('%j → null', (text) => {
    expect(parseTwaves(text)).toBeNull();
  });
});

describe('inferTwaves', () => {
  it.each([
    ['Webinar', 'IET webinar: Power electronics', 'T'],
    ['Conference', null, 'E'],
    [null, 'Mentoring two graduate engineers', 'V'],
    [null, 'STEM Ambassador visit to Oakfield Primary', 'V'],
    ['Reading', 'BS 7671 18th edition amendment 2', 'S'],
    [null, 'MSc module: Control systems', 'A'],
    [null, 'Secondment to the commissioning team', 'W'],
    ['Self-directed learning', 'Anything', 'S'],
    [null, 'Technical visit to Hinkley Point C', 'E'],
  ])('type %j, name %j → %s', (type, name, letter) => {
    expect(inferTwaves(type, name)?.twaves).toBe(letter);
  });
  it('says why', () => {
    expect(inferTwaves('Webinar', null)).toEqual({ twaves: 'T', reason: 'activity type "Webinar" mentions "webinar" (training courses) → T Training courses' });
  });
  it('returns null without evidence', () => {
    expect(inferTwaves(null, 'Misc')).toBeNull();
    expect(inferTwaves(null, null)).toBeNull();
  });
});

describe('parseSkillType', () => {
  it.each([
    ['Soft', 'soft', false], ['soft skills', 'soft', false], ['Technical (job)', 'technical-job', false],
    ['Job-role technical', 'technical-job', false], ['Personal technical', 'technical-personal', false],
    ['Technical – personal', 'technical-personal', false], ['Technical', null, true], ['', null, false],
  ])('%j → %j', (text, skillType, ambiguous) => {
    expect(parseSkillType(text)).toEqual({ skillType, ambiguous });
  });
});

describe('parseUkSpec', () => {
  it.each([
    ['A1, B2', ['A1', 'B2'], []],
    ['A1/B2', ['A1', 'B2'], []],
    ['C1-C3', ['C1', 'C2', 'C3'], []],
    ['C1–3', ['C1', 'C2', 'C3'], []],
    ['E4 (CPD)', ['E4'], []],
    ['a2; d3', ['A2', 'D3'], []],
    ['B 3', ['B3'], []],
    ['A1 A1 B1', ['A1', 'B1'], []],
    ['C7, E4', ['E4'], ['C7']],
    ['F1', [], ['F1']],
    ['Ethics', ['E5'], []],
    ['Health and safety', ['E2'], []],
    ['none', [], []],
    // Word/PDF trial 2: a token that looks like a code but is none is named, not dropped.
    ['A1/B?', ['A1'], ['B?']],
    ['A1, Bx', ['A1'], ['Bx']],
    ['All engineers', [], []],
  ])('%j → %j, unknown %j', (text, codes, unknown) => {
    expect(parseUkSpec(text)).toEqual({ codes, unknown });
  });

  it('reads a letter l or I for the digit 1 ("Al, E2" from a scan) and says so', () => {
    expect(parseUkSpec('Al, E2')).toEqual({ codes: ['A1', 'E2'], unknown: [], readAs: ['"Al" read as A1'] });
    expect(parseUkSpec('Al/BI')).toEqual({ codes: ['A1', 'B1'], unknown: [], readAs: ['"Al" read as A1', '"BI" read as B1'] });
  });
});
