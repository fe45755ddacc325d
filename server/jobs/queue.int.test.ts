import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { createLedgerStore } from '../audit/ledger-store.ts'
import { parseConfig } from '../config/index.ts'
import { createLogger } from '../log.ts'
import { AppError } from '../platform/errors.ts'
import { createServices, type Services } from '../services.ts'
import { createBoss } from './boss.ts'
import { installJobQueue } from './install.ts'
import { JOB_KINDS, type JobHandlers, type JobKind } from './kinds.ts'
import { startJobQueue, type JobQueue } from './queue.ts'

const log = createLogger('silent')

/** Waits until the job reaches one of `states` (pg-boss works in the background). */
async function settled(
	queue: { findJob(kind: JobKind, id: string): Promise<string | null> },
	kind: JobKind,
	id: string,
	states: string[],
) {
	const deadline = Date.now() + 30_000
	for (;;) {
		const state = await queue.findJob(kind, id)
		if (state && states.includes(state)) return state
		if (Date.now() > deadline) throw new Error(`job ${id} still ${state}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}

describe('the job queue on an embedded store, with test handlers', () => {
	let handle: DatabaseHandle
	let queue: JobQueue
	let boss: ReturnType<typeof createBoss>
	const calls: Record<JobKind, number> = {
		'ledger.checkpoint': 0,
		'ledger.retention': 0,
		'documents.reembed': 0,
		'intake.read': 0,
	}
	let failRetention = true
	const handlers: JobHandlers = {
		async 'ledger.checkpoint'() {
			calls['ledger.checkpoint']++
			return { treeSize: 1 }
		},
		async 'ledger.retention'() {
			calls['ledger.retention']++
			// A message that could carry PHI: it must never reach the job's row.
			if (failRetention)
				throw new AppError('AUDIT_WRITE_FAILED', 'could not record for Jane Synthetic')
			return { count: 0 }
		},
		async 'documents.reembed'() {
			calls['documents.reembed']++
			throw new Error('a library error about Jane Synthetic')
		},
		async 'intake.read'() {
			calls['intake.read']++
			return { skipped: true }
		},
	}
	const find = {
		async findJob(kind: JobKind, id: string) {
			const [job] = await boss.findJobs(kind, { id })
			return job?.state ?? null
		},
	}

	beforeAll(async () => {
		handle = await openDatabase({ kind: 'embedded' })
		const pglite = handle.pglite!
		await installJobQueue({ pglite })
		// Fast retries for the test: one retry, one second apart.
		boss = createBoss({ pglite }, { migrate: false, supervise: false, schedule: false })
		boss.on('error', () => undefined)
		await boss.start()
		for (const kind of [JOB_KINDS.ledgerRetention, JOB_KINDS.documentsReembed])
			await boss.updateQueue(kind, { retryLimit: 1, retryDelay: 1, retryBackoff: false })
		queue = await startJobQueue({ target: { pglite }, mode: 'workers', concurrency: 1, log })
		await queue.work(handlers)
	})
	afterAll(async () => {
		await queue?.stop()
		await boss?.stop({ graceful: false })
		await handle?.close()
	})

	test('a payload with anything but ids is refused on send', async () => {
		await expect(
			queue.send(JOB_KINDS.ledgerCheckpoint, { patientName: 'Jane Synthetic' } as never),
		).rejects.toMatchObject({ code: 'JOBS_PAYLOAD_INVALID' })
	})

	test('a payload that bypassed send is refused on receive, without retries or the handler', async () => {
		const before = calls['ledger.checkpoint']
		const id = (await boss.send(JOB_KINDS.ledgerCheckpoint, { note: 'Jane Synthetic' }))!
		expect(await settled(find, JOB_KINDS.ledgerCheckpoint, id, ['failed'])).toBe('failed')
		const [job] = await boss.findJobs(JOB_KINDS.ledgerCheckpoint, { id })
		expect(job?.output).toEqual({ code: 'JOBS_PAYLOAD_INVALID' })
		expect(job?.retryCount).toBe(0)
		expect(calls['ledger.checkpoint']).toBe(before)
	})

	test('a job is worked once and completes with its counts as output', async () => {
		const before = calls['ledger.checkpoint']
		const id = (await queue.send(JOB_KINDS.ledgerCheckpoint, {}))!
		expect(await settled(find, JOB_KINDS.ledgerCheckpoint, id, ['completed', 'failed'])).toBe(
			'completed',
		)
		expect(calls['ledger.checkpoint']).toBe(before + 1)
		const [job] = await boss.findJobs(JOB_KINDS.ledgerCheckpoint, { id })
		expect(job?.output).toEqual({ treeSize: 1 })
	})

	test('a failing job is retried, then failed with only its error code; the overview shows it; retry runs it again', async () => {
		const id = (await queue.send(JOB_KINDS.ledgerRetention, {}))!
		expect(await settled(find, JOB_KINDS.ledgerRetention, id, ['failed', 'completed'])).toBe(
			'failed',
		)
		expect(calls['ledger.retention']).toBe(2)
		const [job] = await boss.findJobs(JOB_KINDS.ledgerRetention, { id })
		expect(job?.output).toEqual({ code: 'AUDIT_WRITE_FAILED' })
		expect(JSON.stringify(job)).not.toContain('Jane')

		const overview = await queue.overview()
		expect(overview.queues.find((q) => q.kind === 'ledger.retention')).toMatchObject({
			failed: 1,
			active: 0,
		})
		expect(overview.failed).toContainEqual(
			expect.objectContaining({
				id,
				kind: 'ledger.retention',
				attempts: 2,
				lastErrorCode: 'AUDIT_WRITE_FAILED',
			}),
		)

		failRetention = false
		let recorded = 0
		await queue.retry('ledger.retention', id, async () => {
			recorded++
		})
		expect(recorded).toBe(1)
		expect(await settled(find, JOB_KINDS.ledgerRetention, id, ['completed'])).toBe('completed')
		expect(calls['ledger.retention']).toBe(3)
	})

	test('an error that is not an AppError is kept as UNEXPECTED, never its message', async () => {
		const id = (await queue.send(JOB_KINDS.documentsReembed, {}))!
		await settled(find, JOB_KINDS.documentsReembed, id, ['failed'])
		const [job] = await boss.findJobs(JOB_KINDS.documentsReembed, { id })
		expect(job?.output).toEqual({ code: 'UNEXPECTED' })
	})

	test('retry refuses an unknown kind, a malformed id, a job that is not failed, and records nothing', async () => {
		const done = (await queue.send(JOB_KINDS.ledgerCheckpoint, {}))!
		await settled(find, JOB_KINDS.ledgerCheckpoint, done, ['completed'])
		let recorded = 0
		const record = async () => {
			recorded++
		}
		for (const [kind, id] of [
			['fax.ocr', done],
			['ledger.checkpoint', 'not-a-uuid'],
			['ledger.checkpoint', done],
			['ledger.retention', done],
		] as const)
			await expect(queue.retry(kind, id, record)).rejects.toMatchObject({
				code: 'JOBS_JOB_NOT_FOUND',
			})
		expect(recorded).toBe(0)
	})

	test('when the retry cannot be recorded, the job stays failed', async () => {
		const id = (await queue.send(JOB_KINDS.documentsReembed, {}))!
		await settled(find, JOB_KINDS.documentsReembed, id, ['failed'])
		await expect(
			queue.retry('documents.reembed', id, async () => {
				throw new AppError('AUDIT_WRITE_FAILED', 'ledger down')
			}),
		).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' })
		expect(await find.findJob(JOB_KINDS.documentsReembed, id)).toBe('failed')
	})
})

describe('installing the job queue', () => {
	test('installing twice changes nothing and keeps every queue', async () => {
		const handle = await openDatabase({ kind: 'embedded' })
		await installJobQueue({ pglite: handle.pglite! })
		await installJobQueue({ pglite: handle.pglite! })
		const boss = createBoss(
			{ pglite: handle.pglite! },
			{ migrate: false, supervise: false, schedule: false },
		)
		boss.on('error', () => undefined)
		await boss.start()
		const names = (await boss.getQueues()).map((q) => q.name)
		expect(names).toEqual(expect.arrayContaining(Object.values(JOB_KINDS)))
		const schedules = (await boss.getSchedules()).map((s) => [s.name, s.cron])
		expect(schedules).toEqual(
			expect.arrayContaining([
				['ledger.checkpoint', '* * * * *'],
				['ledger.retention', '17 3 * * *'],
			]),
		)
		expect(schedules.map(([name]) => name)).not.toContain('documents.reembed')
		await boss.stop({ graceful: false })
		await handle.close()
	})

	test('starting with migration off on a store never installed is JOBS_NOT_INSTALLED', async () => {
		const handle = await openDatabase({ kind: 'embedded' })
		try {
			await expect(
				startJobQueue({ target: { pglite: handle.pglite! }, mode: 'client', concurrency: 1, log }),
			).rejects.toMatchObject({
				code: 'JOBS_NOT_INSTALLED',
				message: expect.stringContaining('not installed'),
			})
		} finally {
			await handle.close()
		}
	})

	test('starting on a schema older than this pg-boss release is JOBS_NOT_INSTALLED, naming both versions', async () => {
		const handle = await openDatabase({ kind: 'embedded' })
		try {
			await installJobQueue({ pglite: handle.pglite! })
			await handle.query('update pgboss.version set version = version - 1')
			await expect(
				startJobQueue({ target: { pglite: handle.pglite! }, mode: 'client', concurrency: 1, log }),
			).rejects.toMatchObject({
				code: 'JOBS_NOT_INSTALLED',
				message: expect.stringMatching(/schema is at version \d+, this release needs \d+/),
			})
		} finally {
			await handle.close()
		}
	})
})

describe('the real jobs, in the app process on the embedded store (createServices)', () => {
	let dataDir: string
	let services: Services
	let boss: ReturnType<typeof createBoss>
	const find = {
		async findJob(kind: JobKind, id: string) {
			const [job] = await boss.findJobs(kind, { id })
			return job?.state ?? null
		},
	}

	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-jobs-'))
		services = await createServices(parseConfig({ DATA_DIR: dataDir }), { log })
		boss = createBoss(
			{ pglite: services.database.pglite! },
			{ migrate: false, supervise: false, schedule: false },
		)
		boss.on('error', () => undefined)
		await boss.start()
	})
	afterAll(async () => {
		await boss?.stop({ graceful: false })
		await services?.close()
		await rm(dataDir, { recursive: true, force: true })
	})

	const run = async (kind: JobKind) => {
		const id = (await services.jobs!.send(kind, {}))!
		expect(await settled(find, kind, id, ['completed', 'failed'])).toBe('completed')
		const [job] = await boss.findJobs(kind, { id })
		return job?.output
	}

	test('runs the workers in-process', () => {
		expect(services.jobs?.mode).toBe('workers')
	})

	test('ledger.checkpoint signs over uncovered entries, and a second run signs nothing new', async () => {
		await services.ledger.record({
			at: new Date().toISOString(),
			requestId: 'jobs-test',
			component: 'audit',
			action: 'ledger.read',
			actor: { userId: null, role: null, sessionId: null },
			resource: { type: 'ledger', id: 'entries' },
			decision: 'allow',
			policy: 'test',
			outcome: 'success',
		})
		const store = createLedgerStore(services.ledgerStore.db)
		const size = await store.size()
		expect(await run(JOB_KINDS.ledgerCheckpoint)).toEqual({ treeSize: size })
		const checkpoints = (await store.checkpoints()).length
		expect(await run(JOB_KINDS.ledgerCheckpoint)).toEqual({ treeSize: size })
		expect((await store.checkpoints()).length).toBe(checkpoints)
	})

	test('ledger.retention purges (nothing is six years old here) and records each run', async () => {
		const store = createLedgerStore(services.ledgerStore.db)
		const purges = async () => (await store.search({ limit: 100, action: 'ledger.purge' })).length
		const before = await purges()
		expect(await run(JOB_KINDS.ledgerRetention)).toMatchObject({ count: 0 })
		expect(await run(JOB_KINDS.ledgerRetention)).toMatchObject({ count: 0 })
		expect(await purges()).toBe(before + 2)
	})

	test('documents.reembed re-embeds nothing when every chunk is the current embedder’s', async () => {
		expect(await run(JOB_KINDS.documentsReembed)).toEqual({ chunks: 0 })
	})
})
