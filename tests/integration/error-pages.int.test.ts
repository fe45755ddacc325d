import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseConfig } from '#server/config/index.ts'
import { createHttpApp } from '#server/http/app.ts'
import { createLogger } from '#server/log.ts'
import type { Services } from '#server/services.ts'

/**
 * With the real Remix build: when a loader fails, the page and the loader data say so in plain
 * words with a request id, and carry none of the error's text (which may hold database values).
 * Needs `npm run build` first (npm test and npm run test:int do it).
 */
const BUILD = 'build/server/index.js'
const LEAK = 'relation "patients" violates check: Whitfield DEMO-100001'

let server: Server
let base: string

beforeAll(async () => {
	if (!existsSync(BUILD))
		throw new Error(`${BUILD} is missing: run \`npm run build\` before the integration tests`)
	const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild
	const failing = {
		kind: 'embedded' as const,
		pglite: null,
		db: {
			select() {
				throw new Error(LEAK)
			},
		},
		query: () => Promise.reject(new Error(LEAK)),
		ping: () => Promise.resolve(),
		close: () => Promise.resolve(),
	}
	const services = {
		config: parseConfig({}),
		log: createLogger('silent'),
		database: failing,
		ledgerStore: failing,
		close: () => Promise.resolve(),
	} as unknown as Services
	const app = createHttpApp({ services, build, clientDir: 'build/client' })
	await new Promise<void>((resolve) => {
		server = app.listen(0, '127.0.0.1', () => resolve())
	})
	const address = server.address()
	base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve))
})

describe('when a loader fails', () => {
	test('the page says so in plain words, with the request id, and no error text', async () => {
		const response = await fetch(`${base}/`)
		const html = await response.text()
		expect(response.status).toBe(500)
		expect(html).toContain('Something went wrong')
		expect(html).toContain(String(response.headers.get('x-request-id')))
		expect(html).not.toContain('Whitfield')
		expect(html).not.toContain('violates check')
	})

	test('the loader data sent to the browser carries no error text either', async () => {
		const response = await fetch(`${base}/_root.data`)
		const body = await response.text()
		expect(response.status).toBe(500)
		expect(body).not.toContain('Whitfield')
		expect(body).not.toContain('violates check')
		expect(response.headers.get('cache-control')).toBe('no-store')
	})
})
