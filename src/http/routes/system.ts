/**
 * Operational routes: `GET /healthz`, `GET /readyz` (Postgres and Redis answer), `GET /metrics` (Prometheus),
 * `GET /openapi.json`, and the queue dashboard (Bull Board) under `/admin/queues` for staff (read-only) and admins.
 */
import helmet from 'helmet';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Express, type Router } from 'express';
import { describeError } from '../../store/store.js';
import { authenticate, currentUser, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { openApiDocument } from '../openapi.js';
import type { RouteDeps } from './context.js';

/** Health, readiness, metrics and the OpenAPI document (no key needed). */
export function systemRoutes(deps: RouteDeps): Router {
  const { store, queue, metrics } = deps;
  const r = express.Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const checks = { postgres: 'ok', redis: 'ok' };
    await Promise.all([
      store.ping().catch((e: unknown) => {
        checks.postgres = `unreachable: ${describeError(e)}`;
      }),
      queue.ping().catch((e: unknown) => {
        checks.redis = `unreachable: ${(e as Error).message}`;
      }),
    ]);
    if (checks.postgres === 'ok' && checks.redis === 'ok') {
      res.json({ status: 'ready', checks });
      return;
    }
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => (k === 'postgres' ? 'Postgres' : 'Redis'));
    res.status(503).json({ error: { code: 'not_ready', message: `${down.join(' and ')} cannot be reached` }, checks });
  });
  r.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const doc = openApiDocument();
  r.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  return r;
}

/** Content security policy of the queue dashboard (helmet directives). */
const DASHBOARD_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  fontSrc: ["'self'", 'https://fonts.gstatic.com'],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Mounts the queue dashboard under `/admin/queues`: admin and staff keys, Basic auth accepted so a browser can log
 * in with the key as password; staff only watch, and cross-site writes are refused.
 */
export function mountQueueDashboard(app: Express, deps: RouteDeps): void {
  const { store, queue } = deps;
  // The same protection as the review page, on every answer of the dashboard (401s included): a content security
  // policy that lets only its own scripts run and no page frame it (the browser re-sends Basic credentials to a
  // framed dashboard), no MIME sniffing, no referrer. Bull Board's page needs inline style attributes and its
  // Google font, nothing else from outside.
  app.use('/admin/queues', helmet({ contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP }, referrerPolicy: { policy: 'no-referrer' }, frameguard: { action: 'deny' } }));
  app.use('/admin/queues', authenticate((key) => store.users.findByKey(key), 'cpd-import queues'), requireRole('admin', 'staff'), (req, _res, next) => {
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    // Staff watch the queue; only admins pause, retry, clean or add jobs.
    if (write && currentUser(req).role !== 'admin') {
      next(new HttpError(403, 'forbidden', 'the queue dashboard is read-only for staff'));
      return;
    }
    // The browser re-sends Basic credentials on cross-site requests: refuse cross-site writes (CSRF), whether the
    // browser says so (Sec-Fetch-Site) or the Origin names another host.
    const origin = req.headers.origin;
    let foreign = req.headers['sec-fetch-site'] === 'cross-site';
    if (origin !== undefined) {
      try {
        foreign ||= new URL(origin).host !== req.headers.host;
      } catch {
        foreign = true;
      }
    }
    if (write && foreign) {
      next(new HttpError(403, 'forbidden', 'cross-site requests to the dashboard are refused'));
      return;
    }
    next();
  });
  const adapter = new ExpressAdapter();
  adapter.setBasePath('/admin/queues');
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1 (the top level has 9.10.2): the two
  // IServerAdapter declarations differ only by a private field, so the adapter is passed through a cast.
  type ServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: [new BullMQAdapter(queue.queue, { readOnlyMode: false })], serverAdapter: adapter as unknown as ServerAdapter });
  // The adapter's router is an Express app of its own: it would name Express in every answer.
  const board = adapter.getRouter() as express.Express;
  board.disable('x-powered-by');
  app.use('/admin/queues', board);
}
