import { openDatabase } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import type { StoreName } from '#server/database/store-errors.ts'
import type pg from 'pg'
import {
	serverDatabases,
	serverLogins,
	type ServerDatabases,
	type TestDatabase,
	type TestDatabases,
} from './server-databases.ts'

export type { TestDatabase, TestDatabases } from './server-databases.ts'

/**
 * Where integration tests keep their data. Unset TEST_DATABASE_URL (npm test): PGlite, in memory
 * or in a temporary DATA_DIR, as before. Set to a PostgreSQL server's superuser URL (the second
 * run of .ci/run, `npm run test:server`): each test gets fresh databases on that server, copied
 * from templates that `npm run db:migrate`'s own code migrated once, and connects as the
 * application logins that own nothing — the production setup of
 * docs/runbooks/production-postgres.md. The server side lives in server-databases.ts (tag
 * `test`), which the benchmarks share under their own tag.
 */
export const TEST_SERVER_URL: string | null = process.env.TEST_DATABASE_URL || null
export const onTestServer = TEST_SERVER_URL !== null

/** The test cluster's logins (loopback only; names apart from any real deployment's). */
export const TEST_LOGINS = serverLogins('test')

const testServer: ServerDatabases | null = TEST_SERVER_URL
	? serverDatabases(TEST_SERVER_URL, 'test')
	: null

function requireTestServer(): ServerDatabases {
	if (!testServer) throw new Error('TEST_DATABASE_URL is not set')
	return testServer
}

/** A URL on the test server for `database` as `login` (default: the superuser of TEST_DATABASE_URL). */
export function testServerUrl(
	database: string,
	login?: { name: string; password: string },
): string {
	return requireTestServer().url(database, login)
}

/** Runs statements as the test server's superuser on its maintenance database. */
export async function asSuperuser<T>(
	work: (client: pg.Client) => Promise<T>,
	database?: string,
): Promise<T> {
	return requireTestServer().asSuperuser(work, database)
}

/**
 * Once per test run (vitest globalSetup): the runbook's logins, and the two template databases
 * migrated by `migrateStores` as the migrator, which also grants the application logins their
 * roles. Databases left by an earlier, interrupted run are dropped first.
 */
export async function prepareTestServer(): Promise<void> {
	await requireTestServer().prepare()
}

/** Drops every database this helper made (the end of a run, or the leftovers of a killed one). */
export async function dropTestDatabases(): Promise<void> {
	await requireTestServer().dropAll()
}

/**
 * Fresh, migrated databases for one test. On PGlite nothing is made here: the app's embedded
 * stores under its DATA_DIR are fresh already.
 */
export async function createTestDatabases(): Promise<TestDatabases> {
	if (!testServer) return { env: {}, names: null, drop: async () => undefined }
	return testServer.create()
}

/**
 * One migrated store for a test that works below the services (retrieval, documents, the
 * ledger): PGlite in memory, or a fresh server database opened as the application login. `close`
 * also drops the server database.
 */
export async function openTestDatabase(
	store: StoreName = 'operational',
	options: { poolMax?: number } = {},
): Promise<TestDatabase> {
	if (testServer) return testServer.open(store, options)
	const handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle, store === 'ledger' ? LEDGER_MIGRATIONS_FOLDER : undefined)
	return {
		...handle,
		asOwner: (text, params) => handle.query(text, params),
		async tamper(statements) {
			await handle.pglite?.exec(
				`set session_replication_role = replica; ${statements}; set session_replication_role = origin;`,
			)
		},
	}
}
