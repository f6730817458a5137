/**
 * drizzle-kit settings: `npx drizzle-kit generate --config src/store/drizzle.config.ts` writes a new migration
 * into `src/store/migrations/` after a change to `schema.ts`. Migrations are applied at start (`db.ts`).
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
});
