/**
 * Import routes: `POST /imports` (upload), `GET /imports` (list), `GET /imports/:id`, its records, its export, its
 * original file, and `DELETE /imports/:id` (withdraw). Handlers translate HTTP to the services and back; the upload
 * itself is `uploadFiles`, the withdrawal `withdrawImport`.
 */
import { basename } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { isImportError } from '../../domain/index.js';
import { exportImport, isExportFormat } from '../../services/exports.js';
import { describeImport } from '../../services/parts.js';
import { uploadFiles } from '../../services/uploads.js';
import { withdrawImport } from '../../services/withdrawals.js';
import { currentUser, requireRole } from '../auth.js';
import { HttpError, importErrorStatus } from '../errors.js';
import { MemberIdSchema, pageQuerySchema, UploadQuerySchema, WithdrawBodySchema } from '../openapi.js';
import { bodyError, jsonBody, loadImport, type RouteDeps } from './context.js';

/** Cleans a client-supplied file name: base name only, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = basename((name ?? '').replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base === '' ? 'upload' : base).slice(0, 255);
}

const MULTER_ERRORS: Record<string, [number, string, string]> = {
  LIMIT_FILE_SIZE: [413, 'too_large', 'a file is over the size limit of {mb} MB'],
  LIMIT_FILE_COUNT: [413, 'too_many_files', 'too many files in one request (at most {files})'],
  LIMIT_PART_COUNT: [413, 'too_many_parts', 'the form has too many parts'],
  LIMIT_FIELD_COUNT: [413, 'too_many_fields', 'the form has too many fields'],
  LIMIT_FIELD_KEY: [400, 'bad_form', 'a form field name is too long'],
  LIMIT_FIELD_VALUE: [400, 'bad_form', 'a form field value is too long'],
  LIMIT_UNEXPECTED_FILE: [400, 'unexpected_field', 'files go in the form field "file"'],
  MISSING_FIELD_NAME: [400, 'bad_form', 'a form part has no field name'],
};

/** `GET /imports` paging: `limit` 1–1000 (default 200), `offset` ≥ 0 (default 0), both whole numbers. */
const ImportsPageSchema = pageQuerySchema(200, 1000);
/** `GET /imports/:id/records` paging (service trial 3: a 45,000-row import came back as 43 MB in one answer). */
const RecordsPageSchema = pageQuerySchema(5000, 5000);

