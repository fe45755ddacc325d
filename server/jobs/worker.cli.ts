/**
 * `npm run worker`: the job queue's workers as their own process (ADR 032), for production, where
 * the app runs none (JOBS_IN_PROCESS=false with DATABASE_URL). It opens the databases, the ledger
 * and the gateway as the app does, works every queue until SIGTERM or SIGINT, then stops taking
 * jobs, lets running ones finish (up to 30 s; an unfinished one is retried elsewhere) and closes.
 * Run as many as the load needs: each job is done by one of them.
 *
 * Failures print plain words and an error code, never an error's message or stack.
 */
import { StoreInUseError } from '#db/client.ts'
import { loadConfigOrExit } from '../config/boot.ts'
import { createLogger, errorFields, type Logger } from '../log.ts'
import { hasCode } from '../platform/errors.ts'
import { createServices, type Services } from '../services.ts'

function fail(log: Logger, event: string, message: string, error: unknown): never {
	log.error(event, errorFields(error))
	process.stderr.write(`The Chartside worker cannot start: ${message}\n`)
	process.exit(1)
}

const config = loadConfigOrExit()
const log = createLogger(config.logLevel)

let services: Services
try {
	services = await createServices(config, { log, jobs: 'workers' })
} catch (error) {
	if (error instanceof StoreInUseError)
		fail(
			log,
			'worker.store_in_use',
			`an embedded store in DATA_DIR is open in process ${error.pid} (probably the app, which runs the workers itself in embedded mode).`,
			error,
		)
	if (hasCode(error, 'JOBS_NOT_INSTALLED'))
		fail(
			log,
			'worker.jobs_not_installed',
			'the job queue is not installed in the database: run the migrator step (npm run db:migrate) first.',
			error,
		)
	fail(
		log,
		'worker.start_failed',
		'the databases or the ledger could not be opened. Check DATABASE_URL / AUDIT_DATABASE_URL, or DATA_DIR.',
		error,
	)
}

log.info('worker.started', {
	database: services.database.kind,
	concurrency: config.jobs.concurrency,
})

let stopping = false
const stop = (signal: string) => {
	if (stopping) return
	stopping = true
	log.info('worker.stopping', { signal })
	services.close().then(
		() => process.exit(0),
		(error: unknown) => {
			log.error('worker.stop_failed', errorFields(error))
			process.exit(1)
		},
	)
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
