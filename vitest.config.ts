import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Opening an embedded PostgreSQL (PGlite) or a Redis-backed worker in beforeAll takes 2–15 s on a loaded
    // 2-core machine; the 10 s default failed three test files under load (issue 10).
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
  },
});
