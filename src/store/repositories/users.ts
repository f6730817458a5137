/** The `users` table: API keys (stored as their sha256) and what they may reach. Reads and writes only. */
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db.js';
import { iso } from '../rows.js';
import { users } from '../schema.js';

/** A user as the service sees it (never the key or its hash). */
export interface User {
  id: string;
  name: string | null;
  role: Role;
  /** Set for role `member` (the member whose data the key reaches); null for the other roles. */
  memberId: string | null;
  createdAt: string;
}

/** sha256 of a text, lower-case hex (API keys are stored this way: they are 256-bit random, so no slow hash). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function toUser(row: typeof users.$inferSelect): User {
  return { id: row.id, name: row.name, role: row.role, memberId: row.memberId, createdAt: iso(row.createdAt) ?? '' };
}

/** Reads and writes `users`. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a user whose key has the sha256 `keyHash`; returns the user. */
  async insert(input: { id: string; name: string | null; role: Role; memberId: string | null; keyHash: string }): Promise<User> {
    const [row] = await this.db.insert(users).values(input).returning();
    return toUser(row!);
  }

  /** The active (not revoked) user holding `key`, or null. */
  async findByKey(key: string): Promise<User | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.keyHash, sha256Hex(key)), isNull(users.revokedAt)))
      .limit(1);
    return row ? toUser(row) : null;
  }

  /** A user by id (revoked or not), or null. */
  async get(id: string): Promise<User | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row ? toUser(row) : null;
  }

  /** Active users, oldest first. */
  async list(): Promise<User[]> {
    const rows = await this.db.select().from(users).where(isNull(users.revokedAt)).orderBy(asc(users.createdAt), asc(users.id));
    return rows.map(toUser);
  }

  /** Marks a user's key revoked; false when no active user has that id. */
  async revoke(id: string): Promise<boolean> {
    const done = await this.db
      .update(users)
      .set({ revokedAt: new Date() })
      .where(and(eq(users.id, id), isNull(users.revokedAt)))
      .returning({ id: users.id });
    return done.length > 0;
  }
}
