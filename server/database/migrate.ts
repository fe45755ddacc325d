import { mkdir } from 'node:fs/promises'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import {
	LEDGER_MIGRATIONS_FOLDER,
	MIGRATIONS_FOLDER,
	migrateDatabase,
	migrationState,
} from '#db/migrate.ts'
import type { Config } from '../config/index.ts'
import { loginOf } from '../config/schema.ts'
import type { Logger } from '../log.ts'
import { AppError } from '../platform/errors.ts'
import { installJobQueue, jobQueueGrantsSql } from '../jobs/index.ts'
import { databaseConnection } from './connection.ts'
import { assertApplicationLogin, LOGIN_ROLES } from './login-checks.ts'
import { describeStoreError, STORES, type StoreName } from './store-errors.ts'

/** Any 64-bit number, the same in every process: one migrator per database at a time. */
const MIGRATION_LOCK = 0x43534d4947524154n // "CSMIGRAT"

export type StoreMigration = {
	store: StoreName
	/** Migrations applied by this run (0 when the schema was already current). */
	applied: number
	/** The code's migrations: what the database has now. */
	total: number
	/** The application login granted its roles, on a server; null when embedded. */
	login: string | null
	granted: string[]
}

/**
 * The job queue's schema and queues (pg-boss, ADR 032), installed by the same owner right after
 * the operational migrations, and usable by chartside_system — so by every application login
 * that inherits it (the app's and the workers'), which never hold CREATE.
 */
async function installJobs(owner: DatabaseHandle, migratorUrl: string | null): Promise<void> {
	if (owner.pglite) {
		await installJobQueue({ pglite: owner.pglite })
		return
	}
	if (!migratorUrl) throw new Error('a server database is migrated only with its migrator URL')
	await installJobQueue({ connectionString: migratorUrl, poolMax: 1 })
	for (const statement of jobQueueGrantsSql(SYSTEM_ROLE)) await owner.query(statement)
}

/** The role application logins inherit for their system paths (migration 0005). */
const SYSTEM_ROLE = 'chartside_system'

/**
 * `npm run db:migrate`: brings both databases to the code's schema as their owner and gives the
 * application logins their roles (ADR 033). Embedded: the PGlite stores under DATA_DIR (which
 * the app also migrates at boot). Server: connects as the migrator (MIGRATOR_DATABASE_URL,
 * MIGRATOR_AUDIT_DATABASE_URL), one connection per database holding an advisory lock, so two
 * deploys cannot migrate at once; then grants LOGIN_ROLES to the logins named in DATABASE_URL and
 * AUDIT_DATABASE_URL. Idempotent: a second run applies nothing and grants what is already held.
 */
export async function migrateStores(config: Config, log: Logger): Promise<StoreMigration[]> {
	const targets = [
		{
			store: 'operational',
			db: config.database,
			migratorUrl: config.migrator.database,
			folder: MIGRATIONS_FOLDER,
		},
		{
			store: 'ledger',
			db: config.auditDatabase,
			migratorUrl: config.migrator.auditDatabase,
			folder: LEDGER_MIGRATIONS_FOLDER,
		},
	] as const
	for (const t of targets) {
		if (t.db.kind === 'server' && !t.migratorUrl) {
			const migratorVariable =
				t.store === 'ledger' ? 'MIGRATOR_AUDIT_DATABASE_URL' : 'MIGRATOR_DATABASE_URL'
			throw new AppError(
				'DB_MIGRATION_CONFIG_INVALID',
				`${STORES[t.store].variable} names a server, so ${migratorVariable} must name the migrator login for the same database (docs/runbooks/production-postgres.md, step 3).`,
			)
		}
	}
	if (config.database.kind === 'embedded') await mkdir(config.dataDir, { recursive: true })

	const results: StoreMigration[] = []
	for (const t of targets) {
		const connection =
			t.db.kind === 'server' && t.migratorUrl
				? { ...databaseConnection(t.db, 'chartside-migrator', log), url: t.migratorUrl, poolMax: 1 }
				: databaseConnection(t.db, 'chartside-migrator', log)
		let owner: DatabaseHandle
		try {
			owner = await openDatabase(connection)
		} catch (error) {
			throw describeStoreError(t.store, error, { as: 'migrator' })
		}
		try {
			// One connection (poolMax 1): the session lock and the migrations share it.
			if (owner.kind === 'server')
				await owner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK.toString()])
			const before = await migrationState(owner, t.folder)
			await migrateDatabase(owner, t.folder)
			if (t.store === 'operational') await installJobs(owner, t.migratorUrl)
			const granted: string[] = []
			const login = t.db.kind === 'server' ? loginOf(t.db.url) : null
			if (login) {
				for (const { role } of LOGIN_ROLES[t.store]) {
					await owner.query(`grant ${pg.escapeIdentifier(role)} to ${pg.escapeIdentifier(login)}`)
					granted.push(role)
				}
			}
			results.push({
				store: t.store,
				applied: before.expected - (before.applied ?? 0),
				total: before.expected,
				login,
				granted,
			})
			if (owner.kind === 'server')
				await owner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()])
		} catch (error) {
			throw describeStoreError(t.store, error, { as: 'migrator' })
		} finally {
			await owner.close()
		}
	}
	return results
}

/**
 * What every process does with a store it opened, before using it: an embedded store is migrated
 * (the process is its only client and its owner; `migrate: false` skips it); a server database is
 * never migrated by the application — `npm run db:migrate` does that as the migrator — and is
 * checked instead: this login may run, and the schema is the code's (ADR 033).
 */
export async function prepareStore(
	store: StoreName,
	handle: DatabaseHandle,
	options: { migrate?: boolean } = {},
): Promise<void> {
	try {
		if (handle.kind === 'server') await assertApplicationLogin(handle, store)
		else if (options.migrate !== false)
			await migrateDatabase(
				handle,
				store === 'ledger' ? LEDGER_MIGRATIONS_FOLDER : MIGRATIONS_FOLDER,
			)
	} catch (error) {
		throw describeStoreError(store, error)
	}
}
