import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { patients } from '#db/schema/patients.ts'
import type { AuditEvent, AuditSink } from '#server/audit/sink.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/** An audit sink that refuses every record, as a down ledger would. */
class RefusingSink implements AuditSink {
	async record(_event: AuditEvent): Promise<void> {
		throw new Error('ledger unavailable')
	}
}

describe('no audit record, no PHI', () => {
	let server: AppServer
	let cookie: string
	let csrf: string
	let own: string
	let foreign: string

	beforeAll(async () => {
		server = await startAppServer({}, { audit: new RefusingSink() })
		;({ cookie, csrf } = await server.sessionFor('dr-rivera'))
		const byMrn = async (mrn: string) =>
			(
				await server.services.database.db
					.select({ id: patients.id })
					.from(patients)
					.where(eq(patients.mrn, mrn))
			)[0]?.id ?? ''
		own = await byMrn('DEMO-100001')
		foreign = await byMrn('DEMO-100006')
	})
	afterAll(async () => {
		await server.stop()
	})

	const get = (path: string) =>
		fetch(`${server.base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })

	test('the patient list is refused', async () => {
		const response = await get('/patients')
		const html = await response.text()
		expect(response.status).toBe(503)
		expect(html).toContain('Not recorded, so not shown')
		expect(html).not.toContain('Whitfield')
	})

	test('a care-team chart is refused', async () => {
		const response = await get(`/patients/${own}`)
		const html = await response.text()
		expect(response.status).toBe(503)
		expect(html).not.toContain('DEMO-100001')
	})

	test('break-glass is refused and grants nothing', async () => {
		const response = await fetch(`${server.base}/patients/${foreign}`, {
			method: 'POST',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ csrf, reason: 'Covering the ward overnight' }).toString(),
			redirect: 'manual',
		})
		expect(response.status).toBe(503)
		const grants = await server.services.database.query<{ n: number }>(
			'select count(*)::int as n from break_glass_grants',
		)
		expect(grants[0]?.n).toBe(0)
	})
})

describe('a ledger that cannot write refuses the request, in plain words, with the request id', () => {
	let server: AppServer
	let cookie: string
	let own: string

	beforeAll(async () => {
		server = await startAppServer()
		;({ cookie } = await server.sessionFor('dr-rivera'))
		own =
			(
				await server.services.database.db
					.select({ id: patients.id })
					.from(patients)
					.where(eq(patients.mrn, 'DEMO-100001'))
			)[0]?.id ?? ''
	})
	afterAll(async () => {
		await server.stop()
	})

	const chart = () =>
		fetch(`${server.base}/patients/${own}`, { headers: { Cookie: cookie }, redirect: 'manual' })
	/** As the ledger database's owner: what an outage or a misconfigured grant does. */
	const ledgerSql = (statement: string) => server.services.ledgerStore.query(statement)

	test('the real ledger refusing inserts: 503, no chart, the plain message and the request id', async () => {
		await ledgerSql('revoke insert on ledger_entries from chartside_ledger_app')
		try {
			const response = await chart()
			const html = await response.text()
			expect(response.status).toBe(503)
			expect(html).toContain('Not recorded, so not shown')
			expect(html).not.toContain('DEMO-100001')
			// Database text never reaches the page (only the stable code, in the route's error data).
			expect(html).not.toMatch(/permission denied|ledger_entries|chartside_ledger_app/)
			const requestId = response.headers.get('x-request-id')
			expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
			expect(html).toContain(requestId)
		} finally {
			await ledgerSql('grant insert on ledger_entries to chartside_ledger_app')
		}
	})

	test('with the grant restored the same chart opens (positive control)', async () => {
		const response = await chart()
		expect(response.status).toBe(200)
		expect(await response.text()).toContain('DEMO-100001')
	})
})

describe('sign-in edges over HTTP', () => {
	let server: AppServer

	beforeAll(async () => {
		server = await startAppServer()
	})
	afterAll(async () => {
		await server.stop()
	})

	test('a callback without its sign-in cookie is refused and recorded nowhere as a sign-in', async () => {
		const response = await fetch(`${server.base}/auth/callback?code=forged&state=forged`, {
			redirect: 'manual',
		})
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/login?error=callback')
		expect((await server.events(10)).some((e) => e.action === 'auth.sign_in')).toBe(false)
	})

	test('a signed-in visit to /login with a crafted returnTo stays on this site', async () => {
		const { cookie } = await server.sessionFor('dr-rivera')
		const response = await fetch(`${server.base}/login?returnTo=/%09/evil.example`, {
			headers: { Cookie: cookie },
			redirect: 'manual',
		})
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/')
	})

	test('sign-in starts with a crafted returnTo that is dropped', async () => {
		const response = await fetch(`${server.base}/login?returnTo=//evil.example`, {
			redirect: 'manual',
		})
		const html = await response.text()
		expect(html).toContain('/auth/login?returnTo=%2F"')
	})
})
