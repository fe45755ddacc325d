import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { patients } from '#db/schema/patients.ts'
import { sessions } from '#db/schema/sessions.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/** A clock the test moves by hand: session timeouts without waiting. */
function manualClock(start = new Date('2026-11-02T09:00:00Z')) {
	let now = start.getTime()
	return { now: () => new Date(now), advanceMinutes: (m: number) => (now += m * 60_000) }
}

describe('sessions with SESSION_IDLE_MINUTES=2 and SESSION_MAX_HOURS=1', () => {
	const clock = manualClock()
	let server: AppServer

	beforeAll(async () => {
		server = await startAppServer(
			{ SESSION_IDLE_MINUTES: '2', SESSION_MAX_HOURS: '1' },
			{ now: clock.now },
		)
	})
	afterAll(async () => {
		await server.stop()
	})

	const get = (path: string, cookie: string) =>
		fetch(`${server.base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })

	test('a request inside the idle window is served', async () => {
		const { cookie } = await server.sessionFor('dr-rivera')
		clock.advanceMinutes(1)
		expect((await get('/patients', cookie)).status).toBe(200)
	})

	test('the idle timeout logs the user out: redirect to sign-in with the notice, session ended, event recorded', async () => {
		const { cookie, userId } = await server.sessionFor('dr-rivera')
		clock.advanceMinutes(3)
		const response = await get('/patients', cookie)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/login?expired=1')
		expect(response.headers.get('set-cookie')).toMatch(/chartside_session=;.*Max-Age=0/)
		const ended = await server.services.database.db
			.select({ endReason: sessions.endReason })
			.from(sessions)
			.where(and(eq(sessions.userId, userId), eq(sessions.endReason, 'idle')))
		expect(ended).toHaveLength(1)
		const events = await server.events(50)
		expect(
			events.some((e) => e.action === 'auth.session_expired' && e.actor.userId === userId),
		).toBe(true)
		// The same cookie stays dead, even if activity resumes.
		expect((await get('/patients', cookie)).status).toBe(302)
	})

	test('activity keeps a session alive across the idle window', async () => {
		const { cookie } = await server.sessionFor('dr-rivera')
		for (let i = 0; i < 5; i++) {
			clock.advanceMinutes(1.5)
			expect((await get('/patients', cookie)).status).toBe(200)
		}
	})

	test('the absolute lifetime ends a session however active it is', async () => {
		const { cookie } = await server.sessionFor('dr-rivera')
		for (let i = 0; i < 40; i++) {
			clock.advanceMinutes(1.5)
			await get('/', cookie)
		}
		const response = await get('/patients', cookie)
		expect(response.headers.get('location')).toBe('/login?expired=1')
		const ended = await server.services.database.db
			.select({ endReason: sessions.endReason })
			.from(sessions)
			.where(eq(sessions.endReason, 'absolute'))
		expect(ended).toHaveLength(1)
	})

	test('the database holds only a hash of the session token', async () => {
		const { cookie, userId } = await server.sessionFor('dr-rivera')
		const signed = decodeURIComponent(cookie.split('=')[1] ?? '')
		const token = JSON.parse(
			Buffer.from(signed.split('.')[0] ?? '', 'base64').toString('utf8'),
		) as string
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
		const rows = await server.services.database.query<Record<string, unknown>>(
			'select * from sessions where user_id = $1',
			[userId],
		)
		expect(JSON.stringify(rows)).not.toContain(token)
		const { createHash } = await import('node:crypto')
		const hash = createHash('sha256').update(token).digest('hex')
		expect(rows.some((r) => r.token_hash === hash)).toBe(true)
	})

	test('a forged session cookie is ignored', async () => {
		const { cookie } = await server.sessionFor('dr-rivera')
		const [name, value] = cookie.split('=')
		const forged = `${name}=${value?.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`
		const response = await get('/patients', forged)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toMatch(/^\/login\?returnTo=/)
	})
})

describe('CSRF protection on mutations', () => {
	let server: AppServer
	let foreign: string

	beforeAll(async () => {
		server = await startAppServer()
		const [row] = await server.services.database.db
			.select({ id: patients.id })
			.from(patients)
			.where(eq(patients.mrn, 'DEMO-100006'))
		foreign = row?.id ?? ''
	})
	afterAll(async () => {
		await server.stop()
	})

	const breakGlass = async (
		cookie: string,
		fields: Record<string, string>,
		headers: Record<string, string> = {},
	) =>
		fetch(`${server.base}/patients/${foreign}`, {
			method: 'POST',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
			body: new URLSearchParams(fields).toString(),
			redirect: 'manual',
		})
	const REASON = 'Covering the ward overnight: chest pain review'

	test('a form without the CSRF token is refused and the refusal recorded', async () => {
		const { cookie, userId } = await server.sessionFor('dr-rivera')
		expect((await breakGlass(cookie, { reason: REASON })).status).toBe(403)
		const events = await server.events(20)
		expect(
			events.find((e) => e.actor.userId === userId && e.action === 'access.denied')?.policy,
		).toBe('authn.csrf')
		expect(events.some((e) => e.action === 'access.break_glass')).toBe(false)
	})

	test('a form with another session’s CSRF token is refused', async () => {
		const mine = await server.sessionFor('dr-rivera')
		const other = await server.sessionFor('dr-rivera')
		expect((await breakGlass(mine.cookie, { csrf: other.csrf, reason: REASON })).status).toBe(403)
	})

	test('a request the browser marks cross-site is refused before any handler runs', async () => {
		const { cookie, csrf } = await server.sessionFor('dr-rivera')
		const response = await breakGlass(
			cookie,
			{ csrf, reason: REASON },
			{ 'Sec-Fetch-Site': 'cross-site' },
		)
		expect(response.status).toBe(403)
		expect(await response.text()).toContain('Cross-site request refused')
	})

	test('the same form with the session’s token goes through (positive control)', async () => {
		const { cookie, csrf } = await server.sessionFor('dr-rivera')
		const response = await breakGlass(cookie, { csrf, reason: REASON })
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe(`/patients/${foreign}`)
	})
})
