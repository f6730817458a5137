/**
 * The reader of mammoth's HTML (src/pipeline/extract/docx-html.ts) builds the tree node-html-parser builds: on
 * mammoth's own output (its fast scan), and on anything else (where it hands over to node-html-parser).
 */
import { describe, expect, it } from 'vitest';
import { parseMammothHtml, parseWithNodeHtmlParser, readsAsMammoth, TEXT, type HtmlNode } from '../../src/pipeline/extract/docx-html.js';

const ATTRS = ['href', 'id', 'colspan', 'rowspan', 'src', 'alt', 'class', 'x'];

function shape(n: HtmlNode): unknown {
  if (n.nodeType === TEXT) return n.text;
  return [n.tag, n.hasAttrs, ATTRS.map((a) => n.getAttribute(a) ?? null), n.childNodes.map(shape)];
}

async function same(html: string): Promise<void> {
  expect(shape(await parseMammothHtml(html)), html).toEqual(shape(await parseWithNodeHtmlParser(html)));
}

const MAMMOTH = [
  '',
  'plain text',
  '<h1>CPD Record 2024</h1><p>Name: Sam &amp; Jo &lt;x&gt; &quot;q&quot; &amp;amp;</p>',
  '<table><tr><td><p>Date</p></td><td colspan="2"><p>Activity</p></td></tr><tr><td rowspan="3"><p>a<br />b</p></td><td></td></tr></table>',
  '<table><thead><tr><th><p>H</p></th></tr></thead><tbody><tr><td><table><tr><td><p>nested</p></td></tr></table></td></tr></tbody></table>',
  '<ul><li>one<ul><li>two</li></ul></li><li>three</li></ul><ol><li id="footnote-1"><p>note <a href="#footnote-ref-1">↑</a></p></li></ol>',
  '<p><strong>Reflection:</strong> <em>learnt</em> <a href="https://example.org/?a=1&amp;b=2">link</a><sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>',
  '<p><img alt="a &quot;chart&quot;" src="" /></p><p>\u00a0 spaced \n text</p>',
  '<p>a void tag without its slash<br>b</p>',
];

const OTHER = [
  '<p>one<div>block in a paragraph</div></p>',
  '<table><tr><td>a<td>b</tr></table>',
  '<p>a<!-- comment -->b</p>',
  '<pre>  <b>raw</b> </pre>',
  '<p>&copy; &nbsp; &#169; &amp</p>',
  "<a href='single'>x</a>",
  '<td colspan=2>x</td>',
  '<p>unclosed',
  '<p>a</b></p>',
  '</p>stray close',
  '<P>upper</P>',
  '<p>1 < 2 > 0</p>',
  '<h1>a<h1>b</h1></h1>',
  '<li>a<li>b</li></li>',
  '<p x="a>b">t</p>',
];

describe('parseMammothHtml', () => {
  it('reads mammoth output with its own scan, to the same tree as node-html-parser', async () => {
    for (const html of MAMMOTH) {
      expect(readsAsMammoth(html), html).toBe(true);
      await same(html);
    }
  });

  it('hands other HTML to node-html-parser (re-nesting, comments, raw text, other entities, quoting)', async () => {
    for (const html of OTHER) {
      expect(readsAsMammoth(html), html).toBe(false);
      await same(html);
    }
  });

  it('agrees with node-html-parser on random markup', async () => {
    // Deterministic pseudo-random soup of tags, attributes, entities and text.
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const tags = ['p', 'td', 'tr', 'table', 'tbody', 'thead', 'th', 'li', 'ul', 'ol', 'div', 'b', 'strong', 'a', 'h1', 'h2', 'br', 'img', 'pre', 'span'];
    const texts = ['x', ' ', 'a b', '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&', '1 < 2', '>', '\n', 'é'];
    const attrs = ['', ' colspan="2"', ' rowspan="3"', ' href="#footnote-1"', ' id="a&amp;b"', " x='y'", ' x=1', ' x="a\'b"', ' id="footnote-2"  '];
    let fast = 0;
    for (let k = 0; k < 3000; k++) {
      const open: string[] = [];
      let html = '';
      for (let i = rnd(14); i >= 0; i--) {
        const r = rnd(10);
        if (r < 4) {
          const t = tags[rnd(tags.length)]!;
          const self = t === 'br' || t === 'img' ? rnd(4) > 0 : rnd(20) === 0;
          html += `<${t}${attrs[rnd(attrs.length)]}${self ? ' /' : ''}>`;
          if (!self && t !== 'br' && t !== 'img') open.push(t);
        } else if (r < 7 && open.length > 0) html += `</${rnd(12) === 0 ? tags[rnd(tags.length)] : open.pop()}>`;
        else html += texts[rnd(texts.length)];
      }
      if (rnd(3) > 0) while (open.length > 0) html += `</${open.pop()}>`;
      if (readsAsMammoth(html)) fast++;
      await same(html);
    }
    expect(fast).toBeGreaterThan(300);
  });
});
