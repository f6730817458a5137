/**
 * Office formats people still save in — `.xls`, `.doc`, `.rtf`, `.ods`, `.odt` (issue 15 §4) — converted by
 * LibreOffice in headless mode to `.xlsx`/`.docx` and then read as those. LibreOffice runs in a child process of its
 * own: a fresh profile folder and working folder per file (deleted after), a time limit (the process group is killed
 * past it), the file size limit already applied by the caller. Where LibreOffice is not installed, the format is
 * refused as before, saying how to enable conversion.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError, isImportError } from '../domain/index.js';
import { detectFormat, legacyOffice, type LegacyOffice } from './detect.js';
import type { Budget, Detection } from './types.js';

/** How to enable conversion, for the refusal where LibreOffice is absent. */
export const ENABLE_CONVERSION = 'or install LibreOffice (Debian: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui) so that `soffice` is on the PATH, and it is converted';

/**
 * The refusal of a format LibreOffice converts, where LibreOffice is absent: the format's own refusal (what to save
 * it as) followed by how to enable conversion.
 */
export function conversionRefusal(refusal: ImportError): ImportError {
  return new ImportError(refusal.code, `${refusal.message}, ${ENABLE_CONVERSION}`);
}

/**
 * Whether a file can be read here, by content, without reading it (the service's upload check): its detection, or
 * for a `.doc`, `.xls`, `.rtf`, `.odt` or `.ods`, what it is converted from and to where LibreOffice is installed.
 * @throws ImportError as {@link detectFormat}; for a format LibreOffice converts where it is absent, the format's
 *   refusal saying how to enable conversion ({@link conversionRefusal})
 */
export async function detectReadable(bytes: Uint8Array, fileName: string, budget: Budget): Promise<Detection | LegacyOffice> {
  try {
    return await detectFormat(bytes, fileName, budget);
  } catch (e) {
    const legacy = isImportError(e) && e.code === 'unsupported_format' ? await legacyOffice(bytes) : null;
    if (legacy === null) throw e;
    if (findLibreOffice() === null) throw conversionRefusal(e as ImportError);
    return legacy;
  }
}

/** The LibreOffice program run to convert: looked up on the PATH. */
export const SOFFICE = 'soffice';

/**
 * Where LibreOffice's `soffice` is on the PATH (the first executable one), or `null` when it is not installed — for
 * the service's upload check, which accepts the formats LibreOffice converts only where it can convert them. Looked
 * up at each call (a few `access` calls), so installing LibreOffice needs no restart.
 * @param path the search path (default `process.env.PATH`)
 */
export function findLibreOffice(path: string | undefined = process.env.PATH): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, SOFFICE);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Converts one file with LibreOffice (`soffice --headless --convert-to`).
 * @param bytes   the file (already within the size limit)
 * @param from    its format and what to convert it to ({@link legacyOffice})
 * @param timeoutMs time limit for the conversion
 * @param command the LibreOffice program (default {@link SOFFICE}, looked up on the PATH)
 * @returns the converted file's bytes
 * @throws ImportError `unsupported_format` when LibreOffice is not installed (the message says how to install it),
 *   `timed_out` past `timeoutMs` (LibreOffice killed), `corrupt` when LibreOffice produced nothing
 */
export async function convertWithLibreOffice(bytes: Uint8Array, from: LegacyOffice, timeoutMs: number, command = SOFFICE): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'cpd-convert-'));
  try {
    const input = join(dir, `input.${from.kind}`);
    await writeFile(input, bytes);
    const args = ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--convert-to', from.to, '--outdir', dir, input];
    await run(command, args, dir, timeoutMs);
    try {
      return new Uint8Array(await readFile(join(dir, `input.${from.to}`)));
    } catch {
      throw new ImportError('corrupt', `LibreOffice could not convert the .${from.kind} file to .${from.to} (damaged, or not what its content suggests)`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the converter in a process group of its own; kills the whole group past the time limit. */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, detached: true, stdio: 'ignore' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new ImportError('unsupported_format', `LibreOffice is not installed; ${ENABLE_CONVERSION}`) : new ImportError('corrupt', 'LibreOffice could not be started to convert the file', e.message));
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (timedOut) reject(new ImportError('timed_out', `the conversion by LibreOffice took longer than the limit of ${Math.round(timeoutMs / 1000)} s`));
      else resolve();
    });
  });
}
