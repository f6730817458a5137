/**
 * A file that cannot be read at all (docs/DESIGN.md §3: "a file that cannot be read throws a typed ImportError").
 * Data problems inside a readable file are gaps, never ImportErrors.
 */

/**
 * Why a file could not be read:
 * - `empty`               zero bytes, or nothing but whitespace / an empty container
 * - `corrupt`             a damaged or truncated file of a known format
 * - `password_protected`  an encrypted workbook, document or PDF
 * - `unsupported_format`  a format the pipeline does not read (legacy .xls/.doc, an unknown binary, a zip that is no workbook)
 * - `too_large`           over the size limit, or inflates past it (zip bomb)
 * - `timed_out`           extraction ran past the per-file time limit
 * - `unreadable`          the file could not be opened (missing, permission denied)
 */
export const IMPORT_ERROR_CODES = [
  'empty',
  'corrupt',
  'password_protected',
  'unsupported_format',
  'too_large',
  'timed_out',
  'unreadable',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * Thrown when a whole file cannot be imported. `message` is a one-line reason written by us and fit for the user;
 * `detail`, when set, is the parsing library's own text (e.g. `"Invalid Address: ANaN"`), for the log only — never
 * shown to a user (issue 12, "plain messages").
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly detail?: string;
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    detail?: string,
  ) {
    super(message);
    if (detail !== undefined && detail !== '') this.detail = detail;
  }
}

/**
 * The first line of a library error's text, at most 200 characters, for {@link ImportError.detail}
 * (`''` when there is none).
 */
export function libraryText(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const first = (msg.split('\n')[0] ?? '').trim();
  return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}

/** True for an {@link ImportError} (also across worker-thread boundaries, where only the shape survives). */
export function isImportError(e: unknown): e is ImportError {
  return (
    e instanceof ImportError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { name?: unknown }).name === 'ImportError' &&
      typeof (e as { code?: unknown }).code === 'string')
  );
}
