/**
 * PDF budgets checked before pdf.js reads the file (src/pipeline/extract/pdf-streams.ts, issue 12): a stream that
 * inflates past the limit and a page image of too many pixels are refused as `too_large` in our words; ordinary
 * PDFs pass.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkPdfStreams } from '../../src/pipeline/extract/pdf-streams.js';
import { importFile } from '../../src/pipeline/import.js';
import { bytesOf } from './helpers.js';

/** A one-page PDF whose page content is `content` (compressed with Flate) and which may paint one image XObject. */
function pdfWith(content: Buffer, image?: { width: number; height: number }): Uint8Array {
  const objs: Buffer[] = [];
  const resources = image ? '/Resources << /XObject << /Im1 5 0 R >> >>' : '';
  objs.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objs.push(Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  objs.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ${resources} >>`));
  const z = deflateSync(content);
  objs.push(Buffer.concat([Buffer.from(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`), z, Buffer.from('\nendstream')]));
  if (image) {
    const px = deflateSync(Buffer.alloc(16));
    objs.push(
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${px.length} /Filter /FlateDecode >>\nstream\n`),
        px,
        Buffer.from('\nendstream'),
      ]),
    );
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objs.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    at += b.length;
    parts.push(b);
  });
  const xref = [`xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

describe('inflated bytes per stream', () => {
  it('refuses a content stream inflating past the limit, before pdf.js reads it', async () => {
    const bomb = pdfWith(Buffer.alloc(3 * 1024 * 1024, 0x20));
    expect(bomb.byteLength).toBeLessThan(10_000);
    expect(() => checkPdfStreams(bomb, { maxStreamBytes: 1024 * 1024 })).toThrow(
      'the PDF holds a compressed stream that inflates to more than 1 MB, the limit for one stream; it is not a CPD record as printed or saved by any common program',
    );
    await expect(importFile(bomb, 'bomb.pdf', { budget: { maxStreamBytes: 1024 * 1024 } })).rejects.toMatchObject({ code: 'too_large' });
  });

  it('lets a stream within the limit through to pdf.js', async () => {
    const page = pdfWith(Buffer.from('BT /F1 12 Tf 72 720 Td (x) Tj ET'));
    expect(() => checkPdfStreams(page)).not.toThrow();
  });

  it('passes the PDFs of the fixtures (pdfkit, Chrome, a scan)', () => {
    for (const f of ['fixtures/pdf/blocks.pdf', 'fixtures/pdf/chrome-report.pdf', 'fixtures/pdf/certificate.pdf']) {
      expect(() => checkPdfStreams(bytesOf(f)), f).not.toThrow();
    }
  });
});

describe('image pixels', () => {
  it('a 30,000-pixel scanned page is too large, not a blank page', async () => {
    const scan = pdfWith(Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q'), { width: 30_000, height: 30_000 });
    await expect(importFile(scan, 'scan.pdf')).rejects.toMatchObject({
      code: 'too_large',
      message: 'the PDF holds an image of 30,000 × 30,000 pixels (900 million), over the limit of 40 million pixels for one image; scan it again at 300 dpi',
    });
  });

  it('a 64-megapixel photo is refused from its header alone, saying by how much it is over', async () => {
    const ihdr = Buffer.alloc(25);
    ihdr.writeUInt32BE(13, 0);
    ihdr.write('IHDR', 4, 'latin1');
    ihdr.writeUInt32BE(8000, 8);
    ihdr.writeUInt32BE(8000, 12);
    ihdr.set([8, 2, 0, 0, 0], 16);
    const png = new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]));
    await expect(importFile(png, 'photo.png')).rejects.toMatchObject({
      code: 'too_large',
      message: 'the image is 8,000 × 8,000 pixels, over the limit of 40 million pixels for one image by 24 million; scan it again at 300 dpi',
    });
  });

  it('an image within the limit is not refused', () => {
    const scan = pdfWith(Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q'), { width: 2480, height: 3508 });
    expect(() => checkPdfStreams(scan)).not.toThrow();
  });
});
