/**
 * The HTTP API against every role: each route × (no key, wrong key, member A, member B, staff, reviewer, admin),
 * plus upload limits and errors. Store: embedded PGlite in memory; queue: the real Redis under a private prefix
 * (no worker here: finished imports are stored directly).
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { ImportResult } from '../../src/domain/index.js';
import { createApp } from '../../src/http/app.js';
import { jsonClientErrors } from '../../src/http/errors.js';
import { createMetrics } from '../../src/http/metrics.js';
import { ImportQueue } from '../../src/queue/queue.js';
import { openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { makeCsv, REDIS_URL, silentLogger, uniquePrefix } from '../helpers/service.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';

let store: Store;
let queue: ImportQueue;
let app: Express;
const keys: Record<string, string> = {};
let importA = '';
let importB = '';
let tagN = 0;

const ROLES = ['none', 'badkey', 'memberA', 'memberB', 'staff', 'reviewer', 'admin'] as const;
type Who = (typeof ROLES)[number];

function auth(who: Who): Record<string, string> {
  if (who === 'none') return {};
  if (who === 'badkey') return { Authorization: 'Bearer cpd_not-a-real-key' };
  return { Authorization: `Bearer ${keys[who]}` };
}

function doneResult(name: string): ImportResult {
  return {
    file: 'log.csv',
    sha256: 'x',
    format: 'csv',
    records: [
      {
        activityName: name,
        activityType: 'Webinar',
        twaves: 'T',
        startDate: '2024-03-01',
        endDate: '2024-03-01',
        targetDate: null,
        hours: 2,
        description: null,
        reflection: 'r',
        ukSpec: [],
        skillType: null,
        objective: null,
        status: 'completed',
        extras: {},
        raw: {},
        gaps: [],
        source: { file: 'log.csv', row: 2 },
      },
    ],
    fileGaps: [],
    mapping: [],
    summary: { records: 1, completed: 1, planned: 0, recordsWithGaps: 0, gaps: { error: 0, warning: 0, info: 0 }, totalHours: 2 },
  };
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  queue = new ImportQueue(REDIS_URL, uniquePrefix('http'), { attempts: 1, backoffMs: 100 });
  const metrics = createMetrics({ countImportsByStatus: () => store.imports.countByStatus(), queueDepth: () => queue.depth() });
  app = createApp({ store, queue, logger: silentLogger, metrics, limits: { maxUploadBytes: 64 * 1024, maxFilesPerRequest: 3 } });
  keys.memberA = (await createUser(store, { role: 'member', memberId: 'M-A' })).key;
  keys.memberB = (await createUser(store, { role: 'member', memberId: 'M-B' })).key;
  keys.staff = (await createUser(store, { role: 'staff' })).key;
  keys.reviewer = (await createUser(store, { role: 'reviewer' })).key;
  keys.admin = (await createUser(store, { role: 'admin' })).key;
  for (const [member, name] of [
    ['M-A', 'A activity'],
    ['M-B', 'B activity'],
  ] as const) {
    const b = makeCsv(member);
    const imp = await createImport(store, { memberId: member, uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha256Hex(b), force: false });
    await storeImportResult(store, imp.importId, doneResult(name));
    if (member === 'M-A') importA = imp.importId;
    else importB = imp.importId;
  }
});

afterAll(async () => {
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await store?.close();
});

/** A route and the status each caller gets. */
interface RouteCase {
  name: string;
  call: (who: Who) => request.Test | Promise<request.Response>;
  expect: Record<Who, number>;
}

const PUBLIC = { none: 200, badkey: 200, memberA: 200, memberB: 200, staff: 200, reviewer: 200, admin: 200 };
// Another member's data answers as unknown (404), so that a caller cannot learn which ids exist (issue 12).
const READ_A = { none: 401, badkey: 401, memberA: 200, memberB: 404, staff: 200, reviewer: 200, admin: 200 };
const ADMIN_ONLY = (ok: number) => ({ none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 403, reviewer: 403, admin: ok });

