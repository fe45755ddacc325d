import { describe, expect, test } from 'vitest'
import { createDevIdentityProvider } from './dev-idp.ts'

const OPTIONS = {
	issuer: 'http://localhost:3000/dev-idp',
	clientId: 'chartside-dev',
	clientSecret: 's'.repeat(43),
	redirectUri: 'http://localhost:3000/auth/callback',
	postLogoutRedirectUri: 'http://localhost:3000/login?signed-out=1',
	cookieKey: 'k'.repeat(43),
}

describe('the development identity provider', () => {
	test('refuses to run with NODE_ENV=production', () => {
		expect(() => createDevIdentityProvider({ ...OPTIONS, production: true })).toThrow(
			expect.objectContaining({ code: 'AUTH_DEV_IDP_IN_PRODUCTION' }),
		)
	})
	test('runs otherwise (positive control)', () => {
		expect(typeof createDevIdentityProvider({ ...OPTIONS, production: false })).toBe('function')
	})
})
