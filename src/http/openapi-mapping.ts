/**
 * The OpenAPI paths of the mapping step (issue 11): an import's mapping, reading it again with a corrected one,
 * remembered mappings (templates), withdrawing an import; and the request bodies of those routes, which the handlers validate with the same schemas.
 */
import { z } from 'zod';
import { ChosenDateOrderSchema, ColumnChoiceSchema, ColumnChoicesSchema, ColumnMappingSchema, CpdRecordSchema, GapSchema, TableMappingSchema } from '../domain/index.js';
import type { PathRegistry } from './openapi-paths.js';

/**
 * `PUT /imports/:id/mapping` body: `columns` in the CLI's `--mapping` shape (heading → field, null for extras, or
 * `{ "field": "hours", "unit": "minutes" | "hours" | "days" | "points" }`),
 * the date order, hours per day (decimal hours, more than 0 and at most 24) and whether to remember the mapping.
 */
export const MappingBodySchema = z
  .object({
    columns: ColumnChoicesSchema,
    dateOrder: ChosenDateOrderSchema.optional(),
    hoursPerDay: z.number().positive().max(24).optional(),
    remember: z.boolean().optional(),
  })
  .strict();

/** The options an import was read with (`ReadingUsed`, src/domain/mapping.ts). */
export const ReadingUsedSchema = z.object({
  dateOrder: z.enum(['dmy', 'mdy', 'auto']),
  hoursPerDay: z.number(),
  timeZone: z.string(),
  columns: z.record(z.string(), ColumnChoiceSchema).describe('the headings whose field (and unit) a person or a template chose'),
  templates: z.array(z.object({ id: z.string(), table: z.string(), savedBy: z.string(), savedAt: z.string() })).describe('remembered mappings used, with who saved them and when'),
});

/** A table of the mapping step, each column with its sample values. */
const MappingTableSchema = TableMappingSchema.extend({ columns: z.array(ColumnMappingSchema.extend({ samples: z.array(z.string()) })) });

