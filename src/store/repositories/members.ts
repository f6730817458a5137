/**
 * The `members` table: the people whose records are imported (ids chosen by the organisation) and the professional
 * body whose review rules apply to each (null: the service's default).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db.js';
import { members } from '../schema.js';

/** Reads and writes `members`. */
export class MembersRepository {
  constructor(private readonly db: Db) {}

  /** Creates the member when missing. */
  async ensure(id: string): Promise<void> {
    await this.db.insert(members).values({ id }).onConflictDoNothing();
  }

  /** True when the member exists. */
  async exists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: members.id }).from(members).where(eq(members.id, id)).limit(1);
    return row !== undefined;
  }

  /**
   * The id of the member's body as stored: a rule set id, null when none is set, undefined when there is no such
   * member. `forUpdate` locks the row until the transaction ends.
   */
  async body(id: string, opts: { forUpdate?: boolean } = {}): Promise<string | null | undefined> {
    const q = this.db.select({ body: members.body }).from(members).where(eq(members.id, id));
    const [row] = opts.forUpdate === true ? await q.for('update') : await q.limit(1);
    return row === undefined ? undefined : row.body;
  }

  /** Stores the member's body (a rule set id, or null for the service's default). */
  async setBody(id: string, body: string | null): Promise<void> {
    await this.db.update(members).set({ body }).where(eq(members.id, id));
  }
}
