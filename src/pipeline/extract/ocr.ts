/**
 * OCR for scanned records (issue 3 §3): tesseract.js with the English data shipped by `@tesseract.js-data/eng`
 * read from a local `langPath` (nothing is downloaded at run time; docs/DESIGN.md §5), under our own time limits for
 * starting the engine and for each page.
 *
 * Output is words with their pixel boxes and confidence (0–100), turned into positioned text items for the
 * layout stage ({@link ocrItems}), so scanned pages go through the same table and block detection as text PDFs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TextItem } from './layout.js';

/** One recognised word: box in pixels (origin top-left), confidence 0–100, and its line's baseline and height. */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
  /** Baseline of the word's line at the word's centre, pixels. */
  baseline: number;
  /** Height of the word's line (ascender to descender), pixels: the font size in pixels, roughly. */
  lineHeight: number;
}

/** A recognised page. `confidence`: tesseract's mean confidence for the page, 0–100. */
export interface OcrPage {
  words: OcrWord[];
  confidence: number;
}

/** A started OCR engine. `recognise` takes an encoded image (PNG, JPEG, PNM/PGM); always `close` it. */
export interface OcrEngine {
  recognise(image: Uint8Array, timeoutMs: number): Promise<OcrPage>;
  close(): Promise<void>;
}

/** Why OCR could not run (the caller turns it into a "no text layer" gap, never a crash). */
export class OcrUnavailable extends Error {
  override readonly name = 'OcrUnavailable';
}

/** Directory holding `eng.traineddata.gz` (LSTM, best_int) inside the npm package `@tesseract.js-data/eng`. */
export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string, onLate?: (v: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new OcrUnavailable(`${what} took longer than ${Math.round(ms / 1000)} s`));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        if (done) onLate?.(v);
        else resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        if (!done) reject(e instanceof OcrUnavailable ? e : new OcrUnavailable(`${what} failed: ${(e as Error)?.message ?? String(e)}`));
      },
    );
  });
}

interface TessBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBbox;
}
interface TessLine {
  words: TessWord[];
  bbox: TessBbox;
  baseline: { x0: number; y0: number; x1: number; y1: number };
}
interface TessBlock {
  paragraphs: Array<{ lines: TessLine[] }>;
}

/**
 * Starts tesseract (English, LSTM) from the local data package. Page segmentation "single column of text of
 * variable sizes" (PSM 4): the automatic mode drops short isolated values such as hours in a table column
 * ("1", "3.5"), which PSM 4 reads line by line; the layout stage rebuilds the columns from the word boxes.
 * @param startTimeoutMs limit for loading the engine and its language data
 * @throws OcrUnavailable when the engine cannot start in time or at all
 */
export async function createOcrEngine(startTimeoutMs: number): Promise<OcrEngine> {
  const T = await import('tesseract.js');
  const tesseract = (T as unknown as { default?: typeof T }).default ?? T;
  const created = tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
    errorHandler: () => undefined,
    logger: () => undefined,
  });
  // A worker that comes up after the deadline is terminated, not leaked.
  const worker = await withTimeout(created, startTimeoutMs, 'starting the OCR engine', (w) => void w.terminate());
  try {
    await worker.setParameters({ tessedit_pageseg_mode: tesseract.PSM.SINGLE_COLUMN, user_defined_dpi: '300', preserve_interword_spaces: '0' });
  } catch (e) {
    await worker.terminate();
    throw new OcrUnavailable(`configuring the OCR engine failed: ${(e as Error).message}`);
  }
  let closed = false;
  let localThreshold = false;
  return {
    async recognise(image: Uint8Array, timeoutMs: number): Promise<OcrPage> {
      if (closed) throw new OcrUnavailable('the OCR engine was stopped');
      // A grey image (imageForOcr keeps unevenly lit ones grey) is thresholded locally: tesseract 5's Sauvola
      // (thresholding_method 2); a binary one with the default (Otsu), which leaves it as it is — Sauvola did not,
      // and misread a date on a scan.
      const grey = hasGreyLevels(image);
      if (grey !== localThreshold) {
        await worker.setParameters({ thresholding_method: grey ? '2' : '0' } as Parameters<typeof worker.setParameters>[0]);
        localThreshold = grey;
      }
      // rotateAuto: Tesseract measures the text lines' skew and reads the page rotated straight (a scan fed in a
      // degree or two askew otherwise loses a column to the layout; Word/PDF trial finding). Word boxes come back in
      // the straightened page's coordinates, which is what the layout works on.
      const job = worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), { rotateAuto: true }, { blocks: true, text: false });
      let res;
      try {
        res = await withTimeout(job, timeoutMs, 'reading the page by OCR');
      } catch (e) {
        closed = true;
        await worker.terminate().catch(() => undefined);
        throw e;
      }
      const words: OcrWord[] = [];
      for (const b of (res.data.blocks ?? []) as unknown as TessBlock[]) {
        for (const p of b.paragraphs) {
          for (const l of p.lines) {
            const h = Math.max(1, l.bbox.y1 - l.bbox.y0);
            for (const w of l.words) {
              const text = w.text.trim();
              if (text === '') continue;
              const cx = (w.bbox.x0 + w.bbox.x1) / 2;
              const bl = l.baseline;
              const slope = bl.x1 !== bl.x0 ? (bl.y1 - bl.y0) / (bl.x1 - bl.x0) : 0;
              const baseline = Number.isFinite(bl.y0) ? bl.y0 + slope * (cx - bl.x0) : w.bbox.y1;
              words.push({ text, x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1, confidence: w.confidence, baseline, lineHeight: h });
            }
          }
        }
      }
      return { words, confidence: res.data.confidence };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await worker.terminate().catch(() => undefined);
    },
  };
}

