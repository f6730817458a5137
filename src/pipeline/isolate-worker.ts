/**
 * Worker-thread entry for {@link importFileIsolated}: runs `importFile` on the bytes it is given and posts back
 * the result or the error's name, code and message (never a stack trace).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importFile, type ImportOptions } from './import.js';
import type { IsolateReply } from './isolate.js';

const data = workerData as { bytes: Uint8Array; file: string; options: ImportOptions };

importFile(data.bytes, data.file, data.options).then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies IsolateReply),
  (e: unknown) => {
    const err = e as { name?: string; code?: string; message?: string };
    const reply: IsolateReply = { ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e) } };
    if (typeof err.code === 'string') reply.error.code = err.code;
    parentPort?.postMessage(reply);
  },
);
