/** The `members` table: the people whose records are imported (ids chosen by the organisation). */
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
}
