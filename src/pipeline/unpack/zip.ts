/**
 * The files inside a zip archive (issue 15 §2), each to be imported on its own: read under the limits of a workbook's
 * zip (src/pipeline/detect.ts listed it with the same zip-bomb guard: total inflated size, ratio per entry), by
 * yauzl and Node's zlib (`readZipEntries`, shared with the Word reader). Folders, macOS resource forks
 * (`__MACOSX/`), hidden files and Office lock files (`~$…`) are passed over, as the CLI passes them over in a folder.
 */
import { ImportError } from '../../domain/index.js';
import { readZipEntries } from '../extract/docx-zip.js';
import type { Budget } from '../types.js';
import type { Child } from './types.js';

/**
 * Why a path inside an archive may not be used as it is: it is absolute (`/etc/passwd`, `C:/…`) or climbs out of
 * the archive's folder (`../../x`, a "zip slip"); `null` for a path that stays inside.
 */
export function unsafePath(path: string): string | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return `its path inside the archive is absolute (${path}), so it is not read`;
  if (path.split('/').includes('..')) return `its path inside the archive climbs out of the archive's folder (${path}, a "zip slip"), so it is not read`;
  return null;
}

/** True for entries nobody meant as a file of their own: folders, `__MACOSX/` forks, hidden files, Office lock files. */
function passedOver(path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  return path.endsWith('/') || segments.includes('__MACOSX') || base.startsWith('.') || base.startsWith('~$');
}

/**
 * Reads the files of a zip archive, in the archive's order.
 * @param maxFiles most files the archive may hold (not counting those passed over)
 * @returns one child per file: its bytes, or the error that is that file's alone (an unsafe path, an encrypted entry)
 * @throws ImportError `too_large` (more files than `maxFiles`, or inflating past `budget.maxInflatedBytes`),
 *   `corrupt` (a damaged archive)
 */
export async function zipChildren(bytes: Uint8Array, budget: Budget, maxFiles: number): Promise<Child[]> {
  const order: Child[] = [];
  const wanted = new Set<string>();
  const read = await readZipEntries(
    bytes,
    (name, entry) => {
      if (passedOver(name)) return false;
      if (order.length >= maxFiles) {
        throw new ImportError('too_large', `the zip archive holds more than ${maxFiles} files, over the limit of ${maxFiles} for one upload; send them in smaller archives`);
      }
      const unsafe = unsafePath(name);
      if (unsafe !== null) {
        order.push({ path: name, error: new ImportError('unsupported_format', unsafe) });
        return false;
      }
      if (entry.isEncrypted()) {
        order.push({ path: name, error: new ImportError('password_protected', 'the file is encrypted inside the zip archive; remove the password and try again') });
        return false;
      }
      order.push({ path: name, bytes: new Uint8Array(0) });
      wanted.add(name);
      return true;
    },
    budget,
    { what: 'the zip archive' },
  );
  return order.map((c) => ('bytes' in c && wanted.has(c.path) ? { path: c.path, bytes: new Uint8Array(read.entries.get(c.path) ?? new Uint8Array(0)) } : c));
}
