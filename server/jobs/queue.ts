import type { JobResult as BossJobResult, PgBoss } from 'pg-boss'
import { AppError, isAppError, isErrorCode, type ErrorCode } from '../platform/errors.ts'
import type { Logger } from '../log.ts'
import {
	createBoss,
	installedSchemaVersion,
	isEmbedded,
	JOB_SCHEMA,
	JOB_SCHEMA_VERSION,
	type JobQueueTarget,
} from './boss.ts'
import {
	isJobKind,
	JOB_KIND_VALUES,
	JOB_SPECS,
	type JobHandlers,
	type JobKind,
	type JobPayload,
} from './kinds.ts'

/** The states the admin page counts, in pg-boss's words. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed'] as const
export type JobState = (typeof JOB_STATES)[number]

export type QueueCounts = { kind: JobKind } & Record<JobState, number>

export type FailedJob = {
	id: string
	kind: JobKind
	/** Attempts made (the first, and each retry). */
	attempts: number
	/** The AppError code the last attempt ended with; null when pg-boss ended it (expiry, stop). */
	lastErrorCode: ErrorCode | null
	createdAt: string
	startedAt: string | null
	failedAt: string | null
}

export type JobsOverview = { queues: QueueCounts[]; failed: FailedJob[] }

export type JobQueue = {
	/** Where the workers are: in this process, or elsewhere (this process only sends and looks). */
	readonly mode: 'workers' | 'client'
	/** Queues a job; null when the queue's policy already holds one like it. */
	send<K extends JobKind>(kind: K, payload: JobPayload<K>): Promise<string | null>
	/** Starts working every kind with its handler (mode 'workers' only). */
	work(handlers: JobHandlers): Promise<void>
	/** Counts by state for every kind, and the most recent failed jobs. */
	overview(): Promise<JobsOverview>
	/**
	 * Puts a failed job back in its queue. `before` runs once the job is found failed and before it
	 * is moved (the caller records it; if recording fails, nothing moves).
	 */
	retry(kind: string, id: string, before: () => Promise<void>): Promise<void>
	/** Stops polling, waits for running jobs (up to the timeout) and closes. */
	stop(): Promise<void>
}

export type JobQueueOptions = {
	target: JobQueueTarget
	mode: 'workers' | 'client'
	/** Jobs of each kind this process works on at once. */
	concurrency: number
	log: Logger
	/** How long stop() waits for running jobs, in ms. */
	drainTimeoutMs?: number
}

/** Polling backstop (seconds): NOTIFY wakes workers when a job is sent, so this can be slow. */
const POLL_SECONDS = { embedded: 5, server: 10 } as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Starts pg-boss on an installed queue (installJobQueue), with its own schema migration off: the
 * login needs no CREATE privilege, and a missing or older schema is JOBS_NOT_INSTALLED. In
 * 'workers' mode this process also supervises (expiry, retention of finished jobs) and sends the
 * scheduled jobs; in 'client' mode it only sends, counts and retries.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
	const { target, mode, log } = options
	const workers = mode === 'workers'
	const embedded = isEmbedded(target)
	const installed = await installedSchemaVersion(target)
	if (installed === null || installed < JOB_SCHEMA_VERSION)
		throw new AppError(
			'JOBS_NOT_INSTALLED',
			installed === null
				? 'The job queue is not installed: run the migrator step (npm run db:migrate).'
				: `The job queue's schema is at version ${installed}, this release needs ${JOB_SCHEMA_VERSION}: run the migrator step (npm run db:migrate).`,
		)
	const boss = createBoss(target, {
		migrate: false,
		createSchema: false,
		supervise: workers,
		schedule: workers,
		useListenNotify: workers,
		instanceName: workers ? 'chartside-worker' : 'chartside-app',
		// On the embedded store every pg-boss statement waits its turn with the app's requests:
		// maintenance and the cache refresh run rarely and are short.
		...(embedded
			? {
					maintenanceIntervalSeconds: 300,
					queueCacheIntervalSeconds: 60,
					monitorIntervalSeconds: 60,
				}
			: {}),
	})
	// pg-boss reports background failures (polling, maintenance) as events; their messages may
	// quote SQL, so only the error's code and name reach the log.
	boss.on('error', (error: unknown) =>
		log.warn('jobs.background_error', {
			errorCode: codeOf(error),
			errorName: error instanceof Error ? error.name : typeof error,
		}),
	)
	await boss.start()

	const pollingIntervalSeconds = embedded ? POLL_SECONDS.embedded : POLL_SECONDS.server

	return {
		mode,
		async send(kind, payload) {
			const parsed = JOB_SPECS[kind].payload.safeParse(payload)
			if (!parsed.success)
				throw new AppError('JOBS_PAYLOAD_INVALID', `A ${kind} job's payload is not ids only.`)
			return boss.send(kind, parsed.data)
		},

		async work(handlers) {
			if (!workers) throw new AppError('JOBS_UNAVAILABLE', 'This process runs no job workers.')
			for (const kind of JOB_KIND_VALUES)
				await boss.work(
					kind,
					{
						batchSize: 1,
						perJobResults: true,
						localConcurrency: options.concurrency,
						pollingIntervalSeconds,
						notifyPollingIntervalSeconds: pollingIntervalSeconds,
					},
					(jobs) => Promise.all(jobs.map((job) => runJob(kind, job, handlers, log))),
				)
		},

		overview: () => overview(boss),

		async retry(kind, id, before) {
			if (!isJobKind(kind) || !UUID.test(id))
				throw new AppError('JOBS_JOB_NOT_FOUND', 'There is no such failed job.')
			const [job] = await boss.findJobs(kind, { id })
			if (job?.state !== 'failed')
				throw new AppError(
					'JOBS_JOB_NOT_FOUND',
					'There is no such failed job; it may have been retried already.',
				)
			await before()
			// CommandResponse is typed empty; at run time it carries how many jobs moved.
			const { affected } = (await boss.retry(kind, id)) as { affected?: number }
			if (affected !== 1)
				throw new AppError('JOBS_JOB_NOT_FOUND', 'The job was retried or removed meanwhile.')
			// A failed job keeps the start time its last backoff gave it; an administrator's retry
			// is meant now.
			await boss.update(kind, undefined, { id, startAfter: new Date() })
		},

		async stop() {
			await boss.stop({ graceful: true, timeout: options.drainTimeoutMs ?? 30_000 })
		},
	}
}

