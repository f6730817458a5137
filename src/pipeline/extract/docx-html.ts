/**
 * The HTML that mammoth writes, as a light tree for the Word extractor's walk.
 *
 * mammoth's writer emits a narrow, regular HTML: lower-case tags, every attribute `name="value"`, text and
 * attribute values escaped (`&amp;` `&lt;` `&gt;`, and `&quot;` in attributes), `<br />` and `<img … />` closed
 * with a slash, every element closed, nothing else (no comments, no whitespace between tags). A single
 * `indexOf` scan reads that in a fraction of node-html-parser's time (a 2,000-row table: ~10 ms against ~80 ms,
 * and far less garbage). The tree it builds is the one node-html-parser builds for the same input: whenever the
 * input strays from that form — a tag node-html-parser would re-nest (`<div>` inside `<p>`, a `<td>` directly in
 * a `<td>`), a raw-text element (`pre`, `script`), a comment, an unknown entity, an unquoted or single-quoted
 * attribute, an unclosed or mismatched tag — the whole document is parsed by node-html-parser instead and its
 * tree converted, so the result never depends on which parser ran.
 */

export const ELEMENT = 1;
export const TEXT = 3;

/** A text node: `text` is decoded (entities resolved). */
export interface HtmlText {
  readonly nodeType: typeof TEXT;
  readonly text: string;
}

/** An element: `tag` in lower case; attributes by lower-case name, decoded. */
export interface HtmlElement {
  readonly nodeType: typeof ELEMENT;
  readonly tag: string;
  readonly childNodes: HtmlNode[];
  /** Whether the start tag has any attribute text at all (a cheap test before {@link getAttribute}). */
  readonly hasAttrs: boolean;
  getAttribute(name: string): string | undefined;
}

export type HtmlNode = HtmlElement | HtmlText;

const ENTITY: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
/** An `&` that does not start one of the four entities mammoth writes. */
const OTHER_AMP = /&(?!(?:amp|lt|gt|quot);)/;
const DECODE = /&(?:amp|lt|gt|quot);/g;

function decode(s: string): string {
  return s.indexOf('&') === -1 ? s : s.replace(DECODE, (e) => ENTITY[e]!);
}

/** node-html-parser's attribute pattern (HTMLElement.rawAttributes), so that both parsers read attributes alike. */
const ATTR = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9-._:()[\]#]*)(?:\s*=\s*((?:'[^']*')|(?:"[^"]*")|\S+))?/g;

class Element implements HtmlElement {
  readonly nodeType = ELEMENT;
  readonly childNodes: HtmlNode[] = [];
  readonly hasAttrs: boolean;
  private attrs: Record<string, string> | undefined;

  constructor(
    readonly tag: string,
    private readonly rawAttrs: string,
    attrs?: Record<string, string>,
  ) {
    this.attrs = attrs;
    this.hasAttrs = attrs !== undefined ? Object.keys(attrs).length > 0 : rawAttrs !== '';
  }

  getAttribute(name: string): string | undefined {
    this.attrs ??= parseAttrs(this.rawAttrs);
    return this.attrs[name.toLowerCase()];
  }
}

/** Attributes as node-html-parser reads them (`rawAttributes` then `attrs`): first non-empty value per name wins. */
function parseAttrs(raw: string): Record<string, string> {
  const rawAttrs: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(raw)) !== null) {
    const key = m[1]!;
    if (key === '__proto__') continue;
    let val: string | null = m[2] || null;
    if (val && (val[0] === "'" || val[0] === '"')) val = val.slice(1, val.length - 1);
    rawAttrs[key] = rawAttrs[key] || val;
  }
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key in rawAttrs) out[key.toLowerCase()] = decode(rawAttrs[key] || '');
  return out;
}

