/**
 * The parts of an e-mail (issue 15 §1): each attachment, and the body when it holds a log (`body.ts`). Internet
 * messages (`.eml`, RFC 5322/MIME) are parsed by mailparser, Outlook messages (`.msg`) by @kenjiuno/msgreader; both
 * loaded lazily. A forwarded message attached whole (`message/rfc822`, an embedded `.msg`) is a child of its own,
 * which the caller opens in turn (src/pipeline/unpack/index.ts, to a depth limit). Images embedded in the HTML (a
 * logo in a signature) are part of the body, not attachments.
 */
import { extname } from 'node:path';
import { ImportError, libraryText } from '../../domain/index.js';
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
};

/** A path segment from an attachment's name: no folder separators, unique among its siblings. */
function childName(a: Attached, index: number, taken: Set<string>): string {
  const base = (a.name ?? '').replace(/[/\\]+/g, '_').replace(/^\.+/, '').trim();
  const fallback = a.contentType.toLowerCase() === 'message/rfc822' ? `forwarded message ${index + 1}` : `attachment ${index + 1}`;
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

/** The children of a message: its attachments in order, then its body when it holds a log. */
async function messageChildren(attached: readonly Attached[], body: MessageBody, maxFiles: number, what: string): Promise<Child[]> {
  if (attached.length > maxFiles) {
    throw new ImportError('too_large', `${what} holds ${attached.length.toLocaleString('en-GB')} attachments, over the limit of ${maxFiles} for one upload; send them in smaller messages`);
  }
  const taken = new Set<string>();
  const out: Child[] = attached.map((a, i) => ({ path: childName(a, i, taken), bytes: a.content }));
  const b = await bodyPart(body, attached.length === 0);
  if (b !== null) out.push({ path: b.name, bytes: b.bytes });
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
  const attached = mail.attachments
    .filter((a) => !(a.related === true && a.contentType.startsWith('image/')))
    .map((a) => ({ name: a.filename, contentType: a.contentType, content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength) }));
  return messageChildren(attached, { html: typeof mail.html === 'string' ? mail.html : null, text: mail.text ?? null, subject: mail.subject ?? null }, maxFiles, 'the e-mail');
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