type ReceivedJob = { id: string; data: unknown; retryCount: number; signal: AbortSignal }

/**
 * Runs one job: its payload checked again (a row written by anything else is refused without
 * retries), the handler called, and the outcome settled with only an error code as output.
 */
async function runJob(
	kind: JobKind,
	job: ReceivedJob,
	handlers: JobHandlers,
	log: Logger,
): Promise<BossJobResult> {
	const fields = { kind, jobId: job.id, attempt: job.retryCount }
	const parsed = JOB_SPECS[kind].payload.safeParse(job.data)
	if (!parsed.success) {
		log.warn('jobs.payload_refused', fields)
		return { id: job.id, status: 'deadletter', output: { code: 'JOBS_PAYLOAD_INVALID' } }
	}
	try {
		const handler = handlers[kind] as (
			payload: unknown,
			context: { jobId: string; attempt: number; signal: AbortSignal },
		) => Promise<unknown>
		const result = await handler(parsed.data, {
			jobId: job.id,
			attempt: job.retryCount,
			signal: job.signal,
		})
		log.info('jobs.completed', fields)
		return { id: job.id, status: 'completed', output: result ?? null }
	} catch (error) {
		const code = codeOf(error)
		log.warn('jobs.failed', { ...fields, errorCode: code })
		return { id: job.id, status: 'failed', output: { code } }
	}
}

/** The declared error code of what was thrown, else UNEXPECTED: never its message. */
function codeOf(error: unknown): ErrorCode {
	if (isAppError(error)) return error.code
	const code = (error as { code?: unknown } | null)?.code
	return isErrorCode(code) ? code : 'UNEXPECTED'
}

async function overview(boss: PgBoss): Promise<JobsOverview> {
	const db = boss.getDb()
	const counts = await db.executeSql(
		`select name, state::text as state, count(*)::int as count from ${JOB_SCHEMA}.job
		 where name = any($1::text[]) group by name, state`,
		[JOB_KIND_VALUES],
	)
	const queues = JOB_KIND_VALUES.map((kind) => {
		const row: QueueCounts = { kind, created: 0, retry: 0, active: 0, completed: 0, failed: 0 }
		for (const r of counts.rows as { name: string; state: string; count: number }[])
			if (r.name === kind && (JOB_STATES as readonly string[]).includes(r.state))
				row[r.state as JobState] = Number(r.count)
		return row
	})
	const failed = await db.executeSql(
		`select id::text as id, name, retry_count, output, created_on, started_on, completed_on
		 from ${JOB_SCHEMA}.job where name = any($1::text[]) and state = 'failed'
		 order by completed_on desc nulls last limit 50`,
		[JOB_KIND_VALUES],
	)
	return {
		queues,
		failed: (failed.rows as FailedRow[]).flatMap((r) =>
			isJobKind(r.name)
				? [
						{
							id: r.id,
							kind: r.name,
							attempts: Number(r.retry_count) + 1,
							lastErrorCode: isErrorCode(r.output?.code) ? r.output.code : null,
							createdAt: iso(r.created_on) ?? '',
							startedAt: iso(r.started_on),
							failedAt: iso(r.completed_on),
						},
					]
				: [],
		),
	}
}

type FailedRow = {
	id: string
	name: string
	retry_count: number
	output: { code?: unknown } | null
	created_on: Date | string
	started_on: Date | string | null
	completed_on: Date | string | null
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())
