/**
 * Web page extractor (`.html`, `.htm`, and the "Excel" exports of learning systems that are HTML tables named
 * `.xls`; issue 15 §3). A saved online CPD record, a portal's printable view, an LMS transcript page: tables and
 * labelled blocks, read as from a Word document (`extractionFromHtml` in `docx.ts`, the same walker over mammoth's
 * HTML).
 *
 * A web page is not mammoth's flat list of paragraphs and tables, so it is flattened first: scripts, styles, forms'
 * controls and navigation are dropped; containers (`div`, `section`, `article`, `main`, layout tables that hold
 * other tables…) are opened; text and inline elements directly inside a container become a paragraph; `<br>` ends
 * a paragraph (a "Date: 3 March<br>Hours: 2" block is two labelled lines, as in Word); a definition list
 * (`<dt>label</dt><dd>value</dd>`) becomes "label: value" lines. Parsing is node-html-parser's.
 */
import type { HTMLElement, Node } from 'node-html-parser';
import { ImportError, libraryText } from '../../domain/index.js';
import { yearFromTitle } from '../map.js';
import { DEFAULT_BUDGET, type Budget, type Extraction } from '../types.js';
import { mailKind } from '../detect.js';
import { decodeText } from './csv.js';
import { extractionFromHtml, MAX_TABLE_NESTING } from './docx.js';

/** Options of {@link extractHtml}. */
export interface HtmlOptions {
  fileName: string;
  budget?: Budget;
}

const ELEMENT = 1;
const TEXT = 3;

/** Elements whose content is never part of a record. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'button', 'select', 'option', 'input', 'textarea', 'iframe', 'object', 'embed', 'canvas', 'img', 'picture', 'video', 'audio', 'nav', 'link', 'meta', 'title', 'base']);
/** Elements the walker reads as they are. */
const KEPT = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'table', 'pre']);
/** Inline elements: their text runs on with the text around them. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'nobr']);

function isEl(n: Node): n is HTMLElement {
  return n.nodeType === ELEMENT;
}

function tagOf(el: HTMLElement): string {
  return (el.rawTagName ?? '').toLowerCase();
}

/** Splits an element's inner HTML at `<br>` into one element of the same tag per line (empty lines dropped). */
function splitAtBreaks(tag: string, inner: string): string[] {
  return inner
    .split(/<br\s*\/?>/i)
    .filter((part) => part.replace(/<[^>]*>|&nbsp;|\s/g, '') !== '')
    .map((part) => `<${tag}>${part}</${tag}>`);
}

/** True for a table used to lay a page out: it holds another table. */
function isLayoutTable(el: HTMLElement): boolean {
  return el.querySelector('table') !== null;
}

/** The flattened body: a list of kept elements (as HTML) in document order. */
function flatten(nodes: readonly Node[], out: string[]): void {
  let run = '';
  const flush = (): void => {
    if (run !== '') out.push(...splitAtBreaks('p', run));
    run = '';
  };
  for (const n of nodes) {
    if (!isEl(n)) {
      if (n.nodeType === TEXT) run += n.toString();
      continue;
    }
    const tag = tagOf(n);
    if (DROPPED.has(tag)) continue;
    if (tag === 'br') {
      run += '<br>';
      continue;
    }
    if (INLINE.has(tag) && n.querySelector('p, div, table, ul, ol, h1, h2, h3, h4, h5, h6, dl') === null) {
      run += n.toString();
      continue;
    }
    flush();
    if (tag === 'table' && isLayoutTable(n)) {
      for (const cell of n.querySelectorAll('td, th')) if (cell.closest('table') === n) flatten(cell.childNodes, out);
    } else if (tag === 'p' || /^h[1-6]$/.test(tag)) {
      if (n.querySelector('table, ul, ol, div, dl') !== null) flatten(n.childNodes, out);
      else out.push(...splitAtBreaks(tag, n.innerHTML));
    } else if (KEPT.has(tag)) {
      out.push(n.toString());
    } else if (tag === 'dl') {
      definitionList(n, out);
    } else {
      flatten(n.childNodes, out);
    }
  }
  flush();
}

/** `<dt>Hours</dt><dd>2</dd>` → `<p>Hours: 2</p>`; a `dd` with no `dt` is a paragraph of its own. */
function definitionList(dl: HTMLElement, out: string[]): void {
  let label: string | null = null;
  for (const c of dl.childNodes) {
    if (!isEl(c)) continue;
    const tag = tagOf(c);
    if (tag === 'dt') label = c.innerHTML;
    else if (tag === 'dd') {
      out.push(label === null ? `<p>${c.innerHTML}</p>` : `<p>${label}: ${c.innerHTML}</p>`);
      label = null;
    } else if (tag === 'div') definitionList(c, out);
  }
}

