/**
 * Review routes (issue 5): the imports list, the original file, one record with its original and audit trail,
 * corrections (`PATCH /records/:id`), gap acceptances, a member's activity status per year, the annual review
 * criteria (`GET /members/:id/review?year=`) and member-year exports. Same keys, roles and error shape as the rest
 * of the API (`auth.ts`, `errors.ts`):
 *
 * | route                                   | member   | staff | reviewer | admin |
 * |-----------------------------------------|----------|-------|----------|-------|
 * | GET /me, GET /imports                   | own      | all   | all      | all   |
 * | GET /imports/:id/file, GET /records/:id(/audit), GET /members/:id/review, /years/:year, /export.* | own | all | all | all |
 * | PATCH /records/:id, POST /records/:id/accept, PUT /members/:id/years/:year | no | yes | yes | yes |
 */
import { rejectBadText } from './text.js';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Gap, ImportResult } from '../domain/index.js';
import { todayIso } from '../pipeline/import.js';
import { ACTIVITY_STATUS_WORDS, countingYear, reviewYear, type ActivityStatus, type AnnualReview } from '../pipeline/review.js';
import { CorrectionError, CORRECTABLE_FIELDS, correctRecord, findAcceptableGap, isCorrectableField, displayValue, type Acceptance } from '../review/correct.js';
import type { ImportView, Store, User } from '../store/store.js';
import { assertCanRead, currentUser, requireRole } from './auth.js';
import { HttpError } from './errors.js';
import { pageQuerySchema } from './openapi.js';
import { MEMBER_ID_PATTERN } from '../domain/roles.js';

/** Member id (path): 1–64 letters, digits, `.`, `_`, `-`. */
const MemberIdSchema = z.string().regex(MEMBER_ID_PATTERN);

/** `GET /imports` paging: `limit` 1–1000 (default 200), `offset` ≥ 0 (default 0), both whole numbers. */
const ImportsPageSchema = pageQuerySchema(200, 1000);

/** Record and import ids are UUIDs; anything else is a 404 without touching the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `PATCH /records/:id` body: the field, the text typed (null or "" clears it) and why. */
export const CorrectionBodySchema = z
  .object({
    field: z.enum(CORRECTABLE_FIELDS),
    value: z.string().max(20_000).nullable(),
    reason: z.string().trim().min(1, 'give a reason for the correction').max(1000),
  })
  .strict();

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

/** `PUT /members/:id/years/:year` body. */
export const MemberYearBodySchema = z
  .object({ activityStatus: z.enum(['active', 'reduced', 'inactive']), note: z.string().trim().max(1000).optional() })
  .strict();

/** `?year=YYYY` (required). */
const YearQuerySchema = z.object({ year: z.string().regex(/^\d{4}$/) });

/** Display label of a user in gap messages and the audit trail: the name, else role and short id. */
export function userLabel(u: Pick<User, 'name' | 'role' | 'id'>): string {
  return u.name !== null && u.name.trim() !== '' ? u.name.trim() : `${u.role} ${u.id.slice(0, 8)}`;
}


