import { defineConfig } from 'vitest/config'

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
				},
			},
		],
	},
})
