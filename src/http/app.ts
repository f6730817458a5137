/**
 * The HTTP API (Express 5): `createApp(deps)` builds the app; `server.ts` listens. Routes and contracts:
 * docs/DESIGN.md §2 "HTTP" and issue 4 §2/§4/§5. Every error is JSON `{ error: { code, message } }` (see `errors.ts`).
 */
import { rejectBadText } from './text.js';
import { basename } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Express, type Request, type Response } from 'express';
import multer from 'multer';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { ImportError, isImportError } from '../domain/index.js';
import { detectFormat } from '../pipeline/detect.js';
import { DEFAULT_BUDGET } from '../pipeline/types.js';
import { describeError, sha256Hex, type CreatedImport, type Store } from '../store/store.js';
import type { ImportQueue } from '../queue/queue.js';
import { assertCanRead, authenticate, currentUser, requireRole } from './auth.js';
import { errorMiddleware, HttpError, importErrorStatus, methodHandlers, notFound } from './errors.js';
import type { Metrics } from './metrics.js';
import { CreateUserBodySchema, MemberIdSchema, MemberRecordsQuerySchema, openApiDocument, pageQuerySchema, UploadQuerySchema } from './openapi.js';
import { pageRouter } from './page/page.js';
import { reviewRouter } from './review.js';

/** What the app needs. The queue is optional only for tests of routes that never queue. */
export interface AppDeps {
  store: Store;
  queue: Pick<ImportQueue, 'enqueue' | 'ping' | 'depth' | 'queue'>;
  logger: Logger;
  metrics: Metrics;
  limits: {
    /** Per-file size limit, bytes (413 above it). */
    maxUploadBytes: number;
    /** Files per request (413 above it). */
    maxFilesPerRequest: number;
  };
}

/** Import ids are UUIDs; anything else is a 404 without touching the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

/**
 * Builds the Express app: routes, auth, limits, logging, metrics, OpenAPI, Bull Board and the error middleware.
 */
