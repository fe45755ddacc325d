import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startAppServer, type AppServer } from './app-server.ts'
import { freePort } from './free-port.ts'
import { CookieJar, SESSION_COOKIE, SignInRefusedError, signInOverHttp } from './http-sign-in.ts'

/**
 * The HTTP sign-in helper against the real app and its development identity provider: a demo
 * user gets a working session and CSRF token; a credential the provider does not accept, or an
 * account without a Chartside role, gets none.
 */
let server: AppServer

beforeAll(async () => {
	// The provider's issuer is APP_URL/dev-idp: the app must listen where APP_URL says.
	const port = await freePort()
	server = await startAppServer({ PORT: String(port), APP_URL: `http://127.0.0.1:${port}` })
}, 180_000)
afterAll(async () => {
	await server?.stop()
})

describe('signing in over HTTP', () => {
	test('a clinician gets a session that opens pages, its CSRF token, and a sign-in record', async () => {
		const session = await signInOverHttp(server.base, 'dr-rivera')
		expect(session.cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=.+`))
		expect(session.landedOn).toBe('/patients')
		expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/)
		const page = await fetch(`${server.base}/patients`, {
			headers: { cookie: session.cookie },
			redirect: 'manual',
		})
		expect(page.status).toBe(200)
		const events = await server.events(20)
		expect(
			events.find((e) => e.action === 'auth.sign_in' && e.requestId === session.signInRequestId),
		).toMatchObject({ decision: 'allow', actor: { role: 'clinician' } })
	})

	test('the token is the session’s own: a mutation with it goes through CSRF to the handler', async () => {
		const session = await signInOverHttp(server.base, 'dr-rivera')
		const ask = (csrf: string) =>
			fetch(`${server.base}/patients/not-a-patient/ask`, {
				method: 'POST',
				headers: {
					cookie: session.cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'sec-fetch-site': 'same-origin',
				},
				body: new URLSearchParams({ csrf, question: 'Is the patient taking apixaban?' }),
				redirect: 'manual',
			})
		// Past the CSRF check the service answers for the malformed id; without the token, 403.
		expect((await ask(session.csrf)).status).toBe(404)
		expect((await ask('forged')).status).toBe(403)
	})
})

describe('signing in over HTTP refuses, one test per case', () => {
	test('an account the provider does not accept: no session', async () => {
		const jar = new CookieJar()
		const refused = await signInOverHttp(server.base, 'dr-impostor', { jar }).catch(
			(error: unknown) => error,
		)
		expect(refused).toBeInstanceOf(SignInRefusedError)
		expect(refused).toMatchObject({ status: 400 })
		expect(jar.get(new URL(server.base).origin, SESSION_COOKIE)).toBeNull()
	})

	test('an account without a Chartside role: no session, sent to the no-access page', async () => {
		const jar = new CookieJar()
		const refused = await signInOverHttp(server.base, 'student-park', { jar }).catch(
			(error: unknown) => error,
		)
		expect(refused).toBeInstanceOf(SignInRefusedError)
		expect(refused).toMatchObject({ endedAt: '/auth/no-access' })
		expect(jar.get(new URL(server.base).origin, SESSION_COOKIE)).toBeNull()
		expect((await server.events(5)).some((e) => e.action === 'auth.sign_in_refused')).toBe(true)
	})
})
