/**
 * Format detection (docs/DESIGN.md §1 "detect"): decide the format by CONTENT — magic bytes, zip entry names, OLE2
 * stream names, text sniffing — then compare with the file name's extension (a mismatch is a `format` warning gap).
 *
 * Files we cannot read throw a typed ImportError (docs/DESIGN.md §3): `empty`, `too_large` (file size, or a zip that
 * declares more inflated bytes than the budget, or an absurd compression ratio), `corrupt` (damaged zip / OLE2),
 * `password_protected` (encrypted Office file), `unsupported_format` (legacy .xls/.doc, HTML, RTF, other binaries).
 * Nothing is inflated here: zip entries are listed from the central directory only (yauzl, lazily loaded),
 * OLE2 containers are listed with `cfb` (lazily loaded).
 */
import { extname } from 'node:path';
import { ImportError, gap, libraryText, type Format, type Gap } from '../domain/index.js';
import type { Entry as ZipEntry } from 'yauzl';
import type { Budget, Detection } from './types.js';

/** Bytes of the file start decoded for text sniffing. */
const TEXT_SNIFF_BYTES = 64 * 1024;
/** Zip-bomb guard: an entry is refused when it inflates more than this ratio … */
const MAX_RATIO = 200;
/** … and to more than this many bytes. */
const RATIO_MIN_BYTES = 10 * 1024 * 1024;
/** Zip-bomb guard on one entry, exported for the zip reader of `unpack/` (the same limits as a workbook's). */
export const ZIP_MAX_RATIO = MAX_RATIO;
/** Entry names quoted in the "zip that is not a workbook" message. */
const LIST_ENTRIES = 5;

/** What we call each format in messages, as content and as "read as …". */
const FORMAT_WORDS: Record<Format, { holds: string; readAs: string }> = {
  csv: { holds: 'CSV text', readAs: 'CSV' },
  xlsx: { holds: 'an Excel workbook (.xlsx)', readAs: 'a workbook' },
  docx: { holds: 'a Word document (.docx)', readAs: 'a Word document' },
  pdf: { holds: 'a PDF document', readAs: 'a PDF' },
  image: { holds: 'an image', readAs: 'an image' },
  html: { holds: 'a web page (HTML)', readAs: 'a web page' },
};

/**
 * The format each extension promises. `null`: a format we do not read (legacy or other), so any readable content
 * under that name is a mismatch worth a warning. Extensions not listed (`.dat`, none) promise nothing.
 */
const EXTENSION_FORMAT: Readonly<Record<string, Format | null>> = Object.assign(Object.create(null) as Record<string, Format | null>, {
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
  txt: 'csv',
  text: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xltx: 'xlsx',
  xltm: 'xlsx',
  docx: 'docx',
  docm: 'docx',
  dotx: 'docx',
  dotm: 'docx',
  pdf: 'pdf',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  jpe: 'image',
  jfif: 'image',
  xls: null,
  xlsb: null,
  doc: null,
  ods: null,
  odt: null,
  rtf: null,
  htm: 'html',
  html: 'html',
  mht: 'html',
  mhtml: 'html',
});

/**
 * Decides the format of one file from its bytes (content first, the name's extension only for warnings).
 *
 * Returns `{ format, via, gaps }`: `via` says how (`'magic bytes %PDF-'`, `'magic bytes PNG'`, `'magic bytes JPEG'`,
 * `'zip entries xl/'`, `'zip entries word/'`, `'text sniffing'`); `gaps` holds a `format` warning when the
 * extension promises another format (e.g. "named .xlsx but holds CSV text; read as CSV").
 *
 * Throws ImportError:
 * - `empty`: 0 bytes, only white space / a byte-order mark, an empty zip;
 * - `too_large`: over `budget.maxBytes`; a zip whose entries declare more than `budget.maxInflatedBytes` in total,
 *   or one entry inflating more than 200:1 to over 10 MB (zip bomb);
 * - `corrupt`: a damaged or truncated zip or OLE2 container, a file of zero bytes only;
 * - `password_protected`: an encrypted Office file (OLE2 with `EncryptionInfo` + `EncryptedPackage`), or
 *   encrypted workbook/document zip entries;
 * - `unsupported_format`: legacy .xls/.doc/.ppt, other zips (listing what they hold), OpenDocument, .xlsb, HTML,
 *   RTF, XML, other images and binaries (named by signature, else by their first bytes in hex), and text in an
 *   encoding we cannot read reliably (see `sniffEncoding` in `extract/csv.ts`).
 * PDF encryption and broken PDF structure are not judged here (a PDF is `pdf`; the PDF extractor decides).
 */
