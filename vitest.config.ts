import { defineConfig } from 'vitest/config'

/** The integration tests that run a second time on a PostgreSQL server (see the 'server' project). */
const SERVER_TESTS = [
	'tests/integration/authorization-matrix.int.test.ts',
	'tests/integration/row-level-security.int.test.ts',
	'tests/integration/copilot-http.int.test.ts',
	'tests/integration/sessions-and-csrf.int.test.ts',
	'tests/integration/ledger-concurrency.int.test.ts',
	'tests/integration/intake-upload.int.test.ts',
	'tests/server/**/*.int.test.ts',
	'server/audit/ledger-*.int.test.ts',
	'server/retrieval/search.int.test.ts',
	'server/documents/documents.int.test.ts',
	'server/copilot/copilot.int.test.ts',
	'server/jobs/**/*.int.test.ts',
	'server/intake/intake.int.test.ts',
]

// Two projects: fast unit tests beside the code, and integration tests that need a
// database or a server (`*.int.test.ts`). Browser tests live in tests/e2e (Playwright).
export default defineConfig({
	test: {
		setupFiles: ['./tests/setup/fail-on-console-error.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['{app,server,db,ingest,evals,tools,tests,bench}/**/*.test.{ts,tsx}'],
					exclude: [
						'**/*.int.test.{ts,tsx}',
						'tests/e2e/**',
						'tests/fixtures/**',
						'node_modules/**',
					],
				},
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['{app,server,db,ingest,evals,tools,tests,bench}/**/*.int.test.{ts,tsx}'],
					exclude: ['tests/e2e/**', 'tests/fixtures/**', 'node_modules/**'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// PGlite instances are memory hungry; two cores, so keep workers few
					maxWorkers: 2,
					sequence: { groupOrder: 1 },
					// With TEST_DATABASE_URL: logins and migrated templates on that server, once.
					globalSetup: ['./tests/setup/test-server.ts'],
				},
			},
			{
				extends: true,
				test: {
					// `npm run test:server` (TEST_DATABASE_URL set): the integration tests whose
					// subject is the database — access control, the ledger, retrieval, the copilot over
					// HTTP, boot, the job queue and scale-out — again on a real PostgreSQL server.
					name: 'server',
					include: SERVER_TESTS,
					testTimeout: 120_000,
					hookTimeout: 120_000,
					maxWorkers: 2,
					sequence: { groupOrder: 2 },
					globalSetup: ['./tests/setup/test-server.ts'],
				},
			},
		],
	},
})
