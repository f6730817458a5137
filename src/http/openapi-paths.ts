/**
 * The OpenAPI paths of the routes added for reviewing (issue 5): the imports list, the original file, one record,
 * corrections, gap acceptances, the audit trail, a member's activity status per year, the annual review criteria and
 * the member-year exports; and the request bodies of those routes, which the handlers validate with the same schemas.
 */
import { z } from 'zod';
import { CORRECTABLE_FIELDS } from '../review/corrections/correct.js';
import { RULE_SETS } from '../review/rulesets/index.js';

/** `PATCH /records/:id` body: the field, the text typed (null or "" clears it), why, and whether only to preview it. */
export const CorrectionBodySchema = z
  .object({
    field: z.enum(CORRECTABLE_FIELDS),
    value: z.string().max(20_000).nullable(),
    reason: z.string().trim().min(1, 'give a reason for the correction').max(1000),
    /** True: answer what the correction would do (the record, the change, the fields changed with it), writing nothing. */
    preview: z.boolean().optional(),
  })
  .strict();

/**
 * `PATCH /records/:id` body marking a record as not a CPD activity (`excluded: true`, a reason required) or counting
 * it again (`excluded: false`, a reason optional).
 */
export const ExclusionBodySchema = z
  .object({
    excluded: z.boolean(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((b) => !b.excluded || (b.reason !== undefined && b.reason !== ''), { message: 'give a reason for excluding the record', path: ['reason'] });

/** `POST /records/:id/accept` body: the gap (field, code, message as shown; severity and raw ignored) and the reviewer's note. */
export const AcceptBodySchema = z
  .object({
    field: z.string().max(64).nullable(),
    code: z.string().max(64),
    message: z.string().max(5000),
    note: z.string().trim().min(1, 'give a note saying why the gap is accepted').max(1000),
    // A gap object may be posted as read (severity and raw are not part of its identity).
    severity: z.string().max(16).optional(),
    raw: z.string().max(20_000).optional(),
  })
  .strict();

const bulkIds = z.array(z.string().max(64)).min(1).max(5000);
const bulkReason = z.string().trim().min(1, 'give a reason for the change (written on every record\'s audit line)').max(1000);

/**
 * `POST /records/bulk` body (issue 14 §4): one bulk fix over many records, all or nothing; see
 * `src/services/bulk-corrections.ts` for what each action does.
 */
export const BulkBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), ids: bulkIds, field: z.enum(CORRECTABLE_FIELDS), value: z.string().max(20_000).nullable(), reason: bulkReason }).strict(),
  z.object({ action: z.literal('fillDown'), ids: bulkIds.min(2, 'fill down needs at least two records: the first gives the value'), field: z.enum(CORRECTABLE_FIELDS), reason: bulkReason }).strict(),
  z.object({ action: z.literal('accept'), ids: bulkIds, field: z.string().max(64).nullable(), code: z.string().max(64), reason: bulkReason }).strict(),
  z.object({ action: z.literal('correct'), changes: z.array(z.object({ id: z.string().max(64), field: z.enum(CORRECTABLE_FIELDS), value: z.string().max(20_000).nullable() }).strict()).min(1).max(5000), reason: bulkReason }).strict(),
]);

/** `GET /members/:id/records` paging query: as `pageQuerySchema`, plus `undated=true` to list undated records with a year. */
export const MemberRecordsPageSchema = z.object({
  year: z.string().regex(/^\d{4}$/).optional(),
  undated: z.enum(['true', 'false']).optional(),
  limit: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().int().min(1).max(5000)).optional(),
  offset: z.string().regex(/^\d{1,9}$/).transform(Number).default(0),
});

/** `PUT /members/:id/years/:year` body. */
export const MemberYearBodySchema = z
  .object({ activityStatus: z.enum(['active', 'reduced', 'inactive']), note: z.string().trim().max(1000).optional() })
  .strict();

/** `PUT /members/:id/body` body: a body with a rule set (`cpd-import review --bodies`), or null for the service's default. */
export const MemberBodyBodySchema = z
  .object({ body: z.enum([...RULE_SETS.keys()] as [string, ...string[]]).nullable() })
  .strict();

/** `GET /members/:id/review` query: `period` (`YYYY` or `YYYY-MM-DD..YYYY-MM-DD`) or `year` (`YYYY`), not both; neither: the body's period ending this year. */
export const MemberReviewQuerySchema = z
  .object({ year: z.string().max(10).optional(), period: z.string().max(40).optional() })
  .refine((q) => q.year === undefined || q.period === undefined, 'give period or year, not both');

