/**
 * Repositories: every read and write of the service's data (docs/DESIGN.md §3: "the only code that speaks SQL").
 * Works over either driver (`db.ts`). Timestamps come out as ISO 8601 strings (UTC).
 */
import { flagDuplicates } from '../pipeline/validate.js';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { CpdRecordSchema, type CpdRecord, type Gap, type ImportResult, type ImportSummary, type SourceRef, type TableMapping } from '../domain/index.js';
import type { Database, Db } from './db.js';
import { audit, files, imports, members, memberYears, records, users } from './schema.js';
import { applyAcceptances, type Acceptance } from '../review/acceptance.js';
import type { ActivityStatus } from '../pipeline/review.js';

export { ROLES, MEMBER_ID_PATTERN, type Role } from '../domain/roles.js';

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A copy of `value` whose strings hold no NUL character and no lone surrogate (each replaced by U+FFFD), which
 * PostgreSQL refuses in `text` and `jsonb`. Returns `value` itself when nothing needs replacing.
 */
export function storableText<T>(value: T): T {
  const json = JSON.stringify(value);
  if (!/\\u0000|\\ud[89ab]|\\ud[c-f]/i.test(json)) return value;
  return JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' ? v.replace(UNSTORABLE, '\ufffd') : v)) as T;
}
import { MEMBER_ID_PATTERN, type Role } from '../domain/roles.js';

/** Import statuses: `queued` (stored, waiting for a worker), `processing`, `done`, `failed` (error code kept). */
export const IMPORT_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
/** One of {@link IMPORT_STATUSES}. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];


/** A user as the service sees it (never the key or its hash). */
export interface User {
  id: string;
  name: string | null;
  role: Role;
  /** Set for role `member` (the member whose data the key reaches); null for the other roles. */
  memberId: string | null;
  createdAt: string;
}

/** An import as returned by the API (`GET /imports/:id`). `progress` is 0–100. */
export interface ImportView {
  importId: string;
  file: string;
  memberId: string;
  sha256: string;
  status: ImportStatus;
  progress: number;
  attempts: number;
  error: { code: string; message: string } | null;
  format: string | null;
  summary: ImportSummary | null;
  fileGaps: Gap[];
  createdAt: string;
  finishedAt: string | null;
  /**
   * Set in lists when a later done import of the same content for the same member replaces this one in the
   * member's records (a forced re-import): that import's id. Its records are kept but no longer counted.
   */
  supersededBy?: string;
}

/**
 * Worker-side writes (processing, results, failures) commit without waiting for the WAL flush
 * (`synchronous_commit = off` for that transaction only): a crash may lose the last few hundred milliseconds of
 * them, which only sends the import back to an earlier state that the stalled-job check or the reconciler takes up
 * again (results are replaced as a whole). Uploads keep the default, fully durable commit: a 202 means stored.
 */
async function relaxCommit(tx: Db): Promise<void> {
  await tx.execute(sql`set local synchronous_commit = off`);
}

/** A stored record: the CPD record with its id. */
export type StoredRecord = CpdRecord & { id: string; importId: string };

/** A member's activity status for a year (docs/domain/CPD.md §2 point 2); the default when none is stored is `active`. */
export type { ActivityStatus };

/** A stored activity-status setting for one member and year. */
export interface MemberYearSetting {
  memberId: string;
  year: number;
  activityStatus: ActivityStatus;
  note: string | null;
  /** User id of whoever set it. */
  setBy: string | null;
  setAt: string;
}

/** A record with what review needs: the computed gaps (acceptances not applied), the original, the acceptances. */
export interface ReviewableRecord {
  id: string;
  importId: string;
  memberId: string;
  /** The current record; its gaps as computed (acceptances not applied). */
  record: CpdRecord;
  /** The record as extracted (`data` without gaps and source, and its gaps), or null when never changed. */
  original: { data: Record<string, unknown>; gaps: Gap[] } | null;
  acceptances: Acceptance[];
  /** Last correction or acceptance (ISO 8601), or null. */
  reviewedAt: string | null;
  /** True when the import's mapping has an end-date column (so a missing end date was an empty cell, not a one-date log). */
  hasEndColumn: boolean;
}

/** What a revision of a record writes: the new record (gaps as computed), the acceptances, and the audit line. */
export interface RecordRevision {
  record: CpdRecord;
  acceptances: Acceptance[];
  audit: { action: string; detail: Record<string, unknown> };
}

