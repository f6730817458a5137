/**
 * Reading an import's file (what a worker does with a job, issue 11): the pipeline runs with the service's settings,
 * the options asked for this version of the import (columns chosen by a person, date order, hours per day: `PUT
 * /imports/:id/mapping`), and sample values in the mapping for the mapping step; the options used are returned to be
 * stored with the result (`GET /imports/:id/mapping` shows them).
 */
import type { ImportResult, ReadingUsed } from '../domain/index.js';
import { DEFAULT_HOURS_PER_DAY, type ImportOptions } from '../pipeline/import.js';
import { DEFAULT_TIME_ZONE } from '../pipeline/normalise/zone.js';
import type { ImportJobInput } from '../store/store.js';

/** Runs the pipeline on one file (`importFile`'s signature: a thread of the import pool in the worker). */
export type RunPipeline = (bytes: Uint8Array, fileName: string, options: ImportOptions) => Promise<ImportResult>;

/** An import's file read, and the options it was read with. */
export interface ReadOutcome {
  result: ImportResult;
  used: ReadingUsed;
}

/**
 * Reads the file of one import with `base` (the service's settings: budget, time zone) and the options asked for
 * this version (`input.reading`), which win over `base`.
 * @throws ImportError when the file cannot be read (as `importFile`); infrastructure errors as they come
 */
export async function readImportFile(run: RunPipeline, input: Pick<ImportJobInput, 'bytes' | 'fileName' | 'reading'>, base: ImportOptions): Promise<ReadOutcome> {
  const asked = input.reading ?? {};
  const options: ImportOptions = { ...base, mappingSamples: true };
  if (asked.dateOrder !== undefined) options.dateOrder = asked.dateOrder;
  if (asked.hoursPerDay !== undefined) options.hoursPerDay = asked.hoursPerDay;
  const columns = asked.columns ?? {};
  if (Object.keys(columns).length > 0) options.mapping = columns;
  const result = await run(input.bytes, input.fileName, options);
  return {
    result,
    used: { dateOrder: options.dateOrder ?? 'auto', hoursPerDay: options.hoursPerDay ?? DEFAULT_HOURS_PER_DAY, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, columns, templates: [] },
  };
}
