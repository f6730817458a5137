/**
 * The `imports` table: one row per uploaded file and member, its status through the queue, and, when done, the
 * file-level part of its result (format, summary, file gaps, mapping). Reads and writes only.
 */
import { and, asc, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Gap, ImportResult, ImportSummary, ReadingRequest, ReadingUsed, TableMapping } from '../../domain/index.js';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db.js';
import { iso, orderGap, toRecord } from '../rows.js';
import { files, imports, records, users } from '../schema.js';

/** Import statuses: `queued` (stored, waiting for a worker), `processing`, `done`, `failed` (error code kept). */
export const IMPORT_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
/** One of {@link IMPORT_STATUSES}. */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

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
  /** Set on a version read again with a corrected mapping (`PUT /imports/:id/mapping`): the import it re-reads. */
  supersedes?: string;
  /**
   * Set when the import was withdrawn (`DELETE /imports/:id`): when (ISO 8601), by whom (null for a deleted user) and
   * why (null when no reason was given). It is kept, and its records count nowhere.
   */
  withdrawn?: { at: string; by: { id: string; name: string | null; role: Role } | null; reason: string | null };
  /** Set on a part of an upload (an e-mail's attachment, a file inside a zip; issue 15): the upload's import id. */
  parent?: string;
  /**
   * Set by `GET /imports/:id` on an upload that held other files: its parts, in order, each an import of its own
   * (`file` is the part's path inside the upload) with its status, error and summary.
   */
  parts?: ImportView[];
  /**
   * Set by `GET /imports/:id` with `parts`: what became of them (`partsOutcome` in src/services/parts.ts) — the
   * upload's own `status` is `done` once it is unpacked, whatever its parts gave.
   */
  partsOutcome?: PartsOutcome;
}

/**
 * What became of an upload's parts: how many there are, read (`done`), `failed` and not read yet (`unread`:
 * queued or processing); their records; `status` in one word — `reading` while any is unread, else `done` (none
 * failed), `partly_failed` or `failed` (all failed) — and `words`, as the page shows it ("done — 1 of 1 part failed").
 */
export interface PartsOutcome {
  total: number;
  done: number;
  failed: number;
  unread: number;
  records: number;
  status: 'reading' | 'done' | 'partly_failed' | 'failed';
  words: string;
}

/**
 * A part of an upload, as inserted: the upload (`parentId`), its place in it, and, for a part that cannot be imported
 * (a zip slip path, nested too deep), the error it is `failed` with at once.
 */
export interface NewPart {
  parentId: string;
  index: number;
  error?: { code: string; message: string };
}

/** What a worker needs to run an import: its file name, status, bytes, and what it is to be read with. */
export interface ImportJobInput {
  importId: string;
  fileName: string;
  /**
   * The name its records' `source.file` carries: the file name, or for a part of an upload (issue 15) the upload's
   * name and the part's path inside it, as the CLI labels it (`priya.eml › Li Wei CPD.zip/2026/q1.csv`).
   */
  sourceName: string;
  status: ImportStatus;
  bytes: Uint8Array;
  /** The options asked for this version (`PUT /imports/:id/mapping`), or null for the service's defaults. */
  reading: ReadingRequest | null;
  /** The user who uploaded the file or asked for this version (null from tools). */
  uploadedBy: string | null;
}

/** An existing import found for a member's file content. */
export interface ImportRef {
  importId: string;
  file: string;
  status: ImportStatus;
}

/** A current import and how its file was read (`ImportsRepository.listCurrentMappings`). */
export interface CurrentMapping {
  importId: string;
  memberId: string;
  sha256: string;
  file: string;
  /** ISO 8601. */
  createdAt: string;
  mapping: TableMapping[];
}

type ImportRow = typeof imports.$inferSelect;

/** The user who withdrew an import, as joined to its row. */
interface WithdrawnByRow {
  wName: string | null;
  wRole: Role | null;
}

/** The columns of an import's row and of the user who withdrew it (left join). */
const VIEW_COLUMNS = { row: imports, wName: users.name, wRole: users.role };

