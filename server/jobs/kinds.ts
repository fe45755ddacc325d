import { z } from 'zod'

/**
 * Every kind of background job, once (ADR 032): its queue name, its payload, and its queue's
 * policy. A job's payload names the rows it works on by id and carries nothing else, so no PHI
 * sits in the job tables (which the admin page and pg-boss's own tooling read): `idsOnly` is the
 * only way to declare one, and it is checked when a job is sent and again when it is received.
 *
 * Drift checks and patient deletion join here next.
 */
export const JOB_KINDS = {
	/** Signs a ledger checkpoint when entries are uncovered (server/audit/checkpointing.ts). */
	ledgerCheckpoint: 'ledger.checkpoint',
	/** Blanks ledger entries older than the retention period (server/audit/retention.ts). */
	ledgerRetention: 'ledger.retention',
	/** Embeds again every chunk another embedder made (server/documents/reembed.ts). */
	documentsReembed: 'documents.reembed',
	/** Reads, classifies, matches and routes one received fax (server/intake/process.ts). */
	intakeRead: 'intake.read',
} as const
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS]

export const JOB_KIND_VALUES = Object.values(JOB_KINDS) as JobKind[]

export const isJobKind = (value: unknown): value is JobKind =>
	typeof value === 'string' && (JOB_KIND_VALUES as string[]).includes(value)

/** A payload of row ids (UUIDs) only: unknown keys are refused, so nothing else can ride along. */
export const idsOnly = <const K extends string>(...keys: K[]) =>
	z.strictObject(Object.fromEntries(keys.map((k) => [k, z.uuid()])) as Record<K, z.ZodUUID>)

/**
 * How pg-boss keeps a queue: `exclusive` lets one job be queued or running at a time (scheduled
 * work that must not overlap or pile up), `stately` one queued and one running (a request that
 * arrives while one runs is kept, a third is the same request and is dropped), `standard` any
 * number (one job per fax).
 */
export type JobPolicy = 'exclusive' | 'stately' | 'standard'

export type JobSpec = {
	payload: z.ZodType<Record<string, string>>
	policy: JobPolicy
	/** Attempts after the first, each after an exponential backoff from retryDelaySeconds. */
	retryLimit: number
	retryDelaySeconds: number
	retryDelayMaxSeconds: number
	/** A run taking longer than this is failed (and retried): a stuck handler does not hold the queue. */
	expireInSeconds: number
	/** Finished jobs (completed or failed) are kept this long, for the admin page. */
	deleteAfterSeconds: number
	/** Sent on this cron schedule (UTC) by whichever worker's clock comes first; null: on demand. */
	cron: string | null
}

const DAY = 86_400

export const JOB_SPECS = {
	'ledger.checkpoint': {
		payload: idsOnly(),
		policy: 'exclusive',
		retryLimit: 2,
		retryDelaySeconds: 5,
		retryDelayMaxSeconds: 30,
		expireInSeconds: 120,
		deleteAfterSeconds: DAY,
		cron: '* * * * *',
	},
	'ledger.retention': {
		payload: idsOnly(),
		policy: 'exclusive',
		retryLimit: 5,
		retryDelaySeconds: 60,
		retryDelayMaxSeconds: 3600,
		expireInSeconds: 3600,
		deleteAfterSeconds: 30 * DAY,
		cron: '17 3 * * *',
	},
	'documents.reembed': {
		payload: idsOnly(),
		policy: 'stately',
		retryLimit: 5,
		retryDelaySeconds: 30,
		retryDelayMaxSeconds: 1800,
		expireInSeconds: 6 * 3600,
		deleteAfterSeconds: 7 * DAY,
		cron: null,
	},
	'intake.read': {
		payload: idsOnly('faxId'),
		policy: 'standard',
		// A restarted database or a killed worker: the job runs again and resumes after the
		// pages it already stored. The last attempt's failure marks the fax failed (retryable).
		retryLimit: 3,
		retryDelaySeconds: 5,
		retryDelayMaxSeconds: 120,
		expireInSeconds: 30 * 60,
		deleteAfterSeconds: 7 * DAY,
		cron: null,
	},
} as const satisfies Record<JobKind, JobSpec>

export type JobPayload<K extends JobKind> = z.output<(typeof JOB_SPECS)[K]['payload']>

/** What a handler may leave as a completed job's output: counts and ids, never text. */
export type JobResult = Record<string, number | boolean | null> | void

export type JobContext = {
	jobId: string
	/** 0 on the first attempt. */
	attempt: number
	/** Aborted when the job expires or the worker stops. */
	signal: AbortSignal
}

/**
 * One handler per kind. A handler is idempotent (running it twice does no double work) and fails
 * by throwing an AppError: only its code is kept on the job (no message, which could carry PHI).
 */
export type JobHandlers = {
	[K in JobKind]: (payload: JobPayload<K>, context: JobContext) => Promise<JobResult>
}
