import { defineConfig } from 'drizzle-kit'

// Migrations of the audit ledger's own database (`npm run db:generate:ledger`).
export default defineConfig({
	dialect: 'postgresql',
	schema: './db/ledger/schema.ts',
	out: './db/ledger/migrations',
	casing: 'snake_case',
})
