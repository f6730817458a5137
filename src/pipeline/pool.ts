/**
 * A pool of long-lived worker threads running the import pipeline under a time limit per file, so that one hostile
 * file (a workbook that makes the parser spin) cannot stall the CLI or a queue worker (docs/DESIGN.md §3: "each
 * extraction runs under a time and size budget"), without starting a thread and loading the parsers for every file. A thread that runs past the limit, crashes or runs out of memory
 * is terminated and replaced; each thread is also replaced after `maxJobsPerThread` files to bound memory growth.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { ImportError, type ImportErrorCode } from '../domain/errors.js';
import type { ImportResult } from '../domain/index.js';
import type { ImportOptions } from './import.js';
import { DEFAULT_BUDGET } from './types.js';
import type { ThreadMessage, ThreadRequest } from './pool-thread.js';

/**
 * URL of the compiled thread script. Under the TypeScript sources (tests) the compiled copy in `dist/` is used:
 * `npm run build` must have run (the test command does).
 */
function threadUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const path = fileURLToPath(here).replace(/[/\\]src[/\\]pipeline[/\\]pool\.ts$/, '/dist/src/pipeline/pool-thread.js');
    return new URL(`file://${path}`);
  }
  return new URL('./pool-thread.js', here);
}

interface Slot {
  worker: Worker;
  busy: boolean;
  jobs: number;
  current: { id: number; resolve: (r: ImportResult | null) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; onChunk?: (text: string) => void } | null;
}

/**
 * Pool settings: `size` threads; each replaced after `maxJobsPerThread` files (default 200); each thread's V8 heap
 * held under `threadMemoryMb` megabytes (default {@link DEFAULT_THREAD_MEMORY_MB}; Node's `resourceLimits`): a
 * file needing more fails as `too_large` and the thread is replaced.
 */
export interface ThreadPoolOptions {
  size: number;
  maxJobsPerThread?: number;
  threadMemoryMb?: number;
}

/** Default heap limit of one import thread, MB (our choice: the 20 MB files within budget need under 1 GB). */
export const DEFAULT_THREAD_MEMORY_MB = 2048;

/** Long-lived import threads; {@link ImportThreadPool.run} has the signature of `importFile`. */
export class ImportThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { resolve: (slot: Slot) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private closed = false;
  private readonly maxJobs: number;
  private readonly memoryMb: number;

  constructor(opts: ThreadPoolOptions) {
    this.maxJobs = opts.maxJobsPerThread ?? 200;
    this.memoryMb = Math.max(64, Math.round(opts.threadMemoryMb ?? DEFAULT_THREAD_MEMORY_MB));
    for (let i = 0; i < Math.max(1, opts.size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(threadUrl(), { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb }, stdout: false, stderr: true });
    const slot: Slot = { worker, busy: false, jobs: 0, current: null };
    worker.on('message', (msg: ThreadMessage) => {
      const cur = slot.current;
      if (!cur || cur.id !== msg.id) return;
      clearTimeout(cur.timer);
      if ('chunk' in msg) {
        // The file has been read (the time limit is for reading it); its JSON text is arriving. The thread, not the
        // timer, now keeps the process alive until the last piece.
        worker.ref();
        cur.onChunk?.(msg.chunk);
        return;
      }
      worker.unref();
      slot.current = null;
      const r = msg.reply;
      if (r.ok) cur.resolve(r.result);
      else if (r.error.name === 'ImportError' && r.error.code) cur.reject(new ImportError(r.error.code as ImportErrorCode, r.error.message, r.error.detail));
      else cur.reject(new Error(r.error.message));
      this.release(slot);
    });
    worker.on('error', (err: Error) => {
      const oom = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${err.message} ${(err as { code?: string }).code ?? ''}`);
      this.fail(slot, oom ? new ImportError('too_large', `the file needs more memory to read than the limit of ${this.memoryMb} MB per import allows`) : err);
    });
    worker.on('exit', (code) => {
      this.fail(slot, new Error(`the import thread stopped unexpectedly (exit code ${code})`));
    });
    worker.unref();
    return slot;
  }

  /** Rejects the slot's current file (if any) and replaces its thread. */
  private fail(slot: Slot, err: Error): void {
    const cur = slot.current;
    slot.current = null;
    if (cur) {
      clearTimeout(cur.timer);
      cur.reject(err);
    }
    this.replace(slot);
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (this.closed) {
      this.slots.splice(i, 1);
      return;
    }
    const fresh = this.spawn();
    this.slots[i] = fresh;
    this.release(fresh);
  }

  private release(slot: Slot): void {
    if (slot.jobs >= this.maxJobs && this.slots.includes(slot)) {
      slot.jobs = 0;
      this.replace(slot);
      return;
    }
    slot.busy = false;
    const next = this.waiting.shift();
    if (next) {
      slot.busy = true;
      next.resolve(slot);
    }
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /**
   * Imports one file on a pool thread.
   * @throws ImportError — the file's own, `timed_out` after `options.budget.timeoutMs` (default 60 s), or
   *   `too_large` when the thread ran out of memory; Error when the pool is closed or a thread crashed.
   */
  run = async (bytes: Uint8Array, file: string, options: ImportOptions = {}): Promise<ImportResult> => {
    const result = await this.dispatch(bytes, file, options);
    if (result === null) throw new Error('the import thread sent no result');
    return result;
  };

  /**
   * Imports one file on a pool thread and passes its result's JSON text (exactly `JSON.stringify(result)`, no
   * newline) to `write` in pieces of about 1 MiB as the thread writes it: the result itself never leaves the
   * thread, so a 100,000-record file costs no structured-clone copy (issue 13). Once the first piece has been
   * written the time limit no longer applies (the file has been read).
   * @throws as {@link ImportThreadPool.run}; when it throws, `write` has not been called unless the thread crashed
   *   while writing
   */
  runJson = async (bytes: Uint8Array, file: string, options: ImportOptions, write: (text: string) => void): Promise<void> => {
    await this.dispatch(bytes, file, options, write);
  };

  private dispatch = async (bytes: Uint8Array, file: string, options: ImportOptions, onChunk?: (text: string) => void): Promise<ImportResult | null> => {
    if (this.closed) throw new Error('the import thread pool is closed');
    const timeoutMs = options.budget?.timeoutMs ?? DEFAULT_BUDGET.timeoutMs;
    const slot = await this.acquire();
    if (this.closed) throw new Error('the import thread pool is closed');
    slot.jobs++;
    return new Promise<ImportResult | null>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.fail(slot, new ImportError('timed_out', `reading the file took longer than the limit of ${Number((timeoutMs / 1000).toPrecision(3))} s`));
      }, timeoutMs);
      slot.current = { id, resolve, reject, timer };
      const msg: ThreadRequest = { id, bytes, file, options };
      if (onChunk !== undefined) {
        slot.current.onChunk = onChunk;
        msg.json = true;
      }
      slot.worker.postMessage(msg);
    });
  };

  /** Terminates every thread; files in progress are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.slots];
    for (const s of all) this.fail(s, new Error('the import thread pool is closed'));
    for (const w of this.waiting.splice(0)) w.reject(new Error('the import thread pool is closed'));
    await Promise.all(all.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
