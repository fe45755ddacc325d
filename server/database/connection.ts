import type { ConnectionOptions } from '#db/client.ts'
import type { DatabaseConfig } from '../config/index.ts'
import { errorFields, type Logger } from '../log.ts'

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