const routes: RouteCase[] = [
  { name: 'GET /', call: () => request(app).get('/'), expect: PUBLIC },
  { name: 'GET /healthz', call: () => request(app).get('/healthz'), expect: PUBLIC },
  { name: 'GET /readyz', call: () => request(app).get('/readyz'), expect: PUBLIC },
  { name: 'GET /metrics', call: () => request(app).get('/metrics'), expect: PUBLIC },
  { name: 'GET /openapi.json', call: () => request(app).get('/openapi.json'), expect: PUBLIC },
  {
    name: 'POST /imports for member A',
    call: (who) => {
      const r = request(app).post('/imports').set(auth(who));
      if (who !== 'memberA') r.field('memberId', 'M-A');
      return r.attach('file', makeCsv(`upload-${who}-${tagN++}`), 'log.csv');
    },
    expect: { none: 401, badkey: 401, memberA: 202, memberB: 403, staff: 202, reviewer: 403, admin: 202 },
  },
  { name: 'GET /imports/:id', call: (who) => request(app).get(`/imports/${importA}`).set(auth(who)), expect: READ_A },
  { name: 'GET /imports/:id/records', call: (who) => request(app).get(`/imports/${importA}/records`).set(auth(who)), expect: READ_A },
  { name: 'GET /imports/:id/export.json', call: (who) => request(app).get(`/imports/${importA}/export.json`).set(auth(who)), expect: READ_A },
  { name: 'GET /imports/:id/export.csv', call: (who) => request(app).get(`/imports/${importA}/export.csv`).set(auth(who)), expect: READ_A },
  { name: 'GET /members/:id/records', call: (who) => request(app).get('/members/M-A/records?year=2024').set(auth(who)), expect: READ_A },
  {
    name: 'GET /imports/:unknown',
    call: (who) => request(app).get('/imports/00000000-0000-4000-8000-000000000000').set(auth(who)),
    expect: { none: 401, badkey: 401, memberA: 404, memberB: 404, staff: 404, reviewer: 404, admin: 404 },
  },
  { name: 'GET /users', call: (who) => request(app).get('/users').set(auth(who)), expect: ADMIN_ONLY(200) },
  { name: 'POST /users', call: (who) => request(app).post('/users').set(auth(who)).send({ role: 'reviewer', name: `made by ${who}` }), expect: ADMIN_ONLY(201) },
  {
    name: 'DELETE /users/:id',
    call: async (who) => {
      const { user } = await createUser(store, { role: 'reviewer', name: `to revoke by ${who}` });
      return request(app).delete(`/users/${user.id}`).set(auth(who));
    },
    expect: ADMIN_ONLY(204),
  },
  {
    name: 'GET /admin/queues',
    call: (who) => request(app).get('/admin/queues').set(auth(who)),
    expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 200, reviewer: 403, admin: 200 },
  },
];

/** One test per route and caller: the status, and for an error the JSON body with its code and no stack. */
function roleMatrix(cases: readonly RouteCase[]): void {
  for (const route of cases) {
    for (const who of ROLES) {
      it(`${route.name} as ${who} → ${route.expect[who]}`, async () => {
        const res = await route.call(who);
        expect(res.status).toBe(route.expect[who]);
        if (res.status >= 400) {
          expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
          const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[res.status as 401 | 403 | 404];
          if (code) expect(res.body.error.code).toBe(code);
        }
      });
    }
  }
}

describe('every route against every role', () => {
  roleMatrix(routes);
});

