/**
 * Runs `importFile` in a worker thread under a wall-clock limit, so that one hostile file (a workbook that makes
 * the parser spin) cannot stall the CLI or a queue worker (DESIGN.md §3: "each extraction runs under a time and
 * size budget"). The thread is terminated when the limit passes and the file fails with `timed_out`.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { ImportError, type ImportResult } from '../domain/index.js';
import { DEFAULT_BUDGET } from './types.js';
import type { ImportOptions } from './import.js';

/** Message the worker thread posts back. */
export type IsolateReply =
  | { ok: true; result: ImportResult }
  | { ok: false; error: { name: string; code?: string; message: string } };

/**
 * Path of the compiled worker script. Under the TypeScript sources (tests), the compiled copy in `dist/` is used:
 * `npm run build` must have run (the test command does).
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const path = fileURLToPath(here).replace(/[/\\]src[/\\]pipeline[/\\]isolate\.ts$/, '/dist/src/pipeline/isolate-worker.js');
    return new URL(`file://${path}`);
  }
  return new URL('./isolate-worker.js', here);
}

/**
 * Imports one file in a fresh worker thread.
 * @param bytes file content (copied to the thread)
 * @param file  file name for provenance
 * @throws ImportError — the file's own (empty, corrupt…), or `timed_out` after `options.budget.timeoutMs`
 *   (default 60 s), or `corrupt` if the parser crashed the thread (e.g. out of memory).
 */
export function importFileIsolated(bytes: Uint8Array, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const timeoutMs = options.budget?.timeoutMs ?? DEFAULT_BUDGET.timeoutMs;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), {
      workerData: { bytes, file, options },
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
      stdout: false,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new ImportError('timed_out', `reading the file took longer than the limit of ${Math.round(timeoutMs / 1000)} s`)));
    }, timeoutMs);
    worker.once('message', (reply: IsolateReply) => {
      finish(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.error.name === 'ImportError' && reply.error.code) {
          reject(new ImportError(reply.error.code as ImportError['code'], reply.error.message));
        } else reject(new Error(reply.error.message));
      });
    });
    worker.once('error', (err: Error) => {
      const oom = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${err.message} ${(err as { code?: string }).code ?? ''}`);
      finish(() => reject(oom ? new ImportError('too_large', 'the file needs more memory to read than the limit allows') : err));
    });
    worker.once('exit', (code) => {
      finish(() => reject(new Error(`the import thread stopped unexpectedly (exit code ${code})`)));
    });
  });
}
