/** The `files` table: uploaded bytes, stored once per content (keyed by sha256). */
import type { Db } from '../db.js';
import { files } from '../schema.js';

/** Reads and writes `files`. */
export class FilesRepository {
  constructor(private readonly db: Db) {}

  /** Stores the bytes under their sha256 unless that content is stored already. */
  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.db.insert(files).values({ sha256, bytes, size: bytes.byteLength }).onConflictDoNothing();
  }
}
