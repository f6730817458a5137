/**
 * Reading an import's file (what a worker does with a job, issue 11): the pipeline runs with the service's settings,
 * the options asked for this version of the import (columns chosen by a person, date order, hours per day: `PUT
 * /imports/:id/mapping`), the remembered mappings (`templates.ts`: a table whose header row has a template's
 * headings is read with it first, whatever format the template was saved from, under the columns chosen for the version), and sample values in the
 * mapping for the mapping step. A file-level `template` gap names who saved each template used and when. The options
 * used are returned to be stored with the result (`GET /imports/:id/mapping` shows them).
 */
import type { ColumnChoice, ColumnChoices, ImportResult, ReadingUsed, TemplateUse } from '../domain/index.js';
import { mayNeedConversion } from '../pipeline/detect.js';
import { normaliseHeading } from '../pipeline/headings.js';
import { DEFAULT_HOURS_PER_DAY, type ImportOptions } from '../pipeline/import.js';
import type { MappingTemplateInput } from '../pipeline/map/template.js';
import { DEFAULT_TIME_ZONE } from '../pipeline/normalise/zone.js';
import type { ImportJobInput, MappingTemplate, Store } from '../store/store.js';
import { templateGap } from './templates.js';

/** Runs the pipeline on one file (`importFile`'s signature: a thread of the import pool in the worker). */
export type RunPipeline = (bytes: Uint8Array, fileName: string, options: ImportOptions) => Promise<ImportResult>;

/** An import's file read, and the options it was read with. */
export interface ReadOutcome {
  result: ImportResult;
  used: ReadingUsed;
}

/** A stored template as the pipeline takes it. */
function templateInput(t: MappingTemplate): MappingTemplateInput {
  const out: MappingTemplateInput = { id: t.id, format: t.format, headings: t.headings, columns: t.columns, savedBy: t.savedBy, savedAt: t.savedAt };
  if (t.dateOrder !== null) out.dateOrder = t.dateOrder;
  if (t.hoursPerDay !== null) out.hoursPerDay = t.hoursPerDay;
  return out;
}

/** The columns chosen for the version with those of the templates used under them (headings compared normalised). */
function columnsUsed(chosen: ColumnChoices, used: readonly MappingTemplate[]): ColumnChoices {
  const byKey = new Map<string, [string, ColumnChoice]>(Object.entries(chosen).map(([h, f]) => [normaliseHeading(h), [h, f]]));
  for (const t of used) for (const [h, f] of Object.entries(t.columns)) if (!byKey.has(normaliseHeading(h))) byKey.set(normaliseHeading(h), [h, f]);
  return Object.fromEntries(byKey.values());
}

/**
 * Reads the file of one import with `base` (the service's settings: budget, time zone), the options asked for this
 * version (`input.reading`, which win over `base`), and every template (see the module comment).
 * @throws ImportError when the file cannot be read (as `importFile`); infrastructure errors as they come
 */
export async function readImportFile(deps: { run: RunPipeline; store: Pick<Store, 'templates'> }, input: Pick<ImportJobInput, 'bytes' | 'fileName' | 'reading'> & Partial<Pick<ImportJobInput, 'sourceName'>>, base: ImportOptions): Promise<ReadOutcome> {
  const asked = input.reading ?? {};
  // A part of an upload keeps its full name in its records' source (`priya.eml › Li Wei CPD.zip/2026/q1.csv`).
  const options: ImportOptions = { ...base, mappingSamples: true, name: input.sourceName ?? input.fileName };
  if (asked.dateOrder !== undefined) options.dateOrder = asked.dateOrder;
  if (asked.hoursPerDay !== undefined) options.hoursPerDay = asked.hoursPerDay;
  const chosen = asked.columns ?? {};
  if (Object.keys(chosen).length > 0) options.mapping = chosen;
  // Every template, whatever format it was saved from (templates are few; one per system's report).
  const templates = await deps.store.templates.list();
  if (templates.length > 0) options.templates = templates.map(templateInput);
  const result = await deps.run(input.bytes, input.fileName, options);

  const byId = new Map(templates.map((t) => [t.id, t]));
  const uses: TemplateUse[] = [];
  for (const t of result.mapping) {
    const template = t.template === undefined ? undefined : byId.get(t.template);
    if (template !== undefined) uses.push({ id: template.id, table: t.table, savedBy: template.savedBy, savedAt: template.savedAt });
  }
  result.fileGaps.push(...uses.map(templateGap));
  const usedTemplates = [...new Set(uses.map((u) => byId.get(u.id)!))];
  // A template's own date order or hours per day applied where the version chose none.
  const fromTemplate = usedTemplates[0];
  return {
    result,
    used: {
      dateOrder: options.dateOrder ?? fromTemplate?.dateOrder ?? 'auto',
      hoursPerDay: options.hoursPerDay ?? fromTemplate?.hoursPerDay ?? DEFAULT_HOURS_PER_DAY,
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      columns: columnsUsed(chosen, usedTemplates),
      templates: uses,
    },
  };
}

/**
 * A file slow to read: a scanned image for OCR, a PDF over 1 MB (scans inside), a file LibreOffice may convert first
 * (`.doc`, `.xls`, `.rtf`, `.odt`, `.ods`: seconds per file; {@link mayNeedConversion}), anything over 2 MB. Our
 * choice: an ordinary log is a few KB to a few hundred KB and reads in well under a second. Workers keep a slot free
 * of them; the mapping preview does not read them (`mapping.ts`).
 */
export function isSlowFile(bytes: Uint8Array): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const pdf = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  return png || jpeg || (pdf && bytes.byteLength > 1024 * 1024) || bytes.byteLength > 2 * 1024 * 1024 || mayNeedConversion(bytes);
}
