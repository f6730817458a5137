/**
 * Image extractor (`.png`, `.jpg`; issue 3 §3): a photographed or scanned paper record is read by OCR and goes
 * through the same layout detection as a PDF page (tables from word positions, labelled blocks). Every value
 * carries its OCR confidence; a value below the threshold gets an `ocr_low_confidence` gap (build stage).
 *
 * Without OCR (switched off with `budget.ocrMaxPages = 0`, or the engine failing) the file gets a clear
 * "no text layer" file-level gap and no records — never zero records silently.
 */
import { gap, ImportError, type Gap } from '../../domain/index.js';
import { DEFAULT_BUDGET, type Budget, type Extraction } from '../types.js';
import { createOcrEngine, encodedImageForOcr, ocrItems, OcrUnavailable, type OcrEngine } from './ocr.js';
import { extractionFromPages } from './pages.js';
import { DEFAULT_MAX_IMAGE_PIXELS } from './pdf-streams.js';

/** Options of {@link extractImage}. */
export interface ImageOptions {
  fileName: string;
  budget?: Budget;
  /** An OCR engine to use instead of starting one (the caller closes it). */
  ocr?: OcrEngine;
}


/** What the header of a PNG or JPEG says. `dpi` is null when the file states none. */
export interface ImageInfo {
  type: 'png' | 'jpeg';
  width: number;
  height: number;
  dpi: number | null;
}

/**
 * Reads the type, pixel size and stated resolution of a PNG (IHDR, pHYs) or JPEG (JFIF density, SOFn).
 * Returns null for other or truncated data.
 */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const width = dv.getUint32(16);
    const height = dv.getUint32(20);
    let dpi: number | null = null;
    let p = 8;
    while (p + 12 <= b.length) {
      const len = dv.getUint32(p);
      const type = String.fromCharCode(b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
      if (type === 'pHYs' && len >= 9 && p + 17 <= b.length) {
        const ppu = dv.getUint32(p + 8);
        if (b[p + 16] === 1 && ppu > 0) dpi = Math.round(ppu * 0.0254);
        break;
      }
      if (type === 'IDAT' || type === 'IEND') break;
      p += 12 + len;
    }
    return { type: 'png', width, height, dpi };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let dpi: number | null = null;
    let p = 2;
    while (p + 4 <= b.length) {
      if (b[p] !== 0xff) return null;
      const marker = b[p + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        p += 2;
        continue;
      }
      const len = dv.getUint16(p + 2);
      if (marker === 0xe0 && p + 18 <= b.length && String.fromCharCode(b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!) === 'JFIF') {
        const units = b[p + 11];
        const xd = dv.getUint16(p + 12);
        if (xd > 1) dpi = units === 1 ? xd : units === 2 ? Math.round(xd * 2.54) : null;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        if (p + 9 > b.length) return null;
        return { type: 'jpeg', height: dv.getUint16(p + 5), width: dv.getUint16(p + 7), dpi };
      }
      p += 2 + len;
    }
  }
  return null;
}

/**
 * Reads a scanned record from a PNG or JPEG image by OCR.
 * @returns tables and blocks as for a PDF page (page 1), values with OCR confidence; `gaps` say the values were
 *   read by OCR, or that there is no text layer and OCR was off or failed
 * @throws ImportError `unsupported_format` (not a PNG/JPEG), `corrupt` (header unreadable), `too_large` (over
 *   `budget.maxImagePixels`, default {@link DEFAULT_MAX_IMAGE_PIXELS}), `empty` (0 bytes)
 */
export async function extractImage(bytes: Uint8Array, opts: ImageOptions): Promise<Extraction> {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const started = Date.now();
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  const info = imageInfo(bytes);
  if (!info) throw new ImportError('corrupt', 'the image is damaged or not a PNG or JPEG image');
  if (info.width === 0 || info.height === 0) throw new ImportError('corrupt', 'the image has no pixels');
  const maxPixels = budget.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  if (info.width * info.height > maxPixels) {
    const over = ((info.width * info.height - maxPixels) / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 });
    throw new ImportError(
      'too_large',
      `the image is ${info.width.toLocaleString('en-GB')} × ${info.height.toLocaleString('en-GB')} pixels, over the limit of ${maxPixels / 1e6} million pixels for one image by ${over} million; scan it again at 300 dpi`,
    );
  }
  const dpi = info.dpi !== null && info.dpi >= 50 && info.dpi <= 2400 ? info.dpi : 300;
  const gaps: Gap[] = [];
  const cap = budget.ocrMaxPages ?? 10;
  const noText = (why: string): Extraction => {
    gaps.push(gap(null, 'no_activities', 'error', `no text layer: the file is an image (a scan or photo) and could not be read (${why}); nothing was imported`));
    return { tables: [], blocks: [], gaps };
  };
  if (cap <= 0) return noText('OCR is switched off');
  const ocrTimeout = budget.ocrTimeoutMs ?? Math.round(budget.timeoutMs * 0.75);
  let ocr: OcrEngine | null = opts.ocr ?? null;
  const own = opts.ocr === undefined;
  try {
    let prepared: Uint8Array;
    let enlargedBy = 1;
    try {
      ({ image: prepared, scale: enlargedBy } = await encodedImageForOcr(bytes));
    } catch {
      throw new ImportError('corrupt', 'the image is damaged and cannot be decoded');
    }
    ocr ??= await createOcrEngine(Math.min(ocrTimeout, 30_000));
    const res = await ocr.recognise(prepared, Math.max(1000, started + ocrTimeout - Date.now()));
    if (!res.words.some((w) => /[\p{L}\p{N}]/u.test(w.text)) || Math.round(res.confidence) === 0) {
      // A photo (a beach, a whiteboard far off): no values to check against it, and no log missing its headings.
      gaps.push(gap(null, 'no_activities', 'info', 'the image reads as a picture with no text or table (a photo, not a scan of a CPD log): OCR found no words in it, so nothing was imported'));
      return { tables: [], blocks: [], gaps };
    }
    gaps.push(gap(null, 'format', 'info', `the image was read by OCR (mean confidence ${Math.round(res.confidence)}%): check the values against the scan`));
    const scale = 72 / dpi;
    return extractionFromPages([{ page: 1, width: info.width * scale, height: info.height * scale, items: ocrItems(res.words, dpi * enlargedBy) }], gaps, 'the image');
  } catch (e) {
    if (e instanceof ImportError) throw e;
    return noText(e instanceof OcrUnavailable ? e.message : 'the OCR engine failed on the image');
  } finally {
    if (own && ocr) await ocr.close();
  }
}
