import { describe, expect, it } from 'vitest';
import { hoursStatedIn } from '../../src/pipeline/normalise/stated-hours.js';

describe('hours stated in a free text', () => {
  it('reads a labelled figure or a count of CPD/CPE hours', () => {
    expect(hoursStatedIn('Three-day course at the regional office.\n\nCPD hours: 21')).toBe(21);
    expect(hoursStatedIn('Evening webinar.\nCPD hours: 1.5')).toBe(1.5);
    expect(hoursStatedIn('Hours claimed = 2,5')).toBe(2.5);
    expect(hoursStatedIn('Logged 3 CPE hours for the chapter meeting')).toBe(3);
    expect(hoursStatedIn('hrs: 4 (certificate attached)')).toBe(4);
  });

  it('takes nothing from times, durations in words, two different figures or no figure', () => {
    expect(hoursStatedIn('Booked via L&D. 09:00–16:30.')).toBe(null);
    expect(hoursStatedIn('Two days, Swansea Arena.')).toBe(null);
    expect(hoursStatedIn('CPD hours: 3 (day 1), CPD hours: 4 (day 2)')).toBe(null);
    expect(hoursStatedIn('Hours: 10:30')).toBe(null);
    expect(hoursStatedIn('Not needed now we use Revit.')).toBe(null);
    expect(hoursStatedIn('CPD hours: 0')).toBe(null);
  });
});