export async function detectFormat(bytes: Uint8Array, fileName: string, budget: Budget): Promise<Detection> {
  const ext = extname(fileName).slice(1).toLowerCase();
  const named: Named = (...same) => (ext === '' || same.includes(ext) ? '' : ` (named .${ext})`);
  if (isBlank(bytes)) throw new ImportError('empty', 'the file is empty');
  if (bytes.length > budget.maxBytes) {
    throw new ImportError('too_large', `the file is ${mb(bytes.length)} MB, over the limit of ${mb(budget.maxBytes)} MB`);
  }

  const found = await detectByContent(bytes, named, budget);
  const gaps: Gap[] = [];
  const promised = ext in EXTENSION_FORMAT ? EXTENSION_FORMAT[ext] : undefined;
  if (promised !== undefined && promised !== found.format) {
    const w = FORMAT_WORDS[found.format];
    const holds = found.format === 'image' ? found.what : w.holds;
    gaps.push(gap(null, 'format', 'warning', `named .${ext} but holds ${holds}; read as ${w.readAs}`));
  }
  return { format: found.format, via: found.via, gaps };
}

/** " (named .docx)" for messages, unless the extension is one of `same` (what the content is) or absent. */
type Named = (...same: string[]) => string;

interface Found {
  format: Format;
  via: string;
  /** Content in words, for the mismatch message (images: "a PNG image"). */
  what: string;
}

async function detectByContent(bytes: Uint8Array, named: Named, budget: Budget): Promise<Found> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) || pdfHeaderWithin(bytes)) {
    return { format: 'pdf', via: 'magic bytes %PDF-', what: 'a PDF document' };
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'image', via: 'magic bytes PNG', what: 'a PNG image' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'image', via: 'magic bytes JPEG', what: 'a JPEG image' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZip(bytes, named, budget);
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) throw new ImportError('empty', `an empty zip archive${named('zip')}`);
  if (startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) {
    throw new ImportError('unsupported_format', `a split (multi-part) zip archive${named('zip')}; not a workbook or Word document we can read`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return detectOle2(bytes, named);
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new ImportError('unsupported_format', `an RTF document${named('rtf')}, save it as .docx`);
  }
  const strong = binarySignature(bytes, true);
  if (strong) throw new ImportError('unsupported_format', `${strong.what}${named(...strong.exts)}; ${NOT_READ}`);

  const text = await sniffText(bytes);
  if (text !== null) {
    const markup = markupKind(text);
    if (markup?.exts.includes('html')) return { format: 'html', via: markup.exts.includes('mht') ? 'text sniffing: MHTML' : 'text sniffing: HTML', what: FORMAT_WORDS.html.holds };
    if (markup) throw new ImportError('unsupported_format', `${markup.what}${named(...markup.exts)}; ${markup.advice}`);
    return { format: 'csv', via: 'text sniffing', what: 'CSV text' };
  }
  if (bytes.every((b) => b === 0)) throw new ImportError('corrupt', 'the file holds only zero bytes (a failed download or copy?)');
  const weak = binarySignature(bytes, false);
  if (weak) throw new ImportError('unsupported_format', `${weak.what}${named(...weak.exts)}; ${NOT_READ}`);
  throw new ImportError('unsupported_format', `an unrecognised binary file${named()} (starts with ${hex(bytes, 8)}); ${NOT_READ}`);
}

const NOT_READ = 'we read CSV, Excel .xlsx, Word .docx, PDF, web pages (.html) and PNG/JPEG files';

// ---------------------------------------------------------------------------------------------------------------
// Files that hold other files (issue 15).