/** `GET /imports/:id/mapping` response (`ImportMapping`, src/services/mapping.ts). */
export const ImportMappingSchema = z.object({
  importId: z.string(),
  file: z.string(),
  format: z.string().nullable(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  tables: z.array(MappingTableSchema),
  options: ReadingUsedSchema.nullable(),
});

/** `POST /imports/:id/mapping/preview` response (`MappingPreview`, src/services/mapping-preview.ts). */
export const MappingPreviewSchema = z.object({
  importId: z.string(),
  tables: z.array(MappingTableSchema),
  records: z.array(CpdRecordSchema).describe('the first 10 records as they would read (not stored: no ids)'),
  total: z.number().int().describe('records the file would give'),
  fileGaps: z.array(GapSchema),
  options: ReadingUsedSchema,
});

/** A new version queued (`Reread`, src/services/mapping.ts). */
export const RereadSchema = z.object({ importId: z.string(), supersedes: z.string(), status: z.literal('queued') });

/** Another current import read in the same shape (`SimilarImport`, src/services/similar.ts). */
export const SimilarImportSchema = z.object({ importId: z.string(), memberId: z.string(), file: z.string(), createdAt: z.string(), tables: z.array(z.string()).describe('its tables with the same headings') });

/** `PUT /imports/:id/mapping` response (202): the new version, and the other current imports read in the same shape. */
export const RereadAnswerSchema = RereadSchema.extend({
  similar: z.array(SimilarImportSchema).describe("the other current imports with a table of the same headings (a member's own; everyone's for staff, reviewers and admins): `POST /imports/{id}/mapping/apply-to-similar` with the new version's id reads them again"),
});

/** `POST /imports/:id/mapping/apply-to-similar` body: the similar imports to read again (default: all of them). */
export const ApplySimilarBodySchema = z.object({ importIds: z.array(z.string().max(100)).min(1).max(1000).optional() }).strict();

/** `POST /imports/:id/mapping/apply-to-similar` response (202, `SimilarRereads`, src/services/similar.ts). */
export const SimilarRereadsSchema = z.object({
  rereads: z.array(RereadSchema),
  skipped: z.array(z.object({ importId: z.string(), code: z.string(), message: z.string() })).describe('imports not read again, and why (`not_similar`, or as a single re-read: `superseded`, `newer_version`, `withdrawn`, `not_done`)'),
});

/** A remembered mapping (`MappingTemplate`, src/store/repositories/templates.ts). */
export const TemplateSchema = z.object({
  id: z.string(),
  format: z.string().describe('the format of the file it was saved from, for information: it applies to files of every format'),
  fingerprint: z.string().describe('sha256 of the normalised headings in order (one template per fingerprint, whatever the format)'),
  headings: z.array(z.string()),
  columns: z.record(z.string(), ColumnChoiceSchema).describe('heading → field (null: extras) or { field, unit }, the CLI --mapping shape'),
  dateOrder: z.enum(['dmy', 'mdy']).nullable(),
  hoursPerDay: z.number().nullable(),
  savedBy: z.string().describe('who saved it, as shown then'),
  savedById: z.string().nullable(),
  savedByRole: z.string().nullable(),
  savedAt: z.string(),
  fromImport: z.string().nullable(),
});

/** `DELETE /imports/:id` body (optional): why the import is withdrawn. */
export const WithdrawBodySchema = z.object({ reason: z.string().trim().max(1000).optional() }).strict();

/**
 * Adds the mapping-step routes to the OpenAPI document (`GET /openapi.json`).
 * @param h the bearer-key security requirement; `json`, `err`, `common` build responses as in openapi.ts; the import schema
 */
export function registerMappingPaths(
  r: PathRegistry,
  h: { security: Record<string, string[]>[]; json: (schema: z.ZodType, description: string) => unknown; err: (description: string) => unknown; common: Record<number, unknown>; importSchema: z.ZodType },
): void {
  const { security, json, err, common } = h;
  const idParam = z.object({ id: z.string() });
  r.registerPath({
    method: 'get',
    path: '/imports/{id}/mapping',
    summary: 'How the file was read: each table\'s header row, and each column\'s heading, field, how and how sure, and sample values; the options used',
    description:
      '`how`: `synonym` (a known heading), `fuzzy` (a misspelling of one), `words` (the heading\'s words read for their meaning), `content` (the column\'s values), `override` (chosen by a person or a template), `unmapped`. ' +
      '`confidence` 0–1; below 0.6 the values read through the column carry an `inferred` gap. `samples`: up to three values as written.',
    security,
    request: { params: idParam },
    responses: { 200: json(ImportMappingSchema, 'the mapping'), ...common, 404: err('no such import'), 409: err('the import is not done') },
  });
  r.registerPath({
    method: 'post',
    path: '/imports/{id}/mapping/preview',
    summary: 'The first records as a proposed mapping would read them, nothing saved (anyone who may read the import)',
    description:
      'The body is that of `PUT /imports/{id}/mapping` (`remember` is ignored). The stored file is read by the pipeline with the version\'s choices and the proposal over them, and the remembered mappings; nothing is stored, queued or audited. ' +
      'Scans, files LibreOffice converts (.doc, .xls, .rtf, .odt, .ods) and files over 2 MB are read by workers only (422 `preview_unavailable`).',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: MappingBodySchema } } } },
    responses: {
      200: json(MappingPreviewSchema, 'the preview'),
      400: err('a malformed body'),
      ...common,
      404: err('no such import'),
      409: err('the import is not done'),
      422: err('a heading is not one of the file\'s tables, the activities are labelled blocks, or the file is a scan or over 2 MB'),
    },
  });
  r.registerPath({
    method: 'put',
    path: '/imports/{id}/mapping',
    summary: 'Read the file again with a corrected mapping, as a new version of the import (a member their own; staff, reviewers and admins any)',
    description:
      '`columns` has the shape of the CLI\'s `--mapping` file: heading → field, null (kept in extras), or `{ "field": "hours", "unit": "minutes" }` to say the unit of an hours column (`minutes`, `hours`, `days` at the hours per day, `points` at 1 h a point); headings not named keep the field the tool (or an earlier correction, or a template) gave them. ' +
      'The new version replaces the old one in the member\'s records when done; the old one and its records are kept. Reviewers\' corrections, acceptances and exclusions carry over to records that read the same; the rest are named in a `review_not_carried` warning. ' +
      '`remember: true` (staff, reviewers and admins) saves the resulting mapping for later files whose table has the same headings, in any format (`GET /templates`). ' +
      'The answer lists the other current imports read in the same shape (`similar`); `POST /imports/{id}/mapping/apply-to-similar` with the new version\'s id reads them again.',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: MappingBodySchema } } } },
    responses: {
      202: json(RereadAnswerSchema, 'the new version, queued, and the imports read in the same shape'),
      400: err('a malformed body (an unknown field name, hours per day out of range)'),
      ...common,
      404: err('no such import'),
      409: err('the import is not done, was withdrawn, or a later version of the file exists'),
      422: err('a heading is not one of the file\'s tables, or the file\'s activities are labelled blocks'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/imports/{id}/mapping/apply-to-similar',
    summary: 'Read the other current imports of the same shape again with this version\'s columns, each as a new version (a member their own; staff, reviewers and admins any)',
    description:
      'Call it with the id of the version a `PUT /imports/{id}/mapping` answered (queued or done). The imports are those the PUT answer listed in `similar` (the same heading fingerprint; versions of the same file are not others); `importIds` picks some of them. ' +
      'Each is read again as `PUT /imports/{id}/mapping` reads one: the columns chosen for this version (by a person or a template) and its date order and hours per day, the old version kept, review work carried over, an audit line each. Imports that cannot be read again now are listed in `skipped`.',
    security,
    request: { params: idParam, body: { required: false, content: { 'application/json': { schema: ApplySimilarBodySchema } } } },
    responses: {
      202: json(SimilarRereadsSchema, 'the new versions, queued, and the imports skipped'),
      400: err('a malformed body'),
      ...common,
      404: err('no such import'),
      422: err('no column of this import was chosen by a person or a template (`no_mapping`)'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/templates',
    summary: 'Remembered mappings, the most recently saved first (staff, admin)',
    description: 'A file whose table has the same headings (normalised, in order), in any format, is read with the template first, and a `template` info gap names who saved it and when.',
    security,
    responses: { 200: json(z.object({ templates: z.array(TemplateSchema) }), 'the templates'), ...common },
  });
  r.registerPath({
    method: 'delete',
    path: '/templates/{id}',
    summary: 'Delete a remembered mapping (staff, admin); audited. Imports already read with it keep their records',
    security,
    request: { params: idParam },
    responses: { 204: { description: 'deleted' }, ...common, 404: err('no such template') },
  });
  r.registerPath({
    method: 'delete',
    path: '/imports/{id}',
    summary: 'Withdraw an import (a member their own; staff and admins any): kept, marked withdrawn, its records count nowhere',
    description:
      'The import, its file and its records are kept (`GET /imports/{id}` shows `withdrawn: { at, by, reason }`); its records leave the member\'s records and year, the review criteria and the exports. ' +
      'An audit line names who withdrew it and why. Withdrawing it again changes nothing. The same file may then be uploaded again as a new import.',
    security,
    request: { params: idParam, body: { required: false, content: { 'application/json': { schema: WithdrawBodySchema } } } },
    responses: { 200: json(h.importSchema, 'the import, withdrawn'), 400: err('a malformed body'), ...common, 404: err('no such import') },
  });
}
