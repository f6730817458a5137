/** Users and their API keys: creating one (shown once, stored as its sha256) and revoking one, each audited. */
import { randomBytes, randomUUID } from 'node:crypto';
import { MEMBER_ID_PATTERN, type Role } from '../domain/roles.js';
import { sha256Hex, type Store, type User } from '../store/store.js';

/** A new API key: `cpd_` + 43 base64url characters (256 random bits). */
export function newApiKey(): string {
  return `cpd_${randomBytes(32).toString('base64url')}`;
}

/** Who a new user is: the role, the member (for role `member` only), a display name, and who creates them. */
export interface NewUser {
  role: Role;
  memberId?: string | null;
  name?: string | null;
  /** User id of the admin creating the user (null from the CLI). */
  by?: string | null;
}

/**
 * Creates a user with a new API key; returns the user and the key (shown once, only its sha256 is stored).
 * A `member` needs `memberId` (created when missing); the other roles take none. One transaction with its audit line.
 * @throws Error when the role and member id do not fit together or the member id is malformed.
 */
export async function createUser(store: Store, input: NewUser): Promise<{ user: User; key: string }> {
  const memberId = input.memberId ?? null;
  if (input.role === 'member' && memberId === null) throw new Error('a member key needs a member id (--member ID)');
  if (input.role !== 'member' && memberId !== null) throw new Error(`a ${input.role} key is not tied to a member: leave out the member id`);
  if (memberId !== null && !MEMBER_ID_PATTERN.test(memberId)) throw new Error('a member id is 1–64 letters, digits, ".", "_" or "-"');
  const key = newApiKey();
  const id = randomUUID();
  const user = await store.transaction(async (tx) => {
    if (memberId !== null) await tx.members.ensure(memberId);
    const u = await tx.users.insert({ id, name: input.name ?? null, role: input.role, memberId, keyHash: sha256Hex(key) });
    await tx.audit.append({ userId: input.by ?? null, action: 'user.create', entity: 'user', entityId: id, detail: { role: input.role, memberId } });
    return u;
  });
  return { user, key };
}

/** Revokes a user's key, with an audit line naming who did it; false when no active user has that id. */
export async function revokeUser(store: Store, id: string, by: string | null): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (!(await tx.users.revoke(id))) return false;
    await tx.audit.append({ userId: by, action: 'user.revoke', entity: 'user', entityId: id });
    return true;
  });
}