/** One line of a record's audit trail, with who did it. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  user: { id: string; name: string | null; role: Role } | null;
  detail: Record<string, unknown> | null;
}

/** One file of an upload, as handed to {@link Store.createImport}. */
export interface NewImport {
  memberId: string;
  uploadedBy: string | null;
  fileName: string;
  bytes: Uint8Array;
  /** sha256 of `bytes`, lower-case hex. */
  sha256: string;
  /** Create a new import even when this member already imported the same content. */
  force: boolean;
}

/** Outcome of {@link Store.createImport}: the new import, or the member's existing one for the same content. */
export interface CreatedImport {
  importId: string;
  file: string;
  status: ImportStatus;
  created: boolean;
}

/** What a worker needs to run an import. */
export interface ImportJobInput {
  importId: string;
  fileName: string;
  status: ImportStatus;
  bytes: Uint8Array;
}

/** sha256 of a text, lower-case hex (API keys are stored this way: they are 256-bit random, so no slow hash). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A new API key: `cpd_` + 43 base64url characters (256 random bits). */
export function newApiKey(): string {
  return `cpd_${randomBytes(32).toString('base64url')}`;
}

/** Year an activity counts in: end date's, else start date's, else target date's (domain doc §2, our choice). */
export function recordYear(r: Pick<CpdRecord, 'endDate' | 'startDate' | 'targetDate'>): number | null {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : Number(d.slice(0, 4));
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

/**
 * True when `e` (or an error it wraps) says the database cannot be reached: connection refused or lost, server
 * shutting down, too many connections, connect timeout, or a closed embedded database. The HTTP layer answers 503.
 */
export function isStoreUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur !== null && typeof cur === 'object' && depth < 5; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof err.code === 'string' && (CONNECTION_CODES.has(err.code) || err.code.startsWith('08'))) return true;
    if (typeof err.message === 'string' && /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|PGlite is closed|Cannot use a pool after calling end/i.test(err.message)) return true;
    if (Array.isArray(err.errors) && err.errors.some((x) => isStoreUnavailable(x))) return true;
    cur = err.cause;
  }
  return false;
}

/**
 * A one-line description of an error that is safe to log or show: drizzle's "Failed query: … params: …" messages
 * (which would carry record contents) are reduced to the driver's own message.
 */
export function describeError(e: unknown): string {
  const err = e as { message?: unknown; cause?: unknown; code?: unknown };
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  if (msg.startsWith('Failed query')) {
    const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
    const inner = typeof cause?.message === 'string' ? cause.message : typeof cause?.code === 'string' ? cause.code : 'unknown cause';
    return `database query failed: ${inner.split('\n')[0]}`;
  }
  return msg.split('\n')[0] ?? msg;
}

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

type ImportRow = typeof imports.$inferSelect;

function toView(row: ImportRow): ImportView {
  return {
    importId: row.id,
    file: row.fileName,
    memberId: row.memberId,
    sha256: row.fileSha256,
    status: row.status,
    progress: row.progress,
    attempts: row.attempts,
    error: row.errorCode === null ? null : { code: row.errorCode, message: row.errorMessage ?? '' },
    format: row.format,
    summary: (row.summary as ImportSummary | null) ?? null,
    fileGaps: ((row.fileGaps as Gap[] | null) ?? []).map(orderGap),
    createdAt: iso(row.createdAt) ?? '',
    finishedAt: iso(row.finishedAt),
  };
}

type RecordRow = typeof records.$inferSelect;

function toReviewable(row: RecordRow, mapping: unknown): ReviewableRecord {
  const { id: _id, importId: _imp, ...record } = toRecord(row, true);
  return {
    id: row.id,
    importId: row.importId,
    memberId: row.memberId,
    record,
    original: (row.original as ReviewableRecord['original']) ?? null,
    acceptances: (row.acceptances as Acceptance[] | null) ?? [],
    reviewedAt: iso(row.reviewedAt),
    hasEndColumn: ((mapping as TableMapping[] | null) ?? []).some((t) => t.columns.some((c) => c.field === 'endDate')),
  };
}

const RECORD_KEYS = Object.keys(CpdRecordSchema.shape) as (keyof CpdRecord)[];
const GAP_KEYS = ['field', 'code', 'severity', 'message', 'raw'] as const;

