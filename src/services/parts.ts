/**
 * Uploads that hold other files (issue 15): an e-mail (`.eml`, `.msg`) or a zip is kept whole, as every upload is,
 * and each of its parts (src/pipeline/unpack/) becomes an import of its own linked to it (`parent`), read and stored
 * like any upload. A part that cannot be imported (a zip slip path, nested too deep, too large) is an import `failed`
 * at once with its reason, so the upload shows every part; its file is the upload's own (the part was not read).
 */
import { createHash, randomUUID } from 'node:crypto';
import { gap } from '../domain/index.js';
import type { Unpacked } from '../pipeline/unpack/index.js';
import type { ImportView, PartsOutcome } from '../store/repositories/imports.js';
import type { Store } from '../store/store.js';

/** Words for each kind of upload in the `parts` gap. */
const HOLDS: Record<Unpacked['kind'], string> = { zip: 'the zip archive', eml: 'the e-mail', msg: 'the Outlook message' };

/**
 * Stores the parts of an upload as imports of their own and marks the upload `done`, in ONE transaction (so a
 * retried job finds the upload done and adds nothing twice): each part's bytes (deduplicated by sha256), its import
 * (`queued`, or `failed` with its error), an `import.unpack` audit line, and `parts` info gaps on the upload (how many
 * parts; each thing left out on purpose, such as a logo embedded in the body).
 * @returns the member and the ids of the parts to queue, in order; `null` when the upload does not exist
 */
export async function storeImportParts(store: Store, uploadId: string, unpacked: Unpacked): Promise<{ memberId: string; queued: string[] } | null> {
  return store.transaction(async (tx) => {
    const upload = await tx.imports.lock(uploadId);
    if (upload === null) return null;
    const queued: string[] = [];
    let failed = 0;
    for (const [index, part] of unpacked.parts.entries()) {
      const id = randomUUID();
      const base = { id, memberId: upload.memberId, uploadedBy: upload.uploadedBy, fileName: part.path };
      if ('error' in part) {
        failed++;
        await tx.imports.insert({ ...base, sha256: upload.sha, part: { parentId: uploadId, index, error: { code: part.error.code, message: part.error.message } } });
        continue;
      }
      const sha256 = createHash('sha256').update(part.bytes).digest('hex');
      await tx.files.put(sha256, part.bytes);
      await tx.imports.insert({ ...base, sha256, part: { parentId: uploadId, index } });
      queued.push(id);
    }
    const n = unpacked.parts.length;
    const message =
      n === 0
        ? `${HOLDS[unpacked.kind]} holds no file to import and no log in its body`
        : `${HOLDS[unpacked.kind]} holds ${n} part${n === 1 ? '' : 's'}, each imported on its own${failed > 0 ? ` (${failed} could not be: see each part's error)` : ''}`;
    const notes = unpacked.notes.map((n) => gap(null, 'parts', 'info', `${n.path}: ${n.message}`));
    await tx.imports.markUnpacked(uploadId, unpacked.kind, [gap(null, 'parts', 'info', message), ...notes]);
    await tx.audit.append({ userId: upload.uploadedBy, action: 'import.unpack', entity: 'import', entityId: uploadId, detail: { kind: unpacked.kind, parts: n, failed } });
    return { memberId: upload.memberId, queued };
  });
}

/**
 * An import as `GET /imports/:id` shows it: an upload that held other files lists its parts (each with its status,
 * error and summary) and what became of them ({@link partsOutcome}), so an e-mail whose only attachment failed does
 * not read as plainly done.
 */
export async function describeImport(store: Store, imp: ImportView): Promise<ImportView> {
  const parts = await store.imports.listParts(imp.importId);
  return parts.length === 0 ? imp : { ...imp, parts, partsOutcome: partsOutcome(parts) };
}

/**
 * What became of an upload's parts (withdrawn parts count as read): see {@link PartsOutcome}. Words: `reading — 2 of
 * 3 parts read`, `done — 3 parts read`, `done — 1 of 3 parts failed`, `done — 1 of 1 part failed` (status `failed`).
 */
export function partsOutcome(parts: readonly Pick<ImportView, 'status' | 'summary'>[]): PartsOutcome {
  const total = parts.length;
  const failed = parts.filter((p) => p.status === 'failed').length;
  const unread = parts.filter((p) => p.status === 'queued' || p.status === 'processing').length;
  const done = total - failed - unread;
  const records = parts.reduce((n, p) => n + (p.status === 'done' ? (p.summary?.records ?? 0) : 0), 0);
  const count = (n: number): string => `${n} part${n === 1 ? '' : 's'}`;
  if (unread > 0) return { total, done, failed, unread, records, status: 'reading', words: `reading — ${done + failed} of ${count(total)} read` };
  if (failed === 0) return { total, done, failed, unread, records, status: 'done', words: `done — ${count(total)} read` };
  return { total, done, failed, unread, records, status: failed === total ? 'failed' : 'partly_failed', words: `done — ${failed} of ${count(total)} failed` };
}
