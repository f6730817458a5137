/**
 * The parts of an e-mail (issue 15 §1): each attachment, and the body when it holds a log (`body.ts`). Internet
 * messages (`.eml`, RFC 5322/MIME) are parsed by mailparser, Outlook messages (`.msg`) by @kenjiuno/msgreader; both
 * loaded lazily. A forwarded message attached whole (`message/rfc822`, an embedded `.msg`) is a child of its own,
 * which the caller opens in turn (src/pipeline/unpack/index.ts, to a depth limit).
 *
 * Images embedded in the HTML body (`<img src="cid:…">` naming an inline MIME part): one at least
 * {@link MIN_INLINE_WIDTH} × {@link MIN_INLINE_HEIGHT} pixels (a screenshot of a log pasted into the message) is a
 * part of its own, read as an attached image is (OCR); a smaller one (a logo or icon in a signature) is left out
 * with a note naming it.
 */
import { extname } from 'node:path';
import { ImportError, libraryText } from '../../domain/index.js';
import { imageInfo } from '../extract/image.js';
import { bodyPart, type MessageBody } from './body.js';
import type { Child } from './types.js';

/**
 * Most MIME parts (attachments, bodies and the multiparts holding them) mailparser reads in one message: its own
 * default (mailsplit's `maxChildNodes`), named here for the message. A mail bomb of thousands of parts stops there.
 */
const MAX_MIME_NODES = 1000;

/** An attachment as either library gives it. */
interface Attached {
  name: string | undefined;
  contentType: string;
  content: Uint8Array;
}

/**
 * Smallest pixel size of an image embedded in the body that is read as a part (our choice): a screenshot of even a
 * two-row table is wider than 300 px and taller than 100 px; signature logos and social icons are smaller (a
 * typical e-mail logo is at most about 250 × 80 px).
 */
export const MIN_INLINE_WIDTH = 300;
/** See {@link MIN_INLINE_WIDTH}. */
export const MIN_INLINE_HEIGHT = 100;

/** An image embedded in the body as mailparser gives it. */
interface Inline extends Attached {
  cid: string | undefined;
}

/**
 * The images embedded in an HTML body that are read as parts (at least {@link MIN_INLINE_WIDTH} ×
 * {@link MIN_INLINE_HEIGHT} pixels, PNG or JPEG) and the notes for the ones left out, by their names. Images the
 * body does not reference (`cid:`) are neither.
 */
function inlineImages(images: readonly Inline[], html: string | null): { read: Attached[]; left: { name: string; why: string }[] } {
  const read: Attached[] = [];
  const left: { name: string; why: string }[] = [];
  for (const [i, img] of images.entries()) {
    if (img.cid === undefined || html === null || !html.includes(`cid:${img.cid}`)) continue;
    const name = img.name ?? `image ${i + 1}${TYPE_EXT[img.contentType.toLowerCase()] ?? ''}`;
    const info = imageInfo(img.content);
    if (info === null) left.push({ name, why: `${img.contentType} of ${kb(img.content.byteLength)} KB, not a PNG or JPEG image we read` });
    else if (info.width < MIN_INLINE_WIDTH || info.height < MIN_INLINE_HEIGHT) left.push({ name, why: `${info.width} × ${info.height} px, under ${MIN_INLINE_WIDTH} × ${MIN_INLINE_HEIGHT} px: a logo or icon, not a log` });
    else read.push(img);
  }
  return { read, left };
}

function kb(n: number): string {
  return String(Math.max(1, Math.round(n / 1024)));
}

/** Extensions for attachments sent without a name, by MIME type. */
const TYPE_EXT: Readonly<Record<string, string>> = {
  'message/rfc822': '.eml',
  'application/vnd.ms-outlook': '.msg',
  'text/csv': '.csv',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'text/calendar': '.ics',
};

/** A path segment from an attachment's name: no folder separators, unique among its siblings. */
function childName(a: Attached, index: number, taken: Set<string>): string {
  const base = (a.name ?? '').replace(/[/\\]+/g, '_').replace(/^\.+/, '').trim();
  const type = a.contentType.toLowerCase();
  const fallback = type === 'message/rfc822' ? `forwarded message ${index + 1}` : type === 'text/calendar' ? 'calendar invitation' : `attachment ${index + 1}`;
  let name = base === '' ? `${fallback}${TYPE_EXT[a.contentType.toLowerCase()] ?? ''}` : base;
  if (taken.has(name)) {
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let n = 2;
    while (taken.has(`${stem} (${n})${ext}`)) n++;
    name = `${stem} (${n})${ext}`;
  }
  taken.add(name);
  return name;
}

/** True for a calendar (iCalendar) attachment: by MIME type, name or content. */
function isCalendar(a: Attached): boolean {
  return a.contentType.toLowerCase() === 'text/calendar' || /\.ics$/i.test(a.name ?? '') || new TextDecoder().decode(a.content.subarray(0, 64)).trimStart().startsWith('BEGIN:VCALENDAR');
}

/**
 * The attachments with each calendar invitation once: an invitation comes both as the message's `text/calendar`
 * alternative and as an `.ics` attachment, the same events (UID, DTSTART: `calendarKey` in extract/ics.ts) in both;
 * the named copy is kept, in the place of the first.
 */
