/** The `audit` table: who did what to which entity, appended, never changed. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db.js';
import { iso } from '../rows.js';
import { audit, users } from '../schema.js';

/** One line of a record's audit trail, with who did it. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  user: { id: string; name: string | null; role: Role } | null;
  detail: Record<string, unknown> | null;
}

/** Reads and writes `audit`. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Appends an audit line (ids, codes and values a reviewer typed; no file contents). */
  async append(entry: { userId: string | null; action: string; entity: string; entityId: string; detail?: Record<string, unknown> | null }): Promise<void> {
    await this.db.insert(audit).values({ ...entry, detail: entry.detail ?? null });
  }

  /** Copies the audit lines of record `fromId` (in their order, with their times and users) to record `toId`. */
  async copyRecordTrail(fromId: string, toId: string): Promise<void> {
    await this.db.execute(sql`
      insert into audit (at, user_id, action, entity, entity_id, detail)
      select at, user_id, action, entity, ${toId}, detail from audit
      where entity = 'record' and entity_id = ${fromId} order by id`);
  }

  /** The audit trail of one record, oldest first, with the user behind each line (null for a deleted user). */
  async listForRecord(recordId: string): Promise<AuditEntry[]> {
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

  /** Audit lines about one entity, oldest first. */
  async list(entity: string, entityId: string): Promise<{ at: string; userId: string | null; action: string; detail: unknown }[]> {
    const rows = await this.db.select().from(audit).where(and(eq(audit.entity, entity), eq(audit.entityId, entityId))).orderBy(asc(audit.id));
    return rows.map((r) => ({ at: iso(r.at) ?? '', userId: r.userId, action: r.action, detail: r.detail }));
  }
}
