/**
 * Reads selected entries of a Word document's zip container under the per-file budget (docs/DESIGN.md §3): the
 * declared and the actual inflated sizes are both checked, so a zip bomb fails with `too_large` before it is
 * inflated in full.
 */
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { ImportError, libraryText } from '../../domain/index.js';
import type { Budget } from '../types.js';

/** The entries read, by name (`word/document.xml` → its inflated bytes), and the names of every entry. */
export interface ZipEntries {
  names: string[];
  entries: Map<string, Buffer>;
}

/**
 * The name of a zip entry as stored (UTF-8 when flagged, else CP437), backslashes as slashes, NOT checked: a name
 * that climbs out of its folder (`../x`, `/etc/x`) is returned as it is, for the caller to refuse that entry alone
 * (yauzl's own check would fail the whole archive).
 */
export function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  const name = typeof raw === 'string' ? raw : yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  return name.replace(/\\/g, '/');
}

/** Options of {@link readZipEntries}: `what` names the file in messages (default "the Word document"). */
export interface ZipReadOptions {
  what?: string;
}

/**
 * Opens a zip held in memory and returns the inflated bytes of the entries `want` selects (Node's zlib).
 * @param bytes  the zip file
 * @param want   which entries to inflate, by name (see {@link entryName}) and entry (encryption, sizes)
 * @param budget `maxInflatedBytes` bounds the sum of all declared entry sizes and of the inflated bytes read
 * @throws ImportError `corrupt` (not a readable zip), `too_large` (inflates past the budget)
 */
export async function readZipEntries(
  bytes: Uint8Array,
  want: (name: string, entry: yauzl.Entry) => boolean,
  budget: Budget,
  options: ZipReadOptions = {},
): Promise<ZipEntries> {
  const what = options.what ?? 'the Word document';
  let zip: yauzl.ZipFile;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    zip = await yauzl.fromBufferPromise(buf, {
      lazyEntries: true,
      validateEntrySizes: true,
      decodeStrings: false,
    });
  } catch (e) {
    throw new ImportError('corrupt', `${what} is damaged: its zip container cannot be read`, libraryText(e));
  }
  const names: string[] = [];
  const entries = new Map<string, Buffer>();
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entryName(entry);
        names.push(name);
        declared += entry.uncompressedSize;
        if (declared > budget.maxInflatedBytes) {
          reject(tooLarge(budget, what));
          return;
        }
        let take: boolean;
        try {
          take = !/\/$/.test(name) && want(name, entry);
        } catch (e) {
          reject(e);
          return;
        }
        if (!take) {
          zip.readEntry();
          return;
        }
        readWhole(zip, buf, entry, budget.maxInflatedBytes - inflated, (whole) => {
          if (whole !== null) {
            inflated += whole.length;
            entries.set(name, whole);
            zip.readEntry();
            return;
          }
          streamEntry(entry, name);
        });
      });
      const streamEntry = (entry: yauzl.Entry, name: string): void => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) {
            reject(err);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => {
            inflated += c.length;
            if (inflated > budget.maxInflatedBytes) {
              stream.destroy();
              reject(tooLarge(budget, what));
              return;
            }
            chunks.push(c);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      };
      zip.readEntry();
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt', `${what} is damaged: a part of its zip container cannot be read`, libraryText(e));
  } finally {
    zip.close();
  }
  return { names, entries };
}

/**
 * An entry's bytes in one synchronous step (zlib's `inflateRawSync` on the entry's slice of the file), or null when
 * anything is out of the ordinary — encrypted, an unknown compression method, a bad local header, data that does
 * not inflate to exactly its declared size, more than `room` bytes — so that the caller reads it through yauzl's
 * stream instead, with yauzl's checks and messages. Inflation never produces more than the declared size + 1
 * bytes (zip bombs stop there). Streaming a 1 MB `document.xml` through yauzl costs ~35 ms; this ~5 ms.
 */
function readWhole(zip: yauzl.ZipFile, file: Buffer, entry: yauzl.Entry, room: number, done: (b: Buffer | null) => void): void {
  const method = entry.compressionMethod;
  if (entry.isEncrypted() || (method !== 0 && method !== 8) || entry.uncompressedSize > room) {
    done(null);
    return;
  }
  zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => {
    let out: Buffer | null = null;
    if (!err) {
      const start = header.fileDataStart;
      const data = file.subarray(start, start + entry.compressedSize);
      try {
        if (data.length === entry.compressedSize) out = method === 0 ? Buffer.from(data) : inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch {
        out = null;
      }
      if (out !== null && out.length !== entry.uncompressedSize) out = null;
    }
    done(out);
  });
}

function tooLarge(budget: Budget, what: string): ImportError {
  return new ImportError('too_large', `${what} inflates to more than ${Math.round(budget.maxInflatedBytes / 1024 / 1024)} MB`);
}

/** The zip-file interface mammoth 1.13 reads a document through (its `openZip` accepts `{ file }`). */
export interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}

/**
 * Serves entries already read (and bounded by the budget) to mammoth, so the document is inflated once, by
 * Node's zlib, and mammoth never inflates anything outside the budget. Relies on mammoth 1.13's `openZip`
 * accepting `{ file }` (lib/unzip.js; the version is pinned). Entries not read (images) are refused: the Word
 * extractor never asks mammoth to read images.
 */
export function mammothZipFile(z: ZipEntries): MammothZipFile {
  const all = new Set(z.names);
  return {
    exists: (name) => all.has(name),
    read: (name, encoding) => {
      const b = z.entries.get(name);
      if (b === undefined) return Promise.reject(new Error(`zip entry ${name} was not read`));
      if (encoding === 'base64') return Promise.resolve(b.toString('base64'));
      if (encoding) return Promise.resolve(new TextDecoder(encoding).decode(b));
      return Promise.resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    },
  };
}
