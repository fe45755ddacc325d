import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Logger, LogFields } from '../log.ts'
import { AppError } from '../platform/errors.ts'
import { createBoss } from './boss.ts'
import { installJobQueue, jobQueueGrantsSql } from './install.ts'
import { JOB_KINDS, type JobHandlers } from './kinds.ts'
import { startJobQueue, type JobQueue } from './queue.ts'

/**
 * The production split on a real PostgreSQL server (ADR 032): a migrator login that owns the
 * database installs the queue; the app's non-owner login, with jobQueueGrantsSql's privileges and
 * no CREATE anywhere, runs workers with pg-boss's migration off. Runs only when TEST_DATABASE_URL
 * names a superuser connection (CI); it creates its own database and logins and drops them after.
 */
const SUPERUSER_URL = process.env.TEST_DATABASE_URL

const suffix = randomBytes(4).toString('hex')
const DATABASE = `jobs_test_${suffix}`
const MIGRATOR = `jobs_test_${suffix}_migrator`
const APP = `jobs_test_${suffix}_app`
const password = () => randomBytes(12).toString('hex')
const MIGRATOR_PASSWORD = password()
const APP_PASSWORD = password()

function urlFor(login: string, secret: string): string {
	const url = new URL(SUPERUSER_URL ?? 'postgres://localhost/postgres')
	url.username = login
	url.password = secret
	url.pathname = `/${DATABASE}`
	return url.toString()
}

/** A logger that keeps every warning and error, so background failures fail the test. */
function capturingLog() {
	const problems: { event: string; fields?: LogFields }[] = []
	const log: Logger = {
		debug: () => undefined,
		info: () => undefined,
		warn: (event, fields) => problems.push({ event, fields }),
		error: (event, fields) => problems.push({ event, fields }),
	}
	return { log, problems }
}

async function until(check: () => Promise<boolean>, what: string) {
	const deadline = Date.now() + 45_000
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
}