/** A gap with its keys in contract order (jsonb stores keys sorted by length). */
function orderGap(g: Gap): Gap {
  const out: Record<string, unknown> = {};
  for (const k of GAP_KEYS) if (g[k] !== undefined) out[k] = g[k];
  return out as Gap;
}

/**
 * Rebuilds a stored record with its keys in the contract's order (docs/DESIGN.md §2). Gaps a reviewer accepted are shown
 * as `accepted` gaps (see `applyAcceptances`) unless `pure` (the gaps as computed, for a correction to start from).
 */
function toRecord(row: RecordRow, pure = false): StoredRecord {
  const data = row.data as Record<string, unknown>;
  const out: Record<string, unknown> = { id: row.id, importId: row.importId };
  const acceptances = (row.acceptances as Acceptance[] | null) ?? [];
  for (const k of RECORD_KEYS) {
    if (k === 'gaps') out.gaps = (pure ? (row.gaps as Gap[]) : applyAcceptances(row.gaps as Gap[], acceptances)).map(orderGap);
    else if (k === 'source') out.source = row.source as SourceRef;
    else if (k in data) out[k] = data[k];
  }
  return out as StoredRecord;
}

/**
 * The service's repositories over one open database. Methods throw the driver's errors on infrastructure
 * failures (see {@link isStoreUnavailable}); "not found" is `null`, never an exception.
 */
export class Store {
  readonly db: Db;

  constructor(readonly database: Database) {
    this.db = database.db;
  }

  /** Resolves when the database answers. */
  ping(): Promise<void> {
    return this.database.ping();
  }

  /** Closes the database. */
  close(): Promise<void> {
    return this.database.close();
  }

  // ---- members and users ----

  /** Creates the member when missing (ids are chosen by the organisation). */
  async ensureMember(id: string, tx: Db = this.db): Promise<void> {
    await tx.insert(members).values({ id }).onConflictDoNothing();
  }

  /**
   * Creates a user with a new API key; returns the user and the key (shown once, only its sha256 is stored).
   * A `member` needs `memberId` (created when missing); the other roles take none.
   * @throws Error when the role and member id do not fit together or the member id is malformed.
   */
  async createUser(input: { role: Role; memberId?: string | null; name?: string | null; by?: string | null }): Promise<{ user: User; key: string }> {
    const memberId = input.memberId ?? null;
    if (input.role === 'member' && memberId === null) throw new Error('a member key needs a member id (--member ID)');
    if (input.role !== 'member' && memberId !== null) throw new Error(`a ${input.role} key is not tied to a member: leave out the member id`);
    if (memberId !== null && !MEMBER_ID_PATTERN.test(memberId)) throw new Error('a member id is 1–64 letters, digits, ".", "_" or "-"');
    const key = newApiKey();
    const id = randomUUID();
    const row = await this.db.transaction(async (tx) => {
      if (memberId !== null) await this.ensureMember(memberId, tx as unknown as Db);
      const [u] = await tx
        .insert(users)
        .values({ id, name: input.name ?? null, role: input.role, memberId, keyHash: sha256Hex(key) })
        .returning();
      await tx.insert(audit).values({ userId: input.by ?? null, action: 'user.create', entity: 'user', entityId: id, detail: { role: input.role, memberId } });
      return u!;
    });
    return { user: { id: row.id, name: row.name, role: row.role, memberId: row.memberId, createdAt: iso(row.createdAt) ?? '' }, key };
  }

