import type { Database, DatabaseHandle } from '#db/client.ts'
import type { Ledger } from '../audit/ledger.ts'
import type { Config } from '../config/index.ts'
import { configuredEmbedder, hasStaleEmbeddings, type DocumentsDeps } from '../documents/index.ts'
import type { Gateway } from '../gateway/index.ts'
import type { IntakeService } from '../intake/index.ts'
import type { Logger } from '../log.ts'
import { createJobHandlers } from './handlers.ts'
import { installJobQueue, type JobQueueTarget } from './install.ts'
import { JOB_KINDS } from './kinds.ts'
import { startJobQueue, type JobQueue } from './queue.ts'

/**
 * Which part of the queue a process runs: `auto` follows JOBS_IN_PROCESS (workers in the app on
 * the embedded store, only sending and looking with a server database), `workers` is
 * `npm run worker`, `client` a command that only sends, `off` no queue at all (tests).
 */
export type JobsMode = 'auto' | 'workers' | 'client' | 'off'

/**
 * The job queue of a Chartside process (createServices): on the embedded store, which the process
 * migrates as its only login, it installs pg-boss's schema first (`install`); on a server the
 * migrator step (`npm run db:migrate`) has done so, and a missing queue is JOBS_NOT_INSTALLED.
 * With workers, the handlers run here, and a documents.reembed job is queued when chunks were
 * embedded by another embedder than the one configured.
 */
export async function startJobs(deps: {
	config: Config
	mode: JobsMode
	install: boolean
	/** The operational store on the system path `jobs` (its PGlite engine when embedded). */
	store: DatabaseHandle
	/** The documents service's database (system path `documents`), for re-embedding. */
	documentsDb: Database
	ledger: Ledger
	gateway: Gateway
	/** Fax intake, whose read jobs the workers run. */
	intake: IntakeService
	log: Logger
}): Promise<JobQueue | null> {
	const { config, log } = deps
	if (deps.mode === 'off') return null
	const mode = deps.mode === 'auto' ? (config.jobs.inProcess ? 'workers' : 'client') : deps.mode
	const database = config.database
	let target: JobQueueTarget
	if (database.kind === 'embedded') {
		const { pglite } = deps.store
		if (!pglite) throw new Error('the embedded store has no PGlite engine')
		target = { pglite }
	} else {
		// Each worker of each kind holds a connection while it polls; a few more for sends and upkeep.
		const poolMax = mode === 'workers' ? 3 * config.jobs.concurrency + 3 : 3
		target = { connectionString: database.url, poolMax }
	}
	// Only where this process migrates its store (embedded) does it install the queue too.
	if (deps.install) await installJobQueue(target)
	const queue = await startJobQueue({
		target,
		mode,
		concurrency: config.jobs.concurrency,
		log,
	})
	if (mode === 'workers') {
		try {
			const documents: DocumentsDeps = {
				db: deps.documentsDb,
				gateway: deps.gateway,
				audit: deps.ledger,
			}
			await queue.work(createJobHandlers({ ledger: deps.ledger, documents, intake: deps.intake }))
			const embedder = deps.gateway.registry ? configuredEmbedder(deps.gateway.registry) : null
			if (embedder && (await hasStaleEmbeddings(documents.db, embedder)))
				await queue.send(JOB_KINDS.documentsReembed, {})
		} catch (error) {
			await queue.stop()
			throw error
		}
	}
	log.info('jobs.started', { mode })
	return queue
}
