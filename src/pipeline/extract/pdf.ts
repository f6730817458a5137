/**
 * PDF extractor (issue 3 §2–4): the text layer with positions (pdfjs, as bundled with pdf-parse), filled form
 * fields (AcroForm values placed where their fields sit), and scanned pages read by OCR; then the layout stage
 * rebuilds column tables and labelled blocks, and the summary-certificate check runs.
 *
 * Provenance: table rows carry their page and the line they start on; block values carry `page P, line L`;
 * OCR values also carry their word confidence (CellInfo.confidence).
 *
 * Bad input: an encrypted PDF → `password_protected` (pdfjs opens those with an empty user password itself); a
 * broken cross-reference table is rebuilt by pdfjs where it can, else `corrupt`; a PDF with no text, no image
 * and no form value → `empty`; all within the file's time budget (pages checked against the deadline).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gap, ImportError, libraryText, type Gap } from '../../domain/index.js';
import { checkPdfStreams, type PdfStreamLimits } from './pdf-streams.js';
import { DEFAULT_BUDGET, type Budget, type Extraction } from '../types.js';
import { type PageItems, type TextItem } from './layout.js';
import { attachMarkerItems } from './footnotes.js';
import { createOcrEngine, imageForOcr, ocrItems, OcrUnavailable, type OcrEngine } from './ocr.js';
import { extractionFromPages } from './pages.js';

/** Options of {@link extractPdf}. */
export interface PdfOptions {
  /** File name used in messages. */
  fileName: string;
  /** Size, time and OCR limits (defaults: {@link DEFAULT_BUDGET}, OCR 10 pages in 75% of the time limit). */
  budget?: Budget;
  /** An OCR engine to use instead of starting one (tests, reuse); the caller closes it. */
  ocr?: OcrEngine;
}

/** Default number of scanned pages read by OCR per file (our choice; `budget.ocrMaxPages` overrides, 0 = off). */
export const DEFAULT_OCR_MAX_PAGES = 10;
/** Resolution scanned pages are rendered at for OCR, dots per inch. */
export const OCR_DPI = 300;
/** Largest page image rendered for OCR, pixels (an A4 page at 300 dpi is 8.7 MP). */
const MAX_RENDER_PIXELS = 40_000_000;
/** Most pages read from one PDF (our choice: CPD records are short; bounds hostile files). */
export const MAX_PDF_PAGES = 2000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>;

let pdfjsPromise: Promise<PdfJs> | null = null;
/** pdfjs, loaded once and lazily (docs/DESIGN.md §3 "heavy parsers are loaded lazily"). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

function pdfjsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/**
 * Opens a PDF with pdfjs (local CMaps, no eval, no system fonts). Maps pdfjs errors to ImportErrors.
 * No standard-font data: text positions need only the fonts' metrics, and loading the font programs cost ~5%
 * of the text extraction; pages rendered for OCR are images.
 */
export async function openPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const pdfjs = await loadPdfJs();
  const dir = pdfjsDir();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdfjs may take ownership of the buffer
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    enableXfa: false,
    maxImageSize: MAX_RENDER_PIXELS,
    cMapUrl: join(dir, 'cmaps') + '/',
    cMapPacked: true,
    wasmUrl: join(dir, 'wasm') + '/',
    iccUrl: join(dir, 'iccs') + '/',
  });
  try {
    return await task.promise;
  } catch (e) {
    void task.destroy();
    const err = e as { name?: string; message?: string };
    if (err.name === 'PasswordException') {
      throw new ImportError('password_protected', 'the PDF is password-protected: remove the password (print or save it without one) and upload it again');
    }
    if (err.name === 'InvalidPDFException') throw new ImportError('corrupt', 'the PDF is damaged and cannot be read (its structure is invalid or it is truncated)');
    throw new ImportError('corrupt', 'the PDF is damaged and cannot be read', libraryText(e));
  }
}

/** A page's text items, form values and whether it paints images (scanned page candidate). */
interface PageRead {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
  formValues: number;
  hasImage: boolean | null;
}