describe('route contents', () => {
  it("a member reads their import and records; another member's answer as unknown ones (404)", async () => {
    const res = await request(app).get(`/imports/${importA}/records`).set(auth('memberA'));
    expect(res.body.records.map((r: { activityName: string }) => r.activityName)).toEqual(['A activity']);
    expect(res.body.records[0].importId).toBe(importA);
    const b = await request(app).get(`/imports/${importB}`).set(auth('memberA'));
    const unknown = await request(app).get('/imports/00000000-0000-4000-8000-000000000000').set(auth('memberA'));
    expect([b.status, b.body]).toEqual([404, { error: { code: 'not_found', message: 'no such import' } }]);
    expect(b.body).toEqual(unknown.body);
    const mine = await request(app).get(`/imports/${importA}`).set(auth('memberA'));
    expect(mine.body).toMatchObject({ importId: importA, memberId: 'M-A', status: 'done', progress: 100, error: null, format: 'csv' });
    const other = await request(app).get('/members/M-B/records').set(auth('memberA'));
    expect([other.status, other.body]).toEqual([404, { error: { code: 'not_found', message: 'no such member: M-B' } }]);
  });

  it('members records by year; a bad year is 400', async () => {
    const r2024 = await request(app).get('/members/M-A/records?year=2024').set(auth('staff'));
    expect(r2024.body.records.map((r: { activityName: string }) => r.activityName)).toEqual(['A activity']);
    const r2023 = await request(app).get('/members/M-A/records?year=2023').set(auth('staff'));
    expect(r2023.body).toEqual({ records: [] });
    const bad = await request(app).get('/members/M-A/records?year=24').set(auth('staff'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_year');
  });

  it('upload: 202 with ids after commit, job queued with jobId = import id; same file again → 200 existing; force → 202 new', async () => {
    const csv = makeCsv('dedup');
    const first = await request(app).post('/imports').set(auth('memberA')).attach('file', csv, 'mine.csv');
    expect(first.status).toBe(202);
    expect(first.body.imports).toHaveLength(1);
    const { importId, file, status } = first.body.imports[0];
    expect({ file, status }).toEqual({ file: 'mine.csv', status: 'queued' });
    const job = await queue.getJob(importId);
    expect(job?.id).toBe(importId);
    expect(job?.data).toEqual({ importId });
    expect(job?.opts.attempts).toBe(1);
    const again = await request(app).post('/imports').set(auth('memberA')).attach('file', csv, 'mine-again.csv');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ imports: [{ importId, file: 'mine.csv', status: 'queued' }] });
    const forced = await request(app).post('/imports?force=true').set(auth('memberA')).attach('file', csv, 'mine.csv');
    expect(forced.status).toBe(202);
    expect(forced.body.imports[0].importId).not.toBe(importId);
    // another member (via staff) with the same content is a new import
    const staff = await request(app).post('/imports').set(auth('staff')).field('memberId', 'M-B').attach('file', csv, 'mine.csv');
    expect(staff.status).toBe(202);
    // responses are not cached; a 401 says how to authenticate
    expect(staff.headers['cache-control']).toBe('no-store');
    const anon = await request(app).get('/imports');
    expect([anon.status, anon.headers['www-authenticate']]).toEqual([401, 'Bearer realm="cpd-import"']);
    // a form memberId and a different query memberId: refused, not silently one of them
    const both = await request(app).post('/imports?memberId=M-A').set(auth('staff')).field('memberId', 'M-B').attach('file', makeCsv('conflict'), 'c.csv');
    expect([both.status, both.body.error.message]).toEqual([400, 'the form says memberId M-B but the query says M-A: give one']);
  });

  it('upload: one unreadable file among several — 415 naming it, and saying nothing was stored', async () => {
    const res = await request(app).post('/imports?memberId=M-B').set(auth('staff')).attach('file', makeCsv('mixed-good'), 'good.csv').attach('file', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 200, 201, 202]), 'prog.bin');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/^prog\.bin: .*; nothing in this request was stored \(2 files\), send the others again without it$/);
  });

  it('upload: several files in one request', async () => {
    const res = await request(app)
      .post('/imports?memberId=M-B')
      .set(auth('admin'))
      .attach('file', makeCsv('multi-1'), 'one.csv')
      .attach('file', makeCsv('multi-2'), 'two.csv');
    expect(res.status).toBe(202);
    expect(res.body.imports.map((i: { file: string }) => i.file)).toEqual(['one.csv', 'two.csv']);
    const view = await request(app).get(`/imports/${res.body.imports[1].importId}`).set(auth('memberB'));
    expect(view.body).toMatchObject({ memberId: 'M-B', file: 'two.csv', status: 'queued', progress: 0 });
  });

  const bad: [string, (r: request.Test) => request.Test, number, string][] = [
    ['no file', (r) => r.field('x', 'y'), 400, 'no_file'],
    ['a file over the size limit', (r) => r.attach('file', Buffer.alloc(65 * 1024, 'a'), 'big.csv'), 413, 'too_large'],
    ['too many files', (r) => r.attach('file', makeCsv('m1'), 'a.csv').attach('file', makeCsv('m2'), 'b.csv').attach('file', makeCsv('m3'), 'c.csv').attach('file', makeCsv('m4'), 'd.csv'), 413, 'too_many_files'],
    ['an unknown binary', (r) => r.attach('file', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 200, 201, 202]), 'x.bin'), 415, 'unsupported_format'],
    ['an empty file', (r) => r.attach('file', Buffer.alloc(0), 'empty.csv'), 422, 'empty'],
    ['the wrong field name', (r) => r.attach('upload', makeCsv('wrong'), 'a.csv'), 400, 'unexpected_field'],
  ];
  for (const [what, build, status, code] of bad) {
    it(`upload of ${what} → ${status} ${code}, nothing stored`, async () => {
      const before = await store.imports.countByStatus();
      const res = await build(request(app).post('/imports').set(auth('memberA')));
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(await store.imports.countByStatus()).toEqual(before);
    });
  }

  it('upload: not multipart → 400; staff without member → 400; bad member id → 400', async () => {
    const json = await request(app).post('/imports').set(auth('memberA')).send({ file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('no_file');
    const noMember = await request(app).post('/imports').set(auth('staff')).attach('file', makeCsv('nm'), 'a.csv');
    expect(noMember.status).toBe(400);
    expect(noMember.body.error.code).toBe('member_required');
    const badMember = await request(app).post('/imports').set(auth('staff')).field('memberId', '../etc').attach('file', makeCsv('bm'), 'a.csv');
    expect(badMember.status).toBe(400);
    expect(badMember.body.error.code).toBe('bad_member_id');
    const badQuery = await request(app).post('/imports?force=maybe').set(auth('memberA')).attach('file', makeCsv('bq'), 'a.csv');
    expect(badQuery.status).toBe(400);
  });

  it('upload: a path in the file name keeps only the base name', async () => {
    const res = await request(app).post('/imports').set(auth('memberA')).attach('file', makeCsv('path'), '../../etc/évènement.csv');
    expect(res.status).toBe(202);
    expect(res.body.imports[0].file).toBe('évènement.csv');
  });

  it('malformed ids and unknown paths are JSON 404s; malformed JSON is 400', async () => {
    const r1 = await request(app).get("/imports/1' or '1'='1").set(auth('admin'));
    expect(r1.status).toBe(404);
    const r2 = await request(app).get('/nope').set(auth('admin'));
    expect(r2.status).toBe(404);
    expect(r2.body).toEqual({ error: { code: 'not_found', message: 'no such endpoint: GET /nope' } });
    const r3 = await request(app).post('/users').set(auth('admin')).set('Content-Type', 'application/json').send('{"role": ');
    expect(r3.status).toBe(400);
    expect(r3.body.error.code).toBe('invalid_json');
    const r4 = await request(app).get(`/imports/${importA}/export.pdf`).set(auth('admin'));
    expect(r4.status).toBe(404);
  });

  it('a known path with a method it lacks is a JSON 405 with Allow; OPTIONS lists every method of the path', async () => {
    const del = await request(app).delete('/imports').set(auth('admin'));
    expect([del.status, del.headers.allow, del.body]).toEqual([405, 'GET, HEAD, POST, OPTIONS', { error: { code: 'method_not_allowed', message: 'DELETE is not allowed on /imports; allowed: GET, HEAD, POST' } }]);
    const put = await request(app).put(`/imports/${importA}`).set(auth('admin'));
    expect([put.status, put.headers.allow, put.body.error.code]).toEqual([405, 'DELETE, GET, HEAD, OPTIONS', 'method_not_allowed']);
    const rec = await request(app).delete('/records/00000000-0000-4000-8000-000000000000').set(auth('admin'));
    expect([rec.status, rec.headers.allow]).toEqual([405, 'GET, HEAD, PATCH, OPTIONS']);
    const opt = await request(app).options('/imports');
    expect([opt.status, opt.headers.allow]).toEqual([204, 'GET, HEAD, POST, OPTIONS']);
    const none = await request(app).options('/nope');
    expect([none.status, none.body.error.code]).toEqual([404, 'not_found']);
  });

  it('headers over the size limit get a JSON 431 (Node answers before Express, with no body, otherwise)', async () => {
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    jsonClientErrors(server);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await new Promise<{ status: number; type: string; body: string }>((ok, fail) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz', headers: { 'X-Big': 'x'.repeat(20_000) } }, (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => ok({ status: r.statusCode!, type: r.headers['content-type']!, body }));
        });
        req.on('error', fail);
        req.end();
      });
      expect(res).toEqual({ status: 431, type: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code: 'headers_too_large', message: 'the request headers are too large (at most 16 KB)' } }) });
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('users: admin creates (key shown once), lists and revokes; the revoked key stops working', async () => {
    const created = await request(app).post('/users').set(auth('admin')).send({ role: 'member', memberId: 'M-C', name: 'Cee' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'member', memberId: 'M-C', name: 'Cee' });
    const key = created.body.key as string;
    expect((await request(app).get('/members/M-C/records').set({ Authorization: `Bearer ${key}` })).status).toBe(200);
    const list = await request(app).get('/users').set(auth('admin'));
    expect(list.body.users.some((u: { id: string }) => u.id === created.body.user.id)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(key);
    const del = await request(app).delete(`/users/${created.body.user.id}`).set(auth('admin'));
    expect(del.status).toBe(204);
    expect((await request(app).get('/members/M-C/records').set({ Authorization: `Bearer ${key}` })).status).toBe(401);
    const bad = await request(app).post('/users').set(auth('admin')).send({ role: 'member' });
    expect(bad.status).toBe(400);
    const extra = await request(app).post('/users').set(auth('admin')).send({ role: 'admin', isRoot: true });
    expect(extra.status).toBe(400);
  });

  it('dashboard: Basic auth with the key as password; 401 asks the browser for it', async () => {
    const none = await request(app).get('/admin/queues');
    expect(none.headers['www-authenticate']).toBe('Basic realm="cpd-import queues"');
    const basic = await request(app).get('/admin/queues').set('Authorization', `Basic ${Buffer.from(`x:${keys.staff}`).toString('base64')}`);
    expect(basic.status).toBe(200);
    expect(basic.text).toContain('<html');
    // The same protection as the page (issue 12): a policy no page may frame it under, no sniffing, no framework name.
    for (const res of [none, basic]) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline' https://fonts.googleapis.com;font-src 'self' https://fonts.gstatic.com;img-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const api = await request(app).get('/admin/queues/api/queues').set(auth('admin'));
    expect(api.status).toBe(200);
    const csrf = await request(app).put('/admin/queues/api/queues/imports/pause').set(auth('admin')).set('Sec-Fetch-Site', 'cross-site');
    expect(csrf.status).toBe(403);
    // A foreign Origin is cross-site too, whatever Sec-Fetch-Site says (curl and old browsers send none).
    const foreign = await request(app).post('/admin/queues/api/queues/imports/add').set(auth('admin')).set('Origin', 'http://evil.example').set('Content-Type', 'text/plain').send('{}');
    expect(foreign.status).toBe(403);
    // Staff may watch the queue but not pause, retry, clean or add jobs.
    const staffPause = await request(app).put('/admin/queues/api/queues/imports/pause').set(auth('staff'));
    expect(staffPause.status).toBe(403);
    expect(staffPause.body).toEqual({ error: { code: 'forbidden', message: 'the queue dashboard is read-only for staff' } });
    const staffRead = await request(app).get('/admin/queues/api/queues').set(auth('staff'));
    expect(staffRead.status).toBe(200);
  });

  it('readyz, metrics and OpenAPI', async () => {
    const ready = await request(app).get('/readyz');
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/cpd_imports\{status="done"\} 2/);
    expect(metrics.text).toContain('cpd_queue_jobs{state="waiting"}');
    expect(metrics.text).toContain('cpd_uploads_total{outcome="created"}');
    const doc = await request(app).get('/openapi.json');
    expect(doc.body.openapi).toBe('3.0.3');
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      [
        '/healthz',
        '/imports',
        '/imports/{id}',
        '/imports/{id}/export.csv',
        '/imports/{id}/export.json',
        '/imports/{id}/export.xlsx',
        '/imports/{id}/file',
        '/imports/{id}/mapping',
        '/imports/{id}/mapping/apply-to-similar',
        '/imports/{id}/mapping/preview',
        '/imports/{id}/records',
        '/me',
        '/bodies',
        '/members/{id}/body',
        '/members/{id}/dashboard',
        '/dashboard',
        '/members/{id}/export.csv',
        '/members/{id}/export.json',
        '/members/{id}/export.xlsx',
        '/members/{id}/records',
        '/members/{id}/review',
        '/members/{id}/years',
        '/members/{id}/years/{year}',
        '/records/bulk',
        '/records/{id}',
        '/records/{id}/accept',
        '/records/{id}/audit',
        '/templates',
        '/templates/{id}',
        '/metrics',
        '/readyz',
        '/users',
        '/users/{id}',
      ].sort(),
    );
    expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Import', 'Record', 'User']));
    expect(doc.body.components.schemas.Record.properties.twaves).toBeDefined();
  });
});