/** Below this confidence a one-character word other than a digit or "&" is taken for a speck (our choice). */
const SPECK_CONFIDENCE = 60;

/** A "word" that is only the ruling of a table read as bars or brackets ("|", "||", "[", "¦"). */
const RULE_WORD_RE = /^[|¦‖[\]]+$/u;

/**
 * Converts OCR words to layout items in points: pixels × `72 / dpi` (so a 300 dpi scan lands on PDF page
 * coordinates); the item size is the line height (≈ 1 em); confidence is kept per word. A table's ruling read as a
 * word ("|") is dropped and a bar stuck to a word is cut off: it is no text, and as a word it sat in the gutter
 * between columns and ended the table (Word/PDF trial 2: the rows after it were lost). A one-letter word read with
 * low confidence is a speck and is dropped too.
 */
export function ocrItems(words: readonly OcrWord[], dpi: number): TextItem[] {
  const k = 72 / dpi;
  const out: TextItem[] = [];
  for (const w of words) {
    if (RULE_WORD_RE.test(w.text)) continue;
    // A speck read as a letter ("B" at 56%) in the margin of a cell: it made its line look taller than the table's
    // text (a heading, ending the table) and put a letter in the date column.
    if (w.text.length === 1 && w.confidence < SPECK_CONFIDENCE && !/[\p{N}&]/u.test(w.text)) continue;
    const text = w.text.replace(/^[|¦]+|[|¦]+$/gu, '');
    if (text === '') continue;
    out.push({ text, x: w.x0 * k, y: w.baseline * k, width: Math.max(0.1, (w.x1 - w.x0) * k), size: Math.max(1, w.lineHeight * k), confidence: w.confidence });
  }
  return out;
}

/**
 * Prepares a page image for OCR: 8-bit RGBA → grey (ITU-R BT.601 luma; transparent pixels count as paper) →
 * black and white at Otsu's threshold → binary PGM (P5), which tesseract's Leptonica reads directly (faster than
 * compressing a 300 dpi page to PNG).
 *
 * Why binarise: on JPEG-compressed scans tesseract read "3.5" as "35" or "33", or dropped a lone "1", at 93–95%
 * confidence (measured on fixtures/scan at JPEG quality 80–95); after thresholding it read them right every time.
 * Unevenly lit images (over a third black at Otsu's threshold) stay grey for tesseract's local thresholding.
 */
export function imageForOcr(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const n = width * height;
  const head = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  const grey = out.subarray(head.length);
  const hist = new Uint32Array(256);
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    const a = rgba[i + 3]!;
    const y = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
    const v = a === 255 ? y : 255 - ((255 - y) * a) / 255;
    grey[p] = v;
    hist[grey[p]!]!++;
  }
  const t = otsu(hist, n);
  let ink = 0;
  for (let i = 0; i <= t; i++) ink += hist[i]!;
  // A page is mostly paper. When one threshold for the whole image would turn over a third of it black, the light
  // is uneven (a photo with shading): keep the grey image and let tesseract threshold it locally (Sauvola, set on
  // the engine); a global threshold blacked out the shaded half of a photographed log (Word/PDF trial 2).
  if (ink > n * MAX_INK_SHARE) return out;
  for (let p = 0; p < n; p++) grey[p] = grey[p]! <= t ? 0 : 255;
  return out;
}

