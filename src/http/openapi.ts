/**
 * The API's request and response schemas (zod) and the OpenAPI 3 document generated from them
 * (`GET /openapi.json`, issue 4 §2). Routes validate their inputs with the same schemas.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CpdRecordSchema, FormatSchema, GapSchema, ImportSummarySchema } from '../domain/index.js';
import { IMPORT_STATUSES, MEMBER_ID_PATTERN, ROLES } from '../store/store.js';
import { registerDashboardPaths } from './openapi-dashboard.js';
import { registerMappingPaths } from './openapi-mapping.js';
import { MemberRecordsPageSchema, registerReviewerPaths } from './openapi-paths.js';

export { AcceptBodySchema, BulkBodySchema, CorrectionBodySchema, ExclusionBodySchema, MemberBodyBodySchema, MemberRecordsPageSchema, MemberReviewQuerySchema, MemberYearBodySchema } from './openapi-paths.js';
export { ApplySimilarBodySchema, MappingBodySchema, WithdrawBodySchema } from './openapi-mapping.js';
export { GroupDashboardQuerySchema, MemberDashboardQuerySchema } from './openapi-dashboard.js';

extendZodWithOpenApi(z);

/** `{ error: { code, message } }` — every error response. */
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const ImportStatusSchema = z.enum(IMPORT_STATUSES);

/** One file of an upload: its import id, file name and status. */
export const ImportRefSchema = z.object({ importId: z.string(), file: z.string(), status: ImportStatusSchema });

/** `POST /imports` response (202 new imports; 200 when every file was already imported for that member). */
export const UploadResponseSchema = z.object({ imports: z.array(ImportRefSchema) });

/** `POST /imports` query. `force=true` imports again content the member already imported. */
export const UploadQuerySchema = z.object({
  force: z.enum(['true', 'false', '1', '0']).optional(),
  memberId: z.string().regex(MEMBER_ID_PATTERN).optional(),
});

/** Member id (path or form field): 1–64 letters, digits, `.`, `_`, `-`. */
export const MemberIdSchema = z.string().regex(MEMBER_ID_PATTERN, 'a member id is 1–64 letters, digits, ".", "_" or "-"');

/** `GET /imports/:id`. `progress` 0–100; `error` set when `failed`; `summary`/`format` set when `done`. */
export const ImportViewSchema = z.object({
  importId: z.string(),
  file: z.string(),
  memberId: z.string(),
  sha256: z.string(),
  status: ImportStatusSchema,
  progress: z.number().int(),
  attempts: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  format: z.union([FormatSchema, z.enum(['zip', 'eml', 'msg'])]).nullable().openapi({ description: 'the format read; for an upload that held other files, the kind of container (its parts are imports of their own)' }),
  summary: ImportSummarySchema.nullable(),
  fileGaps: z.array(GapSchema),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  supersededBy: z.string().optional().openapi({ description: 'in lists: the later upload of the same file that replaces this import in the member\'s records' }),
  supersedes: z.string().optional().openapi({ description: 'a version read again with a corrected mapping: the import it re-reads' }),
  withdrawn: z
    .object({ at: z.string(), by: z.object({ id: z.string(), name: z.string().nullable(), role: z.enum(ROLES) }).nullable(), reason: z.string().nullable() })
    .optional()
    .openapi({ description: 'set when the import was withdrawn: it is kept, and its records count nowhere' }),
  parent: z.string().optional().openapi({ description: 'a part of an e-mail or zip upload (issue 15): the upload\'s import id' }),
});

/** `GET /imports/:id` of an e-mail or zip upload: the import with its parts, each an import of its own. */
export const ImportWithPartsSchema = ImportViewSchema.extend({
  parts: z.array(ImportViewSchema).optional().openapi({ description: 'an e-mail or zip upload: its parts in order (attachments, files inside, the body holding a log), each with its status, error and summary; `file` is the part\'s path inside the upload' }),
  partsOutcome: z
    .object({
      total: z.number().int(),
      done: z.number().int(),
      failed: z.number().int(),
      unread: z.number().int(),
      records: z.number().int(),
      status: z.enum(['reading', 'done', 'partly_failed', 'failed']),
      words: z.string(),
    })
    .optional()
    .openapi({ description: 'with `parts`: what became of them (the upload\'s own `status` is `done` once unpacked): counts, their records, one word and the words the page shows, e.g. "done — 1 of 1 part failed", "done — 3 parts read"' }),
});

/** A stored record: the CPD record with its id and import id. */
export const StoredRecordSchema = CpdRecordSchema.extend({ id: z.string(), importId: z.string() });

/** `{ records: [...] }`. */
export const RecordsResponseSchema = z.object({
  records: z.array(StoredRecordSchema),
  next: z.string().nullable().optional().openapi({ description: 'the URL of the next page of records, or null on the last' }),
});

/**
 * Paging query (`limit`, `offset`, whole numbers as text): `limit` 1–`max` (default `byDefault`), `offset` ≥ 0
 * (default 0). Parsed to numbers; anything else fails (the routes answer 400 `bad_page`).
 */
export function pageQuerySchema(byDefault: number, max: number) {
  return z.object({
    limit: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().int().min(1).max(max)).default(byDefault),
    offset: z.string().regex(/^\d{1,9}$/).transform(Number).default(0),
  });
}


export const RoleSchema = z.enum(ROLES);

/** A user (never the key). */
export const UserSchema = z.object({ id: z.string(), name: z.string().nullable(), role: RoleSchema, memberId: z.string().nullable(), createdAt: z.string() });

/** `POST /users` body. `memberId` is required for `member` and refused for the other roles. */
export const CreateUserBodySchema = z.object({ role: RoleSchema, memberId: MemberIdSchema.optional(), name: z.string().max(200).optional() }).strict();