async function oneOfEachCalendar(attached: readonly Attached[]): Promise<Attached[]> {
  if (!attached.some(isCalendar)) return [...attached];
  const { calendarKey } = await import('../extract/ics.js');
  const keys = await Promise.all(attached.map(async (a) => (isCalendar(a) ? calendarKey(a.content) : null)));
  const out: Attached[] = [];
  const at = new Map<string, number>();
  for (const [i, a] of attached.entries()) {
    const key = keys[i] ?? null;
    const seen = key === null ? undefined : at.get(key);
    if (seen === undefined) {
      if (key !== null) at.set(key, out.length);
      out.push(a);
    } else if (out[seen]!.name === undefined && a.name !== undefined) out[seen] = a;
  }
  return out;
}

/** The children of a message: its attachments in order, then its body when it holds a log. */
async function messageChildren(attached: readonly Attached[], body: MessageBody, maxFiles: number, what: string, left: readonly { name: string; why: string }[] = []): Promise<Child[]> {
  if (attached.length > maxFiles) {
    throw new ImportError('too_large', `${what} holds ${attached.length.toLocaleString('en-GB')} attachments, over the limit of ${maxFiles} for one upload; send them in smaller messages`);
  }
  const taken = new Set<string>();
  attached = await oneOfEachCalendar(attached);
  const out: Child[] = attached.map((a, i) => ({ path: childName(a, i, taken), bytes: a.content }));
  const b = await bodyPart(body, attached.length === 0);
  if (b !== null) out.push({ path: b.name, bytes: b.bytes });
  for (const l of left) out.push({ path: l.name, note: `an image embedded in the body (${l.why}) was left out` });
  return out;
}

/**
 * The children of an Internet message (`.eml`).
 * @throws ImportError `corrupt` (mailparser cannot read it), `too_large` (more attachments than `maxFiles`)
 */
export async function emlChildren(bytes: Uint8Array, maxFiles: number): Promise<Child[]> {
  const { simpleParser } = await import('mailparser');
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      skipImageLinks: true,
      skipTextLinks: true,
      skipTextToHtml: true,
      keepCidLinks: true,
      maxChildNodes: MAX_MIME_NODES,
    } as Parameters<typeof simpleParser>[1]);
  } catch (e) {
    // EMAXLEN: past one of the parser's own limits (parts, header size), which a real message does not reach.
    if ((e as { code?: unknown }).code === 'EMAXLEN') {
      throw new ImportError('too_large', `the e-mail holds more than ${MAX_MIME_NODES.toLocaleString('en-GB')} MIME parts or headers past the parser's limits, so it is not read; send the attachments in smaller messages`, libraryText(e));
    }
    throw new ImportError('corrupt', 'a damaged e-mail message: its parts cannot be read', libraryText(e));
  }
  const embedded = (a: (typeof mail.attachments)[number]): boolean => a.related === true && a.contentType.startsWith('image/');
  const asAttached = (a: (typeof mail.attachments)[number]): Inline => ({
    name: a.filename,
    contentType: a.contentType,
    content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    cid: a.cid,
  });
  const html = typeof mail.html === 'string' ? mail.html : null;
  const inline = inlineImages(mail.attachments.filter(embedded).map(asAttached), html);
  const attached = [...mail.attachments.filter((a) => !embedded(a)).map(asAttached), ...inline.read];
  return messageChildren(attached, { html, text: mail.text ?? null, subject: mail.subject ?? null }, maxFiles, 'the e-mail', inline.left);
}

/** The parts of @kenjiuno/msgreader 1.28 used here. */
interface MsgFields {
  error?: string;
  subject?: string;
  body?: string;
  bodyHtml?: string;
  html?: Uint8Array;
  attachments?: MsgFields[];
  attachmentHidden?: boolean;
  innerMsgContent?: true;
  name?: string;
  fileName?: string;
}
interface MsgReaderLike {
  getFileData(): MsgFields;
  getAttachment(attach: MsgFields): { fileName: string; content: Uint8Array };
}
type MsgReaderCtor = new (data: ArrayBuffer | DataView) => MsgReaderLike;

/**
 * The children of an Outlook message (`.msg`).
 * @throws ImportError `corrupt` (msgreader cannot read it), `too_large` (more attachments than `maxFiles`)
 */
export async function msgChildren(bytes: Uint8Array, maxFiles: number): Promise<Child[]> {
  const m = (await import('@kenjiuno/msgreader')) as unknown as { default: MsgReaderCtor | { default: MsgReaderCtor } };
  const MsgReader = 'default' in m.default ? m.default.default : m.default;
  let data: MsgFields;
  let reader: MsgReaderLike;
  try {
    reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    data = reader.getFileData();
  } catch (e) {
    throw new ImportError('corrupt', 'a damaged Outlook message (.msg): its parts cannot be read', libraryText(e));
  }
  if (data.error !== undefined) throw new ImportError('corrupt', 'a damaged Outlook message (.msg): its parts cannot be read', data.error);
  const listed = (data.attachments ?? []).filter((a) => a.attachmentHidden !== true);
  if (listed.length > maxFiles) return messageChildren(listed.map(() => ({ name: undefined, contentType: '', content: new Uint8Array(0) })), {}, maxFiles, 'the Outlook message');
  const attached: Attached[] = [];
  for (const a of listed) {
    try {
      const got = reader.getAttachment(a);
      attached.push({ name: got.fileName || a.fileName || a.name, contentType: a.innerMsgContent === true ? 'application/vnd.ms-outlook' : '', content: got.content });
    } catch (e) {
      throw new ImportError('corrupt', 'a damaged Outlook message (.msg): an attachment cannot be read', libraryText(e));
    }
  }
  const html = data.bodyHtml ?? (data.html === undefined ? null : new TextDecoder().decode(data.html));
  return messageChildren(attached, { html, text: data.body ?? null, subject: data.subject ?? null }, maxFiles, 'the Outlook message');
}
