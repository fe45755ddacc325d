import { randomBytes } from 'node:crypto'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { parseConfig } from '#server/config/index.ts'
import { migrateStores } from '#server/database/migrate.ts'
import type { StoreName } from '#server/database/store-errors.ts'
import { createLogger } from '#server/log.ts'
import pg from 'pg'

/**
 * Where integration tests keep their data. Unset TEST_DATABASE_URL (npm test): PGlite, in memory
 * or in a temporary DATA_DIR, as before. Set to a PostgreSQL server's superuser URL (the second
 * run of .ci/run, `npm run test:server`): each test gets fresh databases on that server, copied
 * from templates that `npm run db:migrate`'s own code migrated once, and connects as the
 * application logins that own nothing — the production setup of
 * docs/runbooks/production-postgres.md.
 */
export const TEST_SERVER_URL: string | null = process.env.TEST_DATABASE_URL || null
export const onTestServer = TEST_SERVER_URL !== null

/** The test cluster's logins (loopback only; names apart from any real deployment's). */
export const TEST_LOGINS = {
	migrator: { name: 'chartside_test_migrator', password: 'test-migrator' },
	service: { name: 'chartside_test_service', password: 'test-service' },
	ledger: { name: 'chartside_test_ledger_service', password: 'test-ledger-service' },
} as const

const PREFIX = 'chartside_test_'
const TEMPLATE = { operational: `${PREFIX}template`, ledger: `${PREFIX}template_ledger` } as const

/** A URL on the test server for `database` as `login` (default: the superuser of TEST_DATABASE_URL). */
export function testServerUrl(
	database: string,
	login?: { name: string; password: string },
): string {
	if (!TEST_SERVER_URL) throw new Error('TEST_DATABASE_URL is not set')
	const url = new URL(TEST_SERVER_URL)
	url.pathname = `/${database}`
	if (login) {
		url.username = login.name
		url.password = login.password
	}
	return url.toString()
}

/** Runs statements as the test server's superuser on its maintenance database. */
export async function asSuperuser<T>(
	work: (client: pg.Client) => Promise<T>,
	database?: string,
): Promise<T> {
	if (!TEST_SERVER_URL) throw new Error('TEST_DATABASE_URL is not set')
	const client = new pg.Client({
		connectionString: database ? testServerUrl(database) : TEST_SERVER_URL,
	})
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Once per test run (vitest globalSetup): the runbook's logins, and the two template databases
 * migrated by `migrateStores` as the migrator, which also grants the application logins their
 * roles. Databases left by an earlier, interrupted run are dropped first.
 */
export async function prepareTestServer(): Promise<void> {
	await dropTestDatabases()
	await asSuperuser(async (client) => {
		for (const login of Object.values(TEST_LOGINS)) {
			const exists = await client.query('select 1 from pg_roles where rolname = $1', [login.name])
			const attributes = login === TEST_LOGINS.migrator ? 'LOGIN CREATEROLE' : 'LOGIN'
			await client.query(
				`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(login.name)} ${attributes} PASSWORD '${login.password}'`,
			)
		}
		for (const name of Object.values(TEMPLATE))
			await client.query(`CREATE DATABASE ${ident(name)} OWNER ${ident(TEST_LOGINS.migrator.name)}`)
	})
	await asSuperuser((client) => client.query('CREATE EXTENSION vector'), TEMPLATE.operational)
	await migrateStores(
		parseConfig({
			DATABASE_URL: testServerUrl(TEMPLATE.operational, TEST_LOGINS.service),
			AUDIT_DATABASE_URL: testServerUrl(TEMPLATE.ledger, TEST_LOGINS.ledger),
			MIGRATOR_DATABASE_URL: testServerUrl(TEMPLATE.operational, TEST_LOGINS.migrator),
			MIGRATOR_AUDIT_DATABASE_URL: testServerUrl(TEMPLATE.ledger, TEST_LOGINS.migrator),
		}),
		createLogger('silent'),
	)
}

/** Drops every database this helper made (the end of a run, or the leftovers of a killed one). */
export async function dropTestDatabases(): Promise<void> {
	await asSuperuser(async (client) => {
		const { rows } = await client.query<{ datname: string }>(
			'select datname from pg_database where datname like $1',
			[`${PREFIX}%`],
		)
		for (const { datname } of rows)
			await client.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`)
	})
}

/** A pair of fresh databases for one test: the env that points the app at them, and a drop. */
export type TestDatabases = {
	/** DATABASE_URL and AUDIT_DATABASE_URL as the application logins; {} on PGlite. */
	env: Record<string, string>
	/** The database names on the server (null on PGlite). */
	names: { operational: string; ledger: string } | null
	drop(): Promise<void>
}

/**
 * Fresh, migrated databases for one test. On PGlite nothing is made here: the app's embedded
 * stores under its DATA_DIR are fresh already.
 */
export async function createTestDatabases(): Promise<TestDatabases> {
	if (!onTestServer) return { env: {}, names: null, drop: async () => undefined }
	const base = `${PREFIX}${randomBytes(5).toString('hex')}`
	const names = { operational: base, ledger: `${base}_ledger` }
	await asSuperuser(async (client) => {
		await client.query(
			`CREATE DATABASE ${ident(names.operational)} TEMPLATE ${ident(TEMPLATE.operational)} OWNER ${ident(TEST_LOGINS.migrator.name)}`,
		)
		await client.query(
			`CREATE DATABASE ${ident(names.ledger)} TEMPLATE ${ident(TEMPLATE.ledger)} OWNER ${ident(TEST_LOGINS.migrator.name)}`,
		)
	})
	return {
		env: {
			DATABASE_URL: testServerUrl(names.operational, TEST_LOGINS.service),
			AUDIT_DATABASE_URL: testServerUrl(names.ledger, TEST_LOGINS.ledger),
		},
		names,
		async drop() {
			await asSuperuser(async (client) => {
				for (const name of [names.operational, names.ledger])
					await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)
			})
		},
	}
}

/** A store for a test below the services, with the two stronger hands a test sometimes needs. */
export type TestDatabase = DatabaseHandle & {
	/** SQL as the tables' owner (the migrator on a server; PGlite's only user). */
	asOwner<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
	/**
	 * SQL as a superuser with triggers off (session_replication_role = replica): what an intruder
	 * with full access to the database could do. Several statements may be given at once.
	 */
	tamper(statements: string): Promise<void>
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
	if (!onTestServer) {
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
	const databases = await createTestDatabases()
	const url = databases.env[store === 'ledger' ? 'AUDIT_DATABASE_URL' : 'DATABASE_URL'] ?? ''
	const name = databases.names?.[store] ?? ''
	const handle = await openDatabase({ kind: 'server', url, poolMax: options.poolMax ?? 4 })
	return {
		...handle,
		async asOwner<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
			const client = new pg.Client({
				connectionString: testServerUrl(name, TEST_LOGINS.migrator),
			})
			await client.connect()
			try {
				return (await client.query<Row>(text, params)).rows
			} finally {
				await client.end()
			}
		},
		async tamper(statements) {
			await asSuperuser(
				(client) => client.query(`set session_replication_role = replica; ${statements}`),
				name,
			)
		},
		async close() {
			await handle.close()
			await databases.drop()
		},
	}
}