function bodyError(e: z.ZodError): HttpError {
  return new HttpError(400, 'bad_request', `body: ${e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
}

/** The activity status that applies to a member-year and where it comes from. */
export interface AppliedStatus {
  value: ActivityStatus;
  /** `setting` when stored for the member-year, `default` (active) otherwise. */
  source: 'setting' | 'default';
  note: string | null;
  setBy: string | null;
  setAt: string | null;
}

/** `GET /members/:id/review` response. */
export interface MemberReview {
  memberId: string;
  year: number;
  activityStatus: AppliedStatus;
  review: AnnualReview;
}

/**
 * The review routes, mounted by `createApp` after the authentication middleware is built.
 * @param auth the authenticate middleware (Bearer key)
 */
export function reviewRouter(store: Store, auth: RequestHandler): Router {
  const r = express.Router();
  const canChange = requireRole('reviewer', 'staff', 'admin');
  const parseJson = express.json({ limit: '64kb' });
  const json: RequestHandler = (req, res, next) => {
    parseJson(req, res, (err?: unknown) => (err ? next(err) : rejectBadText(req, res, next)));
  };

  /** The member in the path, readable by the user and known to the store (a mistyped id is a 404, not an empty "Not met" review). */
  const memberParam = async (req: Request): Promise<string> => {
    const m = MemberIdSchema.safeParse(req.params.id);
    if (!m.success) throw new HttpError(404, 'not_found', 'no such member');
    assertCanRead(currentUser(req), m.data);
    if (!(await store.memberExists(m.data))) throw new HttpError(404, 'not_found', `no such member: ${m.data}`);
    return m.data;
  };
  const yearOf = (raw: unknown, where: string): number => {
    const q = YearQuerySchema.safeParse({ year: raw });
    if (!q.success || Number(q.data.year) < 1900 || Number(q.data.year) > 2099) throw new HttpError(400, 'bad_year', `${where}: year must be four digits between 1900 and 2099, e.g. 2024`);
    return Number(q.data.year);
  };
  const loadImport = async (req: Request): Promise<ImportView> => {
    const id = String(req.params.id ?? '');
    const imp = UUID.test(id) ? await store.getImport(id) : null;
    if (imp === null) throw new HttpError(404, 'not_found', 'no such import');
    assertCanRead(currentUser(req), imp.memberId);
    return imp;
  };
  const loadRecord = async (req: Request): Promise<{ id: string; importId: string }> => {
    const id = String(req.params.id ?? '');
    const rec = UUID.test(id) ? await store.getRecord(id) : null;
    if (rec === null) throw new HttpError(404, 'not_found', 'no such record');
    assertCanRead(currentUser(req), rec.memberId);
    return { id, importId: rec.importId };
  };
  const loadRecordId = async (req: Request): Promise<string> => (await loadRecord(req)).id;
  /** {@link loadRecordId} for a change: a record of a replaced import is refused (its change would count nowhere). */
  const loadChangeableRecordId = async (req: Request): Promise<string> => {
    const { id, importId } = await loadRecord(req);
    const later = await store.supersededBy(importId);
    if (later !== null) {
      throw new HttpError(409, 'superseded', `this record belongs to an import replaced by a later upload of the same file (import ${later}); correct the record there`);
    }
    return id;
  };
  const appliedStatus = async (memberId: string, year: number): Promise<AppliedStatus> => {
    const s = await store.getMemberYear(memberId, year);
    return s === null ? { value: 'active', source: 'default', note: null, setBy: null, setAt: null } : { value: s.activityStatus, source: 'setting', note: s.note, setBy: s.setBy, setAt: s.setAt };
  };

  r.get('/me', auth, (req, res) => {
    res.json({ user: currentUser(req) });
  });

  r.get('/imports', auth, async (req, res) => {
    const user = currentUser(req);
    const asked = typeof req.query.memberId === 'string' && req.query.memberId !== '' ? req.query.memberId : undefined;
    let memberId: string | undefined;
    if (user.role === 'member') {
      if (asked !== undefined && asked !== user.memberId) throw new HttpError(403, 'forbidden', 'this belongs to another member');
      memberId = user.memberId!;
    } else if (asked !== undefined) {
      const m = MemberIdSchema.safeParse(asked);
      if (!m.success) throw new HttpError(400, 'bad_member_id', 'a member id is 1–64 letters, digits, ".", "_" or "-"');
      memberId = m.data;
    }
    const page = ImportsPageSchema.safeParse(req.query);
    if (!page.success) throw new HttpError(400, 'bad_page', 'limit is 1–1000 and offset 0 or more, e.g. ?limit=50&offset=100');
    const { limit, offset } = page.data;
    // One more than asked tells whether a next page exists.
    const found = await store.listImports({ ...(memberId === undefined ? {} : { memberId }), limit: limit + 1, offset });
    const next = found.length > limit ? `/imports?${new URLSearchParams({ ...(asked === undefined ? {} : { memberId: asked }), limit: String(limit), offset: String(offset + limit) })}` : null;
    res.json({ imports: found.slice(0, limit), next });
  });

  r.get('/imports/:id/file', auth, async (req, res) => {
    const imp = await loadImport(req);
    const input = await store.loadImportInput(imp.importId);
    if (input === null) throw new HttpError(404, 'not_found', 'no such import');
    const ascii = imp.file.replace(/[^A-Za-z0-9._ -]+/g, '_');
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(imp.file)}`);
    res.type('application/octet-stream').send(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
  });

  r.get('/records/:id', auth, async (req, res) => {
    const id = await loadRecordId(req);
    const [record, rev] = await Promise.all([store.getRecord(id), store.getReviewableRecord(id)]);
    const { memberId: _m, ...shown } = record!;
    res.json({ record: shown, memberId: rev!.memberId, original: rev!.original, acceptances: rev!.acceptances, reviewedAt: rev!.reviewedAt });
  });

  r.get('/records/:id/audit', auth, async (req, res) => {
    const id = await loadRecordId(req);
    res.json({ audit: await store.listRecordAudit(id) });
  });

  r.patch('/records/:id', auth, canChange, json, async (req, res) => {
    const user = currentUser(req);
    const id = await loadChangeableRecordId(req);
    const raw = (req.body ?? {}) as Record<string, unknown>;
    if (typeof raw.field === 'string' && !isCorrectableField(raw.field)) {
      throw new HttpError(400, 'bad_request', `body: field: "${raw.field}" is not a record field a reviewer can correct (${CORRECTABLE_FIELDS.join(', ')})`);
    }
    const b = CorrectionBodySchema.safeParse(raw);
    if (!b.success) throw bodyError(b.error);
    const { field, value, reason } = b.data;
    let changed: { old: string; new: string } | null = null;
    let newProblems: Gap[] = [];
    try {
      const updated = await store.reviseRecord(id, user.id, (cur) => {
        const c = correctRecord(cur.record, field, value, reason, { label: userLabel(user), today: todayIso() }, { hasEndColumn: cur.hasEndColumn });
        changed = { old: displayValue(c.oldValue), new: displayValue(c.newValue) };
        // Back to the value as extracted: the field is as the file gave it again — its gaps are the extracted ones and
        // no "corrected" mark stays (service trial 3); the audit trail keeps both changes.
        if (cur.original !== null && JSON.stringify(cur.original.data[field] ?? null) === JSON.stringify(c.newValue)) {
          c.record.gaps = [...c.record.gaps.filter((g) => g.field !== field), ...cur.original.gaps.filter((g) => g.field === field)];
          const rawBefore = (cur.original.data.raw as Record<string, string> | undefined)?.[field];
          if (rawBefore === undefined) delete c.record.raw[field];
          else c.record.raw[field] = rawBefore;
        }
        // A correction may leave the record worse (mid-fix): name the errors and warnings it did not have before.
        const before = new Set(cur.record.gaps.map((g) => `${g.field}|${g.code}|${g.message}`));
        newProblems = c.record.gaps.filter((g) => (g.severity === 'error' || g.severity === 'warning') && g.code !== 'corrected' && !before.has(`${g.field}|${g.code}|${g.message}`));
        return {
          record: c.record,
          acceptances: cur.acceptances.filter((a) => a.field !== field),
          audit: { action: 'record.correct', detail: { field, oldValue: c.oldValue, newValue: c.newValue, input: value, reason } },
        };
      });
      if (updated === null) throw new HttpError(404, 'not_found', 'no such record');
      const { memberId: _m, ...record } = updated;
      res.json({ record, change: changed, newProblems });
    } catch (e) {
      if (e instanceof CorrectionError) throw new HttpError(422, 'invalid_value', e.message);
      throw e;
    }
  });

  r.post('/records/:id/accept', auth, canChange, json, async (req, res) => {
    const user = currentUser(req);
    const id = await loadChangeableRecordId(req);
    const b = AcceptBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    try {
      const updated = await store.reviseRecord(id, user.id, (cur) => {
        const g = findAcceptableGap(cur.record.gaps, cur.acceptances, { field: b.data.field, code: b.data.code as Acceptance['code'], message: b.data.message });
        const a: Acceptance = { field: g.field, code: g.code, message: g.message, note: b.data.note, by: user.id, byLabel: userLabel(user), at: new Date().toISOString() };
        return {
          record: cur.record,
          acceptances: [...cur.acceptances, a],
          audit: { action: 'gap.accept', detail: { field: g.field, code: g.code, severity: g.severity, message: g.message, note: b.data.note } },
        };
      });
      if (updated === null) throw new HttpError(404, 'not_found', 'no such record');
      const { memberId: _m, ...record } = updated;
      res.json({ record });
    } catch (e) {
      if (e instanceof CorrectionError) throw new HttpError(422, 'invalid_gap', e.message);
      throw e;
    }
  });

  r.get('/members/:id/years/:year', auth, async (req, res) => {
    const memberId = await memberParam(req);
    const year = yearOf(req.params.year, 'path');
    res.json({ memberId, year, activityStatus: await appliedStatus(memberId, year) });
  });

  r.put('/members/:id/years/:year', auth, canChange, json, async (req, res) => {
    const user = currentUser(req);
    const memberId = await memberParam(req);
    const year = yearOf(req.params.year, 'path');
    const b = MemberYearBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    await store.setMemberYear(memberId, year, b.data.activityStatus, b.data.note === undefined || b.data.note === '' ? null : b.data.note, user.id);
    res.json({ memberId, year, activityStatus: await appliedStatus(memberId, year) });
  });

  r.get('/members/:id/review', auth, async (req, res) => {
    const memberId = await memberParam(req);
    const year = yearOf(req.query.year, 'query');
    const status = await appliedStatus(memberId, year);
    const records = await store.listMemberRecords(memberId);
    const body: MemberReview = { memberId, year, activityStatus: status, review: reviewYear(records, { year, activityStatus: status.value, today: todayIso() }) };
    res.json(body);
  });

  r.get('/members/:id/export.:format', auth, async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'json' && format !== 'csv' && format !== 'xlsx') throw new HttpError(404, 'not_found', 'exports are .json, .csv or .xlsx');
    const memberId = await memberParam(req);
    const year = yearOf(req.query.year, 'query');
    const records = await store.listMemberRecords(memberId, year);
    const importIds = [...new Set(records.map((x) => x.importId))];
    const results: ImportResult[] = [];
    for (const importId of importIds) {
      const result = await store.getImportResult(importId);
      if (result === null) continue;
      // Undated records too, as the page lists them under every year until a date is corrected (service trial 3).
      results.push({ ...result, records: result.records.filter((x) => countingYear(x) === year || countingYear(x) === null) });
    }
    const { toCsv, toJson, toXlsx } = await import('../export/export.js');
    res.setHeader('Content-Disposition', `attachment; filename="${memberId}-${year}-records.${format}"`);
    if (format === 'json') res.type('application/json').send(toJson(results));
    else if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(results));
    else {
      const status = await appliedStatus(memberId, year);
      const review = reviewYear(await store.listMemberRecords(memberId), { year, activityStatus: status.value, today: todayIso() });
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await withReviewSheet(await toXlsx(results), memberId, review)));
    }
  });

  return r;
}


