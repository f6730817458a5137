/**
 * Taking an upload back (issue 11 §4): a withdrawn import is kept — its file, its records and their audit trail —
 * and marked withdrawn with who did it, when and why; its records then count nowhere (the member's records and
 * year, the review criteria, exports), and the same file may be uploaded again as a new import.
 */
import type { ImportView, Store, User } from '../store/store.js';

/**
 * Withdraws an import in one transaction with its audit line (`import.withdraw`: the member, the file and the
 * reason). Withdrawing an import already withdrawn changes nothing and writes no second line.
 * @param reason why, as the person gave it (null when none was given)
 * @returns the import as it now is, or null when no import has this id
 */
export async function withdrawImport(store: Store, importId: string, user: Pick<User, 'id'>, reason: string | null): Promise<ImportView | null> {
  return store.transaction(async (tx) => {
    const imp = await tx.imports.lock(importId);
    if (imp === null) return null;
    if (await tx.imports.withdraw(importId, user.id, reason)) {
      await tx.audit.append({ userId: user.id, action: 'import.withdraw', entity: 'import', entityId: importId, detail: { memberId: imp.memberId, sha256: imp.sha, reason } });
    }
    return tx.imports.get(importId);
  });
}
