import type { Server } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, test } from 'vitest'
import { createLogger } from '../log.ts'
import { configureEdge } from './edge.ts'

let server: Server | null = null

async function serve(trustProxy: boolean): Promise<string> {
	const app = express()
	configureEdge(app, {
		log: createLogger('silent'),
		trustProxy,
		development: false,
		appOrigin: 'http://localhost:3000',
	})
	app.get('/page', (_req, res) => {
		res.send('ok')
	})
	app.post('/page', (_req, res) => {
		res.send('changed')
	})
	app.get('/assets/app.js', (_req, res) => {
		res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
		res.send('//')
	})
	return new Promise((resolve) => {
		server = app.listen(0, '127.0.0.1', () => {
			const address = server?.address()
			resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
		})
	})
}

afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve))
	server = null
})

describe('the HTTP edge without a trusted proxy', () => {
	test('ignores a client-chosen request id', async () => {
		const base = await serve(false)
		const response = await fetch(`${base}/page`, {
			headers: { 'x-request-id': 'chosen-by-client' },
		})
		expect(response.headers.get('x-request-id')).not.toBe('chosen-by-client')
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
	})
	test('does not believe X-Forwarded-Proto: no HSTS over plain HTTP', async () => {
		const base = await serve(false)
		const response = await fetch(`${base}/page`, { headers: { 'x-forwarded-proto': 'https' } })
		expect(response.headers.get('strict-transport-security')).toBeNull()
	})
	test('marks every response no-store and sends no framework banner', async () => {
		const base = await serve(false)
		const response = await fetch(`${base}/page`)
		expect(response.headers.get('cache-control')).toBe('no-store')
		expect(response.headers.get('x-powered-by')).toBeNull()
	})
	test('lets fingerprinted assets override no-store', async () => {
		const base = await serve(false)
		const response = await fetch(`${base}/assets/app.js`)
		expect(response.headers.get('cache-control')).toContain('immutable')
	})
})

describe('state-changing requests', () => {
	const post = async (headers: Record<string, string>) => {
		const base = await serve(false)
		return (await fetch(`${base}/page`, { method: 'POST', headers })).status
	}
	test('are refused when the browser marks them cross-site', async () => {
		expect(await post({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toBe(403)
	})
	test('are refused from a sibling site', async () => {
		expect(await post({ 'sec-fetch-site': 'same-site' })).toBe(403)
	})
	test('are refused from another Origin when the browser sends no Sec-Fetch-Site', async () => {
		expect(await post({ origin: 'https://evil.example' })).toBe(403)
	})
	test('pass from the app’s own pages, including Origin: null under no-referrer', async () => {
		expect(await post({ 'sec-fetch-site': 'same-origin', origin: 'null' })).toBe(200)
		expect(await post({ origin: 'http://localhost:3000' })).toBe(200)
	})
})

describe('the HTTP edge behind a trusted TLS-terminating proxy', () => {
	test('keeps the proxy’s request id', async () => {
		const base = await serve(true)
		const response = await fetch(`${base}/page`, { headers: { 'x-request-id': 'edge-7f3a9c21' } })
		expect(response.headers.get('x-request-id')).toBe('edge-7f3a9c21')
	})
	test('sends HSTS when the proxy says the request came over TLS', async () => {
		const base = await serve(true)
		const response = await fetch(`${base}/page`, { headers: { 'x-forwarded-proto': 'https' } })
		expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
	})
	test('sends no HSTS when the proxy says the request came over plain HTTP', async () => {
		const base = await serve(true)
		const response = await fetch(`${base}/page`, { headers: { 'x-forwarded-proto': 'http' } })
		expect(response.headers.get('strict-transport-security')).toBeNull()
	})
})
