import { createHash, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import { base64url, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'

/**
 * A small OpenID provider for tests: discovery, JWKS, an authorization endpoint that signs the
 * user in at once, and a token endpoint that checks client_secret_basic, single use of the code and
 * the PKCE S256 verifier. Each test may choose one mutation of the ID token it issues, and can read
 * what the token endpoint decided for every request it received.
 */
export type IdTokenMutation =
	'none' | 'tampered-signature' | 'expired' | 'wrong-issuer' | 'wrong-audience' | 'wrong-nonce'

/** What the token endpoint decided, one entry per request, in order. */
export type TokenOutcome =
	| 'issued'
	| 'invalid_client'
	| 'unsupported_grant_type'
	| 'code_unknown'
	| 'code_reused'
	| 'redirect_uri_mismatch'
	| 'verifier_missing'
	| 'verifier_mismatch'

export type TestOidcProvider = {
	issuer: string
	/** The mutation applied to every ID token issued from now on. */
	idTokenMutation: IdTokenMutation
	readonly tokenRequests: { code: string | null; outcome: TokenOutcome }[]
	/** Errors thrown inside the provider's handlers; a test expects none. */
	readonly failures: unknown[]
	/** Forgets recorded requests and restores `idTokenMutation` to 'none'. */
	reset(): void
	close(): Promise<void>
}

export type TestOidcProviderOptions = {
	clientId: string
	clientSecret: string
	redirectUri: string
	/** Claims of the user who signs in; `sub` is required. */
	user: JWTPayload & { sub: string }
}

type Grant = { nonce: string | null; codeChallenge: string; used: boolean }

const KID = 'test-key-1'

export async function startTestOidcProvider(
	options: TestOidcProviderOptions,
): Promise<TestOidcProvider> {
	const { privateKey, publicKey } = await generateKeyPair('RS256')
	const jwk = { ...(await exportJWK(publicKey)), kid: KID, use: 'sig', alg: 'RS256' }
	const grants = new Map<string, Grant>()
	const app = express()

	const provider: TestOidcProvider = {
		issuer: '',
		idTokenMutation: 'none',
		tokenRequests: [],
		failures: [],
		reset() {
			provider.tokenRequests.length = 0
			provider.failures.length = 0
			provider.idTokenMutation = 'none'
		},
		close: async () => {},
	}

	app.get('/.well-known/openid-configuration', (_req, res) => {
		res.json({
			issuer: provider.issuer,
			authorization_endpoint: `${provider.issuer}/authorize`,
			token_endpoint: `${provider.issuer}/token`,
			jwks_uri: `${provider.issuer}/jwks`,
			response_types_supported: ['code'],
			subject_types_supported: ['public'],
			id_token_signing_alg_values_supported: ['RS256'],
			token_endpoint_auth_methods_supported: ['client_secret_basic'],
			code_challenge_methods_supported: ['S256'],
		})
	})

	app.get('/jwks', (_req, res) => {
		res.json({ keys: [jwk] })
	})

	app.get('/authorize', (req, res) => {
		const query = new URL(req.originalUrl, provider.issuer).searchParams
		const state = query.get('state')
		const codeChallenge = query.get('code_challenge')
		const valid =
			query.get('response_type') === 'code' &&
			query.get('client_id') === options.clientId &&
			query.get('redirect_uri') === options.redirectUri &&
			query.get('code_challenge_method') === 'S256' &&
			codeChallenge !== null
		if (!valid) {
			res.status(400).json({ error: 'invalid_request' })
			return
		}
		const code = base64url.encode(randomBytes(24))
		grants.set(code, { nonce: query.get('nonce'), codeChallenge, used: false })
		const callback = new URL(options.redirectUri)
		callback.searchParams.set('code', code)
		if (state !== null) callback.searchParams.set('state', state)
		res.redirect(302, callback.href)
	})

	app.post(
		'/token',
		express.text({ type: 'application/x-www-form-urlencoded' }),
		(req, res, next) => {
			const body: unknown = req.body
			const form = new URLSearchParams(typeof body === 'string' ? body : '')
			const code = form.get('code')
			const refuse = (outcome: TokenOutcome, status = 400, error = 'invalid_grant') => {
				provider.tokenRequests.push({ code, outcome })
				if (status === 401) res.set('www-authenticate', 'Basic realm="token"')
				res.status(status).json({ error })
			}

			const credentials = basicCredentials(req.get('authorization'))
			if (credentials?.[0] !== options.clientId || credentials[1] !== options.clientSecret) {
				return refuse('invalid_client', 401, 'invalid_client')
			}
			if (form.get('grant_type') !== 'authorization_code') {
				return refuse('unsupported_grant_type', 400, 'unsupported_grant_type')
			}
			const grant = code === null ? undefined : grants.get(code)
			if (!grant) return refuse('code_unknown')
			if (grant.used) return refuse('code_reused')
			grant.used = true // single use, whatever happens next (RFC 6749 §4.1.2)
			if (form.get('redirect_uri') !== options.redirectUri) return refuse('redirect_uri_mismatch')
			const verifier = form.get('code_verifier')
			if (verifier === null) return refuse('verifier_missing')
			if (s256(verifier) !== grant.codeChallenge) return refuse('verifier_mismatch')

			signIdToken(grant.nonce)
				.then((idToken) => {
					provider.tokenRequests.push({ code, outcome: 'issued' })
					res.set('cache-control', 'no-store').json({
						access_token: base64url.encode(randomBytes(24)),
						token_type: 'Bearer',
						expires_in: 300,
						id_token: idToken,
					})
				})
				.catch(next)
		},
	)

	app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
		provider.failures.push(error)
		res.status(500).json({ error: 'server_error' })
	})

	async function signIdToken(nonce: string | null): Promise<string> {
		const mutation = provider.idTokenMutation
		const now = Math.floor(Date.now() / 1000)
		const claims: JWTPayload = { ...options.user }
		if (mutation === 'wrong-nonce') claims.nonce = base64url.encode(randomBytes(16))
		else if (nonce !== null) claims.nonce = nonce
		const jwt = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
			.setIssuer(mutation === 'wrong-issuer' ? `${provider.issuer}/impostor` : provider.issuer)
			.setAudience(mutation === 'wrong-audience' ? 'another-client' : options.clientId)
			.setIssuedAt(mutation === 'expired' ? now - 7200 : now)
			.setExpirationTime(mutation === 'expired' ? now - 3600 : now + 300)
			.sign(privateKey)
		return mutation === 'tampered-signature' ? flipSignatureByte(jwt) : jwt
	}

	const server = app.listen(0, '127.0.0.1')
	await new Promise<void>((resolve, reject) => {
		server.once('listening', resolve)
		server.once('error', reject)
	})
	provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	provider.close = () =>
		new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()))
			server.closeAllConnections()
		})
	return provider
}

/** The client id and secret of a client_secret_basic header (RFC 6749 §2.3.1), or null. */
function basicCredentials(header: string | undefined): [string, string] | null {
	const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header ?? '')
	if (!match?.[1]) return null
	const decoded = Buffer.from(match[1], 'base64').toString('utf8')
	const colon = decoded.indexOf(':')
	if (colon < 0) return null
	const decode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '))
	try {
		return [decode(decoded.slice(0, colon)), decode(decoded.slice(colon + 1))]
	} catch {
		return null
	}
}

function s256(verifier: string): string {
	return base64url.encode(createHash('sha256').update(verifier).digest())
}

/** The same token with the first byte of its signature inverted: well formed, wrongly signed. */
function flipSignatureByte(jwt: string): string {
	const [header, payload, signature] = jwt.split('.')
	if (header === undefined || payload === undefined || signature === undefined) {
		throw new Error('not a compact JWS')
	}
	const bytes = base64url.decode(signature)
	bytes[0] = (bytes[0] ?? 0) ^ 0xff
	return `${header}.${payload}.${base64url.encode(bytes)}`
}
