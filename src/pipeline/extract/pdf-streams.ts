/**
 * Budgets a PDF must meet before pdf.js reads it (issue 12): the bytes each compressed stream inflates to, and the
 * pixels of each image. pdf.js inflates a page's content stream whole and has no limit of its own, so a 20 MB file
 * whose stream inflates to 1.5 GB would run a worker to its time limit at gigabytes of memory; a page image of
 * 30,000 × 30,000 pixels is dropped by pdf.js silently and the page would look blank.
 *
 * The check walks the file's `stream … endstream` objects as bytes, reads each stream's dictionary (`/Filter`,
 * `/Subtype /Image`, `/Width`, `/Height`, written in plain text in every PDF: stream objects cannot sit inside
 * compressed object streams, PDF 32000-1:2008 §7.5.7) and inflates `/FlateDecode` streams with zlib's own output
 * cap. Streams it cannot inflate (encrypted, other filters, damaged) are left to pdf.js.
 */
import { inflateSync } from 'node:zlib';
import { ImportError } from '../../domain/index.js';

/** Default most bytes one compressed stream may inflate to: 64 MB (our choice: a dense page's content is < 5 MB). */
export const DEFAULT_MAX_STREAM_BYTES = 64 * 1024 * 1024;

/**
 * Default most pixels of one image, in a PDF or as a scan: 40 million (our choice: an A4 page scanned at 600 dpi is
 * 34.8 million; decoding takes 4 bytes a pixel, and OCR time grows with the pixels).
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

/** Limits of {@link checkPdfStreams}. */
export interface PdfStreamLimits {
  /** Bytes, default {@link DEFAULT_MAX_STREAM_BYTES}. */
  maxStreamBytes?: number;
  /** Pixels (width × height), default {@link DEFAULT_MAX_IMAGE_PIXELS}. */
  maxImagePixels?: number;
}

/** The keyword `stream` not preceded by `end`, then its end-of-line (PDF 32000-1:2008 §7.3.8.1). */
const STREAM = /(?<!end)stream(?:\r\n|\n|\r)/g;

/**
 * Refuses a PDF with a stream inflating past `maxStreamBytes` or an image over `maxImagePixels`.
 * @param bytes the whole PDF
 * @throws ImportError `too_large`, naming the limit and by how much the file goes past it
 */
export function checkPdfStreams(bytes: Uint8Array, limits: PdfStreamLimits = {}): void {
  const maxBytes = limits.maxStreamBytes ?? DEFAULT_MAX_STREAM_BYTES;
  const maxPixels = limits.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(text); m !== null; m = STREAM.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dict = dictionaryBefore(text, m.index);
    if (/\/Subtype\s*\/Image\b/.test(dict)) {
      const width = numberAfter(dict, 'Width') ?? numberAfter(dict, 'W');
      const height = numberAfter(dict, 'Height') ?? numberAfter(dict, 'H');
      if (width !== undefined && height !== undefined && width * height > maxPixels) {
        throw new ImportError(
          'too_large',
          `the PDF holds an image of ${width.toLocaleString('en-GB')} × ${height.toLocaleString('en-GB')} pixels (${millions(width * height)} million), over the limit of ${millions(maxPixels)} million pixels for one image; scan it again at 300 dpi`,
        );
      }
      // An image within the pixel limit decodes within it too: its stream is not inflated here.
    } else if (/\/FlateDecode\b/.test(dict)) {
      inflateWithin(buf.subarray(start, end), maxBytes);
    }
    STREAM.lastIndex = end + 9;
  }
}

/** The object dictionary just before a `stream` keyword: from the object's `obj` (at most 8 KB back). */
function dictionaryBefore(text: string, at: number): string {
  const from = Math.max(0, at - 8192);
  const obj = text.lastIndexOf('obj', at);
  return text.slice(obj >= from ? obj : from, at);
}

function numberAfter(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)(?![\\d.]|\\s+\\d+\\s+R)`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

function millions(n: number): string {
  return (n / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** Inflates with zlib's output cap; only the cap being hit is an error here, anything else is pdf.js's to judge. */
function inflateWithin(data: Buffer, maxBytes: number): void {
  try {
    inflateSync(data, { maxOutputLength: maxBytes, finishFlush: 2 /* Z_SYNC_FLUSH: a stream cut short still counts */ });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImportError(
        'too_large',
        `the PDF holds a compressed stream that inflates to more than ${Math.round(maxBytes / 1024 / 1024)} MB, the limit for one stream; it is not a CPD record as printed or saved by any common program`,
      );
    }
  }
}
