import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBoss } from '#server/jobs/boss.ts'
import { JOB_KINDS } from '#server/jobs/index.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/**
 * The jobs admin page over HTTP, with the workers running in the app process: who may see it and
 * retry a failed job (administrators, with the session's CSRF token), and what a retry does (the
 * job runs again, and the retry is a ledger event). Refusals first, one test per rejected case.
 */
describe('/admin/jobs', () => {
	let server: AppServer
	let boss: ReturnType<typeof createBoss>
	let failedId: string

	const state = async (id: string) => {
		const [job] = await boss.findJobs(JOB_KINDS.documentsReembed, { id })
		return { state: job?.state, retryCount: job?.retryCount }
	}
	async function until(check: () => Promise<boolean>) {
		const deadline = Date.now() + 30_000
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error('timed out')
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
	}
	const post = (fields: Record<string, string>, cookie?: string) =>
		fetch(`${server.base}/admin/jobs`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				...(cookie ? { Cookie: cookie } : {}),
			},
			body: new URLSearchParams(fields).toString(),
			redirect: 'manual',
		})
	const retryEvents = async () => (await server.events(200)).filter((e) => e.action === 'job.retry')

	beforeAll(async () => {
		server = await startAppServer()
		boss = createBoss(
			{ pglite: server.services.database.pglite! },
			{ migrate: false, supervise: false, schedule: false },
		)
		boss.on('error', () => undefined)
		await boss.start()
		// A job whose payload is not ids only (written past send()'s check): the worker refuses it
		// on receive, without retries, so it fails at once with JOBS_PAYLOAD_INVALID.
		failedId = (await boss.send(JOB_KINDS.documentsReembed, { note: 'not an id' }))!
		await until(async () => (await state(failedId)).state === 'failed')
		// Boot, seed and the first job: more than the default on a loaded two-core machine.
	}, 120_000)
	afterAll(async () => {
		await boss?.stop({ graceful: false })
		await server?.stop()
	})

	test('signed out: the page and a retry send the visitor to sign in; the job stays failed', async () => {
		const page = await fetch(`${server.base}/admin/jobs`, { redirect: 'manual' })
		expect(page.status).toBe(302)
		expect(page.headers.get('location')).toMatch(/^\/login/)
		const retry = await post({ kind: JOB_KINDS.documentsReembed, id: failedId })
		expect(retry.status).toBe(302)
		expect(await state(failedId)).toEqual({ state: 'failed', retryCount: 0 })
		expect(await retryEvents()).toEqual([])
	})

	test('a clinician is refused, the refusal recorded; the job stays failed', async () => {
		const { cookie, csrf, userId } = await server.sessionFor('dr-rivera')
		expect((await fetch(`${server.base}/admin/jobs`, { headers: { Cookie: cookie } })).status).toBe(
			403,
		)
		const retry = await post({ csrf, kind: JOB_KINDS.documentsReembed, id: failedId }, cookie)
		expect(retry.status).toBe(403)
		const events = await server.events(20)
		expect(events.some((e) => e.action === 'access.denied' && e.actor.userId === userId)).toBe(true)
		expect(await state(failedId)).toEqual({ state: 'failed', retryCount: 0 })
	})

	test('a safety reviewer is refused; the job stays failed', async () => {
		const { cookie, csrf } = await server.sessionFor('reviewer-khan')
		expect((await fetch(`${server.base}/admin/jobs`, { headers: { Cookie: cookie } })).status).toBe(
			403,
		)
		const retry = await post({ csrf, kind: JOB_KINDS.documentsReembed, id: failedId }, cookie)
		expect(retry.status).toBe(403)
		expect(await state(failedId)).toEqual({ state: 'failed', retryCount: 0 })
	})

	test('an administrator without the CSRF token is refused; the job stays failed', async () => {
		const { cookie } = await server.sessionFor('admin-diaz')
		const retry = await post({ kind: JOB_KINDS.documentsReembed, id: failedId }, cookie)
		expect(retry.status).toBe(403)
		expect(await state(failedId)).toEqual({ state: 'failed', retryCount: 0 })
		expect(await retryEvents()).toEqual([])
	})

	test('an administrator sees the queues and the failed job with its error code', async () => {
		const { cookie } = await server.sessionFor('admin-diaz')
		const response = await fetch(`${server.base}/admin/jobs`, { headers: { Cookie: cookie } })
		expect(response.status).toBe(200)
		const html = await response.text()
		for (const kind of Object.values(JOB_KINDS)) expect(html).toContain(`data-queue="${kind}"`)
		expect(html).toContain(`data-job="${failedId}"`)
		expect(html).toContain('JOBS_PAYLOAD_INVALID')
		expect(html).not.toContain('not an id')
	})

	test('an administrator retries the failed job: recorded, and it runs again', async () => {
		const { cookie, csrf, userId } = await server.sessionFor('admin-diaz')
		const response = await post({ csrf, kind: JOB_KINDS.documentsReembed, id: failedId }, cookie)
		expect(response.status).toBe(200)
		expect(await response.text()).toContain('is back in the documents.reembed queue')
		const [event] = await retryEvents()
		expect(event).toMatchObject({
			component: 'jobs',
			actor: { userId, role: 'admin' },
			resource: { type: 'job', id: failedId },
			decision: 'allow',
			outcome: 'success',
			details: { kind: 'documents.reembed' },
		})
		// Worked again (and refused again: its payload is still not ids only).
		await until(async () => {
			const now = await state(failedId)
			return now.state === 'failed' && now.retryCount === 1
		})
	})

	test('retrying a job that is not failed, or an unknown one, says so and records nothing', async () => {
		const { cookie, csrf } = await server.sessionFor('admin-diaz')
		const before = (await retryEvents()).length
		const unknown = await post(
			{ csrf, kind: JOB_KINDS.documentsReembed, id: '00000000-0000-4000-8000-000000000000' },
			cookie,
		)
		expect(unknown.status).toBe(400)
		expect(await unknown.text()).toContain('There is no such failed job')
		const badKind = await post({ csrf, kind: 'fax.ocr', id: failedId }, cookie)
		expect(badKind.status).toBe(400)
		expect((await retryEvents()).length).toBe(before)
	})
})
