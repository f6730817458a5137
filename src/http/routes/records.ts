/**
 * Record routes (issues 5 and 11): one record with the record as extracted and its acceptances, its audit trail, a
 * correction of a field or an exclusion (`PATCH /records/:id`: a member their own records, staff, reviewers and
 * admins any), a reviewer's acceptance of a gap, and bulk fixes over many records (`POST /records/bulk`, issue 14). The rules are in `src/services/corrections.ts`; a record of an
 * import replaced by a later upload of the same file, or withdrawn, cannot be changed.
 */
import express, { type Request, type Response, type Router } from 'express';
import { CorrectionError, CORRECTABLE_FIELDS, isCorrectableField } from '../../review/corrections/correct.js';
import { applyBulkChange, bulkIds, type BulkChange } from '../../services/bulk-corrections.js';
import { acceptGap, correctField, previewCorrection, setExclusion } from '../../services/corrections.js';
import { BulkRefusal } from '../../services/records.js';
import { currentUser, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { AcceptBodySchema, BulkBodySchema, CorrectionBodySchema, ExclusionBodySchema } from '../openapi.js';
import { bodyError, jsonBody, loadRecord, UUID, type RouteDeps } from './context.js';

/** The record routes. */
export function recordRoutes(deps: RouteDeps): Router {
  const { store, auth } = deps;
  const r = express.Router();
  const canChange = requireRole('reviewer', 'staff', 'admin');

  /** The record for a change: a record of a replaced or withdrawn import is refused (its change would count nowhere). */
  const loadChangeableRecordId = async (req: Request): Promise<string> => {
    const { id, importId } = await loadRecord(store, req);
    await changeableImport(importId);
    return id;
  };

  /** Refuses (409) a change to a record of a withdrawn import, or of one replaced by a later upload of the same file. */
  const changeableImport = async (importId: string): Promise<void> => {
    const withdrawn = (await store.imports.get(importId))?.withdrawn;
    if (withdrawn !== undefined) {
      throw new HttpError(409, 'withdrawn', `this record belongs to an import withdrawn on ${withdrawn.at.slice(0, 10)} (import ${importId}); its records count nowhere`);
    }
    const later = await store.imports.supersededBy(importId);
    if (later !== null) {
      throw new HttpError(409, 'superseded', `this record belongs to an import replaced by a later upload of the same file (import ${later}); correct the record there`);
    }
  };

  // Bulk fixes (issue 14 §4): all or nothing; every record must be changeable (not of a replaced or withdrawn import).
  r.post('/records/bulk', auth, canChange, jsonBody, async (req, res) => {
    const b = BulkBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    const change = b.data as BulkChange;
    for (const id of bulkIds(change)) {
      if (!UUID.test(id)) throw new HttpError(400, 'bad_request', `body: "${id}" is not a record id`);
      const rec = await store.records.get(id);
      if (rec !== null) await changeableImport(rec.importId);
    }
    try {
      const out = await applyBulkChange(store, currentUser(req), change);
      res.json({ records: out.records.map(({ memberId: _m, ...record }) => record), changed: out.records.length, unchanged: out.unchanged });
    } catch (e) {
      if (e instanceof BulkRefusal) {
        res.status(422).json({ error: { code: 'bulk_refused', message: e.message }, refused: e.refused });
        return;
      }
      throw e;
    }
  });

  r.get('/records/:id', auth, async (req, res) => {
    const { id } = await loadRecord(store, req);
    const [record, rev] = await Promise.all([store.records.get(id), store.records.getCorrectable(id)]);
    const { memberId: _m, ...shown } = record!;
    res.json({ record: shown, memberId: rev!.memberId, original: rev!.original, acceptances: rev!.acceptances, reviewedAt: rev!.reviewedAt });
  });

  r.get('/records/:id/audit', auth, async (req, res) => {
    const { id } = await loadRecord(store, req);
    res.json({ audit: await store.audit.listForRecord(id) });
  });

  /** `PATCH /records/:id` with `{ excluded, reason }`: marks the record as not a CPD activity, or counts it again. */
  const exclude = async (req: Request, res: Response, id: string, raw: Record<string, unknown>): Promise<void> => {
    const b = ExclusionBodySchema.safeParse(raw);
    if (!b.success) throw bodyError(b.error);
    try {
      const updated = await setExclusion(store, id, currentUser(req), { excluded: b.data.excluded, reason: b.data.reason === undefined || b.data.reason === '' ? null : b.data.reason });
      if (updated === null) throw new HttpError(404, 'not_found', 'no such record');
      const { memberId: _m, ...record } = updated;
      res.json({ record });
    } catch (e) {
      if (e instanceof CorrectionError) throw new HttpError(422, 'unchanged', e.message);
      throw e;
    }
  };

  // A member changes their own records (loadRecord answers 404 for anyone else's); the audit trail names who.
  r.patch('/records/:id', auth, jsonBody, async (req, res) => {
    const id = await loadChangeableRecordId(req);
    const raw = (req.body ?? {}) as Record<string, unknown>;
    if ('excluded' in raw) {
      await exclude(req, res, id, raw);
      return;
    }
    if (typeof raw.field === 'string' && !isCorrectableField(raw.field)) {
      throw new HttpError(400, 'bad_request', `body: field: "${raw.field}" is not a record field a reviewer can correct (${CORRECTABLE_FIELDS.join(', ')})`);
    }
    const b = CorrectionBodySchema.safeParse(raw);
    if (!b.success) throw bodyError(b.error);
    try {
      const { preview, ...input } = b.data;
      const out = preview === true ? await previewCorrection(store, id, currentUser(req), input) : await correctField(store, id, currentUser(req), input);
      if (out === null) throw new HttpError(404, 'not_found', 'no such record');
      const { memberId: _m, ...record } = out.record;
      res.json({ ...(preview === true ? { preview: true } : {}), record, change: out.change, consequences: out.consequences, newProblems: out.newProblems });
    } catch (e) {
      if (e instanceof CorrectionError) throw new HttpError(422, 'invalid_value', e.message);
      throw e;
    }
  });

  r.post('/records/:id/accept', auth, canChange, jsonBody, async (req, res) => {
    const id = await loadChangeableRecordId(req);
    const b = AcceptBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    try {
      const updated = await acceptGap(store, id, currentUser(req), b.data);
      if (updated === null) throw new HttpError(404, 'not_found', 'no such record');
      const { memberId: _m, ...record } = updated;
      res.json({ record });
    } catch (e) {
      if (e instanceof CorrectionError) throw new HttpError(422, 'invalid_gap', e.message);
      throw e;
    }
  });

  return r;
}
