/**
 * The `records` table: the CPD records of done imports, one row per record in source order, with what reviewers
 * did to them (the record as extracted, acceptances, review time). Reads and writes only.
 */
import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { CpdRecord, Gap, SourceRef, TableMapping } from '../../domain/index.js';
import type { Acceptance } from '../../review/corrections/acceptance.js';
import type { Db } from '../db.js';
import { iso, toRecord, type RecordRow, type StoredRecord } from '../rows.js';
import { imports, records } from '../schema.js';

export type { StoredRecord };

/** A record with what a correction needs: the computed gaps (acceptances not applied), the original, the acceptances. */
export interface CorrectableRecord {
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

/** A record as inserted: its id, position in the source, counting year, fields (`data`), gaps and source. */
export interface NewRecordRow {
  id: string;
  position: number;
  year: number | null;
  data: Record<string, unknown>;
  gaps: Gap[];
  source: SourceRef;
}

/** What a reviewer did to a stored record, as stored: the values and gaps, the original, acceptances, exclusion, review time. */
export interface ReviewedRow {
  id: string;
  position: number;
  data: unknown;
  gaps: unknown;
  year: number | null;
  original: unknown;
  acceptances: unknown;
  excluded: unknown;
  reviewedAt: Date | null;
}

function toReviewable(row: RecordRow, mapping: TableMapping[] | null): CorrectableRecord {
  const { id: _id, importId: _imp, ...record } = toRecord(row, true);
  return {
    id: row.id,
    importId: row.importId,
    memberId: row.memberId,
    record,
    original: (row.original as CorrectableRecord['original']) ?? null,
    acceptances: (row.acceptances as Acceptance[] | null) ?? [],
    reviewedAt: iso(row.reviewedAt),
    hasEndColumn: (mapping ?? []).some((t) => t.columns.some((c) => c.field === 'endDate')),
  };
}

/** Reads and writes `records`. */
export class RecordsRepository {
  constructor(private readonly db: Db) {}

  /** Deletes the records of one import. */
  async deleteForImport(importId: string): Promise<void> {
    await this.db.delete(records).where(eq(records.importId, importId));
  }

  /** Inserts the records of one import (one parameter for all rows). */
  async insertMany(importId: string, memberId: string, rows: readonly NewRecordRow[]): Promise<void> {
    if (rows.length === 0) return;
    // One parameter for all rows (a jsonb array): far cheaper to send and parse than 9 parameters per row.
    await this.db.execute(sql`
      insert into records (id, import_id, member_id, position, year, data, gaps, source)
      select x.id, ${importId}, ${memberId}, x.position, x.year, x.data, x.gaps, x.source
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id text, position integer, year integer, data jsonb, gaps jsonb, source jsonb)`);
  }

  /** The records of one import, in source order (accepted gaps shown as `accepted`); one page when asked. */
  async listForImport(importId: string, page?: { limit: number; offset: number }): Promise<StoredRecord[]> {
    const q = this.db.select().from(records).where(eq(records.importId, importId)).orderBy(asc(records.position));
    const rows = page === undefined ? await q : await q.limit(page.limit).offset(page.offset);
    return rows.map((r) => toRecord(r));
  }

  /**
   * A member's records from their done imports — for each distinct file content only the latest done import
   * counts (a forced re-import or a re-read with a corrected mapping replaces the earlier one), and none when that
   * import was withdrawn — optionally only those stored with counting year `year` (and, with `withUndated`, those
   * with no counting year, which the review page lists under every year). Ordered by import time, then source order.
   */
  async listLatestForMember(memberId: string, year?: number, opts: { withUndated?: boolean; page?: { limit: number; offset: number } } = {}): Promise<StoredRecord[]> {
    const latest = this.latestImports(memberId);
    const q = this.db
      .select({ r: records })
      .from(records)
      .innerJoin(latest, eq(latest.id, records.importId))
      .innerJoin(imports, eq(imports.id, records.importId))
      .where(and(...this.memberConds(latest, memberId, year, opts.withUndated === true)))
      .orderBy(asc(imports.createdAt), asc(records.importId), asc(records.position));
    const rows = opts.page === undefined ? await q : await q.limit(opts.page.limit).offset(opts.page.offset);
    return rows.map((x) => toRecord(x.r));
  }

  /** How many records {@link listLatestForMember} lists, per import (in no order). */
  async countLatestForMember(memberId: string, year?: number, opts: { withUndated?: boolean } = {}): Promise<{ importId: string; records: number }[]> {
    const latest = this.latestImports(memberId);
    return this.db
      .select({ importId: records.importId, records: sql<number>`count(*)::int` })
      .from(records)
      .innerJoin(latest, eq(latest.id, records.importId))
      .where(and(...this.memberConds(latest, memberId, year, opts.withUndated === true)))
      .groupBy(records.importId);
  }

