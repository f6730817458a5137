/** Status texts from logs and platform exports (src/pipeline/normalise/status.ts). */
import { describe, expect, it } from 'vitest';
import { nameSaysNotDone, readStatus } from '../../src/pipeline/normalise/status.js';

describe('readStatus', () => {
  it.each([
    ['Completed', 'completed', false], ['COMPLETED', 'completed', false], ['Done', 'completed', false], ['Yes', 'completed', false],
    ['TRUE', 'completed', false], ['✓', 'completed', false], ['100%', 'completed', false], ['100', 'completed', false], ['1', 'completed', false],
    ['In progress', 'planned', false], ['IN_PROGRESS', 'planned', false], ['NOT_STARTED', 'planned', false], ['not-started', 'planned', false],
    ['Registered', 'planned', false], ['Past Due', 'planned', false], ['Viewed', 'planned', false], ['Booked', 'planned', false],
    ['Not completed', 'planned', false], ['Incomplete', 'planned', false], ['No', 'planned', false], ['FALSE', 'planned', false],
    ['40%', 'planned', false], ['45', 'planned', false], ['0', 'planned', false],
    ['Working on it', 'planned', false], ['Stuck', 'planned', false], ['On hold', 'planned', false], ['Under way', 'planned', false],
    ['Cancelled', 'planned', true], ['Did not attend', 'planned', true], ['No show', 'planned', true],
  ] as const)('%j → %s (cancelled: %s)', (text, status, cancelled) => {
    expect(readStatus(text)).toEqual({ status, cancelled });
  });

  it.each(['', 'See notes', 'Level 2'])('%j says nothing', (text) => {
    expect(readStatus(text)).toBeNull();
  });
});

describe('nameSaysNotDone', () => {
  it.each([
    ['Conflicts of interest course (booked)', true],
    ['Site visit – planned', true],
    ['NEC4 workshop (provisional)', true],
    ['Arc flash course (completed)', false],
    ['Webinar (no slides)', false],
    ['Introduction to IEC 61850', false],
  ])('%j → %s', (name, expected) => {
    expect(nameSaysNotDone(name)).toBe(expected);
  });
});
