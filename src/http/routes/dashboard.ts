/**
 * The dashboards (issue 17): `GET /members/:id/dashboard` (whoever may read the member) and `GET /dashboard?year=…`
 * (staff, reviewers, admins), as JSON or — `?format=csv`, or an `Accept` header preferring `text/csv` — as CSV.
 * Handlers translate HTTP; the figures come from src/services/dashboard.ts.
 */
import express, { type Request, type Response, type Router } from 'express';
import { groupDashboardCsv, memberDashboardCsv } from '../../export/dashboard-csv.js';
import { DEFAULT_BODY } from '../../services/member-body.js';
import { groupDashboard, memberDashboard } from '../../services/dashboard.js';
import { requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { GroupDashboardQuerySchema, MemberDashboardQuerySchema, MemberIdSchema } from '../openapi.js';
import { memberParam, yearOf, type RouteDeps } from './context.js';

/** True when the answer is to be CSV: `?format=csv`, or no `format` and an `Accept` header preferring `text/csv` to JSON. */
function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function sendCsv(res: Response, fileName: string, body: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.type('text/csv; charset=utf-8').send(body);
}

/** The dashboard routes. */
export function dashboardRoutes(deps: RouteDeps): Router {
  const { store, auth } = deps;
  const defaultBody = deps.defaultBody ?? DEFAULT_BODY;
  const r = express.Router();

  r.get('/members/:id/dashboard', auth, async (req, res) => {
    const memberId = await memberParam(store, req);
    const q = MemberDashboardQuerySchema.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'bad_format', 'format is json or csv, e.g. ?format=csv');
    const d = await memberDashboard(store, memberId, { defaultBody, ...(deps.today === undefined ? {} : { today: deps.today }) });
    if (wantsCsv(req, q.data.format)) sendCsv(res, `cpd-dashboard-${memberId}.csv`, memberDashboardCsv(d));
    else res.json(d);
  });

  r.get('/dashboard', auth, requireRole('staff', 'reviewer', 'admin'), async (req, res) => {
    const q = GroupDashboardQuerySchema.safeParse(req.query);
    if (!q.success) {
      const path = q.error.issues[0]?.path[0];
      if (path === 'body') throw new HttpError(400, 'bad_body', 'body is the id of a body with a rule set (GET /bodies), e.g. ?body=iet');
      if (path === 'format') throw new HttpError(400, 'bad_format', 'format is json or csv, e.g. ?format=csv');
      if (path === 'members') throw new HttpError(400, 'bad_members', 'members is a comma-separated list of member ids, e.g. ?members=G-1001,A-2002');
      const unknown = q.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
      if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown query parameter ${unknown.join(', ')}: give year, body, members or format`);
    }
    const year = yearOf(req.query.year, 'query');
    const raw = q.data?.members;
    const members = raw === undefined ? undefined : raw.split(',').map((m) => m.trim()).filter((m) => m !== '');
    if (members !== undefined && (members.length === 0 || members.length > 1000 || members.some((m) => !MemberIdSchema.safeParse(m).success))) {
      throw new HttpError(400, 'bad_members', 'members is a comma-separated list of 1 to 1,000 member ids (letters, digits, ".", "_" or "-"), e.g. ?members=G-1001,A-2002');
    }
    const d = await groupDashboard(store, { year, ...(q.data?.body === undefined ? {} : { body: q.data.body }), ...(members === undefined ? {} : { members }) }, { defaultBody });
    if (wantsCsv(req, q.data?.format)) sendCsv(res, `cpd-dashboard-${year}${d.scope.body === null ? '' : `-${d.scope.body.id}`}.csv`, groupDashboardCsv(d));
    else res.json(d);
  });

  return r;
}
