import { mkdir } from 'node:fs/promises'
import {
	openDatabase,
	type ConnectionOptions,
	type DatabaseHandle,
	type StoreHandle,
} from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import type { Config, DatabaseConfig } from './config/index.ts'
import { createLogger, errorFields, type Logger } from './log.ts'

/**
 * What a running Chartside process holds: its configuration, its logger, the operational database
 * and the separate store reserved for the audit ledger. Created once at boot. Requests never see
 * this object whole: they get the narrow AppContext built from it (server/http/app-context.ts).
 */
export type Services = {
	config: Config
	log: Logger
	database: DatabaseHandle
	/** The ledger's own store: never the operational database (DESIGN.md, floor item 6). */
	ledgerStore: StoreHandle
	close(): Promise<void>
}

export async function createServices(
	config: Config,
	options: { migrate?: boolean; log?: Logger } = {},
): Promise<Services> {
	const log = options.log ?? createLogger(config.logLevel)
	await mkdir(config.dataDir, { recursive: true })
	const database = await openDatabase(databaseConnection(config.database, 'chartside', log))
	let ledgerStore: StoreHandle
	try {
		ledgerStore = await openDatabase(
			databaseConnection(config.auditDatabase, 'chartside-ledger', log),
		)
	} catch (error) {
		await database.close()
		throw error
	}
	try {
		if (options.migrate !== false) await migrateDatabase(database)
	} catch (error) {
		await Promise.allSettled([database.close(), ledgerStore.close()])
		throw error
	}
	return {
		config,
		log,
		database,
		ledgerStore,
		async close() {
			await Promise.allSettled([database.close(), ledgerStore.close()])
		},
	}
}

/** How to open a configured database: embedded directory or server URL with pool settings. */
export function databaseConnection(
	db: DatabaseConfig,
	applicationName: string,
	log?: Logger,
): ConnectionOptions {
	if (db.kind === 'embedded') {
		return { kind: 'embedded', dataDir: db.dataDir, statementTimeoutMs: db.statementTimeoutMs }
	}
	return {
		...db,
		applicationName,
		onIdleError: (error) =>
			log?.warn('db.idle_connection_error', { store: applicationName, ...errorFields(error) }),
	}
}
