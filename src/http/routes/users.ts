/** User routes: `GET /me` (the key's user), and for admins `GET /users`, `POST /users` (a new key, shown once), `DELETE /users/:id`. */
import express, { type Router } from 'express';
import { createUser, revokeUser } from '../../services/users.js';
import { currentUser, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { CreateUserBodySchema } from '../openapi.js';
import { rejectBadText } from '../text.js';
import { bodyError, UUID, type RouteDeps } from './context.js';

/** The user routes. */
export function userRoutes(deps: RouteDeps): Router {
  const { store, auth } = deps;
  const r = express.Router();

  r.get('/me', auth, (req, res) => {
    res.json({ user: currentUser(req) });
  });
  r.get('/users', auth, requireRole('admin'), async (_req, res) => {
    res.json({ users: await store.users.list() });
  });
  r.post('/users', auth, requireRole('admin'), express.json({ limit: '10kb' }), rejectBadText, async (req, res) => {
    const b = CreateUserBodySchema.safeParse(req.body);
    if (!b.success) throw bodyError(b.error);
    let created;
    try {
      created = await createUser(store, { role: b.data.role, memberId: b.data.memberId ?? null, name: b.data.name ?? null, by: currentUser(req).id });
    } catch (e) {
      if (e instanceof Error && /member id|member key|not tied/.test(e.message)) throw new HttpError(400, 'bad_request', e.message);
      throw e;
    }
    res.status(201).json(created);
  });
  r.delete('/users/:id', auth, requireRole('admin'), async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id) || !(await revokeUser(store, id, currentUser(req).id))) throw new HttpError(404, 'not_found', 'no such active user');
    res.status(204).end();
  });
  return r;
}
