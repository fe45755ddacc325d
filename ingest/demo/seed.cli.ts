/**
 * `npm start` runs this before the server: migrates the database and, on an embedded database
 * (or with SEED_DEMO=true), loads the synthetic demo hospital. Idempotent.
 */
import { openDatabase } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { ConfigError, getConfig } from '#server/config/index.ts'
import { seedDemo } from './seed.ts'

let config
try {
	config = getConfig()
} catch (error) {
	if (error instanceof ConfigError) {
		process.stderr.write(`Chartside cannot start.\n${error.message}\n`)
		process.exit(1)
	}
	throw error
}

if (config.seedDemo) {
	const { mkdir } = await import('node:fs/promises')
	await mkdir(config.dataDir, { recursive: true })
	const db = config.database
	let handle
	try {
		handle = await openDatabase(
			db.kind === 'embedded'
				? { kind: 'embedded', dataDir: db.dataDir }
				: { ...db, applicationName: 'chartside-seed' },
		)
	} catch {
		process.stderr.write(
			'Chartside cannot start: the database could not be opened. Check DATABASE_URL or DATA_DIR.\n',
		)
		process.exit(1)
	}
	try {
		await migrateDatabase(handle)
		const summary = await seedDemo(handle.db)
		const added = summary.patients + summary.documents + summary.users + summary.careTeam
		console.log(
			added === 0
				? 'Demo hospital already loaded.'
				: `Demo hospital loaded: ${summary.patients} patients, ${summary.documents} documents, ${summary.users} users, ${summary.careTeam} care-team memberships.`,
		)
	} finally {
		await handle.close()
	}
}