function toView(row: ImportRow, w: WithdrawnByRow = { wName: null, wRole: null }): ImportView {
  const v: ImportView = {
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
  if (row.supersedes !== null) v.supersedes = row.supersedes;
  if (row.parentId !== null) v.parent = row.parentId;
  if (row.withdrawnAt !== null) {
    v.withdrawn = {
      at: iso(row.withdrawnAt) ?? '',
      by: row.withdrawnBy === null || w.wRole === null ? null : { id: row.withdrawnBy, name: w.wName, role: w.wRole },
      reason: row.withdrawReason,
    };
  }
  return v;
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

/** Reads and writes `imports`. */
export class ImportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes a transaction-scoped advisory lock on one member's file content, so that two uploads of the same content
   * for the same member are serialised. Inside a transaction only.
   */
  async lockContent(memberId: string, sha256: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${memberId}:${sha256}`}))`);
  }

  /** The member's latest import of this content that was not withdrawn (any status), or null. */
  async findLatestForContent(memberId: string, sha256: string): Promise<ImportRef | null> {
    const [row] = await this.db
      .select({ importId: imports.id, file: imports.fileName, status: imports.status })
      .from(imports)
      .where(and(eq(imports.memberId, memberId), eq(imports.fileSha256, sha256), isNull(imports.withdrawnAt)))
      .orderBy(desc(imports.createdAt))
      .limit(1);
    return row ?? null;
  }

  /**
   * Inserts a `queued` import of a stored file; a version read again with a corrected mapping names the import it
   * `supersedes` and what it is to be read with (`reading`).
   */
  async insert(input: { id: string; memberId: string; uploadedBy: string | null; sha256: string; fileName: string; supersedes?: string; reading?: ReadingRequest; part?: NewPart }): Promise<void> {
    await this.db.insert(imports).values({
      id: input.id,
      memberId: input.memberId,
      uploadedBy: input.uploadedBy,
      fileSha256: input.sha256,
      fileName: input.fileName,
      status: input.part?.error === undefined ? 'queued' : 'failed',
      supersedes: input.supersedes ?? null,
      readOptions: input.reading ?? null,
      ...(input.part === undefined
        ? {}
        : {
            parentId: input.part.parentId,
            partIndex: input.part.index,
            ...(input.part.error === undefined ? {} : { errorCode: input.part.error.code, errorMessage: input.part.error.message, progress: 100, finishedAt: new Date() }),
          }),
    });
  }

  /** The parts of an upload (an e-mail's attachments and body, a zip's files), in their order in it. */
  async listParts(parentId: string): Promise<ImportView[]> {
    const rows = await this.db
      .select(VIEW_COLUMNS)
      .from(imports)
      .leftJoin(users, eq(users.id, imports.withdrawnBy))
      .where(eq(imports.parentId, parentId))
      .orderBy(asc(imports.partIndex));
    return rows.map((r) => toView(r.row, r));
  }

  /**
   * Marks an upload that holds other files `done` once its parts are imports of their own: `format` is the kind of
   * container (`zip`, `eml`, `msg`), the summary counts no records (the parts hold them), `fileGaps` says what it held.
   */
  async markUnpacked(id: string, format: string, fileGaps: Gap[]): Promise<void> {
    const summary: ImportSummary = { records: 0, completed: 0, planned: 0, recordsWithGaps: 0, gaps: { error: 0, warning: 0, info: 0 }, totalHours: 0 };
    await this.db
      .update(imports)
      .set({ status: 'done', progress: 100, errorCode: null, errorMessage: null, format, summary, fileGaps, mapping: [], updatedAt: new Date(), finishedAt: new Date() })
      .where(eq(imports.id, id));
  }

  /** An import by id, or null. */
  async get(id: string): Promise<ImportView | null> {
    const [found] = await this.db.select(VIEW_COLUMNS).from(imports).leftJoin(users, eq(users.id, imports.withdrawnBy)).where(eq(imports.id, id)).limit(1);
    return found ? toView(found.row, found) : null;
  }

  /** The import's file name, status, bytes and reading options for a worker, or null when the import does not exist. */
  async loadInput(id: string): Promise<ImportJobInput | null> {
    const [row] = await this.db
      .select({ importId: imports.id, fileName: imports.fileName, parentId: imports.parentId, status: imports.status, bytes: files.bytes, reading: imports.readOptions, uploadedBy: imports.uploadedBy })
      .from(imports)
      .innerJoin(files, eq(files.sha256, imports.fileSha256))
      .where(eq(imports.id, id))
      .limit(1);
    if (!row) return null;
    const { parentId, ...input } = row;
    const [parent] = parentId === null ? [] : await this.db.select({ fileName: imports.fileName }).from(imports).where(eq(imports.id, parentId)).limit(1);
    const sourceName = parent === undefined ? row.fileName : `${parent.fileName} › ${row.fileName}`;
    return { ...input, sourceName, reading: (row.reading as ReadingRequest | null) ?? null, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }

  /** What an import was asked to be read with and what it was read with (null each when not set), or null when it does not exist. */
  async getReading(id: string): Promise<{ requested: ReadingRequest | null; used: ReadingUsed | null } | null> {
    const [row] = await this.db.select({ requested: imports.readOptions, used: imports.optionsUsed }).from(imports).where(eq(imports.id, id)).limit(1);
    return row ? { requested: (row.requested as ReadingRequest | null) ?? null, used: (row.used as ReadingUsed | null) ?? null } : null;
  }

  /**
   * Marks an import withdrawn by user `by` with an optional reason, unless it already is.
   * @returns false when it was already withdrawn (or does not exist): nothing written
   */
  async withdraw(id: string, by: string, reason: string | null): Promise<boolean> {
    const done = await this.db
      .update(imports)
      .set({ withdrawnAt: new Date(), withdrawnBy: by, withdrawReason: reason, updatedAt: new Date() })
      .where(and(eq(imports.id, id), isNull(imports.withdrawnAt)))
      .returning({ id: imports.id });
    return done.length > 0;
  }

  /**
   * Marks an import `processing` (attempts + 1, progress 10) unless it is already `done` or `failed`.
   * @returns false when the import is finished (or gone): the worker then has nothing to do.
   */
  async markProcessing(id: string): Promise<boolean> {
    const rows = await this.db
      .update(imports)
      .set({ status: 'processing', progress: 10, attempts: sql`${imports.attempts} + 1`, updatedAt: new Date() })
      .where(and(eq(imports.id, id), inArray(imports.status, ['queued', 'processing'])))
      .returning({ id: imports.id });
    return rows.length > 0;
  }

  /** Sets the progress (0–100) of an import that is processing. */
  async setProgress(id: string, progress: number): Promise<void> {
    await this.db
      .update(imports)
      .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updatedAt: new Date() })
      .where(and(eq(imports.id, id), eq(imports.status, 'processing')));
  }

  /**
   * Locks an import's row until the transaction ends; returns its member, content, uploader and the options asked for
   * it, or null when it does not exist.
   */
  async lock(id: string): Promise<{ id: string; memberId: string; sha: string; uploadedBy: string | null; reading: ReadingRequest | null } | null> {
    const [row] = await this.db
      .select({ id: imports.id, memberId: imports.memberId, sha: imports.fileSha256, uploadedBy: imports.uploadedBy, reading: imports.readOptions })
      .from(imports)
      .where(eq(imports.id, id))
      .for('update');
    return row ? { ...row, reading: (row.reading as ReadingRequest | null) ?? null } : null;
  }

  /** Marks an import `done` with the file-level part of its result and, when given, the options it was read with. */
  async markDone(id: string, result: { format: ImportResult['format']; summary: ImportSummary; fileGaps: Gap[]; mapping: TableMapping[]; optionsUsed?: ReadingUsed }): Promise<void> {
    await this.db
      .update(imports)
      .set({ status: 'done', progress: 100, errorCode: null, errorMessage: null, ...result, updatedAt: new Date(), finishedAt: new Date() })
      .where(eq(imports.id, id));
  }

  /** Replaces a done import's summary (after its records changed). */
  async setSummary(id: string, summary: ImportSummary): Promise<void> {
    await this.db.update(imports).set({ summary, updatedAt: new Date() }).where(eq(imports.id, id));
  }

  /** The import's column mapping (`[]` when none is stored), or null when the import does not exist. */
  async getMapping(id: string): Promise<TableMapping[] | null> {
    const [row] = await this.db.select({ mapping: imports.mapping }).from(imports).where(eq(imports.id, id)).limit(1);
    return row ? ((row.mapping as TableMapping[] | null) ?? []) : null;
  }

  /**
   * The imports whose records count now — done, not withdrawn, not replaced by a later done import of the same content
   * for the same member — with their mapping: a member's when `memberId` is given, else everyone's; the newest
   * `limit` (1–5000, default 2000), newest first.
   */
  async listCurrentMappings(opts: { memberId?: string; limit?: number } = {}): Promise<CurrentMapping[]> {
    const where = and(eq(imports.status, 'done'), isNull(imports.withdrawnAt), sql`${imports.mapping} is not null`, sql`${SUPERSEDED_BY} is null`, opts.memberId === undefined ? undefined : eq(imports.memberId, opts.memberId));
    const rows = await this.db
      .select({ id: imports.id, memberId: imports.memberId, sha: imports.fileSha256, file: imports.fileName, createdAt: imports.createdAt, mapping: imports.mapping })
      .from(imports)
      .where(where)
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(Math.max(1, Math.min(opts.limit ?? 2000, 5000)));
    return rows.map((r) => ({ importId: r.id, memberId: r.memberId, sha256: r.sha, file: r.file, createdAt: iso(r.createdAt) ?? '', mapping: (r.mapping as TableMapping[] | null) ?? [] }));
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
  async findUnfinished(olderThanMs: number, limit = 500): Promise<{ importId: string; memberId: string; status: ImportStatus; attempts: number }[]> {
    const before = new Date(Date.now() - olderThanMs);
    return this.db
      .select({ importId: imports.id, memberId: imports.memberId, status: imports.status, attempts: imports.attempts })
      .from(imports)
      .where(and(inArray(imports.status, ['queued', 'processing']), lt(imports.updatedAt, before)))
      .orderBy(asc(imports.updatedAt))
      .limit(limit);
  }

  /** Touches an import's `updated_at` (after re-queueing it, so the reconciler leaves it alone for a while). */
  async touch(id: string): Promise<void> {
    await this.db.update(imports).set({ updatedAt: new Date() }).where(eq(imports.id, id));
  }

  /** Number of imports in each status (every status present, 0 when none). */
  async countByStatus(): Promise<Record<ImportStatus, number>> {
    const rows = await this.db.select({ status: imports.status, n: count() }).from(imports).groupBy(imports.status);
    const out: Record<ImportStatus, number> = { queued: 0, processing: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** A done import's result (file-level part and its records, accepted gaps shown), or null when it is not done. */
  async getResult(importId: string): Promise<ImportResult | null> {
    const [row] = await this.db.select().from(imports).where(eq(imports.id, importId)).limit(1);
    if (!row || row.status !== 'done' || row.format === null) return null;
    const recs = await this.db.select().from(records).where(eq(records.importId, importId)).orderBy(asc(records.position));
    return {
      file: row.fileName,
      sha256: row.fileSha256,
      format: row.format as ImportResult['format'],
      records: recs.map((r) => {
        const { id: _id, importId: _imp, ...rec } = toRecord(r);
        return rec;
      }),
      fileGaps: ((row.fileGaps as Gap[] | null) ?? []).map(orderGap),
      mapping: (row.mapping as TableMapping[] | null) ?? [],
      summary: row.summary as ImportSummary,
    };
  }

  /**
   * Imports, newest first: a member's when `memberId` is given, else everyone's; one page of at most `limit`
   * (1–1000, default 200) after skipping `offset` (default 0). Each done import replaced by a later done import of the
   * same content for the same member names it in `supersededBy`.
   */
  async list(opts: { memberId?: string; limit?: number; offset?: number } = {}): Promise<ImportView[]> {
    // (Service trial 3: superseded imports looked current.)
    const q = this.db.select({ ...VIEW_COLUMNS, later: SUPERSEDED_BY }).from(imports).leftJoin(users, eq(users.id, imports.withdrawnBy));
    const rows = await (opts.memberId === undefined ? q : q.where(eq(imports.memberId, opts.memberId)))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(Math.max(1, Math.min(opts.limit ?? 200, 1000)))
      .offset(Math.max(0, opts.offset ?? 0));
    return rows.map(({ row, later, wName, wRole }) => {
      const v = toView(row, { wName, wRole });
      if (row.status === 'done' && later !== null) v.supersededBy = later;
      return v;
    });
  }

  /** The id of the later done import of the same content for the same member that replaces this one, or null. */
  async supersededBy(importId: string): Promise<string | null> {
    const [row] = await this.db.select({ later: SUPERSEDED_BY }).from(imports).where(eq(imports.id, importId)).limit(1);
    return row?.later ?? null;
  }

  /**
   * The latest done import of the same content for the same member created before import `importId` (the one a
   * forced re-import replaces), or null.
   */
  async findReplaced(importId: string, memberId: string, sha256: string): Promise<{ importId: string; file: string; createdAt: string } | null> {
    const [prev] = await this.db
      .select({ id: imports.id, createdAt: imports.createdAt, file: imports.fileName })
      .from(imports)
      // (Times compared inside the database, as in SUPERSEDED_BY: a JavaScript Date has no microseconds.)
      .where(and(eq(imports.memberId, memberId), eq(imports.fileSha256, sha256), eq(imports.status, 'done'), sql`"imports"."created_at" < (select self.created_at from imports self where self.id = ${importId})`))
      .orderBy(desc(imports.createdAt))
      .limit(1);
    return prev ? { importId: prev.id, file: prev.file, createdAt: iso(prev.createdAt) ?? '' } : null;
  }
}