/** node-html-parser's void elements (closed where they open). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements node-html-parser reads as raw text. */
const RAW_TEXT = new Set(['script', 'noscript', 'style', 'pre']);
/** Parent tag → opening tags that make node-html-parser close the parent first (its kElementsClosedByOpening). */
const CLOSED_BY_OPENING: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['li', new Set(['li'])],
  ['p', new Set(['p', 'div'])],
  ['b', new Set(['div'])],
  ['td', new Set(['td', 'th', 'tr', 'tbody', 'tfoot'])],
  ['th', new Set(['td', 'th', 'tr', 'tbody', 'tfoot'])],
  ['tr', new Set(['tr', 'tbody', 'tfoot'])],
  ['thead', new Set(['tbody', 'tfoot'])],
  ['tbody', new Set(['tbody', 'tfoot'])],
  ['h1', new Set(['h1'])],
  ['h2', new Set(['h2'])],
  ['h3', new Set(['h3'])],
  ['h4', new Set(['h4'])],
  ['h5', new Set(['h5'])],
  ['h6', new Set(['h6'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
]);
const TAG_NAME = /^[a-z][a-z0-9]*$/;
/** Attribute text mammoth writes: ` name="value"` pairs, values without quotes of the other kind or markup. */
const ATTRS = /^(?:\s+[a-z][a-z0-9-]*="[^"'<>]*")*\s*$/;

/** The input is not in mammoth's form: parse it with node-html-parser instead. */
const NOT_MAMMOTH = Symbol('not mammoth html');

/** Parses mammoth's HTML fast, or returns {@link NOT_MAMMOTH}. */
function parseMammoth(html: string): HtmlElement | typeof NOT_MAMMOTH {
  const root = new Element('', '');
  const stack: Element[] = [root];
  let cur = root;
  const n = html.length;
  let pos = 0;
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    const end = lt === -1 ? n : lt;
    if (end > pos) {
      const raw = html.slice(pos, end);
      if (raw.indexOf('&') !== -1 && OTHER_AMP.test(raw)) return NOT_MAMMOTH;
      cur.childNodes.push({ nodeType: TEXT, text: decode(raw) });
    }
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    if (gt === -1) return NOT_MAMMOTH;
    if (html.charCodeAt(lt + 1) === 47 /* / */) {
      const name = html.slice(lt + 2, gt);
      if (name !== cur.tag || stack.length === 1) return NOT_MAMMOTH;
      stack.pop();
      cur = stack[stack.length - 1]!;
    } else {
      let body = html.slice(lt + 1, gt);
      const selfClosing = body.charCodeAt(body.length - 1) === 47; /* / */
      if (selfClosing) body = body.slice(0, -1);
      let sp = body.search(/\s/);
      if (sp === -1) sp = body.length;
      const name = body.slice(0, sp);
      const attrs = body.slice(sp);
      if (!TAG_NAME.test(name) || RAW_TEXT.has(name)) return NOT_MAMMOTH;
      if (attrs !== '' && (!ATTRS.test(attrs) || (attrs.indexOf('&') !== -1 && OTHER_AMP.test(attrs)))) return NOT_MAMMOTH;
      if (!selfClosing && CLOSED_BY_OPENING.get(cur.tag)?.has(name) === true) return NOT_MAMMOTH;
      const el = new Element(name, attrs.trim());
      cur.childNodes.push(el);
      if (!selfClosing && !VOID.has(name)) {
        stack.push(el);
        cur = el;
      }
    }
    pos = gt + 1;
  }
  return stack.length === 1 ? root : NOT_MAMMOTH;
}

/** node-html-parser's tree in this module's form (comments and other node kinds dropped, as the walk ignores them). */
async function parseGeneric(html: string): Promise<HtmlElement> {
  const { parse } = await import('node-html-parser');
  type NhpNode = ReturnType<typeof parse>['childNodes'][number];
  const convert = (n: NhpNode): HtmlNode | null => {
    if (n.nodeType === TEXT) return { nodeType: TEXT, text: n.text };
    if (n.nodeType !== ELEMENT) return null;
    const e = n as ReturnType<typeof parse>;
    const el = new Element((e.rawTagName ?? '').toLowerCase(), '', Object.assign(Object.create(null) as Record<string, string>, e.attrs));
    for (const c of e.childNodes) {
      const k = convert(c);
      if (k) el.childNodes.push(k);
    }
    return el;
  };
  return convert(parse(html)) as HtmlElement;
}

/**
 * Parses the HTML of mammoth's `convertToHtml` into the tree node-html-parser would build (see the module
 * comment); the root's `childNodes` are the body's top-level nodes.
 */
export async function parseMammothHtml(html: string): Promise<HtmlElement> {
  const fast = parseMammoth(html);
  return fast === NOT_MAMMOTH ? parseGeneric(html) : fast;
}

/** For tests: whether {@link parseMammothHtml} reads `html` with its own scan (true) or with node-html-parser. */
export function readsAsMammoth(html: string): boolean {
  return parseMammoth(html) !== NOT_MAMMOTH;
}

/** For tests: the node-html-parser reading of `html`, in this module's form. */
export function parseWithNodeHtmlParser(html: string): Promise<HtmlElement> {
  return parseGeneric(html);
}
