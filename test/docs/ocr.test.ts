/**
 * Scanned records: a one-page paper record as a PNG image and as an image-only PDF (fixtures/scan, made by
 * fixtures/pdf/make.mjs), read by OCR with the local English data; OCR switched off or failing gives a
 * "no text layer" gap. OCR is slow: one page per file, two files.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractImage, imageInfo } from '../../src/pipeline/extract/image.js';
import { OcrUnavailable, type OcrEngine } from '../../src/pipeline/extract/ocr.js';
import { extractPdf } from '../../src/pipeline/extract/pdf.js';
import { OCR_THRESHOLD } from '../../src/pipeline/build.js';
import type { CpdRecord } from '../../src/domain/index.js';
import { bytesOf, errorCode, imp, REALWORLD } from './helpers.js';

const EXPECTED = [
  ['Fire safety briefing', 'Course', 'T', '2024-01-10', 1],
  ['Cable jointing workshop', 'Workshop', 'T', '2024-02-14', 3.5],
  ['IET lecture on offshore wind', 'Event', 'E', '2024-03-19', 2],
  ['Mentoring an apprentice', 'Volunteering', 'V', '2024-04-23', 4],
];

function summary(r: CpdRecord): unknown[] {
  return [r.activityName, r.activityType, r.twaves, r.startDate, r.hours];
}

/** Every value says where it was read and with what OCR confidence; low ones carry a gap. */
function checkOcrProvenance(r: CpdRecord): void {
  const cells = r.source.cells ?? {};
  expect(Object.keys(cells).sort()).toEqual(['activityName', 'activityType', 'hours', 'startDate']);
  for (const [field, where] of Object.entries(cells)) {
    const m = /^page 1, line (\d+), column \d, OCR (\d+)%$/.exec(where);
    expect(m, `${field}: ${where}`).not.toBeNull();
    const low = Number(m![2]) < OCR_THRESHOLD;
    expect(r.gaps.some((g) => g.code === 'ocr_low_confidence' && g.field === field)).toBe(low);
  }
}

describe('scan-1p.png: a photographed/scanned record read by OCR', async () => {
  const res = await imp('fixtures/scan/scan-1p.png');

  it('yields the four activities', () => {
    expect(res.format).toBe('image');
    expect(res.records.map(summary)).toEqual(EXPECTED);
    expect(res.records.map((r) => r.endDate)).toEqual(['2024-01-10', '2024-02-14', '2024-03-19', '2024-04-23']);
  });

  it('points each value to page 1 and its line, with the OCR confidence', () => {
    expect(res.records.map((r) => [r.source.page, r.source.line, r.source.table])).toEqual([[1, 4, 1], [1, 5, 1], [1, 6, 1], [1, 7, 1]]);
    res.records.forEach(checkOcrProvenance);
  });

  it('says the file was read by OCR and leaves the name line (preamble) out', () => {
    expect(res.fileGaps[0]).toMatchObject({ code: 'format', severity: 'info', message: expect.stringMatching(/^the image was read by OCR \(mean confidence \d+%\)/) });
    expect(res.fileGaps.some((g) => g.code === 'skipped' && g.message.includes('(Name)'))).toBe(true);
  });
});

describe('scan-1p-tilted.png: the same page scanned 1.3° askew (Word/PDF trial finding: a column was lost)', async () => {
  const res = await imp('fixtures/scan/scan-1p-tilted.png');

  it('is read straightened: the same four activities, every column in place', () => {
    expect(res.records.map(summary)).toEqual(EXPECTED);
    expect(res.records.map((r) => r.endDate)).toEqual(['2024-01-10', '2024-02-14', '2024-03-19', '2024-04-23']);
    expect(res.records.flatMap((r) => r.gaps.filter((g) => g.code === 'invalid'))).toEqual([]);
  });
});