/**
 * A file that holds other files, each imported on its own (src/pipeline/unpack/): a zip archive that is no workbook,
 * Word or other office document; an e-mail (`eml`, RFC 5322 text); an Outlook message (`msg`, OLE2 with MAPI
 * property streams).
 */
export type ContainerKind = 'zip' | 'eml' | 'msg';

/**
 * Decides by content whether a file holds other files. `null` for any other file (then {@link detectFormat} decides
 * what it is, or why it cannot be read). Nothing is inflated: zips are listed from their central directory.
 * @throws ImportError for a zip that cannot be listed: `corrupt`, `too_large` (a zip bomb, as for a workbook)
 */
export async function detectContainer(bytes: Uint8Array, budget: Budget): Promise<ContainerKind | null> {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = await listZip(bytes, budget);
    return entries.length > 0 && !isDocumentZip(entries.map((e) => e.name)) ? 'zip' : null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return (await isOutlookMessage(bytes)) ? 'msg' : null;
  if (bytes.length === 0 || binarySignature(bytes, true) !== null || startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return null;
  let text: string | null;
  try {
    text = await sniffText(bytes);
  } catch {
    return null;
  }
  return text !== null && mailKind(text) === 'mail' ? 'eml' : null;
}

/** True when the zip's entry names are those of a workbook, Word, PowerPoint, OpenDocument or Apple document. */
function isDocumentZip(names: readonly string[]): boolean {
  return names.some(
    (n) => /^(xl|word|ppt)\//.test(n) || n === 'content.xml' || n === 'META-INF/manifest.xml' || (n.startsWith('Index/') && n.endsWith('.iwa')),
  );
}

/** True for an OLE2 container holding an Outlook item: MAPI property streams (`__properties_version1.0`, `__substg1.0_…`). */
async function isOutlookMessage(bytes: Uint8Array): Promise<boolean> {
  const CFB = (await import('cfb')).default as unknown as CfbModule;
  try {
    const names = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' }).FileIndex.map((e) => e.name);
    return names.includes('__properties_version1.0') && names.some((n) => n.startsWith('__substg1.0_'));
  } catch {
    return false;
  }
}

/** Header names of Internet mail (RFC 5322, RFC 2045) and of saved web archives. */
const MAIL_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding',
  'content-location', 'received', 'return-path', 'reply-to', 'sender', 'in-reply-to', 'references', 'delivered-to',
  'dkim-signature', 'authentication-results', 'importance', 'user-agent', 'thread-topic', 'thread-index',
  'content-language', 'accept-language', 'snapshot-content-location', 'disposition-notification-to',
]);

/**
 * What a text's leading header block says it is: `'mail'` (a message: mail headers, with an address, a
 * `Message-ID`, a `Received` line or a `MIME-Version`), `'mhtml'` (a saved web page: a `multipart/related` MIME
 * document sent to no one) or `null` (the text does not start with a block of mail headers — a log written as
 * `Date: … / Hours: …` lines has neither addresses nor MIME headers).
 */
export function mailKind(text: string): 'mail' | 'mhtml' | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headers = new Map<string, string>();
  let known = 0;
  let total = 0;
  let last = '';
  for (const line of lines.slice(0, 500)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && last !== '') {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (m === null) return null;
    last = m[1]!.toLowerCase();
    total++;
    if (MAIL_HEADERS.has(last) || last.startsWith('x-') || last.startsWith('arc-') || last.startsWith('list-')) known++;
    if (!headers.has(last)) headers.set(last, m[2]!);
  }
  if (total < 2 || known * 2 < total) return null;
  const type = (headers.get('content-type') ?? '').toLowerCase();
  const sent = ['to', 'message-id', 'received', 'delivered-to'].some((h) => headers.has(h));
  if (type.startsWith('multipart/related') && !sent) return 'mhtml';
  const addressed = ['from', 'to', 'sender', 'reply-to'].some((h) => (headers.get(h) ?? '').includes('@'));
  if (headers.has('from') && (addressed || headers.has('message-id') || headers.has('received') || headers.has('mime-version'))) return 'mail';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Office formats read only once converted (issue 15 §4).

/** An office format we read once LibreOffice has converted it, and what it is converted to. */
export interface LegacyOffice {
  kind: 'xls' | 'doc' | 'rtf' | 'ods' | 'odt';
  to: 'xlsx' | 'docx';
}

