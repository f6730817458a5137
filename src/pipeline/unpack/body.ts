/**
 * The body of an e-mail as a part of its own (issue 15 §1): a log pasted into the message — a table, or labelled
 * lines ("Date: 3 March 2026 / Hours: 2") — is read as a log, as from a web page (HTML bodies) or a text file.
 *
 * What the sender did not write as their record is cut before it is read: quoted replies (`<blockquote>`, Gmail's
 * quote, lines starting with `>`, the "On … wrote:" line), the signature and everything under it (the `-- `
 * delimiter, mail programs' signature blocks, a closing such as "Kind regards," with no table after it — disclaimers
 * sit there too), and the header blocks of forwarded and quoted messages ("From: … Sent: … To: … Subject: …"). In a
 * reply, the quoted message under such a header is cut too; in a forward it is what was forwarded, and is kept.
 */
import type { HTMLElement } from 'node-html-parser';

/** The body part: its name (the extension says how it is read) and its bytes; `null` when it holds no log. */
export interface BodyPart {
  name: string;
  bytes: Uint8Array;
}

/** What {@link bodyPart} needs of a message. */
export interface MessageBody {
  html?: string | null;
  text?: string | null;
  subject?: string | null;
}

/** Header names that head a quoted or forwarded message, in the languages mail programs write them. */
const QUOTED_HEADER = /^\s*(from|sent|to|cc|bcc|subject|date|von|gesendet|an|betreff|de|envoyé|à|objet|para|asunto|enviado)\s*:/i;
/** A closing line: what follows is the signature. */
const CLOSING = /^\s*((kind|best|warm|many|with)\s+)?(regards|wishes|thanks)\b|^\s*(thanks|thank you|cheers|yours\s+(sincerely|faithfully|truly))\b[\s,.!]*$/i;
/** A mail program's separator above a forwarded or quoted message. */
const SEPARATOR = /^\s*-{2,}\s*(forwarded message|original message|begin forwarded message|weitergeleitete nachricht|message d'origine)\s*-*\s*:?\s*$/i;
/** A reply's subject (and not a forward's). */
const REPLY_SUBJECT = /^\s*(re|aw|sv|antw|vs)\s*:/i;

/** True for the message's own words being a reply (its quoted message is cut, not kept). */
function isReply(subject: string | null | undefined): boolean {
  return REPLY_SUBJECT.test(subject ?? '') && !/\b(fw|fwd|wg|tr)\s*:/i.test(subject ?? '');
}

/**
 * The body of a message as a part to import, cleaned as the module comment says.
 * @param alone true when the message has no attachments: then its body is its only content and is kept whenever
 *   it holds text; otherwise it is kept only when it holds a table or at least two labelled lines
 * @returns `message body.html` (an HTML body, or plain text of labelled lines) or `message body.txt` (plain text
 *   holding a tab-separated table); `null` when nothing is left
 */
export async function bodyPart(mail: MessageBody, alone: boolean): Promise<BodyPart | null> {
  const reply = isReply(mail.subject);
  if (typeof mail.html === 'string' && mail.html.trim() !== '') {
    const { parse } = await import('node-html-parser');
    const html = bodyOf(await cleanHtml(mail.html, reply));
    const root = parse(html);
    const text = root.text.replace(/\s+/g, ' ').trim();
    if (text === '') return null;
    const rows = root.querySelectorAll('tr').length;
    const labelled = htmlLines(html).filter((t) => LABELLED.test(t)).length;
    if (!alone && rows < 2 && labelled < 2) return null;
    return { name: 'message body.html', bytes: new TextEncoder().encode(`<html><body>${html}</body></html>`) };
  }
  if (typeof mail.text !== 'string') return null;
  const lines = cleanText(mail.text.split(/\r?\n/), reply);
  if (lines.every((l) => l.trim() === '')) return null;
  const tabbed = lines.filter((l) => l.includes('\t')).length;
  const labelled = lines.filter((l) => LABELLED.test(l)).length;
  if (!alone && tabbed < 2 && labelled < 2) return null;
  if (tabbed >= 2) return { name: 'message body.txt', bytes: new TextEncoder().encode(lines.filter((l) => l.includes('\t')).join('\n')) };
  const html = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  return { name: 'message body.html', bytes: new TextEncoder().encode(`<html><body>${html}</body></html>`) };
}

/** The content of a page's body: the head and the html and body tags left out (a cut may have left them unclosed). */
function bodyOf(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const inner = open === null ? html.replace(/<head\b[\s\S]*?<\/head>/i, '') : html.slice(open.index + open[0].length);
  return inner.replace(/<\/?(html|body)\b[^>]*>/gi, '');
}

/** A labelled line: a short label, a colon, a value ("Date: 3 March 2026", "Hours spent: 2"). */
const LABELLED = /^\s*[A-Za-z][A-Za-z0-9 /()&'-]{0,40}:\s*\S/;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The plain-text body with quotes, signature and quoted headers cut (see the module comment). */
function cleanText(lines: string[], reply: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*>/.test(line)) continue;
    if (/^\s*on\b.{0,200}\bwrote:\s*$/i.test(line)) continue;
    if (/^-- ?$/.test(line)) break;
    if (CLOSING.test(line) && line.trim().length <= 40 && !lines.slice(i + 1).some((l) => l.includes('\t'))) break;
    if (SEPARATOR.test(line)) {
      if (reply) break;
      continue;
    }
    const run = headerRun(lines, i);
    if (run > 0) {
      if (reply) break;
      i += run - 1;
      continue;
    }
    out.push(line);
  }
  return out;
}