describe('ewan-fraser-scan-2p.pdf: a two-page ruled table scanned at 200 dpi with noise (Word/PDF trial 2)', async () => {
  const res = await imp('fixtures/scan/ewan-fraser-scan-2p.pdf');
  const rows = () => res.records.map((r) => [r.activityName, r.twaves, r.startDate, r.hours, r.reflection]);

  it('reads all 12 rows and 51 h: table rules read as "|" and a speck no longer end the table, wrapped cells join their own row', () => {
    // Before: 7 records and 14 h; rows after a "|" were lost without a gap, and wrapped lines joined the next row.
    expect(rows()).toEqual([
      // "Work experience" was read as "Wark experience" (flagged below).
      ['Toolbox talk on permit to work', null, '2025-01-08', 1, 'Refreshed isolation steps.'],
      ['IET webinar: Hydrogen safety', 'T', '2025-01-22', 1.5, 'ATEX zoning for electrolysers.'],
      ['Read Wiring Matters article on RCDs', 'S', '2025-02-05', 0.5, 'Type B RCDs for EV chargers.'],
      ['Site visit: Hornsea substation', 'E', '2025-02-19', 4, 'Saw STATCOM hall,'], // OCR: "," for "."
      ['Mentoring apprentice', 'V', '2025-03-04', 2, 'Fault-finding method.'],
      ['Course: NEBOSH fire certificate', 'T', '2025-03-18', 24, 'Fire risk assessment.'],
      ['Conference: All-Energy Glasgow', 'E', '2025-04-01', 7, 'Offshore grid talks.'],
      ['Online module: Power Bl basics', 'T', '2025-04-15', 3, 'Dashboards for asset data.'], // OCR: "Bl" for "BI"
      ['Reading: IET code of practice EV charging', 'S', '2025-04-29', 2, 'Earthing arrangements.'],
      ['STEM club at local school', 'V', '2025-05-13', 1.5, 'Simple circuits.'],
      ['Design review lead for LV board', 'W', '2025-05-27', 3, 'Chairing reviews.'],
      ['Lecture: Grid stability', 'E', '2025-06-10', 1.5, 'Inertia markets,'], // OCR: "," for "."
    ]);
    expect(res.summary.totalHours).toBe(51);
    expect(res.records[0]!.gaps.filter((g) => g.field === 'twaves').map((g) => [g.code, g.raw])).toEqual([['invalid', 'Wark experience'], ['ocr_low_confidence', 'Wark experience']]);
    expect(res.fileGaps.find((g) => g.code === 'skipped')).toMatchObject({ raw: 'Total hours: 51' });
  });
});

describe('photos of a printed log (Word/PDF trial 2)', () => {
  it('ines-duarte-photo.jpg: shading no longer blacks out half the page (local thresholding): all three rows', async () => {
    const res = await imp('fixtures/scan/ines-duarte-photo.jpg');
    expect(res.records.map((r) => [r.activityName, r.twaves, r.startDate, r.hours, r.ukSpec])).toEqual([
      ['Course: Lean Six Sigma Yellow Belt', 'T', '2025-02-12', 8, ['C4']],
      ['IET lecture: Digital twins', 'E', '2025-03-26', 1.5, ['A1']],
      ['Read BS EN 62305 lightning protection', 'S', '2025-05-14', 3, ['A1', 'E2']],
    ]);
    // "A1" was read as "Al": taken as A1, and said so.
    expect(res.records[1]!.gaps.find((g) => g.field === 'ukSpec')).toMatchObject({ code: 'inferred', message: '"Al" read as A1: a letter taken for the digit of a code; check it' });
  });

  it('ines-duarte-photo-small.jpg: a 1,241-pixel photo is enlarged before OCR; no value read wrong ("15" for 1.5 h before)', async () => {
    const res = await imp('fixtures/scan/ines-duarte-photo-small.jpg');
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.ukSpec])).toEqual([
      ['Course: Lean Six Sigma Yellow Belt', '2025-02-12', null, ['C4']],
      ['IET lecture: Digital twins', '2025-03-26', 1.5, ['A1']],
      ['Read BS EN 62305 lightning protection', '2025-05-14', 3, ['A1', 'E2']],
    ]);
    // The "8" of the first row was not read: a gap says so.
    expect(res.records[0]!.gaps.find((g) => g.field === 'hours')).toMatchObject({ code: 'missing', message: 'no CPD hours' });
  });
});

describe('scan-1p.pdf: an image-only PDF page', async () => {
  const res = await imp('fixtures/scan/scan-1p.pdf');

  it('renders the page, reads it by OCR and yields the same activities', () => {
    expect(res.format).toBe('pdf');
    expect(res.records.map(summary)).toEqual(EXPECTED);
    res.records.forEach(checkOcrProvenance);
    expect(res.fileGaps[0]!.message).toMatch(/^page 1 had no text layer \(scanned\) and was read by OCR \(mean confidence \d+%\)/);
  });
});

