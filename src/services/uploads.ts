/**
 * The upload use-case (issue 4 §2): every file of a request is checked before any is stored (not empty, a format
 * the pipeline reads — `.doc`, `.xls`, `.rtf`, `.odt`, `.ods` only where LibreOffice is installed —, within the size
 * limit), then each is stored with its import row in one transaction and
 * queued. A 202 means stored: the queue is only told afterwards, and an import it missed (Redis down) is queued by
 * the reconciler (`workers/reconciler.ts`).
 */
import { randomUUID } from 'node:crypto';
import { ImportError, isImportError } from '../domain/index.js';
import { detectReadable } from '../pipeline/convert.js';
import { detectContainer } from '../pipeline/detect.js';
import { DEFAULT_BUDGET } from '../pipeline/types.js';
import { sha256Hex, type ImportStatus, type Store } from '../store/store.js';

/** One file of an upload, as handed to {@link createImport}. */
export interface NewImport {
  memberId: string;
  uploadedBy: string | null;
  fileName: string;
  bytes: Uint8Array;
  /** sha256 of `bytes`, lower-case hex. */
  sha256: string;
  /** Create a new import even when this member already imported the same content. */
  force: boolean;
}

/** Outcome of {@link createImport}: the new import, or the member's existing one for the same content. */
export interface CreatedImport {
  importId: string;
  file: string;
  status: ImportStatus;
  created: boolean;
}

/**
 * Stores one uploaded file and its import row in ONE transaction (issue 4 §2): the bytes (deduplicated by
 * sha256), the member, the import (`queued`) and an audit line. When the member already imported the same
 * content and `force` is false, nothing is written and the existing import is returned (`created: false`).
 * Two uploads of the same content for the same member are serialised by an advisory lock, so they cannot both
 * create an import.
 */
export async function createImport(store: Store, input: NewImport): Promise<CreatedImport> {
  return store.transaction(async (tx) => {
    await tx.imports.lockContent(input.memberId, input.sha256);
    if (!input.force) {
      const existing = await tx.imports.findLatestForContent(input.memberId, input.sha256);
      if (existing) return { ...existing, created: false };
    }
    await tx.members.ensure(input.memberId);
    await tx.files.put(input.sha256, input.bytes);
    const id = randomUUID();
    await tx.imports.insert({ id, memberId: input.memberId, uploadedBy: input.uploadedBy, sha256: input.sha256, fileName: input.fileName });
    await tx.audit.append({
      userId: input.uploadedBy,
      action: 'import.create',
      entity: 'import',
      entityId: id,
      detail: { memberId: input.memberId, sha256: input.sha256, size: input.bytes.byteLength, force: input.force },
    });
    return { importId: id, file: input.fileName, status: 'queued' as const, created: true };
  });
}

/** What an upload needs besides the store: the queue to tell, a logger, and a counter of files by outcome. */
export interface UploadDeps {
  store: Store;
  queue: { enqueue(importId: string, owner?: string): Promise<unknown> };
  logger: { warn(obj: object, msg: string): void };
  /** Called once per file: `created`, `existing` (already imported, nothing stored) or `rejected`. */
  countUpload?: (outcome: 'created' | 'existing' | 'rejected') => void;
}

/** An upload of one or more files for one member. */
export interface Upload {
  memberId: string;
  /** User id of the uploader. */
  uploadedBy: string;
  /** File names already cleaned (base name only), and their bytes. */
  files: readonly { name: string; bytes: Uint8Array }[];
  force: boolean;
  /** Per-file size limit, bytes. */
  maxBytes: number;
}

/**
 * Checks every file, then stores and queues each (see the module comment).
 * @returns one entry per file, in order: its import (new, or the member's existing one for the same content)
 * @throws ImportError when a file cannot be imported (nothing of the request is stored); its message names the
 *   file, and when the request had several files, says that none was stored
 */
export async function uploadFiles(deps: UploadDeps, upload: Upload): Promise<CreatedImport[]> {
  const { store, queue, logger } = deps;
  const files = upload.files;
  const prepared: { name: string; bytes: Uint8Array; sha256: string }[] = [];
  for (const f of files) {
    try {
      if (f.bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
      const budget = { ...DEFAULT_BUDGET, maxBytes: upload.maxBytes };
      // An e-mail or zip is stored whole; its parts are checked and read by the worker (issue 15). A .doc, .xls,
      // .rtf, .odt or .ods is taken where LibreOffice is installed (the worker converts it), refused otherwise.
      if (f.bytes.byteLength > budget.maxBytes || (await detectContainer(f.bytes, budget)) === null) await detectReadable(f.bytes, f.name, budget);
    } catch (e) {
      if (isImportError(e)) {
        deps.countUpload?.('rejected');
        const rest = files.length > 1 ? `; nothing in this request was stored (${files.length} files), send the others again without it` : '';
        throw new ImportError(e.code, `${f.name}: ${e.message}${rest}`);
      }
      throw e;
    }
    prepared.push({ name: f.name, bytes: f.bytes, sha256: sha256Hex(f.bytes) });
  }

  const out: CreatedImport[] = [];
  for (const p of prepared) {
    const created = await createImport(store, { memberId: upload.memberId, uploadedBy: upload.uploadedBy, fileName: p.name, bytes: p.bytes, sha256: p.sha256, force: upload.force });
    out.push(created);
    deps.countUpload?.(created.created ? 'created' : 'existing');
    if (created.created) {
      // Committed: queue it. If Redis is down the import stays `queued` in Postgres and the reconciler queues it.
      await queue.enqueue(created.importId, upload.memberId).catch((e: unknown) => {
        logger.warn({ importId: created.importId, err: { message: (e as Error).message } }, 'could not queue the import now; the reconciler will');
      });
    }
  }
  return out;
}
