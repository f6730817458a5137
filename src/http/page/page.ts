/**
 * The review page (issue 5 §2), served at `/`: a static HTML shell plus one script and one stylesheet, no build
 * step. The page holds no data: the script asks for an API key (kept in the tab's sessionStorage) and reads and
 * changes everything through the JSON API with `Authorization: Bearer <key>`, so the same roles apply as to any
 * client. A strict Content-Security-Policy allows only the page's own script and styles.
 *
 * The script and stylesheet live beside this file as `review.js` and `review.css` (read once at start, from
 * `src/http/page/` both under the TypeScript sources and from `dist/`, like the SQL migrations).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** Folder holding `review.js` and `review.css`. */
export function pageAssetsFolder(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  if (existsSync(`${here}review.js`)) return here;
  return fileURLToPath(new URL('../../../../src/http/page/', import.meta.url));
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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
 * Routes for the page: `GET /` (the shell), `GET /assets/review.js`, `GET /assets/review.css`. Public: the data
 * behind the page needs a key.
 */
export function pageRouter(): Router {
  const dir = pageAssetsFolder();
  const js = readFileSync(`${dir}review.js`, 'utf8');
  const css = readFileSync(`${dir}review.css`, 'utf8');
  const r = express.Router();
  r.get('/', (_req, res) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(HTML);
  });
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
