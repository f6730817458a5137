/**
 * The review page (issue 5 §2), served at `/`: a static HTML shell plus one script and one stylesheet, and the
 * records grid (issue 14) built from `web/` by vite into `dist/web/`, served at `/web/`. The page holds no data: the script asks for an API key (kept in the tab's sessionStorage) and reads and
 * changes everything through the JSON API with `Authorization: Bearer <key>`, so the same roles apply as to any
 * client. A strict Content-Security-Policy allows only the page's own script and styles.
 *
 * The script and stylesheet live beside this file as `review.js` and `review.css` (read once at start, from
 * `src/http/page/` both under the TypeScript sources and from `dist/`, like the SQL migrations).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** Folder holding `review.js` and `review.css`. */
export function pageAssetsFolder(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  if (existsSync(`${here}review.js`)) return here;
  return fileURLToPath(new URL('../../../../src/http/page/', import.meta.url));
}

/**
 * The page's Content-Security-Policy. The records grid (AG Grid) injects its theme's styles as `<style>` elements:
 * they carry the per-response `nonce` (the grid's `styleNonce`), so no 'unsafe-inline' is needed.
 */
function csp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Folder holding the built records grid (`npm run build` → `dist/web`, web/vite.config.ts), from `src/` or `dist/src/`. */
export function gridAssetsFolder(): string {
  const here = fileURLToPath(new URL('../../../', import.meta.url));
  return existsSync(`${here}web/records-grid.js`) ? `${here}web/` : `${here}dist/web/`;
}

const html = (nonce: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="style-nonce" content="${nonce}">
<title>CPD review — cpd-import</title>
<link rel="stylesheet" href="/assets/review.css">
<script type="module" src="/assets/review.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand"><a href="#/">CPD review</a></p>
  <div id="who" class="who"></div>
</header>
<main id="main" tabindex="-1">
  <noscript><p>This page needs JavaScript. The API itself is described at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
  <div id="view"><p>Loading…</p></div>
</main>
<footer class="foot"><p>The API behind this page: <a href="/openapi.json">/openapi.json</a> (send <code>Authorization: Bearer &lt;key&gt;</code>).</p></footer>
<div id="announce" class="sr-only" role="status" aria-live="polite"></div>
</body>
</html>
`;

/**
 * Routes for the page: `GET /` (the shell), `GET /assets/review.js`, `GET /assets/review.css`, `GET /web/*` (the
 * built records grid). Public: the data behind the page needs a key.
 */
export function pageRouter(): Router {
  const dir = pageAssetsFolder();
  const js = readFileSync(`${dir}review.js`, 'utf8');
  const css = readFileSync(`${dir}review.css`, 'utf8');
  const r = express.Router();
  r.get('/', (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', csp(nonce));
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html(nonce));
  });
  // The records grid, built from web/ (typed, AG Grid Community) by `npm run build`.
  r.use('/web', express.static(gridAssetsFolder(), { index: false, fallthrough: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  // No icon: answer the browser's automatic request without a 404 in its console.
  r.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  r.get('/assets/review.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript; charset=utf-8').send(js);
  });
  r.get('/assets/review.css', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/css; charset=utf-8').send(css);
  });
  return r;
}
