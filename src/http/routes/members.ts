/**
 * Member routes: a member's counted records, their activity status per year, their professional body
 * (`PUT /members/:id/body`; `GET /bodies` lists the bodies to choose from), the review criteria of that body for a
 * year or a period (`GET /members/:id/review`) and the member-year export. Handlers translate HTTP; the use-cases
 * are in `src/services/` (member-years, member-body, exports, records).
 */
import express, { type Router } from 'express';
import { exportMemberYear, isExportFormat } from '../../services/exports.js';
import { bodyChoices, DEFAULT_BODY, setMemberBody } from '../../services/member-body.js';
import { appliedStatus, memberBodyReview, PeriodError, setActivityStatus, type PeriodRequest } from '../../services/member-years.js';
import { listMemberRecords, memberYears, pageMemberRecords } from '../../services/records.js';
import { currentUser, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { MemberBodyBodySchema, MemberRecordsPageSchema, MemberReviewQuerySchema, MemberYearBodySchema } from '../openapi.js';
import { bodyError, jsonBody, memberParam, yearOf, type RouteDeps } from './context.js';

/** `?period=YYYY` (a year) or `?period=YYYY-MM-DD..YYYY-MM-DD` (days, checked by the service); none → undefined. */
function periodAsked(period: string | undefined): PeriodRequest {
  return period === undefined ? undefined : /^\d{4}$/.test(period) ? { year: yearOf(period, 'query') } : { days: period };
}

/** Runs a use-case that reviews a period; a period that cannot be reviewed is a 400 `bad_period` with its reason. */
async function periodErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PeriodError) throw new HttpError(400, 'bad_period', e.message);
    throw e;
  }
}

/** The member routes. */
export function memberRoutes(deps: RouteDeps): Router {
  const { store, auth } = deps;
  const defaultBody = deps.defaultBody ?? DEFAULT_BODY;
  const r = express.Router();
  const canChange = requireRole('reviewer', 'staff', 'admin');
  const canSetBody = requireRole('staff', 'admin');

  r.get('/members/:id/records', auth, async (req, res) => {
    const memberId = await memberParam(store, req);
    const q = MemberRecordsPageSchema.safeParse(req.query);
    if (!q.success) {
      if (q.error.issues.some((i) => i.path[0] === 'year')) throw new HttpError(400, 'bad_year', 'year must be four digits, e.g. ?year=2024');
      throw new HttpError(400, 'bad_page', 'limit must be a whole number from 1 to 5000 and offset a whole number from 0, e.g. ?limit=500&offset=0');
    }
    const { year, undated, limit, offset } = q.data;
    const y = year === undefined ? undefined : Number(year);
    if (limit === undefined) {
      res.json({ records: await listMemberRecords(store, memberId, y, { withUndated: undated === 'true' }) });
      return;
    }
    const { records, total } = await pageMemberRecords(store, memberId, y, { withUndated: undated === 'true', limit, offset });
    const more = offset + limit < total;
    const params = new URLSearchParams({ ...(year === undefined ? {} : { year }), ...(undated === undefined ? {} : { undated }), limit: String(limit), offset: String(offset + limit) });
    res.json({ records, total, next: more ? `/members/${encodeURIComponent(memberId)}/records?${params}` : null });
  });

  r.get('/members/:id/years', auth, async (req, res) => {
    const memberId = await memberParam(store, req);
    res.json({ memberId, years: await memberYears(store, memberId) });
  });

  r.get('/members/:id/years/:year', auth, async (req, res) => {
    const memberId = await memberParam(store, req);
    const year = yearOf(req.params.year, 'path');
    res.json({ memberId, year, activityStatus: await appliedStatus(store, memberId, year) });
  });

  r.put('/members/:id/years/:year', auth, canChange, jsonBody, async (req, res) => {
    const memberId = await memberParam(store, req);
    const year = yearOf(req.params.year, 'path');
    const b = MemberYearBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    await setActivityStatus(store, memberId, year, b.data.activityStatus, b.data.note === undefined || b.data.note === '' ? null : b.data.note, currentUser(req).id);
    res.json({ memberId, year, activityStatus: await appliedStatus(store, memberId, year) });
  });

  r.get('/bodies', auth, (_req, res) => {
    res.json({ bodies: bodyChoices(defaultBody) });
  });

  r.put('/members/:id/body', auth, canSetBody, jsonBody, async (req, res) => {
    const memberId = await memberParam(store, req);
    const b = MemberBodyBodySchema.safeParse(req.body ?? {});
    if (!b.success) throw bodyError(b.error);
    res.json({ memberId, body: await setMemberBody(store, memberId, b.data.body, currentUser(req).id, defaultBody) });
  });

  r.get('/members/:id/review', auth, async (req, res) => {
    const memberId = await memberParam(store, req);
    const q = MemberReviewQuerySchema.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'bad_period', 'give the period as ?period=YYYY or ?period=YYYY-MM-DD..YYYY-MM-DD (or ?year=YYYY), not both');
    const { year, period } = q.data;
    const asked: PeriodRequest = year !== undefined ? { year: yearOf(year, 'query') } : periodAsked(period);
    res.json(await periodErrors(() => memberBodyReview(store, memberId, asked, { defaultBody })));
  });

  r.get('/members/:id/export.:format', auth, async (req, res) => {
    const format = String(req.params.format);
    if (!isExportFormat(format)) throw new HttpError(404, 'not_found', 'exports are .json, .csv or .xlsx');
    const memberId = await memberParam(store, req);
    const period = typeof req.query.period === 'string' ? periodAsked(req.query.period) : undefined;
    const file = await periodErrors(() => exportMemberYear(store, memberId, yearOf(req.query.year, 'query'), format, { defaultBody, ...(period !== undefined ? { period } : {}) }));
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.type(file.contentType).send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });

  return r;
}
