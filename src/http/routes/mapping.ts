/**
 * Mapping-step routes (issue 11 §1–2, §5): `GET /imports/:id/mapping` (how the file was read), `POST
 * /imports/:id/mapping/preview` (the first records as a proposed mapping would read them, nothing saved), `PUT
 * /imports/:id/mapping` (read it again with a corrected mapping, as a new version; the answer lists the other current
 * imports read in the same shape) and `POST /imports/:id/mapping/apply-to-similar` (read those again with the same
 * columns). Anyone who may read the import
 * may see and correct its mapping (a member their own imports; staff, reviewers and admins any); remembering the
 * mapping for everyone's files with the same headings is for staff, reviewers and admins. The use-cases are in
 * `src/services/mapping.ts`, `src/services/mapping-preview.ts` and `src/services/similar.ts`.
 */
import express, { type Router } from 'express';
import type { z } from 'zod';
import { importFile } from '../../pipeline/import.js';
import { importMapping, MappingError, rereadWithMapping } from '../../services/mapping.js';
import { previewMapping } from '../../services/mapping-preview.js';
import { rereadSimilar, similarImports } from '../../services/similar.js';
import { currentUser } from '../auth.js';
import { HttpError } from '../errors.js';
import { ApplySimilarBodySchema, MappingBodySchema } from '../openapi.js';
import { bodyError, jsonBody, loadImport, type RouteDeps } from './context.js';

/** Runs a mapping use-case; a {@link MappingError} becomes the HTTP error it stands for, null a 404. */
async function mapped<T>(run: () => Promise<T | null>): Promise<T> {
  let out: T | null;
  try {
    out = await run();
  } catch (e) {
    throw e instanceof MappingError ? new HttpError(e.status, e.code, e.message) : e;
  }
  if (out === null) throw new HttpError(404, 'not_found', 'no such import');
  return out;
}

/** The body, checked by `schema`. @throws HttpError 400 for a malformed one */
function body<T>(schema: z.ZodType<T>, raw: unknown): T {
  const b = schema.safeParse(raw ?? {});
  if (!b.success) throw bodyError(b.error);
  return b.data;
}

/** The mapping routes. */
export function mappingRoutes(deps: RouteDeps): Router {
  const { store, queue, logger, auth } = deps;
  const r = express.Router();

  r.get('/imports/:id/mapping', auth, async (req, res) => {
    const imp = await loadImport(store, req);
    res.json(await mapped(() => importMapping(store, imp)));
  });

  r.post('/imports/:id/mapping/preview', auth, jsonBody, async (req, res) => {
    const imp = await loadImport(store, req);
    const change = body(MappingBodySchema, req.body);
    res.json(await mapped(() => previewMapping({ store, run: importFile, base: deps.reading ?? {} }, imp, change)));
  });

  r.put('/imports/:id/mapping', auth, jsonBody, async (req, res) => {
    const imp = await loadImport(store, req);
    const change = body(MappingBodySchema, req.body);
    const user = currentUser(req);
    // A template applies to every member's files: a member's own correction stays with their import.
    if (change.remember === true && user.role === 'member') {
      throw new HttpError(403, 'forbidden', "remembering a mapping for everyone's files with these headings needs the role staff, reviewer or admin; leave out remember to correct this import");
    }
    const out = await mapped(() => rereadWithMapping({ store, queue, logger }, imp, user, change));
    res.status(202).json({ ...out, similar: await similarImports(store, imp, user) });
  });

  r.post('/imports/:id/mapping/apply-to-similar', auth, jsonBody, async (req, res) => {
    const imp = await loadImport(store, req);
    const { importIds } = body(ApplySimilarBodySchema, req.body);
    res.status(202).json(await mapped(() => rereadSimilar({ store, queue, logger }, imp, currentUser(req), importIds)));
  });

  return r;
}