/** `POST /users` response: the user and the key, shown this once. */
export const CreateUserResponseSchema = z.object({ user: UserSchema, key: z.string() });

export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadySchema = z.object({ status: z.literal('ready'), checks: z.object({ postgres: z.string(), redis: z.string() }) });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const err = (description: string) => json(ErrorSchema, description);
const common = { 401: err('no API key, or an invalid one'), 403: err('the key may not do this') };

/** Builds the OpenAPI 3.0 document of the API. */
export function openApiDocument(): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const r = new OpenAPIRegistry();
  r.register('Error', ErrorSchema);
  r.register('ImportRef', ImportRefSchema);
  r.register('Import', ImportViewSchema);
  r.register('Record', StoredRecordSchema);
  r.register('User', UserSchema);
  const bearer = r.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'an API key from `cpd-import users add`' });
  const security = [{ [bearer.name]: [] }];
  const idParam = z.object({ id: z.string() });

  r.registerPath({
    method: 'post',
    path: '/imports',
    summary: 'Upload one or more CPD logs (multipart form field `file`, repeatable)',
    description:
      'Each file is stored with its import row in one transaction and then queued; the response comes after the commit. ' +
      'Staff and admins name the member with `memberId` (form field or query); a member uploads for themselves. ' +
      'The same content for the same member returns the existing import (200) unless `force=true`.',
    security,
    request: {
      query: UploadQuerySchema,
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.array(z.string().openapi({ type: 'string', format: 'binary' })), memberId: MemberIdSchema.optional() }),
          },
        },
      },
    },
    responses: {
      202: json(UploadResponseSchema, 'stored and queued'),
      200: json(UploadResponseSchema, 'every file was already imported for this member'),
      400: err('no file, a bad member id, or a malformed form'),
      ...common,
      413: err('a file is over the size limit, or too many files'),
      415: err('a file is of a format the importer cannot read (a .doc, .xls, .rtf, .odt or .ods where LibreOffice is not installed: the message says how to enable conversion)'),
      422: err('a file is empty or cannot be read'),
      503: err('the database cannot be reached; nothing was stored'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/imports/{id}',
    summary: 'Status of one import (queued, processing, done, failed), progress and error',
    security,
    request: { params: idParam },
    responses: { 200: json(ImportWithPartsSchema, 'the import (and the parts of an e-mail or zip upload)'), ...common, 404: err('no such import') },
  });
  r.registerPath({
    method: 'get',
    path: '/imports/{id}/records',
    summary: 'The records of one import, in source order, with their gaps and provenance (5,000 a page; `next` links the following page)',
    security,
    request: { params: idParam, query: z.object({ limit: z.string().optional(), offset: z.string().optional() }) },
    responses: { 200: json(RecordsResponseSchema, 'the records (empty until the import is done)'), 400: err('a bad limit or offset'), ...common, 404: err('no such import') },
  });
  for (const fmt of ['json', 'csv', 'xlsx'] as const) {
    r.registerPath({
      method: 'get',
      path: `/imports/{id}/export.${fmt}`,
      summary: `The import's records as ${fmt.toUpperCase()}`,
      security,
      request: { params: idParam },
      responses: { 200: { description: `the ${fmt.toUpperCase()} file` }, ...common, 404: err('no such import'), 409: err('the import is not done') },
    });
  }
  r.registerPath({
    method: 'get',
    path: '/members/{id}/records',
    summary: "A member's records from their done imports (latest import of each file), optionally one year",
    security,
    description:
      'With `limit` (1–5000) the answer is one page (from `offset`, default 0), with `total` (records in all pages) and `next` (the next page\'s URL, or null). With `year` and `undated=true`, records with no date (placed in no year) are listed too, as the review page shows them.',
    request: { params: idParam, query: MemberRecordsPageSchema },
    responses: { 200: json(RecordsResponseSchema.extend({ total: z.number().int().optional() }), 'the records'), 400: err('bad year or page'), ...common },
  });
  r.registerPath({ method: 'get', path: '/users', summary: 'Active users (admin)', security, responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'users'), ...common } });
  r.registerPath({
    method: 'post',
    path: '/users',
    summary: 'Create a user and its API key (admin); the key is shown once',
    security,
    request: { body: { content: { 'application/json': { schema: CreateUserBodySchema } } } },
    responses: { 201: json(CreateUserResponseSchema, 'created'), 400: err('invalid body'), ...common },
  });
  r.registerPath({
    method: 'delete',
    path: '/users/{id}',
    summary: "Revoke a user's key (admin)",
    security,
    request: { params: idParam },
    responses: { 204: { description: 'revoked' }, ...common, 404: err('no such active user') },
  });
  registerReviewerPaths(r as unknown as Parameters<typeof registerReviewerPaths>[0], { security, json, err, common, recordSchema: StoredRecordSchema, importSchema: ImportViewSchema, userSchema: UserSchema });
  registerMappingPaths(r as unknown as Parameters<typeof registerMappingPaths>[0], { security, json, err, common, importSchema: ImportViewSchema });
  registerDashboardPaths(r as unknown as Parameters<typeof registerDashboardPaths>[0], { security, json, err, common });
  r.registerPath({ method: 'get', path: '/healthz', summary: 'The process is up', responses: { 200: json(HealthSchema, 'up') } });
  r.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Postgres and Redis answer',
    responses: { 200: json(ReadySchema, 'ready'), 503: err('Postgres or Redis cannot be reached') },
  });
  r.registerPath({ method: 'get', path: '/metrics', summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } });

  return new OpenApiGeneratorV3(r.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'cpd-import', version: '0.1.0', description: 'Import CPD records from spreadsheets into standard, validated records.' },
  });
}
