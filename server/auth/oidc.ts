import * as client from 'openid-client'
import { ROLE_VALUES, type Role } from '#db/schema/users.ts'
import { AppError, type ErrorCode } from '../platform/errors.ts'

/**
 * The OpenID Connect relying party: authorization code flow with PKCE (S256), state and nonce,
 * through openid-client. The same code talks to Entra ID, Okta, Keycloak or the development
 * provider: discovery, JWKS and the token endpoint are always reached over HTTP.
 */
export type OidcSettings = {
	issuer: string
	clientId: string
	clientSecret: string
	redirectUri: string
	postLogoutRedirectUri: string
	scopes: string
	rolesClaim: string
	/** Only for http:// issuers (the development provider, test providers). */
	allowInsecureRequests: boolean
}

/** What the app keeps between sending the browser to the provider and its return. */
export type PendingSignIn = {
	state: string
	nonce: string
	codeVerifier: string
	returnTo: string
}

export type VerifiedIdentity = {
	issuer: string
	subject: string
	name: string
	email: string | null
	/** The Chartside role, or null when the roles claim holds none we know. */
	role: Role | null
	idToken: string
}

export type AuthErrorCode = Extract<ErrorCode, `AUTH_${string}`>

export class AuthError extends AppError {
	declare readonly code: AuthErrorCode
	constructor(code: AuthErrorCode, message: string, cause?: unknown) {
		super(code, message, { cause })
		this.name = 'AuthError'
	}
}

export type OidcClient = {
	beginSignIn(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }>
	completeSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedIdentity>
	endSessionUrl(idToken: string | null): Promise<URL | null>
}

/** Roles in order of precedence when a user's claim carries several. */
const ROLE_PRECEDENCE: readonly Role[] = ['clinician', 'intake', 'safety_reviewer', 'admin']

export function roleFromClaim(value: unknown): Role | null {
	const values = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[\s,]+/)
			: []
	const known = new Set(
		values.filter((v): v is Role => (ROLE_VALUES as readonly unknown[]).includes(v)),
	)
	return ROLE_PRECEDENCE.find((role) => known.has(role)) ?? null
}

export function createOidcClient(settings: OidcSettings): OidcClient {
	let configuration: Promise<client.Configuration> | null = null

	const discover = () => {
		configuration ??= client
			.discovery(
				new URL(settings.issuer),
				settings.clientId,
				settings.clientSecret,
				client.ClientSecretBasic(settings.clientSecret),
				{
					// Verify the ID token's signature against the provider's JWKS even though it came
					// straight from the token endpoint: openid-client otherwise relies on TLS alone.
					execute: [
						client.enableNonRepudiationChecks,
						...(settings.allowInsecureRequests ? [client.allowInsecureRequests] : []),
					],
					timeout: 10,
				},
			)
			.catch((cause: unknown) => {
				configuration = null // try again on the next sign-in
				throw new AuthError(
					'AUTH_PROVIDER_UNAVAILABLE',
					'The sign-in service could not be reached.',
					cause,
				)
			})
		return configuration
	}

	return {
		async beginSignIn(returnTo) {
			const config = await discover()
			const pending: PendingSignIn = {
				state: client.randomState(),
				nonce: client.randomNonce(),
				codeVerifier: client.randomPKCECodeVerifier(),
				returnTo,
			}
			const url = client.buildAuthorizationUrl(config, {
				redirect_uri: settings.redirectUri,
				scope: settings.scopes,
				state: pending.state,
				nonce: pending.nonce,
				code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
				code_challenge_method: 'S256',
			})
			return { url, pending }
		},

		async completeSignIn(callbackUrl, pending) {
			// Never fall back to a code exchange without PKCE, whatever the provider enforces.
			if (!pending.codeVerifier || !pending.state || !pending.nonce) {
				throw new AuthError(
					'AUTH_CALLBACK_INVALID',
					'Sign-in could not be completed. Please try again.',
				)
			}
			const config = await discover()
			let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
			try {
				tokens = await client.authorizationCodeGrant(config, callbackUrl, {
					pkceCodeVerifier: pending.codeVerifier,
					expectedState: pending.state,
					expectedNonce: pending.nonce,
					idTokenExpected: true,
				})
			} catch (cause) {
				throw new AuthError(
					'AUTH_CALLBACK_INVALID',
					'Sign-in could not be completed. Please try again.',
					cause,
				)
			}
			const claims = tokens.claims()
			const idToken = tokens.id_token
			if (!claims || !idToken) {
				throw new AuthError(
					'AUTH_CALLBACK_INVALID',
					'Sign-in could not be completed. Please try again.',
				)
			}
			const name = typeof claims.name === 'string' ? claims.name : claims.sub
			return {
				issuer: claims.iss,
				subject: claims.sub,
				name,
				email: typeof claims.email === 'string' ? claims.email : null,
				role: roleFromClaim(claims[settings.rolesClaim]),
				idToken,
			}
		},

		async endSessionUrl(idToken) {
			const config = await discover().catch(() => null)
			if (!config?.serverMetadata().end_session_endpoint) return null
			return client.buildEndSessionUrl(config, {
				post_logout_redirect_uri: settings.postLogoutRedirectUri,
				...(idToken ? { id_token_hint: idToken } : {}),
			})
		},
	}
}
