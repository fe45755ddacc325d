import { describe, expect, test } from 'vitest'
import { redactIds } from './app.ts'
import { requestIdFrom } from './request-id.ts'
import { createNonce, securityHeaders } from './security-headers.ts'

describe('security headers', () => {
	const headers = securityHeaders({ nonce: 'abc123', production: false })
	const csp = headers['Content-Security-Policy'] ?? ''

	test('forbid framing', () => {
		expect(csp).toContain("frame-ancestors 'none'")
		expect(headers['X-Frame-Options']).toBe('DENY')
	})
	test('allow scripts only from this origin or with the response nonce', () => {
		expect(csp).toContain("script-src 'self' 'nonce-abc123'")
		expect(csp).not.toContain('unsafe-inline')
		expect(csp).not.toContain('unsafe-eval')
	})
	test('send no referrer', () => {
		expect(headers['Referrer-Policy']).toBe('no-referrer')
	})
	test('turn on HSTS only in production', () => {
		expect(headers['Strict-Transport-Security']).toBeUndefined()
		expect(securityHeaders({ nonce: 'n', production: true })['Strict-Transport-Security']).toMatch(
			/max-age=\d+/,
		)
	})
	test('relax styles for the Vite dev server only', () => {
		expect(csp).toContain("style-src 'self';")
		expect(
			securityHeaders({ nonce: 'n', production: false, development: true })[
				'Content-Security-Policy'
			],
		).toContain("style-src 'self' 'unsafe-inline'")
	})
	test('use a fresh nonce each time', () => {
		expect(createNonce()).not.toBe(createNonce())
	})
})

describe('request ids', () => {
	test('keep a well-formed id from a proxy', () => {
		expect(requestIdFrom('edge-7f3a9c21')).toBe('edge-7f3a9c21')
	})
	test('replace an id that could inject into logs', () => {
		expect(requestIdFrom('x"\n{"level":"error"}')).toMatch(/^[0-9a-f-]{36}$/)
	})
	test('replace an over-long id', () => {
		expect(requestIdFrom('a'.repeat(200))).toMatch(/^[0-9a-f-]{36}$/)
	})
	test('generate one when none is sent', () => {
		expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/)
	})
})

describe('logged routes', () => {
	test('keep the shape of a path but not its record ids', () => {
		expect(redactIds('/patients/3f2b8c1e-9d4a-4c55-8e21-0a6b7c8d9e0f/answers/42')).toBe(
			'/patients/:id/answers/:n',
		)
	})
})
