/**
 * A photo uploaded by mistake (issue 11 tryout, finding B1): an image with no text is read as a picture, not as a
 * CPD log that lost its headings, and no note asks to check values that do not exist. Fixture: the tester's drawn
 * beach photo (fixtures/tryout/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';

describe('a picture with no text', () => {
  it('gives no records and one note saying it reads as a picture, not a CPD log', async () => {
    const name = 'IMG_20250812_beach_Crete.jpg';
    const res = await importFile(readFileSync(join(import.meta.dirname, '../../fixtures/tryout', name)), name, { today: '2026-12-06' });
    expect([res.format, res.records, res.mapping]).toEqual(['image', [], []]);
    expect(res.fileGaps).toEqual([
      { field: null, code: 'no_activities', severity: 'info', message: 'the image reads as a picture with no text or table (a photo, not a scan of a CPD log): OCR found no words in it, so nothing was imported' },
    ]);
    expect(res.summary.gaps).toEqual({ error: 0, warning: 0, info: 0 });
  });
});