describe.skipIf(!SUPERUSER_URL)(
	'the job queue on a PostgreSQL server, as a non-owner login',
	() => {
		const superuser = new pg.Client({ connectionString: SUPERUSER_URL })
		const migratorUrl = urlFor(MIGRATOR, MIGRATOR_PASSWORD)
		const appUrl = urlFor(APP, APP_PASSWORD)

		beforeAll(async () => {
			await superuser.connect()
			await superuser.query(`create role ${MIGRATOR} login password '${MIGRATOR_PASSWORD}'`)
			await superuser.query(`create role ${APP} login password '${APP_PASSWORD}'`)
			await superuser.query(`create database ${DATABASE} owner ${MIGRATOR}`)
			// The migrator step: install, then grant the app login what it needs at run time.
			await installJobQueue({ connectionString: migratorUrl })
			const migrator = new pg.Client({ connectionString: migratorUrl })
			await migrator.connect()
			try {
				await migrator.query(`revoke create on schema public from public`)
				for (const statement of jobQueueGrantsSql(APP)) await migrator.query(statement)
			} finally {
				await migrator.end()
			}
		})

		afterAll(async () => {
			await superuser.query(`drop database if exists ${DATABASE} with (force)`)
			await superuser.query(`drop role if exists ${APP}`)
			await superuser.query(`drop role if exists ${MIGRATOR}`)
			await superuser.end()
		})

		test('the app login owns nothing and may create nothing in the database', async () => {
			const app = new pg.Client({ connectionString: appUrl })
			await app.connect()
			try {
				const { rows } = await app.query<{ pgboss: boolean; public: boolean; database: boolean }>(
					`select has_schema_privilege('pgboss', 'CREATE') as pgboss,
				        has_schema_privilege('public', 'CREATE') as public,
				        has_database_privilege(current_database(), 'CREATE') as database`,
				)
				expect(rows[0]).toEqual({ pgboss: false, public: false, database: false })
				const owned = await app.query(
					`select 1 from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1`,
					[APP],
				)
				expect(owned.rowCount).toBe(0)
			} finally {
				await app.end()
			}
		})

		test('a worker on the app login runs, fails with a code, is retried by an admin and completes', async () => {
			const { log, problems } = capturingLog()
			let fail = true
			let runs = 0
			const handlers: JobHandlers = {
				'ledger.checkpoint': async () => ({ treeSize: 0 }),
				'ledger.retention': async () => ({ count: 0 }),
				async 'documents.reembed'() {
					runs++
					if (fail) throw new AppError('GATEWAY_UNAVAILABLE', 'embedder down')
					return { chunks: 0 }
				},
				'intake.read': async () => ({ skipped: true }),
			}
			// Fast retries for the test (as the owner, like the migrator step would).
			const owner = createBoss(
				{ connectionString: migratorUrl },
				{ migrate: false, supervise: false, schedule: false },
			)
			owner.on('error', () => undefined)
			await owner.start()
			await owner.updateQueue(JOB_KINDS.documentsReembed, {
				retryLimit: 1,
				retryDelay: 1,
				retryBackoff: false,
			})
			let queue: JobQueue | null = null
			try {
				queue = await startJobQueue({
					target: { connectionString: appUrl },
					mode: 'workers',
					concurrency: 1,
					log,
				})
				await queue.work(handlers)
				const id = (await queue.send(JOB_KINDS.documentsReembed, {}))!
				const state = async () =>
					(await owner.findJobs(JOB_KINDS.documentsReembed, { id }))[0]?.state
				await until(async () => (await state()) === 'failed', 'the job to fail')
				expect(runs).toBe(2)
				const overview = await queue.overview()
				expect(overview.failed).toContainEqual(
					expect.objectContaining({ id, attempts: 2, lastErrorCode: 'GATEWAY_UNAVAILABLE' }),
				)
				fail = false
				await queue.retry(JOB_KINDS.documentsReembed, id, async () => undefined)
				await until(async () => (await state()) === 'completed', 'the retried job to complete')
				expect(runs).toBe(3)
				// Supervision and scheduling ran as the app login too: nothing went wrong in the background.
				expect(problems.filter((p) => p.event === 'jobs.background_error')).toEqual([])
			} finally {
				await queue?.stop()
				await owner.stop({ graceful: false })
			}
		})

		test('two worker instances on one database do each of N jobs exactly once', async () => {
			const N = 40
			const queueName = `exactly-once-${suffix}`
			// A standard queue (the real kinds keep one job queued at a time), made by the owner.
			const owner = createBoss(
				{ connectionString: migratorUrl },
				{ migrate: false, supervise: false, schedule: false },
			)
			owner.on('error', () => undefined)
			await owner.start()
			await owner.createQueue(queueName)
			const done = new Map<string, string[]>()
			const instances = ['a', 'b'].map((name) => {
				const boss = createBoss(
					{ connectionString: appUrl },
					{ migrate: false, supervise: true, schedule: true, instanceName: `test-${name}` },
				)
				boss.on('error', () => undefined)
				return { name, boss }
			})
			try {
				for (const { boss } of instances) await boss.start()
				for (const { name, boss } of instances)
					await boss.work(
						queueName,
						{ batchSize: 3, localConcurrency: 2, pollingIntervalSeconds: 0.5 },
						async (jobs) => {
							for (const job of jobs) done.set(job.id, [...(done.get(job.id) ?? []), name])
							await new Promise((resolve) => setTimeout(resolve, 20))
						},
					)
				const ids = await Promise.all(
					Array.from({ length: N }, (_, i) =>
						instances[i % 2]!.boss.send(queueName, {}).then((id) => id!),
					),
				)
				await until(async () => {
					const counts = await owner.getQueue(queueName)
					return done.size === N && counts?.activeCount === 0 && counts.queuedCount === 0
				}, 'every job to be done')
				expect(new Set(ids).size).toBe(N)
				expect([...done.keys()].sort()).toEqual([...ids].sort())
				expect([...done.values()].every((by) => by.length === 1)).toBe(true)
				// Both instances took part (SKIP LOCKED shares the work; it does not serialize it).
				const by = new Set([...done.values()].flat())
				expect(by).toEqual(new Set(['a', 'b']))
			} finally {
				for (const { boss } of instances) await boss.stop({ graceful: false })
				await owner.stop({ graceful: false })
			}
		})
	},
)
