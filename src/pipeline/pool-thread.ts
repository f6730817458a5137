/**
 * Thread entry of {@link ImportThreadPool}: a long-lived worker thread that runs `importFile` for each message
 * `{ id, bytes, file, options, json }` and posts back `{ id, reply }` (the result, or the error's name, code and
 * message — never a stack trace). With `json: true` the result does not cross at all: the thread posts its JSON
 * text in pieces `{ id, chunk }` (exactly `JSON.stringify(result)`), then `{ id, reply: { ok: true, result: null } }`. Loading the parsers once per thread (exceljs alone costs ~0.4 s) is what keeps an import
 * of a 200-row workbook around 0.1 s.
 */
import { parentPort } from 'node:worker_threads';
import { importFile, type ImportOptions } from './import.js';
import type { ImportResult } from '../domain/index.js';
import { writeJsonChunks } from './json-chunks.js';

/** What the thread posts back for one file: the result, or the error's name, code and message (no stack). */
export type IsolateReply =
  | { ok: true; result: ImportResult | null }
  | { ok: false; error: { name: string; code?: string; message: string; detail?: string } };

/** A request to the thread. */
export interface ThreadRequest {
  id: number;
  bytes: Uint8Array;
  file: string;
  options: ImportOptions;
  /** Send the result as JSON text in pieces (`ThreadChunk`) instead of as an object. */
  json?: boolean;
}

/** One piece of a result's JSON text (requests with `json: true`), in order. */
export interface ThreadChunk {
  id: number;
  chunk: string;
}

/** The thread's answer to one request. */
export interface ThreadResponse {
  id: number;
  reply: IsolateReply;
}

/** Anything the thread posts. */
export type ThreadMessage = ThreadResponse | ThreadChunk;

// Warm up: load the spreadsheet readers now rather than on the first file (failures surface on that file).
void import('./extract/xlsx/index.js').catch(() => undefined);
void import('./extract/csv.js').catch(() => undefined);

/** Posts the error of one request: name, code and message, never a stack trace. */
function postError(id: number, e: unknown): void {
  const err = e as { name?: string; code?: string; message?: string; detail?: string };
  // A stack exhausted by a file's nesting is the file's doing, not the service's: refused, never retried.
  if (e instanceof RangeError && /call stack/i.test(err.message ?? '')) {
    const reply: IsolateReply = { ok: false, error: { name: 'ImportError', code: 'too_large', message: 'the file is nested too deeply to read', detail: err.message ?? '' } };
    parentPort?.postMessage({ id, reply } satisfies ThreadResponse);
    return;
  }
  const reply: IsolateReply = { ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e) } };
  if (typeof err.code === 'string') reply.error.code = err.code;
  if (typeof err.detail === 'string') reply.error.detail = err.detail;
  parentPort?.postMessage({ id, reply } satisfies ThreadResponse);
}

parentPort?.on('message', (msg: ThreadRequest) => {
  importFile(msg.bytes, msg.file, msg.options).then(
    (result) => {
      if (msg.json !== true) {
        parentPort?.postMessage({ id: msg.id, reply: { ok: true, result } } satisfies ThreadResponse);
        return;
      }
      try {
        writeJsonChunks(result, (chunk) => parentPort?.postMessage({ id: msg.id, chunk } satisfies ThreadChunk));
      } catch (e) {
        postError(msg.id, e);
        return;
      }
      parentPort?.postMessage({ id: msg.id, reply: { ok: true, result: null } } satisfies ThreadResponse);
    },
    (e: unknown) => postError(msg.id, e),
  );
});