  /** The active (not revoked) user holding `key`, or null. */
  async findUserByKey(key: string): Promise<User | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.keyHash, sha256Hex(key)), isNull(users.revokedAt)))
      .limit(1);
    return row ? { id: row.id, name: row.name, role: row.role, memberId: row.memberId, createdAt: iso(row.createdAt) ?? '' } : null;
  }

  /** Active users, oldest first. */
  async listUsers(): Promise<User[]> {
    const rows = await this.db.select().from(users).where(isNull(users.revokedAt)).orderBy(asc(users.createdAt), asc(users.id));
    return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, memberId: row.memberId, createdAt: iso(row.createdAt) ?? '' }));
  }

  /** Revokes a user's key; false when no active user has that id. */
  async revokeUser(id: string, by: string | null): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const done = await tx
        .update(users)
        .set({ revokedAt: new Date() })
        .where(and(eq(users.id, id), isNull(users.revokedAt)))
        .returning({ id: users.id });
      if (done.length === 0) return false;
      await tx.insert(audit).values({ userId: by, action: 'user.revoke', entity: 'user', entityId: id });
      return true;
    });
  }

  // ---- imports ----

  /**
   * Stores one uploaded file and its import row in ONE transaction (issue 4 §2): the bytes (deduplicated by
   * sha256), the member, the import (`queued`) and an audit line. When the member already imported the same
   * content and `force` is false, nothing is written and the existing import is returned (`created: false`).
   * Two uploads of the same content for the same member are serialised by an advisory lock, so they cannot both
   * create an import.
   */
  async createImport(input: NewImport): Promise<CreatedImport> {
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${input.memberId}:${input.sha256}`}))`);
      if (!input.force) {
        const [existing] = await tx
          .select({ id: imports.id, fileName: imports.fileName, status: imports.status })
          .from(imports)
          .where(and(eq(imports.memberId, input.memberId), eq(imports.fileSha256, input.sha256)))
          .orderBy(desc(imports.createdAt))
          .limit(1);
        if (existing) return { importId: existing.id, file: existing.fileName, status: existing.status, created: false };
      }
      await this.ensureMember(input.memberId, tx);
      await tx.insert(files).values({ sha256: input.sha256, bytes: input.bytes, size: input.bytes.byteLength }).onConflictDoNothing();
      const id = randomUUID();
      await tx.insert(imports).values({
        id,
        memberId: input.memberId,
        uploadedBy: input.uploadedBy,
        fileSha256: input.sha256,
        fileName: input.fileName,
        status: 'queued',
      });
      await tx.insert(audit).values({
        userId: input.uploadedBy,
        action: 'import.create',
        entity: 'import',
        entityId: id,
        detail: { memberId: input.memberId, sha256: input.sha256, size: input.bytes.byteLength, force: input.force },
      });
      return { importId: id, file: input.fileName, status: 'queued' as const, created: true };
    });
  }

  /** An import by id, or null. */
  async getImport(id: string): Promise<ImportView | null> {
    const [row] = await this.db.select().from(imports).where(eq(imports.id, id)).limit(1);
    return row ? toView(row) : null;
  }

  /** The import's file name, status and bytes for a worker, or null when the import does not exist. */
  async loadImportInput(id: string): Promise<ImportJobInput | null> {
    const [row] = await this.db
      .select({ importId: imports.id, fileName: imports.fileName, status: imports.status, bytes: files.bytes })
      .from(imports)
      .innerJoin(files, eq(files.sha256, imports.fileSha256))
      .where(eq(imports.id, id))
      .limit(1);
    return row ? { ...row, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
  }

  /**
   * Marks an import `processing` (attempts + 1, progress 10) unless it is already `done` or `failed`.
   * @returns false when the import is finished (or gone): the worker then has nothing to do.
   */
  async markProcessing(id: string): Promise<boolean> {
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      await relaxCommit(tx);
      const rows = await tx
        .update(imports)
        .set({ status: 'processing', progress: 10, attempts: sql`${imports.attempts} + 1`, updatedAt: new Date() })
        .where(and(eq(imports.id, id), inArray(imports.status, ['queued', 'processing'])))
        .returning({ id: imports.id });
      return rows.length > 0;
    });
  }

  /** Sets the progress (0–100) of an import that is processing. */
  async setProgress(id: string, progress: number): Promise<void> {
    await this.db
      .update(imports)
      .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updatedAt: new Date() })
      .where(and(eq(imports.id, id), eq(imports.status, 'processing')));
  }

  /**
   * Stores the result of an import in ONE transaction that replaces any earlier result (issue 4 §3: a retry never
   * duplicates): locks the import row, deletes its records, inserts the new ones, sets `done` with the summary,
   * file gaps and mapping. Concurrent calls for one import are serialised by the row lock; the last one wins whole.
   * Reviewers' work on an earlier import of the same content for the same member (a forced re-import replaces it
   * in the member's view) is carried over: see {@link carryReviews}.
   * @returns false when the import does not exist.
   */
  async storeResult(id: string, input: ImportResult): Promise<boolean> {
    // NUL characters and lone surrogates from a file cannot go into jsonb: replace them (U+FFFD) rather than fail.
    const result = storableText(input);
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      await relaxCommit(tx);
      const [row] = await tx
        .select({ id: imports.id, memberId: imports.memberId, sha: imports.fileSha256 })
        .from(imports)
        .where(eq(imports.id, id))
        .for('update');
      if (!row) return false;
      await tx.delete(records).where(eq(records.importId, id));
      let summary = result.summary;
      const fileGaps = [...result.fileGaps];
      if (result.records.length > 0) {
        const rows = result.records.map((r, position) => {
          const { gaps, source, ...data } = r;
          return { id: randomUUID(), position, year: recordYear(r), data, gaps, source };
        });
        // One parameter for all rows (a jsonb array): far cheaper to send and parse than 9 parameters per row.
        await tx.execute(sql`
          insert into records (id, import_id, member_id, position, year, data, gaps, source)
          select x.id, ${id}, ${row.memberId}, x.position, x.year, x.data, x.gaps, x.source
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(id text, position integer, year integer, data jsonb, gaps jsonb, source jsonb)`);
        const carried = await carryReviews(tx, { ...row, importId: id }, rows);
        if (carried.notice !== null) fileGaps.push(carried.notice);
        if (carried.carried > 0) {
          const { summarise } = await import('../pipeline/import.js');
          const all = await tx.select().from(records).where(eq(records.importId, id)).orderBy(asc(records.position));
          summary = summarise(all.map((r) => toRecord(r)));
        }
      }
      await tx
        .update(imports)
        .set({
          status: 'done',
          progress: 100,
          errorCode: null,
          errorMessage: null,
          format: result.format,
          summary,
          fileGaps,
          mapping: result.mapping,
          updatedAt: new Date(),
          finishedAt: new Date(),
        })
        .where(eq(imports.id, id));
      return true;
    });
  }

  /** Marks an import `failed` with an error code and a one-line message (unless it is already `done`). */
  async markFailed(id: string, code: string, message: string): Promise<void> {
    await this.db
      .update(imports)
      .set({ status: 'failed', errorCode: code, errorMessage: message, progress: 100, updatedAt: new Date(), finishedAt: new Date() })
      .where(and(eq(imports.id, id), inArray(imports.status, ['queued', 'processing'])));
  }

  /**
   * Imports still `queued` or `processing` whose row has not changed for `olderThanMs`, oldest first: candidates
   * for re-queueing when their job is missing from Redis (Postgres is the source of truth).
   */
  async findUnfinishedImports(olderThanMs: number, limit = 500): Promise<{ importId: string; status: ImportStatus; attempts: number }[]> {
    const before = new Date(Date.now() - olderThanMs);
    const rows = await this.db
      .select({ importId: imports.id, status: imports.status, attempts: imports.attempts })
      .from(imports)
      .where(and(inArray(imports.status, ['queued', 'processing']), lt(imports.updatedAt, before)))
      .orderBy(asc(imports.updatedAt))
      .limit(limit);
    return rows;
  }

  /** Touches an import's `updated_at` (after re-queueing it, so the reconciler leaves it alone for a while). */
  async touchImport(id: string): Promise<void> {
    await this.db.update(imports).set({ updatedAt: new Date() }).where(eq(imports.id, id));
  }

  /** Number of imports in each status (every status present, 0 when none). */
  async countImportsByStatus(): Promise<Record<ImportStatus, number>> {
    const rows = await this.db.select({ status: imports.status, n: count() }).from(imports).groupBy(imports.status);
    const out: Record<ImportStatus, number> = { queued: 0, processing: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  // ---- records ----

  /** The records of one import, in source order. */
  async listImportRecords(importId: string, page?: { limit: number; offset: number }): Promise<StoredRecord[]> {
    const q = this.db.select().from(records).where(eq(records.importId, importId)).orderBy(asc(records.position));
    const rows = page === undefined ? await q : await q.limit(page.limit).offset(page.offset);
    return rows.map((r) => toRecord(r));
  }

  /** The file-level part of a done import (for exports): `ImportResult` without records, or null. */
  async getImportResult(importId: string): Promise<ImportResult | null> {
    const [row] = await this.db.select().from(imports).where(eq(imports.id, importId)).limit(1);
    if (!row || row.status !== 'done' || row.format === null) return null;
    const recs = await this.listImportRecords(importId);
    return {
      file: row.fileName,
      sha256: row.fileSha256,
      format: row.format as ImportResult['format'],
      records: recs.map(({ id: _id, importId: _imp, ...r }) => r),
      fileGaps: ((row.fileGaps as Gap[] | null) ?? []).map(orderGap),
      mapping: (row.mapping as TableMapping[] | null) ?? [],
      summary: row.summary as ImportSummary,
    };
  }

  /**
   * A member's records from their done imports — for each distinct file content only the latest done import
   * counts (a forced re-import replaces the earlier one) — optionally only those counting in `year`
   * (see {@link recordYear}). Ordered by import time, then source order.
   */
  async listMemberRecords(memberId: string, year?: number): Promise<StoredRecord[]> {
    const latest = this.db
      .selectDistinctOn([imports.fileSha256], { id: imports.id })
      .from(imports)
      .where(and(eq(imports.memberId, memberId), eq(imports.status, 'done')))
      .orderBy(imports.fileSha256, desc(imports.createdAt))
      .as('latest');
    const conds = [eq(records.memberId, memberId)];
    if (year !== undefined) conds.push(eq(records.year, year));
    const rows = await this.db
      .select({ r: records })
      .from(records)
      .innerJoin(latest, eq(latest.id, records.importId))
      .innerJoin(imports, eq(imports.id, records.importId))
      .where(and(...conds))
      .orderBy(asc(imports.createdAt), asc(records.importId), asc(records.position));
    const list = rows.map((x) => toRecord(x.r));
    // A member's records from different imports (a log uploaded again in a new version, two exports of one log)
    // may repeat each other: flag them as duplicates here, so the view and the review criteria see it.
    if (new Set(list.map((r) => r.importId)).size > 1) {
      flagDuplicates(list, (r) => (r as StoredRecord).importId);
    }
    return list;
  }

  /**
   * Imports, newest first: a member's when `memberId` is given, else everyone's; one page of at most `limit`
   * (1–1000, default 200) after skipping `offset` (default 0).
   */
  async listImports(opts: { memberId?: string; limit?: number; offset?: number } = {}): Promise<ImportView[]> {
    // With each done import replaced by a later done import of the same content for the same member (service
    // trial 3: superseded imports looked current).
    const q = this.db.select({ row: imports, later: SUPERSEDED_BY }).from(imports);
    const rows = await (opts.memberId === undefined ? q : q.where(eq(imports.memberId, opts.memberId)))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(Math.max(1, Math.min(opts.limit ?? 200, 1000)))
      .offset(Math.max(0, opts.offset ?? 0));
    return rows.map(({ row, later }) => {
      const v = toView(row);
      if (row.status === 'done' && later !== null) v.supersededBy = later;
      return v;
    });
  }

  /** The id of the later done import of the same content for the same member that replaces this one, or null. */
  async supersededBy(importId: string): Promise<string | null> {
    const [row] = await this.db.select({ later: SUPERSEDED_BY }).from(imports).where(eq(imports.id, importId)).limit(1);
    return row?.later ?? null;
  }

  /** One record with its id and import id (accepted gaps shown as `accepted`), or null. */
  async getRecord(id: string): Promise<(StoredRecord & { memberId: string }) | null> {
    const [row] = await this.db.select().from(records).where(eq(records.id, id)).limit(1);
    return row ? { ...toRecord(row), memberId: row.memberId } : null;
  }

  /** One record as review needs it (computed gaps, original, acceptances), or null. */
  async getReviewableRecord(id: string): Promise<ReviewableRecord | null> {
    const [row] = await this.db.select().from(records).where(eq(records.id, id)).limit(1);
    if (!row) return null;
    const [imp] = await this.db.select({ mapping: imports.mapping }).from(imports).where(eq(imports.id, row.importId)).limit(1);
    return toReviewable(row, imp?.mapping ?? null);
  }

  /**
   * Changes one record in ONE transaction (issue 5 §3): locks the row, hands the current state to `revise` (a pure
   * function that returns the new record, acceptances and audit line, or throws to change nothing), keeps the
   * record as extracted in `original` the first time, stores the new record, its year and review time, appends the
   * audit line, and recomputes the import's summary. Concurrent revisions of one record are serialised.
   * @returns the record after the change (accepted gaps shown), or null when no record has this id
   * @throws whatever `revise` throws (nothing is written)
   */
  async reviseRecord(id: string, userId: string, revise: (current: ReviewableRecord) => RecordRevision): Promise<(StoredRecord & { memberId: string }) | null> {
    const { summarise } = await import('../pipeline/import.js');
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      const [row] = await tx.select().from(records).where(eq(records.id, id)).for('update');
      if (!row) return null;
      const [imp] = await tx.select({ mapping: imports.mapping }).from(imports).where(eq(imports.id, row.importId)).limit(1);
      const current = toReviewable(row, imp?.mapping ?? null);
      const rev = revise(current);
      const { gaps, source: _source, ...data } = rev.record;
      const original = row.original ?? { data: row.data, gaps: row.gaps };
      const [updated] = await tx
        .update(records)
        .set({ data, gaps, year: recordYear(rev.record), original, acceptances: rev.acceptances, reviewedAt: new Date() })
        .where(eq(records.id, id))
        .returning();
      await tx.insert(audit).values({ userId, action: rev.audit.action, entity: 'record', entityId: id, detail: rev.audit.detail });
      const all = await tx.select().from(records).where(eq(records.importId, row.importId)).orderBy(asc(records.position));
      await tx.update(imports).set({ summary: summarise(all.map((r) => toRecord(r))), updatedAt: new Date() }).where(eq(imports.id, row.importId));
      return { ...toRecord(updated!), memberId: updated!.memberId };
    });
  }

  /** The audit trail of one record, oldest first, with the user behind each line (null for a deleted user). */
  async listRecordAudit(recordId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .select({ id: audit.id, at: audit.at, action: audit.action, detail: audit.detail, userId: users.id, name: users.name, role: users.role })
      .from(audit)
      .leftJoin(users, eq(users.id, audit.userId))
      .where(and(eq(audit.entity, 'record'), eq(audit.entityId, recordId)))
      .orderBy(asc(audit.id));
    return rows.map((r) => ({
      id: r.id,
      at: iso(r.at) ?? '',
      action: r.action,
      user: r.userId === null || r.role === null ? null : { id: r.userId, name: r.name, role: r.role },
      detail: (r.detail as Record<string, unknown> | null) ?? null,
    }));
  }

  /** A member's stored activity status for a year, or null (then `active` applies). */
  async getMemberYear(memberId: string, year: number): Promise<MemberYearSetting | null> {
    const [row] = await this.db.select().from(memberYears).where(and(eq(memberYears.memberId, memberId), eq(memberYears.year, year))).limit(1);
    return row ? { memberId: row.memberId, year: row.year, activityStatus: row.activityStatus, note: row.note, setBy: row.setBy, setAt: iso(row.setAt) ?? '' } : null;
  }

  /**
   * Sets a member's activity status for a year (creating the member when missing) and appends an audit line with
   * the old and new status. Returns the stored setting.
   */
  async setMemberYear(memberId: string, year: number, activityStatus: ActivityStatus, note: string | null, by: string): Promise<MemberYearSetting> {
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      await this.ensureMember(memberId, tx);
      const [old] = await tx.select().from(memberYears).where(and(eq(memberYears.memberId, memberId), eq(memberYears.year, year))).for('update');
      const [row] = await tx
        .insert(memberYears)
        .values({ memberId, year, activityStatus, note, setBy: by })
        .onConflictDoUpdate({ target: [memberYears.memberId, memberYears.year], set: { activityStatus, note, setBy: by, setAt: new Date() } })
        .returning();
      await tx.insert(audit).values({
        userId: by,
        action: 'member.status',
        entity: 'member',
        entityId: memberId,
        detail: { year, oldValue: old?.activityStatus ?? null, newValue: activityStatus, note },
      });
      return { memberId: row!.memberId, year: row!.year, activityStatus: row!.activityStatus, note: row!.note, setBy: row!.setBy, setAt: iso(row!.setAt) ?? '' };
    });
  }

  /** True when the member exists. */
  async memberExists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: members.id }).from(members).where(eq(members.id, id)).limit(1);
    return row !== undefined;
  }

  /** Appends an audit line (no record contents). */
  async audit(entry: { userId: string | null; action: string; entity: string; entityId: string; detail?: Record<string, unknown> }): Promise<void> {
    await this.db.insert(audit).values({ ...entry, detail: entry.detail ?? null });
  }

  /** Audit lines about one entity, oldest first. */
  async listAudit(entity: string, entityId: string): Promise<{ at: string; userId: string | null; action: string; detail: unknown }[]> {
    const rows = await this.db.select().from(audit).where(and(eq(audit.entity, entity), eq(audit.entityId, entityId))).orderBy(asc(audit.id));
    return rows.map((r) => ({ at: iso(r.at) ?? '', userId: r.userId, action: r.action, detail: r.detail }));
  }
}