/**
 * A quick look (no parsing) for a file LibreOffice may have to convert: the RTF signature, an OpenDocument text or
 * spreadsheet zip (its stored `mimetype`), or any OLE2 container (an Outlook `.msg` or an encrypted Office file too:
 * telling them apart needs the container's directory, {@link legacyOffice}). For the worker's slow files.
 */
export function mayNeedConversion(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return true;
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
  const mime = storedMimetype(bytes);
  return mime === 'application/vnd.oasis.opendocument.spreadsheet' || mime === 'application/vnd.oasis.opendocument.text';
}

/**
 * The legacy or OpenDocument office format of a file, by content: an OLE2 `Workbook`/`Book` stream (`.xls`) or
 * `WordDocument` stream (`.doc`), the RTF signature, an OpenDocument zip's stored `mimetype`; `null` otherwise
 * (encrypted OLE2 files included: they are refused as password-protected).
 */
export async function legacyOffice(bytes: Uint8Array): Promise<LegacyOffice | null> {
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { kind: 'rtf', to: 'docx' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const mime = storedMimetype(bytes);
    if (mime === 'application/vnd.oasis.opendocument.spreadsheet') return { kind: 'ods', to: 'xlsx' };
    if (mime === 'application/vnd.oasis.opendocument.text') return { kind: 'odt', to: 'docx' };
    return null;
  }
  if (!startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return null;
  const CFB = (await import('cfb')).default as unknown as CfbModule;
  let streams: Set<string>;
  try {
    streams = new Set(CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' }).FileIndex.map((e) => e.name));
  } catch {
    return null;
  }
  if (streams.has('EncryptedPackage')) return null;
  if (streams.has('Workbook') || streams.has('Book')) return { kind: 'xls', to: 'xlsx' };
  if (streams.has('WordDocument')) return { kind: 'doc', to: 'docx' };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Zip containers.

interface ZipEntryInfo {
  name: string;
  compressed: number;
  uncompressed: number;
  encrypted: boolean;
}

/** Lists zip entries from the central directory (nothing inflated) and classifies the container. */
async function detectZip(bytes: Uint8Array, named: Named, budget: Budget): Promise<Found> {
  const entries = await listZip(bytes, budget);
  if (entries.length === 0) throw new ImportError('empty', `an empty zip archive${named('zip')}`);
  const names = entries.map((e) => e.name);
  const has = (n: string): boolean => names.includes(n);
  const under = (p: string): ZipEntryInfo[] => entries.filter((e) => e.name.startsWith(p));
  const xl = under('xl/');
  const word = under('word/');
  let format: 'xlsx' | 'docx' | null = null;
  if (xl.length > 0 && (has('xl/workbook.xml') || word.length === 0)) format = 'xlsx';
  else if (word.length > 0) format = 'docx';
  if (format === 'xlsx' && !has('xl/workbook.xml') && has('xl/workbook.bin')) {
    throw new ImportError('unsupported_format', `an Excel binary workbook (.xlsb)${named('xlsb')}; save it as .xlsx`);
  }
  if (format) {
    if ((format === 'xlsx' ? xl : word).some((e) => e.encrypted)) {
      throw new ImportError('password_protected', 'password-protected zip archive; remove the password and try again');
    }
    return format === 'xlsx'
      ? { format, via: 'zip entries xl/', what: FORMAT_WORDS.xlsx.holds }
      : { format, via: 'zip entries word/', what: FORMAT_WORDS.docx.holds };
  }
  if (under('ppt/').length > 0) throw new ImportError('unsupported_format', `a PowerPoint presentation (.pptx)${named('pptx')}; ${NOT_READ}`);
  if (has('content.xml') || has('META-INF/manifest.xml')) {
    const mime = storedMimetype(bytes);
    if (mime.endsWith('spreadsheet')) throw new ImportError('unsupported_format', `an OpenDocument spreadsheet (.ods)${named('ods')}; save it as .xlsx`);
    if (mime.endsWith('text')) throw new ImportError('unsupported_format', `an OpenDocument text document (.odt)${named('odt')}; save it as .docx`);
    throw new ImportError('unsupported_format', `an OpenDocument file${named('odp', 'odg', 'odf')}; save it as .xlsx or .docx`);
  }
  if (names.some((n) => n.startsWith('Index/') && n.endsWith('.iwa'))) {
    throw new ImportError('unsupported_format', `an Apple Numbers or Pages document${named('numbers', 'pages', 'key')}; export it as .xlsx or .docx`);
  }
  const files = names.filter((n) => !n.endsWith('/'));
  const shown = (files.length > 0 ? files : names).slice(0, LIST_ENTRIES).join(', ');
  const more = (files.length > 0 ? files : names).length > LIST_ENTRIES ? ' …' : '';
  throw new ImportError('unsupported_format', `a zip archive that is not a workbook or Word document (holds: ${shown}${more})`);
}

/**
 * Reads the central directory with yauzl (`lazyEntries`), enforcing the zip-bomb guard while listing:
 * total declared uncompressed size ≤ `budget.maxInflatedBytes`, and no entry over 200:1 and over 10 MB.
 */
async function listZip(bytes: Uint8Array, budget: Budget): Promise<ZipEntryInfo[]> {
  const yauzl = (await import('yauzl')).default;
  const { entryName } = await import('./extract/docx-zip.js');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise<ZipEntryInfo[]>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(new ImportError('corrupt', 'a damaged or truncated zip archive', libraryText(err)));
        return;
      }
      const entries: ZipEntryInfo[] = [];
      let total = 0;
      let done = false;
      const fail = (e: ImportError): void => {
        if (done) return;
        done = true;
        zip.close();
        reject(e);
      };
      zip.on('error', (e: unknown) => fail(new ImportError('corrupt', 'a damaged or truncated zip archive', libraryText(e))));
      zip.on('entry', (entry: ZipEntry) => {
        if (done) return;
        total += entry.uncompressedSize;
        if (total > budget.maxInflatedBytes) {
          fail(new ImportError('too_large', `inflates to ${mb(total)} MB, over the limit of ${mb(budget.maxInflatedBytes)} MB`));
          return;
        }
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (ratio > MAX_RATIO && entry.uncompressedSize > RATIO_MIN_BYTES) {
          fail(
            new ImportError(
              'too_large',
              `inflates to ${mb(entry.uncompressedSize)} MB from ${mb(entry.compressedSize)} MB (${Math.round(ratio)}:1, over the limit of ${MAX_RATIO}:1 for entries over ${mb(RATIO_MIN_BYTES)} MB)`,
            ),
          );
          return;
        }
        entries.push({
          name: entryName(entry),
          compressed: entry.compressedSize,
          uncompressed: entry.uncompressedSize,
          encrypted: entry.isEncrypted(),
        });
        zip.readEntry();
      });
      zip.on('end', () => {
        if (done) return;
        done = true;
        zip.close();
        resolve(entries);
      });
      zip.readEntry();
    });
  });
}

