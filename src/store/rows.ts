/**
 * Stored rows to the shapes the rest of the service sees, and back: timestamps as ISO 8601 strings (UTC), records
 * and gaps with their keys in the contract's order (docs/DESIGN.md §2), text PostgreSQL can hold. Used by the
 * repositories only.
 */
import { CpdRecordSchema, type CpdRecord, type Exclusion, type Gap, type SourceRef } from '../domain/index.js';
import { applyAcceptances, type Acceptance } from '../review/corrections/acceptance.js';
import type { records } from './schema.js';

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A copy of `value` whose strings hold no NUL character and no lone surrogate (each replaced by U+FFFD), which
 * PostgreSQL refuses in `text` and `jsonb`. Returns `value` itself when nothing needs replacing.
 */
export function storableText<T>(value: T): T {
  const json = JSON.stringify(value);
  if (!/\\u0000|\\ud[89ab]|\\ud[c-f]/i.test(json)) return value;
  return JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' ? v.replace(UNSTORABLE, '\ufffd') : v)) as T;
}

/** A timestamp as ISO 8601 (UTC), or null. */
export function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

const RECORD_KEYS = Object.keys(CpdRecordSchema.shape) as (keyof CpdRecord)[];
const GAP_KEYS = ['field', 'code', 'severity', 'message', 'raw'] as const;

/** A gap with its keys in contract order (jsonb stores keys sorted by length). */
export function orderGap(g: Gap): Gap {
  const out: Record<string, unknown> = {};
  for (const k of GAP_KEYS) if (g[k] !== undefined) out[k] = g[k];
  return out as Gap;
}

/** A stored record: the CPD record with its id and its import's id. */
export type StoredRecord = CpdRecord & { id: string; importId: string };

/** A row of `records`. */
export type RecordRow = typeof records.$inferSelect;

/**
 * Rebuilds a stored record with its keys in the contract's order (docs/DESIGN.md §2). Gaps a reviewer accepted are
 * shown as `accepted` gaps (see `applyAcceptances`) unless `pure` (the gaps as computed, for a correction to start from).
 * A record marked as not a CPD activity carries `excluded`; others have no such key.
 */
export function toRecord(row: RecordRow, pure = false): StoredRecord {
  const data = row.data as Record<string, unknown>;
  const out: Record<string, unknown> = { id: row.id, importId: row.importId };
  const acceptances = (row.acceptances as Acceptance[] | null) ?? [];
  for (const k of RECORD_KEYS) {
    if (k === 'gaps') out.gaps = (pure ? (row.gaps as Gap[]) : applyAcceptances(row.gaps as Gap[], acceptances)).map(orderGap);
    else if (k === 'source') out.source = row.source as SourceRef;
    else if (k === 'excluded') {
      if (row.excluded !== null) out.excluded = row.excluded as Exclusion;
    }
    else if (k in data) out[k] = data[k];
  }
  return out as StoredRecord;
}