const OUTCOME_WORDS: Record<AnnualReview['overall'], string> = { met: '✔ met', not_met: '✖ not met', not_assessable: '? not assessable' };

/**
 * Adds a "Review" sheet to an export workbook: the member, year, activity status, overall outcome, and one row per
 * criterion (title, outcome as icon + word, the summary with its figures, the rule's source). Returns the new bytes.
 */
export async function withReviewSheet(xlsx: Uint8Array, memberId: string, review: AnnualReview): Promise<Uint8Array> {
  const [{ default: ExcelJS }, { neutralise }, { CRITERION_TITLES, REQUIRED_HOURS }] = await Promise.all([import('exceljs'), import('../export/export.js'), import('../pipeline/review.js')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.addWorksheet('Review');
  ws.columns = [{ width: 28 }, { width: 18 }, { width: 90 }, { width: 60 }];
  ws.addRow([`Annual CPD review ${review.year}: member ${memberId}`]).font = { bold: true, size: 13 };
  ws.addRow(['Activity status', `${ACTIVITY_STATUS_WORDS[review.activityStatus]} (${REQUIRED_HOURS[review.activityStatus]} h required)`]);
  ws.addRow(['Overall', OUTCOME_WORDS[review.overall]]);
  ws.addRow([]);
  ws.addRow(['Criterion', 'Outcome', 'Figures', 'Rule']).font = { bold: true };
  for (const [key, c] of Object.entries(review.criteria) as [keyof AnnualReview['criteria'], AnnualReview['criteria'][keyof AnnualReview['criteria']]][]) {
    const row = ws.addRow([CRITERION_TITLES[key], OUTCOME_WORDS[c.outcome], neutralise(c.summary), neutralise(c.source)]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Minimal registry shape used by {@link registerReviewPaths} (zod-to-openapi's `OpenAPIRegistry`). */
interface PathRegistry {
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
export function registerReviewPaths(
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
    summary: 'Correct one field (staff, reviewer, admin)',
    description:
      'The text is read with the import\'s own normalisers (`3rd March 2024` → `2024-03-03`, `1h30` → 1.5, `A1/B2`); empty text clears the field. ' +
      "The field's gaps are replaced, gaps derived from several fields are recomputed, other gaps are kept, a `corrected` gap says who changed what and why; " +
      'the record as extracted is kept (`GET /records/{id}`), and an audit line records who, when, the field, old and new value and the reason.',
    security,
    request: { params: idParam, body: { content: { 'application/json': { schema: CorrectionBodySchema } } } },
    responses: {
      200: json(recordOut.extend({ change: z.object({ old: z.string(), new: z.string() }), newProblems: z.array(gapShape) }), 'the corrected record; `newProblems`: errors and warnings the correction introduced (it is saved all the same; such a record with impossible dates is counted in no year by the criteria)'),
      400: err('a malformed body (no reason, an unknown field)'),
      ...common,
      404: err('no such record'),
      409: err("the record's import was replaced by a later upload of the same file (correct the record there)"),
      422: err('the value cannot be read (the message says why), or equals the current one'),
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
  r.registerPath({ method: 'get', path: '/members/{id}/years/{year}', summary: "A member's activity status for a year (default: active)", security, request: { params: yearParam }, responses: { 200: json(memberYear, 'the status'), ...common } });
  r.registerPath({
    method: 'put',
    path: '/members/{id}/years/{year}',
    summary: "Set a member's activity status for a year: active (30 h), reduced (10 h), inactive (none) — staff, reviewer, admin; audited",
    security,
    request: { params: yearParam, body: { content: { 'application/json': { schema: MemberYearBodySchema } } } },
    responses: { 200: json(memberYear, 'the status'), 400: err('a malformed body or year'), ...common },
  });
  r.registerPath({
    method: 'get',
    path: '/members/{id}/review',
    summary: 'The annual review criteria (docs/domain/CPD.md §2) over the member\'s records for one calendar year',
    description: 'Each criterion is met, not_met or not_assessable, with its figures, a summary and the rule\'s source; see src/pipeline/review.ts.',
    security,
    request: { params: idParam, query: yearQuery },
    responses: { 200: json(z.object({ memberId: z.string(), year: z.number().int(), activityStatus: status, review: z.record(z.string(), z.unknown()) }), 'the review'), 400: err('no or a bad year'), ...common, 404: err('no such member') },
  });
  for (const fmt of ['json', 'csv', 'xlsx'] as const) {
    r.registerPath({
      method: 'get',
      path: `/members/{id}/export.${fmt}`,
      summary: `The member's records of one year as ${fmt.toUpperCase()} (corrected values; XLSX: gap cells filled with a comment, and a Review sheet with the criteria)`,
      security,
      request: { params: idParam, query: yearQuery },
      responses: { 200: { description: `the ${fmt.toUpperCase()} file` }, 400: err('no or a bad year'), ...common },
    });
  }
}
