import { mkdir } from 'node:fs/promises'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import type { Config, DatabaseConfig } from './config/index.ts'

/**
 * What a running Chartside process holds: its configuration, the operational database and the
 * separate store reserved for the audit ledger. Created once at boot and handed to every request
 * through the Remix load context.
 */
export type Services = {
	config: Config
	database: DatabaseHandle
	/** The ledger's own store: never the operational database (DESIGN.md, floor item 6). */
	ledgerStore: DatabaseHandle
	close(): Promise<void>
}

export async function createServices(
	config: Config,
	options: { migrate?: boolean } = {},
): Promise<Services> {
	await mkdir(config.dataDir, { recursive: true })
	const database = await openDatabase(connection(config.database, 'chartside'))
	let ledgerStore: DatabaseHandle
	try {
		ledgerStore = await openDatabase(connection(config.auditDatabase, 'chartside-ledger'))
	} catch (error) {
		await database.close()
		throw error
	}
	if (options.migrate !== false) await migrateDatabase(database)
	return {
		config,
		database,
		ledgerStore,
		async close() {
			await Promise.allSettled([database.close(), ledgerStore.close()])
		},
	}
}

function connection(db: DatabaseConfig, applicationName: string) {
	return db.kind === 'embedded'
		? { kind: 'embedded' as const, dataDir: db.dataDir, statementTimeoutMs: db.statementTimeoutMs }
		: { ...db, applicationName }
}
