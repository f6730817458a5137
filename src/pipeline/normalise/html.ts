/**
 * HTML in a text cell → plain text (issue 9 scope 5: learning platforms and CPD portals export descriptions as
 * HTML — `<p>Learn <b>Python</b> basics</p><ul><li>one</li></ul>`, `R&amp;D`, `&nbsp;`, `<br/>`).
 *
 * Parsing HTML is a format taken from a well-kept library, node-html-parser (already the Word extractor's), loaded
 * only when a text holds a tag-like `<x` or a character reference such as `&amp;`: most cells never load it. It is
 * loaded synchronously (`createRequire`) because the normalisers are synchronous.
 *
 * Only text that is HTML is changed: it must hold a whole tag (`<p>`, `</b>`, `<br/>`) of an HTML element; a `<` that
 * opens none (`<john@example.com>`, `a <b and c`, `x<y`) leaves the text as written. Pure functions, no I/O beyond
 * loading the module once.
 */
import { createRequire } from 'node:module';
import type { HTMLElement, Node } from 'node-html-parser';

type HtmlParser = typeof import('node-html-parser');

let parser: HtmlParser | undefined;

function load(): HtmlParser {
  parser ??= createRequire(import.meta.url)('node-html-parser') as HtmlParser;
  return parser;
}

/** A tag-like `<x`, `</x` or `<!--`: the cue to parse the text as HTML. */
const TAG_LIKE_RE = /<(?:\/?[a-z]|!--)/i;
/** A character reference: `&amp;`, `&nbsp;`, `&#169;`, `&#xA9;`. */
const ENTITY_RE = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;

/** HTML elements that end a line (the text after them starts a new line). */
const LINE_BLOCKS = new Set(['BR', 'DIV', 'LI', 'TR', 'DT', 'DD', 'CAPTION', 'FIGCAPTION', 'ADDRESS', 'HR']);
/** HTML elements that are paragraphs (a blank line before and after). */
const PARAGRAPHS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'DL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'SECTION', 'ARTICLE',
  'HEADER', 'FOOTER', 'MAIN', 'NAV', 'ASIDE', 'FIGURE', 'FORM', 'FIELDSET',
]);
/** Inline HTML elements: their text runs on. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BIG', 'CITE', 'CODE', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'KBD', 'MARK', 'Q', 'S', 'SAMP',
  'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'LABEL', 'TD', 'TH', 'IMG', 'WBR',
  'THEAD', 'TBODY', 'TFOOT', 'CENTER', 'HTML', 'BODY',
]);
/** Elements whose content is not text for a reader. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'HEAD', 'TITLE', 'TEMPLATE', 'NOSCRIPT']);

function isHtmlElement(tag: string): boolean {
  return LINE_BLOCKS.has(tag) || PARAGRAPHS.has(tag) || INLINE.has(tag) || SKIPPED.has(tag);
}

/** A whole tag: `<p>`, `<a href="…">`, `</b>`, `<br/>`, its name in group 1. */
const WHOLE_TAG_RE = /<\/?([a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/gi;

/** True when the text holds a whole tag of an HTML element (not a stray `<word>` or `a <b` in prose). */
function hasHtmlTag(text: string): boolean {
  WHOLE_TAG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WHOLE_TAG_RE.exec(text)) !== null) if (isHtmlElement(m[1]!.toUpperCase())) return true;
  return false;
}

const WS_RE = /[ \t\r\n\f]+/g;
const ABSOLUTE_URL_RE = /^https?:\/\//i;

/** Collects text with the line structure of the rendered HTML: breaks are `1` (new line) or `2` (blank line). */
class TextOut {
  private out = '';
  private pending = 0;
  private atLineStart = true;
  brk(level: 1 | 2): void {
    if (this.out !== '' && level > this.pending) this.pending = level;
  }
  text(t: string, pre: boolean): void {
    let s = pre ? t : t.replace(WS_RE, ' ');
    if (this.pending > 0) {
      if (!pre) s = s.replace(/^ /, '');
      if (s === '') return;
      this.out = this.out.replace(/ +$/, '') + (this.pending === 2 ? '\n\n' : '\n');
      this.pending = 0;
      this.atLineStart = true;
    }
    if (this.atLineStart && !pre) s = s.replace(/^ /, '');
    if (s === '') return;
    this.out += s;
    this.atLineStart = s.endsWith('\n');
  }
  result(): string {
    return this.out.replace(/ +$/, '');
  }
}

function walk(node: Node, out: TextOut, pre: boolean, list: { ordered: boolean; n: number } | null): void {
  let cells = 0;
  for (const c of node.childNodes) {
    if (c.nodeType === 3) {
      out.text(c.text, pre);
      continue;
    }
    if (c.nodeType !== 1) continue;
    const el = c as HTMLElement;
    const tag = el.tagName;
    if (SKIPPED.has(tag)) continue;
    if (tag === 'BR') {
      out.brk(1);
      // a <br> on an empty line still counts: two in a row make a blank line
      out.text('\u200b', true);
      continue;
    }
    if ((tag === 'TD' || tag === 'TH') && cells++ > 0) out.text(' | ', false);
    const para = PARAGRAPHS.has(tag);
    const line = LINE_BLOCKS.has(tag);
    if (para) out.brk(2);
    else if (line) out.brk(1);
    if (tag === 'LI' && list !== null) {
      list.n++;
      out.text(list.ordered ? `${list.n}. ` : '- ', false);
    }
    const inner = tag === 'UL' || tag === 'OL' ? { ordered: tag === 'OL', n: 0 } : list;
    walk(el, out, pre || tag === 'PRE', inner);
    if (tag === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (ABSOLUTE_URL_RE.test(href) && !el.text.includes(href)) out.text(` (${href})`, false);
    }
    if (para) out.brk(2);
    else if (line) out.brk(1);
  }
}

/**
 * The plain text of `text` when it holds HTML or character references, else `undefined` (the text is not HTML and
 * is kept as written).
 * - Elements: paragraphs, headings, lists and tables end with a blank line; `<br>`, `<div>`, `<li>` and table rows
 *   with a line break; list items start `- ` (`1. ` in an ordered list); table cells are joined with ` | `; a link
 *   keeps its address in brackets when the text does not show it; scripts and styles are dropped.
 * - Character references are decoded (`&amp;` → `&`, `&nbsp;` → a no-break space, `&#169;` → `©`).
 * - White space runs as in a browser (collapsed to one space, except in `<pre>`). Line breaks are `\n`; the caller's
 *   text clean-up trims and collapses what is left.
 */
export function htmlToText(text: string): string | undefined {
  if (TAG_LIKE_RE.test(text) && hasHtmlTag(text)) {
    const out = new TextOut();
    walk(load().parse(text), out, false, null);
    return out.result().replace(/\u200b/g, '');
  }
  return ENTITY_RE.test(text) ? new (load().TextNode)(text).text : undefined;
}

/** True when {@link htmlToText} would read `text` (it holds a tag-like `<x` or a character reference): a cheap test. */
export function mayHoldHtml(text: string): boolean {
  return text.indexOf('<') !== -1 ? TAG_LIKE_RE.test(text) || ENTITY_RE.test(text) : text.indexOf('&') !== -1 && ENTITY_RE.test(text);
}
