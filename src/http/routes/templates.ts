/**
 * Template routes (issue 11 §3), for staff and admins: `GET /templates` (the mappings remembered for tables with the
 * same headings, in any format) and `DELETE /templates/:id`. Templates are saved by `PUT /imports/:id/mapping` with
 * `remember: true`; the rules are in `src/services/templates.ts`.
 */
import express, { type Router } from 'express';
import { deleteTemplate } from '../../services/templates.js';
import { currentUser, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { UUID, type RouteDeps } from './context.js';

/** The template routes. */
export function templateRoutes(deps: RouteDeps): Router {
  const { store, auth } = deps;
  const r = express.Router();
  const staffOrAdmin = requireRole('staff', 'admin');

  r.get('/templates', auth, staffOrAdmin, async (_req, res) => {
    res.json({ templates: await store.templates.list() });
  });

  r.delete('/templates/:id', auth, staffOrAdmin, async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id) || !(await deleteTemplate(store, id, currentUser(req)))) throw new HttpError(404, 'not_found', 'no such template');
    res.status(204).end();
  });

  return r;
}
