/**
 * Settings (`loadConfig`) and the `cpd-import users add` command.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/store.js';

describe('loadConfig', () => {
  it('defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'cpd',
      workerConcurrency: 2,
      jobAttempts: 5,
      jobBackoffMs: 1000,
      lockDurationMs: 8_000,
      stalledIntervalMs: 3_000,
      maxStalledCount: 2,
      reconcileIntervalMs: 15_000,
      reconcileGraceMs: 10_000,
      maxUploadBytes: 20 * 1024 * 1024,
      maxFilesPerRequest: 10,
      importTimeoutMs: 60_000,
      threadMemoryMb: 2048,
      fileBudget: { maxCellChars: 32_767, maxTableCells: 2_000_000, maxMergedCells: 200_000, maxStreamBytes: 64 * 1024 * 1024, maxImagePixels: 40_000_000 },
      logLevel: 'info',
      startWorker: true,
      timeZone: 'Europe/London',
      defaultBody: 'iet',
    });
  });

  it('reads and converts values; an empty DATABASE_URL means PGlite', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: '', MAX_UPLOAD_MB: '1.5', IMPORT_TIMEOUT_S: '2', START_WORKER: 'false', WORKER_CONCURRENCY: '4' });
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, maxUploadBytes: 1_572_864, importTimeoutMs: 2000, startWorker: false, workerConcurrency: 4, threadMemoryMb: 1024 });
    // The worker process's total is shared by its threads, never below 256 MB each.
    expect(loadConfig({ WORKER_MEMORY_MB: '600', WORKER_CONCURRENCY: '4' }).threadMemoryMb).toBe(256);
    expect(loadConfig({ MAX_PDF_STREAM_MB: '8', MAX_IMAGE_MEGAPIXELS: '20' }).fileBudget).toMatchObject({ maxStreamBytes: 8 * 1024 * 1024, maxImagePixels: 20_000_000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
  });

  it('TIME_ZONE: an IANA zone, canonically spelled; anything else is a config error', () => {
    expect(loadConfig({ TIME_ZONE: 'europe/dublin' }).timeZone).toBe('Europe/Dublin');
    expect(loadConfig({ TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/^invalid settings:\nTIME_ZONE: "Mars\/Olympus_Mons" is not a time zone name \(an IANA name such as Europe\/London\)$/);
  });

  it('DEFAULT_BODY: a body with a rule set, any case; anything else is a config error naming the known bodies', () => {
    expect(loadConfig({ DEFAULT_BODY: ' RICS ' }).defaultBody).toBe('rics');
    expect(loadConfig({ DEFAULT_BODY: 'engineers-ireland' }).defaultBody).toBe('engineers-ireland');
    expect(() => loadConfig({ DEFAULT_BODY: 'rcvs' })).toThrow(
      'invalid settings:\nDEFAULT_BODY: "rcvs" is not a body with a rule set; known bodies: iet, cibse, cipd, engineers-australia, engineers-ireland, hcpc, ice, imeche, istructe, nmc, riba, rics, science-council',
    );
  });

  it('names every invalid variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://h', REDIS_URL: 'http://h', WORKER_CONCURRENCY: '0', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as Error).message.split('\n');
    expect(lines[0]).toBe('invalid settings:');
    expect(lines.slice(1).map((l) => l.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL', 'WORKER_CONCURRENCY']);
  });
});

describe('cpd-import users add', () => {
  let dir = '';
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpd-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, color: false };
    const code = await main(args, io);
    return { code, out, err };
  }

  // Opens the embedded database twice (the CLI, then the check): slow on a loaded machine, as the hooks are.
  it('creates a member key, prints it once on stdout, and the key works', async () => {
    const r = await run(['users', 'add', '--role', 'member', '--member', 'M-77', '--name', 'Ann']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cpd_[A-Za-z0-9_-]{43}\n$/);
    expect(r.err).toMatch(/^Created member key [0-9a-f-]{36} for member M-77 in .*\. The key above is shown only this once\.\n$/);
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.users.findByKey(r.out.trim())).toMatchObject({ role: 'member', memberId: 'M-77', name: 'Ann' });
    } finally {
      await store.close();
    }
  }, 120_000);

  it('usage errors exit 2', async () => {
    expect((await run(['users', 'add', '--role', 'member'])).code).toBe(2);
    expect((await run(['users', 'add', '--role', 'admin', '--member', 'X'])).code).toBe(2);
    expect((await run(['users', 'add', '--role', 'boss'])).code).toBe(2);
    expect((await run(['users', 'add'])).code).toBe(2);
    const bad = await run(['users', 'add', '--role', 'member', '--member', 'a b']);
    expect(bad).toEqual({ code: 2, out: '', err: 'cpd-import: --member: a member id is 1–64 letters, digits, ".", "_" or "-"\n' });
  });

  it('an unreachable database exits 1 with one line', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    try {
      const r = await run(['users', 'add', '--role', 'admin']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^cpd-import: cannot open the database: .*\n$/);
      expect(r.err.split('\n').length).toBe(2);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