/** The OpenDocument `mimetype` entry, stored uncompressed first in the archive ('' when absent). */
function storedMimetype(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 30) return '';
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLen = view.getUint16(26, true);
  const extraLen = view.getUint16(28, true);
  const name = Buffer.from(bytes.subarray(30, 30 + nameLen)).toString('latin1');
  if (name !== 'mimetype' || method !== 0 || size > 200) return '';
  const start = 30 + nameLen + extraLen;
  return Buffer.from(bytes.subarray(start, start + size)).toString('latin1');
}

// ---------------------------------------------------------------------------------------------------------------
// OLE2 (Compound File Binary) containers: legacy Office files and encrypted OOXML.

interface CfbModule {
  read(f: Uint8Array, options: { type: 'buffer' }): { FileIndex: { name: string; type: number }[] };
}

/** Classifies an OLE2 container by its stream names (cfb, lazily loaded). Always throws: we read no OLE2 format. */
async function detectOle2(bytes: Uint8Array, named: Named): Promise<never> {
  const CFB = (await import('cfb')).default as unknown as CfbModule;
  let streams: Set<string>;
  try {
    const container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
    streams = new Set(container.FileIndex.filter((e) => e.type === 2).map((e) => e.name));
  } catch (e) {
    throw new ImportError('corrupt', `a damaged Office 97-2003 / OLE2 file${named('xls', 'doc', 'ppt', 'msg')}`, libraryText(e));
  }
  if (streams.has('EncryptionInfo') && streams.has('EncryptedPackage')) {
    throw new ImportError(
      'password_protected',
      'password-protected workbook or document (encrypted Office file); remove the password and try again',
    );
  }
  if (streams.has('Workbook') || streams.has('Book')) {
    throw new ImportError('unsupported_format', `legacy Excel 97-2003 .xls workbook${named('xls', 'xlt')}; save it as .xlsx`);
  }
  if (streams.has('WordDocument')) {
    throw new ImportError('unsupported_format', `legacy Word 97-2003 .doc document${named('doc', 'dot')}; save it as .docx`);
  }
  if (streams.has('PowerPoint Document')) {
    throw new ImportError('unsupported_format', `legacy PowerPoint 97-2003 .ppt presentation${named('ppt', 'pps')}; ${NOT_READ}`);
  }
  throw new ImportError('unsupported_format', `an Office 97-2003 / OLE2 file that is not a workbook or document${named('msg', 'pub', 'vsd')}; ${NOT_READ}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Text.

/**
 * Decodes the first 64 KB the way the CSV extractor will and returns the text, or `null` for binary content:
 * NUL bytes outside UTF-16, or more than 2% control characters (other than tab, line breaks, form feed, vertical
 * tab, and a DOS end-of-file 0x1A). Throws ImportError `unsupported_format` for text in an encoding we cannot read
 * reliably (`sniffEncoding` in `extract/csv.ts`).
 */
async function sniffText(bytes: Uint8Array): Promise<string | null> {
  const { sniffEncoding, decodeBytes } = await import('./extract/csv.js');
  const prefix = bytes.subarray(0, Math.min(bytes.length, TEXT_SNIFF_BYTES));
  const partial = prefix.length < bytes.length;
  const utf16 =
    (prefix[0] === 0xff && prefix[1] === 0xfe && !(prefix[2] === 0 && prefix[3] === 0)) || (prefix[0] === 0xfe && prefix[1] === 0xff);
  if (!utf16) {
    // Byte-level test first, so that binary content is not mistaken for text in an exotic encoding.
    let control = 0;
    let nul = 0;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix[i]!;
      if (c === 0) nul++;
      else if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 0x1a) || c === 0x7f) control++;
    }
    if (nul > 0) {
      // UTF-16 without BOM is the only text with NULs.
      let encoding: string;
      try {
        encoding = sniffEncoding(prefix, partial).encoding;
      } catch {
        return null;
      }
      if (!encoding.startsWith('utf-16')) return null;
    } else if (control > Math.max(2, prefix.length * 0.02)) return null;
  }
  const guess = sniffEncoding(prefix, partial);
  const text = decodeBytes(prefix, guess.encoding, partial);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return null;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 0x1a) || c === 0x7f) control++;
  }
  if (control > Math.max(2, text.length * 0.02)) return null;
  return text;
}

/** HTML, XML, MHTML and PostScript text that is no CSV: what it is and what to do. */
function markupKind(text: string): { what: string; advice: string; exts: string[] } | null {
  const head = text.replace(/^[\s\uFEFF]+/, '').slice(0, 4096).toLowerCase();
  const htmlAdvice = 'open it in Excel or Word and save it as .xlsx, .docx or CSV';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table') || /^<(!--|head|body|meta)/.test(head)) {
    return { what: 'an HTML page', advice: htmlAdvice, exts: ['htm', 'html'] };
  }
  if (head.startsWith('<?xml') || head.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet') || head.includes('progid="excel.sheet"')) {
      return { what: 'an Excel 2003 XML spreadsheet', advice: 'save it as .xlsx', exts: ['xml'] };
    }
    if (head.includes('progid="word.document"') || head.includes('schemas.microsoft.com/office/word/2003/wordml')) {
      return { what: 'a Word 2003 XML document', advice: 'save it as .docx', exts: ['xml'] };
    }
    if (head.includes('<html')) return { what: 'an HTML page', advice: htmlAdvice, exts: ['htm', 'html'] };
    if (head.startsWith('<?xml')) return { what: 'an XML file', advice: 'export the records as CSV or .xlsx', exts: ['xml'] };
  }
  const mail = mailKind(text);
  if (mail === 'mhtml') return { what: 'a saved web archive (.mht)', advice: htmlAdvice, exts: ['mht', 'mhtml', 'htm', 'html'] };
  if (mail === 'mail') return { what: 'an e-mail message', advice: 'import it as an e-mail (.eml): each attachment is read', exts: ['eml'] };
  if (head.startsWith('%!ps')) return { what: 'a PostScript file', advice: 'save it as PDF', exts: ['ps', 'eps'] };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

/**
 * Binary signatures we name in messages. `strong`: unmistakable, checked before text sniffing; otherwise only
 * checked once the content failed as text (`MZ`, `BM`, `BZh` can start a line of text).
 */
function binarySignature(b: Uint8Array, strong: boolean): { what: string; exts: string[] } | null {
  if (strong) {
    if (startsWith(b, [0x1f, 0x8b])) return { what: 'a gzip-compressed file (.gz)', exts: ['gz', 'tgz'] };
    if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { what: 'a 7-Zip archive (.7z)', exts: ['7z'] };
    if (startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return { what: 'a RAR archive', exts: ['rar'] };
    if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { what: 'an xz-compressed file', exts: ['xz'] };
    if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return { what: 'a zstd-compressed file', exts: ['zst'] };
    if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return { what: 'an ELF executable', exts: [] };
    if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return { what: 'a GIF image (save it as PNG or JPEG)', exts: ['gif'] };
    if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return { what: 'a TIFF image (save it as PNG or JPEG)', exts: ['tif', 'tiff'] };
    if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && ascii(b, 8, 12) === 'WEBP') return { what: 'a WebP image (save it as PNG or JPEG)', exts: ['webp'] };
    if (ascii(b, 4, 8) === 'ftyp') {
      const brand = ascii(b, 8, 12);
      return /^(heic|heix|hevc|mif1|msf1)$/.test(brand)
        ? { what: 'a HEIC image (save it as JPEG)', exts: ['heic', 'heif'] }
        : { what: 'a video or media file', exts: ['mp4', 'mov', 'm4a'] };
    }
    if (ascii(b, 0, 16) === 'SQLite format 3\u0000') return { what: 'an SQLite database', exts: ['db', 'sqlite', 'sqlite3'] };
    if (startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || startsWith(b, [0xcf, 0xfa, 0xed, 0xfe])) return { what: 'a compiled program', exts: [] };
    return null;
  }
  if (startsWith(b, [0x4d, 0x5a])) return { what: 'a Windows program (.exe/.dll)', exts: ['exe', 'dll'] };
  if (startsWith(b, [0x42, 0x5a, 0x68])) return { what: 'a bzip2-compressed file', exts: ['bz2'] };
  if (startsWith(b, [0x42, 0x4d])) return { what: 'a BMP image (save it as PNG or JPEG)', exts: ['bmp'] };
  return null;
}

/** True for 0 bytes, or only white space and byte-order marks (UTF-8, UTF-16 with its NULs). */
function isBlank(b: Uint8Array): boolean {
  let i = 0;
  let nulOk = false;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    i = 2;
    nulOk = true;
  }
  for (; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) continue;
    if (c === 0 && nulOk) continue;
    return false;
  }
  return true;
}

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** `%PDF-` within the first 1024 bytes (PDF readers accept junk before the header) and `%%EOF` near the end. */
function pdfHeaderWithin(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 1024));
  if (head.indexOf('%PDF-') <= 0) return false;
  return Buffer.from(b.subarray(Math.max(0, b.length - 2048))).indexOf('%%EOF') !== -1;
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.subarray(from, to)).toString('latin1');
}

/** First `n` bytes as spaced upper-case hex: `1F 8B 08 00`. */
function hex(b: Uint8Array, n: number): string {
  return Array.from(b.subarray(0, n), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Bytes as MB with at most one decimal (`300`, `0.3`, `25.5`). */
function mb(n: number): string {
  const v = n / (1024 * 1024);
  return v >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

