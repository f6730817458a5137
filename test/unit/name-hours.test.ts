/**
 * Hours written inside an activity's name (src/pipeline/normalise/name-hours.ts; corpus trial 5).
 */
import { describe, expect, it } from 'vitest';
import { hoursInName } from '../../src/pipeline/normalise/name-hours.js';

describe('hoursInName', () => {
  it.each<[string, { hours: number; text: string } | null]>([
    ['Webinar: heat pump sizing for schools (1.5h)', { hours: 1.5, text: '(1.5h)' }],
    ['Site visit to the district heating energy centre – 4 hrs', { hours: 4, text: '4 hrs' }],
    ['E-learning: GDPR refresher [45 min]', { hours: 0.75, text: '[45 min]' }],
    ['Read CIBSE TM54 (approx. 2 hours)', { hours: 2, text: '(approx. 2 hours)' }],
    ['Mentoring sessions with an apprentice x2 (1h each)', { hours: 2, text: '(1h each)' }],
    // No amount, or two: nothing is read (two activities in one cell are flagged elsewhere).
    ['BS 7671:2018+A2 briefing (IET Scotland)', null],
    ['Mentoring (2 h); STEM visit (3 h)', null],
    ['Course, part 2', null],
    // "each" with no count to multiply by: not guessed.
    ['Coaching sessions (1h each)', null],
  ])('%j', (name, expected) => {
    expect(hoursInName(name)).toEqual(expected);
  });
});