/**
 * For a row of `imports`: the id of the latest later done import of the same content for the same member (the one
 * that replaces it in the member's records), or null. Compared inside the database: a timestamp sent back from
 * JavaScript loses its microseconds, and an import then looked later than itself.
 */
// (Outer columns written out in full: drizzle leaves the table name off in a one-table query, and inside the
// subquery a bare column would mean the subquery's own.)
const SUPERSEDED_BY = sql<string | null>`(
  select later.id from imports later
  where later.member_id = "imports"."member_id" and later.file_sha256 = "imports"."file_sha256" and later.status = 'done'
    and later.created_at > "imports"."created_at" and later.id <> "imports"."id"
  order by later.created_at desc limit 1)`;

/** JSON with object keys sorted at every level: jsonb keeps its own key order, so compare through this. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/**
 * Carries reviewers' corrections and acceptances over from the latest earlier done import of the same file content
 * for the same member (the one a forced re-import replaces in the member's view; issue 4 trial finding: they were
 * lost). A reviewed record is carried to the new record at the same position when the new record was read exactly
 * as the old one was before review (same fields and gaps): it takes the reviewed values, gaps, acceptances, the
 * record as extracted and the review time, and its audit trail gets the old record's lines plus a `record.carry`
 * line naming where they came from. Reviewed records read differently now (the importer changed) are not carried;
 * a file-level gap says how many and where to find them. Runs inside the caller's transaction.
 * @returns how many were carried, and the file gap to add (null when every reviewed record was carried)
 */
