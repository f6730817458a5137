/**
 * Helpers for the document tests: read a fixture or a real-world parser test file, import it, pick fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, type ImportOptions } from '../../src/pipeline/import.js';
import type { CpdRecord, ImportResult } from '../../src/domain/index.js';

/** Repository root (tests run from it). */
export const ROOT = process.cwd();
/** Parser-suite files that broke these libraries before (fixtures/realworld/SOURCES.md: sources and licences). */
export const REALWORLD = join(ROOT, 'fixtures/realworld/parsers');
/** "Today" for every document test, so that validation does not depend on the clock. */
export const TODAY = '2026-11-29';

/** Bytes of a file under the repository root (or an absolute path). */
export function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path.startsWith('/') ? path : join(ROOT, path)));
}

/** Imports a file with a fixed today. */
export function imp(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importFile(bytesOf(path), path, { today: TODAY, ...options });
}

/** The record fields a reviewer reads (everything but raw, gaps, source, extras), for exact comparison. */
export function fields(r: CpdRecord): Omit<CpdRecord, 'raw' | 'gaps' | 'source' | 'extras'> {
  const { raw: _raw, gaps: _gaps, source: _source, extras: _extras, ...rest } = r;
  return rest;
}

/** `code field` of each gap, e.g. `"inferred startDate"`, for compact assertions. */
export function gapKeys(r: { gaps: { code: string; field: string | null }[] }): string[] {
  return r.gaps.map((g) => `${g.code} ${g.field ?? '-'}`);
}

/** Error code of a rejected import (`undefined` when it resolved). */
export async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped: ${(e as Error).message}`;
  }
}
