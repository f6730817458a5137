/**
 * XLSX reader failures (docs/DESIGN.md §1 "extract"): a damaged or foreign file becomes an ImportError in our words
 * (the library's text kept as its detail for the log); a changed exceljs is a deployment fault, never an ImportError.
 */
import { ImportError, libraryText } from '../../../domain/errors.js';

/**
 * exceljs no longer has an internal this module relies on (a programming error after an upgrade, not a bad file):
 * never turned into an ImportError.
 */
export class ExcelJsInternalsError extends Error {
  override readonly name = 'ExcelJsInternalsError';
  constructor(what: string) {
    super(`exceljs internals changed (${what}); src/pipeline/extract/xlsx/ needs updating for this exceljs version`);
  }
}

/**
 * A one-line reason for a reader failure, in our words (no stack, no library text: that goes to
 * {@link ImportError.detail} for the log).
 */
export function shortReason(e: unknown): string {
  const first = libraryText(e);
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (
    code.startsWith('Z_') ||
    /central directory|corrupted zip|end of data|invalid signature|FILE_ENDED|size mismatch|crc|invalid (?:block|distance|stored|code|literal)|incorrect header|unexpected end|(?:not enough|too many) bytes|zip/i.test(first)
  ) {
    return 'the zip container is damaged or truncated';
  }
  if (e instanceof TypeError) return 'required workbook parts are missing or malformed';
  if (/address|range|\bref\b|cell needs a row/i.test(first)) return 'a cell address or range in it is not valid';
  if (/^\d+:\d+:/.test(first) || /xml|tag|entity|attribute|root node|unclosed/i.test(first)) return 'a part of it is not well-formed XML';
  return 'its content could not be read';
}

/**
 * A reader failure as thrown to the caller: an {@link ImportError} or {@link ExcelJsInternalsError} as is, anything
 * else `ImportError('corrupt', 'not a valid workbook: <reason>')` with the library's text as its detail.
 */
export function toImportError(e: unknown): Error {
  if (e instanceof ImportError || e instanceof ExcelJsInternalsError) return e;
  return new ImportError('corrupt', `not a valid workbook: ${shortReason(e)}`, libraryText(e));
}
