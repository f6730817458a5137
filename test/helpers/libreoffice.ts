/**
 * LibreOffice in the tests (issue 15 §4): the conversion tests need `soffice` on the PATH — `.ci/run` installs it,
 * so in CI they always run. Where it is missing they FAIL, saying how to install it, rather than pass silently;
 * `CPD_SKIP_LIBREOFFICE=1` skips them on purpose (a developer machine without LibreOffice; `.ci/run` unsets it).
 * Tests of the refusal without LibreOffice hide it from the PATH for their duration ({@link withoutLibreOffice}).
 */
import { delimiter } from 'node:path';
import { findLibreOffice } from '../../src/pipeline/convert.js';

/** The environment variable that skips the conversion tests where LibreOffice is not installed. */
export const SKIP_LIBREOFFICE = 'CPD_SKIP_LIBREOFFICE';

/**
 * Whether the conversion tests run here: `run` (soffice on the PATH), `skip` (not installed and
 * {@link SKIP_LIBREOFFICE}=1), `missing` (not installed: the tests fail with {@link MISSING_LIBREOFFICE}).
 */
export function libreOfficeHere(): 'run' | 'skip' | 'missing' {
  if (findLibreOffice() !== null) return 'run';
  return process.env[SKIP_LIBREOFFICE] === '1' ? 'skip' : 'missing';
}

/** Why the conversion tests fail where LibreOffice is missing. */
export const MISSING_LIBREOFFICE = `LibreOffice is not installed (no soffice on the PATH), so the conversion of .doc, .xls, .rtf, .odt and .ods cannot be tested: install it (Debian: apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui; .ci/run does), or set ${SKIP_LIBREOFFICE}=1 to skip these tests`;

/**
 * Runs `fn` with every folder holding `soffice` left out of the PATH (restored after), so that the pipeline and the
 * upload check see no LibreOffice. The PATH is the test process's own (vitest runs each file in a process of its own).
 */
export async function withoutLibreOffice<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = (saved ?? '').split(delimiter).filter((dir) => dir !== '' && findLibreOffice(dir) === null).join(delimiter);
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}