// Last: it adds an import, which the counts above would see.
describe('paging', () => {
  it('an import\'s records come in pages: limit, offset, next (service trial 3: 45,000 records in one 43 MB answer)', async () => {
    const b = makeCsv('paged');
    const imp = await createImport(store, { memberId: 'M-P', uploadedBy: null, fileName: 'three.csv', bytes: b, sha256: sha256Hex(b), force: false });
    const three = doneResult('One');
    three.records = ['One', 'Two', 'Three'].map((n) => ({ ...three.records[0]!, activityName: n }));
    await storeImportResult(store, imp.importId, three);
    const all = await request(app).get(`/imports/${imp.importId}/records`).set(auth('staff'));
    expect([all.body.records.map((r: { activityName: string }) => r.activityName), all.body.next]).toEqual([['One', 'Two', 'Three'], null]);
    const p1 = await request(app).get(`/imports/${imp.importId}/records?limit=2`).set(auth('staff'));
    expect([p1.body.records.map((r: { activityName: string }) => r.activityName), p1.body.next]).toEqual([['One', 'Two'], `/imports/${imp.importId}/records?limit=2&offset=2`]);
    const p2 = await request(app).get(p1.body.next).set(auth('staff'));
    expect([p2.body.records.map((r: { activityName: string }) => r.activityName), p2.body.next]).toEqual([['Three'], null]);
    const bad = await request(app).get(`/imports/${imp.importId}/records?limit=5001`).set(auth('staff'));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_page']);
  });
});