/**
 * Deepest nesting of elements a page may have (our choice: real pages, even generated ones, stay under 100; reading
 * walks the tree, and a page of 20,000 nested elements would exhaust the stack).
 */
export const MAX_HTML_NESTING = 400;

/** Containers that pages close: only these count towards the depth (an unclosed `<p>` or `<li>` is common HTML). */
const COUNTED = new Set(['div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'span', 'table', 'tbody', 'thead', 'ul', 'ol', 'dl', 'blockquote', 'form', 'fieldset', 'figure', 'details', 'center', 'font', 'b', 'i', 'em', 'strong', 'a']);

/**
 * The deepest nesting of closed containers, and of tables, in a page's markup: a linear scan of its tags, no tree
 * built (so a hostile page costs no more than its length).
 */
export function nestingDepth(html: string): { elements: number; tables: number } {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  let tables = 0;
  let maxTables = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const tag = m[2]!.toLowerCase();
    if (!COUNTED.has(tag) || m[3] === '/') continue;
    if (m[1] === '/') {
      depth = Math.max(0, depth - 1);
      if (tag === 'table') tables = Math.max(0, tables - 1);
    } else {
      max = Math.max(max, ++depth);
      if (tag === 'table') maxTables = Math.max(maxTables, ++tables);
    }
  }
  return { elements: max, tables: maxTables };
}

/**
 * The page of a saved web archive (`.mht`, MIME `multipart/related`; Word's and browsers' "single file" pages): its
 * HTML part, decoded by mailparser (quoted-printable, charsets).
 * @throws ImportError `corrupt` (the archive's parts cannot be read), `empty` (no HTML part)
 */
async function mhtmlPage(bytes: Uint8Array): Promise<string> {
  const { simpleParser } = await import('mailparser');
  let html: string | false | undefined;
  try {
    html = (await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true, keepCidLinks: true })).html;
  } catch (e) {
    throw new ImportError('corrupt', 'a damaged web archive (.mht): its parts cannot be read', libraryText(e));
  }
  if (typeof html !== 'string' || html.trim() === '') throw new ImportError('empty', 'the web archive (.mht) holds no web page');
  return html;
}

/**
 * Extracts tables and labelled blocks from a web page (or the page of a saved web archive, `.mht`).
 * @returns as {@link extractionFromHtml}: tables (`a1Refs: false`, numbered in the page), blocks, gaps, the page's
 *   text; `yearHint` from a preamble or, failing that, the page's `<title>`
 * @throws ImportError `empty` (no text in the page's body), `timed_out` (past `budget.timeoutMs`),
 *   `unsupported_format` (an encoding we cannot read), `too_large` (nested deeper than {@link MAX_HTML_NESTING}
 *   elements or {@link MAX_TABLE_NESTING} tables)
 */
export async function extractHtml(bytes: Uint8Array, opts: HtmlOptions): Promise<Extraction> {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const started = Date.now();
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  const decoded = decodeText(bytes);
  if (mailKind(decoded.text) === 'mhtml') decoded.text = await mhtmlPage(bytes);
  const depth = nestingDepth(decoded.text);
  if (depth.tables > MAX_TABLE_NESTING) {
    throw new ImportError('too_large', `the web page nests tables ${depth.tables} levels deep (the limit is ${MAX_TABLE_NESTING})`);
  }
  if (depth.elements > MAX_HTML_NESTING) {
    throw new ImportError('too_large', `the web page nests its elements ${depth.elements.toLocaleString('en-GB')} levels deep (the limit is ${MAX_HTML_NESTING})`);
  }
  const { parse } = await import('node-html-parser');
  const doc = parse(decoded.text, { comment: false, blockTextElements: { pre: true } });
  const body = doc.querySelector('body') ?? doc;
  const flat: string[] = [];
  flatten(body.childNodes, flat);
  const { ex, anyText } = extractionFromHtml(parse(flat.join('\n')), started, budget, 'the web page');
  ex.gaps.unshift(...decoded.gaps);
  if (ex.tables.length === 0 && ex.blocks.length === 0 && !anyText) throw new ImportError('empty', 'the web page has no text');
  if (ex.yearHint === undefined) {
    const title = doc.querySelector('title')?.text.trim() ?? '';
    const year = title === '' ? undefined : yearFromTitle(title);
    if (year !== undefined) ex.yearHint = year;
  }
  return ex;
}
