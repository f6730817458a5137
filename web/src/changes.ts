/**
 * Sending changes to the API and undoing the last one (issue 14 §4). A single correction is `PATCH /records/:id`;
 * bulk fixes are `POST /records/bulk`. The last change (single or bulk) is remembered as the values before it, so
 * that "Undo" sends them back as one bulk list of corrections (with the reason "undo: …"), audited like any other.
 */
import { display, fieldSpec } from './fields.js';
import type { ApiCall, Gap, GridRecord, GridRow } from './types.js';

/** Another field a correction changes with it (issue 11 §6: e.g. the TWAVES category inferred from the name): shown before saving, audited. */
export interface Consequence {
  field: string;
  old: string;
  new: string;
  why: string | null;
  /** In words, with the hours moved between categories when there are any. */
  message: string;
}

/** A correction of one field of one record, as the API answers it. */
export interface CorrectionAnswer {
  record: GridRecord;
  change: { old: string; new: string };
  consequences?: Consequence[];
  newProblems?: Gap[];
}

/** A bulk fix as the API answers it. */
export interface BulkAnswer {
  records: GridRecord[];
  changed: number;
  unchanged: string[];
}

/** What undoing the last change sends back: each record's field and the value before it (as text), and what it was. */
export interface Undo {
  what: string;
  reason: string;
  changes: { id: string; field: string; value: string | null }[];
}

let last: Undo | null = null;

/** The last change that can be undone, or null. */
export function lastChange(): Undo | null {
  return last;
}

/** The value of a record's field as text to type back ("" when empty; unreadable source text is not restored). */
function before(r: GridRow, field: string): string | null {
  return display((r as unknown as Record<string, unknown>)[field]);
}

/**
 * What a correction would do, nothing saved (`PATCH /records/:id` with `preview: true`): the record as it would be,
 * the change, and the other fields it would change with it.
 * @throws Error with the API's message when the value cannot be read
 */
export async function previewOne(api: ApiCall, r: GridRow, field: string, value: string, reason: string): Promise<CorrectionAnswer> {
  return api<CorrectionAnswer>('PATCH', `/records/${r.id}`, { field, value, reason, preview: true });
}

/**
 * Corrects one field of one record with a reason; remembers it for undo.
 * @throws Error with the API's message when the value cannot be read (nothing changed)
 */
export async function correctOne(api: ApiCall, r: GridRow, field: string, value: string, reason: string): Promise<CorrectionAnswer> {
  const out = await api<CorrectionAnswer>('PATCH', `/records/${r.id}`, { field, value, reason });
  last = { what: `${fieldSpec(field).heading} of record ${r.n}`, reason, changes: [{ id: r.id, field, value: before(r, field) }] };
  return out;
}

/**
 * Sends a bulk fix (`set`, `fillDown` or `accept`) over `rows`; a set or fill-down is remembered for undo.
 * @throws Error with the API's message, and each record refused, when any record could not be changed (nothing changed)
 */
export async function bulk(api: ApiCall, rows: GridRow[], body: { action: 'set' | 'fillDown' | 'accept'; field: string | null; value?: string; code?: string; reason: string }): Promise<BulkAnswer> {
  const out = await api<BulkAnswer>('POST', '/records/bulk', { ...body, ids: rows.map((r) => r.id) });
  if (body.action !== 'accept' && body.field !== null) {
    const changed = new Set(out.records.map((r) => r.id));
    const field = body.field;
    last = { what: `${fieldSpec(field).heading} of ${changed.size === 1 ? '1 record' : `${changed.size} records`}`, reason: body.reason, changes: rows.filter((r) => changed.has(r.id)).map((r) => ({ id: r.id, field, value: before(r, field) })) };
  }
  return out;
}

/**
 * Undoes the last change: its records' fields back to the values before it, in one bulk list of corrections.
 * @returns the records changed and what was undone, or null when there is nothing to undo
 * @throws Error with the API's message when the records changed since (nothing changed)
 */
export async function undoLast(api: ApiCall): Promise<{ records: GridRecord[]; what: string } | null> {
  const u = last;
  if (u === null) return null;
  const out = await api<BulkAnswer>('POST', '/records/bulk', { action: 'correct', reason: `undo: ${u.reason}`, changes: u.changes });
  last = null;
  return { records: out.records, what: u.what };
}
