/**
 * The HTTP API (Express 5): `createApp(deps)` builds the app; `server.ts` listens. Routes and contracts:
 * docs/DESIGN.md §2 "HTTP" and issue 4 §2/§4/§5. The routes live in `routes/`, one module per resource; they only
 * translate HTTP (parse, check access, call a service or a repository, answer). Every error is JSON
 * `{ error: { code, message } }` (see `errors.ts`).
 */
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth.js';
import { errorMiddleware, methodHandlers, notFound } from './errors.js';
import { pageRouter } from './page/page.js';
import type { AppDeps, RouteDeps } from './routes/context.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { importRoutes } from './routes/imports.js';
import { mappingRoutes } from './routes/mapping.js';
import { templateRoutes } from './routes/templates.js';
import { memberRoutes } from './routes/members.js';
import { recordRoutes } from './routes/records.js';
import { mountQueueDashboard, systemRoutes } from './routes/system.js';
import { userRoutes } from './routes/users.js';

export type { AppDeps } from './routes/context.js';
export { cleanFileName } from './routes/imports.js';

/**
 * Builds the Express app: logging, caching and sniffing headers, method handling, the review page, the routes, the
 * queue dashboard, and the error middleware.
 */
export function createApp(deps: AppDeps): Express {
  const { store, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  const methods = methodHandlers(app);
  // Members' records, new API keys and exports must not sit in shared or browser caches.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger,
      // No headers (the key), no bodies: method, path, status, time.
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(methods.options);

  const routeDeps: RouteDeps = { ...deps, auth: authenticate((key) => store.users.findByKey(key)) };
  // Public: the review page (its data needs a key), health, readiness, metrics, the OpenAPI document.
  app.use(pageRouter());
  app.use(systemRoutes(routeDeps));
  mountQueueDashboard(app, routeDeps);
  app.use(importRoutes(routeDeps));
  app.use(mappingRoutes(routeDeps));
  app.use(templateRoutes(routeDeps));
  app.use(recordRoutes(routeDeps));
  app.use(memberRoutes(routeDeps));
  app.use(dashboardRoutes(routeDeps));
  app.use(userRoutes(routeDeps));

  app.use(methods.notAllowed);
  app.use(notFound);
  app.use(errorMiddleware(logger));
  return app;
}
