/**
 * Footnote markers on values of PDF tables (src/pipeline/extract/footnotes.ts): markers set small and raised by
 * pdfkit as their own text items, and markers typed after the value ("6*", "Webinar†"), cut off the values and kept
 * in the record's `Footnote` extra with the footnote printed under the table. People and activities are fictional.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { attachMarkerItems, footnoteDefinitions, splitMarker } from '../../src/pipeline/extract/footnotes.js';
import { importFile } from '../../src/pipeline/import.js';
import type { TextItem } from '../../src/pipeline/extract/lines.js';
import { TODAY } from './helpers.js';

/** A cell: its text, and a marker printed after it in a 6 pt font raised by 3 pt (as a word processor sets ¹). */
type Cell = string | { text: string; sup: string };

/** A one-page A4 log with a table (columns at the given x) and footnote lines under it, as a PDF. */
async function logPdf(title: string, cols: readonly number[], rows: ReadonlyArray<readonly Cell[]>, notes: readonly string[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(14).text(title, 50, 60, { lineBreak: false });
  let y = 100;
  rows.forEach((row, k) => {
    row.forEach((cell, i) => {
      const text = typeof cell === 'string' ? cell : cell.text;
      doc.font(k === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(10).text(text, cols[i]!, y, { lineBreak: false });
      if (typeof cell !== 'string') {
        const w = doc.widthOfString(text);
        doc.font('Helvetica').fontSize(6).text(cell.sup, cols[i]! + w, y - 1, { lineBreak: false });
      }
    });
    y += 18;
  });
  y += 12;
  for (const n of notes) {
    doc.font('Helvetica').fontSize(8).text(n, 50, y, { lineBreak: false });
    y += 12;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('footnote markers: text', () => {
  it('cuts superscripts and symbols off a value; bracketed numbers only when a footnote defines them', () => {
    expect(splitMarker('3.5¹')).toEqual({ value: '3.5', marker: '¹' });
    expect(splitMarker('12/03/2026*')).toEqual({ value: '12/03/2026', marker: '*' });
    expect(splitMarker('Webinar †')).toEqual({ value: 'Webinar', marker: '†' });
    expect(splitMarker('Peer review‡‡')).toEqual({ value: 'Peer review', marker: '‡‡' });
    expect(splitMarker('2.0 (1)')).toBeNull();
    expect(splitMarker('2.0 (1)', (k) => k === '1')).toEqual({ value: '2.0', marker: '(1)' });
    expect(splitMarker('3.5')).toBeNull();
    expect(splitMarker('*')).toBeNull();
    expect(splitMarker('**')).toBeNull();
  });

  it('reads footnote definitions, several joined on one line', () => {
    expect([...footnoteDefinitions('* Hours estimated; no attendance record. † Three-day course with a written assessment (passed).')]).toEqual([
      ['*', '* Hours estimated; no attendance record.'],
      ['†', '† Three-day course with a written assessment (passed).'],
    ]);
    expect([...footnoteDefinitions('¹ Self-assessed against the CPD policy')]).toEqual([['1', '¹ Self-assessed against the CPD policy']]);
    expect([...footnoteDefinitions('(2) Includes travel time')]).toEqual([['2', '(2) Includes travel time']]);
    expect([...footnoteDefinitions('1. Online, recorded session')]).toEqual([['1', '1. Online, recorded session']]);
    expect([...footnoteDefinitions('Webinar: risk management')]).toEqual([]);
  });
});

describe('footnote markers: geometry', () => {
  const item = (text: string, x: number, y: number, width: number, size: number): TextItem => ({ text, x, y, width, size });

  it('joins a small raised digit touching a value to it as a superscript', () => {
    const items = [item('3.5', 400, 200, 15, 10), item('1', 415, 197, 3.3, 6), item('2026-03-12', 100, 200, 50, 10)];
    expect(attachMarkerItems(items).map((i) => i.text)).toEqual(['3.5¹', '2026-03-12']);
  });

  it('joins a trailing digit in a smaller font on the same baseline, not one of the same size or far away', () => {
    expect(attachMarkerItems([item('Webinar', 100, 200, 40, 10), item('2', 140.5, 200, 4, 7)]).map((i) => i.text)).toEqual(['Webinar²']);
    const same = [item('2026-03-12', 100, 200, 50, 10), item('3', 150, 200, 5.6, 10)];
    expect(attachMarkerItems(same)).toBe(same);
    const far = [item('Webinar', 100, 200, 40, 10), item('2', 400, 197, 4, 6)];
    expect(attachMarkerItems(far)).toBe(far);
  });
});

describe('footnote markers in a PDF log', async () => {
  const bytes = await logPdf(
    'CPD log 2026 – Priya Raman',
    [50, 140, 400, 480],
    [
      ['Date', 'Activity', 'Type', 'Hours'],
      ['12/03/2026', 'Cardiac rhythm update', 'Course', { text: '3.5', sup: '1' }],
      [{ text: '24/03/2026', sup: '2' }, 'Safeguarding refresher', 'E-learning', '1.5'],
      ['07/05/2026*', 'Journal club: sepsis bundles†', 'Reading', '2'],
      ['18/06/2026', 'Ward teaching session', 'Teaching', '1'],
    ],
    ['1 Includes the assessed practical.', '2 Date of the certificate; the module was taken over a week.', '* Date approximate.', '† Notes kept in my portfolio.'],
  );
  const res = await importFile(bytes, 'footnotes.pdf', { today: TODAY });

  it('reads the values without their markers', () => {
    expect(res.records.map((r) => [r.startDate, r.activityName, r.hours])).toEqual([
      ['2026-03-12', 'Cardiac rhythm update', 3.5],
      ['2026-03-24', 'Safeguarding refresher', 1.5],
      ['2026-05-07', 'Journal club: sepsis bundles', 2],
      ['2026-06-18', 'Ward teaching session', 1],
    ]);
  });

  it('keeps the footnote each value refers to in the Footnote extra', () => {
    expect(res.records.map((r) => r.extras)).toEqual([
      { Footnote: 'Hours: 1 Includes the assessed practical.' },
      { Footnote: 'Date: 2 Date of the certificate; the module was taken over a week.' },
      { Footnote: 'Date: * Date approximate. | Activity: † Notes kept in my portfolio.' },
      {},
    ]);
  });

  it('makes no activity of the footnote lines', () => {
    expect(res.records).toHaveLength(4);
    expect(res.records.every((r) => !r.gaps.some((g) => g.field === 'hours' || g.field === 'startDate'))).toBe(true);
  });
});

describe('footnote markers in a PDF of labelled blocks', async () => {
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.addPage();
  doc.font('Helvetica').fontSize(10);
  doc.text('Activity: Infection control study day', 50, 80, { lineBreak: false });
  doc.text('Date: 14/09/2026', 50, 96, { lineBreak: false });
  doc.text('Hours: 3.5', 50, 112, { lineBreak: false });
  const w = doc.widthOfString('Hours: 3.5');
  doc.fontSize(6).text('1', 50 + w, 111, { lineBreak: false });
  doc.fontSize(8).text('1 Lunch break not counted.', 50, 160, { lineBreak: false });
  doc.end();
  await done;
  const res = await importFile(new Uint8Array(Buffer.concat(chunks)), 'blocks.pdf', { today: TODAY });

  it('reads the hours without the raised marker and keeps the footnote', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.extras.Footnote])).toEqual([
      ['Infection control study day', '2026-09-14', 3.5, 'Hours: 1 Lunch break not counted.'],
    ]);
  });
});
