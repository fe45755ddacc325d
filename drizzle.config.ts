import { defineConfig } from 'drizzle-kit'

// Used only to generate migrations (`npm run db:generate`); they are applied by the
// programmatic migrator in db/migrate.ts at start and in tests.
export default defineConfig({
	dialect: 'postgresql',
	schema: './db/schema/index.ts',
	out: './db/migrations',
	casing: 'snake_case',
})