async function readPage(pdfjs: PdfJs, page: PdfPage, n: number, hasForm: boolean): Promise<PageRead> {
  const vp = page.getViewport({ scale: 1 });
  // Ligatures and odd spaces are normalised by the layout stage (normaliseRunText), not by pdfjs's NFKC pass.
  const tc = await page.getTextContent({ disableNormalization: true });
  const items: TextItem[] = [];
  for (const raw of tc.items) {
    if (!('str' in raw)) continue;
    if (raw.str.trim() === '') continue;
    const [a, b, c, d, e, f] = raw.transform as number[];
    const [x, y] = vp.convertToViewportPoint(e!, f!) as [number, number];
    const size = Math.hypot(c!, d!) || Math.hypot(a!, b!) || raw.height;
    items.push({ text: raw.str, x, y, width: raw.width, size, font: raw.fontName });
  }
  // Footnote markers set small or raised after a value are joined to it (extract/footnotes.ts), before form values.
  const marked = attachMarkerItems(items);
  if (marked !== items) items.splice(0, items.length, ...marked);
  let formValues = 0;
  const annots = hasForm ? ((await page.getAnnotations({ intent: 'display' })) as Array<Record<string, unknown>>) : [];
  for (const an of annots) {
    if (an.subtype !== 'Widget' || an.hidden === true) continue;
    const type = an.fieldType;
    let value = an.fieldValue;
    if (type === 'Ch' && Array.isArray(value)) value = value.join(', ');
    if ((type !== 'Tx' && type !== 'Ch') || typeof value !== 'string' || value.trim() === '') continue;
    const rect = an.rect as number[];
    const [x0, y0, x1, y1] = vp.convertToViewportRectangle(rect) as [number, number, number, number];
    const left = Math.min(x0, x1);
    const top = Math.min(y0, y1);
    const bottom = Math.max(y0, y1);
    const fontSize = Number((an.defaultAppearanceData as { fontSize?: number } | undefined)?.fontSize) || Math.min(12, Math.max(6, (bottom - top) * 0.65));
    const lines = value.split(/\r\n|\r|\n/);
    lines.forEach((l, k) => {
      if (l.trim() === '') return;
      const y = lines.length === 1 && an.multiLine !== true ? bottom - (bottom - top - fontSize * 0.75) / 2 - 0.2 * fontSize : top + fontSize * (k + 1) + 2;
      items.push({ text: l, x: left + 2, y, width: l.length * fontSize * 0.5, size: fontSize, font: 'form-field' });
    });
    formValues++;
  }
  let hasImage: boolean | null = null;
  if (items.length === 0) {
    const ops = await page.getOperatorList();
    const paint = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintImageMaskXObjectRepeat, pdfjs.OPS.paintImageMaskXObjectGroup]);
    hasImage = ops.fnArray.some((op) => paint.has(op));
  }
  return { page: n, width: vp.width, height: vp.height, items, formValues, hasImage };
}

/** Renders a page at {@link OCR_DPI} (less for huge pages) as a black-and-white PGM for OCR. Returns it and its dpi. */
async function renderForOcr(page: PdfPage): Promise<{ image: Uint8Array; dpi: number }> {
  const base = page.getViewport({ scale: 1 });
  let scale = OCR_DPI / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
  const vp = page.getViewport({ scale });
  const { createCanvas } = await import('@napi-rs/canvas');
  const w = Math.max(1, Math.round(vp.width));
  const h = Math.max(1, Math.round(vp.height));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: ctx, viewport: vp, canvas } as unknown as Parameters<PdfPage['render']>[0]).promise;
  const img = ctx.getImageData(0, 0, w, h);
  return { image: imageForOcr(img.data, w, h), dpi: scale * 72 };
}

function pageList(pages: readonly number[]): string {
  if (pages.length === 1) return `page ${pages[0]}`;
  return `pages ${pages.slice(0, 8).join(', ')}${pages.length > 8 ? ` and ${pages.length - 8} more` : ''}`;
}

/**
 * Extracts tables and labelled blocks from a PDF.
 * @returns `tables` (column tables rebuilt from positions: `a1Refs: false`, `table` = 1-based number in the file,
 *   `page` of the header, rows with `page` and `line`), `blocks` (`Label: value` activities with `page`/`line`
 *   refs), `gaps` (furniture removed, OCR used or unavailable, summary certificate, preamble), `yearHint`
 * @throws ImportError `password_protected`, `corrupt`, `empty` (no text, image or form value on any page),
 *   `too_large` (over {@link MAX_PDF_PAGES} pages), `timed_out` (past `budget.timeoutMs`)
 */
