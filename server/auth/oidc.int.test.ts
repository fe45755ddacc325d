import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '#tests/helpers/free-port.ts'
import { startTestOidcProvider, type TestOidcProvider } from '#tests/helpers/test-oidc-provider.ts'
import { createOidcClient, type OidcClient, type OidcSettings, type PendingSignIn } from './oidc.ts'

// The relying party against a real HTTP provider (tests/helpers/test-oidc-provider.ts): nothing is
// mocked, the provider is only told how to misbehave. Every negative test also checks what the
// token endpoint decided, so that a rejection cannot come from the wrong place.

const CLIENT_ID = 'chartside-test'
const CLIENT_SECRET = 'test-secret-not-real'
const REDIRECT_URI = 'https://chartside.test/auth/callback'
const USER = {
	sub: 'synthetic-user-0001',
	name: 'Dr Test Synthetic',
	email: 'synthetic.clinician@example.test',
	roles: ['clinician'],
}

const INVALID = { code: 'AUTH_CALLBACK_INVALID' }

/** The rejection when openid-client's check of one ID token claim fails (AuthError → ClientError → check). */
const claimRejected = (code: string, claim: string) => ({
	...INVALID,
	cause: { code, cause: { cause: { claim } } },
})

let provider: TestOidcProvider
let oidc: OidcClient

function settings(issuer: string): OidcSettings {
	return {
		issuer,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		redirectUri: REDIRECT_URI,
		postLogoutRedirectUri: 'https://chartside.test/',
		scopes: 'openid profile email',
		rolesClaim: 'roles',
		allowInsecureRequests: true,
	}
}

/** Sends the "browser" to the provider and returns where the provider sends it back. */
async function signInAtProvider(): Promise<{ callbackUrl: URL; pending: PendingSignIn }> {
	const { url, pending } = await oidc.beginSignIn('/')
	const response = await fetch(url, { redirect: 'manual' })
	const location = response.headers.get('location')
	expect(response.status).toBe(302)
	expect(location).toEqual(expect.stringMatching(/^https:\/\/chartside\.test\/auth\/callback\?/))
	return { callbackUrl: new URL(location ?? ''), pending }
}

const outcomes = () => provider.tokenRequests.map((request) => request.outcome)

beforeAll(async () => {
	provider = await startTestOidcProvider({
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		redirectUri: REDIRECT_URI,
		user: USER,
	})
	oidc = createOidcClient(settings(provider.issuer))
})

afterEach(() => {
	expect(provider.failures).toEqual([])
	provider.reset()
})

afterAll(async () => {
	await provider?.close()
})

describe('OIDC sign-in: positive control', () => {
	test('a correct flow returns the verified identity with the role from the roles claim', async () => {
		const { callbackUrl, pending } = await signInAtProvider()

		const identity = await oidc.completeSignIn(callbackUrl, pending)

		expect(identity).toEqual({
			issuer: provider.issuer,
			subject: USER.sub,
			name: USER.name,
			email: USER.email,
			role: 'clinician',
			idToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
		})
		expect(pending.returnTo).toBe('/')
		expect(outcomes()).toEqual(['issued'])
	})

	test('the authorization request carries state, nonce and an S256 PKCE challenge', async () => {
		const { url, pending } = await oidc.beginSignIn('/')

		expect(url.origin + url.pathname).toBe(`${provider.issuer}/authorize`)
		expect(url.searchParams.get('state')).toBe(pending.state)
		expect(url.searchParams.get('nonce')).toBe(pending.nonce)
		expect(url.searchParams.get('code_challenge_method')).toBe('S256')
		expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
	})
})

describe('OIDC sign-in: one negative test per rejected case', () => {
	test('rejects an ID token whose signature was tampered with', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		provider.idTokenMutation = 'tampered-signature'

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(INVALID)
		expect(outcomes()).toEqual(['issued'])
	})

	test('rejects an expired ID token', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		provider.idTokenMutation = 'expired'

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(
			claimRejected('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'exp'),
		)
		expect(outcomes()).toEqual(['issued'])
	})

	test('rejects an ID token from the wrong issuer', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		provider.idTokenMutation = 'wrong-issuer'

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(
			claimRejected('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'iss'),
		)
		expect(outcomes()).toEqual(['issued'])
	})

	test('rejects an ID token for the wrong audience', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		provider.idTokenMutation = 'wrong-audience'

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(
			claimRejected('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'aud'),
		)
		expect(outcomes()).toEqual(['issued'])
	})

	test('rejects an ID token carrying the wrong nonce', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		provider.idTokenMutation = 'wrong-nonce'

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(
			claimRejected('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'nonce'),
		)
		expect(outcomes()).toEqual(['issued'])
	})

	test('rejects a callback whose state is not the one this sign-in sent', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		callbackUrl.searchParams.set('state', `${pending.state}x`)

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject(INVALID)
		// refused before the code was ever sent to the provider
		expect(outcomes()).toEqual([])
	})

	test('rejects a replayed authorization code', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		await expect(oidc.completeSignIn(callbackUrl, pending)).resolves.toMatchObject({
			subject: USER.sub,
		})

		await expect(oidc.completeSignIn(callbackUrl, pending)).rejects.toMatchObject({
			...INVALID,
			cause: { error: 'invalid_grant' },
		})
		expect(outcomes()).toEqual(['issued', 'code_reused'])
	})

	test('rejects a sign-in without the PKCE verifier before any token request', async () => {
		const { callbackUrl, pending } = await signInAtProvider()

		await expect(
			oidc.completeSignIn(callbackUrl, { ...pending, codeVerifier: '' }),
		).rejects.toMatchObject(INVALID)
		// Refused by the client itself: the code is never exchanged without PKCE.
		expect(outcomes()).toEqual([])
	})

	test('rejects a token request with a PKCE verifier that does not match the challenge', async () => {
		const { callbackUrl, pending } = await signInAtProvider()
		const { pending: other } = await oidc.beginSignIn('/')

		await expect(
			oidc.completeSignIn(callbackUrl, { ...pending, codeVerifier: other.codeVerifier }),
		).rejects.toMatchObject({ ...INVALID, cause: { error: 'invalid_grant' } })
		expect(outcomes()).toEqual(['verifier_mismatch'])
	})

	test('refuses to begin a sign-in when the issuer cannot be reached', async () => {
		const unreachable = createOidcClient(settings(`http://127.0.0.1:${await freePort()}`))

		await expect(unreachable.beginSignIn('/')).rejects.toMatchObject({
			code: 'AUTH_PROVIDER_UNAVAILABLE',
		})
	})
})
