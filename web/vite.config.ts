// Builds the review page's records grid (web/src, typed, AG Grid Community) into dist/web/records-grid.js, an ES
// module the page's script imports from /web/records-grid.js (served by src/http/page/page.ts). Run by `npm run build`.
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
    lib: { entry: fileURLToPath(new URL('src/records-grid.ts', import.meta.url)), formats: ['es'], fileName: () => 'records-grid.js' },
  },
});