export async function extractPdf(bytes: Uint8Array, opts: PdfOptions): Promise<Extraction> {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const started = Date.now();
  const deadline = started + budget.timeoutMs;
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  const limits: PdfStreamLimits = {};
  if (budget.maxStreamBytes !== undefined) limits.maxStreamBytes = budget.maxStreamBytes;
  if (budget.maxImagePixels !== undefined) limits.maxImagePixels = budget.maxImagePixels;
  checkPdfStreams(bytes, limits);
  const pdfjs = await loadPdfJs();
  const doc = await openPdf(bytes);
  const gaps: Gap[] = [];
  let ocr: OcrEngine | null = opts.ocr ?? null;
  const ownOcr = opts.ocr === undefined;
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new ImportError('too_large', `the PDF has ${doc.numPages} pages, over the limit of ${MAX_PDF_PAGES}`);
    // Form fields are looked for only in a PDF with an interactive form (AcroForm).
    const info = (await doc.getMetadata().catch(() => null))?.info as { IsAcroFormPresent?: boolean } | undefined;
    const hasForm = info?.IsAcroFormPresent !== false;
    const pages: PageItems[] = [];
    const scanned: number[] = [];
    const blank: number[] = [];
    let formValues = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > deadline) throw timedOut(budget);
      let page: PdfPage;
      try {
        page = await doc.getPage(n);
      } catch {
        gaps.push(gap(null, 'skipped', 'warning', `page ${n} is damaged and could not be read; nothing on it was imported`));
        continue;
      }
      const r = await readPage(pdfjs, page, n, hasForm);
      formValues += r.formValues;
      if (r.items.length === 0) {
        if (r.hasImage) scanned.push(n);
        else blank.push(n);
      }
      pages.push({ page: n, width: r.width, height: r.height, items: r.items });
      page.cleanup();
    }
    if (formValues > 0) gaps.push(gap(null, 'format', 'info', `${formValues} filled form field${formValues === 1 ? '' : 's'} read from the PDF form (the values are not part of the page text)`));

    // Scanned pages: OCR within the page cap and the time limit.
    if (scanned.length > 0) {
      const cap = budget.ocrMaxPages ?? DEFAULT_OCR_MAX_PAGES;
      const ocrDeadline = started + (budget.ocrTimeoutMs ?? Math.round(budget.timeoutMs * 0.75));
      const toRead = scanned.slice(0, Math.max(0, cap));
      const read: number[] = [];
      const confidences: number[] = [];
      let failure: string | null = cap <= 0 ? 'OCR is switched off' : null;
      for (const n of toRead) {
        if (failure) break;
        const left = ocrDeadline - Date.now();
        if (left < 1000) {
          failure = `the OCR time limit of ${Math.round((ocrDeadline - started) / 1000)} s was reached`;
          break;
        }
        try {
          ocr ??= await createOcrEngine(Math.min(left, 30_000));
          const page = await doc.getPage(n);
          const { image, dpi } = await renderForOcr(page);
          page.cleanup();
          const res = await ocr.recognise(image, Math.max(1000, ocrDeadline - Date.now()));
          const target = pages.find((p) => p.page === n);
          if (target) target.items = ocrItems(res.words, dpi);
          read.push(n);
          confidences.push(res.confidence);
        } catch (e) {
          if (e instanceof ImportError) throw e;
          failure = e instanceof OcrUnavailable ? e.message : 'the OCR engine failed on the page image';
          if (ownOcr && ocr) {
            await ocr.close();
            ocr = null;
          }
        }
      }
      if (read.length > 0) {
        const mean = Math.round(confidences.reduce((a, b) => a + b, 0) / confidences.length);
        gaps.push(gap(null, 'format', 'info', `${pageList(read)} had no text layer (scanned) and ${read.length === 1 ? 'was' : 'were'} read by OCR (mean confidence ${mean}%): check the values against the scan`));
      }
      const unread = scanned.filter((n) => !read.includes(n));
      if (unread.length > 0) {
        const why = failure ?? `OCR reads at most ${cap} scanned page${cap === 1 ? '' : 's'} per file`;
        const allUnread = unread.length === scanned.length && pages.every((p) => p.items.length === 0);
        gaps.push(
          gap(null, allUnread ? 'no_activities' : 'skipped', allUnread ? 'error' : 'warning', `no text layer: ${pageList(unread)} ${unread.length === 1 ? 'is a scanned image' : 'are scanned images'} and ${unread.length === 1 ? 'was' : 'were'} not read (${why}); nothing on ${unread.length === 1 ? 'it' : 'them'} was imported`),
        );
      }
    }
    if (scanned.length === 0 && blank.length === pages.length && formValues === 0) {
      throw new ImportError('empty', `the PDF has no text, no form values and no scanned image (${pages.length} blank page${pages.length === 1 ? '' : 's'})`);
    }
    if (Date.now() > deadline) throw timedOut(budget);

    return extractionFromPages(pages, gaps, 'the PDF');
  } finally {
    if (ownOcr && ocr) await ocr.close();
    await doc.destroy().catch(() => undefined);
  }
}

function timedOut(budget: Budget): ImportError {
  return new ImportError('timed_out', `reading the PDF took longer than the limit of ${Math.round(budget.timeoutMs / 1000)} s`);
}
