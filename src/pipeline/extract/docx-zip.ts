/**
 * Reads selected entries of a Word document's zip container under the per-file budget (DESIGN.md §3): the
 * declared and the actual inflated sizes are both checked, so a zip bomb fails with `too_large` before it is
 * inflated in full.
 */
import yauzl from 'yauzl';
import { ImportError } from '../../domain/index.js';
import type { Budget } from '../types.js';

/** The entries read, by name (`word/document.xml` → its UTF-8 text), and the names of every entry. */
export interface ZipText {
  names: string[];
  texts: Map<string, string>;
}

/**
 * Opens a zip held in memory and returns the text of the entries `want` selects.
 * @param bytes  the zip file
 * @param want   which entries to inflate, by name
 * @param budget `maxInflatedBytes` bounds the sum of all declared entry sizes and of the inflated bytes read
 * @throws ImportError `corrupt` (not a readable zip), `too_large` (inflates past the budget)
 */
export async function readZipTexts(bytes: Uint8Array, want: (name: string) => boolean, budget: Budget): Promise<ZipText> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch (e) {
    throw new ImportError('corrupt', `the Word document is damaged: its zip container cannot be read (${(e as Error).message})`);
  }
  const names: string[] = [];
  const texts = new Map<string, string>();
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        declared += entry.uncompressedSize;
        if (declared > budget.maxInflatedBytes) {
          reject(tooLarge(budget));
          return;
        }
        if (!want(entry.fileName) || /\/$/.test(entry.fileName)) {
          zip.readEntry();
          return;
        }
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
              reject(tooLarge(budget));
              return;
            }
            chunks.push(c);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('corrupt', `the Word document is damaged: ${(e as Error).message}`);
  } finally {
    zip.close();
  }
  return { names, texts };
}

function tooLarge(budget: Budget): ImportError {
  return new ImportError('too_large', `the Word document inflates to more than ${Math.round(budget.maxInflatedBytes / 1024 / 1024)} MB`);
}