async function carryReviews(
  tx: Db,
  now: { importId: string; memberId: string; sha: string },
  rows: readonly { id: string; position: number; data: unknown; gaps: unknown }[],
): Promise<{ carried: number; notice: Gap | null }> {
  const [prev] = await tx
    .select({ id: imports.id, createdAt: imports.createdAt, file: imports.fileName })
    .from(imports)
    // (Times compared inside the database, as in SUPERSEDED_BY: a JavaScript Date has no microseconds.)
    .where(and(eq(imports.memberId, now.memberId), eq(imports.fileSha256, now.sha), eq(imports.status, 'done'), sql`"imports"."created_at" < (select self.created_at from imports self where self.id = ${now.importId})`))
    .orderBy(desc(imports.createdAt))
    .limit(1);
  if (!prev) return { carried: 0, notice: null };
  const reviewed = await tx.select().from(records).where(and(eq(records.importId, prev.id), sql`${records.reviewedAt} is not null`));
  let carried = 0;
  for (const old of reviewed) {
    const target = rows[old.position];
    const asExtracted = (old.original as { data: unknown; gaps: unknown } | null) ?? { data: old.data, gaps: old.gaps };
    if (target === undefined || canonicalJson(asExtracted) !== canonicalJson({ data: target.data, gaps: target.gaps })) continue;
    await tx
      .update(records)
      .set({ data: old.data, gaps: old.gaps, year: old.year, original: old.original, acceptances: old.acceptances, reviewedAt: old.reviewedAt })
      .where(eq(records.id, target.id));
    await tx.execute(sql`
      insert into audit (at, user_id, action, entity, entity_id, detail)
      select at, user_id, action, entity, ${target.id}, detail from audit
      where entity = 'record' and entity_id = ${old.id} order by id`);
    await tx.insert(audit).values({ userId: null, action: 'record.carry', entity: 'record', entityId: target.id, detail: { fromRecord: old.id, fromImport: prev.id } });
    carried++;
  }
  const left = reviewed.length - carried;
  const when = iso(prev.createdAt)?.slice(0, 10) ?? '';
  const notice: Gap | null =
    left === 0
      ? null
      : {
          field: null,
          code: 'review_not_carried',
          severity: 'warning',
          message: `${left} record${left === 1 ? '' : 's'} corrected or accepted by a reviewer in the earlier import of this file (${prev.file}, ${when}, import ${prev.id}) ${left === 1 ? 'is' : 'are'} read differently now and ${left === 1 ? 'was' : 'were'} not carried over: compare with that import`,
        };
  return { carried, notice };
}

/**
 * Opens the store for the settings (a server when `url` is set, else PGlite in `dataDir`), migrated.
 */
export async function openStore(opts: { url?: string | undefined; dataDir?: string; migrate?: boolean; poolSize?: number }): Promise<Store> {
  const { openDatabase } = await import('./db.js');
  return new Store(await openDatabase(opts));
}