/** A new done import of member A with one record (for routes that change what they touch). */
async function freshImportA(): Promise<{ importId: string; recordId: string }> {
  const b = makeCsv(`fresh-${tagN++}`);
  const imp = await createImport(store, { memberId: 'M-A', uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha256Hex(b), force: false });
  await storeImportResult(store, imp.importId, doneResult('A fresh activity'));
  const [rec] = await store.records.listForImport(imp.importId);
  return { importId: imp.importId, recordId: rec!.id };
}

// Last as well: these routes add and change imports. Each call gets its own import, so every role meets the same state.
describe('every mapping-step route against every role (issue 11)', () => {
  const routes: RouteCase[] = [
    {
      name: 'DELETE /imports/:id',
      call: async (who) => request(app).delete(`/imports/${(await freshImportA()).importId}`).set(auth(who)).send({ reason: `withdrawn by ${who}` }),
      expect: { none: 401, badkey: 401, memberA: 200, memberB: 404, staff: 200, reviewer: 403, admin: 200 },
    },
    { name: 'GET /imports/:id/mapping', call: (who) => request(app).get(`/imports/${importA}/mapping`).set(auth(who)), expect: READ_A },
    {
      name: 'POST /imports/:id/mapping/preview',
      call: (who) => request(app).post(`/imports/${importA}/mapping/preview`).set(auth(who)).send({ columns: {}, dateOrder: 'mdy' }),
      expect: READ_A,
    },
    {
      name: 'PUT /imports/:id/mapping',
      call: async (who) => request(app).put(`/imports/${(await freshImportA()).importId}/mapping`).set(auth(who)).send({ columns: {}, dateOrder: 'mdy' }),
      expect: { none: 401, badkey: 401, memberA: 202, memberB: 404, staff: 202, reviewer: 202, admin: 202 },
    },
    {
      name: 'POST /imports/:id/mapping/apply-to-similar',
      call: async (who) => {
        const put = await request(app).put(`/imports/${(await freshImportA()).importId}/mapping`).set(auth('staff')).send({ columns: { Activity: 'activityName' } });
        return request(app).post(`/imports/${put.body.importId as string}/mapping/apply-to-similar`).set(auth(who)).send({});
      },
      expect: { none: 401, badkey: 401, memberA: 202, memberB: 404, staff: 202, reviewer: 202, admin: 202 },
    },
    { name: 'GET /templates', call: (who) => request(app).get('/templates').set(auth(who)), expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 200, reviewer: 403, admin: 200 } },
    {
      name: 'DELETE /templates/:id',
      call: async (who) => {
        const t = await store.templates.save({ id: randomUUID(), format: 'csv', fingerprint: `fp-${who}`, headings: ['Col A'], columns: { 'Col A': 'activityName' }, dateOrder: null, hoursPerDay: null, savedBy: 'test', savedById: null, fromImport: null });
        return request(app).delete(`/templates/${t.id}`).set(auth(who));
      },
      expect: { none: 401, badkey: 401, memberA: 403, memberB: 403, staff: 204, reviewer: 403, admin: 204 },
    },
    {
      name: 'PATCH /records/:id { excluded: true }',
      call: async (who) => request(app).patch(`/records/${(await freshImportA()).recordId}`).set(auth(who)).send({ excluded: true, reason: `not CPD (${who})` }),
      expect: { none: 401, badkey: 401, memberA: 200, memberB: 404, staff: 200, reviewer: 200, admin: 200 },
    },
  ];
  roleMatrix(routes);
});