/** The length of the run of quoted-header lines starting at `i` (two or more, a From or Sent among them), else 0. */
function headerRun(lines: readonly string[], i: number): number {
  let n = 0;
  let from = false;
  while (i + n < lines.length && QUOTED_HEADER.test(lines[i + n]!)) {
    if (/^\s*(from|sent|von|gesendet|de|envoyé)\s*:/i.test(lines[i + n]!)) from = true;
    n++;
  }
  return n >= 2 && from ? n : 0;
}

/** The lines of an HTML body as text: split at line breaks and at the tags of blocks (read from the markup, which a cut may leave unclosed). */
function htmlLines(html: string): string[] {
  return html.split(/<br\s*\/?>|<\/?(?:p|div|li|h[1-6]|tr|pre|blockquote)\b[^>]*>/i).map(decodeText);
}

function decodeText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

const BLOCKS = 'p, div, li, pre, h1, h2, h3, h4, h5, h6, td, th, table, blockquote, ul, ol, dl, hr';

function leafBlocks(root: HTMLElement): HTMLElement[] {
  return root.querySelectorAll('p, div, li, pre, h1, h2, h3, h4, h5, h6').filter((el) => el.querySelector(BLOCKS) === null);
}

/**
 * Where the `n`-th line (0-based, lines split at `<br>`) of a leaf element starts in the page's source: the closing
 * that starts mid-paragraph ("…Hours: 3.5<br><br>Cheers<br>Callum") cuts there. Empty lines count as lines here, as
 * in the split. Falls back to the element's start when its source is not found as written.
 */
function lineStart(html: string, el: HTMLElement, n: number): number {
  const inner = el.innerHTML;
  const at = html.indexOf(inner, el.range[0]);
  if (at < 0) return el.range[0];
  const breaks = /<br\s*\/?>/gi;
  let seen = 0;
  let kept = 0;
  let pos = 0;
  for (let m = breaks.exec(inner); m !== null; m = breaks.exec(inner)) {
    if (decodeText(inner.slice(pos, m.index)) !== '') kept++;
    seen++;
    pos = m.index + m[0].length;
    if (kept === n) return at + pos;
  }
  return seen === 0 ? el.range[0] : at + pos;
}

/** Mail programs' own markup for quotes and signatures. */
const QUOTE_SELECTORS = ['blockquote', '.gmail_quote_attribution', '.moz-cite-prefix', '.gmail_attr'];
const SIGNATURE_SELECTORS = ['.gmail_signature', '[data-smartmail=gmail_signature]', '#Signature', '#signature', '.moz-signature', '#AppleMailSignature'];
/** Outlook's header above a quoted or forwarded message. */
const OUTLOOK_HEADER = ['#divRplyFwdMsg', '#appendonsend'];

/**
 * The HTML body with quotes, signatures and quoted headers cut (see the module comment), as HTML text. Cuts are
 * made on the text by the parsed elements' source ranges, so the rest stays as written.
 */
async function cleanHtml(html: string, reply: boolean): Promise<string> {
  const { parse } = await import('node-html-parser');
  const root = parse(html, { comment: false });
  const removed: Array<[number, number]> = [];
  let cut = html.length;
  const remove = (el: HTMLElement): void => {
    removed.push([el.range[0], el.range[1]]);
  };
  const cutAt = (el: HTMLElement): void => {
    cut = Math.min(cut, el.range[0]);
  };
  for (const sel of QUOTE_SELECTORS) for (const el of root.querySelectorAll(sel)) remove(el);
  for (const sel of SIGNATURE_SELECTORS) for (const el of root.querySelectorAll(sel)) cutAt(el);
  for (const sel of OUTLOOK_HEADER) for (const el of root.querySelectorAll(sel)) (reply ? cutAt : remove)(el);
  const leaves = leafBlocks(root);
  const tableAfter = (el: HTMLElement): boolean => root.querySelectorAll('table').some((t) => t.range[0] > el.range[0]);
  for (let i = 0; i < leaves.length; i++) {
    const el = leaves[i]!;
    const lines = el.innerHTML.split(/<br\s*\/?>/i).map(decodeText).filter((l) => l !== '');
    const text = lines.join(' ');
    const closing = lines.findIndex((l) => CLOSING.test(l) && l.length <= 40);
    if (text === '--' || text === '-- ') cutAt(el);
    else if (/^on\b.{0,200}\bwrote:$/i.test(text)) remove(el);
    else if (closing === 0 && !tableAfter(el)) cutAt(el);
    else if (closing > 0 && !tableAfter(el)) cut = Math.min(cut, lineStart(html, el, closing));
    else if (SEPARATOR.test(text)) (reply ? cutAt : remove)(el);
    else if (lines.length >= 2 && headerRun(lines, 0) === lines.length) (reply ? cutAt : remove)(el);
    else if (lines.length === 1 && headerRun(leaves.slice(i).map((l) => decodeText(l.innerHTML)), 0) > 0) {
      const n = headerRun(leaves.slice(i).map((l) => decodeText(l.innerHTML)), 0);
      if (reply) cutAt(el);
      else for (const h of leaves.slice(i, i + n)) remove(h);
      i += n - 1;
    }
  }
  // Nested removals merge into the outermost; they are then applied from the end so earlier offsets hold.
  const merged: Array<[number, number]> = [];
  for (const [from, to] of removed.filter(([from]) => from < cut).sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  let out = html.slice(0, cut);
  for (const [from, to] of merged.reverse()) out = out.slice(0, from) + out.slice(Math.min(to, cut));
  return out;
}
