/**
 * `npm start` runs this first: validates the configuration and, when the demo is wanted (an
 * embedded database, or SEED_DEMO=true), migrates and loads the synthetic demo hospital.
 * Idempotent. The server migrates on its own boot whether or not the demo is seeded.
 * Failures print plain words and an error code, never the database's error text.
 */
import { mkdir } from 'node:fs/promises'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { loadConfigOrExit } from '#server/config/boot.ts'
import { errorFields } from '#server/log.ts'
import { databaseConnection } from '#server/db-connection.ts'
import { seedDemo } from './seed.ts'

const config = loadConfigOrExit()

function fail(message: string, error: unknown): never {
	const { errorCode } = errorFields(error)
	process.stderr.write(`Chartside cannot start: ${message} (${errorCode})\n`)
	process.exit(1)
}

if (config.seedDemo) {
	let handle: DatabaseHandle
	try {
		await mkdir(config.dataDir, { recursive: true })
		handle = await openDatabase(databaseConnection(config.database, 'chartside-seed'))
	} catch (error) {
		fail(
			'the database could not be opened. Check DATABASE_URL, or DATA_DIR for the embedded store.',
			error,
		)
	}
	try {
		await migrateDatabase(handle)
		const summary = await seedDemo(handle.db)
		const added = summary.patients + summary.documents + summary.users + summary.careTeamMembers
		console.log(
			added === 0
				? 'Demo hospital already loaded.'
				: `Demo hospital loaded: ${summary.patients} patients, ${summary.documents} documents, ${summary.users} users, ${summary.careTeamMembers} care-team memberships.`,
		)
	} catch (error) {
		fail('the demo hospital could not be loaded.', error)
	} finally {
		await handle.close()
	}
}
