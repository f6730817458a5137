/**
 * Storing an import's result (issue 4 §3): one transaction that replaces any earlier result, so a retried job never
 * duplicates records; reviewers' work on an earlier import of the same content is carried over
 * (`carry-over.ts`) and the summary recomputed when it was.
 */
import { randomUUID } from 'node:crypto';
import { recordYear, type ImportResult, type ReadingUsed } from '../domain/index.js';
import { storableText, type NewRecordRow, type Store } from '../store/store.js';
import { carryCorrectionsOver } from './carry-over.js';
import { countedSummary } from './records.js';
import { rememberMapping } from './templates.js';

/**
 * Stores the result of an import in ONE transaction (committed without waiting for the WAL flush, see
 * `TransactionOptions.durable`): locks the import row, deletes its records, inserts the new ones, carries reviews
 * over, remembers the mapping when this version was asked to (`remember: true`, `templates.ts`), and sets `done` with
 * the summary, file gaps, mapping and the options it was read with (`used`, when given).
 * Concurrent calls for one import are serialised by the row lock; the last one wins whole. Text PostgreSQL cannot
 * hold (NUL, lone surrogates) is replaced by U+FFFD.
 * @returns false when the import does not exist.
 */
export async function storeImportResult(store: Store, importId: string, input: ImportResult, used?: ReadingUsed): Promise<boolean> {
  const result = storableText(input);
  return store.transaction(
    async (tx) => {
      const imp = await tx.imports.lock(importId);
      if (!imp) return false;
      await tx.records.deleteForImport(importId);
      let summary = result.summary;
      const fileGaps = [...result.fileGaps];
      if (result.records.length > 0) {
        const rows: NewRecordRow[] = result.records.map((r, position) => {
          const { gaps, source, ...data } = r;
          return { id: randomUUID(), position, year: recordYear(r), data, gaps, source };
        });
        await tx.records.insertMany(importId, imp.memberId, rows);
        const carried = await carryCorrectionsOver(tx, { importId, memberId: imp.memberId, sha: imp.sha }, rows);
        if (carried.notice !== null) fileGaps.push(carried.notice);
        if (carried.carried > 0) summary = countedSummary(await tx.records.listForImport(importId));
      }
      const uploader = imp.reading?.remember === true && imp.uploadedBy !== null ? await tx.users.get(imp.uploadedBy) : null;
      if (uploader !== null) fileGaps.push(...(await rememberMapping(tx, { importId, format: result.format, mapping: result.mapping, reading: imp.reading!, user: uploader })));
      await tx.imports.markDone(importId, { format: result.format, summary, fileGaps, mapping: result.mapping, ...(used === undefined ? {} : { optionsUsed: used }) });
      return true;
    },
    { durable: false },
  );
}
