/**
 * Slow files may not take every slot of a worker (workers/processor.ts, issue 12 §2): with two slots, a second scan
 * goes back to the queue for a moment while the first is read, and an ordinary log is read at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import type { ImportJobData } from '../../src/queue/queue.js';
import type { Store } from '../../src/store/store.js';
import { importProcessor, isSlowFile } from '../../workers/processor.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const CSV = new TextEncoder().encode('Date,Activity,Hours\n12/03/2026,Webinar,1\n');

describe('slow files and worker slots', () => {
  it('tells slow files by their kind and size', () => {
    expect([isSlowFile(PNG), isSlowFile(CSV), isSlowFile(new Uint8Array(3 * 1024 * 1024)), isSlowFile(new TextEncoder().encode('%PDF-1.7 small'))]).toEqual([true, false, true, false]);
  });

  it('a file LibreOffice converts first is slow (seconds per file); an .xlsx or .docx is not', () => {
    const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures', path)));
    const files = ['converted/table-log.doc', 'converted/table-log.odt', 'converted/table-log.rtf', 'converted/aisha-okonkwo-cpd-2024.xls', 'converted/aisha-okonkwo-cpd-2024.ods', 'docx/table-log.docx', 'golden/aisha-okonkwo-cpd-2024.xlsx'];
    expect(files.map((p) => isSlowFile(fixture(p)))).toEqual([true, true, true, true, true, false, false]);
  });

  it('sends a second scan back to the queue while one is read, and reads an ordinary log at once', async () => {
    const files: Record<string, Uint8Array> = { scan1: PNG, scan2: PNG, log: CSV };
    const failed: string[] = [];
    const store = {
      imports: {
        loadInput: async (id: string) => ({ importId: id, fileName: `${id}.bin`, status: 'queued', bytes: files[id]! }),
        markFailed: async (id: string) => void failed.push(id),
      },
      templates: { list: async () => [] },
      transaction: async (fn: (tx: unknown) => Promise<boolean>) => fn({ imports: { markProcessing: async () => true } }),
    } as unknown as Store;
    let release!: () => void;
    const firstScan = new Promise<void>((res) => (release = res));
    const run = async (_bytes: Uint8Array, file: string): Promise<never> => {
      if (file === 'scan1.bin') await firstScan;
      throw new ImportError('empty', 'nothing to read');
    };
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const processor = importProcessor({ redisUrl: '', prefix: '', store, concurrency: 2, timeoutMs: 1000, maxBytes: 1e6, lockDurationMs: 8000, stalledIntervalMs: 3000, maxStalledCount: 1, logger: silent, run });
    const delayed: string[] = [];
    const job = (id: string) => ({ id, data: { importId: id }, attemptsMade: 0, opts: {}, updateProgress: async () => undefined, moveToDelayed: async () => void delayed.push(id) }) as unknown as Job<ImportJobData>;

    const one = processor.process(job('scan1'), 'token-1');
    await expect(processor.process(job('scan2'), 'token-2')).rejects.toBeInstanceOf(DelayedError);
    await expect(processor.process(job('log'), 'token-3')).rejects.toBeInstanceOf(UnrecoverableError);
    release();
    await expect(one).rejects.toBeInstanceOf(UnrecoverableError);
    // Once the first scan is done, the second takes the slot.
    await expect(processor.process(job('scan2'), 'token-4')).rejects.toBeInstanceOf(UnrecoverableError);
    expect(delayed).toEqual(['scan2']);
    expect(failed).toEqual(['log', 'scan1', 'scan2']);
  });
});
