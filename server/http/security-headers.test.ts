import { describe, expect, test } from 'vitest'
import { routeShape } from './edge.ts'
import { requestIdFrom } from './request-id.ts'
import { createNonce, securityHeaders } from './security-headers.ts'

describe('security headers', () => {
	const headers = securityHeaders({ nonce: 'abc123', secure: false })
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
	test('allow no plugins and no base-URI rewriting', () => {
		expect(csp).toContain("object-src 'none'")
		expect(csp).toContain("base-uri 'none'")
	})
	test('send no referrer', () => {
		expect(headers['Referrer-Policy']).toBe('no-referrer')
	})
	test('over plain HTTP: no HSTS and no upgrade (they would break a local instance)', () => {
		expect(headers['Strict-Transport-Security']).toBeUndefined()
		expect(csp).not.toContain('upgrade-insecure-requests')
	})
	test('over TLS: HSTS for two years and upgraded subresources', () => {
		const tls = securityHeaders({ nonce: 'n', secure: true })
		expect(tls['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains')
		expect(tls['Content-Security-Policy']).toContain('upgrade-insecure-requests')
	})
	test('relax styles for the Vite dev server only', () => {
		expect(csp).toContain("style-src 'self';")
		const dev = securityHeaders({ nonce: 'n', secure: false, development: true })
		expect(dev['Content-Security-Policy']).toContain("style-src 'self' 'unsafe-inline'")
	})
	test('use a fresh nonce each time', () => {
		expect(createNonce()).not.toBe(createNonce())
	})
})

describe('request ids', () => {
	test('keep a well-formed id', () => {
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

describe('the access log keeps only the first path segment', () => {
	test('of a record path', () => {
		expect(routeShape('/patients/3f2b8c1e-9d4a-4c55-8e21-0a6b7c8d9e0f/answers/42')).toBe(
			'/patients/…',
		)
	})
	test('of a path that carries a record number', () => {
		expect(routeShape('/DEMO-100001')).toBe('/:segment')
	})
	test('of a search typed into the address', () => {
		expect(routeShape('/search/whitfield')).toBe('/search/…')
	})
	test('of the root', () => {
		expect(routeShape('/')).toBe('/')
	})
})