/** Minimal registry shape used by {@link registerReviewerPaths} and the mapping paths (zod-to-openapi's `OpenAPIRegistry`). */
export interface PathRegistry {
  registerPath(route: {
    method: 'get' | 'post' | 'put' | 'patch' | 'delete';
    path: string;
    summary: string;
    description?: string;
    security?: Record<string, string[]>[];
    request?: Record<string, unknown>;
    responses: Record<number, unknown>;
  }): void;
}

/**
 * Adds the review routes to the OpenAPI document (`GET /openapi.json`).
 * @param security the bearer-key security requirement; `json`, `err`, `common` build responses as in openapi.ts
 */
export function registerReviewerPaths(
  r: PathRegistry,
  h: { security: Record<string, string[]>[]; json: (schema: z.ZodType, description: string) => unknown; err: (description: string) => unknown; common: Record<number, unknown>; recordSchema: z.ZodType; importSchema: z.ZodType; userSchema: z.ZodType },
): void {
  const { security, json, err, common } = h;
  const idParam = z.object({ id: z.string() });
  const yearParam = z.object({ id: z.string(), year: z.string() });
  const yearQuery = z.object({ year: z.string().regex(/^\d{4}$/) });
  const status = z.object({ value: z.enum(['active', 'reduced', 'inactive']), source: z.enum(['setting', 'default']), note: z.string().nullable(), setBy: z.string().nullable(), setAt: z.string().nullable() });
  const memberYear = z.object({ memberId: z.string(), year: z.number().int(), activityStatus: status });
  const recordOut = z.object({ record: h.recordSchema });
  const gapShape = z.object({ field: z.string().nullable(), code: z.string(), severity: z.string(), message: z.string(), raw: z.string().optional() });
  const value = z.union([z.string(), z.number(), z.array(z.string())]).nullable();
  const consequence = z.object({ field: z.string(), oldValue: value, newValue: value, old: z.string(), new: z.string(), why: z.string().nullable(), message: z.string() });
  r.registerPath({ method: 'get', path: '/me', summary: 'The user of the key (role, member)', security, responses: { 200: json(z.object({ user: h.userSchema }), 'the user'), 401: err('no API key, or an invalid one') } });
  r.registerPath({
    method: 'get',
    path: '/imports',
    summary: 'Imports, newest first (a member: their own; others: all, or one member with ?memberId=)',
    security,
    request: { query: z.object({ memberId: z.string().optional(), limit: z.string().optional().openapi({ description: 'page size, 1–1000 (default 200)' }), offset: z.string().optional().openapi({ description: 'imports to skip (default 0)' }) }) },
    responses: {
      200: json(z.object({ imports: z.array(h.importSchema), next: z.string().nullable().openapi({ description: 'the URL of the next page, or null on the last' }) }), 'one page of imports'),
      400: err('a bad member id, limit or offset'),
      ...common,
    },
  });
  r.registerPath({ method: 'get', path: '/imports/{id}/file', summary: 'The original uploaded file', security, request: { params: idParam }, responses: { 200: { description: 'the file, as an attachment' }, ...common, 404: err('no such import') } });
  r.registerPath({
    method: 'get',
    path: '/records/{id}',
    summary: 'One record, the record as extracted (`original`, null until changed) and the accepted gaps',
    security,
    request: { params: idParam },
    responses: { 200: json(z.object({ record: h.recordSchema, memberId: z.string(), original: z.object({ data: z.record(z.string(), z.unknown()), gaps: z.array(gapShape) }).nullable(), acceptances: z.array(z.record(z.string(), z.unknown())), reviewedAt: z.string().nullable() }), 'the record'), ...common, 404: err('no such record') },
  });
  r.registerPath({
    method: 'patch',
    path: '/records/{id}',
    summary: 'Correct one field, or mark the record as not a CPD activity (a member their own records; staff, reviewers and admins any)',
    description:
      'A correction (`{ field, value, reason }`): the text is read with the import\'s own normalisers (`3rd March 2024` → `2024-03-03`, `1h30` → 1.5, `A1/B2`); empty text clears the field. ' +
      "The field's gaps are replaced, gaps derived from several fields are recomputed, other gaps are kept, a `corrected` gap says who changed what and why; " +
      'the record as extracted is kept (`GET /records/{id}`), and an audit line records who, when, the field, old and new value and the reason. ' +
      'An exclusion (`{ excluded: true, reason }`) keeps the record, shows it with `excluded: { reason, by, at }` and counts it nowhere (hours, criteria, summaries, exports); ' +
      '`{ excluded: false }` counts it again. Both are audited (`record.exclude`, `record.include`). ' +
      'A correction never changes another field silently: `consequences` names each, and `preview: true` shows them before saving.',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: z.union([CorrectionBodySchema, ExclusionBodySchema]) } } } },
    responses: {
      200: json(
        z.union([
          recordOut.extend({ preview: z.literal(true).optional(), change: z.object({ old: z.string(), new: z.string() }), consequences: z.array(consequence), newProblems: z.array(gapShape) }),
          recordOut,
        ]),
        'a correction: the corrected record, `change`, `consequences` (every other field that changed with it — a TWAVES category inferred from the old name, an end date taken from the old start date — with its old and new value, why, and the hours that move between TWAVES categories; each is audited as `record.consequence`), and `newProblems` (errors and warnings the correction introduced: it is saved all the same; such a record with impossible dates is counted in no year by the criteria); with `preview: true` the same, nothing written; an exclusion: the record',
      ),
      400: err('a malformed body (no reason, an unknown field)'),
      ...common,
      404: err('no such record'),
      409: err("the record's import was replaced by a later upload of the same file (correct the record there), or was withdrawn"),
      422: err('the value cannot be read (the message says why), or equals the current one; the record is already excluded (or already counts)'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/records/{id}/accept',
    summary: 'Accept one gap with a note, without changing the value (staff, reviewer, admin)',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: AcceptBodySchema } } } },
    responses: { 200: json(recordOut, 'the record, the gap shown as `accepted`'), 400: err('a malformed body'), ...common, 404: err('no such record'), 409: err("the record's import was replaced by a later upload of the same file"), 422: err('no such open gap on the record') },
  });
  r.registerPath({
    method: 'get',
    path: '/records/{id}/audit',
    summary: "The record's audit trail (corrections and acceptances), oldest first",
    security,
    request: { params: idParam },
    responses: { 200: json(z.object({ audit: z.array(z.object({ id: z.number(), at: z.string(), action: z.string(), user: z.object({ id: z.string(), name: z.string().nullable(), role: z.string() }).nullable(), detail: z.record(z.string(), z.unknown()).nullable() })) }), 'the audit lines'), ...common, 404: err('no such record') },
  });
  r.registerPath({
    method: 'post',
    path: '/records/bulk',
    summary: 'One fix on many records, all or nothing: set a field, fill down from the first, accept a gap, or a list of corrections (staff, reviewer, admin)',
    description:
      'Each record gets the single-record correction (read by the import\'s normalisers, with its consequences) or acceptance, and its own audit line with the reason. If any record cannot be changed, nothing is written and the answer (422 `bulk_refused`) lists each record and why in `refused`.',
    security,
    request: { body: { content: { 'application/json': { schema: BulkBodySchema } } } },
    responses: {
      200: json(z.object({ records: z.array(h.recordSchema), changed: z.number().int(), unchanged: z.array(z.string()) }), 'the records changed, after the change, in the order asked; `unchanged`: the ids a set or fill-down left as they were (already that value)'),
      400: err('a malformed body (no reason, no records, an unknown field)'),
      ...common,
      409: err("a record's import was replaced by a later upload of the same file, or withdrawn"),
      422: json(z.object({ error: z.object({ code: z.literal('bulk_refused'), message: z.string() }), refused: z.array(z.object({ id: z.string(), message: z.string() })) }), 'nothing was changed: each record that could not be, and why'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/members/{id}/years',
    summary: "The years a member's records count in, with the number of records and of completed activities in each (undated records: year null)",
    security,
    request: { params: idParam },
    responses: { 200: json(z.object({ memberId: z.string(), years: z.array(z.object({ year: z.number().int().nullable(), records: z.number().int(), completed: z.number().int() })) }), 'the years, oldest first, undated last'), ...common },
  });
  r.registerPath({ method: 'get', path: '/members/{id}/years/{year}', summary: "A member's activity status for a year (default: active)", security, request: { params: yearParam }, responses: { 200: json(memberYear, 'the status'), ...common } });
  r.registerPath({
    method: 'put',
    path: '/members/{id}/years/{year}',
    summary: "Set a member's activity status for a year: active (30 h), reduced (10 h), inactive (none) — staff, reviewer, admin; audited",
    security,
    request: { params: yearParam, body: { content: { 'application/json': { schema: MemberYearBodySchema } } } },
    responses: { 200: json(memberYear, 'the status'), 400: err('a malformed body or year'), ...common },
  });
  const body = z.object({
    id: z.enum([...RULE_SETS.keys()] as [string, ...string[]]),
    name: z.string(),
    source: z.enum(['member', 'default']).openapi({ description: '`member`: set for the member (PUT /members/{id}/body); `default`: the service\'s DEFAULT_BODY' }),
    note: z.string().optional().openapi({ description: 'set when the member\'s stored body has no rule set any more and the default applies' }),
  });
  const period = z.object({ from: z.string(), to: z.string(), label: z.string(), year: z.number().int().optional(), years: z.number().int() });
  r.registerPath({
    method: 'get',
    path: '/bodies',
    summary: 'The professional bodies with a rule set, to choose a member\'s body from (the IET first; `default`: the service\'s DEFAULT_BODY)',
    security,
    responses: { 200: json(z.object({ bodies: z.array(z.object({ id: z.string(), name: z.string(), period: z.string().openapi({ example: '3 years' }), default: z.boolean() })) }), 'the bodies'), 401: err('no API key, or an invalid one') },
  });
  r.registerPath({
    method: 'put',
    path: '/members/{id}/body',
    summary: "Set a member's professional body, whose review rules apply to them (staff, admin; audited as member.body)",
    description: '`{ "body": "rics" }` — a body with a rule set (`cpd-import review --bodies`); `{ "body": null }` goes back to the service\'s DEFAULT_BODY.',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: MemberBodyBodySchema } } } },
    responses: { 200: json(z.object({ memberId: z.string(), body }), 'the body that now applies'), 400: err('a malformed body or an unknown professional body'), ...common, 404: err('no such member') },
  });
  r.registerPath({
    method: 'get',
    path: '/members/{id}/review',
    summary: "The review criteria of the member's professional body over a year or a period (the IET: the annual review, docs/domain/CPD.md §2; other bodies: docs/domain/RULESETS.md)",
    description:
      "The member's body is the one set for them (PUT /members/{id}/body), else the service's DEFAULT_BODY. `period=YYYY` or `year=YYYY`: that calendar year, or for a body reviewing N years the N years ending with it; " +
      '`period=YYYY-MM-DD..YYYY-MM-DD`: exactly those days (not for the IET, which reviews a calendar year); neither: the body\'s period ending with the current year. ' +
      '`review` is the IET annual review (criteria keyed by name) for the IET, and for another body its review against the body\'s rule set (`criteria` listed, each with its outcome, summary, figures and the `source` of its rule). ' +
      '`year` is the calendar year the period ends in, whose activity status applies.',
    security,
    request: { params: idParam, query: z.object({ period: z.string().optional().openapi({ example: '2022-04-01..2025-03-31' }), year: z.string().regex(/^\d{4}$/).optional() }) },
    responses: {
      200: json(z.object({ memberId: z.string(), year: z.number().int(), body, period, activityStatus: status, review: z.record(z.string(), z.unknown()) }), 'the review'),
      400: err('a malformed or reversed period, both period and year, or days that are no calendar year for the IET'),
      ...common,
      404: err('no such member'),
    },
  });
  for (const fmt of ['json', 'csv', 'xlsx'] as const) {
    r.registerPath({
      method: 'get',
      path: `/members/{id}/export.${fmt}`,
      summary: `The member's records of one year as ${fmt.toUpperCase()} (corrected values; XLSX: gap cells filled with a comment, and a Review sheet with the criteria of the member's professional body)`,
      description: fmt === 'xlsx' ? "The Review sheet reviews the member's body (set for them, else DEFAULT_BODY) over `period` (as for GET /members/{id}/review) or, without it, the body's period ending with `year` (the IET: that calendar year)." : undefined,
      security,
      request: { params: idParam, query: fmt === 'xlsx' ? yearQuery.extend({ period: z.string().optional().openapi({ example: '2022-04-01..2025-03-31' }) }) : yearQuery },
      responses: { 200: { description: `the ${fmt.toUpperCase()} file` }, 400: err(fmt === 'xlsx' ? 'no or a bad year, or a period that cannot be reviewed' : 'no or a bad year'), ...common },
    });
  }
}
