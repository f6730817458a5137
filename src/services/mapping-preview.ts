/**
 * The mapping step's preview (issue 11 §5): the first records of an import's file as they would read with a proposed
 * mapping, before anything is saved. The stored file is read by the pipeline's own reading (`readImportFile`,
 * templates included), with the columns, date order and hours per day the version would be read with
 * (`nextReading`: the old version's choices with the proposal over them); nothing is stored, queued or audited.
 */
import type { CpdRecord, Gap, ReadingUsed } from '../domain/index.js';
import type { ImportOptions } from '../pipeline/import.js';
import type { ImportView, Store } from '../store/store.js';
import { checkChange, MappingError, nextReading, type MappingChange, type MappingTable } from './mapping.js';
import { isSlowFile, readImportFile, type RunPipeline } from './reading.js';

/** Records a preview shows at most: the first rows of the file. */
export const PREVIEW_RECORDS = 10;

/**
 * `POST /imports/:id/mapping/preview` answer: the tables as they would be mapped (with sample values), the first
 * {@link PREVIEW_RECORDS} records as they would read (hours in decimal hours, dates ISO 8601, each with its gaps),
 * how many records the file would give, the file-level gaps, and the options it would be read with.
 */
export interface MappingPreview {
  importId: string;
  tables: MappingTable[];
  records: CpdRecord[];
  total: number;
  fileGaps: Gap[];
  options: ReadingUsed;
}

/** What a preview needs: the store (the file, the version's choices, the templates), the pipeline, the service's settings. */
export interface PreviewDeps {
  store: Store;
  run: RunPipeline;
  /** The service's reading settings (budget, time zone), as a worker reads with. */
  base: ImportOptions;
}

/**
 * Reads the import's stored file with the proposed mapping without saving anything (see the module comment).
 * `change.remember` is ignored: a preview remembers nothing.
 * @returns null when the import has no stored file
 * @throws MappingError `not_done` (409) unless the import is done; `unknown_heading` or `blocks_only` (422) as for
 *   `PUT /imports/:id/mapping`; `preview_unavailable` (422) for a scan, a file to convert or a large file (read by a worker only)
 * @throws ImportError when the file cannot be read with these options
 */
export async function previewMapping(deps: PreviewDeps, imp: ImportView, change: MappingChange): Promise<MappingPreview | null> {
  const { store } = deps;
  if (imp.status !== 'done') throw new MappingError(409, 'not_done', `the import is ${imp.status}; its mapping can be previewed when it is done`);
  const [mapping, input, reading] = await Promise.all([store.imports.getMapping(imp.importId), store.imports.loadInput(imp.importId), store.imports.getReading(imp.importId)]);
  if (input === null) return null;
  checkChange(mapping ?? [], change);
  if (isSlowFile(input.bytes)) {
    throw new MappingError(422, 'preview_unavailable', 'a scan, a file LibreOffice converts (.doc, .xls, .rtf, .odt, .ods) or a file over 2 MB is not previewed here (it is read by a worker): apply the mapping and the new version shows its records when read');
  }
  const { remember: _ignored, ...proposal } = change;
  const asked = nextReading(reading ?? { requested: null, used: null }, proposal);
  const read = await readImportFile({ run: deps.run, store }, { bytes: input.bytes, fileName: input.fileName, sourceName: input.sourceName, reading: asked }, deps.base);
  return {
    importId: imp.importId,
    tables: read.result.mapping.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, samples: c.samples ?? [] })) })),
    records: read.result.records.slice(0, PREVIEW_RECORDS),
    total: read.result.records.length,
    fileGaps: read.result.fileGaps,
    options: read.used,
  };
}