/** True when an image is not black and white only: a PGM (P5) with a grey level other than 0 and 255, or another format. */
function hasGreyLevels(image: Uint8Array): boolean {
  if (image[0] !== 0x50 || image[1] !== 0x35) return true;
  // header: "P5\n<w> <h>\n255\n"
  let lines = 0;
  let i = 0;
  while (i < image.length && lines < 3) if (image[i++] === 0x0a) lines++;
  for (; i < image.length; i++) {
    const v = image[i]!;
    if (v !== 0 && v !== 255) return true;
  }
  return false;
}

/** Share of a page that Otsu's threshold may turn black before the light is taken to be uneven (our choice). */
const MAX_INK_SHARE = 1 / 3;

/** Otsu's threshold of a 256-bin histogram (the grey level that best separates ink from paper). */
export function otsu(hist: Uint32Array, total: number): number {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let i = 0; i < 256; i++) {
    wB += hist[i]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += i * hist[i]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

/**
 * Decodes a PNG or JPEG (pure JavaScript decoders) and prepares it with {@link imageForOcr}.
 * @throws Error when the image cannot be decoded
 */
export async function encodedImageForOcr(bytes: Uint8Array): Promise<{ image: Uint8Array; width: number; height: number; scale: number }> {
  // Decoded in JavaScript (pngjs, jpeg-js), not by the native canvas: a malformed image crashed the native
  // decoder with a segmentation fault, taking the whole process with it; these throw an Error instead.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50) {
    const { PNG } = await import('pngjs');
    const png = PNG.sync.read(buf);
    ({ width, height } = png);
    rgba = flattenOnWhite(png.data, png.width, png.height);
  } else {
    const jpeg = await import('jpeg-js');
    const img = jpeg.default.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_DECODE_MP, maxMemoryUsageInMB: 1024 });
    ({ width, height } = img);
    rgba = img.data;
  }
  if (width === 0 || height === 0) throw new Error('the image has no pixels');
  // A small image (a phone photo of a page, a screenshot) is enlarged twice before OCR: tesseract reads print a few
  // pixels high unreliably — a 1,241-pixel photo of a log gave "15" for 1.5 h and lost a standard's number, at high
  // confidence; the same photo enlarged read right (Word/PDF trial 2).
  if (Math.max(width, height) < SMALL_IMAGE_PX) {
    const big = await enlarged(rgba, width, height, 2);
    return { image: imageForOcr(big, width * 2, height * 2), width: width * 2, height: height * 2, scale: 2 };
  }
  return { image: imageForOcr(rgba, width, height), width, height, scale: 1 };
}

/** Images whose longer side is below this many pixels are enlarged for OCR (our choice: an A4 page at 180 dpi). */
const SMALL_IMAGE_PX = 2100;

/**
 * Enlarges decoded RGBA pixels `k` times with smooth (bilinear or better) interpolation, by @napi-rs/canvas. The
 * pixels were decoded in JavaScript: the native code only resamples them, it never parses the file.
 */
async function enlarged(rgba: Uint8Array, width: number, height: number, k: number): Promise<Uint8ClampedArray> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const src = createCanvas(width, height);
  const sctx = src.getContext('2d');
  const data = sctx.createImageData(width, height);
  data.data.set(rgba);
  sctx.putImageData(data, 0, 0);
  const dst = createCanvas(width * k, height * k);
  const dctx = dst.getContext('2d');
  dctx.imageSmoothingEnabled = true;
  dctx.imageSmoothingQuality = 'high';
  dctx.drawImage(src, 0, 0, width * k, height * k);
  return dctx.getImageData(0, 0, width * k, height * k).data;
}

/** Largest image decoded, in megapixels (a 300 dpi A3 scan is about 17.4 MP). */
const MAX_DECODE_MP = 120;

/** Composites RGBA over white (transparent scans read as white paper, as the canvas path did). */
function flattenOnWhite(data: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const a = data[i * 4 + 3]!;
    if (a === 255) continue;
    const f = a / 255;
    for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(data[i * 4 + c]! * f + 255 * (1 - f));
    data[i * 4 + 3] = 255;
  }
  return data;
}
