// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, tests and benchmarks;
// the browser script of the review page and its records grid (web/) with browser globals. Run by `npm run lint`, part of `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // A leading underscore marks a value left out on purpose (`{ source: _source, ...rest }`, an Express error
      // handler's `_next`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Reading untrusted files means matching control characters on purpose (NUL bytes, ANSI escapes in CLI output).
      'no-control-regex': 'off',
    },
  },
  {
    // The records grid of the review page runs in the browser.
    files: ['web/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
