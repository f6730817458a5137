/**
 * Shapes of the unpack stage (issue 15): a file that holds other files — a zip archive, an e-mail, an Outlook
 * message — gives parts, each imported on its own by `importFile`.
 */
import type { ImportError } from '../../domain/index.js';

/**
 * One file found directly inside a container: its path there and its bytes, or the error that is its alone, or a
 * note on something in the container left out on purpose (a logo embedded in an e-mail's body), said to the user.
 */
export type Child = { path: string; bytes: Uint8Array } | { path: string; error: ImportError } | { path: string; note: string };

/** A note on something in an upload left out on purpose: its path inside the container and why, in words. */
export interface UnpackNote {
  path: string;
  message: string;
}

/**
 * One part of an upload, to import on its own. `path` is its place inside the container, folders and nested
 * containers joined by `/` (`2024/log.xlsx`, `Fwd: CPD.eml/log.xlsx`, `message body.html`).
 * - `bytes`: the part's content, to import as a file named `path`;
 * - `error`: why the part cannot be imported (a zip slip path, nested too deep, too large, encrypted…); the other
 *   parts are still imported.
 */
export type Part = { path: string; bytes: Uint8Array } | { path: string; error: ImportError };
