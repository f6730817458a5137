/**
 * The services (src/services/) on their own, over a real PostgreSQL database: the upload use-case (every file
 * checked before any is stored; stored even when the queue cannot be told), a member's activity status with its
 * audit line, the criteria over a member's year, and the member-year export (file name, media type, the year's
 * records plus undated ones). The HTTP tests cover the same through the API; these pin the services' own contracts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, type CpdRecord, type ImportResult } from '../../src/domain/index.js';
import { exportMemberYear, isExportFormat } from '../../src/services/exports.js';
import { appliedStatus, memberReview, setActivityStatus } from '../../src/services/member-years.js';
import { storeImportResult } from '../../src/services/results.js';
import { uploadFiles, type UploadDeps } from '../../src/services/uploads.js';
import { createUser } from '../../src/services/users.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createTestDatabase, makeCsv } from '../helpers/service.js';

let store: Store;
let drop: () => Promise<void>;
/** The staff user behind every upload here. */
let u1: string;

beforeAll(async () => {
  const db = await createTestDatabase('services');
  drop = db.drop;
  store = await openStore({ url: db.url });
  u1 = (await createUser(store, { role: 'staff', name: 'Staff' })).user.id;
});
afterAll(async () => {
  await store?.close();
  await drop?.();
});

/** Upload dependencies that record what they were told; `queueDown` makes every enqueue fail. */
function deps(queueDown = false): UploadDeps & { queued: string[]; warned: object[]; counted: string[] } {
  const queued: string[] = [];
  const warned: object[] = [];
  const counted: string[] = [];
  return {
    store,
    queue: { enqueue: async (id: string) => (queueDown ? Promise.reject(new Error('Redis is down')) : queued.push(id)) },
    logger: { warn: (obj: object) => warned.push(obj) },
    countUpload: (o) => counted.push(o),
    queued,
    warned,
    counted,
  };
}

const file = (name: string, tag: string) => ({ name, bytes: new Uint8Array(makeCsv(tag)) });

describe('uploadFiles', () => {
  it('stores and queues each file; the same content again returns the existing import', async () => {
    const d = deps();
    const out = await uploadFiles(d, { memberId: 'S-1', uploadedBy: u1, files: [file('a.csv', 'a'), file('b.csv', 'b')], force: false, maxBytes: 1 << 20 });
    expect(out.map((c) => [c.file, c.status, c.created])).toEqual([['a.csv', 'queued', true], ['b.csv', 'queued', true]]);
    expect(d.queued).toEqual(out.map((c) => c.importId));
    const again = await uploadFiles(d, { memberId: 'S-1', uploadedBy: u1, files: [file('a2.csv', 'a')], force: false, maxBytes: 1 << 20 });
    expect(again).toEqual([{ importId: out[0]!.importId, file: 'a.csv', status: 'queued', created: false }]);
    expect(d.counted).toEqual(['created', 'created', 'existing']);
  });

  it('stores nothing of a request with one unreadable file, and names the file', async () => {
    const d = deps();
    const before = await store.imports.countByStatus();
    const empty = { name: 'empty.csv', bytes: new Uint8Array(0) };
    const err = await uploadFiles(d, { memberId: 'S-2', uploadedBy: u1, files: [file('ok.csv', 'ok'), empty], force: false, maxBytes: 1 << 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('empty');
    expect((err as ImportError).message).toBe('empty.csv: the file is empty (0 bytes); nothing in this request was stored (2 files), send the others again without it');
    expect(await store.imports.countByStatus()).toEqual(before);
    expect(await store.members.exists('S-2')).toBe(false);
    expect(d.counted).toEqual(['rejected']);
  });

  it('keeps an upload stored and queued in Postgres when the queue cannot be told (the reconciler queues it)', async () => {
    const d = deps(true);
    const [c] = await uploadFiles(d, { memberId: 'S-3', uploadedBy: u1, files: [file('c.csv', 'c')], force: false, maxBytes: 1 << 20 });
    expect((await store.imports.get(c!.importId))?.status).toBe('queued');
    expect(d.warned).toEqual([{ importId: c!.importId, err: { message: 'Redis is down' } }]);
  });
});

function rec(name: string, endDate: string | null, hours: number): CpdRecord {
  return {
    activityName: name, activityType: 'Course', twaves: 'T', startDate: endDate, endDate, targetDate: null, hours,
    description: null, reflection: 'Learnt how to do it better', ukSpec: [], skillType: null, objective: null,
    status: 'completed', extras: {}, raw: {}, gaps: [], source: { file: 'log.csv', row: 2 },
  };
}

describe('member years and exports', () => {
  beforeAll(async () => {
    const [c] = await uploadFiles(deps(), { memberId: 'Y-1', uploadedBy: u1, files: [file('log.csv', 'y')], force: false, maxBytes: 1 << 20 });
    const records = [rec('In 2024', '2024-05-01', 12), rec('In 2023', '2023-05-01', 3), rec('Undated', null, 2)];
    const result: ImportResult = {
      file: 'log.csv', sha256: 'x', format: 'csv', records, fileGaps: [], mapping: [],
      summary: { records: 3, completed: 3, planned: 0, recordsWithGaps: 0, gaps: { error: 0, warning: 0, info: 0 }, totalHours: 17 },
    };
    expect(await storeImportResult(store, c!.importId, result)).toBe(true);
  });

  it('applies active by default, a stored status after it is set, with an audit line of old and new', async () => {
    expect(await appliedStatus(store, 'Y-1', 2024)).toEqual({ value: 'active', source: 'default', note: null, setBy: null, setAt: null });
    const reviewer = (await createUser(store, { role: 'reviewer', name: 'Reviewer' })).user.id;
    const set = await setActivityStatus(store, 'Y-1', 2024, 'reduced', 'part-time', reviewer);
    expect(set).toMatchObject({ memberId: 'Y-1', year: 2024, activityStatus: 'reduced', note: 'part-time', setBy: reviewer });
    expect(await appliedStatus(store, 'Y-1', 2024)).toMatchObject({ value: 'reduced', source: 'setting', note: 'part-time', setBy: reviewer });
    await setActivityStatus(store, 'Y-1', 2024, 'active', null, u1);
    const lines = await store.audit.list('member', 'Y-1');
    expect(lines.map((l) => [l.action, l.detail])).toEqual([
      ['member.status', { year: 2024, oldValue: null, newValue: 'reduced', note: 'part-time' }],
      ['member.status', { year: 2024, oldValue: 'reduced', newValue: 'active', note: null }],
    ]);
  });

  it('reviews the year with the status that applies', async () => {
    const r = await memberReview(store, 'Y-1', 2024);
    expect(r.memberId).toBe('Y-1');
    expect(r.year).toBe(2024);
    expect(r.activityStatus.value).toBe('active');
    expect(r.review.activityStatus).toBe('active');
    expect(r.review.year).toBe(2024);
  });

  it("exports the year's records and the undated ones, named after the member and year", async () => {
    expect(isExportFormat('csv')).toBe(true);
    expect(isExportFormat('pdf')).toBe(false);
    const json = await exportMemberYear(store, 'Y-1', 2024, 'json');
    expect(json.fileName).toBe('Y-1-2024-records.json');
    expect(json.contentType).toBe('application/json');
    const parsed = JSON.parse(json.body as string) as unknown;
    const names = JSON.stringify(parsed);
    expect(names).toContain('In 2024');
    expect(names).toContain('Undated');
    expect(names).not.toContain('In 2023');
    const xlsx = await exportMemberYear(store, 'Y-1', 2024, 'xlsx');
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.body).toBeInstanceOf(Uint8Array);
  });
});
