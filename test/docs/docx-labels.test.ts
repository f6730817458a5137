/**
 * The Word extractor's transposed-table test skips texts without a letter (dates, numbers, codes) instead of
 * classifying them: that holds only while classifyLabel never takes such a text for a label.
 */
import { describe, expect, it } from 'vitest';
import { classifyLabel } from '../../src/pipeline/extract/blocks.js';

describe('classifyLabel on texts without a letter', () => {
  it('finds no label in dates, numbers, times, codes and punctuation', () => {
    const texts = [
      '01/01/2024', '2024-03-12', '12.03.24', '3', '1.5', '0,5', '2024', '2023/24', '10:30', '09:00 – 17:00', '#1', '(1)',
      '1)', '–', '-', '/', '123456', '12 03 2024', '1 2 3 4 5', '50 %', '£120', '1/2', '2024 - 2025', '...', '?',
    ];
    for (const t of texts) expect(classifyLabel(t, '', false), t).toBeNull();
  });
});
