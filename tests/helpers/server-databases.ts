import { randomBytes } from 'node:crypto'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { parseConfig } from '#server/config/index.ts'
import { migrateStores } from '#server/database/migrate.ts'
import type { StoreName } from '#server/database/store-errors.ts'
import { createLogger } from '#server/log.ts'
import pg from 'pg'

/**
 * Fresh databases on a PostgreSQL server, opened as the application logins that own nothing —
 * the production setup of docs/runbooks/production-postgres.md. Given a superuser URL and a tag,
 * `prepare` makes the logins `chartside_<tag>_migrator`, `_service` and `_ledger_service` and two
 * template databases migrated by `npm run db:migrate`'s own code; `create` and `open` copy them.
 * Everything made is named `chartside_<tag>_…`, so the integration tests (`test`) and the
 * benchmarks (`bench`) can share a server without dropping each other's databases.
 */
export type Login = { name: string; password: string }
export type ServerLogins = { migrator: Login; service: Login; ledger: Login }

/** A pair of fresh databases: the env that points the app at them, and a drop. */
export type TestDatabases = {
	/** DATABASE_URL and AUDIT_DATABASE_URL as the application logins; {} on PGlite. */
	env: Record<string, string>
	/** The database names on the server (null on PGlite). */
	names: { operational: string; ledger: string } | null
	drop(): Promise<void>
}

/** A store below the services, with the two stronger hands a test or benchmark sometimes needs. */
export type TestDatabase = DatabaseHandle & {
	/** SQL as the tables' owner (the migrator on a server; PGlite's only user). */
	asOwner<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
	/**
	 * SQL as a superuser with triggers off (session_replication_role = replica): what an intruder
	 * with full access to the database could do. Several statements may be given at once.
	 */
	tamper(statements: string): Promise<void>
}

export type ServerDatabases = {
	readonly logins: ServerLogins
	/** A URL on the server for `database` as `login` (default: the superuser). */
	url(database: string, login?: Login): string
	/** Runs statements as the superuser, on the maintenance database or on `database`. */
	asSuperuser<T>(work: (client: pg.Client) => Promise<T>, database?: string): Promise<T>
	/** The logins and the migrated templates; leftovers of an interrupted run are dropped first. */
	prepare(): Promise<void>
	/** Drops every database of this tag (the end of a run, or the leftovers of a killed one). */
	dropAll(): Promise<void>
	/** Fresh, migrated operational and ledger databases copied from the templates. */
	create(): Promise<TestDatabases>
	/** One fresh store opened as its application login; `close` also drops its databases. */
	open(store?: StoreName, options?: { poolMax?: number }): Promise<TestDatabase>
}

/** The logins of a tag: `chartside_test_migrator` / `test-migrator`, and so on. */
export function serverLogins(tag: string): ServerLogins {
	const login = (role: string) => ({ name: `chartside_${tag}_${role}`, password: `${tag}-${role}` })
	return {
		migrator: login('migrator'),
		service: login('service'),
		ledger: { name: `chartside_${tag}_ledger_service`, password: `${tag}-ledger-service` },
	}
}

/** A LIKE pattern matching names that start with `prefix` (its `_` taken literally). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`

export function serverDatabases(superuserUrl: string, tag: string): ServerDatabases {
	const prefix = `chartside_${tag}_`
	const template = { operational: `${prefix}template`, ledger: `${prefix}template_ledger` }
	const logins = serverLogins(tag)

	function url(database: string, login?: Login): string {
		const u = new URL(superuserUrl)
		u.pathname = `/${database}`
		if (login) {
			u.username = login.name
			u.password = login.password
		}
		return u.toString()
	}

	async function asSuperuser<T>(
		work: (client: pg.Client) => Promise<T>,
		database?: string,
	): Promise<T> {
		const client = new pg.Client({ connectionString: database ? url(database) : superuserUrl })
		await client.connect()
		try {
			return await work(client)
		} finally {
			await client.end()
		}
	}

	async function dropAll(): Promise<void> {
		await asSuperuser(async (client) => {
			const { rows } = await client.query<{ datname: string }>(
				'select datname from pg_database where datname like $1',
				[startsWith(prefix)],
			)
			for (const { datname } of rows)
				await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`)
		})
	}

	async function prepare(): Promise<void> {
		await dropAll()
		await asSuperuser(async (client) => {
			for (const login of Object.values(logins)) {
				const exists = await client.query('select 1 from pg_roles where rolname = $1', [login.name])
				const attributes = login === logins.migrator ? 'LOGIN CREATEROLE' : 'LOGIN'
				await client.query(
					`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${pg.escapeIdentifier(login.name)} ${attributes} PASSWORD '${login.password}'`,
				)
			}
			for (const name of Object.values(template))
				await client.query(
					`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(logins.migrator.name)}`,
				)
		})
		await asSuperuser((client) => client.query('CREATE EXTENSION vector'), template.operational)
		await migrateStores(
			parseConfig({
				DATABASE_URL: url(template.operational, logins.service),
				AUDIT_DATABASE_URL: url(template.ledger, logins.ledger),
				MIGRATOR_DATABASE_URL: url(template.operational, logins.migrator),
				MIGRATOR_AUDIT_DATABASE_URL: url(template.ledger, logins.migrator),
			}),
			createLogger('silent'),
		)
	}

	async function create(): Promise<TestDatabases> {
		const base = `${prefix}${randomBytes(5).toString('hex')}`
		const names = { operational: base, ledger: `${base}_ledger` }
		await asSuperuser(async (client) => {
			for (const store of ['operational', 'ledger'] as const)
				await client.query(
					`CREATE DATABASE ${pg.escapeIdentifier(names[store])} TEMPLATE ${pg.escapeIdentifier(template[store])} OWNER ${pg.escapeIdentifier(logins.migrator.name)}`,
				)
		})
		return {
			env: {
				DATABASE_URL: url(names.operational, logins.service),
				AUDIT_DATABASE_URL: url(names.ledger, logins.ledger),
			},
			names,
			async drop() {
				await asSuperuser(async (client) => {
					for (const name of [names.operational, names.ledger])
						await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
				})
			},
		}
	}

	async function open(
		store: StoreName = 'operational',
		options: { poolMax?: number } = {},
	): Promise<TestDatabase> {
		const databases = await create()
		const name = databases.names?.[store] ?? ''
		let handle: DatabaseHandle
		try {
			const login = store === 'ledger' ? logins.ledger : logins.service
			handle = await openDatabase({
				kind: 'server',
				url: url(name, login),
				poolMax: options.poolMax ?? 4,
			})
		} catch (error) {
			await databases.drop()
			throw error
		}
		return {
			...handle,
			async asOwner<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
				const client = new pg.Client({ connectionString: url(name, logins.migrator) })
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
				try {
					await handle.close()
				} finally {
					await databases.drop()
				}
			},
		}
	}

	return { logins, url, asSuperuser, prepare, dropAll, create, open }
}