/** The import routes. */
export function importRoutes(deps: RouteDeps): Router {
  const { store, queue, logger, metrics, limits, auth } = deps;
  const r = express.Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxUploadBytes, files: limits.maxFilesPerRequest, fields: 20, fieldSize: 1024, parts: limits.maxFilesPerRequest + 20, fieldNameSize: 100 },
  }).array('file', limits.maxFilesPerRequest);

  const parseUpload = (req: Request, res: Response): Promise<void> =>
    new Promise((resolve, reject) => {
      upload(req, res, (err?: unknown) => {
        if (!err) return resolve();
        const code = (err as { code?: string }).code;
        const known = code !== undefined ? MULTER_ERRORS[code] : undefined;
        if (known) {
          const msg = known[2].replace('{mb}', String(Math.round((limits.maxUploadBytes / 1024 / 1024) * 10) / 10)).replace('{files}', String(limits.maxFilesPerRequest));
          return reject(new HttpError(known[0], known[1], msg));
        }
        reject(new HttpError(400, 'bad_form', 'the request is not a valid multipart form (send the file in the field "file")'));
      });
    });

  r.post('/imports', auth, requireRole('member', 'staff', 'admin'), async (req, res) => {
    const user = currentUser(req);
    const q = UploadQuerySchema.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'bad_request', 'query: force must be true or false; memberId 1–64 letters, digits, ".", "_" or "-"');
    await parseUpload(req, res);
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (Array.isArray(body.memberId)) throw new HttpError(400, 'bad_request', 'give memberId once');
    const formMember = typeof body.memberId === 'string' && body.memberId !== '' ? body.memberId : undefined;
    if (formMember !== undefined && q.data.memberId !== undefined && formMember !== q.data.memberId) {
      throw new HttpError(400, 'bad_request', `the form says memberId ${formMember} but the query says ${q.data.memberId}: give one`);
    }
    const asked = formMember ?? q.data.memberId;
    let memberId: string;
    if (user.role === 'member') {
      if (asked !== undefined && asked !== user.memberId) throw new HttpError(403, 'forbidden', 'a member can upload only their own records');
      memberId = user.memberId!;
    } else {
      if (asked === undefined) throw new HttpError(400, 'member_required', 'name the member the records belong to: form field or query memberId');
      const m = MemberIdSchema.safeParse(asked);
      if (!m.success) throw new HttpError(400, 'bad_member_id', 'a member id is 1–64 letters, digits, ".", "_" or "-"');
      memberId = m.data;
    }
    if (files.length === 0) throw new HttpError(400, 'no_file', 'no file: send the file(s) in the multipart form field "file"');
    const force = q.data.force === 'true' || q.data.force === '1';
    let out;
    try {
      out = await uploadFiles(
        { store, queue, logger, countUpload: (outcome) => metrics.uploads.inc({ outcome }) },
        {
          memberId,
          uploadedBy: user.id,
          files: files.map((f) => ({ name: cleanFileName(f.originalname), bytes: new Uint8Array(f.buffer.buffer, f.buffer.byteOffset, f.buffer.byteLength) })),
          force,
          maxBytes: limits.maxUploadBytes,
        },
      );
    } catch (e) {
      if (isImportError(e)) throw new HttpError(importErrorStatus(e.code), e.code, e.message);
      throw e;
    }
    res.status(out.some((c) => c.created) ? 202 : 200).json({ imports: out.map((c) => ({ importId: c.importId, file: c.file, status: c.status })) });
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
    const found = await store.imports.list({ ...(memberId === undefined ? {} : { memberId }), limit: limit + 1, offset });
    const next = found.length > limit ? `/imports?${new URLSearchParams({ ...(asked === undefined ? {} : { memberId: asked }), limit: String(limit), offset: String(offset + limit) })}` : null;
    res.json({ imports: found.slice(0, limit), next });
  });

  r.get('/imports/:id', auth, async (req, res) => {
    res.json(await describeImport(store, await loadImport(store, req)));
  });

  // A member withdraws their own imports (loadImport answers 404 for anyone else's); staff and admins any.
  r.delete('/imports/:id', auth, requireRole('member', 'staff', 'admin'), jsonBody, async (req, res) => {
    const imp = await loadImport(store, req);
    const b = WithdrawBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    const out = await withdrawImport(store, imp.importId, currentUser(req), b.data.reason === undefined || b.data.reason === '' ? null : b.data.reason);
    if (out === null) throw new HttpError(404, 'not_found', 'no such import');
    res.json(out);
  });

  r.get('/imports/:id/records', auth, async (req, res) => {
    const imp = await loadImport(store, req);
    const page = RecordsPageSchema.safeParse(req.query);
    if (!page.success) throw new HttpError(400, 'bad_page', 'limit is 1–5000 and offset 0 or more, e.g. ?limit=1000&offset=2000');
    const { limit, offset } = page.data;
    const found = await store.records.listForImport(imp.importId, { limit: limit + 1, offset });
    const next = found.length > limit ? `/imports/${imp.importId}/records?${new URLSearchParams({ limit: String(limit), offset: String(offset + limit) })}` : null;
    res.json({ records: found.slice(0, limit), next });
  });

  r.get('/imports/:id/export.:format', auth, async (req, res) => {
    const format = String(req.params.format);
    if (!isExportFormat(format)) throw new HttpError(404, 'not_found', 'exports are .json, .csv or .xlsx');
    const imp = await loadImport(store, req);
    const file = await exportImport(store, imp, format);
    if (file === null) throw new HttpError(409, 'not_done', `the import is ${imp.status}; exports are available when it is done`);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.type(file.contentType).send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });

  r.get('/imports/:id/file', auth, async (req, res) => {
    const imp = await loadImport(store, req);
    const input = await store.imports.loadInput(imp.importId);
    if (input === null) throw new HttpError(404, 'not_found', 'no such import');
    const ascii = imp.file.replace(/[^A-Za-z0-9._ -]+/g, '_');
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(imp.file)}`);
    res.type('application/octet-stream').send(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
  });

  return r;
}
