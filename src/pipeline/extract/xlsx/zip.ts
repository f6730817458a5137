/**
 * The zip walk of the XLSX streaming reader (docs/DESIGN.md §1 "extract"): workbook entries opened with yauzl from
 * the central directory (not exceljs's own unzip walk: see stream-reader.ts), and entry streams decoded as UTF-8
 * with a streaming `TextDecoder`, so that a character split across two chunks stays whole.
 */
import { Readable } from 'node:stream';
import { ExcelJsInternalsError } from './errors.js';

/** The whole text of a zip entry stream (UTF-8 byte chunks or strings), decoded with one streaming `TextDecoder`. */
export async function collectText(stream: unknown): Promise<string> {
  let s = '';
  const dec = new TextDecoder('utf-8');
  for await (const chunk of toAsyncIterable(stream)) {
    s += typeof chunk === 'string' ? chunk : dec.decode(chunk as Uint8Array, { stream: true });
  }
  return s + dec.decode();
}

function toAsyncIterable(stream: unknown): AsyncIterable<unknown> {
  if (typeof stream === 'object' && stream !== null && Symbol.asyncIterator in stream) return stream as AsyncIterable<unknown>;
  if (typeof stream === 'object' && stream !== null && Symbol.iterator in stream) {
    const it = stream as Iterable<unknown>;
    return (async function* () {
      yield* it;
    })();
  }
  throw new ExcelJsInternalsError('a zip entry is not iterable');
}

/** Decodes a stream of UTF-8 byte chunks into strings, keeping characters split across chunks whole. */
export async function* decodeChunks(stream: unknown): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  for await (const chunk of toAsyncIterable(stream)) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const s = dec.decode(chunk as Uint8Array, { stream: true });
    if (s !== '') yield s;
  }
  const tail = dec.decode();
  if (tail !== '') yield tail;
}

/** A Readable of decoded strings, for exceljs functions that need stream events. */
export function decodedStream(entry: unknown): Readable {
  return Readable.from(decodeChunks(entry));
}

/** The zip entries of a workbook, by lower-cased name, and a way to open one (yauzl, from the in-memory bytes). */
export interface ZipReader {
  get(path: string): YauzlEntry | undefined;
  open(entry: YauzlEntry): Promise<Readable>;
  close(): void;
}

/** A yauzl zip entry (only its name is used here). */
export interface YauzlEntry {
  fileName: string;
}

/**
 * Opens the workbook's zip from its in-memory bytes with yauzl and lists its entries from the central directory.
 * Rejects with yauzl's error on a damaged zip (mapped to an ImportError by errors.ts).
 */
export async function openZip(buf: Buffer): Promise<ZipReader> {
  const yauzl = (await import('yauzl')).default;
  const zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
  const entries = new Map<string, YauzlEntry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (e: YauzlEntry) => {
      const name = e.fileName.replace(/^\/+/, '').toLowerCase();
      if (!entries.has(name)) entries.set(name, e);
      zip.readEntry();
    });
    zip.readEntry();
  });
  return {
    get: path => entries.get(path.toLowerCase()),
    open: entry => zip.openReadStreamPromise(entry as Parameters<typeof zip.openReadStreamPromise>[0]),
    close: () => zip.close(),
  };
}

/** The zip path of a workbook relationship target (`worksheets/sheet1.xml`, `/xl/worksheets/sheet1.xml`). */
export function partPath(target: string): string {
  const t = target.trim();
  const parts = (t.startsWith('/') ? t.slice(1) : `xl/${t}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}
