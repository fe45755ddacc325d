/**
 * `npm run worker`: the job queue's workers as their own process (ADR 032), for production, where
 * the app runs none (JOBS_IN_PROCESS=false with DATABASE_URL). It opens the databases, the ledger
 * and the gateway as the app does, works every queue until SIGTERM or SIGINT, then stops taking
 * jobs, lets running ones finish (up to 30 s; an unfinished one is retried elsewhere) and closes.
 * Run as many as the load needs: each job is done by one of them.
 *
 * Failures print plain words and an error code, never an error's message or stack.
 */
import { describeBootFailure } from '../boot-failure.ts'
import { loadConfigOrExit } from '../config/boot.ts'
import { createLogger, errorFields, type Logger } from '../log.ts'
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
	// The same words as the app's boot: the database, the cause and the fix (ADR 033).
	const { event, message } = describeBootFailure(error)
	fail(log, event.replace(/^boot\./, 'worker.'), message, error)
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
