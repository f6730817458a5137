// Builds the review page's typed modules (web/src) into dist/web as ES modules the page's script imports from /web/
// (served by src/http/page/page.ts): the records grid (records-grid.js, AG Grid Community) and the mapping view
// (mapping-view.js, issue 11) and the dashboards (dashboard.js, issue 17, charts by Chart.js); code they share goes to a chunk beside them. Run by `npm run build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    lib: {
      entry: {
        'records-grid': fileURLToPath(new URL('src/records-grid.ts', import.meta.url)),
        'mapping-view': fileURLToPath(new URL('src/mapping-view.ts', import.meta.url)),
        dashboard: fileURLToPath(new URL('src/dashboard.ts', import.meta.url)),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