  private memberConds(latest: ReturnType<RecordsRepository['latestImports']>, memberId: string, year: number | undefined, withUndated: boolean) {
    const conds = [eq(records.memberId, memberId), isNull(latest.withdrawnAt)];
    if (year !== undefined) conds.push(withUndated ? or(eq(records.year, year), isNull(records.year))! : eq(records.year, year));
    return conds;
  }

  /**
   * How many of a member's records (as {@link listLatestForMember} lists them) count in each year (`year` null:
   * undated), and how many of those are completed activities not excluded. Ordered by year, undated last.
   */
  async countByYear(memberId: string): Promise<{ year: number | null; records: number; completed: number }[]> {
    const latest = this.latestImports(memberId);
    const rows = await this.db
      .select({
        year: records.year,
        records: sql<number>`count(*)::int`,
        completed: sql<number>`(count(*) filter (where ${records.data}->>'status' = 'completed' and ${records.excluded} is null))::int`,
      })
      .from(records)
      .innerJoin(latest, eq(latest.id, records.importId))
      .where(and(eq(records.memberId, memberId), isNull(latest.withdrawnAt)))
      .groupBy(records.year)
      .orderBy(sql`${records.year} asc nulls last`);
    return rows;
  }

  /** For each distinct file content of a member, the latest done import (with its withdrawal time, if any). */
  private latestImports(memberId: string) {
    return this.db
      .selectDistinctOn([imports.fileSha256], { id: imports.id, withdrawnAt: imports.withdrawnAt })
      .from(imports)
      .where(and(eq(imports.memberId, memberId), eq(imports.status, 'done')))
      .orderBy(imports.fileSha256, desc(imports.createdAt))
      .as('latest');
  }

  /** One record with its id, import id and member (accepted gaps shown as `accepted`), or null. */
  async get(id: string): Promise<(StoredRecord & { memberId: string }) | null> {
    const [row] = await this.db.select().from(records).where(eq(records.id, id)).limit(1);
    return row ? { ...toRecord(row), memberId: row.memberId } : null;
  }

  /**
   * One record as a correction needs it (computed gaps, original, acceptances, whether its import maps an end date),
   * or null. `forUpdate` locks the row until the transaction ends.
   */
  async getCorrectable(id: string, opts: { forUpdate?: boolean } = {}): Promise<CorrectableRecord | null> {
    const q = this.db.select().from(records).where(eq(records.id, id));
    const [row] = opts.forUpdate === true ? await q.for('update') : await q.limit(1);
    if (!row) return null;
    const [imp] = await this.db.select({ mapping: imports.mapping }).from(imports).where(eq(imports.id, row.importId)).limit(1);
    return toReviewable(row, (imp?.mapping as TableMapping[] | null) ?? null);
  }

  /**
   * Stores a reviewed version of a record: its fields and gaps, counting year, acceptances, exclusion (the record's
   * `excluded`, cleared when absent) and review time now; the record as extracted is kept in `original` the first
   * time. Returns the record after the change.
   */
  async saveRevision(id: string, rev: { record: CpdRecord; year: number | null; acceptances: Acceptance[] }): Promise<(StoredRecord & { memberId: string }) | null> {
    const [row] = await this.db.select({ data: records.data, gaps: records.gaps, original: records.original }).from(records).where(eq(records.id, id)).limit(1);
    if (!row) return null;
    const { gaps, source: _source, excluded, ...data } = rev.record;
    const original = row.original ?? { data: row.data, gaps: row.gaps };
    const [updated] = await this.db
      .update(records)
      .set({ data, gaps, year: rev.year, original, acceptances: rev.acceptances, excluded: excluded ?? null, reviewedAt: new Date() })
      .where(eq(records.id, id))
      .returning();
    return { ...toRecord(updated!), memberId: updated!.memberId };
  }

  /** The records of one import that a reviewer corrected, accepted a gap of or excluded, as stored. */
  async listReviewed(importId: string): Promise<ReviewedRow[]> {
    return this.db
      .select({ id: records.id, position: records.position, data: records.data, gaps: records.gaps, year: records.year, original: records.original, acceptances: records.acceptances, excluded: records.excluded, reviewedAt: records.reviewedAt })
      .from(records)
      .where(and(eq(records.importId, importId), sql`${records.reviewedAt} is not null`));
  }

  /** Writes a reviewed state (as read by {@link listReviewed}) onto record `id`, review time included. */
  async copyReview(id: string, from: ReviewedRow): Promise<void> {
    await this.db
      .update(records)
      .set({ data: from.data, gaps: from.gaps, year: from.year, original: from.original, acceptances: from.acceptances, excluded: from.excluded, reviewedAt: from.reviewedAt })
      .where(eq(records.id, id));
  }
}
