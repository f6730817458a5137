/** The `member_years` table: a member's activity status for one calendar year, as set by staff or a reviewer. */
import { and, asc, eq } from 'drizzle-orm';
import type { ActivityStatus } from '../../review/criteria/index.js';
import type { Db } from '../db.js';
import { iso } from '../rows.js';
import { memberYears } from '../schema.js';

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

function toSetting(row: typeof memberYears.$inferSelect): MemberYearSetting {
  return { memberId: row.memberId, year: row.year, activityStatus: row.activityStatus, note: row.note, setBy: row.setBy, setAt: iso(row.setAt) ?? '' };
}

/** Reads and writes `member_years`. */
export class MemberYearsRepository {
  constructor(private readonly db: Db) {}

  /** A member's stored activity status for a year, or null; `forUpdate` locks the row until the transaction ends. */
  async get(memberId: string, year: number, opts: { forUpdate?: boolean } = {}): Promise<MemberYearSetting | null> {
    const q = this.db.select().from(memberYears).where(and(eq(memberYears.memberId, memberId), eq(memberYears.year, year)));
    const [row] = opts.forUpdate === true ? await q.for('update') : await q.limit(1);
    return row ? toSetting(row) : null;
  }

  /** Every stored activity status of a member, by year (oldest first). */
  async listForMember(memberId: string): Promise<MemberYearSetting[]> {
    const rows = await this.db.select().from(memberYears).where(eq(memberYears.memberId, memberId)).orderBy(asc(memberYears.year));
    return rows.map(toSetting);
  }

  /** Stores (inserts or replaces) a member's activity status for a year; returns the stored setting. */
  async upsert(memberId: string, year: number, activityStatus: ActivityStatus, note: string | null, by: string): Promise<MemberYearSetting> {
    const [row] = await this.db
      .insert(memberYears)
      .values({ memberId, year, activityStatus, note, setBy: by })
      .onConflictDoUpdate({ target: [memberYears.memberId, memberYears.year], set: { activityStatus, note, setBy: by, setAt: new Date() } })
      .returning();
    return toSetting(row!);
  }
}
