/**
 * The store against both drivers: PGlite (embedded, in a temp folder) and the real PostgreSQL server (a private
 * database per run, dropped afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CpdRecord, ImportResult } from '../../src/domain/index.js';
import { lockDataDir } from '../../src/store/db.js';
import { recordYear } from '../../src/domain/index.js';
import { isStoreUnavailable, openStore, sha256Hex, type Store } from '../../src/store/store.js';
import { createTestDatabase } from '../helpers/service.js';
import { listMemberRecords, reviseRecord } from '../../src/services/records.js';
import { storeImportResult } from '../../src/services/results.js';
import { createImport } from '../../src/services/uploads.js';
import { createUser, revokeUser } from '../../src/services/users.js';

function rec(name: string, endDate: string | null, extra: Partial<CpdRecord> = {}): CpdRecord {
  return {
    activityName: name,
    activityType: 'Webinar',
    twaves: 'T',
    startDate: endDate,
    endDate,
    targetDate: null,
    hours: 1.5,
    description: null,
    reflection: 'Learnt X',
    ukSpec: ['A1'],
    skillType: null,
    objective: null,
    status: 'completed',
    extras: { Ref: '7' },
    raw: {},
    gaps: [{ field: 'description', code: 'missing', severity: 'warning', message: 'no description' }],
    source: { file: 'log.csv', row: 2, cells: { activityName: 'A2' } },
    ...extra,
  };
}

function result(records: CpdRecord[]): ImportResult {
  return {
    file: 'log.csv',
    sha256: 'x',
    format: 'csv',
    records,
    fileGaps: [{ field: null, code: 'skipped', severity: 'info', message: 'totals row skipped', raw: 'Total' }],
    mapping: [],
    summary: { records: records.length, completed: records.length, planned: 0, recordsWithGaps: records.length, gaps: { error: 0, warning: records.length, info: 0 }, totalHours: 1.5 * records.length },
  };
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

const drivers: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
  [
    'pglite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cpd-store-'));
      const store = await openStore({ dataDir: dir });
      return { store, cleanup: async () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'pg',
    async () => {
      const db = await createTestDatabase('store');
      const store = await openStore({ url: db.url });
      return { store, cleanup: db.drop };
    },
  ],
];

describe.each(drivers)('store on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('creates users with hashed keys, finds them by key, revokes them', async () => {
    const { user, key } = await createUser(store, { role: 'member', memberId: 'M-1', name: 'Ann' });
    expect(key).toMatch(/^cpd_[A-Za-z0-9_-]{43}$/);
    expect(user).toMatchObject({ role: 'member', memberId: 'M-1', name: 'Ann' });
    expect(await store.users.findByKey(key)).toEqual(user);
    expect(await store.users.findByKey(`${key}x`)).toBeNull();
    expect(await store.members.exists('M-1')).toBe(true);
    const rows = await store.db.execute(`select key_hash from users where id = '${user.id}'` as never);
    expect(JSON.stringify(rows)).toContain(sha256Hex(key));
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(await revokeUser(store, user.id, null)).toBe(true);
    expect(await revokeUser(store, user.id, null)).toBe(false);
    expect(await store.users.findByKey(key)).toBeNull();
    await expect(createUser(store, { role: 'member' })).rejects.toThrow('member id');
    await expect(createUser(store, { role: 'staff', memberId: 'M-1' })).rejects.toThrow('not tied');
    await expect(createUser(store, { role: 'member', memberId: 'bad id' })).rejects.toThrow('member id');
    expect((await store.audit.list('user', user.id)).map((a) => a.action)).toEqual(['user.create', 'user.revoke']);
  });

  it('stores bytes once per content, returns the existing import for the same member unless forced', async () => {
    const b = bytes('a,b\n1,2\n');
    const sha = sha256Hex(b);
    const first = await createImport(store, { memberId: 'M-2', uploadedBy: null, fileName: 'a.csv', bytes: b, sha256: sha, force: false });
    expect(first).toMatchObject({ file: 'a.csv', status: 'queued', created: true });
    const again = await createImport(store, { memberId: 'M-2', uploadedBy: null, fileName: 'renamed.csv', bytes: b, sha256: sha, force: false });
    expect(again).toEqual({ importId: first.importId, file: 'a.csv', status: 'queued', created: false });
    const forced = await createImport(store, { memberId: 'M-2', uploadedBy: null, fileName: 'a.csv', bytes: b, sha256: sha, force: true });
    expect(forced.created).toBe(true);
    expect(forced.importId).not.toBe(first.importId);
    const other = await createImport(store, { memberId: 'M-3', uploadedBy: null, fileName: 'a.csv', bytes: b, sha256: sha, force: false });
    expect(other.created).toBe(true);
    const input = await store.imports.loadInput(other.importId);
    expect(Buffer.from(input!.bytes).toString('utf8')).toBe('a,b\n1,2\n');
    expect(input).toMatchObject({ importId: other.importId, fileName: 'a.csv', status: 'queued' });
    const files = (await store.db.execute(`select count(*)::int as n from files where sha256 = '${sha}'` as never)) as unknown as { rows: { n: number }[] };
    expect(files.rows[0]!.n).toBe(1);
    expect(await store.imports.loadInput('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('concurrent uploads of the same content for one member create one import', async () => {
    const b = bytes('same content for a race\n');
    const sha = sha256Hex(b);
    const all = await Promise.all(
      Array.from({ length: 8 }, () => createImport(store, { memberId: 'M-race', uploadedBy: null, fileName: 'r.csv', bytes: b, sha256: sha, force: false })),
    );
    expect(new Set(all.map((a) => a.importId)).size).toBe(1);
    expect(all.filter((a) => a.created).length).toBe(1);
  });

  it('stores a result replacing any earlier one (a retry never duplicates), in source order', async () => {
    const b = bytes('result test');
    const imp = await createImport(store, { memberId: 'M-4', uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha256Hex(b), force: false });
    expect(await store.imports.markProcessing(imp.importId)).toBe(true);
    await store.imports.setProgress(imp.importId, 55);
    expect((await store.imports.get(imp.importId))!.progress).toBe(55);
    expect(await storeImportResult(store, imp.importId, result([rec('One', '2023-05-01'), rec('Two', '2024-02-03')]))).toBe(true);
    expect(await storeImportResult(store, imp.importId, result([rec('One', '2023-05-01'), rec('Two', '2024-02-03'), rec('Three', null, { status: 'planned', targetDate: '2025-01-01', endDate: null, startDate: null })]))).toBe(true);
    const recs = await store.records.listForImport(imp.importId);
    expect(recs.map((r) => r.activityName)).toEqual(['One', 'Two', 'Three']);
    const { id, importId, ...first } = recs[0]!;
    expect(importId).toBe(imp.importId);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).toEqual(rec('One', '2023-05-01'));
    expect(Object.keys(recs[0]!)).toEqual(['id', 'importId', 'activityName', 'activityType', 'twaves', 'startDate', 'endDate', 'targetDate', 'hours', 'description', 'reflection', 'ukSpec', 'skillType', 'objective', 'status', 'extras', 'raw', 'gaps', 'source']);
    const view = await store.imports.get(imp.importId);
    expect(view).toMatchObject({ status: 'done', progress: 100, attempts: 1, error: null, format: 'csv', file: 'log.csv', memberId: 'M-4' });
    expect(view!.summary!.records).toBe(3);
    expect(view!.fileGaps).toEqual([{ field: null, code: 'skipped', severity: 'info', message: 'totals row skipped', raw: 'Total' }]);
    // finished imports are not taken up again
    expect(await store.imports.markProcessing(imp.importId)).toBe(false);
    await store.imports.markFailed(imp.importId, 'corrupt', 'x');
    expect((await store.imports.get(imp.importId))!.status).toBe('done');
    const exported = await store.imports.getResult(imp.importId);
    expect(exported!.records.length).toBe(3);
    expect(exported!.records[0]).toEqual(rec('One', '2023-05-01'));
  });

  it('lists a member’s records by year from the latest import of each file', async () => {
    const b1 = bytes('member file 1');
    const a = await createImport(store, { memberId: 'M-5', uploadedBy: null, fileName: 'f1.csv', bytes: b1, sha256: sha256Hex(b1), force: false });
    await storeImportResult(store, a.importId, result([rec('Old A', '2023-01-10'), rec('Old B', '2024-01-10')]));
    const a2 = await createImport(store, { memberId: 'M-5', uploadedBy: null, fileName: 'f1.csv', bytes: b1, sha256: sha256Hex(b1), force: true });
    await storeImportResult(store, a2.importId, result([rec('New A', '2023-01-10'), rec('New B', '2024-01-10')]));
    const b2 = bytes('member file 2');
    const c = await createImport(store, { memberId: 'M-5', uploadedBy: null, fileName: 'f2.csv', bytes: b2, sha256: sha256Hex(b2), force: false });
    await storeImportResult(store, c.importId, result([rec('Other', '2024-06-01')]));
    expect((await listMemberRecords(store, 'M-5')).map((r) => r.activityName)).toEqual(['New A', 'New B', 'Other']);
    expect((await listMemberRecords(store, 'M-5', 2024)).map((r) => r.activityName)).toEqual(['New B', 'Other']);
    expect(await listMemberRecords(store, 'M-5', 2022)).toEqual([]);
    expect(await listMemberRecords(store, 'nobody')).toEqual([]);
  });

  it('a forced re-import of the same content keeps reviewers’ corrections where the records read the same (issue 4 finding)', async () => {
    const b = bytes('carry reviews');
    const sha = sha256Hex(b);
    const first = await createImport(store, { memberId: 'M-7', uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha, force: false });
    await storeImportResult(store, first.importId, result([rec('One', '2024-05-01'), rec('Two', '2024-06-01')]));
    const [one] = await store.records.listForImport(first.importId);
    await reviseRecord(store, one!.id, 'reviewer-1', (cur) => ({
      record: { ...cur.record, hours: 3, gaps: [...cur.record.gaps, { field: 'hours', code: 'corrected', severity: 'info', message: 'was 1.5 h' }] },
      acceptances: [],
      audit: { action: 'record.correct', detail: { field: 'hours', oldValue: 1.5, newValue: 3, reason: 'certificate says 3 h' } },
    }));

    // Same content again, forced: read the same, so record 1 keeps its correction, its original and its audit trail.
    const second = await createImport(store, { memberId: 'M-7', uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha, force: true });
    await storeImportResult(store, second.importId, result([rec('One', '2024-05-01'), rec('Two', '2024-06-01')]));
    const now = await store.records.listForImport(second.importId);
    expect(now.map((r) => [r.activityName, r.hours])).toEqual([['One', 3], ['Two', 1.5]]);
    expect(now[0]!.gaps.map((g) => g.code)).toEqual(['missing', 'corrected']);
    expect((await store.records.get(now[0]!.id)) !== null).toBe(true);
    expect((await store.audit.listForRecord(now[0]!.id)).map((a) => [a.action, a.detail])).toEqual([
      ['record.correct', { field: 'hours', oldValue: 1.5, newValue: 3, reason: 'certificate says 3 h' }],
      ['record.carry', { fromRecord: one!.id, fromImport: first.importId }],
    ]);
    expect((await store.imports.get(second.importId))!.fileGaps).toEqual(result([]).fileGaps);
    expect((await store.imports.get(second.importId))!.summary!.totalHours).toBe(4.5);
    expect((await listMemberRecords(store, 'M-7')).map((r) => r.hours)).toEqual([3, 1.5]);

    // Read differently a third time (the importer changed): not carried, and a file-level gap says so.
    const third = await createImport(store, { memberId: 'M-7', uploadedBy: null, fileName: 'log.csv', bytes: b, sha256: sha, force: true });
    await storeImportResult(store, third.importId, result([rec('One (renamed)', '2024-05-01'), rec('Two', '2024-06-01')]));
    expect((await store.records.listForImport(third.importId)).map((r) => r.hours)).toEqual([1.5, 1.5]);
    expect((await store.imports.get(third.importId))!.fileGaps!.at(-1)).toEqual({
      field: null,
      code: 'review_not_carried',
      severity: 'warning',
      message: `1 record corrected or accepted by a reviewer in the earlier import of this file (log.csv, ${(await store.imports.get(second.importId))!.createdAt.slice(0, 10)}, import ${second.importId}) is read differently now and was not carried over: compare with that import`,
    });
  });

  it('marks failures, finds unfinished imports, counts by status', async () => {
    const b = bytes('failing');
    const f = await createImport(store, { memberId: 'M-6', uploadedBy: null, fileName: 'f.xlsx', bytes: b, sha256: sha256Hex(b), force: false });
    await store.imports.markFailed(f.importId, 'corrupt', 'the workbook is damaged');
    expect(await store.imports.get(f.importId)).toMatchObject({ status: 'failed', error: { code: 'corrupt', message: 'the workbook is damaged' } });
    const unfinished = await store.imports.findUnfinished(0);
    expect(unfinished.some((u) => u.importId === f.importId)).toBe(false);
    const counts = await store.imports.countByStatus();
    expect(Object.keys(counts).sort()).toEqual(['done', 'failed', 'processing', 'queued']);
    expect(counts.failed).toBe(1);
    const q = await store.imports.findUnfinished(0);
    expect(q.length).toBe(counts.queued + counts.processing);
    expect(await store.imports.findUnfinished(3_600_000)).toEqual([]);
  });
});

describe('store helpers', () => {
  it('recordYear: end date, else start, else target', () => {
    expect(recordYear({ endDate: '2024-01-02', startDate: '2023-12-30', targetDate: null })).toBe(2024);
    expect(recordYear({ endDate: null, startDate: '2023-12', targetDate: null })).toBe(2023);
    expect(recordYear({ endDate: null, startDate: null, targetDate: '2025' })).toBe(2025);
    expect(recordYear({ endDate: null, startDate: null, targetDate: null })).toBeNull();
  });

  it('recognises an unreachable database', async () => {
    const store = await openStore({ url: 'postgres://postgres@127.0.0.1:1/none', migrate: false });
    const err = await store.ping().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStoreUnavailable(err)).toBe(true);
    expect(isStoreUnavailable(new Error('syntax error'))).toBe(false);
    await store.close();
  });

  it('one process at a time opens an embedded database folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpd-lock-'));
    const unlock = await lockDataDir(dir);
    // a lock held by a live process (the parent of this one) is refused
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'cpd-import.lock'), String(process.ppid));
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by process ${process.ppid}`);
    // a stale lock (no such process) is taken over
    await writeFile(join(dir, 'cpd-import.lock'), '999999999');
    const again = await lockDataDir(dir);
    await again();
    await unlock();
    await rm(dir, { recursive: true, force: true });
  });
});
