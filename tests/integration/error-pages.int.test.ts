import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/**
 * With the real Remix build: when a loader fails, the page and the loader data say so in plain
 * words with a request id, and carry none of the error's text (which may hold database values).
 */
const LEAK = 'relation "patients" violates check: Whitfield DEMO-100001'

let server: AppServer
let cookie: string

beforeAll(async () => {
	server = await startAppServer()
	cookie = (await server.sessionFor('dr-rivera')).cookie
	// Make one operation fail the way a database error would, carrying PHI in its message.
	server.services.chart.listPatients = async () => {
		throw new Error(LEAK)
	}
})

afterAll(async () => {
	await server.stop()
})

describe('when a loader fails', () => {
	test('the page says so in plain words, with the request id, and no error text', async () => {
		const response = await fetch(`${server.base}/patients`, { headers: { Cookie: cookie } })
		const html = await response.text()
		expect(response.status).toBe(500)
		expect(html).toContain('Something went wrong')
		expect(html).toContain(String(response.headers.get('x-request-id')))
		expect(html).not.toContain('Whitfield')
		expect(html).not.toContain('violates check')
	})

	test('the loader data sent to the browser carries no error text either', async () => {
		const response = await fetch(`${server.base}/patients.data`, { headers: { Cookie: cookie } })
		const body = await response.text()
		expect(response.status).toBe(500)
		expect(body).not.toContain('Whitfield')
		expect(body).not.toContain('violates check')
		expect(response.headers.get('cache-control')).toBe('no-store')
	})
})
