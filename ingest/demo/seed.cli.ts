/**
 * `npm start` runs this first: validates the configuration and, when the demo is wanted (an
 * embedded database, or SEED_DEMO=true), migrates both stores and loads the synthetic demo
 * hospital through the ingestion pipeline (gateway embeddings, ledger events). Idempotent. The server migrates on its own boot whether or not the demo is seeded.
 * Failures print plain words and an error code, never the database's error text.
 */
import { describeBootFailure } from '#server/boot-failure.ts'
import { loadConfigOrExit } from '#server/config/boot.ts'
import { createLogger, errorFields } from '#server/log.ts'
import { DOCUMENTS_SYSTEM_PATH } from '#server/documents/index.ts'
import { createServices, type Services } from '#server/services.ts'
import { seedDemo } from './seed.ts'

const config = loadConfigOrExit()

function fail(message: string, error: unknown): never {
	const { errorCode } = errorFields(error)
	process.stderr.write(`Chartside cannot start: ${message} (${errorCode})\n`)
	process.exit(1)
}

if (config.seedDemo) {
	let services: Services
	try {
		// Seeding needs no background work: the app runs the job queue once it starts.
		services = await createServices(config, { log: createLogger('warn'), jobs: 'off' })
	} catch (error) {
		process.stderr.write(`Chartside cannot start: ${describeBootFailure(error).message}\n`)
		process.exit(1)
	}
	try {
		const summary = await seedDemo({
			db: services.system.systemDatabase(DOCUMENTS_SYSTEM_PATH).db,
			gateway: services.gateway,
			audit: services.audit,
		})
		const added = summary.patients + summary.documents + summary.users + summary.careTeamMembers
		console.log(
			added === 0
				? 'Demo hospital already loaded.'
				: `Demo hospital loaded: ${summary.patients} patients, ${summary.documents} documents (${summary.chunks} chunks), ${summary.users} users, ${summary.careTeamMembers} care-team memberships.`,
		)
	} catch (error) {
		fail('the demo hospital could not be loaded.', error)
	} finally {
		await services.close()
	}
}
