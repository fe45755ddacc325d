import { dropTestDatabases, onTestServer, prepareTestServer } from '#tests/helpers/test-database.ts'

/**
 * vitest globalSetup for the integration tests: with TEST_DATABASE_URL (a PostgreSQL server's
 * superuser), prepares the logins and the migrated template databases once, and drops every
 * test database at the end. Without it (npm test on PGlite), nothing.
 */
export async function setup(): Promise<void> {
	if (onTestServer) await prepareTestServer()
}

export async function teardown(): Promise<void> {
	if (onTestServer) await dropTestDatabases()
}