describe('OCR off or failing: a "no text layer" gap, not silent emptiness', () => {
  const off = { maxBytes: 20e6, maxInflatedBytes: 200e6, timeoutMs: 60_000, ocrMaxPages: 0 };

  it('image with OCR switched off', async () => {
    const res = await imp('fixtures/scan/scan-1p.png', { budget: off });
    expect(res.records).toEqual([]);
    expect(res.fileGaps).toEqual([
      { field: null, code: 'no_activities', severity: 'error', message: 'no text layer: the file is an image (a scan or photo) and could not be read (OCR is switched off); nothing was imported' },
    ]);
  });

  it('scanned PDF with OCR switched off', async () => {
    const res = await imp('fixtures/scan/scan-1p.pdf', { budget: off });
    expect(res.records).toEqual([]);
    expect(res.fileGaps).toEqual([
      { field: null, code: 'no_activities', severity: 'error', message: 'no text layer: page 1 is a scanned image and was not read (OCR is switched off); nothing on it was imported' },
    ]);
  });

  it('OCR engine failing', async () => {
    const broken: OcrEngine = {
      recognise: () => Promise.reject(new OcrUnavailable('starting the OCR engine took longer than 30 s')),
      close: () => Promise.resolve(),
    };
    const ex = await extractPdf(bytesOf('fixtures/scan/scan-1p.pdf'), { fileName: 'scan.pdf', ocr: broken });
    expect(ex.gaps.map((g) => [g.code, g.message])).toEqual([
      ['no_activities', 'no text layer: page 1 is a scanned image and was not read (starting the OCR engine took longer than 30 s); nothing on it was imported'],
    ]);
    const img = await extractImage(bytesOf('fixtures/scan/scan-1p.png'), { fileName: 'scan.png', ocr: broken });
    expect(img.gaps[0]!.message).toContain('could not be read (starting the OCR engine took longer than 30 s)');
  });

  it('a page cap leaves later scanned pages unread, and says which', async () => {
    const fake: OcrEngine = { recognise: () => Promise.resolve({ words: [], confidence: 90 }), close: () => Promise.resolve() };
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    for (let i = 0; i < 2; i++) doc.addPage({ size: 'A4', margin: 0 }).image(Buffer.from(bytesOf('fixtures/scan/scan-1p.jpg')), 0, 0, { width: 595 });
    doc.end();
    await done;
    const ex = await extractPdf(new Uint8Array(Buffer.concat(chunks)), { fileName: 'two.pdf', ocr: fake, budget: { ...off, ocrMaxPages: 1 } });
    expect(ex.gaps.map((g) => [g.code, g.severity, g.message])).toEqual([
      ['format', 'info', 'page 1 had no text layer (scanned) and was read by OCR (mean confidence 90%): check the values against the scan'],
      ['skipped', 'warning', 'no text layer: page 2 is a scanned image and was not read (OCR reads at most 1 scanned page per file); nothing on it was imported'],
    ]);
  });
});

describe('images: header checks', () => {
  it('reads PNG and JPEG sizes and resolution', () => {
    expect(imageInfo(bytesOf('fixtures/scan/scan-1p.png'))).toEqual({ type: 'png', width: 2480, height: 3508, dpi: null });
    expect(imageInfo(bytesOf('fixtures/scan/scan-1p.jpg'))).toMatchObject({ type: 'jpeg', width: 2480, height: 3508 });
    expect(imageInfo(new Uint8Array([1, 2, 3]))).toBeNull();
  });
  it('refuses a damaged image and an image too large to read', async () => {
    expect(await errorCode(extractImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), { fileName: 'x.png' }))).toBe('corrupt');
    const huge = bytesOf('fixtures/scan/scan-1p.png').slice(0, 33);
    new DataView(huge.buffer).setUint32(16, 100_000);
    new DataView(huge.buffer).setUint32(20, 100_000);
    expect(await errorCode(extractImage(huge, { fileName: 'x.png' }))).toBe('too_large');
  });
});

describe('real-world image-only PDF', () => {
  it('pdfjs/ccitt_EndOfBlock_false.pdf (CCITT fax image, no text layer) is read by OCR: no activities', async () => {
    const res = await imp(`${REALWORLD}/pdfjs/ccitt_EndOfBlock_false.pdf`);
    expect(res.records).toEqual([]);
    expect(res.fileGaps.map((g) => g.code)).toEqual(['format', 'no_activities']);
    expect(res.fileGaps[0]!.message).toMatch(/^page 1 had no text layer \(scanned\) and was read by OCR/);
  });
});