export function createApp(deps: AppDeps): Express {
  const { store, queue, logger, metrics, limits } = deps;
  const app = express();
  app.disable('x-powered-by');
  const methods = methodHandlers(app);
  // Members' records, new API keys and exports must not sit in shared or browser caches.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger,
      // No headers (the key), no bodies: method, path, status, time.
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(methods.options);

  const auth = authenticate((key) => store.findUserByKey(key));
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

  // ---- public: the review page (its data needs a key) ----
  app.use(pageRouter());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = { postgres: 'ok', redis: 'ok' };
    await Promise.all([
      store.ping().catch((e: unknown) => {
        checks.postgres = `unreachable: ${describeError(e)}`;
      }),
      queue.ping().catch((e: unknown) => {
        checks.redis = `unreachable: ${(e as Error).message}`;
      }),
    ]);
    if (checks.postgres === 'ok' && checks.redis === 'ok') {
      res.json({ status: 'ready', checks });
      return;
    }
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => (k === 'postgres' ? 'Postgres' : 'Redis'));
    res.status(503).json({ error: { code: 'not_ready', message: `${down.join(' and ')} cannot be reached` }, checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const doc = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });

  // ---- queue dashboard (admin, staff): Basic auth accepted so a browser can log in with the key as password ----
  app.use('/admin/queues', authenticate((key) => store.findUserByKey(key), 'cpd-import queues'), requireRole('admin', 'staff'), (req, _res, next) => {
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    // Staff watch the queue; only admins pause, retry, clean or add jobs.
    if (write && currentUser(req).role !== 'admin') {
      next(new HttpError(403, 'forbidden', 'the queue dashboard is read-only for staff'));
      return;
    }
    // The browser re-sends Basic credentials on cross-site requests: refuse cross-site writes (CSRF), whether the
    // browser says so (Sec-Fetch-Site) or the Origin names another host.
    const origin = req.headers.origin;
    let foreign = req.headers['sec-fetch-site'] === 'cross-site';
    if (origin !== undefined) {
      try {
        foreign ||= new URL(origin).host !== req.headers.host;
      } catch {
        foreign = true;
      }
    }
    if (write && foreign) {
      next(new HttpError(403, 'forbidden', 'cross-site requests to the dashboard are refused'));
      return;
    }
    next();
  });
  mountBullBoard(app, queue.queue);

  // ---- uploads ----
  app.post('/imports', auth, requireRole('member', 'staff', 'admin'), async (req, res) => {
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

    // Check every file before storing any: size, then format by content (415 for what the pipeline cannot read).
    const prepared: { name: string; bytes: Uint8Array; sha256: string }[] = [];
    for (const f of files) {
      const name = cleanFileName(f.originalname);
      const bytes = new Uint8Array(f.buffer.buffer, f.buffer.byteOffset, f.buffer.byteLength);
      try {
        if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
        await detectFormat(bytes, name, { ...DEFAULT_BUDGET, maxBytes: limits.maxUploadBytes });
      } catch (e) {
        if (isImportError(e)) {
          metrics.uploads.inc({ outcome: 'rejected' });
          const rest = files.length > 1 ? `; nothing in this request was stored (${files.length} files), send the others again without it` : '';
          throw new HttpError(importErrorStatus(e.code), e.code, `${name}: ${e.message}${rest}`);
        }
        throw e;
      }
      prepared.push({ name, bytes, sha256: sha256Hex(bytes) });
    }

    const out: CreatedImport[] = [];
    for (const p of prepared) {
      const created = await store.createImport({ memberId, uploadedBy: user.id, fileName: p.name, bytes: p.bytes, sha256: p.sha256, force });
      out.push(created);
      metrics.uploads.inc({ outcome: created.created ? 'created' : 'existing' });
      if (created.created) {
        // Committed: queue it. If Redis is down the import stays `queued` in Postgres and the reconciler queues it.
        await queue.enqueue(created.importId).catch((e: unknown) => {
          logger.warn({ importId: created.importId, err: { message: (e as Error).message } }, 'could not queue the import now; the reconciler will');
        });
      }
    }
    const anyCreated = out.some((c) => c.created);
    res.status(anyCreated ? 202 : 200).json({ imports: out.map((c) => ({ importId: c.importId, file: c.file, status: c.status })) });
  });

  // ---- reading ----
  const loadImport = async (req: Request) => {
    const id = String(req.params.id ?? '');
    const imp = UUID.test(id) ? await store.getImport(id) : null;
    if (imp === null) throw new HttpError(404, 'not_found', 'no such import');
    assertCanRead(currentUser(req), imp.memberId);
    return imp;
  };
  app.get('/imports/:id', auth, async (req, res) => {
    res.json(await loadImport(req));
  });
  // Paged (service trial 3: a 45,000-row import came back as 43 MB in one answer): 5,000 records a page.
  const recordsPage = pageQuerySchema(5000, 5000);
  app.get('/imports/:id/records', auth, async (req, res) => {
    const imp = await loadImport(req);
    const page = recordsPage.safeParse(req.query);
    if (!page.success) throw new HttpError(400, 'bad_page', 'limit is 1–5000 and offset 0 or more, e.g. ?limit=1000&offset=2000');
    const { limit, offset } = page.data;
    const found = await store.listImportRecords(imp.importId, { limit: limit + 1, offset });
    const next = found.length > limit ? `/imports/${imp.importId}/records?${new URLSearchParams({ limit: String(limit), offset: String(offset + limit) })}` : null;
    res.json({ records: found.slice(0, limit), next });
  });
  app.get('/imports/:id/export.:format', auth, async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'json' && format !== 'csv' && format !== 'xlsx') throw new HttpError(404, 'not_found', 'exports are .json, .csv or .xlsx');
    const imp = await loadImport(req);
    const result = await store.getImportResult(imp.importId);
    if (result === null) throw new HttpError(409, 'not_done', `the import is ${imp.status}; exports are available when it is done`);
    const { toCsv, toJson, toXlsx } = await import('../export/export.js');
    const stem = imp.file.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'records';
    res.setHeader('Content-Disposition', `attachment; filename="${stem}-records.${format}"`);
    if (format === 'json') res.type('application/json').send(toJson([result]));
    else if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv([result]));
    else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await toXlsx([result])));
  });
  app.get('/members/:id/records', auth, async (req, res) => {
    const m = MemberIdSchema.safeParse(req.params.id);
    if (!m.success) throw new HttpError(404, 'not_found', 'no such member');
    assertCanRead(currentUser(req), m.data);
    if (!(await store.memberExists(m.data))) throw new HttpError(404, 'not_found', `no such member: ${m.data}`);
    const q = MemberRecordsQuerySchema.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'bad_year', 'year must be four digits, e.g. ?year=2024');
    res.json({ records: await store.listMemberRecords(m.data, q.data.year === undefined ? undefined : Number(q.data.year)) });
  });

  // ---- users (admin) ----
  app.get('/users', auth, requireRole('admin'), async (_req, res) => {
    res.json({ users: await store.listUsers() });
  });
  app.post('/users', auth, requireRole('admin'), express.json({ limit: '10kb' }), rejectBadText, async (req, res) => {
    const b = CreateUserBodySchema.safeParse(req.body);
    if (!b.success) throw new HttpError(400, 'bad_request', `body: ${b.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
    let created;
    try {
      created = await store.createUser({ role: b.data.role, memberId: b.data.memberId ?? null, name: b.data.name ?? null, by: currentUser(req).id });
    } catch (e) {
      if (e instanceof Error && /member id|member key|not tied/.test(e.message)) throw new HttpError(400, 'bad_request', e.message);
      throw e;
    }
    res.status(201).json(created);
  });
  app.delete('/users/:id', auth, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id) || !(await store.revokeUser(id, currentUser(req).id))) throw new HttpError(404, 'not_found', 'no such active user');
    res.status(204).end();
  });

  // ---- review: imports list, original files, corrections, acceptances, criteria, member-year exports ----
  app.use(reviewRouter(store, auth));

  app.use(methods.notAllowed);
  app.use(notFound);
  app.use(errorMiddleware(logger));
  return app;
}

/** Mounts Bull Board under `/admin/queues` (behind the auth middleware registered before it). */
function mountBullBoard(app: Express, queue: AppDeps['queue']['queue']): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath('/admin/queues');
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1 (the top level has 9.10.2): the two
  // IServerAdapter declarations differ only by a private field, so the adapter is passed through a cast.
  type ServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: [new BullMQAdapter(queue, { readOnlyMode: false })], serverAdapter: adapter as unknown as ServerAdapter });
  app.use('/admin/queues', adapter.getRouter() as express.Router);
}
